"""Presentation of stored codes: labels only, no decisions."""

from datetime import timedelta

from django import template
from django.utils.translation import gettext as _

from complaintdesk.incidents.services import run_outcome_text
from complaintdesk.sla.choices import ClockState

register = template.Library()


@register.filter
def sla_label(state: str) -> str:
    """A time-standard state as the reader's language names it."""
    return str(ClockState(state).label) if state in ClockState.values else state


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
