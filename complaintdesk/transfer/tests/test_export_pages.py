"""The queue page's downloads: exactly the queue's complaints in its order, within the user's
sight, contacts masked for a role that may not see them, the headers in the user's language,
a complainant's formula kept as text, Chinese intact, the Excel ceiling, and a cost in
queries that does not grow with the rows."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, RiskFlag, Status
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    ComplainantFactory,
    ComplaintFactory,
    drive_to,
    staff,
)
from complaintdesk.customers.selectors import mask
from complaintdesk.sla.tests.factories import on_policy
from complaintdesk.transfer.exporting import export_headers

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x")'


def _signed_in(user, **headers) -> Client:
    client = Client(headers=headers)
    client.force_login(user)
    return client


def _body(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))


def _sheet(response):
    workbook = openpyxl.load_workbook(io.BytesIO(_body(response)))
    return workbook.worksheets[0]


def _xlsx(response) -> list[list]:
    return [list(row) for row in _sheet(response).iter_rows(values_only=True)]


READERS = {"csv": _csv, "xlsx": _xlsx}


def _export(client: Client, file_format: str, **params) -> list[list]:
    """The export's rows, its header row first."""
    return READERS[file_format](client.get(reverse(f"exports:{file_format}"), params))


def _references(rows: list[list]) -> list[str]:
    return [row[0] for row in rows[1:]]


def _by_reference(rows: list[list]) -> dict[str, dict]:
    header = rows[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}


def _queue(client: Client, **params) -> list[str]:
    """The references the queue page lists with these filters, following "load more"."""
    references, cursor = [], ""
    while True:
        page = client.get(reverse("complaints:list"), {**params, "cursor": cursor}).context["page"]
        references += [complaint.reference for complaint in page.rows]
        if not page.next_cursor:
            return references
        cursor = page.next_cursor


@pytest.fixture
def head_office_manager(tree):
    return staff(Role.HQ_COMPLAINTS, tree.head_office)


def _mixed_queue(tree) -> None:
    """Complaints for every part of the queue's orders: some with no running deadline (filed
    before the organisation had a time standard), some with deadlines from different days and
    channels, one finished, and some that a search for "lift" leaves out."""
    now = timezone.now()
    for days in (9, 2):
        ComplaintFactory(unit=tree.site, received_at=now - timedelta(days=days))
    ComplaintFactory(unit=tree.other_site, subject="Noise at night", received_at=now)
    on_policy(tree.organisation, "seed-hk-property", "HK")
    for days, channel in ((6, Channel.PHONE), (4, Channel.LETTER), (1, Channel.EMAIL)):
        ComplaintFactory(
            unit=tree.sibling_site, channel=channel, received_at=now - timedelta(days=days)
        )
    ComplaintFactory(unit=tree.site, subject="Noise from the pump room")
    drive_to(ComplaintFactory(unit=tree.site), Status.WITHDRAWN)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"order": "due"},
        {"order": "due", "q": "lift"},
        {"status": "", "order": "received"},
        {"status": "withdrawn"},
    ],
)
def test_the_export_holds_exactly_the_queues_complaints_in_the_queues_order(
    tree, head_office_manager, file_format, filters
):
    # Given a queue with and without deadlines, finished complaints and other subjects
    _mixed_queue(tree)
    client = _signed_in(head_office_manager)

    # When the queue and its export are read with the same filters
    listed = _queue(client, **filters)
    exported = _references(_export(client, file_format, **filters))

    # Then they hold the same complaints in the same order
    assert listed, "the filters should show some complaints"
    assert exported == listed


