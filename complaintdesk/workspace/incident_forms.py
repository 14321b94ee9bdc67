"""Forms of the incident pages. Parsing only: the incidents service checks again."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.selectors import staff_of
from complaintdesk.complaints.models import RootCause
from complaintdesk.incidents.models import Incident
from complaintdesk.incidents.services import HANDLING_FIELDS


class IncidentOpenForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IncidentForm(forms.ModelForm):
    """What is handled once for every linked complaint."""

    class Meta:
        model = Incident
        fields = HANDLING_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "description", "findings", "remedy_description", "reasons", "appeal_route",
                "reply_zh_hans", "reply_zh_hant", "reply_en",
            )
        }  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation_id
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        owner.queryset = staff_of(organisation)
        cause = cast(forms.ModelChoiceField, self.fields["root_cause"])
        cause.queryset = RootCause.objects.filter(organisation_id=organisation)


class IncidentLinkForm(forms.Form):
    reference = forms.CharField(label=_("Reference of the complaint"), max_length=32)
