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
