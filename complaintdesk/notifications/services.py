"""Telling people: one in-app row per recipient, and an e-mail copy sent by a background task.

The row is written in the caller's transaction, so a notification exists exactly when the
change it announces does; the mail is queued only after commit, so a rolled-back change
never mails anyone.
"""

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from complaintdesk.accounts.models import User
from complaintdesk.core.gathered import Gathering

from .models import Notification
from .tasks import notification_mail_send


def notify(
    recipients: Iterable[User],
    *,
    kind: str,
    complaint: Any = None,
    params: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> list[Notification]:
    """One row per active recipient, in the caller's transaction; the mail copy is queued
    after commit. `params` are what the kind's renderer needs: codes, ids, numbers."""
    at = at or timezone.now()
    unique = {user.pk: user for user in recipients if user.is_active}
    rows = [
        Notification(
            recipient=user, kind=kind, complaint=complaint, params=params or {}, created_at=at
        )
        for user in unique.values()
    ]
    if _GATHERED.add(rows):
        return rows
    return _write(rows)


def _write(rows: list[Notification]) -> list[Notification]:
    created = Notification.objects.bulk_create(rows)
    ids = [row.pk for row in created if row.recipient.email]
    if ids:
        transaction.on_commit(partial(notification_mail_send.enqueue, ids))
    return created


# Inside `notifications_gathered()` (a sweep's chunk) the rows are written in one insert at its
# end and their mail copies go in one task: a chunk of breaches is not a hundred tasks.
_GATHERED: Gathering[Notification] = Gathering("notifications", _write)
notifications_gathered = _GATHERED.block


def notifications_mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when `ids` is None)."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
