"""POST endpoint for the approver's decision on a proposal beyond authority."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.authority.models import ApprovalRequest
from complaintdesk.authority.services import approval_decide
from complaintdesk.core.errors import DomainError

from ..detail import detail_again
from .common import AuthenticatedHttpRequest, complaint_or_404


@login_required
@require_POST
def approval_decide_view(
    request: AuthenticatedHttpRequest, reference: str, request_id: int
) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    approval = get_object_or_404(ApprovalRequest, pk=request_id, complaint=complaint)
    # Explicit or nothing: a POST that says neither is refused by the service, not a refusal.
    approve = {"approve": True, "refuse": False}.get(request.POST.get("decision", ""))
    reason = request.POST.get("reason", "")
    try:
        approval_decide(approval, request.user, approve=approve, reason=reason)
    except DomainError as error:
        return detail_again(
            request, reference, error, decision_draft={"approval": approval.pk, "reason": reason}
        )
    messages.success(request, _("Approved.") if approve else _("Refused."))
    return redirect(complaint)
