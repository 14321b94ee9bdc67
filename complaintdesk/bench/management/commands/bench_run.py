"""python manage.py bench_run --base URL: time the pages (bench/cases.py) against a server that
serves this database, as each level of staff, and write bench/results/latest.json."""

import json
import platform
import subprocess
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.utils import timezone

from complaintdesk.accounts.models import User
from complaintdesk.bench.cases import ROLES, cases_for
from complaintdesk.bench.dataset import bench_loaded
from complaintdesk.bench.http_client import Staff
from complaintdesk.bench.importing import IMPORT_ROWS, import_measure
from complaintdesk.sla.choices import ClockState
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.sla.services import sla_sweep

TARGETS = {
    "queue_p95_ms": 50,
    "search_zh_p95_ms": 100,
    "search_en_p95_ms": 100,
    "sla_sweep_s": 2,
    "sla_backlog_sweep_s": 2,
    "web_rss_mb": 150,
    "dashboard_ms": 300,
    "people_ms": 300,
}
# Floors rather than ceilings.
AT_LEAST = {"import_rows_per_s": 10_000, "intake_ratio_vs_baseline": 0.5}
# Deadlines made to pass at once for the backlog sweep (the figure).
BACKLOG = 1000


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Time the workspace's pages over HTTP against a running server of this database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base", default="http://127.0.0.1:8091")
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--server-pid", type=int, default=0)
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "bench" / "results"))
        parser.add_argument("--extra", default="", help="a JSON file of figures to merge in")
        parser.add_argument(
            "--import-rows",
            type=int,
            default=IMPORT_ROWS,
            help="rows of the timed import (0: none); each run adds them to the data set",
        )

    def handle(
        self,
        *args,
        base: str,
        repeat: int,
        server_pid: int,
        out: str,
        extra: str,
        import_rows: int,
        **options,
    ):
        n = bench_loaded()
        rows: list[dict[str, str | float | int]] = []
        for username, who in ROLES:
            user = User.objects.get(username=username)
            staff = Staff(base, username)
            for case in cases_for(user, n):
                staff.timed_get(case.path)  # warm: the first read of a page pays the cache
                samples, status = [], 0
                for _ in range(repeat):
                    ms, status, _body = staff.timed_get(case.path)
                    samples.append(ms)
                rows.append(
                    {
                        "role": who,
                        "group": case.group,
                        "case": case.name,
                        "status": status,
                        "p50_ms": round(sorted(samples)[len(samples) // 2], 1),
                        "p95_ms": round(_p95(samples), 1),
                    }
                )
                line = f"{who:17} {case.group:9} {case.name[:44]:44} {rows[-1]['p95_ms']:8.1f} ms"
                self.stdout.write(f"{line}  {status}")
        sweeps = _sweeps()
        imported = import_measure(import_rows) if import_rows else {}

        def worst(group: str) -> float | None:
            found = [float(row["p95_ms"]) for row in rows if row["group"] == group]
            return max(found) if found else None

        result = {
            "n_complaints": n,
            "db": connection.vendor,
            "measured_at": timezone.now().isoformat(),
            "machine": f"{platform.machine()}, {subprocess.getoutput('nproc')} cores",
            "queue_p95_ms": max(filter(None, [worst("queue"), worst("deep")]), default=None),
            "queue_first_page_p95_ms": worst("queue"),
            "queue_deep_p95_ms": worst("deep"),
            "search_zh_p95_ms": worst("search_zh"),
            "search_en_p95_ms": worst("search_en"),
            "reference_p95_ms": worst("reference"),
            "detail_p95_ms": worst("detail"),
            "dashboard_ms": worst("dashboard"),
            "people_ms": worst("people"),
            **sweeps,
            **imported,
            "web_rss_mb": _rss_mb(server_pid) if server_pid else None,
            "pages": rows,
        }
        if extra and Path(extra).exists():
            result.update(json.loads(Path(extra).read_text()))
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(result, ensure_ascii=False, indent=1)
        (folder / "latest.json").write_text(text)
        (folder / f"{connection.vendor}-{n}.json").write_text(text)
        self.stdout.write("")
        for key in (
            "queue_first_page_p95_ms",
            "queue_deep_p95_ms",
            "search_zh_p95_ms",
            "search_en_p95_ms",
            "reference_p95_ms",
            "detail_p95_ms",
            "dashboard_ms",
            "people_ms",
            "sla_sweep_s",
            "sla_backlog_sweep_s",
            "import_rows_per_s",
            "intake_ratio_vs_baseline",
            "web_rss_mb",
        ):
            self.stdout.write(f"{key:26} {result.get(key)}{_against_target(key, result.get(key))}")


def _against_target(key: str, value: object) -> str:
    if not isinstance(value, int | float):
        return ""
    ceiling = TARGETS.get(key.replace("_first_page", "").replace("_deep", ""))
    if ceiling is not None:
        return "  ok" if value <= ceiling else f"  over {ceiling}"
    floor = AT_LEAST.get(key)
    if floor is not None:
        return "  ok" if value >= floor else f"  under {floor}"
    return ""


def _sweeps() -> dict[str, float | int]:
    """One sweep with nothing due, what every minute costs (a sweep of ten years ago finds no
    deadline passed, whatever the data set's clocks); and one that finds BACKLOG deadlines
    passed at once, as after a worker was down for a while: BACKLOG running clocks are made
    due a minute ago, so each run of the benchmark breaches BACKLOG more."""
    now = timezone.now()
    began = time.perf_counter()
    sla_sweep(now - timedelta(days=3650))
    idle = time.perf_counter() - began
    late = ComplaintClock.objects.filter(state=ClockState.RUNNING).order_by("-pk")[:BACKLOG]
    ComplaintClock.objects.filter(pk__in=list(late.values_list("pk", flat=True))).update(
        due_at=now - timedelta(minutes=1), next_warning_at=None
    )
    began = time.perf_counter()
    report = sla_sweep(now, batch=BACKLOG)
    backlog = time.perf_counter() - began
    return {
        "sla_sweep_s": round(idle, 3),
        "sla_backlog_sweep_s": round(backlog, 3),
        "sla_backlog_breaches": report.breaches,
        "sla_backlog_escalations": report.escalations,
    }


def _rss_mb(pid: int) -> float | None:
    """The largest resident set of the server's worker processes (children of `pid`)."""
    children = subprocess.getoutput(f"pgrep -P {pid}").split()
    sizes = []
    for child in children:
        status = Path(f"/proc/{child}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
    return round(max(sizes), 1) if sizes else None
