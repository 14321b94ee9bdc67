"""The complaint page's quicker handling: take it in one click, an assignment chooser that
says who is who and how busy, and a classification changed with a reason."""

import pytest
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Grade, Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff

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
    manager = staff(Role.DISTRICT_MANAGER, tree.district, first_name="Mei", last_name="Chan")
    busy = staff(Role.HANDLER, tree.site, first_name="Wing", last_name="Lee")
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
