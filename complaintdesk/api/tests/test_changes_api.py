"""REST API v1: a complaint's record and classification corrected (the record rules decide,
the timeline keeps before and after), and complainants put on file ahead of any complaint."""

import pytest
from django.test import Client

from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tokens import api_token_create
from complaintdesk.complaints.choices import EventKind
from complaintdesk.complaints.models import ComplaintEvent
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    ComplaintFactory,
    drive_to,
    org_tree,
    staff,
)
from complaintdesk.customers.models import Complainant

pytestmark = pytest.mark.django_db


def _client(user, language: str = "en") -> Client:
    _, raw = api_token_create(user, "test")
    return Client(headers={"Authorization": f"Bearer {raw}", "Accept-Language": language})


def _patch(client: Client, reference: str, body: dict):
    return client.patch(f"/api/v1/complaints/{reference}", body, content_type="application/json")


def test_the_record_and_classification_are_corrected_together_with_before_and_after(tree):
    # Given a complaint just taken down and a category of its organisation
    complaint = ComplaintFactory(unit=tree.site)
    category = CategoryFactory(organisation=tree.organisation, code="LIFT")
    client = _client(staff(Role.DISTRICT_MANAGER, tree.district))

    # When the record and the classification are corrected in one PATCH
    response = _patch(
        client,
        complaint.reference,
        {
            "subject": "Lift 2 stuck between floors",
            "category": "LIFT",
            "grade": "major",
            "risk_flags": ["media"],
        },
    )

    # Then the complaint reads back changed, and the timeline says what was before
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["subject"] == "Lift 2 stuck between floors"
    assert body["category"] == category.code and body["grade"] == "major"
    assert body["risk_flags"] == ["media"]
    kinds = set(ComplaintEvent.objects.filter(complaint=complaint).values_list("kind", flat=True))
    assert {EventKind.RECORD_CHANGED, EventKind.CLASSIFIED} <= kinds
    classified = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.CLASSIFIED)
    assert {"field": "grade", "before": "general", "after": "major"}.items() <= next(
        change for change in classified.changes if change["field"] == "grade"
    ).items()


def test_a_code_of_another_organisation_is_unknown_in_the_callers_language(tree):
    complaint = ComplaintFactory(unit=tree.site)
    CategoryFactory(organisation=org_tree().organisation, code="ELSEWHERE")
    client = _client(staff(Role.DISTRICT_MANAGER, tree.district), "zh-hant")

    refused = _patch(client, complaint.reference, {"category": "ELSEWHERE"})

    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["field"] == "category" and error["message"] == "未知的投訴分類。"


def test_a_closed_complaints_record_is_refused_and_nothing_changes(tree):
    # Given a closed complaint
    complaint = drive_to(ComplaintFactory(unit=tree.site), "closed")
    client = _client(staff(Role.DISTRICT_MANAGER, tree.district))

    # When someone tries to change its subject and grade at once
    refused = _patch(client, complaint.reference, {"subject": "Rewritten", "grade": "urgent"})

    # Then the record rules refuse it, and neither part was written
    assert refused.status_code in (403, 409)
    complaint.refresh_from_db()
    assert complaint.subject != "Rewritten" and complaint.grade != "urgent"


def test_a_complaint_out_of_sight_cannot_be_patched(tree):
    complaint = ComplaintFactory(unit=tree.sibling_site)
    client = _client(staff(Role.DISTRICT_MANAGER, tree.district))

    assert _patch(client, complaint.reference, {"grade": "major"}).status_code == 404


