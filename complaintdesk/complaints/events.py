"""Timeline event kinds and the one function that appends them.

Like Saleor's order events: a typed row per thing that happened, written in the same
transaction as the change it records, never edited and never deleted.
"""

from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import User

from .choices import Visibility
from .models import Complaint, ComplaintEvent


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Complaint registered")
    STATUS_CHANGED = "status_changed", _("Status changed")
    RECORD_CHANGED = "record_changed", _("Record changed")
    CLASSIFIED = "classified", _("Classified")
    NOTE = "note", _("Note")
    CALL = "call", _("Phone call")
    LETTER = "letter", _("Letter")
    MAIL = "mail", _("Email")
    VISIT = "visit", _("Visit/meeting")
    ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
    STEP_RECORDED = "step_recorded", _("Handling step recorded")
    INVESTIGATION_RECORDED = "investigation_recorded", _("Investigation recorded")
    REPLY_SENT = "reply_sent", _("Reply sent")
    RECEIPT_CONFIRMED = (
        "receipt_confirmed",
        _("Receiver confirmed the reply reached the complainant"),
    )
    RESPONSE_RECORDED = "response_recorded", _("Complainant's response recorded")
    FOLLOW_UP_RECORDED = "follow_up_recorded", _("Follow-up recorded")
    ROUTED = "routed", _("Routed by an assignment rule")
    CLOCK_WARNING = "clock_warning", _("Time standard warning")
    CLOCK_BREACHED = "clock_breached", _("Time standard breached")
    CLOCK_PAUSED = "clock_paused", _("Clock paused")
    CLOCK_RESUMED = "clock_resumed", _("Clock resumed")
    CLOCK_EXTENDED = "clock_extended", _("Deadline extended")
    ESCALATED = "escalated", _("Escalated")
    APPROVAL_REQUESTED = "approval_requested", _("Approval requested")
    APPROVAL_DECIDED = "approval_decided", _("Approval decided")


CONTACT_KINDS = frozenset({EventKind.CALL, EventKind.LETTER, EventKind.MAIL, EventKind.VISIT})


def event_append(
    complaint: Complaint,
    kind: str,
    actor: User | None,
    *,
    at: datetime | None = None,
    text: str = "",
    visibility: str = Visibility.INTERNAL,
    action: str = "",
    status_before: str = "",
    status_after: str = "",
    changes: list[dict[str, Any]] | None = None,
    data: dict[str, Any] | None = None,
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
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


def field_changes(instance: Any, new_values: dict[str, Any]) -> list[dict[str, Any]]:
    """Before/after pairs of the fields that really change, in a form JSON can keep."""
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
        return {"id": value.pk, "label": str(value)}
    return str(value)
