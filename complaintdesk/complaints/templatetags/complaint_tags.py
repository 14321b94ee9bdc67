"""Presentation of timeline values: labels only, no decisions."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext

from ..models import Complaint

register = template.Library()


@register.filter
def change_value(change: dict, side: str):
    """One side ("before"/"after") of a recorded change, as the user's language names it."""
    value = change.get(side)
    if isinstance(value, dict):
        return value.get("label", value.get("id", ""))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if value in (None, ""):
        return "—"
    try:
        field = Complaint._meta.get_field(change.get("field", ""))
    except FieldDoesNotExist:
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


@register.filter
def lookup(mapping, key):
    return mapping.get(key, key) if mapping else key


@register.filter
def sla_label(state: str) -> str:
    from complaintdesk.sla.choices import ClockState

    return ClockState(state).label if state in ClockState.values else state


@register.filter
def role_label(role: str) -> str:
    from complaintdesk.accounts.roles import role_label as label

    return label(role)


@register.filter
def iso_time(value: str) -> str:
    """An ISO 8601 instant kept in event data, shown in the page's time zone like every other
    time on it (the stored offset is whatever the writer had: UTC or the calendar's)."""
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    moment = parse_datetime(value or "")
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"
