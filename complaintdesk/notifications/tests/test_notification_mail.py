"""The e-mail copy of a notification, sent through a real SMTP server on 127.0.0.1."""

import socket
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.utils.translation import gettext

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.models import Notification
from complaintdesk.notifications.services import notify
from complaintdesk.notifications.tasks import notification_mail_send

pytestmark = pytest.mark.django_db


class _Mailbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on a free local port, and Django set to send to it."""
    box = _Mailbox()
    # aiosmtpd checks that the server is up by connecting to its port, so it needs a real one
    # (port 0 would not do); the race with another process taking it meanwhile is negligible.
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    try:
        yield box
    finally:
        controller.stop()


def _render(notification, cache):
    # Strings the catalogues already translate, so the language of the mail is visible.
    return gettext("Complaints"), gettext("Notifications")


message_register("test_mail", _render)


def test_a_notification_is_mailed_once_in_the_recipients_language(
    mailbox, django_capture_on_commit_callbacks
):
    # Given a reader of Traditional Chinese with an e-mail address, and a colleague without one
    tree = org_tree()
    complaint = complaint_at(tree.site)
    reader = staff(Role.RECEIVER, tree.district, email="reader@example.test")
    reader.preferred_language = "zh-hant"
    reader.save(update_fields=["preferred_language"])
    colleague = staff(Role.RECEIVER, tree.district, email="")

    # When both are notified and the change commits (the page itself is in English)
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify([reader, colleague], kind="test_mail", complaint=complaint)

    # Then one mail reached the SMTP server: the reader's, in Traditional Chinese
    assert len(mailbox.messages) == 1
    recipients, message = mailbox.messages[0]
    assert recipients == ["reader@example.test"]
    assert message["Subject"] == "投訴"
    assert complaint.reference in message.get_content()
    mine = next(row for row in rows if row.recipient_id == reader.pk)
    assert Notification.objects.get(pk=mine.pk).mailed_at is not None


def test_running_the_mail_task_again_sends_nothing_more(mailbox):
    # Given a notification for an English reader with an e-mail address, not yet mailed
    tree = org_tree()
    reader = staff(Role.RECEIVER, tree.district, email="reader@example.test")
    reader.preferred_language = "en"
    reader.save(update_fields=["preferred_language"])
    (row,) = notify([reader], kind="test_mail")  # not committed: no mail yet
    assert mailbox.messages == []

    # When the task runs twice with the same id, as a retried job would
    first = notification_mail_send.call([row.pk])
    second = notification_mail_send.call([row.pk])

    # Then exactly one mail was sent, in English
    assert (first, second) == (1, 0)
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0][1]["Subject"] == "Complaints"
