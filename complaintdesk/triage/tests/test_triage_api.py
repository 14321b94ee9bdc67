"""The API's create response carries the triage's suggestion, and raises no more than the
risk flags the words call for."""

import pytest
from django.test import Client

from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tokens import api_token_create
from complaintdesk.complaints.tests.factories import org_tree, staff

pytestmark = pytest.mark.django_db


def test_a_complaint_created_through_the_api_answers_with_the_triage_suggestion():
    # Given a call centre's client and a complaint that threatens the regulator
    tree = org_tree()
    desk = staff(Role.RECEIVER, tree.site, username="callcentre")
    _, raw = api_token_create(desk, "call centre")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    body = {
        "channel": "email",
        "subject": "Charged twice for my card",
        "description": "You debited my account twice this month. Fix it or I will complain "
        "to the financial ombudsman!!!",
        "customer": {"name": "Mary Chan", "email": "mary@example.com"},
    }

    # When it is created
    created = client.post("/api/v1/complaints", body, content_type="application/json")

    # Then the answer carries the suggestion, with the words behind the risk it raised
    assert created.status_code == 201
    answer = created.json()
    triage = answer["triage"]
    assert triage["category"] == "price"
    assert triage["language"] == "en"
    assert triage["escalation_risk"] is True
    assert "financial ombudsman" in triage["risk_kinds"]["regulator"]
    assert triage["raised"] == ["regulator"]
    assert "regulator" in answer["risk_flags"]
    assert 0 < triage["category_confidence"] <= 1
    assert triage["similar"] == []
    # and the list leaves it out, as its description says
    listed = client.get("/api/v1/complaints").json()["items"][0]
    assert listed["reference"] == answer["reference"] and listed["triage"] is None
