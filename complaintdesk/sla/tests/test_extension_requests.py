"""Asking for a deadline extension is one step for the handler: the deadline moves at once
where they may move it, and otherwise the holders of the role the policy names are asked and
decide on the complaint page."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, Status, Visibility
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.hooks import awaiting_decision_of
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import (
    complaint_at,
    drive_to,
    handler_for,
    org_tree,
    staff,
)
from complaintdesk.core.errors import GuardFailed, NotPermitted, TransitionNotAllowed
from complaintdesk.notifications.messages import message_render
from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.sla import services as sla
from complaintdesk.sla.models import ClockExtension, ComplaintClock, ExtensionStatus
from complaintdesk.sla.selectors import clock_rows, extensions_pending

from .factories import local, on_policy

pytestmark = pytest.mark.django_db


def bank_complaint_extended_once():
    """The bank's decision clock (15 → 30 → 60 days, the last step by the regional GM),
    already extended once by its handler."""
    tree = org_tree(time_zone="Asia/Shanghai", currency="CNY")
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    complaint = complaint_at(
        tree.site, channel=Channel.LETTER, received_at=local("CN", "2026-09-25 10:00")
    )
    drive_to(complaint, Status.INVESTIGATING)
    handler = handler_for(complaint)
    clock = ComplaintClock.objects.get(complaint=complaint, name="decision")
    asked = sla.clock_extension_ask(
        clock, handler, "Needs the card network's records", at=local("CN", "2026-10-05 09:00")
    )
    assert asked is None  # the first step needs nobody's approval: extended at once
    clock.refresh_from_db()
    assert clock.amount == 30
    return complaint, clock, handler, staff(Role.REGIONAL_GM, tree.region)


def test_extension_beyond_the_handlers_role_asks_the_regional_manager_in_one_step():
    complaint, clock, handler, regional = bank_complaint_extended_once()
    # When the handler asks for the second step, which the regional GM approves
    asked = sla.clock_extension_ask(
        clock, handler, "The card network has not answered", at=local("CN", "2026-10-20 09:00")
    )
    # Then the deadline has not moved yet, and the request waits for the regional GM
    clock.refresh_from_db()
    assert clock.amount == 30
    assert asked is not None and asked.status == ExtensionStatus.PENDING
    assert asked.approval_role == Role.REGIONAL_GM and asked.amount_after == 60
    # who is told, finds it in "awaiting my approval", and may decide on the page
    notice = Notification.objects.get(kind=NotificationKind.EXTENSION_REQUESTED)
    assert notice.recipient == regional
    subject, body = message_render(notice)
    assert complaint.reference in subject and "The card network has not answered" in body
    assert Complaint.objects.filter(awaiting_decision_of(regional), pk=complaint.pk).exists()
    assert not Complaint.objects.filter(awaiting_decision_of(handler), pk=complaint.pk).exists()
    rows = clock_rows(complaint)
    [pending] = extensions_pending(regional, complaint, rows)
    assert pending.can_decide
    assert not extensions_pending(handler, complaint, rows)[0].can_decide
    # And the timeline says it was asked, for the staff only
    event = complaint.events.get(kind=EventKind.EXTENSION_REQUESTED)
    assert event.visibility == Visibility.INTERNAL
    assert event.text == "The card network has not answered"


def test_approved_extension_moves_the_deadline_with_the_handlers_reason():
    complaint, clock, handler, regional = bank_complaint_extended_once()
    asked = sla.clock_extension_ask(
        clock, handler, "The card network has not answered", at=local("CN", "2026-10-20 09:00")
    )
    assert asked is not None
    # When the regional GM approves with one click
    decided = sla.extension_decide(
        asked, regional, approve=True, at=local("CN", "2026-10-20 15:00")
    )
    # Then the deadline is 60 days from receipt, and the complainant sees the handler's reason
    assert decided.status == ExtensionStatus.APPROVED and decided.decided_by == regional
    clock.refresh_from_db()
    assert clock.amount == 60 and clock.due_at == local("CN", "2026-11-24 23:59:59")
    last = ClockExtension.objects.filter(clock=clock).order_by("-id").first()
    assert (last.requested_by, last.approved_by) == (handler, regional)
    shown = complaint.events.filter(kind=EventKind.CLOCK_EXTENDED).order_by("-id").first()
    assert shown.visibility == Visibility.COMPLAINANT
    assert shown.text == "The card network has not answered"
    # And the handler hears of it
    told = Notification.objects.get(kind=NotificationKind.EXTENSION_DECIDED)
    assert told.recipient == handler
    assert not Complaint.objects.filter(awaiting_decision_of(regional), pk=complaint.pk).exists()


def test_refused_extension_leaves_the_deadline_and_tells_the_handler_why():
    complaint, clock, handler, regional = bank_complaint_extended_once()
    asked = sla.clock_extension_ask(clock, handler, "Waiting", at=local("CN", "2026-10-20 09:00"))
    assert asked is not None
    # When the regional GM refuses without a reason
    with pytest.raises(GuardFailed):
        sla.extension_decide(asked, regional, approve=False, at=local("CN", "2026-10-20 15:00"))
    # Then nothing is decided; with reasons, it is refused and the deadline stays
    decided = sla.extension_decide(
        asked,
        regional,
        approve=False,
        reason="Decide on what we have",
        at=local("CN", "2026-10-20 15:00"),
    )
    assert decided.status == ExtensionStatus.REFUSED
    clock.refresh_from_db()
    assert clock.amount == 30
    refused = complaint.events.get(kind=EventKind.EXTENSION_REFUSED)
    assert refused.text == "Decide on what we have" and refused.visibility == Visibility.INTERNAL
    _, body = message_render(Notification.objects.get(kind=NotificationKind.EXTENSION_DECIDED))
    assert "Decide on what we have" in body


def test_only_the_role_the_policy_names_decides_and_only_once():
    _complaint, clock, handler, regional = bank_complaint_extended_once()
    asked = sla.clock_extension_ask(clock, handler, "Waiting", at=local("CN", "2026-10-20 09:00"))
    assert asked is not None
    with pytest.raises(NotPermitted):
        sla.extension_decide(asked, handler, approve=True, at=local("CN", "2026-10-20 10:00"))
    # A second request for the same deadline is refused while the first waits
    with pytest.raises(TransitionNotAllowed):
        sla.clock_extension_ask(clock, handler, "Again", at=local("CN", "2026-10-20 11:00"))
    sla.extension_decide(asked, regional, approve=True, at=local("CN", "2026-10-20 15:00"))
    with pytest.raises(TransitionNotAllowed):
        sla.extension_decide(asked, regional, approve=True, at=local("CN", "2026-10-20 16:00"))


def test_request_overtaken_by_the_reply_lapses_instead_of_moving_a_met_deadline():
    complaint, clock, handler, regional = bank_complaint_extended_once()
    asked = sla.clock_extension_ask(clock, handler, "Waiting", at=local("CN", "2026-10-20 09:00"))
    assert asked is not None
    # Given the decision was sent before the regional GM looked (the clock is met)
    drive_to(complaint, Status.REPLIED)
    # When they approve
    decided = sla.extension_decide(
        asked, regional, approve=True, at=local("CN", "2026-10-22 09:00")
    )
    # Then the request lapses and nothing moves
    assert decided.status == ExtensionStatus.LAPSED
    clock.refresh_from_db()
    assert clock.amount == 30 and clock.extensions_used == 1


def test_regional_manager_extends_at_once_without_asking_anybody():
    _complaint, clock, _handler, regional = bank_complaint_extended_once()
    asked = sla.clock_extension_ask(
        clock, regional, "Especially complex", at=local("CN", "2026-10-20 09:00")
    )
    assert asked is None
    clock.refresh_from_db()
    assert clock.amount == 60
    assert not Notification.objects.filter(kind=NotificationKind.EXTENSION_REQUESTED).exists()
