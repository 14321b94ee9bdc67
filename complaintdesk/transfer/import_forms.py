"""The import pages' forms: the upload, and the mapping of a file's columns to our fields."""

from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation, UnitKind
from complaintdesk.complaints.choices import Channel, Language, Status

from .fields import FIELDS
from .models import ImportMode, ImportRun
from .reading import EXTENSIONS


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    source = forms.CharField(
        label=_("Where the file comes from"),
        max_length=100,
        help_text=_("The system or office, e.g. “Old CRM”: its column mapping is remembered."),
        # The page's <datalist> of earlier sources: the same name again finds the saved mapping.
        widget=forms.TextInput(attrs={"list": "sources", "autocomplete": "off"}),
    )
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        # Only steers the browser's file picker; the service still checks what arrives.
        widget=forms.FileInput(attrs={"accept": ",".join(f".{ext}" for ext in EXTENSIONS)}),
    )

    def __init__(self, *args: Any, organisations: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        if organisations.count() == 1:
            field.initial = organisations.first()
            field.widget = forms.HiddenInput()


def _blank(choices: Any) -> list[tuple[str, str]]:
    return [("", "—"), *[(value, label) for value, label in choices]]


class MappingForm(forms.Form):
    """One select per field of ours listing the file's headers, then the defaults and mode."""

    default_unit = forms.ChoiceField(label=_("Unit of every row"), required=False)
    default_channel = forms.ChoiceField(label=_("Channel of every row"), required=False)
    default_status = forms.ChoiceField(label=_("Status of every row"), required=False)
    default_language = forms.ChoiceField(label=_("Language of every row"), required=False)
    default_time_zone = forms.ChoiceField(label=_("Time zone of the file's times"), required=False)
    default_day_first = forms.BooleanField(
        label=_("Dates are written day first (31/12/2024)"), required=False
    )
    mode = forms.ChoiceField(
        label=_("If some rows are invalid"),
        choices=ImportMode.choices,
        widget=forms.RadioSelect,
        initial=ImportMode.VALID_ONLY,
    )

    def __init__(self, *args: Any, run: ImportRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        headers = [("", "—"), *[(h, h) for h in run.headers]]
        for field in FIELDS:
            label = f"{field.label} *" if field.required else field.label
            self.fields[f"map_{field.name}"] = forms.ChoiceField(
                label=str(label),
                choices=headers,
                required=False,
                initial=run.mapping.get(field.name),
            )
        units = run.organisation.units.exclude(kind=UnitKind.SITE).order_by("path")
        self.fields["default_unit"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(u.code, f"{u.code} · {u.name}") for u in units],
        ]
        self.fields["default_channel"].choices = _blank(Channel.choices)  # type: ignore[attr-defined]
        self.fields["default_status"].choices = _blank(Status.choices)  # type: ignore[attr-defined]
        self.fields["default_language"].choices = _blank(Language.choices)  # type: ignore[attr-defined]
        zones = sorted(available_timezones())
        self.fields["default_time_zone"].choices = [  # type: ignore[attr-defined]
            ("", _("The organisation's (%(zone)s)") % {"zone": run.organisation.time_zone}),
            *[(zone, zone) for zone in zones],
        ]
        for key, value in run.defaults.items():
            if f"default_{key}" in self.fields:
                self.fields[f"default_{key}"].initial = value
        self.fields["mode"].initial = run.mode

    def mapping_fields(self) -> list[forms.BoundField]:
        return [self[f"map_{field.name}"] for field in FIELDS]

    def default_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("default_")]

    def mapping(self) -> dict[str, str]:
        return {f.name: self.cleaned_data.get(f"map_{f.name}") or "" for f in FIELDS}

    def defaults(self) -> dict[str, Any]:
        return {
            name.removeprefix("default_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("default_") and value
        }
