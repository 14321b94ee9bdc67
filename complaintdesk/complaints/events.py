"""The complaint's timeline: its event kinds, and one function per kind that appends it.

Like Saleor's `order/events.py`: a typed row per thing that happened, written in the same
transaction as the change it records, never edited and never deleted. `data` holds codes, ids,
numbers and instants, never a sentence: the page renders each event in its reader's language
(the workspace's timeline module), looking names up then. `text` is only ever what a person
wrote (a note, a reason, a reply). The rows the policy apps write (clocks, approvals, letters)
have their writers in policy_events.py.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from complaintdesk.accounts.models import User
from complaintdesk.core.gathered import Gathering

from .choices import EscalationCause, EventKind, Visibility
from .models import Attachment, Complaint, ComplaintEvent, FollowUp, Rating, Reply
from .search_index import search_index_later

# Re-exported: the kinds are choices of the model's field, the timeline's vocabulary here.
__all__ = ["COMPLAINANT", "CONTACT_KINDS", "EscalationCause", "EventKind"]

# `data["by"]` of what the complainant did themselves (no actor): the timeline names them.
COMPLAINANT = "complainant"

CONTACT_KINDS = frozenset({EventKind.CALL, EventKind.LETTER, EventKind.MAIL, EventKind.VISIT})

# Inside `events_gathered()` (a sweep's chunk) the rows are written in one insert at its end,
# in the order they were appended; nothing in such a block reads the timeline back.
_GATHERED: Gathering[ComplaintEvent] = Gathering("events", ComplaintEvent.objects.bulk_create)
events_gathered = _GATHERED.block


def append_event(
    complaint: Complaint,
    kind: str,
    actor: User | None,
    at: datetime | None,
    *,
    text: str = "",
    visibility: str = Visibility.INTERNAL,
    action: str = "",
    status_before: str = "",
    status_after: str = "",
    changes: list[dict[str, Any]] | None = None,
    data: dict[str, Any] | None = None,
) -> ComplaintEvent:
    # What someone wrote, a corrected record or a new complaint is text someone will search
    # for (search_index.py); a move or a clock's event without words changes none of it.
    if text or changes or kind == EventKind.REGISTERED:
        search_index_later([complaint.pk])
    event = ComplaintEvent(
        complaint=complaint,
        kind=kind,
        actor=actor,
        created_at=at or timezone.now(),
        text=text,
        visibility=visibility,
        action=action,
        status_before=status_before,
        status_after=status_after,
        changes=changes or [],
        data=data or {},
    )
    if not _GATHERED.add([event]):
        event.save(force_insert=True)
    return event


def money_text(amount: Decimal | None) -> str | None:
    return str(amount) if amount is not None else None


# --- intake and record ---------------------------------------------------------------------


def registered_event(
    complaint: Complaint, by: User | None, at: datetime, *, note: str = ""
) -> ComplaintEvent:
    """`note`: the receiver's words at intake (why a letter is registered with an earlier time
    of receipt, for one)."""
    return append_event(
        complaint,
        EventKind.REGISTERED,
        by,
        at,
        text=note,
        status_after=complaint.status,
        data={"channel": complaint.channel, "reference": complaint.reference},
    )


def moved_event(
    complaint: Complaint,
    by: User | None,
    at: datetime,
    *,
    kind: str,
    action: str,
    status_before: str,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> ComplaintEvent:
    """A row of the transitions table applied; `kind` is the row's event kind."""
    return append_event(
        complaint,
        kind,
        by,
        at,
        action=action,
        status_before=status_before,
        status_after=complaint.status,
        text=reason,
        data=data,
    )


def record_changed_event(
    complaint: Complaint,
    by: User,
    at: datetime,
    changes: list[dict[str, Any]],
    *,
    kind: str,
    reason: str = "",
) -> ComplaintEvent:
    """RECORD_CHANGED, CLASSIFIED or INVESTIGATION_RECORDED, with before/after of each field
    and why it was changed, when someone said."""
    return append_event(complaint, kind, by, at, changes=changes, text=reason)


def note_event(
    complaint: Complaint, by: User, at: datetime, text: str, *, kind: str, visibility: str
) -> ComplaintEvent:
    return append_event(complaint, kind, by, at, text=text, visibility=visibility)


def attachment_added_event(
    complaint: Complaint, attachment: Attachment, by: User | None, at: datetime
) -> ComplaintEvent:
    """`by` None: the complainant sent it, and sees it among their own messages."""
    return append_event(
        complaint,
        EventKind.ATTACHMENT_ADDED,
        by,
        at,
        text=attachment.original_name,
        visibility=Visibility.COMPLAINANT if by is None else Visibility.INTERNAL,
        data={
            "attachment_id": attachment.pk,
            "size": attachment.size,
            **({"by": COMPLAINANT} if by is None else {}),
        },
    )


