"""The handling-record forms of the complaint page and the service each one calls.

Which record may be written, by whom and in which state is the domain's table
(`complaints.record_rules`); this module only maps each writable record to its form.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from complaintdesk.accounts.models import User
from complaintdesk.complaints import services
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.record_rules import Record, records_writable

from .forms import (
    AttachmentForm,
    ClassificationForm,
    ConfirmReceiptForm,
    FollowUpForm,
    InvestigationForm,
    ResponseForm,
    StepForm,
)

Call = Callable[[Complaint, User, dict[str, Any]], Any]

# record: (title, form class, service call with the form's cleaned data, uploads included)
RECORD_FORMS: dict[str, tuple[Promise, type[forms.Form], Call]] = {
    Record.CLASSIFICATION: (
        gettext_lazy("Change the classification"),
        ClassificationForm,
        lambda c, u, d: services.complaint_classify(c, u, **ClassificationForm.changes(d)),
    ),
    Record.INVESTIGATION: (
        gettext_lazy("Record the investigation"),
        InvestigationForm,
        lambda c, u, d: services.complaint_record_investigation(c, u, **d),
    ),
    Record.STEP: (
        gettext_lazy("Record a handling step"),
        StepForm,
        lambda c, u, d: services.complaint_record_step(c, u, d["step"], d["note"]),
    ),
    Record.RESPONSE: (
        gettext_lazy("Record the complainant's response"),
        ResponseForm,
        lambda c, u, d: services.complaint_record_response(c, u, d["response"], note=d["note"]),
    ),
    Record.FOLLOW_UP: (
        gettext_lazy("Record a follow-up call"),
        FollowUpForm,
        lambda c, u, d: services.complaint_record_follow_up(c, u, **d),
    ),
    Record.CONFIRM_RECEIPT: (
        gettext_lazy("Confirm the reply reached the complainant"),
        ConfirmReceiptForm,
        lambda c, u, d: services.complaint_confirm_reply_receipt(c, u, **d),
    ),
    Record.ATTACHMENT: (
        gettext_lazy("Attach a file"),
        AttachmentForm,
        lambda c, u, d: services.complaint_attach(c, u, d["file"], description=d["description"]),
    ),
}


def record_form(kind: str, complaint: Complaint, data=None, files=None) -> forms.Form:
    form_class = RECORD_FORMS[kind][1]
    kwargs: dict[str, Any] = {"prefix": kind}
    if form_class in (InvestigationForm, ClassificationForm):
        kwargs["complaint"] = complaint
    return form_class(data, files, **kwargs)


def record_forms(user: User, complaint: Complaint, bound: dict | None = None) -> list[dict]:
    """The record forms the domain's table lets this user write now (the services check
    again), in the page's order."""
    writable = records_writable(user, complaint)
    bound = bound or {}
    # A record posted from a stale page is shown again, with what was typed, though it cannot
    # be written now: the refusal message says why.
    return [
        {
            "kind": kind,
            "title": title,
            "form": bound.get(kind) or record_form(kind, complaint),
            "stale": kind not in writable,
        }
        for kind, (title, _form_class, _call) in RECORD_FORMS.items()
        if kind in writable or kind in bound
    ]
