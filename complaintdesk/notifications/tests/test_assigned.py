"""Whoever is given a complaint by someone else hears of it; taking one oneself tells nobody."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.notifications.messages import message_render
from complaintdesk.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def test_the_handler_is_told_when_a_manager_assigns_a_complaint_and_again_on_reassignment():
    # Given a complaint, its district manager and two handlers at the site
    tree = org_tree()
    complaint = complaint_at(tree.site)
    manager = staff(Role.DISTRICT_MANAGER, tree.district, display_name="Mei Chan")
    first, second = staff(Role.HANDLER, tree.site), staff(Role.HANDLER, tree.site)

    # When the manager assigns it, then reassigns it
    services.complaint_assign(complaint, manager, first)
    services.complaint_reassign(complaint, manager, second, "Wing is on leave.")

    # Then each handler was told once, naming who gave it
    told = Notification.objects.filter(kind=NotificationKind.ASSIGNED).order_by("id")
    assert [n.recipient for n in told] == [first, second]
    subject, body = message_render(told[0])
    assert complaint.reference in subject and "Mei Chan" in body


def test_taking_a_complaint_oneself_tells_nobody():
    tree = org_tree()
    complaint = complaint_at(tree.site)
    services.complaint_take(complaint, staff(Role.HANDLER, tree.site))
    assert not Notification.objects.filter(kind=NotificationKind.ASSIGNED).exists()
