"""Approval of remedies beyond the proposer's authority (domain.md step 6).

A proposal above the proposer's limit still moves the complaint to "solution proposed", but
opens an approval request to the next level with its own clock; the reply waits until the
request is approved (the REPLY guard in complaints/guards.py).
"""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import permissions
from complaintdesk.complaints.choices import RemedyType, Status
from complaintdesk.complaints.events import EventKind, event_append
from complaintdesk.complaints.models import Complaint, Proposal
from complaintdesk.core.errors import GuardFailed, NotFound, NotPermitted, TransitionNotAllowed
from complaintdesk.notifications.services import notify
from complaintdesk.sla.selectors import working_deadline

from . import rules, selectors
from .models import ApprovalRequest, ApprovalStatus

# Two working days: long enough for a manager away from the desk for a day, short enough that
# the complainant, already told to wait, hears within the week. Counted like the time
# standards: close of business of the Nth working day after the request, in the complaint's
# calendar.
APPROVAL_WORKING_DAYS = 2

# The action the timeline names when a refusal sends the complaint back to investigation.
REFUSAL_ACTION = "approval_refused"


def approval_request_open(proposal: Proposal, by: User, at: datetime) -> ApprovalRequest:
    """Ask the next level to approve a proposal beyond `by`'s authority.

    Called by complaint_propose in its transaction, once the proposal exists and the complaint
    is "solution proposed"; the caller has found that `by` is not within authority.
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
        reason_needed=_shortfall(proposal, allowance),
        due_at=working_deadline(complaint, APPROVAL_WORKING_DAYS, at),
    )
    event_append(
        complaint,
        EventKind.APPROVAL_REQUESTED,
        by,
        at=at,
        text=request.reason_needed,
        data={
            "approval_request_id": request.pk,
            "approver_role": approver_role,
            "remedy_type": proposal.remedy_type,
            "amount": str(proposal.amount) if proposal.amount is not None else None,
            "due_at": request.due_at.isoformat(),
        },
    )

    def render() -> tuple[str, str]:
        subject = _("Approval needed for %(reference)s") % {"reference": complaint.reference}
        body = _(
            "%(proposer)s proposes %(remedy)s on complaint %(reference)s. %(why)s "
            "Please approve or refuse it by %(due)s."
        ) % {
            "proposer": by,
            "remedy": _remedy_text(proposal),
            "reference": complaint.reference,
            "why": _shortfall(proposal, allowance),
            "due": _local_date(request.due_at, complaint),
        }
        return subject, body

    approvers = selectors.approvers_for(complaint, approver_role).exclude(pk=by.pk)
    notify(approvers, kind="approval_requested", complaint=complaint, render=render, at=at)
    return request


def approval_decide(
    request: ApprovalRequest,
    by: User,
    *,
    approve: bool,
    reason: str,
    at: datetime | None = None,
) -> ApprovalRequest:
    """Approve or refuse a pending request, with reasons, on the timeline; tell the proposer.

    A refusal sends the complaint back to "investigating", so that the handler can propose
    again. This move is written here rather than as a row of the transitions table: it is not
    something anyone may choose to do from the complaint page, but the consequence of the
    approver's decision, and a table row would make it a button for every handler. Leaving the
    complaint "solution proposed" instead would strand it: proposing starts only from
    "investigating", and the reply is blocked by the refused request.
    """
    reason = reason.strip()
    if not reason:
        raise GuardFailed(
            _("Please give the reasons for the decision."), details=[_("A reason is required.")]
        )
    at = at or timezone.now()
    with transaction.atomic():
        # The complaint first, as every lifecycle move locks it: one lock order, no deadlock.
        complaint = (
            Complaint.objects.select_for_update(of=("self",))
            .select_related("organisation", "unit")
            .get(pk=request.complaint_id)
        )
        locked = (
            ApprovalRequest.objects.select_for_update()
            .select_related("proposal")
            .get(pk=request.pk)
        )
        _require_approver(by, complaint, locked)
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
        event_append(
            complaint,
            EventKind.APPROVAL_DECIDED,
            by,
            at=at,
            text=reason,
            data={
                "approval_request_id": locked.pk,
                "approved": approve,
                "approver_role": locked.approver_role,
                "remedy_type": locked.proposal.remedy_type,
                "amount": str(locked.proposal.amount)
                if locked.proposal.amount is not None
                else None,
            },
        )
        if not approve and complaint.status == Status.PROPOSED:
            _back_to_investigation(complaint, by, at, reason)
        complaint.last_activity_at = max(at, complaint.last_activity_at)
        complaint.save(update_fields=["status", "last_activity_at", "updated_at"])
        _tell_proposer(locked, complaint, at)
    return locked


def approval_expected_text(request: ApprovalRequest) -> str:
    """What the handler tells the complainant while the decision waits: who decides, and by when.

    In the current language; for a letter in the complainant's language, call it under
    `translation.override(complaint.language)`.
    """
    return _(
        "Your request needs approval from the %(approver)s; you will hear from us by %(date)s."
    ) % {
        "approver": Role(request.approver_role).label.lower(),
        "date": _local_date(request.due_at, request.complaint),
    }


def _require_approver(by: User, complaint: Complaint, request: ApprovalRequest) -> None:
    if not permissions.can_view(by, complaint):
        raise NotFound(_("No such complaint."))
    if not selectors.may_approve_as(permissions.roles_on(by, complaint), request.approver_role):
        raise NotPermitted(
            _("Only the %(approver)s (or someone above) may decide on this request.")
            % {"approver": Role(request.approver_role).label.lower()}
        )
    if request.requested_by_id == by.pk:
        # Four eyes: even at the top of the ladder, someone else approves one's own proposal.
        raise NotPermitted(_("You cannot decide on your own proposal."))


def _back_to_investigation(complaint: Complaint, by: User, at: datetime, reason: str) -> None:
    complaint.status = Status.INVESTIGATING
    event_append(
        complaint,
        EventKind.STATUS_CHANGED,
        by,
        at=at,
        action=REFUSAL_ACTION,
        status_before=Status.PROPOSED,
        status_after=Status.INVESTIGATING,
        text=reason,
    )


def _tell_proposer(request: ApprovalRequest, complaint: Complaint, at: datetime) -> None:
    approved = request.status == ApprovalStatus.APPROVED

    def render() -> tuple[str, str]:
        values = {
            "reference": complaint.reference,
            "remedy": _remedy_text(request.proposal),
            "reason": request.decision_reason,
        }
        if approved:
            subject = _("Approved: %(reference)s") % values
            body = _("%(remedy)s on %(reference)s is approved. Reasons: %(reason)s") % values
        else:
            subject = _("Refused: %(reference)s") % values
            body = (
                _(
                    "%(remedy)s on %(reference)s is refused. Reasons: %(reason)s "
                    "The complaint is back under investigation: propose another solution."
                )
                % values
            )
        return subject, body

    notify(
        [request.requested_by],
        kind="approval_decided",
        complaint=complaint,
        render=render,
        at=at,
    )


def _shortfall(proposal: Proposal, allowance: selectors.Allowance) -> str:
    """Which limit the proposal goes beyond, in the current language."""
    remedy = RemedyType(proposal.remedy_type).label
    if not allowance.allowed:
        return _("The proposer's authority does not cover “%(remedy)s”.") % {"remedy": remedy}
    return _("%(amount)s is above the proposer's limit of %(limit)s for “%(remedy)s”.") % {
        "amount": _money(proposal.amount, proposal.currency),
        "limit": _money(allowance.max_amount, proposal.currency),
        "remedy": remedy,
    }


def _remedy_text(proposal: Proposal) -> str:
    remedy = str(RemedyType(proposal.remedy_type).label)
    if not proposal.amount:
        return remedy
    return f"{remedy} {_money(proposal.amount, proposal.currency)}"


def _money(amount: Decimal | None, currency: str) -> str:
    return f"{number_format(amount or 0, decimal_pos=2)} {currency}".strip()


def _local_date(instant: datetime, complaint: Complaint) -> str:
    """The date in the organisation's time zone, written the current language's way."""
    zone = ZoneInfo(complaint.organisation.time_zone)
    return date_format(instant.astimezone(zone), "DATE_FORMAT")


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
            event_append(
                complaint,
                EventKind.NOTE,
                None,
                at=now,
                text=_("The decision on the proposal is overdue."),
                data={"approval_request": request.pk, "overdue": True},
            )

            def render(request=request, complaint=complaint) -> tuple[str, str]:
                values = {"reference": complaint.reference, "subject": complaint.subject}
                return (
                    _("Approval overdue: %(reference)s %(subject)s") % values,
                    _("A proposal on %(reference)s has waited past its decision time.") % values,
                )

            notify(people, kind="approval_overdue", complaint=complaint, render=render, at=now)
            reminded += 1
    return reminded
