"""POST endpoint: let the assignment rules choose the handler of a complaint."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.core.errors import DomainError
from complaintdesk.routing.services import complaint_route

from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
@require_POST
def complaint_route_view(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    try:
        decision = complaint_route(complaint, request.user)
    except DomainError as error:
        report_error(request, error)
        return redirect(complaint)
    if decision is None:
        messages.warning(
            request,
            _(
                "No assignment rule chose a new handler: none matches, or nobody in its pool "
                "is available."
            ),
        )
    else:
        messages.success(
            request,
            _("Routed to %(handler)s by rule “%(rule)s”.")
            % {"handler": decision.handler, "rule": decision.rule.name},
        )
    return redirect(complaint)
