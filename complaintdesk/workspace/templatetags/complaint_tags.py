"""Presentation of stored codes: labels only, no decisions."""

from django import template

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