def test_the_due_order_exports_the_complaints_with_deadlines_first_and_then_the_rest(
    tree, head_office_manager
):
    # Given complaints with deadlines and without
    _mixed_queue(tree)

    # When the queue is exported earliest deadline first
    rows = _export(_signed_in(head_office_manager), "xlsx", order="due")

    # Then the deadlines come first, earliest first, then the newest of those with none
    header = rows[0]
    due = [row[header.index("Next deadline")] for row in rows[1:]]
    received = [row[header.index("Received at")] for row in rows[1:]]
    dated = [moment for moment in due if moment is not None]
    assert dated and len(dated) < len(due)
    assert due[: len(dated)] == sorted(dated)
    undated_received = received[len(dated) :]
    assert undated_received == sorted(undated_received, reverse=True)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_district_handler_exports_only_their_district_and_head_office_its_whole_organisation(
    tree, head_office_manager, file_format
):
    # Given complaints at a site of the district, at the sibling district, and elsewhere
    ours = ComplaintFactory(unit=tree.site)
    sibling = ComplaintFactory(unit=tree.sibling_site)
    elsewhere = ComplaintFactory()
    handler = staff(Role.HANDLER, tree.district)

    # When each exports their whole queue
    by_handler = set(_references(_export(_signed_in(handler), file_format, status="")))
    by_head_office = set(
        _references(_export(_signed_in(head_office_manager), file_format, status=""))
    )

    # Then the handler has their district's complaint only, head office both of its own,
    # and nobody another organisation's
    assert by_handler == {ours.reference}
    assert by_head_office == {ours.reference, sibling.reference}
    assert elsewhere.reference not in by_handler | by_head_office


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_contacts_are_masked_for_a_role_that_may_not_see_them_and_whole_for_one_that_may(
    tree, head_office_manager, file_format
):
    # Given a complaint from someone with a phone number and an e-mail address
    complainant = ComplainantFactory(
        organisation=tree.organisation, phone="91234567", email="chan.tai.man@example.com"
    )
    complaint = ComplaintFactory(unit=tree.site, complainant=complainant)
    auditor = staff(Role.AUDITOR, tree.head_office)

    # When an auditor (no sight of identity data) and the head-office unit export it
    audited = _by_reference(_export(_signed_in(auditor), file_format))[complaint.reference]
    managed = _by_reference(_export(_signed_in(head_office_manager), file_format))
    managed = managed[complaint.reference]

    # Then the auditor sees the contacts masked, the complaints unit in full
    assert (audited["Phone"], audited["E-mail"]) == (
        mask("91234567"),
        mask("chan.tai.man@example.com"),
    )
    assert "1234" not in audited["Phone"] and "chan.tai" not in audited["E-mail"]
    assert (managed["Phone"], managed["E-mail"]) == ("91234567", "chan.tai.man@example.com")


@pytest.mark.parametrize(
    ("language", "reference_header", "how"),
    [("zh-hans", "编号", "accept-language"), ("zh-hant", "編號", "cookie")],
)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_headers_and_labels_are_in_the_users_language(
    tree, head_office_manager, settings, language, reference_header, how, file_format
):
    # Given a new complaint with a media risk, and a user reading the pages in Chinese
    complaint = ComplaintFactory(unit=tree.site, risk_media=True)
    if how == "cookie":
        client = _signed_in(head_office_manager)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    else:
        client = _signed_in(head_office_manager, **{"Accept-Language": language})

    # When they export the queue
    rows = _export(client, file_format)

    # Then the header row and the labels in the rows are in their language
    with translation.override(language):
        assert rows[0] == export_headers()
        received = str(Status.RECEIVED.label)
        media = str(RiskFlag.MEDIA.label)
    row = _by_reference(rows)[complaint.reference]
    assert rows[0][0] == reference_header
    assert (row[rows[0][3]], row[rows[0][9]]) == (received, media)
    assert (received, media) != ("Received", "Media risk")


def test_a_formula_in_the_subject_arrives_as_text_in_csv_and_in_excel(tree, head_office_manager):
    # Given a complaint whose subject is a spreadsheet formula
    complaint = ComplaintFactory(unit=tree.site, subject=FORMULA)
    client = _signed_in(head_office_manager)

    # When the queue is exported as CSV and as Excel
    from_csv = _by_reference(_export(client, "csv"))[complaint.reference]
    sheet = _sheet(client.get(reverse("exports:xlsx")))

    # Then the CSV cell starts with an apostrophe, which no spreadsheet evaluates
    assert from_csv["Subject"] == "'" + FORMULA
    # And the Excel cell is a text cell holding the subject as it was written
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Subject") + 1)
    assert (cell.value, cell.data_type) == (FORMULA, "s")


