"""Polling an organisation's IMAP mailbox from the worker.

Each unread message is read without marking it (BODY.PEEK), taken in, and only then marked
read: a crash between the two leaves it unread, and the next poll's delivery of it is
recognised as a duplicate. Nothing is ever deleted from the mailbox.
"""

import imaplib
from dataclasses import dataclass

from django.utils import timezone

from .models import Mailbox
from .services import mail_ingest

TIMEOUT_SECONDS = 30
# Messages taken per poll: a backlog drains over several polls without a long transaction.
BATCH = 200


@dataclass(frozen=True)
class PollReport:
    taken: int
    duplicates: int
    failed: int


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    if mailbox.use_ssl:
        return imaplib.IMAP4_SSL(mailbox.host, mailbox.port, timeout=TIMEOUT_SECONDS)
    return imaplib.IMAP4(mailbox.host, mailbox.port, timeout=TIMEOUT_SECONDS)


def mailbox_poll(mailbox: Mailbox) -> PollReport:
    taken = duplicates = failed = 0
    try:
        with _connect(mailbox) as client:
            client.login(mailbox.username, mailbox.password)
            client.select(mailbox.folder)
            _, found = client.uid("SEARCH", "UNSEEN")
            uids = [uid.decode() for uid in (found[0] or b"").split()[:BATCH]]
            for uid in uids:
                _, parts = client.uid("FETCH", uid, "(BODY.PEEK[])")
                raw = next((p[1] for p in parts if isinstance(p, tuple)), None)
                if raw is None:
                    failed += 1
                    continue
                try:
                    result = mail_ingest(mailbox.organisation, raw, mailbox=mailbox)
                except Exception:  # one bad message must not stop the others: it stays unread
                    failed += 1
                    continue
                client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
                duplicates += result.duplicate
                taken += not result.duplicate
    except (OSError, imaplib.IMAP4.error) as error:
        Mailbox.objects.filter(pk=mailbox.pk).update(
            last_polled_at=timezone.now(), last_error=str(error)[:2000]
        )
        raise
    Mailbox.objects.filter(pk=mailbox.pk).update(last_polled_at=timezone.now(), last_error="")
    return PollReport(taken, duplicates, failed)
