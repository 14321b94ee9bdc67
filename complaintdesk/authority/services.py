"""Approval of remedies beyond the proposer's authority (domain.md step 6).

A proposal above the proposer's limit still moves the complaint to "solution proposed", but
opens an approval request to the next level with its own clock; the reply waits until the
request is approved (the guard this app registers on the REPLY move, guards.py). The
complaint itself is written only through the complaints services: a refusal sends it back
with the system move SEND_BACK of the transitions table.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.complaints import permissions
from complaintdesk.complaints import policy_events as timeline
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint, Proposal
from complaintdesk.complaints.services import (
    complaint_activity_touch,
    complaint_lock,
    complaint_send_back,
)
from complaintdesk.complaints.transitions import SystemAction
from complaintdesk.core.errors import GuardFailed, NotFound, NotPermitted, TransitionNotAllowed
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.notifications.services import notify
from complaintdesk.sla.selectors import working_deadline

from . import rules, selectors, wording
from .models import ApprovalRequest, ApprovalStatus

# Two working days: long enough for a manager away from the desk for a day, short enough that
# the complainant, already told to wait, hears within the week. Counted like the time
# standards: close of business of the Nth working day after the request, in the complaint's
# calendar.
APPROVAL_WORKING_DAYS = 2

# The move the timeline names when a refusal sends the complaint back to investigation.
REFUSAL_ACTION = SystemAction.SEND_BACK


def approval_request_open(proposal: Proposal, by: User, at: datetime) -> ApprovalRequest:
    """Ask the next level to approve a proposal beyond `by`'s authority.

    Run by the ProposalMade subscriber in the proposal's transaction, once the complaint is
    "solution proposed" and `by` was found not to be within authority.
    """
    complaint = proposal.complaint
    roles = permissions.roles_on(by, complaint)
    allowance = selectors.allowance_on(by, complaint, proposal.remedy_type)
    approver_role = selectors.approver_role_for(
        complaint, roles, proposal.remedy_type, proposal.amount
    )
    request = ApprovalRequest.objects.create(
        complaint=complaint,
        proposal=proposal,
        requested_by=by,
        requested_at=at,
        approver_role=approver_role,
        proposer_covers_remedy=allowance.allowed,
        proposer_limit=allowance.max_amount if allowance.allowed else None,
        due_at=working_deadline(complaint, APPROVAL_WORKING_DAYS, at),
    )
    timeline.approval_requested_event(
        complaint,
        by,
        at,
        request_id=request.pk,
        approver_role=approver_role,
        remedy_type=proposal.remedy_type,
        amount=proposal.amount,
        limit=request.proposer_limit,
        covered=request.proposer_covers_remedy,
        due_at=request.due_at,
    )
    approvers = selectors.approvers_for(complaint, approver_role).exclude(pk=by.pk)
    notify(
        approvers,
        kind=NotificationKind.APPROVAL_REQUESTED,
        complaint=complaint,
        params={"request": request.pk},
        at=at,
    )
    return request


def approval_decide(
    request: ApprovalRequest,
    by: User,
    *,
    approve: bool | None,
    reason: str,
    at: datetime | None = None,
) -> ApprovalRequest:
    """Approve or refuse a pending request, with reasons, on the timeline; tell the proposer.

    Who may decide is checked first, then that a decision was made at all (`approve` None:
    neither approve nor refuse was chosen), then the reasons. A refusal sends the complaint back to
    "investigating" (the system move SEND_BACK, in the approver's name), so that the handler
    can propose again: leaving it "solution proposed" would strand it, since proposing starts
    only from "investigating" and the reply is blocked by the refused request.
    """
    at = at or timezone.now()
    with transaction.atomic():
        # The complaint first, as every lifecycle move locks it: one lock order, no deadlock.
        complaint = complaint_lock(Complaint(pk=request.complaint_id))
        locked = (
            ApprovalRequest.objects.select_for_update()
            .select_related("proposal")
            .get(pk=request.pk)
        )
        _require_approver(by, complaint, locked)
        if approve is None:
            raise GuardFailed(
                _("Choose whether to approve or refuse the proposal."),
                details=[_("No decision was given.")],
            )
        reason = reason.strip()
        if not reason:
            raise GuardFailed(
                _("Please give the reasons for the decision."),
                details=[_("A reason is required.")],
            )
        if locked.status != ApprovalStatus.PENDING:
            raise TransitionNotAllowed(
                _("This approval request was already decided (%(status)s).")
                % {"status": locked.get_status_display()}
            )
        locked.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REFUSED
        locked.decided_by = by
        locked.decided_at = at
        locked.decision_reason = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        timeline.approval_decided_event(
            complaint,
            by,
            at,
            request_id=locked.pk,
            approved=approve,
            approver_role=locked.approver_role,
            remedy_type=locked.proposal.remedy_type,
            amount=locked.proposal.amount,
            reason=reason,
        )
        if not approve and complaint.status == Status.PROPOSED:
            complaint_send_back(complaint, by, at, reason=reason, approval_request_id=locked.pk)
        complaint_activity_touch(complaint, at)
        notify(
            [locked.requested_by],
            kind=NotificationKind.APPROVAL_DECIDED,
            complaint=complaint,
            params={"request": locked.pk},
            at=at,
        )
    return locked


def approval_expected_text(request: ApprovalRequest) -> str:
    """What the handler tells the complainant while the decision waits (wording.py)."""
    return wording.expected_text(request)


def _require_approver(by: User, complaint: Complaint, request: ApprovalRequest) -> None:
    if not permissions.can_view(by, complaint):
        raise NotFound(_("No such complaint."))
    if not selectors.may_approve_as(permissions.roles_on(by, complaint), request.approver_role):
        raise NotPermitted(
            _("Only the %(approver)s (or someone above) may decide on this request.")
            % {"approver": wording.approver_text(request.approver_role)}
        )
    if request.requested_by_id == by.pk:
        # Four eyes: even at the top of the ladder, someone else approves one's own proposal.
        raise NotPermitted(_("You cannot decide on your own proposal."))


def approvals_overdue_remind(now: datetime) -> int:
    """Remind the approvers, and the rung above them, of each late decision, exactly once:
    the conditional UPDATE lets only one of several concurrent sweeps claim a request."""
    reminded = 0
    for request in selectors.approval_requests_overdue(now).filter(
        overdue_notified_at__isnull=True
    )[:500]:
        with transaction.atomic():
            claimed = ApprovalRequest.objects.filter(
                pk=request.pk, status=ApprovalStatus.PENDING, overdue_notified_at__isnull=True
            ).update(overdue_notified_at=now)
            if not claimed:
                continue
            complaint = request.complaint
            people = list(selectors.approvers_for(complaint, request.approver_role))
            rank_roles = rules.rungs_above(rules.authority_rank({request.approver_role}))
            if rank_roles:
                people += list(selectors.approvers_for(complaint, rank_roles[0]))
            timeline.approval_overdue_event(complaint, now, request.pk)
            notify(
                people,
                kind=NotificationKind.APPROVAL_OVERDUE,
                complaint=complaint,
                params={"request": request.pk},
                at=now,
            )
            reminded += 1
    return reminded
