"""Presentation of stored codes: labels only, no decisions."""

from datetime import datetime, timedelta
from functools import lru_cache

from django import template
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaintdesk.complaints.choices import Grade, Status
from complaintdesk.incidents.services import run_outcome_text
from complaintdesk.sla.choices import ClockState

register = template.Library()


@lru_cache(maxsize=64)
def _labels(choices: type[models.TextChoices], language: str) -> dict[str, str]:
    """Every label of `choices` in one language, translated once: the queue shows 50 rows a
    page, and get_FOO_display() hashes each lazy label of the field's choices every call."""
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


def _label(choices: type[models.TextChoices], value: str) -> str:
    return _labels(choices, translation.get_language() or "en").get(value, value)


@register.filter
def sla_label(state: str) -> str:
    """A time-standard state as the reader's language names it."""
    return _label(ClockState, state)


@register.filter
def status_label(status: str) -> str:
    return _label(Status, status)


@register.filter
def grade_label(grade: str) -> str:
    return _label(Grade, grade)


@register.filter
def dictget(mapping: dict, key: str):
    """mapping[key] in a template, where the key is a variable (a count per queue view)."""
    return mapping.get(key)


def _span(amount: timedelta, *, day: timedelta = timedelta(days=1)) -> str:
    """Days, hours, minutes; a day being `day` long (a business day for working time)."""
    minutes = int(amount.total_seconds() // 60)
    days, minutes = divmod(minutes, max(1, int(day.total_seconds() // 60)))
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


@register.filter
def time_left(row) -> str:
    """A clock row's time left as a person reads it ("2 d 3 h left", "5 h 20 min overdue"),
    saying so when only working time counts (overdue time too is counted in working time);
    "" for a clock that is not running."""
    if row.left is None:
        return ""
    # A working-time clock counts in business days: "2 d 3 h" there is two working days and
    # three business hours.
    day = row.business_day if row.in_working_time and row.business_day else timedelta(days=1)
    if row.overdue:
        if row.left < timedelta(minutes=1):  # due at closing time, and it is evening now
            return _("overdue")
        return _("%(span)s overdue") % {"span": _span(row.left, day=day)}
    if row.in_working_time:
        return _("%(span)s of working time left") % {"span": _span(row.left, day=day)}
    return _("%(span)s left") % {"span": _span(row.left)}


@register.filter
def run_outcome(link) -> str:
    """What an incident's last run did for one complaint, in the reader's language."""
    return run_outcome_text(
        link.last_run_steps,
        link.last_run_stopped_at,
        link.last_run_outcome,
        link.complaint.get_status_display(),
    )


@register.filter
def minute(moment: datetime | None) -> str:
    """A time to the minute in the site's time zone ("2026-12-07 09:38"), as the date filter
    with "Y-m-d H:i" writes it, at a tenth of its cost: the queue shows 50 a page."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@register.filter
def iso(moment: datetime | None) -> str:
    """For <time datetime=…>: the instant in ISO 8601 with its offset, as the "c" format."""
    return timezone.localtime(moment).isoformat() if moment else ""
