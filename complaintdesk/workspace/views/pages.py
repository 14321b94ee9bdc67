"""The complaint page. Thin: parse, ask a selector, render."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from complaintdesk.complaints import services
from complaintdesk.core.errors import DomainError

from ..detail import detail_context
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
@require_POST
def complainant_identity_reveal(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """Show the identity document number on this page once; the service keeps who saw it."""
    complaint = complaint_or_404(request, reference)
    try:
        services.complainant_identity_reveal(complaint, request.user)
    except DomainError as error:
        report_error(request, error)
        return redirect(complaint)
    context = detail_context(request, complaint, reveal_identity=True)
    return render(request, "complaints/detail.html", context)


@login_required
def complaint_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    return render(request, "complaints/detail.html", detail_context(request, complaint))
