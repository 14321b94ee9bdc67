"""Corrective and preventive actions: the list with a form to open one, and one action's page
(its complaints, done, cancelled, its effect and the review). Thin: parse, call the service,
render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.accounts.roles import MANAGING_ROLES
from complaintdesk.analytics.models import SpikeAlert
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import DomainError

from .forms import CapaCancelForm, CapaLinkForm, CapaOpenForm, CapaReviewForm
from .models import CorrectiveAction
from .selectors import capas_for, capas_open_first
from .services import (
    OPEN_FIELDS,
    capa_cancel,
    capa_done,
    capa_effect,
    capa_link,
    capa_open,
    capa_review,
    may_manage,
)


class _Request(HttpRequest):
    user: User  # login_required


def _managed_units(user: User) -> list[OrgUnit]:
    """The units where the person may open an action: those they manage and all below."""
    paths = [h.path for h in permissions.role_paths(user) if h.role in MANAGING_ROLES]
    return [u for u in OrgUnit.objects.order_by("path") if any(u.path.startswith(p) for p in paths)]


@login_required
@require_http_methods(["GET", "POST"])
def capa_list(request: _Request) -> HttpResponse:
    units = _managed_units(request.user)
    alert = None
    if request.GET.get("alert", "").isdigit() and units:
        alert = SpikeAlert.objects.filter(
            pk=request.GET["alert"], organisation_id=units[0].organisation_id
        ).first()
    form = CapaOpenForm(request.POST or None, units=units, alert=alert) if units else None
    if request.method == "POST" and form is not None and form.is_valid():
        values = {name: form.cleaned_data[name] for name in OPEN_FIELDS}
        try:
            action = capa_open(request.user, form.cleaned_data["unit"], **values)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            return redirect("prevention:detail", pk=action.pk)
    return render(
        request,
        "prevention/list.html",
        {"actions": capas_open_first(request.user), "form": form, "from_alert": alert},
    )


def _action_or_404(request: _Request, pk: int) -> CorrectiveAction:
    action = get_object_or_404(capas_for(request.user), pk=pk)
    return action


@login_required
def capa_detail(request: _Request, pk: int) -> HttpResponse:
    action = _action_or_404(request, pk)
    complaints = action.complaints.order_by("-received_at")
    return render(
        request,
        "prevention/detail.html",
        {
            "action": action,
            "complaints": [c for c in complaints if permissions.can_view(request.user, c)],
            "incidents": action.incidents.all(),
            "effect": capa_effect(action),
            "may_manage": may_manage(request.user, action.unit),
            "link_form": CapaLinkForm(),
            "review_form": CapaReviewForm(),
            "cancel_form": CapaCancelForm(),
        },
    )


@login_required
@require_POST
def capa_step(request: _Request, pk: int, step: str) -> HttpResponse:
    """done, cancel, link or review, each through its service."""
    action = _action_or_404(request, pk)
    try:
        if step == "done":
            capa_done(action, request.user)
        elif step == "cancel":
            form = CapaCancelForm(request.POST)
            capa_cancel(action, request.user, form.data.get("reason", ""))
        elif step == "link":
            reference = request.POST.get("reference", "").strip()
            complaint = Complaint.objects.filter(reference=reference).first()
            if complaint is None:
                raise Http404
            capa_link(action, complaint, request.user)
        elif step == "review":
            review = CapaReviewForm(request.POST)
            if not review.is_valid():
                messages.error(request, _("Say whether it worked and what the figures show."))
                return redirect("prevention:detail", pk=pk)
            capa_review(
                action,
                request.user,
                effective=review.cleaned_data["effective"],
                note=review.cleaned_data["note"],
            )
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved: %(what)s.") % {"what": action.title})
    return redirect("prevention:detail", pk=pk)
