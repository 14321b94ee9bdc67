"""POST endpoints for lifecycle actions and notes: parse the form, call one service, go back
to the complaint page (or re-render it with what was wrong)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Visibility
from complaintdesk.complaints.models import Attachment
from complaintdesk.complaints.transitions import transition_for
from complaintdesk.core.errors import DomainError

from ..detail import detail_context
from ..forms import NoteForm, action_form
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
@require_POST
def complaint_action(
    request: AuthenticatedHttpRequest, reference: str, action: str
) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    if action not in services.MOVES:
        raise Http404
    form = action_form(action, data=request.POST, complaint=complaint)
    if form is not None and not form.is_valid():
        messages.error(request, _("Please correct what is marked below; nothing was saved."))
        context = detail_context(request, complaint, forms={action: form}, open_action=action)
        return render(request, "complaints/detail.html", context, status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        services.complaint_move(complaint, request.user, action, data)
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
