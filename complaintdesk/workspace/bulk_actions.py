"""A manager's moves on many complaints of the queue at once: each complaint goes through the
same service as on its own page, in its own transaction, so one refusal (a state that moved
on, a complaint outside the manager's sight) never holds back or undoes the others."""

from dataclasses import dataclass, field
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import User
from complaintdesk.complaints import permissions, selectors, services
from complaintdesk.complaints.transitions import Action
from complaintdesk.core.errors import DomainError
from complaintdesk.core.widgets import quick_selects
from complaintdesk.routing.services import complaint_route

# At most this many complaints per request: a page of the queue, and then some.
BULK_MAX = 200
BULK_ACTIONS = [
    (Action.ASSIGN, _("Assign to")),
    (Action.REASSIGN, _("Reassign to")),
    ("route", _("Route by the assignment rules")),
]


def may_act_in_bulk(user: User) -> bool:
    """Managers, whose role lets them assign and reassign, see the queue's bulk actions."""
    return permissions.manages_in(user)


class BulkForm(forms.Form):
    action = forms.ChoiceField(label=_("With the chosen complaints"), choices=BULK_ACTIONS)
    handler = forms.TypedChoiceField(label=_("Handler"), coerce=int, required=False)
    reason = forms.CharField(
        label=_("Reason (for a reassignment)"), required=False, max_length=2000,
        widget=forms.TextInput(),
    )  # fmt: skip
    reference = forms.MultipleChoiceField(required=True)

    def __init__(self, *args, handlers: list[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The queue's own list of handlers in sight, already read: no query of its own.
        self.people = {user.pk: user for user in handlers}
        handler = cast(forms.TypedChoiceField, self.fields["handler"])
        handler.choices = [("", "—"), *((user.pk, str(user)) for user in handlers)]
        # Any reference may be posted; the services decide which the user may move.
        chosen = self.data.getlist("reference") if hasattr(self.data, "getlist") else []
        references = cast(forms.MultipleChoiceField, self.fields["reference"])
        references.choices = [(r, r) for r in chosen[:BULK_MAX]]
        quick_selects(self.fields)

    def clean_handler(self) -> User | None:
        chosen = self.cleaned_data.get("handler")
        return self.people.get(chosen) if isinstance(chosen, int) else None

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("action") in (Action.ASSIGN, Action.REASSIGN) and not data.get("handler"):
            self.add_error("handler", _("Choose who handles them."))
        if data.get("action") == Action.REASSIGN and not (data.get("reason") or "").strip():
            self.add_error("reason", _("A reassignment needs a reason."))
        return data


@dataclass
class BulkOutcome:
    done: list[str] = field(default_factory=list)
    # (reference, why not)
    refused: list[tuple[str, str]] = field(default_factory=list)


def bulk_apply(user: User, data: dict) -> BulkOutcome:
    outcome = BulkOutcome()
    for reference in data["reference"]:
        try:
            complaint = selectors.complaint_get(user, reference)
            if data["action"] == "route":
                if complaint_route(complaint, user) is None:
                    outcome.refused.append(
                        (reference, str(_("No assignment rule chose a handler.")))
                    )
                    continue
            else:
                move = {"handler": data["handler"], "reason": data.get("reason", "")}
                services.complaint_move(complaint, user, data["action"], move)
        except DomainError as error:
            outcome.refused.append((reference, " ".join([error.message, *error.details])))
        else:
            outcome.done.append(reference)
    return outcome
