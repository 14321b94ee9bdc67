"""What every workspace view shares: the signed-in request, finding the complaint, and telling
what a service refused."""

from django.contrib import messages
from django.http import Http404, HttpRequest

from complaintdesk.accounts.models import User
from complaintdesk.complaints import selectors
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import DomainError, NotFound


class AuthenticatedHttpRequest(HttpRequest):
    """For type checking only: the request a view behind login_required is given, whose user
    is signed in (never AnonymousUser)."""

    user: User


def complaint_or_404(request: AuthenticatedHttpRequest, reference: str) -> Complaint:
    """The complaint if this user may see it; 404 alike for missing and out of scope."""
    try:
        return selectors.complaint_get(request.user, reference)
    except NotFound as error:
        raise Http404(error.message) from error


def report_error(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, error.message)
    for detail in error.details:
        messages.error(request, detail)
