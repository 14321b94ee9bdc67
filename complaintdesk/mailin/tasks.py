"""Background polling of the organisations' mailboxes, run by django_tasks workers."""

from django_tasks import task

from .imap import mailbox_poll
from .models import Mailbox


@task()
def mailbox_poll_task(mailbox_id: int) -> dict:
    mailbox = Mailbox.objects.select_related("organisation", "intake_unit").get(pk=mailbox_id)
    report = mailbox_poll(mailbox)
    return {"taken": report.taken, "duplicates": report.duplicates, "failed": report.failed}
