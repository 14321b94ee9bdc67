"""GET /api/v1/complaints/export: the API list's complaints with the same filters as one file,
behind the token, within its user's scope, as CSV or Excel."""

import csv
import io

import openpyxl
import pytest
from django.test import Client

from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tokens import api_token_create
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.tests.factories import ComplainantFactory, ComplaintFactory, staff
from complaintdesk.customers.selectors import mask
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/export"


def _client(user, **headers) -> Client:
    _, raw = api_token_create(user, "reporting")
    return Client(headers={"Authorization": f"Bearer {raw}", **headers})


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _xlsx(response) -> list[list]:
    assert response.status_code == 200, response.content
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def _references(rows: list[list]) -> list[str]:
    return [row[0] for row in rows[1:]]


def _listed(client: Client, **params) -> list[str]:
    """What GET /complaints lists with these filters, every page of it."""
    references, cursor = [], ""
    while True:
        body = client.get("/api/v1/complaints", {**params, "cursor": cursor}).json()
        references += [item["reference"] for item in body["items"]]
        if not body["next_cursor"]:
            return references
        cursor = body["next_cursor"]


@pytest.fixture
def queue(tree):
    """Complaints at both districts of the region, some with deadlines, two by letter."""
    ComplaintFactory(unit=tree.site)
    on_policy(tree.organisation, "seed-hk-property", "HK")
    for channel in (Channel.PHONE, Channel.LETTER):
        ComplaintFactory(unit=tree.site, channel=channel)
        ComplaintFactory(unit=tree.sibling_site, channel=channel)
    ComplaintFactory(unit=tree.other_site, subject="Noise at night")
    return tree


def test_without_a_token_the_export_is_refused_as_unauthenticated(queue):
    response = Client().get(URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"order": "due"},
        {"channel": Channel.LETTER, "order": "due"},
        {"q": "lift", "status": ""},
    ],
)
def test_the_csv_export_holds_the_lists_complaints_in_its_order(queue, filters):
    # Given the head-office complaints unit's token
    client = _client(staff(Role.HQ_COMPLAINTS, queue.head_office))

    # When the list and the export are asked for with the same filters
    listed = _listed(client, **filters)
    exported = _references(_csv(client.get(URL, filters)))

    # Then they hold the same complaints in the same order
    assert listed and exported == listed


def test_the_format_parameter_chooses_excel_and_an_unknown_format_is_refused(queue):
    client = _client(staff(Role.HQ_COMPLAINTS, queue.head_office))

    as_csv = _csv(client.get(URL))
    as_xlsx = _xlsx(client.get(URL, {"format": "xlsx"}))
    unknown = client.get(URL, {"format": "pdf"})

    assert _references(as_xlsx) == _references(as_csv) and len(as_csv) == 7
    assert unknown.status_code == 422
    assert unknown.json()["error"]["field"] == "format"


def test_a_tokens_export_stays_within_its_users_scope_and_the_unit_filter(queue):
    # Given a district handler's token, and a complaint of another organisation
    elsewhere = ComplaintFactory()
    client = _client(staff(Role.HANDLER, queue.district))

    # When they export everything, and then one site of theirs and a site not theirs
    everything = set(_references(_csv(client.get(URL, {"status": ""}))))
    one_site = set(_references(_csv(client.get(URL, {"unit": queue.other_site.code}))))
    not_theirs = _references(_csv(client.get(URL, {"unit": queue.sibling_site.code})))

    # Then they see their district's complaints only
    assert everything == set(_listed(client, status="")) and len(everything) == 4
    assert elsewhere.reference not in everything
    assert len(one_site) == 1 and one_site < everything
    assert not_theirs == []


def test_an_api_export_masks_contacts_for_a_role_that_may_not_see_them(tree):
    complainant = ComplainantFactory(
        organisation=tree.organisation, phone="91234567", email="chan@example.com"
    )
    ComplaintFactory(unit=tree.site, complainant=complainant)

    audited = _csv(_client(staff(Role.AUDITOR, tree.region)).get(URL))
    handled = _csv(_client(staff(Role.HANDLER, tree.district)).get(URL))

    phone, email = audited[0].index("Phone"), audited[0].index("E-mail")
    assert (audited[1][phone], audited[1][email]) == (mask("91234567"), mask("chan@example.com"))
    assert (handled[1][phone], handled[1][email]) == ("91234567", "chan@example.com")


def test_an_excel_export_over_the_ceiling_is_refused_with_a_pointer_to_csv(queue, settings):
    settings.EXPORT_XLSX_MAX_ROWS = 5
    client = _client(staff(Role.HQ_COMPLAINTS, queue.head_office))

    refused = client.get(URL, {"format": "xlsx"})
    fits = client.get(URL, {"format": "xlsx", "channel": Channel.LETTER})

    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "too_many_rows" and "CSV" in error["message"]
    assert len(_xlsx(fits)) == 3


def test_the_export_headers_follow_the_callers_language(queue):
    client = _client(staff(Role.HQ_COMPLAINTS, queue.head_office), **{"Accept-Language": "zh-hans"})

    header = _csv(client.get(URL))[0]

    assert header[0] == "编号" and "投诉人" in header


def test_the_schema_documents_the_export_as_a_file_before_any_reference(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    operation = paths["/api/v1/complaints/export"]["get"]
    content = operation["responses"]["200"]["content"]
    assert set(content) == {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {"format", "status", "q", "order", "unit", "received_from"} <= parameters
    listed = {p["name"] for p in paths["/api/v1/complaints"]["get"]["parameters"]}
    assert parameters - {"format"} == listed - {"cursor"}


@pytest.mark.parametrize("path", ["/api/v1/complaints", URL])
def test_a_date_filter_no_database_can_hold_is_taken_as_utc_or_refused_as_a_bad_date(queue, path):
    # Given a token, and dates with offsets Python accepts but PostgreSQL does not
    client = _client(staff(Role.HQ_COMPLAINTS, queue.head_office))

    # When the list or the export is filtered by them
    far_offset = client.get(path, {"received_from": "0010-02-27T16:42:45+23:16"})
    before_year_one = client.get(path, {"received_to": "0001-01-01T00:00:00+08:00"})

    # Then the first is read as the instant it names, the second (no instant in UTC) is
    # refused as a bad date, and neither is a server error
    assert far_offset.status_code == 200
    assert before_year_one.status_code == 422
    error = before_year_one.json()["error"]
    assert error["details"][0]["field"] == "received_to"
    assert error["details"][0]["code"] == "datetime_parsing"


@pytest.mark.parametrize("path", [URL, "/api/v1/complaints"])
def test_a_nul_character_in_a_filter_is_refused_before_any_query(queue, path):
    # Given a caller whose filter holds a NUL character, which PostgreSQL cannot compare
    client = _client(staff(Role.HQ_COMPLAINTS, queue.head_office))

    # When it asks for the list or its export
    response = client.get(path, {"channel": "\x00", "q": "lift"})

    # Then the request is refused, naming the field, and never reaches the database
    assert response.status_code == 422
    detail = response.json()["error"]["details"][0]
    assert (detail["code"], detail["field"]) == ("string_nul", "channel")
