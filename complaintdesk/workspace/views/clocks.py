"""POST endpoints of the complaint page's time-standards panel: extend a deadline (at once, or
by asking whoever the policy names), and that person's decision. A refusal re-renders the page
with what was typed, so no reason is lost."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.core.errors import DomainError
from complaintdesk.sla.models import ComplaintClock, ExtensionRequest, ExtensionStatus
from complaintdesk.sla.services import clock_extension_ask, extension_decide

from ..detail import detail_again
from .common import AuthenticatedHttpRequest, complaint_or_404


@login_required
@require_POST
def clock_extend_view(
    request: AuthenticatedHttpRequest, reference: str, clock_id: int
) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    clock = get_object_or_404(
        ComplaintClock.objects.select_related("rule"), pk=clock_id, complaint=complaint
    )
    reason = request.POST.get("reason", "")
    try:
        asked = clock_extension_ask(clock, request.user, reason, at=timezone.now())
    except DomainError as error:
        return detail_again(
            request, reference, error, extend_draft={"clock": clock.pk, "reason": reason}
        )
    if asked is None:
        messages.success(request, _("Deadline extended; the complainant is to be told."))
    else:
        messages.success(
            request,
            _("Asked a %(role)s to approve the extension; you will hear of the decision.")
            % {"role": asked.get_approval_role_display()},
        )
    return redirect(complaint)


@login_required
@require_POST
def extension_decide_view(
    request: AuthenticatedHttpRequest, reference: str, request_id: int
) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    asked = get_object_or_404(
        ExtensionRequest.objects.select_related("clock"), pk=request_id, complaint=complaint
    )
    # Explicit or nothing: a POST that says neither is refused by the service.
    approve = {"approve": True, "refuse": False}.get(request.POST.get("decision", ""))
    reason = request.POST.get("reason", "")
    try:
        decided = extension_decide(
            asked, request.user, approve=approve, reason=reason, at=timezone.now()
        )
    except DomainError as error:
        return detail_again(
            request, reference, error, decision_draft={"extension": asked.pk, "reason": reason}
        )
    done: dict[str, str] = {
        ExtensionStatus.APPROVED: _("Extension approved; the deadline has moved."),
        ExtensionStatus.REFUSED: _("Extension refused; the handler is told why."),
    }
    messages.success(
        request,
        done.get(
            decided.status,
            _("The deadline was met or extended meanwhile; nothing was changed."),
        ),
    )
    return redirect(complaint)
