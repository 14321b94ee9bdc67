"""The capture page: a receiver takes down a call, a visit or a letter. Thin: parse, call the
capture service, read the reference and due times out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from complaintdesk.accounts.models import User
from complaintdesk.complaints import permissions, selectors, services
from complaintdesk.core.errors import DomainError
from complaintdesk.customers.models import Complainant
from complaintdesk.customers.selectors import complainant_search, mask

from ..capture_forms import CaptureForm
from ..readout import readout
from .common import AuthenticatedHttpRequest, report_error


def _organisations(request: AuthenticatedHttpRequest) -> set[int]:
    return set(
        permissions.registration_units(request.user).values_list("organisation_id", flat=True)
    )


@login_required
def complaint_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.may_register(request.user):
        raise Http404(_("You may not register complaints."))
    form = CaptureForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                complaint = services.complaint_capture(by=request.user, **form.record())
            except DomainError as error:
                report_error(request, error)
            else:
                messages.success(request, readout(complaint))
                return redirect(complaint)
        else:
            messages.error(request, _("Please correct what is marked below; nothing was saved."))
    status = 400 if request.method == "POST" else 200
    return render(request, "complaints/new.html", {"form": form}, status=status)


def _cards(user: User, people: list[Complainant]) -> list[dict]:
    """The complainants as the look-up shows them: contacts masked, with the open complaints of
    theirs that this user may see (a reference out of sight is not shown)."""
    open_complaints = selectors.open_complaints_of(user, [person.pk for person in people])
    return [
        {
            "person": person,
            "phone": mask(person.phone),
            "email": mask(person.email),
            "open": open_complaints[person.pk],
        }
        for person in people
    ]


@login_required
@require_GET
def complainant_lookup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """As the receiver types: matching complainants, their contacts masked, with their open
    complaints so that a second call about the same thing joins the first."""
    people = complainant_search(_organisations(request), request.GET.get("q", ""))
    return render(request, "complaints/_lookup.html", {"cards": _cards(request.user, people)})


@login_required
@require_GET
def complainant_pick(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = Complainant.objects.filter(pk=pk, organisation_id__in=_organisations(request)).first()
    if person is None:
        raise Http404(_("No such complainant."))
    (card,) = _cards(request.user, [person])
    return render(request, "complaints/_chosen.html", {"card": card})
