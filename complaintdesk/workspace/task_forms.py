"""Forms for tasks asked of other departments. Parsing only: the tasks service checks again."""

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.accounts.selectors import staff_of
from complaintdesk.complaints.models import Complaint


class TaskAskForm(forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Department"), queryset=OrgUnit.objects.none())
    owner = forms.ModelChoiceField(
        label=_("Owner (if you know who)"), queryset=User.objects.none(), required=False
    )
    due = forms.DateField(label=_("Due by"), widget=forms.DateInput(attrs={"type": "date"}))
    details = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, complaint: Complaint, **kwargs) -> None:
        kwargs.setdefault("initial", {"due": timezone.localdate()})
        kwargs["prefix"] = "task"
        super().__init__(*args, **kwargs)
        organisation = complaint.organisation_id
        unit = cast(forms.ModelChoiceField, self.fields["unit"])
        unit.queryset = OrgUnit.objects.filter(
            organisation_id=organisation, is_active=True
        ).order_by("path")
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        owner.queryset = staff_of(organisation)


class TaskCloseForm(forms.Form):
    text = forms.CharField(
        label=_("What came of it"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
