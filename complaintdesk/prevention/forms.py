"""Forms of the actions' pages. Parsing only: the prevention services check again."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import OrgUnit, UnitKind
from complaintdesk.accounts.selectors import staff_of
from complaintdesk.analytics.models import SpikeAlert, SpikeDimension
from complaintdesk.complaints.models import Category, RootCause

from .models import CorrectiveAction
from .services import OPEN_FIELDS


class CapaOpenForm(forms.ModelForm):
    """A new action in one of the units the person manages; from an alert, what rose is
    filled in."""

    class Meta:
        model = CorrectiveAction
        fields = ["unit", *OPEN_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "alert": forms.HiddenInput,
        }

    def __init__(self, *args, units: list[OrgUnit], alert: SpikeAlert | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        organisation_id = units[0].organisation_id
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = OrgUnit.objects.filter(
            pk__in=[u.pk for u in units]
        )
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = staff_of(organisation_id)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = Category.objects.filter(
            organisation_id=organisation_id
        )
        cast(forms.ModelChoiceField, self.fields["root_cause"]).queryset = RootCause.objects.filter(
            organisation_id=organisation_id
        )
        cast(forms.ModelChoiceField, self.fields["site"]).queryset = OrgUnit.objects.filter(
            organisation_id=organisation_id, kind=UnitKind.SITE
        )
        cast(forms.ModelChoiceField, self.fields["alert"]).queryset = SpikeAlert.objects.filter(
            organisation_id=organisation_id
        )
        if alert is not None and not self.is_bound:
            self.initial["alert"] = alert.pk
            if alert.dimension == SpikeDimension.CATEGORY:
                self.initial["category"] = alert.key_id
            else:
                self.initial["site"] = alert.key_id


class CapaLinkForm(forms.Form):
    reference = forms.CharField(label=_("Reference of the complaint"), max_length=32)


class CapaReviewForm(forms.Form):
    effective = forms.TypedChoiceField(
        label=_("Did it work?"),
        choices=[("1", _("Effective")), ("0", _("Not effective"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What the figures show"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CapaCancelForm(forms.Form):
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))
