"""Presentation of timeline values: labels only, no decisions."""

from django import template

register = template.Library()


@register.filter
def change_value(value):
    if isinstance(value, dict):
        return value.get("label", value.get("id", ""))
    if value in (None, ""):
        return "—"
    return value


@register.filter
def lookup(mapping, key):
    return mapping.get(key, key) if mapping else key
