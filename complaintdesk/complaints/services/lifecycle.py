"""Lifecycle moves: one function per action of the transitions table.

Every move goes through `_apply`, which locks the row, checks scope, role, state and guards
(the table's own and those a policy registered), writes, appends the timeline event and
publishes `ComplaintMoved` to the policies, in one transaction. A refused move writes nothing.
Its two halves, `_move_made` (check and change the locked row) and `_move_recorded` (timeline
and policies), also serve the one move made on rows a caller has locked by the hundred: the
sweep's escalations (system.complaint_escalate).
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import HANDLING_ROLES
from complaintdesk.core import hooks as core_hooks
from complaintdesk.core.errors import GuardFailed, NotFound, NotPermitted, TransitionNotAllowed

from .. import hooks, permissions
from ..choices import Status
from ..events import COMPLAINANT, merged_in_event, moved_event
from ..models import Complaint
from ..record_rules import record_check
from ..transitions import Action, transition_for


def complaint_lock(complaint: Complaint) -> Complaint:
    """The complaint's row, locked for the rest of the transaction, with what the checks and
    the subscribers read. Only the complaint's row (of=self): locking its organisation and unit
    too would queue every write in an organisation behind every other (PostgreSQL)."""
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("organisation", "unit")
        .get(pk=complaint.pk)
    )


def complaints_lock(complaint_ids: Iterable[int]) -> dict[int, Complaint]:
    """Many rows locked at once (a sweep's chunk), in the order of their ids as every locker
    of several takes them, so two never wait on each other; with their handlers too."""
    return {
        complaint.pk: complaint
        for complaint in Complaint.objects.select_for_update(of=("self",))
        .select_related("organisation", "unit", "handler")
        .filter(pk__in=list(complaint_ids))
        .order_by("pk")
    }


def complaint_lock_for(complaint: Complaint, by: User, record: str) -> Complaint:
    """The locked row, once the record-rules table allows `by` to write `record` on it as it
    stands now (the services check once more under the lock what they checked before it)."""
    locked = complaint_lock(complaint)
    record_check(by, locked, record)
    return locked


def _copy_back(source: Complaint, target: Complaint) -> None:
    """Let the caller's instance show what was written, so nobody saves a stale copy."""
    if source is target:
        return
    for field in Complaint._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _apply(
    complaint: Complaint,
    actor: User | None,
    action: str,
    *,
    at: datetime | None = None,
    reason: str = "",
    updates: dict | None = None,
    before_guard: Callable[[Complaint, datetime], None] | None = None,
    data: dict | None = None,
    reason_in_data: bool = False,
    by_complainant: bool = False,
    written: dict[str, str] | None = None,
) -> Complaint:
    """`reason_in_data`: the move's reason is a fact in `data` (the routing rule that chose a
    handler), rendered in the reader's language, so no typed reason is asked for.
    `by_complainant`: the complainant makes the move on the tracking page (no actor)."""
    at = at or timezone.now()
    if by_complainant:
        data = {**(data or {}), "by": COMPLAINANT}
    with transaction.atomic():
        locked = complaint_lock(complaint)
        status_before, level_before = locked.status, locked.escalation_level
        _move_made(
            locked,
            actor,
            action,
            at,
            reason=reason,
            updates=updates,
            before_guard=before_guard,
            reason_in_data=reason_in_data,
            by_complainant=by_complainant,
        )
        locked.save()
        _move_recorded(
            locked, actor, action, at, status_before, level_before, reason, data, written
        )
        _copy_back(locked, complaint)
    return locked


def _move_made(
    locked: Complaint,
    actor: User | None,
    action: str,
    at: datetime,
    *,
    reason: str = "",
    updates: dict | None = None,
    before_guard: Callable[[Complaint, datetime], None] | None = None,
    reason_in_data: bool = False,
    by_complainant: bool = False,
) -> None:
    """Check the move on the locked row and make it there, in memory; the caller writes it."""
    transition = transition_for(action)
    move_check(locked, actor, action, by_complainant=by_complainant)
    if transition.needs_reason and not reason.strip() and not reason_in_data:
        raise GuardFailed(_("Please give a reason."), details=[_("A reason is required.")])
    for field, value in (updates or {}).items():
        setattr(locked, field, value)
    if before_guard is not None:
        before_guard(locked, at)
    guards = [transition.guard] if transition.guard is not None else []
    guards += hooks.policy_guards(action, by_complainant=by_complainant)
    missing = [gap for guard in guards for gap in guard(locked)]
    if missing:
        raise GuardFailed(
            _("“%(action)s” is not possible yet:") % {"action": transition.label},
            details=missing,
        )
    if transition.target is not None:
        locked.status = transition.target
    if transition.touches_activity:
        locked.last_activity_at = max(at, locked.last_activity_at)
    if reason and transition.needs_reason:
        locked.status_reason = reason


def _move_recorded(
    locked: Complaint,
    actor: User | None,
    action: str,
    at: datetime,
    status_before: str,
    level_before: int,
    reason: str,
    data: dict | None,
    written: dict[str, str] | None,
) -> None:
    """The written move on the timeline, and told to the policies."""
    moved_event(
        locked,
        actor,
        at,
        kind=transition_for(action).event_kind,
        action=action,
        status_before=status_before,
        reason=reason,
        data=data,
    )
    # Clocks move with the status, in the same transaction: met, paused, restarted.
    core_hooks.publish(
        hooks.ComplaintMoved(
            locked, action, actor, at, status_before, level_before, written=written or {}
        )
    )


def move_check(
    complaint: Complaint, actor: User | None, action: str, *, by_complainant: bool = False
) -> None:
    """Refuse a move the actor may not make now: out of sight (as not found), not their role,
    or not from this state. Callers that decide something before moving (routing picks a
    handler) ask first, so a refused move leaves no trace. A system move is checked for its
    state only: its service has decided who may cause it (the approver of a refusal); so is a
    complainant's move the table allows them, whose service has checked their tracking code."""
    transition = transition_for(action)
    if transition.system or (by_complainant and transition.by_complainant and actor is None):
        _state_check(complaint, transition)
        return
    if actor is None:
        raise NotPermitted(
            _("Your role may not “%(action)s” this complaint.") % {"action": transition.label}
        )
    if not permissions.can_view(actor, complaint):
        raise NotFound(_("No such complaint."))
    if not permissions.may_perform(actor, complaint, action):
        raise NotPermitted(
            _("Your role may not “%(action)s” this complaint.") % {"action": transition.label}
        )
    _state_check(complaint, transition)


def _state_check(complaint: Complaint, transition) -> None:
    if complaint.status not in transition.sources:
        raise TransitionNotAllowed(
            _("“%(action)s” is not possible while the complaint is “%(status)s”.")
            % {"action": transition.label, "status": complaint.get_status_display()}
        )


def activity_touch(complaint: Complaint, at: datetime) -> None:
    """Move last_activity_at forward (never back: demo and imported records carry past times)."""
    Complaint.objects.filter(pk=complaint.pk, last_activity_at__lt=at).update(last_activity_at=at)
    complaint.last_activity_at = max(at, complaint.last_activity_at)


def _check_handler(handler: User, complaint: Complaint) -> None:
    held = {
        h.role
        for h in permissions.role_paths(handler)
        if h.organisation_id == complaint.organisation_id
    }
    if not held & HANDLING_ROLES:
        raise GuardFailed(
            _("This person cannot be assigned."),
            details=[_("%(name)s holds no handling role.") % {"name": handler}],
        )
    if not handler.is_active:
        raise GuardFailed(
            _("This person cannot be assigned."), details=[_("The account is inactive.")]
        )


def complaint_acknowledge(
    complaint: Complaint, by: User, *, at: datetime | None = None
) -> Complaint:
    """Record that the complainant was told the reference, the handler and when to expect news."""

    def stamp(locked: Complaint, when: datetime) -> None:
        locked.acknowledged_at = locked.acknowledged_at or when

    return _apply(complaint, by, Action.ACKNOWLEDGE, at=at, before_guard=stamp)


def complaint_assign(
    complaint: Complaint,
    by: User,
    handler: User,
    *,
    at: datetime | None = None,
    routing: dict | None = None,
) -> Complaint:
    """`routing` says which assignment rule chose the handler; the timeline keeps it."""
    _check_handler(handler, complaint)
    data: dict = {"handler": {"id": handler.pk}}
    if routing:
        data["routing"] = routing
    return _apply(complaint, by, Action.ASSIGN, at=at, updates={"handler": handler}, data=data)


def complaint_take(complaint: Complaint, by: User, *, at: datetime | None = None) -> Complaint:
    """The person takes the complaint to handle it themselves: an assignment they make to
    themselves, which their role must allow (the transitions table) and which needs no
    manager."""
    move_check(complaint, by, Action.TAKE)  # whether they may, before whether they can handle
    _check_handler(by, complaint)
    data = {"handler": {"id": by.pk}, "taken": True}
    return _apply(complaint, by, Action.TAKE, at=at, updates={"handler": by}, data=data)


def complaint_reassign(
    complaint: Complaint,
    by: User,
    handler: User,
    reason: str,
    *,
    at: datetime | None = None,
    routing: dict | None = None,
) -> Complaint:
    """A reassignment needs a reason, or the routing that chose the new handler: the rule is
    the reason then, and the timeline names it in the reader's language."""
    _check_handler(handler, complaint)
    previous = complaint.handler
    return _apply(
        complaint,
        by,
        Action.REASSIGN,
        at=at,
        reason=reason,
        reason_in_data=bool(routing),
        updates={"handler": handler},
        data={
            "handler": {"id": handler.pk},
            "previous_handler": {"id": previous.pk} if previous else None,
            **({"routing": routing} if routing else {}),
        },
    )


def complaint_start_investigation(
    complaint: Complaint, by: User, *, at: datetime | None = None
) -> Complaint:
    return _apply(complaint, by, Action.START_INVESTIGATION, at=at)


def complaint_request_information(
    complaint: Complaint, by: User, what: str, *, at: datetime | None = None
) -> Complaint:
    """Pause: the complainant is asked for something only they have."""
    return _apply(complaint, by, Action.REQUEST_INFORMATION, at=at, reason=what)


def complaint_resume(
    complaint: Complaint, by: User, answer: str = "", *, at: datetime | None = None
) -> Complaint:
    return _apply(complaint, by, Action.RESUME, at=at, data={"answer": answer} if answer else None)


def complaint_start_follow_up(
    complaint: Complaint, by: User, *, at: datetime | None = None
) -> Complaint:
    return _apply(complaint, by, Action.START_FOLLOW_UP, at=at)


def complaint_close(complaint: Complaint, by: User, *, at: datetime | None = None) -> Complaint:
    def stamp(locked: Complaint, when: datetime) -> None:
        locked.closed_at = when

    return _apply(complaint, by, Action.CLOSE, at=at, before_guard=stamp)


def complaint_reopen(
    complaint: Complaint, by: User, reason: str, *, at: datetime | None = None
) -> Complaint:
    def stamp(locked: Complaint, when: datetime) -> None:
        locked.closed_at = None
        locked.reopened_count += 1

    return _apply(complaint, by, Action.REOPEN, at=at, reason=reason, before_guard=stamp)


def complaint_appeal(
    complaint: Complaint, by: User, grounds: str, *, at: datetime | None = None
) -> Complaint:
    """The complainant does not accept the decision and asks for it to be reviewed (申诉/复核)."""

    def stamp(locked: Complaint, when: datetime) -> None:
        locked.closed_at = None

    return _apply(complaint, by, Action.APPEAL, at=at, reason=grounds, before_guard=stamp)


def complaint_withdraw(
    complaint: Complaint, by: User, reason: str, *, at: datetime | None = None
) -> Complaint:
    """The complainant withdraws; the process ends the day the withdrawal is received."""

    def stamp(locked: Complaint, when: datetime) -> None:
        locked.closed_at = when

    return _apply(complaint, by, Action.WITHDRAW, at=at, reason=reason, before_guard=stamp)


def complaint_reject(
    complaint: Complaint, by: User, reason: str, *, at: datetime | None = None
) -> Complaint:
    def stamp(locked: Complaint, when: datetime) -> None:
        locked.closed_at = when

    return _apply(complaint, by, Action.REJECT, at=at, reason=reason, before_guard=stamp)


def complaint_merge(
    complaint: Complaint, by: User, into: Complaint, *, at: datetime | None = None
) -> Complaint:
    """Mark a duplicate; the surviving complaint's timeline records what joined it."""
    if into.pk == complaint.pk:
        raise GuardFailed(_("A complaint cannot be merged into itself."))
    if into.organisation_id != complaint.organisation_id or not permissions.can_view(by, into):
        raise NotFound(_("No such complaint to merge into."))
    if into.status == Status.MERGED:
        assert into.merged_into is not None  # a merge sets both (stamp, below)
        raise GuardFailed(
            _("That complaint was itself merged; merge into %(ref)s instead.")
            % {"ref": into.merged_into.reference}
        )

    def stamp(locked: Complaint, when: datetime) -> None:
        locked.merged_into = into
        locked.closed_at = when

    at = at or timezone.now()
    with transaction.atomic():
        merged = _apply(
            complaint,
            by,
            Action.MERGE,
            at=at,
            before_guard=stamp,
            data={"into": into.reference},
        )
        merged_in_event(into, merged, by, at)
        activity_touch(into, at)
    return merged