def test_chinese_arrives_intact_and_the_csv_starts_with_a_byte_order_mark(tree):
    # Given a complaint written in Chinese, by a receiver reading the pages in Chinese
    receiver = staff(Role.RECEIVER, tree.site)
    complainant = ComplainantFactory(organisation=tree.organisation, name="陳大文")
    complaint = ComplaintFactory(
        unit=tree.site, by=receiver, complainant=complainant, subject="電梯停駛三日"
    )
    client = _signed_in(receiver, **{"Accept-Language": "zh-hant"})

    # When they export the queue as CSV and as Excel
    raw = _body(client.get(reverse("exports:csv")))
    from_xlsx = _by_reference(_export(client, "xlsx"))[complaint.reference]

    # Then the CSV opens in Excel as UTF-8 and both hold the Chinese as written
    assert raw.startswith("\ufeff".encode())
    from_csv = _by_reference(list(csv.reader(io.StringIO(raw.decode("utf-8-sig")))))
    for row in (from_csv[complaint.reference], from_xlsx):
        assert (row["主題"], row["投訴人"]) == ("電梯停駛三日", "陳大文")


def test_an_excel_export_over_the_ceiling_sends_the_user_back_to_the_queue_suggesting_csv(
    tree, head_office_manager, settings
):
    # Given a ceiling of two rows for Excel and a queue of three
    settings.EXPORT_XLSX_MAX_ROWS = 2
    for _number in range(3):
        ComplaintFactory(unit=tree.site, subject="Lift out of service")
    client = _signed_in(head_office_manager)
    filters = {"status": "received", "q": "lift", "order": "due", "sla": ""}

    # When the queue is asked for as Excel
    refused = client.get(reverse("exports:xlsx"), filters)

    # Then the user is back on the queue with the same filters and told to take the CSV
    assert refused.status_code == 302
    queue = client.get(refused["Location"])
    form = queue.context["form"]
    assert [form.value(name) for name in ("status", "q", "order")] == ["received", "lift", "due"]
    told = [str(message) for message in queue.context["messages"]]
    assert len(told) == 1 and "CSV" in told[0] and "2" in told[0]
    # And the CSV of the same queue has all three, as does Excel once the queue fits
    assert len(_export(client, "csv", **filters)) == 4
    settings.EXPORT_XLSX_MAX_ROWS = 3
    assert len(_export(client, "xlsx", **filters)) == 4


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_costs_the_same_queries_for_five_complaints_as_for_fifty(
    tree, head_office_manager, django_assert_max_num_queries, file_format
):
    # Given an organisation with categories, handlers and sites on its complaints
    on_policy(tree.organisation, "seed-hk-property", "HK")
    client = _signed_in(head_office_manager)

    def exported_with_queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            rows = _export(client, file_format, order="due")
        return len(rows) - 1, len(queries)

    # When the queue is exported with five complaints, and again with fifty
    categories = [CategoryFactory(organisation=tree.organisation) for _number in range(2)]

    def complaints(count: int) -> None:
        for number in range(count):
            complaint = ComplaintFactory(
                unit=(tree.site, tree.sibling_site)[number % 2], category=categories[number % 2]
            )
            if number % 3 == 0:
                drive_to(complaint, Status.ASSIGNED)

    complaints(5)
    five = exported_with_queries()
    complaints(45)
    fifty = exported_with_queries()

    # Then both cost the same number of queries, and few
    assert (five[0], fifty[0]) == (5, 50)
    assert five[1] == fifty[1]
    with django_assert_max_num_queries(10):
        _export(client, file_format, order="due")


def test_the_queue_page_offers_both_downloads_with_its_filters(tree, head_office_manager):
    client = _signed_in(head_office_manager)

    page = client.get(reverse("complaints:list"), {"status": "final", "q": "lift & pump"})

    html = page.content.decode()
    for name in ("exports:csv", "exports:xlsx"):
        link = f"{reverse(name)}?status=final&amp;q=lift+%26+pump"
        assert f'href="{link}"' in html


def test_a_signed_out_visitor_is_sent_to_sign_in(db):
    response = Client().get(reverse("exports:csv"))

    assert response.status_code == 302 and "login" in response["Location"]


def test_a_nul_character_typed_into_the_search_finds_nothing_and_breaks_nothing(client, tree):
    # Given a signed-in head-office user
    client.force_login(staff(Role.HQ_COMPLAINTS, tree.head_office))

    # When the queue and its CSV are asked for with a NUL in the search
    page = client.get(reverse("complaints:list"), {"q": "\x00"})
    export = client.get(reverse("exports:csv"), {"q": "lift\x00"})

    # Then both answer (PostgreSQL never sees the NUL)
    assert page.status_code == 200
    assert export.status_code == 200
    b"".join(export.streaming_content)
