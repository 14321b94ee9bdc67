"""The people pages' forms: a sample to draw, a review's answers, a decision."""

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from complaintdesk.analytics.scope import DashboardScope
from complaintdesk.core.widgets import quick_selects

from .models import Answer, Decision, SampledBy, ScorecardItem
from .services import LARGEST_SAMPLE

NOT_APPLICABLE = "na"


def _date_input() -> forms.DateInput:
    """A browser's date picker reads and shows ISO dates, whatever the reader's language."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


ANSWERS = [(str(a.value), a.label) for a in reversed(Answer)] + [
    (NOT_APPLICABLE, _("Does not apply"))
]


class SampleForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    start = forms.DateField(label=_("Closed from"), widget=_date_input())
    end = forms.DateField(label=_("Closed until"), widget=_date_input())
    size = forms.IntegerField(
        label=_("How many"), min_value=1, max_value=LARGEST_SAMPLE, initial=10
    )
    method = forms.ChoiceField(
        label=_("Picked"),
        choices=[(SampledBy.RISK.value, SampledBy.RISK.label),
                 (SampledBy.RANDOM.value, SampledBy.RANDOM.label)],
    )  # fmt: skip

    def __init__(self, *args: Any, scope: DashboardScope, today: date, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"start": today - timedelta(days=30), "end": today, "size": 10}
        )
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = [
            (unit.code, unit.name) for unit in scope.units
        ]
        quick_selects(self.fields)


class ReviewForm(forms.Form):
    """A question per scorecard item (answer and note), then comments and training needs."""

    def __init__(self, *args: Any, items: list[ScorecardItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"answer_{item.pk}"] = forms.ChoiceField(
                label=item.label,
                choices=ANSWERS,
                widget=forms.RadioSelect,
                help_text=item.guidance,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=500
            )
        self.fields["comments"] = forms.CharField(
            label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )
        self.fields["training_need"] = forms.CharField(
            label=_("Training needed"), required=False, widget=forms.Textarea(attrs={"rows": 2})
        )

    def answers(self) -> dict[int, tuple[int | None, str]]:
        found = {}
        for item in self.items:
            given = self.cleaned_data[f"answer_{item.pk}"]
            answer = None if given == NOT_APPLICABLE else int(given)
            found[item.pk] = (answer, self.cleaned_data[f"note_{item.pk}"])
        return found

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"answer_{item.pk}"], self[f"note_{item.pk}"]) for item in self.items]


class DecisionForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    start = forms.DateField(widget=forms.HiddenInput)
    end = forms.DateField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))
