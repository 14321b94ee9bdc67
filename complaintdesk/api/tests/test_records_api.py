"""REST API v1: the queue's filters, a complaint's complainant read and corrected, evidence
uploaded and downloaded, complainants found."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from complaintdesk.accounts.roles import Role
from complaintdesk.accounts.tokens import api_token_create
from complaintdesk.complaints.tests.factories import ComplaintFactory, org_tree, staff
from complaintdesk.customers.models import ComplainantChange

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    _, raw = api_token_create(user, "test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_the_queue_filters_by_unit_grade_channel_and_risk(tree):
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    here = ComplaintFactory(unit=tree.site, grade="major", risk_media=True)
    ComplaintFactory(unit=tree.other_site, channel="letter")
    client = _client(manager)

    def listed(**query) -> set[str]:
        response = client.get("/api/v1/complaints", query)
        assert response.status_code == 200
        return {item["reference"] for item in response.json()["items"]}

    assert listed(unit=tree.site.code) == {here.reference}
    assert listed(grade="major") == {here.reference}
    assert listed(risk="media") == {here.reference}
    assert here.reference not in listed(channel="letter")


def test_the_complainant_is_corrected_through_the_api_and_their_history_keeps_it(tree):
    complaint = ComplaintFactory(unit=tree.site)
    client = _client(complaint.received_by)

    corrected = client.patch(
        f"/api/v1/complaints/{complaint.reference}/complainant",
        {"phone": "9123 0000"},
        content_type="application/json",
    )

    assert corrected.status_code == 200 and corrected.json()["phone"] == "9123 0000"
    assert ComplainantChange.objects.get().changed_by == complaint.received_by
    refused = client.patch(
        f"/api/v1/complaints/{complaint.reference}/complainant",
        {"tier": "vip"},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_evidence_is_uploaded_and_downloaded_and_a_refused_type_says_why(tree):
    complaint = ComplaintFactory(unit=tree.site)
    client = _client(complaint.received_by)
    url = f"/api/v1/complaints/{complaint.reference}/attachments"

    uploaded = client.post(
        url, {"file": SimpleUploadedFile("lift.jpg", b"\xff\xd8\xff photo", "image/jpeg")}
    )
    refused = client.post(
        url, {"file": SimpleUploadedFile("page.html", b"<script></script>", "text/html")}
    )

    assert uploaded.status_code == 201
    assert refused.status_code == 409 and "html" in str(refused.json()["error"]["details"])
    (listed,) = client.get(url).json()
    download = client.get(f"{url}/{listed['id']}")
    assert b"".join(download.streaming_content) == b"\xff\xd8\xff photo"


def test_complainants_are_found_by_phone(tree):
    complaint = ComplaintFactory(unit=tree.site)
    person = complaint.complainant
    person.phone = "9876 5432"
    person.save()

    found = _client(complaint.received_by).get("/api/v1/complainants", {"q": "98765"}).json()

    assert [item["id"] for item in found] == [person.pk]


def test_staff_are_listed_with_their_roles_and_units_and_nobody_of_another_organisation(tree):
    handler = staff(Role.HANDLER, tree.district, username="handler")
    stranger = staff(Role.HANDLER, org_tree().district, username="stranger")
    client = _client(staff(Role.DISTRICT_MANAGER, tree.district, username="manager"))

    listed = {person["id"]: person for person in client.get("/api/v1/users").json()}

    assert listed[handler.pk]["roles"] == [{"role": "handler", "unit": tree.district.code}]
    assert stranger.pk not in listed
    assert client.get("/api/v1/root-causes").status_code == 200


def test_listing_costs_the_same_queries_for_one_complaint_and_for_five(tree):
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    client = _client(manager)
    ComplaintFactory(unit=tree.site)
    client.get("/api/v1/complaints")  # the token's first use is written once a minute

    def cost() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/complaints").status_code == 200
        return len(captured.captured_queries)

    one = cost()
    for _ in range(4):
        ComplaintFactory(unit=tree.site)
    assert cost() == one
