"""Reading a user's notifications."""

from django.conf import settings
from django.db.models import QuerySet

from complaintdesk.accounts.models import Organisation, User

from .models import Notification


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user: User, *, limit: int = 50) -> QuerySet:
    return Notification.objects.filter(recipient=user).select_related("complaint")[:limit]


def notification_get(user: User, pk: int) -> Notification:
    """One of the user's own notifications; someone else's is DoesNotExist, like a missing one."""
    return Notification.objects.select_related("complaint").get(recipient=user, pk=pk)


def user_time_zone(user: User) -> str:
    """Where the user reads times: their home organisation's zone, else the site's."""
    zone = None
    if user.home_unit_id:
        zone = (
            Organisation.objects.filter(units=user.home_unit_id)
            .values_list("time_zone", flat=True)
            .first()
        )
    return zone or settings.TIME_ZONE
