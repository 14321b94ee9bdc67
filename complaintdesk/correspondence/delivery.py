"""Delivering the complainant's mail from the worker: claimed so that it goes once, retried
while the mail server refuses, each send and each failure on the complaint's timeline."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.complaints.services import complaint_correspondence_recorded
from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.notifications.services import notify

from .models import Letter, LetterKind, LetterStatus

# A mail server that refuses or is down is tried again after these waits, then given up
# (and the handler told): about a day in all.
RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=8),
    timedelta(hours=12),
)


def letter_recorded(letter: Letter, at: datetime, *, error: str = "") -> None:
    complaint_correspondence_recorded(
        letter.complaint,
        letter.created_by,
        at,
        sent=not error,
        letter_id=letter.pk,
        kind=letter.kind,
        channel=letter.channel,
        subject=letter.subject,
        acknowledges=letter.kind == LetterKind.ACKNOWLEDGEMENT,
        error=error,
    )


def _headers(letter: Letter) -> dict[str, str]:
    headers = {
        "Message-ID": letter.message_id,
        # Threading: the complainant's reply carries the reference in its subject too.
        "X-Complaint-Reference": letter.complaint.reference,
        "Auto-Submitted": "auto-generated" if letter.created_by is None else "no",
    }
    mailed_in = letter.complaint.intake_key.removeprefix("mail:")
    if letter.kind == LetterKind.ACKNOWLEDGEMENT and mailed_in != letter.complaint.intake_key:
        # The answer to the complainant's own mail: their mail program shows it in that thread.
        headers["In-Reply-To"] = headers["References"] = mailed_in
    return headers


def letter_deliver(letter_id: int, *, now: datetime | None = None) -> str:
    """Send one queued e-mail if it is due; returns its status after. Claimed first (its
    next attempt moved out of reach), so two workers never send the same letter twice."""
    now = now or timezone.now()
    claimed = Letter.objects.filter(
        pk=letter_id, status=LetterStatus.QUEUED, next_attempt_at__lte=now
    ).update(next_attempt_at=now + timedelta(hours=1))
    letter = Letter.objects.select_related("complaint__organisation").get(pk=letter_id)
    if not claimed:
        return letter.status
    message = EmailMessage(
        subject=letter.subject,
        body=letter.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[letter.recipient],
        headers=_headers(letter),
    )
    try:
        message.send()
    except Exception as error:  # any failure of the mail server: recorded, retried
        _failed(letter, str(error) or error.__class__.__name__, now)
        return letter.status
    with transaction.atomic():
        Letter.objects.filter(pk=letter.pk).update(
            status=LetterStatus.SENT, sent_at=now, attempts=letter.attempts + 1, last_error=""
        )
        letter.status, letter.sent_at = LetterStatus.SENT, now
        letter_recorded(letter, now)
    return letter.status


def _failed(letter: Letter, error: str, now: datetime) -> None:
    attempts = letter.attempts + 1
    with transaction.atomic():
        if attempts > len(RETRY_AFTER):
            letter.status, letter.next_attempt_at = LetterStatus.FAILED, None
        else:
            letter.next_attempt_at = now + RETRY_AFTER[attempts - 1]
        letter.attempts, letter.last_error = attempts, error[:2000]
        letter.save(update_fields=["status", "next_attempt_at", "attempts", "last_error"])
        # Each failure is on the timeline; when it is given up, a person must reach them.
        letter_recorded(letter, now, error=error[:500])
        if letter.status == LetterStatus.FAILED:
            _tell_handler(letter, now)


def letters_due(now: datetime | None = None, limit: int = 200) -> list[int]:
    """Queued e-mails whose next attempt has come (the worker's beat retries them)."""
    now = now or timezone.now()
    return list(
        Letter.objects.filter(status=LetterStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def letter_bounced(letter: Letter, report: str, at: datetime | None = None) -> None:
    """The complainant's mail server sent our mail back (mail intake read the bounce): the
    letter did not arrive after all, and the timeline says so."""
    at = at or timezone.now()
    with transaction.atomic():
        Letter.objects.filter(pk=letter.pk).update(
            status=LetterStatus.FAILED, next_attempt_at=None, last_error=report[:2000]
        )
        letter.status = LetterStatus.FAILED
        letter_recorded(letter, at, error=report[:500] or "bounced")
        _tell_handler(letter, at)


def _tell_handler(letter: Letter, at: datetime) -> None:
    """The complainant has not heard from us: the handler (else the receiver) must reach
    them another way."""
    complaint = letter.complaint
    person = complaint.handler or complaint.received_by
    if person is not None:
        notify(
            [person],
            kind=NotificationKind.LETTER_FAILED,
            complaint=complaint,
            params={"letter_id": letter.pk, "kind": letter.kind},
            at=at,
        )


def letter_failed_message(notification: Notification, cache: dict) -> tuple[str, str]:
    complaint = notification.complaint
    ref = complaint.reference if complaint else ""
    kind = notification.params.get("kind", "")
    label = LetterKind(kind).label if kind in LetterKind.values else kind
    return (
        _("Mail to the complainant not delivered: %(ref)s") % {"ref": ref},
        _(
            "“%(kind)s” to the complainant of %(ref)s could not be delivered. Reach them "
            "another way (a call, a letter) and log the contact on the complaint."
        )
        % {"kind": label, "ref": ref},
    )