def test_a_complainant_is_put_on_file_once_for_the_same_name_and_contact(tree):
    # Given a receiver whose system sends its customers ahead of their complaints
    client = _client(staff(Role.RECEIVER, tree.site))
    person = {"name": "陳大文", "phone": "9123 4567", "preferred_language": "zh-hant"}

    # When the same person is sent twice, and someone else with the same number once
    first = client.post("/api/v1/complainants", person, content_type="application/json")
    again = client.post("/api/v1/complainants", person, content_type="application/json")
    other = client.post(
        "/api/v1/complainants",
        {**person, "name": "李小明"},
        content_type="application/json",
    )

    # Then one record is made for the first two, and another for the other name
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert first.json()["id"] == again.json()["id"] != other.json()["id"]
    assert Complainant.objects.filter(organisation=tree.organisation).count() == 2


def test_a_complainant_without_a_way_to_reach_them_is_refused_with_the_reason(tree):
    client = _client(staff(Role.RECEIVER, tree.site))

    refused = client.post(
        "/api/v1/complainants",
        {"name": "Chan", "email": "not-an-address"},
        content_type="application/json",
    )

    assert refused.status_code == 409
    assert "The e-mail address is not valid." in refused.json()["error"]["details"]


def test_someone_who_registers_nowhere_cannot_put_complainants_on_file(tree):
    client = _client(staff(Role.AUDITOR, tree.head_office))

    refused = client.post(
        "/api/v1/complainants",
        {"name": "Chan", "phone": "91234567"},
        content_type="application/json",
    )

    assert refused.status_code == 422 and refused.json()["error"]["field"] == "organisation"


def test_a_field_the_api_does_not_know_is_refused_not_dropped(tree):
    # Given a caller who writes "unit" where the API takes "org_unit"
    complaint = ComplaintFactory(unit=tree.site)
    client = _client(staff(Role.DISTRICT_MANAGER, tree.district), "zh-hant")

    # When it corrects the complaint with it
    response = _patch(client, complaint.reference, {"subject": "Lift", "unit": "D-KC"})

    # Then nothing is changed, and the error names the field in the caller's language
    assert response.status_code == 422
    detail = response.json()["error"]["details"][0]
    assert (detail["code"], detail["field"]) == ("extra_forbidden", "unit")
    assert "未知" in detail["message"] or "不" in detail["message"]
    complaint.refresh_from_db()
    assert complaint.subject != "Lift"


def test_a_complainant_search_holding_a_nul_character_is_refused_not_sent_to_the_database(tree):
    # Given a receiver's token
    client = _client(staff(Role.RECEIVER, tree.site))

    # When the look-up is asked for text holding a NUL character (PostgreSQL cannot compare it)
    response = client.get("/api/v1/complainants", {"q": "91\x0023"})

    # Then it is refused as the other fields are, in JSON, and nothing fails
    assert response.status_code == 422
    detail = response.json()["error"]["details"][0]
    assert (detail["code"], detail["field"]) == ("string_nul", "q")


def test_a_reply_through_the_api_sends_the_letter_as_the_caller_wrote_it(tree):
    # Given a complaint with a proposal and a complainant with an e-mail address
    from complaintdesk.complaints.tests.factories import handler_for
    from complaintdesk.correspondence.models import Letter, LetterKind

    complaint = ComplaintFactory(unit=tree.site)
    complaint.complainant.email = "chan@example.com"
    complaint.complainant.save()
    handler = handler_for(complaint)
    drive_to(complaint, "proposed", handler=handler)
    url = f"/api/v1/complaints/{complaint.reference}/actions/reply"
    body = {
        "channel": "email",
        "text": "A month's fee refunded.",
        "reasons": "The lift was ours to repair.",
        "letter_subject": "Your complaint about the lift",
        "letter_body": "Dear Mr Chan, we refund a month's fee.",
    }

    # When the handler's system replies with a letter of its own
    response = _client(handler).post(url, body, content_type="application/json")

    # Then the complaint is replied to and the letter is theirs, word for word
    assert response.status_code == 200 and response.json()["status"] == "replied"
    letter = Letter.objects.get(kind=LetterKind.DECISION)
    assert (letter.subject, letter.body) == (body["letter_subject"], body["letter_body"])
