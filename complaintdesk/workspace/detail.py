"""Everything the complaint page shows, composed from the selectors of every app."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from complaintdesk.accounts.roles import Capability
from complaintdesk.analytics.executive import executive_reads_panel
from complaintdesk.authority.selectors import approval_panel
from complaintdesk.complaints import permissions, selectors
from complaintdesk.complaints.checklists import handling_steps
from complaintdesk.complaints.choices import OPEN_STATUSES, Status
from complaintdesk.complaints.guards import closing_checks
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.transitions import Action, transition_for
from complaintdesk.core.errors import DomainError
from complaintdesk.handling_tasks.selectors import tasks_of
from complaintdesk.incidents.selectors import incident_of, open_incidents_of
from complaintdesk.sla.selectors import clock_rows, extensions_pending, policy_notes, rung_of
from complaintdesk.triage.selectors import triage_panel

from .forms import NoteForm, action_form
from .letter_forms import COMPOSABLE
from .record_forms import record_forms
from .task_forms import TaskAskForm, TaskCloseForm
from .timeline import timeline_entries
from .timeline_filters import TIMELINE_FILTERS, entries_shown
from .views.common import AuthenticatedHttpRequest, complaint_or_404, report_error

CLOSING_SOON = (Status.REPLIED, Status.FOLLOWING_UP)


def detail_context(
    request: AuthenticatedHttpRequest, complaint: Complaint, **extra: Any
) -> dict[str, Any]:
    """The page's context; a refused action or record re-renders it with its bound form."""
    user = request.user
    transitions = permissions.available_transitions(user, complaint)
    forms = extra.pop("forms", {})
    actions = [
        {
            "transition": transition,
            "form": forms.get(transition.action)
            or action_form(transition.action, complaint=complaint),
        }
        for transition in transitions
    ]
    # A form posted from a page that was stale (the complaint moved meanwhile) is shown again
    # with what was typed, marked as not possible now, so nothing typed is lost.
    offered = {transition.action for transition in transitions}
    actions += [
        {"transition": transition_for(action), "form": form, "stale": True}
        for action, form in forms.items()
        if action not in offered and form is not None
    ]
    can_investigate = permissions.has_capability(user, complaint, Capability.INVESTIGATE)
    clocks = clock_rows(complaint)
    pending = extensions_pending(user, complaint, clocks)
    clock_labels = {row.clock.name: row.label for row in clocks}
    events = list(selectors.complaint_timeline(complaint))
    shown = request.GET.get("timeline", "all")
    return {
        "complaint": complaint,
        "complainant": selectors.complainant_card(
            user, complaint, reveal=extra.pop("reveal_identity", False)
        ),
        "entries": entries_shown(timeline_entries(complaint, events, clock_labels), shown),
        "timeline_filters": TIMELINE_FILTERS,
        "timeline_filter": shown if shown in TIMELINE_FILTERS else "all",
        "steps": handling_steps(complaint, events),
        "nobody_handles": complaint.handler_id is None and complaint.status in OPEN_STATUSES,
        # What closing needs, from the reply on (before it, the reply is the next thing to do).
        "closing": closing_checks(complaint) if complaint.status in CLOSING_SOON else [],
        "actions": actions,
        "note_form": extra.pop("note_form", None) or NoteForm(prefix="note"),
        "can_note": permissions.has_capability(user, complaint, Capability.ADD_NOTE),
        "can_edit_complainant": permissions.may_edit_complainant(user, complaint),
        "letters": complaint.letters.all(),
        "can_write": permissions.has_capability(user, complaint, Capability.FOLLOW_UP),
        "composable": COMPOSABLE,
        "records": record_forms(user, complaint, extra.pop("record_forms", None)),
        "history": selectors.complainant_history(user, complaint),
        "attachments": complaint.attachments.all(),
        "replies": complaint.replies.select_related("sent_by", "receiver_confirmed_by"),
        "proposals": complaint.proposals.select_related("proposed_by"),
        "follow_ups": complaint.follow_ups.select_related("done_by"),
        "clocks": clocks,
        "policy_notes": policy_notes(complaint),
        "can_extend": can_investigate,
        "extensions_pending": pending,
        "asked_clocks": {row.request.clock_id for row in pending},
        "escalation_rung": rung_of(complaint),
        "executive_reads": executive_reads_panel(user, complaint),
        "triage": triage_panel(user, complaint),
        "approval": approval_panel(user, complaint),
        "tasks": tasks_of(complaint),
        "incident": incident_of(complaint),
        "open_incidents": open_incidents_of(complaint) if can_investigate else [],
        "task_form": extra.pop("task_form", None) or TaskAskForm(complaint=complaint),
        "can_ask_task": can_investigate and complaint.status in OPEN_STATUSES,
        "can_investigate": can_investigate,
        "task_close_form": TaskCloseForm(),
        "now": timezone.now(),
        "can_route": any(t.action in (Action.ASSIGN, Action.REASSIGN) for t in transitions),
        **extra,
    }


def detail_again(
    request: AuthenticatedHttpRequest, reference: str, error: DomainError, **drafts: Any
) -> HttpResponse:
    """The complaint page once more, as it stands now, with why the service said no and what
    the person typed (`drafts`) back in its form: a refusal never costs them their words."""
    report_error(request, error)
    complaint = complaint_or_404(request, reference)
    context = detail_context(request, complaint, **drafts)
    return render(request, "complaints/detail.html", context, status=409)
