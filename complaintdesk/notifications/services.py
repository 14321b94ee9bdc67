"""Telling people: one in-app row per recipient, and an e-mail copy sent by a background task.

The row is written in the caller's transaction, so a notification exists exactly when the
change it announces does; the mail is queued only after commit, so a rolled-back change
never mails anyone.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from complaintdesk.accounts.models import User

from .models import Notification


def _language_of(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def notify(
    recipients: Iterable[User],
    *,
    kind: str,
    complaint=None,
    render: Callable[[], tuple[str, str]],
    at: datetime | None = None,
) -> list[Notification]:
    """`render` returns (subject, body) and is called once per recipient in their language."""
    at = at or timezone.now()
    unique = {user.pk: user for user in recipients if user.is_active}
    rows = []
    for user in unique.values():
        with translation.override(_language_of(user)):
            subject, body = render()
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                complaint=complaint,
                subject=str(subject)[:200],
                body=str(body),
                created_at=at,
            )
        )
    created = Notification.objects.bulk_create(rows)
    ids = [row.pk for row in created if row.recipient.email]
    if ids:
        from .tasks import notification_mail_send

        transaction.on_commit(partial(notification_mail_send.enqueue, ids))
    return created


def notifications_mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when `ids` is None)."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
