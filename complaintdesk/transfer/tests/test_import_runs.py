"""Importing historical complaints from a file: the dry run, the two modes, re-runs, and the
quiet arrival (no clocks, no letters) of complaints that were handled long ago elsewhere."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.complaints.selectors import complaint_queue
from complaintdesk.complaints.tests.factories import CategoryFactory, staff
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.customers.models import Complainant
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.transfer.importing import import_run_configure, import_run_start
from complaintdesk.transfer.models import ImportMode, ImportRun, ImportStatus
from complaintdesk.transfer.running import import_run_execute

HK = ZoneInfo("Asia/Hong_Kong")

HEADER = "投訴編號,投訴日期,結案日期,狀態,單位,分類,投訴人,電話,電郵,標題,投訴內容\n"


def csv_file(lines: list[str], name: str = "old.csv", encoding: str = "utf-8-sig"):
    return SimpleUploadedFile(name, (HEADER + "\n".join(lines) + "\n").encode(encoding))


def rows(tree, count: int = 3) -> list[str]:
    district = tree.district.code
    return [
        f"OLD-{n},2024-03-0{n} 10:00,2024-03-1{n},已結案,{district},SVC,陳大文,9123 4567,,"
        f"電梯故障 {n},大堂電梯停了{n}日"
        for n in range(1, count + 1)
    ]


@pytest.fixture
def importer(tree):
    CategoryFactory(organisation=tree.organisation, code="SVC")
    return staff(Role.HQ_COMPLAINTS, tree.head_office)


def run_file(importer, tree, upload, *, mode=ImportMode.VALID_ONLY, dry_run=False) -> ImportRun:
    run = import_run_start(
        by=importer,
        organisation=tree.organisation,
        source_name="Old CRM",
        upload=upload,
        language="en",
    )
    import_run_configure(
        run, by=importer, mapping=run.mapping, defaults={}, mode=mode, dry_run=dry_run,
        enqueue=False,
    )  # fmt: skip
    return import_run_execute(run.pk)


def test_headers_in_traditional_chinese_are_mapped_without_help(tree, importer):
    # Given a CSV with the headers a Hong Kong office writes
    # When it is uploaded
    run = import_run_start(
        by=importer,
        organisation=tree.organisation,
        source_name="Old CRM",
        upload=csv_file(rows(tree)),
        language="en",
    )
    # Then every column is matched to its field
    assert run.mapping == {
        "external_id": "投訴編號",
        "received_at": "投訴日期",
        "closed_at": "結案日期",
        "status": "狀態",
        "unit": "單位",
        "category": "分類",
        "complainant_name": "投訴人",
        "phone": "電話",
        "email": "電郵",
        "subject": "標題",
        "description": "投訴內容",
    }
    assert run.status == ImportStatus.WAITING_FOR_MAPPING


def test_dry_run_reports_every_invalid_row_and_writes_nothing(tree, importer):
    # Given a file with two good rows, a row with an unknown unit and one with no date
    lines = [
        *rows(tree, 2),
        "OLD-3,2024-03-03,2024-03-13,已結案,NOPE,SVC,李小姐,91234500,,標題,內容",
        f"OLD-4,,2024-03-13,已結案,{tree.district.code},SVC,李小姐,91234500,,標題,內容",
    ]
    # When it is dry run
    run = run_file(importer, tree, csv_file(lines), dry_run=True)
    # Then the two bad rows are reported by row number and column, the two good ones counted
    # as what an import would create, and nothing is written
    assert run.status == ImportStatus.DONE
    assert (run.processed_rows, run.invalid_count, run.created_count) == (4, 2, 2)
    assert [(p["row"], p["column"]) for p in run.problems] == [(4, "單位"), (5, "投訴日期")]
    assert "NOPE" in run.problems[0]["message"]
    assert not Complaint.objects.exists()


def test_valid_rows_only_imports_the_good_rows_and_lists_the_bad(tree, importer):
    lines = [*rows(tree, 2), "OLD-3,2024-03-03,,已結案,NOPE,SVC,李小姐,91234500,,標題,內容"]
    run = run_file(importer, tree, csv_file(lines), mode=ImportMode.VALID_ONLY)
    assert (run.created_count, run.invalid_count) == (2, 1)
    assert Complaint.objects.count() == 2


def test_all_or_nothing_imports_nothing_when_one_row_is_invalid(tree, importer):
    lines = [*rows(tree, 2), "OLD-3,2024-03-03,,已結案,NOPE,SVC,李小姐,91234500,,標題,內容"]
    run = run_file(importer, tree, csv_file(lines), mode=ImportMode.ALL_OR_NOTHING)
    assert (run.created_count, run.invalid_count) == (0, 1)
    assert not Complaint.objects.exists()


def test_all_or_nothing_imports_everything_when_every_row_is_valid(tree, importer):
    run = run_file(importer, tree, csv_file(rows(tree, 3)), mode=ImportMode.ALL_OR_NOTHING)
    assert (run.created_count, run.invalid_count) == (3, 0)
    assert Complaint.objects.count() == 3


def test_running_the_same_file_again_creates_no_duplicates(tree, importer):
    # Given a file imported once
    run_file(importer, tree, csv_file(rows(tree, 3)))
    # When the same file (and then a later one with one more row) is imported again
    again = run_file(importer, tree, csv_file(rows(tree, 3)))
    later = run_file(importer, tree, csv_file(rows(tree, 4)))
    # Then only the new row is created
    assert (again.created_count, again.already_imported_count) == (0, 3)
    assert (later.created_count, later.already_imported_count) == (1, 3)
    assert Complaint.objects.count() == 4


def test_rows_without_an_external_id_are_recognised_by_their_content(tree, importer):
    lines = [line.split(",", 1)[1] for line in rows(tree, 2)]
    header = HEADER.split(",", 1)[1]
    upload = SimpleUploadedFile("x.csv", (header + "\n".join(lines) + "\n").encode())
    first = run_file(importer, tree, upload)
    upload = SimpleUploadedFile("x.csv", (header + "\n".join(lines) + "\n").encode())
    second = run_file(importer, tree, upload)
    assert (first.created_count, second.created_count, second.already_imported_count) == (2, 0, 2)


def test_imported_complaints_keep_their_dates_and_state_and_start_no_clock(tree, importer):
    run_file(importer, tree, csv_file(rows(tree, 1)))
    complaint = Complaint.objects.get(external_id="OLD-1")
    assert complaint.status == Status.CLOSED
    assert complaint.channel == Channel.IMPORT
    assert complaint.received_at == datetime(2024, 3, 1, 10, 0, tzinfo=HK)
    assert complaint.closed_at == datetime(2024, 3, 11, 0, 0, tzinfo=HK)
    assert complaint.unit == tree.district and complaint.unit_path == tree.district.path
    assert complaint.category.code == "SVC"
    assert complaint.reference.startswith("CP-2024-")
    # nothing was set going: no clock, no letter, one timeline entry saying where it came from
    assert not ComplaintClock.objects.filter(complaint=complaint).exists()
    (event,) = ComplaintEvent.objects.filter(complaint=complaint)
    assert event.kind == EventKind.REGISTERED and event.data["imported"] is True
    assert event.created_at == complaint.received_at


def test_one_complainant_with_several_complaints_is_one_person_and_a_repeat(tree, importer):
    run_file(importer, tree, csv_file(rows(tree, 3)))
    assert Complainant.objects.count() == 1
    assert Complaint.objects.filter(risk_repeat=True).count() == 2  # all but the first


def test_an_excel_workbook_is_read_with_its_typed_cells(tree, importer):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    received, closed = datetime(2024, 5, 6, 9, 30), datetime(2024, 5, 9)
    code = tree.district.code
    sheet.append(
        ["X-1", received, closed, "closed", code, "SVC", "Ms Wong", 91234567, "", "Lift", "Broken"]
    )
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("old.xlsx", data.getvalue())
    run = run_file(importer, tree, upload)
    assert run.created_count == 1, run.problems
    complaint = Complaint.objects.get()
    assert complaint.received_at == datetime(2024, 5, 6, 9, 30, tzinfo=HK)
    assert complaint.complainant.phone == "91234567"


def test_a_gb18030_file_from_a_mainland_office_is_read(tree, importer):
    run = run_file(importer, tree, csv_file(rows(tree, 2), encoding="gb18030"))
    assert run.created_count == 2


def test_the_mapping_is_remembered_for_the_next_file_of_the_source(tree, importer):
    run = import_run_start(
        by=importer, organisation=tree.organisation, source_name="Old CRM",
        upload=csv_file(rows(tree)), language="en",
    )  # fmt: skip
    mapping = dict(run.mapping, subject="投訴內容", description="標題")
    import_run_configure(
        run, by=importer, mapping=mapping, defaults={}, mode=ImportMode.VALID_ONLY,
        dry_run=True, enqueue=False,
    )  # fmt: skip
    second = import_run_start(
        by=importer, organisation=tree.organisation, source_name="Old CRM",
        upload=csv_file(rows(tree)), language="en",
    )  # fmt: skip
    assert second.mapping["subject"] == "投訴內容"


def test_a_mapping_without_the_required_columns_is_refused_in_the_users_language(tree, importer):
    run = import_run_start(
        by=importer, organisation=tree.organisation, source_name="Old CRM",
        upload=csv_file(rows(tree)), language="en",
    )  # fmt: skip
    with pytest.raises(GuardFailed) as refused:
        import_run_configure(
            run, by=importer, mapping={"subject": "標題"}, defaults={},
            mode=ImportMode.VALID_ONLY, dry_run=True, enqueue=False,
        )  # fmt: skip
    assert any("Received at" in detail for detail in refused.value.details)


def test_a_handler_may_not_import(tree):
    handler = staff(Role.HANDLER, tree.district)
    with pytest.raises(NotPermitted):
        import_run_start(
            by=handler, organisation=tree.organisation, source_name="x",
            upload=csv_file(rows(tree)), language="en",
        )  # fmt: skip


def test_a_unit_outside_the_importers_scope_is_an_invalid_row(tree):
    # Given a district-level administrator importing a row of the sibling district
    importer = staff(Role.ADMINISTRATOR, tree.district)
    CategoryFactory(organisation=tree.organisation, code="SVC")
    line = rows(tree, 1)[0].replace(tree.district.code, tree.sibling_district.code)
    run = run_file(importer, tree, csv_file([line]))
    assert run.invalid_count == 1
    assert "may not register" in run.problems[0]["message"]


def test_an_imported_complaint_is_found_in_the_queue_by_its_old_number(tree, importer):
    # Given a complaint imported from a file that numbered it OLD-2
    run_file(importer, tree, csv_file(rows(tree, 3)))

    # When the queue is searched for that number, whatever the status
    page = complaint_queue(importer, status="", search="OLD-2")

    # Then that complaint, and only it, is found
    assert [c.external_id for c in page.rows] == ["OLD-2"]
