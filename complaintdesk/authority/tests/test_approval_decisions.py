"""The approver's decision: who may take it, with reasons, once; what it does to the reply."""

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import ApprovalRequest, ApprovalStatus
from complaintdesk.authority.selectors import approval_pending
from complaintdesk.authority.services import REFUSAL_ACTION, approval_decide
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Status, Visibility
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.tests.factories import at, reply, staff
from complaintdesk.core.errors import GuardFailed, NotFound, NotPermitted, TransitionNotAllowed
from complaintdesk.notifications.models import Notification

from .factories import case, refund_ladder

pytestmark = pytest.mark.django_db

APPROVED = "Within the goodwill budget for lift failures this quarter."
REFUSED = "A refund of a full quarter's fee is out of proportion to three days."


def _waiting(amount: str = "5000"):
    """A handler's refund beyond their limit of 200, waiting for approval."""
    given = case()
    refund_ladder(given.tree)
    proposal = given.propose("refund", amount)
    return given, ApprovalRequest.objects.get(proposal=proposal)


def _snapshot(given, request):
    request.refresh_from_db()
    given.complaint.refresh_from_db()
    return request.status, given.complaint.status, given.complaint.events.count()


# --- approving ----------------------------------------------------------------------------------


def test_once_approved_the_reply_can_be_sent():
    # Given a refund waiting for the regional general manager
    given, request = _waiting()

    # When the regional general manager approves it, with reasons
    decided = approval_decide(request, given.regional_gm, approve=True, reason=APPROVED)

    # Then the request is approved by them, and the handler can reply
    assert decided.status == ApprovalStatus.APPROVED
    assert decided.decided_by == given.regional_gm
    assert decided.decided_at is not None
    assert decided.decision_reason == APPROVED
    assert approval_pending(given.complaint) is None
    reply(given.complaint, given.handler)
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.REPLIED


def test_the_decision_is_on_the_timeline_with_its_reasons_for_staff_only():
    given, request = _waiting()

    approval_decide(
        request, given.regional_gm, approve=True, reason=APPROVED, at=at("2026-03-09 11:00")
    )

    event = given.complaint.events.get(kind=EventKind.APPROVAL_DECIDED)
    assert event.actor == given.regional_gm
    assert event.text == APPROVED
    assert event.visibility == Visibility.INTERNAL
    assert event.created_at == at("2026-03-09 11:00")
    assert event.data["approved"] is True
    assert event.data["approver_role"] == Role.REGIONAL_GM


def test_someone_above_the_approver_may_decide_too():
    # Given a request for the regional general manager
    given, request = _waiting()

    # When head office's complaints unit decides instead
    approval_decide(request, given.hq, approve=True, reason=APPROVED)

    # Then the decision stands
    request.refresh_from_db()
    assert request.status == ApprovalStatus.APPROVED
    assert request.decided_by == given.hq


def test_the_proposer_is_told_the_decision_and_its_reasons():
    given, request = _waiting()

    approval_decide(request, given.regional_gm, approve=True, reason=APPROVED)

    told = Notification.objects.get(kind="approval_decided")
    assert told.recipient == given.handler
    assert told.complaint == given.complaint
    assert given.complaint.reference in told.subject
    assert APPROVED in told.body


# --- refusing -----------------------------------------------------------------------------------


def test_a_refusal_sends_the_complaint_back_to_investigation_and_the_reply_is_refused():
    # Given a refund waiting for approval
    given, request = _waiting()

    # When the regional general manager refuses it
    approval_decide(request, given.regional_gm, approve=False, reason=REFUSED)

    # Then the complaint is under investigation again, and no reply can be sent on that proposal
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.INVESTIGATING
    request.refresh_from_db()
    assert request.status == ApprovalStatus.REFUSED
    with pytest.raises(TransitionNotAllowed):
        reply(given.complaint, given.handler)


def test_after_a_refusal_a_new_proposal_can_be_made_and_replied_to():
    # Given a refused refund of 5,000
    given, request = _waiting()
    approval_decide(request, given.regional_gm, approve=False, reason=REFUSED)

    # When the handler proposes a refund within their own limit and replies
    given.propose("refund", "150")
    reply(given.complaint, given.handler)

    # Then the reply is sent: the refused request belongs to the replaced proposal
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.REPLIED
    assert given.complaint.proposals.count() == 2


