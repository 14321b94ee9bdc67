"""The queue and the complaint page. Thin: parse, ask a selector, render."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from complaintdesk.authority.selectors import approval_panel
from complaintdesk.core.errors import NotFound
from complaintdesk.sla.choices import ClockState
from complaintdesk.sla.selectors import clock_rows, policy_notes, rung_of

from .. import permissions, selectors
from ..choices import HandlingStep, Status
from ..events import EventKind
from ..forms import NoteForm, action_form
from ..models import Complaint
from ..transitions import Action


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    if status not in {"open", "final", ""} and status not in Status.values:
        status = "open"
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


def complaint_or_404(request: HttpRequest, reference: str) -> Complaint:
    """The complaint if this user may see it; 404 alike for missing and out of scope."""
    try:
        return selectors.complaint_get(request.user, reference)
    except NotFound as error:
        raise Http404(error.message) from error


@login_required
def complaint_detail(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    return render(request, "complaints/detail.html", detail_context(request, complaint))


def detail_context(request: HttpRequest, complaint: Complaint, **extra) -> dict:
    """Everything the complaint page shows; a failed action re-renders it with its form."""
    transitions = permissions.available_transitions(request.user, complaint)
    from .records import record_forms

    forms = extra.pop("forms", {})
    actions = [
        {
            "transition": transition,
            "form": forms.get(transition.action)
            or action_form(transition.action, complaint=complaint),
        }
        for transition in transitions
    ]
    clocks = clock_rows(complaint)
    return {
        "complaint": complaint,
        "complainant": selectors.complainant_card(request.user, complaint),
        "events": selectors.complaint_timeline(complaint),
        "event_kinds": dict(EventKind.choices),
        "status_labels": dict(Status.choices),
        "action_labels": dict(Action.choices),
        "step_labels": dict(HandlingStep.choices),
        "field_labels": {f.name: f.verbose_name for f in Complaint._meta.fields},
        "actions": actions,
        "note_form": extra.pop("note_form", None) or NoteForm(prefix="note"),
        "can_note": permissions.has_capability(request.user, complaint, "add_note"),
        "records": record_forms(request.user, complaint, extra.pop("record_forms", None)),
        "history": selectors.complainant_history(request.user, complaint),
        "attachments": complaint.attachments.all(),
        "replies": complaint.replies.select_related("sent_by", "receiver_confirmed_by"),
        "proposals": complaint.proposals.select_related("proposed_by"),
        "follow_ups": complaint.follow_ups.select_related("done_by"),
        "clocks": clocks,
        # Clock events on the timeline name clocks of this complaint: labels without a query.
        "clock_labels": {row.clock.name: row.label for row in clocks},
        "policy_notes": policy_notes(complaint),
        "can_extend": permissions.has_capability(request.user, complaint, "investigate"),
        "escalation_rung": rung_of(complaint),
        "approval": approval_panel(request.user, complaint),
        "can_route": any(t.action in (Action.ASSIGN, Action.REASSIGN) for t in transitions),
        **extra,
    }
