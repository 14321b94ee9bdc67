"""The webhook app follows the complaint: each event the core (or the time standards)
publishes becomes the event types receivers subscribe to; the worker's beat sends what is
due, retries included."""

from typing import Any

from complaintdesk.complaints.hooks import (
    ComplainantWrote,
    ComplaintClassified,
    ComplaintMoved,
    ComplaintRegistered,
)
from complaintdesk.complaints.transitions import Action, SystemAction
from complaintdesk.core.hooks import subscribe
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.sla.hooks import ClockBreached, SweepRan

from .choices import EventType
from .delivery import webhook_paused_message
from .selectors import deliveries_due
from .services import complaint_events_record
from .tasks import webhook_deliver_task

# The moves receivers hear of by name; any move that changes the status is also
# `complaint.status_changed`.
_MOVES: dict[str, str] = {
    Action.ASSIGN: EventType.ASSIGNED,
    Action.TAKE: EventType.ASSIGNED,
    Action.REASSIGN: EventType.ASSIGNED,
    SystemAction.ESCALATE: EventType.ESCALATED,
    Action.REPLY: EventType.REPLIED,
    Action.CLOSE: EventType.CLOSED,
    Action.REOPEN: EventType.REOPENED,
    Action.APPEAL: EventType.APPEALED,
}


def on_registered(event: ComplaintRegistered) -> None:
    complaint = event.complaint
    data = {"status_after": complaint.status}
    complaint_events_record(complaint, [EventType.CREATED], event.at, data)


def on_moved(event: ComplaintMoved) -> None:
    complaint = event.complaint
    types: list[str] = [_MOVES[event.action]] if event.action in _MOVES else []
    if complaint.status != event.status_before:
        types.append(EventType.STATUS_CHANGED)
    if not types:
        return
    data: dict[str, Any] = {
        "action": event.action,
        "status_before": event.status_before,
        "status_after": complaint.status,
    }
    if event.action == SystemAction.ESCALATE:
        data["level_before"] = event.level_before
    complaint_events_record(complaint, types, event.at, data)


def on_classified(event: ComplaintClassified) -> None:
    complaint_events_record(event.complaint, [EventType.CLASSIFIED], event.at, {})


def on_complainant_wrote(event: ComplainantWrote) -> None:
    data = {"resumed": event.resumed}
    complaint_events_record(event.complaint, [EventType.COMPLAINANT_WROTE], event.at, data)


def on_breached(event: ClockBreached) -> None:
    data = {"clock": event.clock_name, "due_at": event.due_at.isoformat()}
    complaint_events_record(event.complaint, [EventType.BREACHED], event.at, data)


def on_sweep(event: SweepRan) -> None:
    """Each send is a task of its own: a slow receiver holds up neither the sweep nor the
    other receivers."""
    due = deliveries_due(event.now)
    for delivery_id in due:
        webhook_deliver_task.enqueue(delivery_id)
    event.report["webhooks_due"] = len(due)


def connect() -> None:
    subscribe(ComplaintRegistered, on_registered)
    subscribe(ComplaintMoved, on_moved)
    subscribe(ComplaintClassified, on_classified)
    subscribe(ComplainantWrote, on_complainant_wrote)
    subscribe(ClockBreached, on_breached)
    subscribe(SweepRan, on_sweep)
    message_register(NotificationKind.WEBHOOK_PAUSED, webhook_paused_message)
