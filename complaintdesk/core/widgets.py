"""Form widgets that render in Python instead of through a template per option.

Django renders each <option> of a Select through its own template include: a queue page's
filters and bulk bar (categories, sites, handlers of a whole organisation) cost 20-40 ms a
request that way, more than the database. The markup is the same as Django's.
"""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}
        parts: list[str] = [format_html("<select{}>", flatatt(final))]
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # a group: (group label, [(value, label), …])
                parts.append(format_html('<optgroup label="{}">', option_value))
                parts += [self._option(v, text, chosen) for v, text in label]
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, label, chosen))
        parts.append("</select>")
        return mark_safe("".join(parts))

    @staticmethod
    def _option(value: Any, label: Any, chosen: set[str]) -> str:
        value = "" if value is None else str(value)
        selected = " selected" if value in chosen else ""
        return format_html('<option value="{}"{}>{}</option>', value, mark_safe(selected), label)


def quick_selects(fields: dict[str, forms.Field]) -> None:
    """Render these fields' plain selects with QuickSelect (the queue's and the bulk bar's,
    whose choices are set per user after the form is made)."""
    for field in fields.values():
        if type(field.widget) is forms.Select:
            widget = QuickSelect(attrs=field.widget.attrs)
            widget.choices = field.widget.choices
            field.widget = widget
