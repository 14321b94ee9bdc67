"""Forms that parse what a person types for each lifecycle action. Parsing only: every rule
is checked again by the service the view calls."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.accounts.roles import HANDLING_ROLES
from complaintdesk.complaints.choices import (
    ComplainantResponse,
    FollowUpResult,
    HandlingStep,
    RemedyType,
    ReplyChannel,
    Responsibility,
)
from complaintdesk.complaints.events import CONTACT_KINDS, EventKind
from complaintdesk.complaints.models import RootCause
from complaintdesk.complaints.transitions import Action


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=User.objects.none())

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        # People holding a handling role in the complaint's organisation (one filter() call,
        # so that role and organisation are those of the same assignment).
        conditions = {"is_active": True, "role_assignments__role__in": HANDLING_ROLES}
        if complaint is not None:
            conditions["role_assignments__unit__organisation_id"] = complaint.organisation_id
        queryset = User.objects.filter(**conditions)
        self.fields["handler"].queryset = queryset.distinct().order_by("username")


class ReassignForm(AssignForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Reference of the complaint to keep"), max_length=32)


class ProposeForm(forms.Form):
    remedy_type = forms.ChoiceField(label=_("Remedy"), choices=RemedyType.choices)
    amount = forms.DecimalField(
        label=_("Amount"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    description = forms.CharField(
        label=_("What is offered"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    channel = forms.ChoiceField(label=_("Reply channel"), choices=ReplyChannel.choices)
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 4}))
    reasons = forms.CharField(
        label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )
    appeal_route = forms.CharField(
        label=_("Appeal route"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the complainant does not accept the solution."),
    )


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(EventKind.NOTE.value, EventKind.NOTE.label)]
        + [(k.value, k.label) for k in EventKind if k in CONTACT_KINDS],
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    to_complainant = forms.BooleanField(
        label=_("Show to the complainant on their tracking page"), required=False
    )


ACTION_FORMS: dict[str, type[forms.Form]] = {
    Action.ASSIGN: AssignForm,
    Action.REASSIGN: ReassignForm,
    Action.REQUEST_INFORMATION: ReasonForm,
    Action.REOPEN: ReasonForm,
    Action.APPEAL: ReasonForm,
    Action.WITHDRAW: ReasonForm,
    Action.REJECT: ReasonForm,
    Action.MERGE: MergeForm,
    Action.PROPOSE: ProposeForm,
    Action.REPLY: ReplyForm,
}


def action_form(action: str, data=None, complaint=None, prefix: str | None = None):
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        return None
    kwargs: dict[str, Any] = {"prefix": prefix or action}
    if issubclass(form_class, AssignForm):
        kwargs["complaint"] = complaint
    return form_class(data, **kwargs)


class InvestigationForm(forms.Form):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))
    responsibility = forms.ChoiceField(label=_("Responsibility"), choices=Responsibility.choices)
    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit (cause)"), queryset=OrgUnit.objects.none(), required=False
    )
    responsible_person = forms.CharField(
        label=_("Responsible person"), required=False, max_length=150
    )
    root_cause = forms.ModelChoiceField(
        label=_("Root cause"), queryset=RootCause.objects.none(), required=False
    )

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None:
            organisation = complaint.organisation_id
            self.fields["responsible_unit"].queryset = OrgUnit.objects.filter(
                organisation_id=organisation, is_active=True
            )
            self.fields["root_cause"].queryset = RootCause.objects.filter(
                organisation_id=organisation, is_active=True
            )
            self.initial.update(
                findings=complaint.findings,
                responsibility=complaint.responsibility,
                responsible_unit=complaint.responsible_unit_id,
                responsible_person=complaint.responsible_person,
                root_cause=complaint.root_cause_id,
            )


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Handling step"), choices=HandlingStep.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Complainant's response"),
        choices=[c for c in ComplainantResponse.choices if c[0]],
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=FollowUpResult.choices)
    outcome_satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction with the outcome (1-5)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(i, i) for i in range(1, 6)],
    )
    handling_satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction with the handling (1-5)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(i, i) for i in range(1, 6)],
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    at = forms.DateTimeField(
        label=_("When the call was made (empty: now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class ConfirmReceiptForm(forms.Form):
    note = forms.CharField(
        label=_("How the receipt was confirmed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on_behalf_reason = forms.CharField(
        label=_("Confirming for the receiver? Say why (left, away…)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), required=False, max_length=255)
