"""Taking a complaint ("assign to me"): whoever may handle complaints takes one nobody
handles yet, in one step, with no manager."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import permissions, services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.transitions import Action
from complaintdesk.core.errors import GuardFailed, NotPermitted, TransitionNotAllowed

from .factories import complaint_at, drive_to, org_tree, staff

pytestmark = pytest.mark.django_db


def test_a_handler_takes_an_unassigned_complaint_and_it_becomes_theirs():
    # Given a complaint just received at a site, and a handler there
    tree = org_tree()
    complaint = complaint_at(tree.site)
    handler = staff(Role.HANDLER, tree.site)
    assert Action.TAKE in {t.action for t in permissions.available_transitions(handler, complaint)}

    # When the handler takes it
    taken = services.complaint_take(complaint, handler)

    # Then it is assigned to them, and the timeline says they took it
    assert (taken.status, taken.handler) == (Status.ASSIGNED, handler)
    event = taken.events.filter(kind=EventKind.STATUS_CHANGED).latest("id")
    assert event.action == Action.TAKE and event.actor == handler
    assert event.data["handler"] == {"id": handler.pk}


def test_a_receiver_who_handles_nothing_cannot_take_a_complaint():
    # Given a receiver at the site
    tree = org_tree()
    complaint = complaint_at(tree.site)
    receiver = staff(Role.RECEIVER, tree.site)

    # Then taking it is neither offered nor allowed, and nothing changes
    assert Action.TAKE not in {
        t.action for t in permissions.available_transitions(receiver, complaint)
    }
    with pytest.raises((NotPermitted, GuardFailed)):
        services.complaint_take(complaint, receiver)
    complaint.refresh_from_db()
    assert complaint.handler is None


def test_a_complaint_someone_handles_cannot_be_taken():
    # Given a complaint already assigned to one handler
    tree = org_tree()
    complaint = drive_to(complaint_at(tree.site), "assigned")
    other = staff(Role.HANDLER, tree.site)
    first = complaint.handler

    # When another handler tries to take it
    with pytest.raises(TransitionNotAllowed):
        services.complaint_take(complaint, other)

    # Then it stays with the first: taking over is a reassignment, a manager's, with a reason
    complaint.refresh_from_db()
    assert complaint.handler == first
