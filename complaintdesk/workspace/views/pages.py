"""The queue and the complaint page. Thin: parse, ask a selector, render."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from complaintdesk.complaints import selectors, services
from complaintdesk.complaints.choices import Status
from complaintdesk.core.errors import DomainError
from complaintdesk.sla.choices import ClockState

from ..detail import detail_context
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
def complaint_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = selectors.queue_status(request.GET.get("status", "open"))
    sla = request.GET.get("sla", "")
    order = request.GET.get("order", "received")
    page = selectors.complaint_queue(
        request.user,
        status=status,
        search=request.GET.get("q", ""),
        sla=sla,
        order=order,
        cursor=request.GET.get("cursor", ""),
    )
    context = {
        "page": page,
        "status": status,
        "search": request.GET.get("q", ""),
        "sla": sla,
        "order": order,
        "statuses": Status.choices,
        "sla_states": [(state, ClockState(state).label) for state in selectors.SLA_FILTERS],
    }
    # "Load more" (htmx) asks only for the next rows.
    partial = request.headers.get("HX-Request") == "true" and request.GET.get("cursor")
    template = "complaints/_queue_rows.html" if partial else "complaints/list.html"
    return render(request, template, context)


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
