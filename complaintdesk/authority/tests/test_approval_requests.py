"""A proposal beyond authority: the approval request, its clock, the timeline, the approvers'
notifications, and what the complainant is told while it waits."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import ApprovalRequest, ApprovalStatus
from complaintdesk.authority.selectors import approval_pending, approval_requests_overdue
from complaintdesk.authority.services import approval_expected_text
from complaintdesk.complaints.choices import Status, Visibility
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.tests.factories import (
    at,
    complaint_at,
    drive_to,
    org_tree,
    reply,
    staff,
)
from complaintdesk.core.errors import GuardFailed
from complaintdesk.notifications.models import Notification, NotificationKind

from .factories import case, propose, refund_ladder

pytestmark = pytest.mark.django_db

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


def _beyond_authority(**proposal):
    """A handler's refund of 5,000 (limit 200) that the regional general manager must approve."""
    given = case()
    refund_ladder(given.tree)
    proposal = given.propose("refund", "5000", **proposal)
    return given, ApprovalRequest.objects.get(proposal=proposal)


def test_a_proposal_beyond_authority_is_kept_and_waits_for_approval():
    # Given / When a handler proposes a refund beyond their limit
    given, request = _beyond_authority()

    # Then the complaint is "solution proposed", with a pending request from the handler
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.PROPOSED
    assert request.status == ApprovalStatus.PENDING
    assert request.requested_by == given.handler
    assert request.complaint == given.complaint
    assert approval_pending(given.complaint) == request


def test_the_approval_is_due_at_close_of_business_two_working_days_later_never_at_a_weekend():
    # Given / When the handler proposes on a Friday morning
    _given, request = _beyond_authority(at=at("2026-03-06 10:00"))

    # Then the decision is due on the Tuesday, not over the weekend
    due = request.due_at.astimezone(HONG_KONG)
    assert due.date() == date(2026, 3, 10)
    assert due.weekday() < 5
    assert request.requested_at == at("2026-03-06 10:00")


def test_the_request_is_on_the_timeline_with_approver_remedy_amount_and_due_time():
    # Given / When
    given, request = _beyond_authority()

    # Then the timeline has the request, internal, after the move to "solution proposed"
    event = given.complaint.events.get(kind=EventKind.APPROVAL_REQUESTED)
    assert event.actor == given.handler
    assert event.visibility == Visibility.INTERNAL
    # Why approval is needed is kept as facts, and read in the reader's language
    assert event.text == ""
    assert request.reason_needed == (
        "5000.00 HKD is above the proposer's limit of 200.00 HKD for “Refund”."
    )
    due_at = datetime.fromisoformat(event.data.pop("due_at"))
    assert due_at == request.due_at
    assert event.data == {
        "approval_request_id": request.pk,
        "approver_role": Role.REGIONAL_GM,
        "remedy_type": "refund",
        "amount": "5000",
        "limit": "200.00",
        "covered": True,
    }
    moved = given.complaint.events.get(kind=EventKind.STATUS_CHANGED, action="propose")
    assert moved.id < event.id


def test_the_approvers_in_the_complaints_line_are_notified_and_nobody_else():
    # Given the regional general manager, a second one at head office, and people who are not
    # approvers of this complaint: head office's complaints unit (another role), an inactive
    # regional GM, and a regional GM of another organisation
    given = case()
    refund_ladder(given.tree)
    second = staff(Role.REGIONAL_GM, given.tree.head_office)
    staff(Role.REGIONAL_GM, given.tree.region, is_active=False)
    staff(Role.REGIONAL_GM, org_tree().region)

    # When the handler proposes a refund only the regional general manager may approve
    given.propose("refund", "5000")

    # Then both regional general managers in the line, and only they, are told
    sent = Notification.objects.filter(kind="approval_requested")
    assert {n.recipient for n in sent} == {given.regional_gm, second}
    notification = sent.get(recipient=given.regional_gm)
    assert notification.complaint == given.complaint
    assert given.complaint.reference in notification.subject
    assert "5000.00 HKD" in notification.body


