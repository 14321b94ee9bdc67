"""REST API v1: tokens, creating a complaint with an idempotency key (also from two clients at
once), reading it back, the error shapes in the caller's language, and scope."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from complaintdesk.accounts.models import ApiToken
from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tokens import api_token_create, api_token_revoke
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import ComplaintFactory, org_tree, staff
from complaintdesk.core.testing import run_in_threads
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db

BODY = {
    "channel": "phone",
    "subject": "Lift 2 out of service",
    "description": "The lift in block 2 stopped on Monday.",
    "customer": {"name": "陳大文", "phone": "9123 4567"},
}


def _client(user) -> Client:
    _, raw = api_token_create(user, "call centre")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def desk(tree):
    on_policy(tree.organisation, "seed-hk-property", "HK")
    return staff(Role.RECEIVER, tree.site, username="callcentre")


def test_the_command_prints_a_token_that_acts_as_its_user_until_revoked(desk):
    out = io.StringIO()
    call_command("api_token", "callcentre", "--name", "call centre", stdout=out)
    raw = out.getvalue().strip()
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    assert client.get("/api/v1/complaints").status_code == 200
    token = ApiToken.objects.get()
    assert raw not in (token.digest, token.lookup)  # stored hashed

    api_token_revoke(token)
    refused = client.get("/api/v1/complaints")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthenticated"


def test_a_complaint_created_through_the_api_comes_back_with_its_reference_and_clocks(desk):
    client = _client(desk)

    created = client.post("/api/v1/complaints", BODY, content_type="application/json")

    assert created.status_code == 201
    body = created.json()
    assert body["reference"].startswith("CP-") and body["status"] == "received"
    assert {clock["name"] for clock in body["clocks"]} >= {"first_response"}
    read = client.get(f"/api/v1/complaints/{body['reference']}")
    assert read.status_code == 200 and read.json()["subject"] == BODY["subject"]


def test_a_retry_with_the_same_key_returns_the_same_complaint_and_another_body_is_refused(desk):
    client = _client(desk)
    headers = {"Idempotency-Key": "order-7781"}

    first = client.post(
        "/api/v1/complaints", BODY, content_type="application/json", headers=headers
    )
    again = client.post(
        "/api/v1/complaints", BODY, content_type="application/json", headers=headers
    )
    other = client.post(
        "/api/v1/complaints",
        {**BODY, "subject": "Something else"},
        content_type="application/json",
        headers=headers,
    )

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Complaint.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_clients_sending_the_same_key_at_once_make_one_complaint():
    tree = org_tree()
    user = staff(Role.RECEIVER, tree.site, username="callcentre")
    _, raw = api_token_create(user, "call centre")
    statuses = []

    def send() -> None:
        client = Client(headers={"Authorization": f"Bearer {raw}", "Idempotency-Key": "same"})
        response = client.post("/api/v1/complaints", BODY, content_type="application/json")
        statuses.append(response.status_code)

    failures = run_in_threads(send, [(), ()])

    assert failures == []
    assert sorted(statuses) == [200, 201]
    assert Complaint.objects.count() == 1


def test_a_missing_field_is_named_with_a_message_in_the_callers_language(desk):
    client = _client(desk)

    response = client.post(
        "/api/v1/complaints",
        {key: value for key, value in BODY.items() if key != "subject"},
        content_type="application/json",
        headers={"Accept-Language": "zh-hans"},
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["field"] == "subject"
    assert error["details"][0]["message"] == "这个字段是必填项。"


def test_a_token_never_sees_a_complaint_out_of_its_users_scope(tree, desk):
    # Given a complaint at a sibling site, and one of another organisation
    nearby = ComplaintFactory(unit=tree.sibling_site)
    elsewhere = ComplaintFactory()
    client = _client(desk)

    # Then neither can be read (as if it did not exist), nor is either listed
    for complaint in (nearby, elsewhere):
        response = client.get(f"/api/v1/complaints/{complaint.reference}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    listed = {item["reference"] for item in client.get("/api/v1/complaints").json()["items"]}
    assert listed.isdisjoint({nearby.reference, elsewhere.reference})


def test_a_note_is_added_and_read_on_the_timeline(desk):
    client = _client(desk)
    reference = client.post("/api/v1/complaints", BODY, content_type="application/json").json()[
        "reference"
    ]

    added = client.post(
        f"/api/v1/complaints/{reference}/notes",
        {"text": "Called back, no answer.", "kind": "call"},
        content_type="application/json",
    )

    assert added.status_code == 201
    timeline = client.get(f"/api/v1/complaints/{reference}/timeline").json()
    assert [event["kind"] for event in timeline] == ["registered", "call"]


def test_the_schema_and_its_docs_are_served_from_local_files(client):
    schema = client.get("/api/v1/openapi.json")
    docs = client.get("/api/v1/docs")

    assert schema.status_code == 200 and schema.json()["openapi"].startswith("3.")
    assert "/api/v1/complaints" in schema.json()["paths"]
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "cdn" not in page.lower() and "/static/ninja/" in page


def test_a_move_is_made_through_the_api_and_a_refused_one_says_what_is_missing(tree):
    # Given a district manager's token and a complaint at their district's site
    manager = staff(Role.DISTRICT_MANAGER, tree.district, username="manager")
    handler = staff(Role.HANDLER, tree.district, username="handler")
    complaint = ComplaintFactory(unit=tree.site)
    client = _client(manager)
    url = f"/api/v1/complaints/{complaint.reference}/actions"

    # When they assign it and start the investigation
    assigned = client.post(
        f"{url}/assign", {"handler_id": handler.pk}, content_type="application/json"
    )
    started = client.post(f"{url}/start_investigation", {}, content_type="application/json")

    # Then the complaint moves, as on its page
    assert assigned.status_code == 200 and assigned.json()["handler"]["id"] == handler.pk
    assert started.json()["status"] == "investigating"

    # And a proposal before any finding is refused with what is missing, in their language
    refused = client.post(
        f"{url}/propose",
        {"remedy_type": "apology", "reasons": "Sorry."},
        content_type="application/json",
        headers={"Accept-Language": "zh-hant"},
    )
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "incomplete" and error["details"]
    # And a move the state does not allow is refused too
    again = client.post(f"{url}/start_investigation", {}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "not_allowed_now"


def test_a_request_body_over_the_limit_is_refused_as_too_large(desk, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = _client(desk)

    response = client.post(
        "/api/v1/complaints",
        {**BODY, "description": "x" * 5000},
        content_type="application/json",
    )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert not Complaint.objects.exists()
