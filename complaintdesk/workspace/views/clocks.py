"""POST endpoint of the complaint page's time-standards panel: extend a deadline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.core.errors import DomainError
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.sla.services import clock_extend

from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
@require_POST
def clock_extend_view(
    request: AuthenticatedHttpRequest, reference: str, clock_id: int
) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    clock = get_object_or_404(
        ComplaintClock.objects.select_related("rule"), pk=clock_id, complaint=complaint
    )
    try:
        clock_extend(clock, request.user, request.POST.get("reason", ""), at=timezone.now())
    except DomainError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Deadline extended; the complainant is to be told."))
    return redirect(complaint)
