"""The minute's sweep warns the handlers of complaints whose tasks run late."""

from complaintdesk.core.hooks import subscribe
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.sla.hooks import SweepRan

from . import messages
from .services import tasks_overdue_warn


def on_sweep(event: SweepRan) -> None:
    event.report["tasks_overdue"] = tasks_overdue_warn(event.now)


def connect() -> None:
    subscribe(SweepRan, on_sweep)
    message_register(NotificationKind.TASK_ASKED, messages.task_asked)
    message_register(NotificationKind.TASK_DONE, messages.task_done)
    message_register(NotificationKind.TASK_OVERDUE, messages.task_overdue)
