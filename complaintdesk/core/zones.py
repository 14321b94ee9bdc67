"""Time zones by name, as organisations and import files give them."""

from datetime import tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone


@lru_cache(maxsize=64)
def zone_named(name: str) -> tzinfo:
    """The zone of that IANA name; the site's own (TIME_ZONE) for a name no zone has, so that
    one bad value turns a time into the site's clock rather than failing a whole file."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()
