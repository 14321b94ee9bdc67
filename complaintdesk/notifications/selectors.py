"""Reading a user's notifications."""

from django.conf import settings

from complaintdesk.accounts.models import Organisation, User

from .messages import messages_render
from .models import Notification


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user: User, *, limit: int = 50) -> list[Notification]:
    """The user's latest notifications, rendered in the current language."""
    rows = Notification.objects.filter(recipient=user).select_related("complaint")[:limit]
    return messages_render(list(rows))


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