# --- the complainant's own acts (the tracking page) ------------------------------------------


def complainant_wrote_event(
    complaint: Complaint, at: datetime, text: str, *, channel: str = ""
) -> ComplaintEvent:
    """`channel`: "email" when they wrote by mail rather than on the tracking page."""
    return append_event(
        complaint,
        EventKind.COMPLAINANT_WROTE,
        None,
        at,
        text=text,
        visibility=Visibility.COMPLAINANT,
        data={"by": COMPLAINANT, **({"channel": channel} if channel else {})},
    )


def rated_event(complaint: Complaint, rating: Rating) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.RATED,
        None,
        rating.given_at,
        text=rating.comment,
        visibility=Visibility.COMPLAINANT,
        data={"by": COMPLAINANT, "score": rating.score, "reply_id": rating.reply_id},
    )


def step_recorded_event(
    complaint: Complaint, by: User, at: datetime, step: str, note: str
) -> ComplaintEvent:
    return append_event(complaint, EventKind.STEP_RECORDED, by, at, text=note, data={"step": step})


def reply_sent_event(complaint: Complaint, reply: Reply) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.REPLY_SENT,
        reply.sent_by,
        reply.sent_at,
        text=reply.text,
        visibility=Visibility.COMPLAINANT,
        data={"reply_id": reply.pk, "channel": reply.channel},
    )


def receipt_confirmed_event(
    complaint: Complaint,
    reply: Reply,
    by: User,
    at: datetime,
    note: str,
    *,
    on_behalf_of: int | None = None,
    reason: str = "",
) -> ComplaintEvent:
    """`on_behalf_of`: the receiver a manager confirmed for; `reason`, the manager's words."""
    data: dict[str, Any] = {"reply_id": reply.pk}
    if on_behalf_of is not None:
        data |= {"on_behalf_of": on_behalf_of}
    text = "\n".join(part for part in (note, reason) if part)
    return append_event(complaint, EventKind.RECEIPT_CONFIRMED, by, at, text=text, data=data)


def response_recorded_event(
    complaint: Complaint, by: User | None, at: datetime, response: str, note: str
) -> ComplaintEvent:
    """`by` None: the complainant answered themselves on the tracking page."""
    data: dict[str, Any] = {"response": response}
    if by is None:
        data["by"] = COMPLAINANT
    return append_event(
        complaint,
        EventKind.RESPONSE_RECORDED,
        by,
        at,
        text=note,
        visibility=Visibility.COMPLAINANT,
        data=data,
    )


def follow_up_recorded_event(complaint: Complaint, follow_up: FollowUp) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.FOLLOW_UP_RECORDED,
        follow_up.done_by,
        follow_up.done_at,
        text=follow_up.notes,
        data={
            "result": follow_up.result,
            "outcome_satisfaction": follow_up.outcome_satisfaction,
            "handling_satisfaction": follow_up.handling_satisfaction,
        },
    )


def identity_revealed_event(complaint: Complaint, by: User, at: datetime) -> ComplaintEvent:
    """Who saw the complainant's identity document number, and when (audited like a bank)."""
    return append_event(
        complaint,
        EventKind.IDENTITY_REVEALED,
        by,
        at,
        data={"complainant": complaint.complainant_id},
    )


def complainant_changed_event(
    complaint: Complaint, by: User, at: datetime, fields: list[str]
) -> ComplaintEvent:
    """Which of the complainant's fields were corrected; the values stay in the complainant's
    own history, where only those who may see contact data read them."""
    return append_event(complaint, EventKind.COMPLAINANT_CHANGED, by, at, data={"fields": fields})


def merged_in_event(
    into: Complaint, duplicate: Complaint, by: User, at: datetime
) -> ComplaintEvent:
    return append_event(into, EventKind.MERGED_IN, by, at, data={"merged": duplicate.reference})


# --- record changes --------------------------------------------------------------------------


def field_changes(instance: Any, new_values: dict[str, Any]) -> list[dict[str, Any]]:
    """Before/after pairs of the fields that really change, as codes JSON can keep: a related
    row by its id (its name is looked up, in the reader's language, when the event is shown)."""
    changes = []
    for field, after in new_values.items():
        before = getattr(instance, field)
        if before != after:
            changes.append({"field": field, "before": _plain(before), "after": _plain(after)})
    return changes


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return {"id": value.pk}
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
