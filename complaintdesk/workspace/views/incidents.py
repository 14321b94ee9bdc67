"""Incidents: the list, one incident's page (what is handled once, its complaints and how far
each got), linking a complaint, and the run. Thin: parse, call the incidents service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints import permissions, selectors
from complaintdesk.core.errors import DomainError
from complaintdesk.incidents.models import Incident
from complaintdesk.incidents.selectors import incident_complaints, incidents_for
from complaintdesk.incidents.services import (
    HANDLING_FIELDS,
    incident_link,
    incident_open,
    incident_resolve,
    incident_run,
    incident_unlink,
    incident_update,
    may_manage_incidents,
)

from ..incident_forms import IncidentForm, IncidentLinkForm, IncidentOpenForm
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


def _incident_or_404(request: AuthenticatedHttpRequest, pk: int) -> Incident:
    incident = get_object_or_404(Incident.objects.select_related("owner"), pk=pk)
    if incident.organisation_id not in permissions.organisations_of(request.user):
        raise Http404
    return incident


@login_required
@require_http_methods(["GET", "POST"])
def incident_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = list(
        Organisation.objects.filter(pk__in=permissions.organisations_of(request.user))
    )
    managed = [o for o in organisations if may_manage_incidents(request.user, o.pk)]
    form = IncidentOpenForm(request.POST or None)
    if request.method == "POST" and managed and form.is_valid():
        try:
            incident = incident_open(managed[0], request.user, **form.cleaned_data)
        except DomainError as error:
            report_error(request, error)
        else:
            return redirect("incidents:detail", pk=incident.pk)
    context = {"incidents": incidents_for(request.user), "form": form, "may_open": bool(managed)}
    return render(request, "incidents/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def incident_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    incident = _incident_or_404(request, pk)
    form = IncidentForm(request.POST or None, instance=incident)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in HANDLING_FIELDS}
        try:
            incident_update(Incident.objects.get(pk=pk), request.user, **values)
        except DomainError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Saved: %(what)s.") % {"what": incident.title})
            return redirect("incidents:detail", pk=pk)
    links = incident_complaints(incident)
    # A link's complaint may lie outside the viewer's sight: named, not opened.
    visible = {
        link.complaint_id for link in links if permissions.can_view(request.user, link.complaint)
    }
    context = {
        "incident": incident,
        "form": form,
        "links": links,
        "visible": visible,
        "link_form": IncidentLinkForm(),
        "may_manage": incident.owner_id == request.user.pk
        or may_manage_incidents(request.user, incident.organisation_id),
    }
    return render(request, "incidents/detail.html", context)


@login_required
@require_POST
def incident_link_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Link a complaint by its reference, from the incident's page."""
    incident = _incident_or_404(request, pk)
    form = IncidentLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the complaint's reference."))
        return redirect("incidents:detail", pk=pk)
    try:
        complaint = selectors.complaint_get(request.user, form.cleaned_data["reference"].strip())
        incident_link(incident, complaint, request.user)
    except DomainError as error:
        report_error(request, error)
    return redirect("incidents:detail", pk=pk)


@login_required
@require_POST
def incident_unlink_view(
    request: AuthenticatedHttpRequest, pk: int, reference: str
) -> HttpResponse:
    incident = _incident_or_404(request, pk)
    complaint = complaint_or_404(request, reference)
    try:
        incident_unlink(incident, complaint, request.user)
    except DomainError as error:
        report_error(request, error)
    return redirect("incidents:detail", pk=pk)


@login_required
@require_POST
def incident_run_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    incident = _incident_or_404(request, pk)
    try:
        report = incident_run(incident, request.user)
    except DomainError as error:
        report_error(request, error)
        return redirect("incidents:detail", pk=pk)
    if report.replied:
        messages.success(
            request,
            ngettext(
                "Replied to %(count)d complainant.",
                "Replied to %(count)d complainants.",
                len(report.replied),
            )
            % {"count": len(report.replied)},
        )
    for reference, why in report.stopped:
        messages.warning(request, f"{reference}: {why}")
    return redirect("incidents:detail", pk=pk)


@login_required
@require_POST
def incident_resolve_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    incident = _incident_or_404(request, pk)
    try:
        incident_resolve(incident, request.user)
    except DomainError as error:
        report_error(request, error)
    return redirect("incidents:detail", pk=pk)


@login_required
@require_POST
def complaint_incident_link(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """From the complaint's page: join one of the organisation's open incidents."""
    complaint = complaint_or_404(request, reference)
    try:
        incident = _incident_or_404(request, int(request.POST.get("incident", "0")))
    except ValueError:
        raise Http404 from None
    try:
        incident_link(incident, complaint, request.user)
    except DomainError as error:
        report_error(request, error)
    return redirect(complaint)
