"""Extending a deadline: at once where the policy's next step needs no approval or the person
holds the role it names, else as one request to the holders of that role, who decide on the
complaint page. Either way the handler acts once, with one reason, which the complainant is
told when the deadline moves."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import Capability, role_label
from complaintdesk.accounts.selectors import role_holders
from complaintdesk.complaints import permissions
from complaintdesk.complaints import policy_events as timeline
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.services import complaint_activity_touch, complaint_lock
from complaintdesk.core.errors import GuardFailed, NotPermitted, TransitionNotAllowed
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.notifications.services import notify

from .. import selectors
from ..choices import ClockState
from ..models import ClockExtension, ComplaintClock, ExtensionRequest, ExtensionStatus
from .clocks import complaint_sla_refresh, schedule


def _locked_clock(clock: ComplaintClock) -> tuple[Complaint, ComplaintClock]:
    """The complaint, then the clock, locked as the sweep locks them, so a deadline is never
    moved and breached at the same moment."""
    complaint_lock(clock.complaint)
    locked = (
        ComplaintClock.objects.select_for_update(of=("self",))
        .select_related("rule", "complaint")
        .get(pk=clock.pk)
    )
    return locked.complaint, locked


def _next_step(clock: ComplaintClock, reason: str) -> dict:
    problems = []
    if not reason:
        problems.append(_("A reason is required."))
    step = clock.next_extension()
    if not clock.is_open:
        problems.append(_("Only a running clock can be extended."))
    elif step is None:
        problems.append(_("The policy allows no further extension of this deadline."))
    if problems or step is None:  # no step: a closed clock, or none left (both reported)
        raise GuardFailed(_("The deadline cannot be extended:"), details=problems)
    return step


def _extend(
    complaint: Complaint,
    clock: ComplaintClock,
    step: dict,
    *,
    reason: str,
    requested_by: User,
    approved_by: User | None,
    by: User,
    at: datetime,
) -> None:
    calendar = selectors.calendar_for_complaint(complaint)
    due_before, amount_before = clock.due_at, clock.amount
    clock.amount = int(step["amount"])
    clock.extensions_used += 1
    schedule(clock, calendar)
    if clock.state == ClockState.WARNING and clock.next_warning_at and clock.next_warning_at > at:
        clock.state = ClockState.RUNNING
    clock.save()
    ClockExtension.objects.create(
        clock=clock,
        amount_before=amount_before,
        amount_after=clock.amount,
        due_before=due_before,
        due_after=clock.due_at,
        reason=reason,
        requested_by=requested_by,
        approved_by=approved_by,
        created_at=at,
    )
    timeline.clock_extended_event(
        complaint,
        by,
        at,
        clock=clock.name,
        due_before=due_before,
        due_after=clock.due_at,
        approved=approved_by is not None,
        reason=reason,
    )
    complaint_sla_refresh(complaint)


def clock_extend(clock: ComplaintClock, by: User, reason: str, *, at: datetime) -> ComplaintClock:
    """Take the next extension step the policy allows; the complainant is told (timeline entry
    they can see). A step naming an approval role needs someone holding it on this complaint
    (clock_extension_ask asks them instead of refusing)."""
    return _extend_or_ask(clock, by, reason, at=at, may_ask=False)[0]


def clock_extension_ask(
    clock: ComplaintClock, by: User, reason: str, *, at: datetime
) -> ExtensionRequest | None:
    """The handler's one step: the deadline moves now (None) where they may move it; where the
    step needs a role they do not hold, its holders over the complaint are asked (the request).
    """
    return _extend_or_ask(clock, by, reason, at=at, may_ask=True)[1]


def _extend_or_ask(
    clock: ComplaintClock, by: User, reason: str, *, at: datetime, may_ask: bool
) -> tuple[ComplaintClock, ExtensionRequest | None]:
    reason = reason.strip()
    with transaction.atomic():
        complaint, clock = _locked_clock(clock)
        step = _next_step(clock, reason)
        permissions.require_capability(by, complaint, Capability.INVESTIGATE)
        approval_role = step.get("approval_role") or ""
        if not approval_role or approval_role in permissions.roles_on(by, complaint):
            _extend(
                complaint,
                clock,
                step,
                reason=reason,
                requested_by=by,
                approved_by=by if approval_role else None,
                by=by,
                at=at,
            )
            return clock, None
        if not may_ask:
            raise NotPermitted(
                _("This extension needs the approval of a %(role)s.")
                % {"role": role_label(approval_role)}
            )
        return clock, _ask(complaint, clock, step, approval_role, by, reason, at)


def _ask(
    complaint: Complaint,
    clock: ComplaintClock,
    step: dict,
    approval_role: str,
    by: User,
    reason: str,
    at: datetime,
) -> ExtensionRequest:
    """The request to the role's holders over the complaint, in the caller's transaction."""
    approvers = role_holders(
        complaint.organisation_id, approval_role, over_path=complaint.unit_path
    ).exclude(pk=by.pk)
    if not approvers.exists():
        raise GuardFailed(
            _("The deadline cannot be extended:"),
            details=[
                _("Nobody holds the role of %(role)s over this complaint to approve it.")
                % {"role": role_label(approval_role)}
            ],
        )
    try:
        with transaction.atomic():
            request = ExtensionRequest.objects.create(
                complaint=complaint,
                clock=clock,
                step=clock.extensions_used,
                amount_after=int(step["amount"]),
                approval_role=approval_role,
                reason=reason,
                requested_by=by,
                requested_at=at,
            )
    except IntegrityError:
        raise TransitionNotAllowed(
            _("An extension of this deadline is already waiting for a decision.")
        ) from None
    timeline.extension_requested_event(
        complaint,
        by,
        at,
        request_id=request.pk,
        clock=clock.name,
        amount_after=request.amount_after,
        unit=clock.unit,
        approval_role=approval_role,
        reason=reason,
    )
    notify(
        approvers,
        kind=NotificationKind.EXTENSION_REQUESTED,
        complaint=complaint,
        params={"request": request.pk},
        at=at,
    )
    complaint_activity_touch(complaint, at)
    return request


def extension_decide(
    request: ExtensionRequest,
    by: User,
    *,
    approve: bool | None,
    reason: str = "",
    at: datetime,
) -> ExtensionRequest:
    """A holder of the role decides. Approving moves the deadline with the handler's reason
    (what the complainant is told); refusing needs reasons of its own, for the handler. A
    request the clock has outgrown (met, stopped, extended meanwhile) lapses instead."""
    reason = reason.strip()
    with transaction.atomic():
        complaint, clock = _locked_clock(request.clock)
        locked = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
        if locked.approval_role not in permissions.roles_on(by, complaint):
            raise NotPermitted(
                _("This extension needs the approval of a %(role)s.")
                % {"role": role_label(locked.approval_role)}
            )
        if approve is None:
            raise GuardFailed(
                _("Choose whether to approve or refuse the extension."),
                details=[_("No decision was given.")],
            )
        if not approve and not reason:
            raise GuardFailed(
                _("Please give the reasons for the decision."),
                details=[_("A reason is required.")],
            )
        if locked.status != ExtensionStatus.PENDING:
            raise TransitionNotAllowed(
                _("This extension request was already decided (%(status)s).")
                % {"status": locked.get_status_display()}
            )
        outgrown = not clock.is_open or clock.extensions_used != locked.step
        if approve and outgrown:
            locked.status = ExtensionStatus.LAPSED
        else:
            locked.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
        locked.decided_by, locked.decided_at, locked.decision_reason = by, at, reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        if locked.status == ExtensionStatus.APPROVED:
            _extend(
                complaint,
                clock,
                clock.next_extension() or {},
                reason=locked.reason,
                requested_by=locked.requested_by,
                approved_by=by,
                by=by,
                at=at,
            )
        elif locked.status == ExtensionStatus.REFUSED:
            timeline.extension_refused_event(
                complaint, by, at, request_id=locked.pk, clock=clock.name, reason=reason
            )
        notify(
            [locked.requested_by],
            kind=NotificationKind.EXTENSION_DECIDED,
            complaint=complaint,
            params={"request": locked.pk},
            at=at,
        )
        complaint_activity_touch(complaint, at)
    return locked
