"""The triage on the staff's pages: a person's one-click answer to a suggestion on the
complaint page, and the suggestions the capture form offers while a complaint is typed.
Thin: parse, call the triage's service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from complaintdesk.complaints import permissions
from complaintdesk.core.errors import DomainError
from complaintdesk.triage.models import Field, TriageSuggestion
from complaintdesk.triage.selectors import capture_suggestion
from complaintdesk.triage.services import triage_again, triage_answer

from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
@require_POST
def complaint_triage_answer(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    suggestion = TriageSuggestion.objects.filter(complaint=complaint).first()
    field = request.POST.get("field", "")
    if suggestion is None or field not in Field.values:
        raise Http404
    try:
        triage_answer(suggestion, request.user, field, request.POST.get("value", ""))
    except DomainError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Recorded: %(what)s.") % {"what": Field(field).label})
    return redirect(f"{complaint.get_absolute_url()}#triage")


@login_required
@require_POST
def complaint_triage_again(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """Ask the triage to read the complaint as it stands now."""
    complaint = complaint_or_404(request, reference)
    try:
        triage_again(complaint, request.user)
    except DomainError as error:
        report_error(request, error)
    else:
        messages.success(request, _("The triage has read the complaint again."))
    return redirect(f"{complaint.get_absolute_url()}#triage")


@login_required
@require_GET
def capture_triage(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the triage makes of the capture form's subject and description so far, for the
    unit chosen (whose organisation's categories it names): asked for as the receiver types."""
    units = permissions.registration_units(request.user)
    unit = units.filter(pk=_number(request.GET.get("unit", ""))).first() or units.first()
    if unit is None:
        raise Http404
    text = f"{request.GET.get('subject', '')}\n{request.GET.get('description', '')}"[:4000]
    context = {"suggestion": capture_suggestion(unit.organisation_id, text)}
    return render(request, "complaints/_capture_triage.html", context)


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 18 else None
