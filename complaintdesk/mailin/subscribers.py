"""The worker's minute beat (the sweep) polls each mailbox whose turn has come."""

from datetime import timedelta

from complaintdesk.core.hooks import subscribe
from complaintdesk.sla.hooks import SweepRan

from .models import Mailbox
from .tasks import mailbox_poll_task


def on_sweep(event: SweepRan) -> None:
    """Each poll is a task of its own: a slow mail server holds up neither the sweep nor
    the other mailboxes."""
    polled = 0
    for mailbox in Mailbox.objects.filter(is_active=True).only(
        "pk", "poll_every_minutes", "last_polled_at"
    ):
        due = mailbox.last_polled_at is None or mailbox.last_polled_at <= event.now - timedelta(
            minutes=mailbox.poll_every_minutes, seconds=-5
        )
        if due:
            mailbox_poll_task.enqueue(mailbox.pk)
            polled += 1
    event.report["mailboxes_polled"] = polled


def connect() -> None:
    subscribe(SweepRan, on_sweep)
