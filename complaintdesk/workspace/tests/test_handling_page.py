"""The complaint page's quicker handling: take it in one click, an assignment chooser that
says who is who and how busy, and a classification changed with a reason."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Grade, Status, Visibility
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db


def test_a_handler_takes_the_complaint_from_its_page(client):
    # Given a complaint nobody handles, and a handler at its site on its page
    tree = org_tree()
    complaint = complaint_at(tree.site)
    handler = staff(Role.HANDLER, tree.site)
    client.force_login(handler)
    page = client.get(complaint.get_absolute_url()).content.decode()
    take = reverse("complaints:action", args=[complaint.reference, "take"])
    assert f'action="{take}"' in page

    # When they press "Take it"
    response = client.post(take)

    # Then it is theirs
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.handler) == (Status.ASSIGNED, handler)


def test_the_assignment_chooser_names_unit_role_and_load(client):
    # Given a district manager, and a handler at the site who handles two open complaints
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    busy = staff(Role.HANDLER, tree.site, display_name="Wing Lee")
    for _ in range(2):
        drive_to(complaint_at(tree.site), "assigned", by=manager, handler=busy)
    complaint = complaint_at(tree.site)
    client.force_login(manager)

    # When the manager opens the complaint
    page = client.get(complaint.get_absolute_url()).content.decode()

    # Then the handler is offered under the site's name, with role and load
    assert f'<optgroup label="{tree.site.name}">' in page
    assert "Wing Lee · Case handler · 2 open" in page


def test_the_classification_changes_with_its_reason_on_the_timeline(client):
    # Given a manager on a general complaint
    tree = org_tree()
    complaint = complaint_at(tree.site)
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))
    url = reverse("complaints:record", args=[complaint.reference, "classification"])

    # When they grade it major, flag a media risk and say why
    response = client.post(
        url,
        {
            "classification-grade": Grade.MAJOR,
            "classification-anger_score": "4",
            "classification-risks": ["media"],
            "classification-reason": "A reporter called about it this morning.",
        },
    )

    # Then the record changed, and the timeline keeps the changes and the reason
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.grade, complaint.anger_score, complaint.risk_media) == (Grade.MAJOR, 4, True)
    event = complaint.events.filter(kind=EventKind.CLASSIFIED).latest("id")
    assert event.text == "A reporter called about it this morning."


def test_a_classification_without_a_reason_is_refused_and_nothing_changes(client):
    # Given a manager on a general complaint
    tree = org_tree()
    complaint = complaint_at(tree.site)
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))
    url = reverse("complaints:record", args=[complaint.reference, "classification"])

    # When they grade it urgent without saying why
    response = client.post(url, {"classification-grade": Grade.URGENT})

    # Then the page asks for the reason, and the grade stays
    assert response.status_code == 400
    assert "reason" in response.context["records"][0]["form"].errors
    complaint.refresh_from_db()
    assert complaint.grade == Grade.GENERAL


def test_the_page_says_how_long_each_clock_has_and_which_steps_are_done(client):
    # Given a phone complaint in Hong Kong on the time standards of the property pack
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    complaint = complaint_at(tree.site, channel="phone")
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))

    # When its page is opened
    page = client.get(complaint.get_absolute_url()).content.decode()

    # Then the head says that nobody handles it yet and how long each running clock has
    assert "Nobody handles it yet" in page
    assert 'data-testid="left-' in page and " left" in page
    # And the steps checklist shows listening done, by the receiver
    assert '<li class="done" data-step="listen">' in page
    assert '<li class="todo" data-step="apologise">' in page


def test_once_replied_the_page_lists_what_closing_still_needs(client):
    # Given a complaint in follow-up whose follow-up call is not recorded yet
    tree = org_tree()
    complaint = drive_to(complaint_at(tree.site), "following_up")
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))

    # When its page is opened
    page = client.get(complaint.get_absolute_url()).content.decode()

    # Then the closing checklist is there, the follow-up still to do
    assert 'data-testid="closing-checklist"' in page
    assert "Follow-up with the complainant recorded" in page
    assert '<li class="todo">' in page


def test_the_timeline_shows_contacts_or_what_the_complainant_sees_on_asking(client):
    # Given a complaint with an internal note, a logged call and a note shown to the complainant
    tree = org_tree()
    complaint = complaint_at(tree.site)
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    services.complaint_add_note(complaint, manager, "Checked the lift log.")
    services.complaint_add_note(complaint, manager, "Called Mr Chan back.", kind=EventKind.CALL)
    services.complaint_add_note(
        complaint, manager, "The engineer comes on Monday.", visibility=Visibility.COMPLAINANT
    )
    client.force_login(manager)

    def shown(which: str) -> list[str]:
        response = client.get(complaint.get_absolute_url(), {"timeline": which})
        return [entry.event.text for entry in response.context["entries"] if entry.event.text]

    # Then each filter keeps its own
    assert shown("contacts") == ["Called Mr Chan back."]
    assert shown("complainant") == ["The engineer comes on Monday."]
    assert len(shown("all")) == 3
