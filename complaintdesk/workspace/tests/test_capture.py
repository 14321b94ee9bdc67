"""Staff capture: a receiver takes down a call on /complaints/new/ and reads out the reference
and due times; the next call finds the complainant by phone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import ComplainantFactory, org_tree, staff
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db

NEW = reverse("complaints:new")


@pytest.fixture
def desk(client):
    """A receiver at a site of an organisation on the Hong Kong pack, signed in."""
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    receiver = staff(Role.RECEIVER, tree.site)
    client.force_login(receiver)
    return tree, receiver


def _call(tree, **extra):
    values = {
        "unit": tree.site.pk,
        "channel": "phone",
        "subject": "Lift 2 out of service",
        "description": "The lift in block 2 stopped on Monday; nobody came.",
        "grade": "general",
    }
    values.update(extra)
    return values


def test_a_phone_call_from_a_new_complainant_gets_a_reference_read_out_in_their_language(
    client, desk
):
    # Given a receiver on the capture page
    tree, receiver = desk
    assert client.get(NEW).status_code == 200

    # When they take down a call from someone not on file who speaks Traditional Chinese
    response = client.post(
        NEW,
        _call(tree, name="陳大文", phone="9123 4567", preferred_language="zh-hant"),
        follow=True,
    )

    # Then the complaint is registered once, for a new complainant, and the page reads out the
    # reference and the first-response time in Traditional Chinese
    (complaint,) = Complaint.objects.all()
    assert complaint.complainant.name == "陳大文"
    assert complaint.received_by == receiver
    html = response.content.decode()
    assert complaint.reference in html
    assert f"您的投訴已登記，編號為 {complaint.reference}。" in html
    assert "首次回應" in html  # the first-response clock, by name, in their language


def test_the_next_call_finds_the_complainant_by_phone_and_files_it_for_them(client, desk):
    # Given a complainant already on file
    tree, _receiver = desk
    person = ComplainantFactory(organisation=tree.organisation, name="Mr Lee", phone="98765432")

    # When the receiver types part of the number / Then the look-up offers them, masked
    found = client.get(reverse("complaints:complainant_lookup"), {"q": "8765"}).content.decode()
    assert "Mr Lee" in found and "98765432" not in found

    # When they pick them and save / Then the complaint is theirs, with no second record
    client.post(NEW, _call(tree, complainant=person.pk), follow=True)
    assert Complaint.objects.get().complainant == person
    assert person.organisation.complainants.count() == 1


def test_the_queue_finds_a_complaint_by_the_complainants_phone(client, desk):
    tree, _receiver = desk
    client.post(NEW, _call(tree, name="Ms Wong", phone="+852 6123 4567"))
    page = client.get(reverse("complaints:list"), {"q": "61234567"}).content.decode()
    assert Complaint.objects.get().reference in page


def test_a_back_dated_letter_needs_a_reason_and_the_timeline_keeps_it(client, desk):
    # Given a letter that arrived two days ago
    tree, _receiver = desk
    two_days_ago = timezone.now() - timedelta(days=2)
    arrived = timezone.localtime(two_days_ago).strftime("%Y-%m-%dT%H:%M")
    letter = _call(tree, channel="letter", name="Mr Chan", email="chan@example.test")

    # When it is saved with that time but no reason / Then nothing is registered
    response = client.post(NEW, {**letter, "received_at": arrived})
    assert response.status_code == 400
    assert not Complaint.objects.exists()

    # When the reason is given / Then it is registered with that time and the reason
    reason = "Opened late: the mailroom was closed for the typhoon."
    client.post(NEW, {**letter, "received_at": arrived, "backdating_reason": reason})
    complaint = Complaint.objects.get()
    assert abs(complaint.received_at - two_days_ago) < timedelta(minutes=1)
    assert complaint.events.get(kind="registered").text == reason


def test_someone_who_registers_nowhere_gets_no_capture_page(client):
    tree = org_tree()
    client.force_login(staff(Role.AUDITOR, tree.district))
    assert client.get(NEW).status_code == 404


def test_a_complainant_of_another_organisation_cannot_be_picked(client, desk):
    tree, _receiver = desk
    other = ComplainantFactory(organisation=org_tree().organisation)
    response = client.post(NEW, _call(tree, complainant=other.pk))
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    assert client.get(reverse("complaints:complainant_pick", args=[other.pk])).status_code == 404


def test_a_chinese_surname_alone_finds_the_complainant_and_the_desk_is_preselected(client, desk):
    tree, receiver = desk
    receiver.home_unit = tree.site
    receiver.save(update_fields=["home_unit"])
    ComplainantFactory(organisation=tree.organisation, name="楊軍", phone="61234567")
    found = client.get(reverse("complaints:complainant_lookup"), {"q": "楊"}).content.decode()
    assert "楊軍" in found
    form = client.get(NEW).content.decode()
    assert f'<option value="{tree.site.pk}" selected>' in form
