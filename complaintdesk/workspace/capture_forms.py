"""The capture page's form: what a receiver types while the caller talks. Parsing only; the
service checks every rule again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from complaintdesk.accounts.models import OrgUnit, UnitKind, User
from complaintdesk.complaints import permissions
from complaintdesk.complaints.choices import Channel, Grade, Language, RiskFlag
from complaintdesk.complaints.models import Category
from complaintdesk.customers.models import Complainant


def _moment(label: StrPromise) -> forms.DateTimeField:
    """An optional date and time, typed in the browser's own date-time picker."""
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class CaptureForm(forms.Form):
    # Who: picked from the look-up, or typed in as a new complainant.
    complainant = forms.ModelChoiceField(
        queryset=Complainant.objects.none(), required=False, widget=forms.HiddenInput
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    # Empty unless someone chooses: the language is then read from what they wrote, never
    # the first of the list (which made every complainant a reader of Simplified Chinese).
    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("As they write")), *Language.choices],
        required=False,
    )
    # How and when it came in.
    unit = forms.ModelChoiceField(
        label=_("Responsible unit (handling)"), queryset=OrgUnit.objects.none()
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_at = _moment(_("Received (empty: now)"))
    backdating_reason = forms.CharField(
        label=_("Why earlier than now (a letter opened late…)"), required=False, max_length=500
    )
    # What.
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4})
    )
    incident_at = _moment(_("When it happened"))
    site = forms.ModelChoiceField(
        label=_("Site concerned"), queryset=OrgUnit.objects.none(), required=False
    )
    incident_place = forms.CharField(label=_("Where it happened"), max_length=255, required=False)
    persons_involved = forms.CharField(label=_("Who was involved"), max_length=255, required=False)
    demand = forms.CharField(
        label=_("Demand"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    claimed_loss_amount = forms.DecimalField(
        label=_("Claimed loss"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    # Screening.
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices, initial=Grade.GENERAL)
    anger_score = forms.TypedChoiceField(
        label=_("Anger score"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(i, i) for i in range(1, 6)],
    )
    risks = forms.MultipleChoiceField(
        label=_("Risk flags"),
        required=False,
        choices=[(flag.value, flag.label) for flag in RiskFlag if flag not in ("vip", "repeat")],
        widget=forms.CheckboxSelectMultiple,
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = permissions.registration_units(user).order_by("path")
        organisations = set(units.values_list("organisation_id", flat=True))
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units
        # The receiver's own desk first: their home unit, when they may register there.
        if user.home_unit_id and units.filter(pk=user.home_unit_id).exists():
            unit_field.initial = user.home_unit_id
        for name, queryset in (
            ("site", OrgUnit.objects.filter(organisation_id__in=organisations, kind=UnitKind.SITE)),
            (
                "category",
                Category.objects.filter(organisation_id__in=organisations, is_active=True),
            ),
            ("complainant", Complainant.objects.filter(organisation_id__in=organisations)),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("complainant") and not (data.get("name") or "").strip():
            self.add_error("name", _("Pick the complainant from the look-up, or give a name."))
        return data

    def record(self) -> dict[str, Any]:
        """The service's keyword arguments from the cleaned data."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            key: data[key]
            for key in (
                "unit",
                "channel",
                "received_at",
                "backdating_reason",
                "subject",
                "description",
                "incident_at",
                "site",
                "incident_place",
                "persons_involved",
                "demand",
                "claimed_loss_amount",
                "category",
                "grade",
                "anger_score",
            )
        }
        values.update({f"risk_{flag}": True for flag in data["risks"]})
        if data.get("preferred_language"):
            values["language"] = data["preferred_language"]
        if data.get("complainant"):
            values["complainant"] = data["complainant"]
        else:
            values["new_complainant"] = {
                key: data[key]
                for key in ("name", "phone", "email", "preferred_language")
                if data.get(key)
            }
        values["attachments"] = [data["attachment"]] if data.get("attachment") else []
        return values
