"""Forms that parse what a person types for each lifecycle action. Parsing only: every rule
is checked again by the service the view calls."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.accounts.roles import role_label
from complaintdesk.complaints.choices import (
    ComplainantResponse,
    FollowUpResult,
    Grade,
    HandlingStep,
    RemedyType,
    ReplyChannel,
    Responsibility,
    RiskFlag,
)
from complaintdesk.complaints.events import CONTACT_KINDS, EventKind
from complaintdesk.complaints.models import Category, RootCause
from complaintdesk.complaints.transitions import Action
from complaintdesk.routing.selectors import Candidate, assignment_candidates


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    """The handler, chosen from the people of the complaint's line grouped by unit, each with
    their role and how many open complaints they handle (routing.assignment_candidates)."""

    handler = forms.TypedChoiceField(label=_("Handler"), coerce=int)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people: dict[int, User] = {}
        groups: dict[str, list[tuple[int, str]]] = {}
        if complaint is not None:
            for candidate in assignment_candidates(complaint, timezone.now()):
                self.people[candidate.user.pk] = candidate.user
                groups.setdefault(candidate.unit.name, []).append(
                    (candidate.user.pk, _candidate_label(candidate))
                )
        field = cast(forms.TypedChoiceField, self.fields["handler"])
        field.choices = [("", "—"), *groups.items()]

    def clean_handler(self) -> User:
        return self.people[self.cleaned_data["handler"]]


def _candidate_label(candidate: Candidate) -> str:
    values = {
        "name": str(candidate.user),
        "role": role_label(candidate.role),
        "load": candidate.load,
    }
    label = (
        ngettext(
            "%(name)s · %(role)s · %(load)d open",
            "%(name)s · %(role)s · %(load)d open",
            candidate.load,
        )
        % values
    )
    return _("%(label)s · away") % {"label": label} if candidate.away else label


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
    # The letter carrying a written reply, as the handler corrected the template's draft.
    letter_subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    letter_body = forms.CharField(
        label=_("Letter"), required=False, widget=forms.Textarea(attrs={"rows": 16})
    )

    DECISION = ("channel", "text", "reasons", "appeal_route")
    LETTER = ("letter_subject", "letter_body")

    def decision_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.DECISION]

    def letter_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.LETTER]


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(EventKind.NOTE.value, EventKind.NOTE.label)]
        + [(k.value, k.label) for k in EventKind if k in CONTACT_KINDS],
    )
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 3, "data-shortcut": "n", "aria-keyshortcuts": "n"}),
    )
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


class ClassificationForm(forms.Form):
    """Category, grade, anger and risk flags as they stand, to change with a reason: the
    reason goes on the timeline beside the changes, and the clocks and the rung follow."""

    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices)
    anger_score = forms.TypedChoiceField(
        label=_("Anger (1 calm – 5 furious)"),
        choices=[("", "—"), *((n, str(n)) for n in range(1, 6))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    risks = forms.MultipleChoiceField(
        label=_("Risk flags"),
        choices=RiskFlag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Why it changes"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, complaint=None, **kwargs):
        if complaint is not None:
            kwargs.setdefault(
                "initial",
                {
                    "category": complaint.category_id,
                    "grade": complaint.grade,
                    "anger_score": complaint.anger_score,
                    "risks": complaint.risk_flags,
                },
            )
        super().__init__(*args, **kwargs)
        if complaint is not None:
            field = cast(forms.ModelChoiceField, self.fields["category"])
            field.queryset = Category.objects.filter(
                organisation_id=complaint.organisation_id, is_active=True
            ).order_by("sort_order", "code")

    @staticmethod
    def changes(data: dict[str, Any]) -> dict[str, Any]:
        """The cleaned form as complaint_classify's keywords: every flag set or cleared."""
        risks = set(data["risks"])
        return {
            "category": data["category"],
            "grade": data["grade"],
            "anger_score": data["anger_score"],
            "reason": data["reason"],
            **{f"risk_{flag.value}": flag.value in risks for flag in RiskFlag},
        }
