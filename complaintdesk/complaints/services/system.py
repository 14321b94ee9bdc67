"""The complaint's writes that the policies cause rather than a person: the rung of the
escalation ladder, the send-back after a refused approval, and the summary of its deadlines.

They are services of the complaints core, so that the core stays the only writer of a
complaint; the sla and authority apps decide when to call them.
"""

from collections import defaultdict
from datetime import datetime

from django.db import transaction

from complaintdesk.accounts.models import User
from complaintdesk.core import hooks as core_hooks
from complaintdesk.core.gathered import Gathering

from .. import hooks
from ..choices import Status
from ..events import EscalationCause, EventKind, append_event, field_changes
from ..models import Complaint
from ..policy_events import correspondence_event
from ..record_rules import Record
from ..transitions import SystemAction
from .lifecycle import _apply, _move_made, _move_recorded, activity_touch, complaint_lock


def complaint_escalate(
    complaint: Complaint,
    level: int,
    at: datetime,
    *,
    role: str,
    cause: str = EscalationCause.BY_HAND,
    clock: str = "",
    reason: str = "",
) -> Complaint:
    """Put the complaint on rung `level` of its ladder (the sla app has checked the rung exists
    and is above the current one). `cause` is an EscalationCause; `clock` the clock whose
    breach caused it; `reason` only ever a person's words. Inside `escalations_gathered()`
    the complaint is the caller's locked row (complaints_lock) and its rung is written at the
    block's end, with every other rung the block moved."""
    before = complaint.escalation_level
    data = {"level_before": before, "level": level, "role": role, "cause": cause, "clock": clock}
    updates = {"escalation_level": level}
    if not _LEVELS.is_open():
        return _apply(
            complaint, None, SystemAction.ESCALATE, at=at, reason=reason, updates=updates, data=data
        )
    status_before = complaint.status
    _move_made(complaint, None, SystemAction.ESCALATE, at, reason=reason, updates=updates)
    _LEVELS.add([complaint])
    _move_recorded(
        complaint, None, SystemAction.ESCALATE, at, status_before, before, reason, data, None
    )
    return complaint


def _levels_write(complaints: list[Complaint]) -> None:
    """One update per rung reached: a chunk's complaints climb to a handful of levels."""
    reached: dict[int, list[int]] = defaultdict(list)
    for pk, level in {complaint.pk: complaint.escalation_level for complaint in complaints}.items():
        reached[level].append(pk)
    for level, ids in reached.items():
        Complaint.objects.filter(pk__in=ids).update(escalation_level=level)


_LEVELS: Gathering[Complaint] = Gathering("escalation-levels", _levels_write)
escalations_gathered = _LEVELS.block


def complaint_send_back(
    complaint: Complaint, by: User, at: datetime, *, reason: str, approval_request_id: int
) -> Complaint:
    """A refused approval returns the complaint to investigation for a new proposal; `by` is
    the approver whose decision it was, `reason` their words."""
    return _apply(
        complaint,
        by,
        SystemAction.SEND_BACK,
        at=at,
        reason=reason,
        data={"approval_request_id": approval_request_id},
    )


def complaint_deadlines_summarise(complaint: Complaint, state: str, due: datetime | None) -> None:
    """Keep the complaint's summary of its clocks (worst state, earliest open deadline) that
    queues sort and filter on. The caller (the sla app) holds the complaint's lock."""
    if (complaint.sla_state, complaint.sla_due_at) == (state, due):
        return
    Complaint.objects.filter(pk=complaint.pk).update(sla_state=state, sla_due_at=due)
    complaint.sla_state, complaint.sla_due_at = state, due


def complaints_deadlines_summarise(
    summaries: list[tuple[Complaint, str, datetime | None]],
) -> None:
    """The same summary for many complaints (a sweep's chunk), each read under the caller's
    lock: one update per value that changed, since a chunk's breaches mostly turn many
    complaints to one state and leave their earliest deadlines where they were."""
    states: dict[str, list[int]] = defaultdict(list)
    dues: dict[datetime | None, list[int]] = defaultdict(list)
    for complaint, state, due in summaries:
        if complaint.sla_state != state:
            states[state].append(complaint.pk)
        if complaint.sla_due_at != due:
            dues[due].append(complaint.pk)
        complaint.sla_state, complaint.sla_due_at = state, due
    for state, ids in states.items():
        Complaint.objects.filter(pk__in=ids).update(sla_state=state)
    for due, ids in dues.items():
        Complaint.objects.filter(pk__in=ids).update(sla_due_at=due)


def complaint_correspondence_recorded(
    complaint: Complaint,
    by: User | None,
    at: datetime,
    *,
    sent: bool,
    letter_id: int,
    kind: str,
    channel: str,
    subject: str,
    acknowledges: bool = False,
    error: str = "",
) -> None:
    """What the correspondence app wrote to the complainant, on the timeline. A letter sent by
    a person is a contact (it meets the contact clocks, as a logged letter does); a written
    acknowledgement that went out acknowledges a complaint nobody has acknowledged yet."""
    with transaction.atomic():
        locked = complaint_lock(complaint)
        correspondence_event(
            locked,
            by,
            at,
            sent=sent,
            letter_id=letter_id,
            kind=kind,
            channel=channel,
            subject=subject,
            error=error,
        )
        if not sent:
            return
        activity_touch(locked, at)
        if by is not None:
            core_hooks.publish(hooks.RecordWritten(locked, Record.NOTE, by, at, EventKind.MAIL))
        if acknowledges and locked.status == Status.RECEIVED:

            def stamp(row: Complaint, when: datetime) -> None:
                row.acknowledged_at = row.acknowledged_at or when

            _apply(
                locked,
                None,
                SystemAction.ACKNOWLEDGE_IN_WRITING,
                at=at,
                before_guard=stamp,
                data={"letter_id": letter_id},
            )


def complaint_risks_raise(
    complaint: Complaint, flags: list[str], at: datetime, *, by_policy: str, words: list[str]
) -> Complaint:
    """Raise risk flags a policy found in the complaint's words (`by_policy`: the triage,
    reading `words`), in the caller's transaction: `complaint` is the row the registration
    just inserted, or one the caller has locked, so the flags are set on this very object
    (which the registration returns). A flag already up is left as it is; the timeline says
    who raised them and on which words."""
    values = {f"risk_{flag}": True for flag in flags}
    changes = field_changes(complaint, values)
    if not changes:
        return complaint
    for field, value in values.items():
        setattr(complaint, field, value)
    complaint.save(update_fields=list(values))
    append_event(
        complaint,
        EventKind.CLASSIFIED,
        None,
        at,
        changes=changes,
        text=", ".join(words),
        data={"by": by_policy},
    )
    core_hooks.publish(hooks.ComplaintClassified(complaint, None, at))
    return complaint
