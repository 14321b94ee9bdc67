"""POST endpoints for handling records (investigation, steps, response, follow-up, receipt
confirmation, attachments): parse the form, call one service, return to the complaint."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from complaintdesk.accounts.roles import Capability
from complaintdesk.core.errors import DomainError

from .. import permissions, services
from ..choices import FINAL_STATUSES, Status
from ..forms import (
    AttachmentForm,
    ConfirmReceiptForm,
    FollowUpForm,
    InvestigationForm,
    ResponseForm,
    StepForm,
)

_AFTER_REPLY = {Status.REPLIED, Status.FOLLOWING_UP}

# kind: (title, form class, capability, statuses where offered (None: any open), service call)
RECORDS = {
    "investigation": (
        gettext_lazy("Record the investigation"),
        InvestigationForm,
        Capability.INVESTIGATE,
        None,
        lambda c, u, d, f: services.complaint_record_investigation(c, u, **d),
    ),
    "step": (
        gettext_lazy("Record a handling step"),
        StepForm,
        Capability.FOLLOW_UP,
        None,
        lambda c, u, d, f: services.complaint_record_step(c, u, d["step"], d["note"]),
    ),
    "response": (
        gettext_lazy("Record the complainant's response"),
        ResponseForm,
        Capability.FOLLOW_UP,
        _AFTER_REPLY,
        lambda c, u, d, f: services.complaint_record_response(c, u, d["response"], note=d["note"]),
    ),
    "follow_up": (
        gettext_lazy("Record a follow-up call"),
        FollowUpForm,
        Capability.FOLLOW_UP,
        _AFTER_REPLY,
        lambda c, u, d, f: services.complaint_record_follow_up(c, u, **d),
    ),
    "confirm_receipt": (
        gettext_lazy("Confirm the reply reached the complainant"),
        ConfirmReceiptForm,
        Capability.FOLLOW_UP,
        _AFTER_REPLY,
        lambda c, u, d, f: services.complaint_confirm_reply_receipt(c, u, note=d["note"]),
    ),
    "attachment": (
        gettext_lazy("Attach a file"),
        AttachmentForm,
        Capability.ADD_NOTE,
        None,
        lambda c, u, d, f: services.complaint_attach(c, u, f["file"], description=d["description"]),
    ),
}


def _form(kind, complaint, data=None, files=None):
    form_class = RECORDS[kind][1]
    kwargs = {"prefix": kind}
    if form_class is InvestigationForm:
        kwargs["complaint"] = complaint
    return form_class(data, files, **kwargs)


def record_forms(user, complaint, bound: dict | None = None) -> list[dict]:
    """The record forms this user is offered on this complaint (the services check again)."""
    if complaint.status in FINAL_STATUSES and complaint.status != Status.CLOSED:
        return []
    offered = []
    for kind, (title, _form_class, capability, statuses, _call) in RECORDS.items():
        if not permissions.has_capability(user, complaint, capability):
            continue
        if statuses is not None and complaint.status not in statuses:
            continue
        if complaint.status == Status.CLOSED and kind != "attachment":
            continue
        if kind == "confirm_receipt" and user.pk != complaint.received_by_id:
            continue
        form = (bound or {}).get(kind) or _form(kind, complaint)
        offered.append({"kind": kind, "title": title, "form": form})
    return offered


@login_required
@require_POST
def complaint_record(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    from .pages import complaint_or_404, detail_context

    complaint = complaint_or_404(request, reference)
    if kind not in RECORDS:
        raise Http404
    form = _form(kind, complaint, request.POST, request.FILES)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        try:
            RECORDS[kind][4](complaint, request.user, data, request.FILES)
        except DomainError as error:
            messages.error(request, error.message)
            for detail in error.details:
                messages.error(request, detail)
        else:
            messages.success(request, _("Saved: %(what)s.") % {"what": RECORDS[kind][0]})
            return redirect(complaint)
    context = detail_context(request, complaint, record_forms={kind: form}, open_record=kind)
    return render(request, "complaints/detail.html", context, status=400)
