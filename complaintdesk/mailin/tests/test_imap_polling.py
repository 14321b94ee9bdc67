"""Polling a real IMAP mailbox (Debian's dovecot, started by the test on loopback): each
unread mail is taken in once and marked read; a mail seen again is not taken twice."""

import imaplib
import time

import pytest

from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import org_tree
from complaintdesk.core.testing import imap_server
from complaintdesk.mailin.imap import mailbox_poll
from complaintdesk.mailin.models import Mailbox

from .messages import raw_mail

pytestmark = pytest.mark.django_db(transaction=True)


def _deliver(account, *messages: bytes) -> None:
    with imaplib.IMAP4(account.host, account.port) as client:
        client.login(account.username, account.password)
        for raw in messages:
            client.append("INBOX", "", imaplib.Time2Internaldate(time.time()), raw)


def _unseen(account) -> int:
    with imaplib.IMAP4(account.host, account.port) as client:
        client.login(account.username, account.password)
        client.select("INBOX")
        _, found = client.search(None, "UNSEEN")
        return len(found[0].split())


def _mailbox(account, password: str | None = None) -> Mailbox:
    tree = org_tree()
    return Mailbox.objects.create(
        organisation=tree.organisation,
        address="complaints@harbourview.example",
        intake_unit=tree.district,
        host=account.host,
        port=account.port,
        use_ssl=False,
        username=account.username,
        password=password or account.password,
    )


def test_unread_mail_in_the_mailbox_becomes_complaints_once_and_is_marked_read():
    with imap_server() as account:
        # Given an organisation's mailbox with two complaints and an out-of-office reply in it
        mailbox = _mailbox(account)
        _deliver(
            account,
            raw_mail(message_id="<one@mail.example.com>"),
            raw_mail(
                subject="电梯坏了",
                body="电梯坏了三天。",
                charset="gb2312",
                message_id="<two@mail.example.cn>",
            ),
            raw_mail(
                subject="Out of office",
                body="Away.",
                headers={"Auto-Submitted": "auto-replied"},
                message_id="<ooo@mail.example.com>",
            ),
        )

        # When the worker polls it
        report = mailbox_poll(mailbox)

        # Then two complaints are made, the auto-reply is not one, and all are marked read
        assert (report.taken, report.failed) == (3, 0)
        assert sorted(Complaint.objects.values_list("subject", flat=True)) == [
            "升降機停用三日",
            "电梯坏了",
        ]
        assert _unseen(account) == 0
        mailbox.refresh_from_db()
        assert mailbox.last_polled_at is not None and mailbox.last_error == ""

        # When the same mail arrives again (a resend, a second copy) and the mailbox is polled
        _deliver(account, raw_mail(message_id="<one@mail.example.com>"))
        again = mailbox_poll(mailbox)

        # Then it is recognised, and no second complaint is made
        assert (again.taken, again.duplicates) == (0, 1)
        assert Complaint.objects.count() == 2


def test_a_mailbox_that_refuses_the_login_keeps_the_error_for_the_administrator():
    with imap_server() as account:
        mailbox = _mailbox(account, password="wrong")

        with pytest.raises(imaplib.IMAP4.error):
            mailbox_poll(mailbox)

        mailbox.refresh_from_db()
        assert "fail" in mailbox.last_error.lower()
