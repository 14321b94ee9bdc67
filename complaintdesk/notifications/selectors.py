"""Reading a user's notifications."""

from django.db.models import QuerySet

from complaintdesk.accounts.models import User

from .models import Notification


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user: User, *, limit: int = 50) -> QuerySet:
    return Notification.objects.filter(recipient=user).select_related("complaint")[:limit]
