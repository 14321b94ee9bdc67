"""The import pages, through the test client: who is offered them, the upload with its guessed
mapping, a dry run and then the import, the problems download, refusals in the user's
language, another organisation's runs kept out of sight, and the progress fragment's reload."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import CategoryFactory, org_tree, staff
from complaintdesk.transfer.importing import import_run_configure, import_run_start
from complaintdesk.transfer.models import ImportMode, ImportRun, ImportStatus
from complaintdesk.transfer.running import import_run_execute

pytestmark = pytest.mark.django_db

HEADER = "投訴編號,投訴日期,結案日期,狀態,單位,分類,投訴人,電話,電郵,標題,投訴內容\n"


def _rows(tree, count: int) -> list[str]:
    return [
        f"OLD-{n},2024-03-0{n} 10:00,2024-03-1{n},已結案,{tree.district.code},SVC,陳大文,"
        f"9123 456{n},,電梯故障 {n},大堂電梯停了{n}日"
        for n in range(1, count + 1)
    ]


def _with_two_invalid_rows(tree) -> list[str]:
    """Two good rows, one naming a unit nobody has, one with no date."""
    return [
        *_rows(tree, 2),
        "OLD-3,2024-03-03,2024-03-13,已結案,NOPE,SVC,李小姐,91234500,,標題,內容",
        f"OLD-4,,2024-03-13,已結案,{tree.district.code},SVC,李小姐,91234501,,標題,內容",
    ]


def _csv_file(lines: list[str], name: str = "舊系統.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + "\n".join(lines) + "\n").encode("utf-8-sig"))


def _signed_in(user, **headers) -> Client:
    client = Client(headers=headers)
    client.force_login(user)
    return client


def _select(html: str, name: str) -> str:
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert found, f"no select {name}"
    return found.group(1)


def _selected(html: str, name: str) -> str | None:
    chosen = re.search(r'<option value="([^"]*)"[^>]*\bselected\b', _select(html, name))
    return chosen.group(1) if chosen else None


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def importer(tree):
    CategoryFactory(organisation=tree.organisation, code="SVC")
    return staff(Role.HQ_COMPLAINTS, tree.head_office)


def _uploaded(client: Client, tree, lines: list[str], name: str = "舊系統.csv") -> ImportRun:
    # The organisation is a hidden field when the user imports for one only, as here.
    data = {"organisation": tree.organisation.pk, "source": "Old CRM"}
    response = client.post(reverse("imports:list"), {**data, "file": _csv_file(lines, name)})
    run = ImportRun.objects.latest("id")
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    return run


def _mapping_post(run: ImportRun, go: str, **changes: str) -> dict[str, str]:
    """The mapping form as the page offers it (the guess left as it is), with `changes`."""
    data = {f"map_{field}": header for field, header in run.mapping.items()}
    data.update(mode=ImportMode.VALID_ONLY, go=go)
    data.update(changes)
    return data


def test_a_handler_is_offered_no_import_and_the_page_is_not_found(tree):
    # Given a handler at a district
    client = _signed_in(staff(Role.HANDLER, tree.district))
    # When they open the queue, and then the import page by its address
    queue = client.get(reverse("complaints:list"))
    imports = client.get(reverse("imports:list"))
    # Then the nav has no "Import", and the page does not exist for them
    assert queue.status_code == 200
    assert 'data-testid="nav-imports"' not in _text(queue)
    assert imports.status_code == 404


def test_a_head_office_complaints_officer_finds_import_in_the_nav(tree, importer):
    client = _signed_in(importer)
    queue = client.get(reverse("complaints:list"))
    assert f'href="{reverse("imports:list")}" data-testid="nav-imports"' in _text(queue)
    assert client.get(reverse("imports:list")).status_code == 200


def test_the_upload_offers_earlier_sources_by_name_and_only_table_files(tree, importer):
    # Given a file imported before from "Old CRM"
    client = _signed_in(importer)
    _uploaded(client, tree, _rows(tree, 1))
    # When the import page is opened again
    page = _text(client.get(reverse("imports:list")))
    # Then the source field suggests that name (whose mapping is remembered), and the file
    # picker asks for the kinds of file that can be read
    assert re.search(r'<input type="text" name="source"[^>]*list="sources"', page)
    assert '<datalist id="sources"><option value="Old CRM"></datalist>' in page
    assert 'accept=".csv,.txt,.xlsx"' in page


def test_an_uploaded_file_opens_its_run_with_the_guessed_mapping_chosen(tree, importer):
    # Given a CSV whose headers are in Traditional Chinese
    client = _signed_in(importer)
    # When it is uploaded
    run = _uploaded(client, tree, _rows(tree, 2))
    page = _text(client.get(run.get_absolute_url()))
    # Then its run page offers the mapping with each column already chosen for its field
    assert run.status == ImportStatus.WAITING_FOR_MAPPING
    assert _selected(page, "map_received_at") == "投訴日期"
    assert _selected(page, "map_subject") == "標題"
    assert _selected(page, "map_complainant_name") == "投訴人"
    assert _selected(page, "map_phone") == "電話"
    assert _selected(page, "map_unit") == "單位"
    assert _selected(page, "map_site") in ("", None)  # no column for it: nothing guessed
    assert 'data-testid="dry-run"' in page


def test_a_dry_run_shows_the_counts_and_the_invalid_rows_and_writes_nothing(
    tree, importer, django_capture_on_commit_callbacks
):
    client = _signed_in(importer)
    run = _uploaded(client, tree, _with_two_invalid_rows(tree))
    # When the guessed mapping is sent with "Dry run"
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(run.get_absolute_url(), _mapping_post(run, "dry_run"))
    # Then the worker has read the file, and the run page says what an import would do
    assert sent.status_code == 302
    page = _text(client.get(run.get_absolute_url()))
    assert re.search(r'data-testid="created">2<', page)
    assert re.search(r'data-testid="invalid">2<', page)
    problems = re.search(r'<table class="queue" data-testid="problems">(.*?)</table>', page, re.S)
    assert problems
    cells = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", problems[1])
    assert [(row, column) for row, column, _message in cells] == [("4", "單位"), ("5", "投訴日期")]
    assert "NOPE" in cells[0][2]
    assert 'data-testid="import-now"' in page
    assert not Complaint.objects.exists()


def test_import_now_after_a_dry_run_imports_the_valid_rows(
    tree, importer, django_capture_on_commit_callbacks
):
    # Given a dry run of a file with two good rows and two bad ones
    client = _signed_in(importer)
    run = _uploaded(client, tree, _with_two_invalid_rows(tree))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(run.get_absolute_url(), _mapping_post(run, "dry_run"))
    # When "Import now" is pressed
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("imports:again", args=[run.pk]))
    # Then the two good rows are complaints, and the page says so (no longer as a dry run)
    assert sent.status_code == 302
    page = _text(client.get(run.get_absolute_url()))
    assert set(Complaint.objects.values_list("external_id", flat=True)) == {"OLD-1", "OLD-2"}
    assert re.search(r'data-testid="created">2<', page)
    assert 'data-testid="import-now"' not in page
    run.refresh_from_db()
    assert (run.dry_run, run.status) == (False, ImportStatus.DONE)


def test_the_import_button_imports_without_a_dry_run_first(
    tree, importer, django_capture_on_commit_callbacks
):
    client = _signed_in(importer)
    run = _uploaded(client, tree, _rows(tree, 3))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(run.get_absolute_url(), _mapping_post(run, "import"))
    assert Complaint.objects.count() == 3


def test_all_or_nothing_with_invalid_rows_offers_no_import_now(
    tree, importer, django_capture_on_commit_callbacks
):
    client = _signed_in(importer)
    run = _uploaded(client, tree, _with_two_invalid_rows(tree))
    data = _mapping_post(run, "dry_run", mode=ImportMode.ALL_OR_NOTHING)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(run.get_absolute_url(), data)
    page = _text(client.get(run.get_absolute_url()))
    assert 'data-testid="import-now"' not in page
    assert re.search(r'data-testid="invalid">2<', page)


def test_the_problems_download_lists_each_invalid_row_and_why_for_excel(
    tree, importer, django_capture_on_commit_callbacks
):
    client = _signed_in(importer)
    run = _uploaded(client, tree, _with_two_invalid_rows(tree))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(run.get_absolute_url(), _mapping_post(run, "dry_run"))
    # When the invalid rows are downloaded
    response = client.get(reverse("imports:problems", args=[run.pk]))
    # Then Excel gets UTF-8 it recognises by its BOM, a header, and a row per problem
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="import-{run.pk}-problems.csv"' in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == ["Row", "Column", "Problem"]
    assert [(row, column) for row, column, _message in rows] == [("4", "單位"), ("5", "投訴日期")]
    assert "NOPE" in rows[0][2] and all(message for _row, _column, message in rows)


@pytest.mark.parametrize("how", ["accept-language", "cookie"])
def test_a_mapping_missing_a_required_column_is_refused_in_the_users_language(tree, importer, how):
    # Given a user reading in Traditional Chinese, by their browser's wish or the switcher
    if how == "cookie":
        client = _signed_in(importer)
        client.cookies["django_language"] = "zh-hant"
    else:
        client = _signed_in(importer, **{"Accept-Language": "zh-Hant-HK,zh;q=0.8"})
    run = _uploaded(client, tree, _rows(tree, 2))
    # When the mapping is sent without the date received
    response = client.post(
        run.get_absolute_url(), _mapping_post(run, "dry_run", map_received_at="")
    )
    # Then the page stays, and says what is missing in their language
    assert response.status_code == 200
    page = _text(response)
    with translation.override("zh-hant"):
        missing = gettext("Choose the column for “%(field)s”.") % {"field": gettext("Received at")}
        incomplete = gettext("The column mapping is not complete:")
    assert '<html lang="zh-hant">' in page
    assert incomplete in page and missing in page
    assert "Choose the column for" not in page  # not left in English
    run.refresh_from_db()
    assert run.status == ImportStatus.WAITING_FOR_MAPPING


def test_another_organisations_run_is_not_found(tree, importer):
    # Given a run of another organisation
    elsewhere = org_tree()
    CategoryFactory(organisation=elsewhere.organisation, code="SVC")
    theirs = import_run_start(
        by=staff(Role.HQ_COMPLAINTS, elsewhere.head_office),
        organisation=elsewhere.organisation,
        source_name="Old CRM",
        upload=_csv_file(_rows(elsewhere, 1)),
        language="en",
    )
    client = _signed_in(importer)
    # When this organisation's importer asks for any of its pages
    run_page = client.get(theirs.get_absolute_url())
    sent = client.post(theirs.get_absolute_url(), _mapping_post(theirs, "import"))
    progress = client.get(reverse("imports:progress", args=[theirs.pk]))
    problems = client.get(reverse("imports:problems", args=[theirs.pk]))
    again = client.post(reverse("imports:again", args=[theirs.pk]))
    listed = _text(client.get(reverse("imports:list")))
    # Then there is no such page, and it is not among their earlier imports either
    codes = [r.status_code for r in (run_page, sent, progress, problems, again)]
    assert codes == [404] * 5
    assert theirs.get_absolute_url() not in listed
    theirs.refresh_from_db()
    assert theirs.status == ImportStatus.WAITING_FOR_MAPPING


def test_the_progress_fragment_polls_while_the_run_is_active_and_then_asks_for_a_reload(
    tree, importer
):
    client = _signed_in(importer)
    run = _uploaded(client, tree, _rows(tree, 2))
    import_run_configure(
        run, by=importer, mapping=run.mapping, defaults={}, mode=ImportMode.VALID_ONLY,
        dry_run=True, enqueue=False,
    )  # fmt: skip
    progress = reverse("imports:progress", args=[run.pk])
    # While it waits for the worker, the fragment polls itself and the page offers no mapping
    waiting = client.get(progress)
    assert "HX-Refresh" not in waiting
    assert f'hx-get="{progress}"' in _text(waiting)
    assert 'data-testid="mapping"' not in _text(client.get(run.get_absolute_url()))
    # Once the worker is done, the fragment stops polling and has the page reload
    import_run_execute(run.pk)
    done = client.get(progress)
    assert done["HX-Refresh"] == "true"
    assert "hx-get" not in _text(done)


@pytest.mark.parametrize("name", ["setup.exe", "complaints.pdf"])
def test_a_file_that_is_not_a_table_is_refused_saying_which_files_are(tree, importer, name):
    client = _signed_in(importer)
    upload = SimpleUploadedFile(name, b"MZ\x90\x00 not a table")
    data = {"organisation": tree.organisation.pk, "source": "Old CRM", "file": upload}
    response = client.post(reverse("imports:list"), data)
    assert response.status_code == 200
    assert "Only CSV and Excel (.xlsx) files can be imported." in _text(response)
    assert not ImportRun.objects.exists()
