"""How fast the historical import goes: a CSV of rows as an old system exports them (headers in
Traditional Chinese, the way a Hong Kong office writes them), run through the same import as
`manage.py import_complaints` (read, check, number, find the complainants, write, index)."""

import csv
import io
import time
from datetime import timedelta
from random import Random

from django.core.files.base import ContentFile
from django.utils import timezone

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.transfer.importing import import_run_configure, import_run_start
from complaintdesk.transfer.models import ImportMode
from complaintdesk.transfer.running import import_run_execute

from .dataset import OrgShape, org_shapes
from .texts import THEMES, complaint_text, person_name

IMPORT_ROWS = 10_000
HEADER = (
    *("投訴編號", "投訴日期", "結案日期", "狀態", "單位", "屋苑"),
    *("分類", "投訴人", "電話", "標題", "投訴內容"),
)


def import_file(shape: OrgShape, rows: int, stamp: str) -> bytes:
    """`rows` closed complaints of the organisation over the last two years, each with an old
    number of its own (so that every run imports them again as new)."""
    rng, now = Random(7), timezone.now()
    # A site's complaints are handled by the unit above it (the district's office).
    codes = dict(OrgUnit.objects.filter(organisation=shape.organisation).values_list("pk", "code"))
    handled_by = {s.pk: codes[s.parent_id] for s in shape.sites if s.parent_id is not None}
    sites = [site for site in shape.sites if site.pk in handled_by]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(rows):
        received = now - timedelta(days=rng.uniform(60, 730))
        subject, description = complaint_text(rng, "zh-hant", rng.randrange(len(THEMES)))
        site = rng.choice(sites)
        person = rng.randrange(rows // 3)
        writer.writerow(
            (
                f"OLD-{stamp}-{n}",
                received.strftime("%Y-%m-%d %H:%M"),
                (received + timedelta(days=rng.uniform(1, 30))).strftime("%Y-%m-%d"),
                "已結案",
                handled_by[site.pk],
                site.code,
                rng.choice(shape.categories).code if shape.categories else "",
                person_name(Random(person), "zh-hant"),
                f"5{person:07d}",
                subject,
                description,
            )
        )
    return out.getvalue().encode("utf-8-sig")


def import_measure(rows: int = IMPORT_ROWS) -> dict[str, float | int]:
    by = User.objects.get(username="hk.hq")
    shape = next(s for s in org_shapes(rows) if s.organisation.code == "hk-property")
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    upload = ContentFile(import_file(shape, rows, stamp), name=f"bench-import-{stamp}.csv")
    began = time.perf_counter()
    run = import_run_start(
        by=by,
        organisation=shape.organisation,
        source_name="benchmark import",
        upload=upload,
        language="en",
    )
    import_run_configure(
        run,
        by=by,
        mapping=run.mapping,
        defaults={},
        mode=ImportMode.VALID_ONLY,
        dry_run=False,
        enqueue=False,
    )
    run = import_run_execute(run.pk)
    elapsed = time.perf_counter() - began
    return {
        "import_rows": run.created_count,
        "import_invalid_rows": run.invalid_count,
        "import_rows_per_s": round(run.created_count / elapsed, 1),
    }
