"""POST endpoint for handling records (investigation, steps, response, follow-up, receipt
confirmation, attachments): parse the form, call one service, return to the complaint."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.core.errors import DomainError

from ..detail import detail_context
from ..record_forms import RECORD_FORMS, record_form
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
@require_POST
def complaint_record(request: AuthenticatedHttpRequest, reference: str, kind: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    if kind not in RECORD_FORMS:
        raise Http404
    form = record_form(kind, complaint, request.POST, request.FILES)
    if form.is_valid():
        try:
            # The cleaned data carries the upload under its own field name (the form is
            # prefixed, so request.FILES holds it as "attachment-file").
            RECORD_FORMS[kind][2](complaint, request.user, form.cleaned_data)
        except DomainError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Saved: %(what)s.") % {"what": RECORD_FORMS[kind][0]})
            return redirect(complaint)
    else:
        messages.error(request, _("Please correct what is marked below; nothing was saved."))
    context = detail_context(request, complaint, record_forms={kind: form}, open_record=kind)
    return render(request, "complaints/detail.html", context, status=400)
