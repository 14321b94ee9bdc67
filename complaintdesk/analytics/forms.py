"""The dashboard's filters, read from its address (GET) as the page and its download read them."""

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaintdesk.complaints.choices import Channel, Grade
from complaintdesk.complaints.models import Category
from complaintdesk.core.widgets import quick_selects
from complaintdesk.core.zones import zone_named

from .scope import DashboardScope
from .selectors import DashboardFilters

ANY: list[tuple[str, Any]] = [("", _("Any"))]
DEFAULT_DAYS = 90
# Two years of days and a little: the roll-up answers more, the charts stop being readable.
LONGEST_DAYS = 3 * 366


class DashboardForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    grade = forms.ChoiceField(label=_("Grade"), choices=ANY + list(Grade.choices), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=ANY + list(Channel.choices), required=False
    )

    def __init__(self, data: QueryDict, *, scope: DashboardScope) -> None:
        self.scope = scope
        self.today = timezone.now().astimezone(zone_named(scope.organisation.time_zone)).date()
        # The period shown when none is asked for is written into the fields, so that the
        # form says what the figures count.
        given = data.copy()
        if not given.get("start") and not given.get("end"):
            given["end"] = self.today.isoformat()
            given["start"] = (self.today - timedelta(days=DEFAULT_DAYS - 1)).isoformat()
        super().__init__(given)
        cast(forms.ChoiceField, self.fields["unit"]).choices = ANY + [
            (unit.code, unit.name) for unit in scope.units
        ]
        cast(forms.ChoiceField, self.fields["category"]).choices = ANY + [
            (c.code, f"{c.code} · {c.label}")
            for c in Category.objects.filter(organisation=scope.organisation, is_active=True)
        ]
        quick_selects(self.fields)
        self.is_valid()  # a wrong value is shown beside its field and filters nothing

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period is before its start."))
        elif start and end and (end - start).days >= LONGEST_DAYS:
            self.add_error("start", _("Choose a period of at most three years."))
        return cleaned

    def filters(self) -> DashboardFilters:
        today = self.today
        valid = self.cleaned_data if not self.errors else {}
        end: date = valid.get("end") or today
        start: date = valid.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
        return DashboardFilters(
            start=start,
            end=end,
            today=today,
            unit=self.cleaned_data.get("unit") or "",
            category=self.cleaned_data.get("category") or "",
            grade=self.cleaned_data.get("grade") or "",
            channel=self.cleaned_data.get("channel") or "",
        )
