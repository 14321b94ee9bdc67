"""The public pages' forms: what a complainant types. Parsing only; the services check every
rule again, and say what is wrong in the complainant's language."""

import secrets
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import OrgUnit
from complaintdesk.complaints.choices import ComplainantResponse
from complaintdesk.complaints.models import PublicForm

# Evidence a complainant may send with one form (each file is checked by the service).
MAX_FILES = 5
# The honeypot: a field people never see (hidden by the style sheet, skipped by the tab key,
# not filled by the browser), which simple robots fill in like every other field.
HONEYPOT = "fax_number"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files in one input; each is cleaned as a file field cleans one."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(n)d files may be sent at once.") % {"n": MAX_FILES}
            )
        return [super(EvidenceField, self).clean(file, initial) for file in files]


class SubmitForm(forms.Form):
    # A fresh key for each form shown: sending it twice finds the complaint made the first time.
    submission = forms.CharField(widget=forms.HiddenInput, max_length=64)
    name = forms.CharField(label=_("Your name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    site = forms.ModelChoiceField(
        label=_("Which place is it about?"), queryset=OrgUnit.objects.none(), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )
    incident_at = forms.DateTimeField(
        label=_("When it happened"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    incident_place = forms.CharField(label=_("Where it happened"), max_length=255, required=False)
    persons_involved = forms.CharField(label=_("Who was involved"), max_length=255, required=False)
    demand = forms.CharField(
        label=_("What would you like us to do?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    claimed_loss_amount = forms.DecimalField(
        label=_("Loss you claim (amount)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    evidence = EvidenceField(label=_("Photos, receipts or other evidence"), required=False)
    privacy_accepted = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my details are used to handle "
            "this complaint."
        )
    )
    fax_number = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, public_form: PublicForm, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"].initial = secrets.token_urlsafe(24)
        sites = public_form.sites.filter(is_active=True).order_by("name")
        site_field = self.fields["site"]
        assert isinstance(site_field, forms.ModelChoiceField)
        site_field.queryset = sites
        if not sites.exists():
            del self.fields["site"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("phone") or "").strip() and not data.get("email"):
            self.add_error("phone", _("Give a phone number or an e-mail address to reach you."))
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def record(self) -> dict[str, Any]:
        """The service's arguments (contacts, the record, the evidence)."""
        data = self.cleaned_data
        return {
            "intake_key": f"web:{data['submission']}",
            "name": data["name"],
            "phone": data["phone"],
            "email": data["email"],
            "site": data.get("site"),
            "subject": data["subject"],
            "description": data["description"],
            "incident_at": data["incident_at"],
            "incident_place": data["incident_place"],
            "persons_involved": data["persons_involved"],
            "demand": data["demand"],
            "claimed_loss_amount": data["claimed_loss_amount"],
            "attachments": data["evidence"],
        }


class TrackFindForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=32)
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        help_text=_("On the confirmation page and in our e-mails, like 7K2M-9QXD-4HFA."),
    )


class WriteInForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = EvidenceField(label=_("Attach files"), required=False)


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Do you accept this solution?"),
        choices=[
            (ComplainantResponse.ACCEPTED, _("Yes, I accept it")),
            (ComplainantResponse.REJECTED, _("No, I do not accept it")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything you want to add"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How well did we handle your complaint?"),
        choices=[
            (5, _("5 – Very good")),
            (4, _("4 – Good")),
            (3, _("3 – Fair")),
            (2, _("2 – Poor")),
            (1, _("1 – Very poor")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Why should the decision be reviewed?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
