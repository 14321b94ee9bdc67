"""The form that corrects a complainant's details from one of their complaints. Parsing only;
the service checks the rights and the rules again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from complaintdesk.complaints.choices import Language
from complaintdesk.customers.models import Complainant, CustomerTier


class ComplainantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"), choices=[("", "—"), *Language.choices], required=False
    )
    account_reference = forms.CharField(
        label=_("Account/unit reference"), max_length=80, required=False
    )
    tier = forms.ChoiceField(label=_("Customer tier"), choices=CustomerTier.choices)

    def __init__(
        self, *args: Any, person: Complainant, may_change_tier: bool, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {name: getattr(person, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        if not may_change_tier:
            del self.fields["tier"]

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] or "" for name in self.fields}