def test_the_refusal_and_the_return_to_investigation_are_on_the_timeline_with_the_reasons():
    given, request = _waiting()

    approval_decide(request, given.regional_gm, approve=False, reason=REFUSED)

    decided = given.complaint.events.get(kind=EventKind.APPROVAL_DECIDED)
    assert decided.text == REFUSED
    assert decided.data["approved"] is False
    moved = given.complaint.events.get(action=REFUSAL_ACTION)
    assert moved.kind == EventKind.STATUS_CHANGED
    assert (moved.status_before, moved.status_after) == (Status.PROPOSED, Status.INVESTIGATING)
    assert moved.actor == given.regional_gm
    assert moved.text == REFUSED
    assert decided.id < moved.id
    told = Notification.objects.get(kind="approval_decided", recipient=given.handler)
    assert REFUSED in told.body


def test_a_refusal_after_the_complaint_was_withdrawn_only_records_the_decision():
    # Given a request whose complaint the complainant withdrew meanwhile
    given, request = _waiting()
    services.complaint_withdraw(given.complaint, given.handler, "Settled with the contractor.")

    # When the approver refuses it
    approval_decide(request, given.regional_gm, approve=False, reason=REFUSED)

    # Then the complaint stays withdrawn
    given.complaint.refresh_from_db()
    assert given.complaint.status == Status.WITHDRAWN
    assert not given.complaint.events.filter(action=REFUSAL_ACTION).exists()


# --- who may decide, and how --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["handler", "district_manager"])
def test_someone_below_the_approver_cannot_decide_and_nothing_is_written(who):
    # Given a request for the regional general manager
    given, request = _waiting()
    before = _snapshot(given, request)

    # When the handler, or a district manager, tries to approve it
    with pytest.raises(NotPermitted):
        approval_decide(request, getattr(given, who), approve=True, reason=APPROVED)

    # Then it is refused and nothing changes
    assert _snapshot(given, request) == before


def test_an_approver_outside_the_complaints_line_does_not_see_it():
    # Given a request for a district manager, and the manager of the sibling district
    given, request = _waiting("800")
    sibling = staff(Role.DISTRICT_MANAGER, given.tree.sibling_district)

    # When the sibling district's manager tries to approve it / Then the complaint is not found
    with pytest.raises(NotFound):
        approval_decide(request, sibling, approve=True, reason=APPROVED)
    approval_decide(request, given.district_manager, approve=True, reason=APPROVED)


@pytest.mark.parametrize("reason", ["", "   \n"], ids=["empty", "blank"])
def test_a_decision_needs_reasons(reason):
    # Given a request waiting for the regional general manager
    given, request = _waiting()
    before = _snapshot(given, request)

    # When they refuse it without reasons
    with pytest.raises(GuardFailed) as refused:
        approval_decide(request, given.regional_gm, approve=False, reason=reason)

    # Then it is refused, saying a reason is required, and nothing changes
    assert refused.value.details == ["A reason is required."]
    assert _snapshot(given, request) == before


def test_a_request_is_decided_only_once():
    # Given an approved request
    given, request = _waiting()
    approval_decide(request, given.regional_gm, approve=True, reason=APPROVED)
    before = _snapshot(given, request)

    # When someone decides it again, the other way
    with pytest.raises(TransitionNotAllowed):
        approval_decide(request, given.hq, approve=False, reason=REFUSED)

    # Then the first decision stands
    assert _snapshot(given, request) == before
    assert request.decided_by == given.regional_gm


def test_nobody_approves_their_own_proposal_even_at_the_top_of_the_ladder():
    # Given head office proposing a refund beyond its own limit of 20,000
    given = case()
    refund_ladder(given.tree)
    colleague = staff(Role.HQ_COMPLAINTS, given.tree.head_office)
    proposal = given.propose("refund", "50000", by=given.hq)
    request = ApprovalRequest.objects.get(proposal=proposal)

    # Then it goes to head office, whose other members are told, but not the proposer
    assert request.approver_role == Role.HQ_COMPLAINTS
    told = Notification.objects.filter(kind="approval_requested")
    assert {n.recipient for n in told} == {colleague}

    # When the proposer approves it themselves / Then that is refused; a colleague may approve
    with pytest.raises(NotPermitted):
        approval_decide(request, given.hq, approve=True, reason=APPROVED)
    approval_decide(request, colleague, approve=True, reason=APPROVED)
