"""POST endpoints for lifecycle actions and notes: parse the form, call one service, go back
to the complaint page (or re-render it with what was wrong)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.accounts.models import User
from complaintdesk.complaints import selectors, services
from complaintdesk.complaints.choices import Visibility
from complaintdesk.complaints.models import Attachment, Complaint
from complaintdesk.complaints.transitions import Action, transition_for
from complaintdesk.core.errors import DomainError

from ..detail import detail_context
from ..forms import NoteForm, action_form
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


def _merge(complaint, user, data):
    into = selectors.complaint_get(user, data["into"].strip())
    return services.complaint_merge(complaint, user, into)


# Which service each action calls, with the form's cleaned data.
_CALLS: dict[str, Callable[[Complaint, User, dict[str, Any]], object]] = {
    Action.ACKNOWLEDGE: lambda c, u, d: services.complaint_acknowledge(c, u),
    Action.ASSIGN: lambda c, u, d: services.complaint_assign(c, u, d["handler"]),
    Action.REASSIGN: lambda c, u, d: services.complaint_reassign(c, u, d["handler"], d["reason"]),
    Action.START_INVESTIGATION: lambda c, u, d: services.complaint_start_investigation(c, u),
    Action.REQUEST_INFORMATION: lambda c, u, d: services.complaint_request_information(
        c, u, d["reason"]
    ),
    Action.RESUME: lambda c, u, d: services.complaint_resume(c, u),
    Action.PROPOSE: lambda c, u, d: services.complaint_propose(c, u, **d),
    Action.REPLY: lambda c, u, d: services.complaint_reply(c, u, **d),
    Action.START_FOLLOW_UP: lambda c, u, d: services.complaint_start_follow_up(c, u),
    Action.CLOSE: lambda c, u, d: services.complaint_close(c, u),
    Action.REOPEN: lambda c, u, d: services.complaint_reopen(c, u, d["reason"]),
    Action.APPEAL: lambda c, u, d: services.complaint_appeal(c, u, d["reason"]),
    Action.WITHDRAW: lambda c, u, d: services.complaint_withdraw(c, u, d["reason"]),
    Action.REJECT: lambda c, u, d: services.complaint_reject(c, u, d["reason"]),
    Action.MERGE: _merge,
}


@login_required
@require_POST
def complaint_action(
    request: AuthenticatedHttpRequest, reference: str, action: str
) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    if action not in _CALLS:
        raise Http404
    form = action_form(action, data=request.POST, complaint=complaint)
    if form is not None and not form.is_valid():
        messages.error(request, _("Please correct what is marked below; nothing was saved."))
        context = detail_context(request, complaint, forms={action: form}, open_action=action)
        return render(request, "complaints/detail.html", context, status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        _CALLS[action](complaint, request.user, data)
    except DomainError as error:
        report_error(request, error)
        complaint = complaint_or_404(request, reference)
        context = detail_context(request, complaint, forms={action: form}, open_action=action)
        return render(request, "complaints/detail.html", context, status=409)
    messages.success(
        request,
        _("Done: %(action)s.") % {"action": transition_for(action).label},
    )
    return redirect(complaint)


@login_required
@require_POST
def complaint_note(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        try:
            visibility = (
                Visibility.COMPLAINANT
                if form.cleaned_data["to_complainant"]
                else Visibility.INTERNAL
            )
            services.complaint_add_note(
                complaint,
                request.user,
                form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                visibility=visibility,
            )
        except DomainError as error:
            report_error(request, error)
        else:
            return redirect(complaint)
    context = detail_context(request, complaint, note_form=form)
    return render(request, "complaints/detail.html", context, status=400)


@login_required
def attachment_download(request: AuthenticatedHttpRequest, reference: str, pk: int) -> FileResponse:
    """Evidence is always a download: never rendered inline, never sniffed as HTML."""
    complaint = complaint_or_404(request, reference)
    attachment = get_object_or_404(Attachment, pk=pk, complaint=complaint)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