def test_each_approver_is_notified_in_their_own_language():
    # Given a regional general manager who reads Simplified Chinese
    given = case()
    refund_ladder(given.tree)
    given.regional_gm.preferred_language = "zh-hans"
    given.regional_gm.save(update_fields=["preferred_language"])

    # When a refund beyond the handler's limit is proposed on a Friday
    given.propose("refund", "5000", at=at("2026-03-06 10:00"))

    # Then the notification reads in Chinese in their language (as their mail copy is sent):
    # the remedy and the date are Chinese; an English page shows the same row in English
    notification = Notification.objects.get(recipient=given.regional_gm)
    with translation.override(given.regional_gm.preferred_language):
        body = notification.body
    assert "退款" in body
    assert "2026年3月10日" in body
    with translation.override("en"):
        assert "Refund 5000.00 HKD" in Notification.objects.get(pk=notification.pk).body


def test_the_complainant_can_be_told_who_decides_and_by_when():
    # Given a request proposed on a Friday
    _given, request = _beyond_authority(at=at("2026-03-06 10:00"))

    # When the handler reads what to tell the complainant, in English and in Chinese
    english = approval_expected_text(request)
    with translation.override("zh-hans"):
        chinese = approval_expected_text(request)

    # Then it names the approver and the date the complainant will hear by
    assert english == (
        "Your request needs approval from the regional general manager; "
        "you will hear from us by March 10, 2026."
    )
    assert "区域总经理" in chinese
    assert "2026年3月10日" in chinese


def test_the_reply_is_refused_while_approval_is_pending():
    # Given a proposal waiting for the regional general manager
    given, _request = _beyond_authority()
    events = given.complaint.events.count()

    # When the handler sends the reply
    with pytest.raises(GuardFailed) as refused:
        reply(given.complaint, given.handler)

    # Then it is refused, saying whose approval it waits for, and nothing is written
    assert refused.value.details == [
        "The proposal awaits approval by the regional general manager."
    ]
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.PROPOSED
    assert given.complaint.events.count() == events
    assert not given.complaint.replies.exists()


def test_the_pending_approval_refusal_names_the_approver_in_the_users_language():
    given, _request = _beyond_authority()

    with translation.override("zh-hans"), pytest.raises(GuardFailed) as refused:
        reply(given.complaint, given.handler)

    assert len(refused.value.details) == 1
    assert "区域总经理" in refused.value.details[0]


def test_a_refused_proposal_does_not_open_a_request():
    # Given a complaint under investigation with no findings recorded yet
    tree = org_tree()
    refund_ladder(tree)
    staff(Role.REGIONAL_GM, tree.region)
    handler = staff(Role.HANDLER, tree.site)
    complaint = drive_to(complaint_at(tree.site), Status.INVESTIGATING, handler=handler)

    # When a refund beyond authority is proposed, and refused for the missing findings
    with pytest.raises(GuardFailed):
        propose(complaint, handler, "refund", "5000")

    # Then no request, event or notification of one was left behind (the handler was told
    # of the assignment before, which is not the proposal's)
    assert not ApprovalRequest.objects.exists()
    assert not complaint.events.filter(kind=EventKind.APPROVAL_REQUESTED).exists()
    assert not Notification.objects.exclude(kind=NotificationKind.ASSIGNED).exists()


def test_the_sweep_finds_pending_requests_past_their_due_time_only():
    # Given a request due on Tuesday 2026-03-10
    _given, request = _beyond_authority(at=at("2026-03-06 10:00"))

    # When the sweep looks before and after the due time
    before = list(approval_requests_overdue(request.due_at - timedelta(minutes=1)))
    after = list(approval_requests_overdue(request.due_at + timedelta(minutes=1)))

    # Then only the later look finds it
    assert before == []
    assert after == [request]
