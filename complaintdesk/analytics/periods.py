"""A calendar month as the executive view asks for it ("2026-12"), on the site's clock."""

from datetime import date, datetime, time

from django.utils import timezone


def month_asked(text: str) -> date:
    """The first day of the month `text` names; this month for anything else."""
    try:
        asked = datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)
    return asked if 1900 < asked.year < 3000 else timezone.localdate().replace(day=1)


def month_bounds(first: date) -> tuple[datetime, datetime]:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (
        timezone.make_aware(datetime.combine(first, time.min)),
        timezone.make_aware(datetime.combine(following, time.min)),
    )
