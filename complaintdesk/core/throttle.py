"""A fixed-window rate limit for the pages anyone may use (the public form, the tracking
page's look-up): a person submits a few complaints an hour, a script thousands."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from .models import ThrottleWindow


def client_key(request: HttpRequest, scope: str) -> str:
    """The client's address. Behind a reverse proxy this is the proxy's own, unless the proxy
    sets REMOTE_ADDR for us (as gunicorn's --forwarded-allow-ips does)."""
    return f"{scope}:{request.META.get('REMOTE_ADDR', '')}"


def throttle_hit(key: str, *, limit: int, window: timedelta, at: datetime | None = None) -> bool:
    """Count one use of `key` and say whether it is still within `limit` for this window.
    Atomic on both databases: the row is made if missing, then incremented in one UPDATE."""
    at = at or timezone.now()
    seconds = int(window.total_seconds())
    start = datetime.fromtimestamp(int(at.timestamp()) // seconds * seconds, tz=at.tzinfo)
    with transaction.atomic():
        ThrottleWindow.objects.bulk_create(
            [ThrottleWindow(key=key, window_start=start, hits=0)], ignore_conflicts=True
        )
        ThrottleWindow.objects.filter(key=key, window_start=start).update(hits=F("hits") + 1)
        hits = ThrottleWindow.objects.values_list("hits", flat=True).get(
            key=key, window_start=start
        )
        # Windows long past count for nothing: this key's are cleared as it comes back.
        ThrottleWindow.objects.filter(key=key, window_start__lt=start - window).delete()
    return hits <= limit
