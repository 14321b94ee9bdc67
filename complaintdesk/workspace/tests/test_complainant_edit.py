"""Correcting a complainant's details from one of their complaints: contacts and language by
whoever may edit the complaint, the tier by a manager, every change kept on their history."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import EventKind
from complaintdesk.complaints.tests.factories import ComplaintFactory, manager_for, staff
from complaintdesk.core.errors import GuardFailed, NotFound, NotPermitted
from complaintdesk.customers.models import ComplainantChange

pytestmark = pytest.mark.django_db


def test_a_receiver_corrects_a_wrong_number_and_the_history_keeps_both():
    # Given a complaint whose complainant was taken down with a wrong number
    complaint = ComplaintFactory()
    person = complaint.complainant
    person.phone = "9123 4566"
    person.save()

    # When its receiver corrects the number and the language
    services.complainant_update(
        complaint, complaint.received_by, {"phone": "9123 4567", "preferred_language": "en"}
    )

    # Then the record has the new number, found by its digits on the next call
    person.refresh_from_db()
    assert person.phone == "9123 4567" and person.phone_digits == "91234567"
    # And the history keeps before and after, and who changed it
    change = ComplainantChange.objects.get(complainant=person)
    assert change.changed_by == complaint.received_by
    assert {"field": "phone", "before": "9123 4566", "after": "9123 4567"} in change.changes
    # And the complaint's timeline says which details changed, not what they are now
    event = complaint.events.get(kind=EventKind.COMPLAINANT_CHANGED)
    assert event.data == {"fields": ["phone", "preferred_language"]}


def test_raising_a_complainant_to_vip_takes_a_manager():
    # Given a complaint and its receiver
    complaint = ComplaintFactory()

    # When the receiver tries to make the complainant a VIP / Then it is refused
    with pytest.raises(NotPermitted):
        services.complainant_update(complaint, complaint.received_by, {"tier": "vip"})

    # And a manager over the complaint may
    services.complainant_update(complaint, manager_for(complaint), {"tier": "vip"})
    complaint.complainant.refresh_from_db()
    assert complaint.complainant.tier == "vip"


def test_a_record_left_with_no_way_to_reach_the_complainant_is_refused():
    complaint = ComplaintFactory()

    with pytest.raises(GuardFailed):
        services.complainant_update(
            complaint, complaint.received_by, {"phone": "", "email": "", "address": ""}
        )

    assert not ComplainantChange.objects.exists()


def test_someone_who_cannot_see_the_complaint_cannot_correct_its_complainant(tree):
    complaint = ComplaintFactory(unit=tree.site)
    outsider = staff(Role.RECEIVER, tree.sibling_site)

    with pytest.raises(NotFound):
        services.complainant_update(complaint, outsider, {"phone": "6000 0000"})


def test_the_page_corrects_the_details_and_shows_the_history_in_chinese(client):
    # Given a receiver on their complaint's page
    complaint = ComplaintFactory()
    client.force_login(complaint.received_by)
    detail = client.get(complaint.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert 'data-testid="edit-complainant"' in detail.content.decode()
    url = f"/complaints/{complaint.reference}/complainant/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert 'name="tier"' not in page  # a receiver is not offered the tier

    # When they correct the e-mail address
    response = client.post(
        url,
        {
            "name": complaint.complainant.name,
            "phone": complaint.complainant.phone,
            "email": "New@Example.com",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )

    # Then the record has it, and the history shows it on the page
    assert response.status_code == 302
    complaint.complainant.refresh_from_db()
    assert complaint.complainant.email == "new@example.com"
    history = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "new@example.com" in history
    assert "電郵" in history
