"""The unread count for the nav badge, on every page a signed-in user sees."""

from functools import cache

from django.http import HttpRequest

from complaintdesk.complaints.permissions import may_register
from complaintdesk.notifications import selectors


def unread(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A callable, which templates call when they read it: counted only on pages that show the
    # badge (htmx fragments mostly do not), and cached so that a page counts once.
    return {"notifications_unread": cache(lambda: selectors.unread_count(user))}


def capture(request: HttpRequest) -> dict:
    """Whether the nav offers "New complaint": the user may register somewhere. Lazy, like the
    badge, so pages that do not show the nav do not ask."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_register": cache(lambda: may_register(user))}
