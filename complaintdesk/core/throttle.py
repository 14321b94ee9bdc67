"""A fixed-window rate limit for the pages anyone may use (the public form, the tracking
page's look-up): a person submits a few complaints an hour, a script thousands."""

from datetime import datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone

from .counters import counter_add
from .models import ThrottleWindow


def client_key(request: HttpRequest, scope: str) -> str:
    """The client's address. Behind a reverse proxy this is the proxy's own, unless the proxy
    sets REMOTE_ADDR for us (as gunicorn's --forwarded-allow-ips does)."""
    return f"{scope}:{request.META.get('REMOTE_ADDR', '')}"


def throttle_hit(key: str, *, limit: int, window: timedelta, at: datetime | None = None) -> bool:
    """Count one use of `key` and say whether it is still within `limit` for this window.

    One statement on both databases (an upsert that returns the new count), so it is atomic
    and, on SQLite, holds the single writer's lock for one row's write: an API client's every
    request passes here before its own transaction."""
    at = at or timezone.now()
    seconds = int(window.total_seconds())
    start = datetime.fromtimestamp(int(at.timestamp()) // seconds * seconds, tz=at.tzinfo)
    count = counter_add(ThrottleWindow, {"key": key, "window_start": start}, "hits", 1)
    if count == 1:
        # A new window: the key's windows long past count for nothing and are cleared.
        ThrottleWindow.objects.filter(key=key, window_start__lt=start - window).delete()
    return count <= limit
