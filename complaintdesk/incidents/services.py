"""Opening an incident, linking complaints to it, and the run that answers them all.

The run takes each linked complaint as far as the incident's handling allows, one step at a
time through the complaint's own services: started, investigated with the incident's findings,
the incident's remedy proposed, and replied to in the complainant's language. A step a
complaint refuses (an approval above a limit, a state someone moved it to) stops that complaint
there and says why on the incident's page; the others go on.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaintdesk.accounts.models import Organisation, User
from complaintdesk.accounts.roles import Capability
from complaintdesk.complaints import permissions, services
from complaintdesk.complaints.choices import OPEN_STATUSES, RemedyType, Status
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.policy_events import incident_event
from complaintdesk.core.errors import DomainError, GuardFailed, NotPermitted

from .models import Incident, IncidentComplaint, IncidentStatus

# The steps of a run, by the code a link keeps, named when read.
RUN_STEPS = {
    "assign": gettext_lazy("Assigned to the incident's owner"),
    "start": gettext_lazy("Investigation started"),
    "findings": gettext_lazy("Findings recorded"),
    "propose": gettext_lazy("Remedy proposed"),
    "reply": gettext_lazy("Replied"),
}

# Fields of the incident its owner or a manager edits: what is handled once.
HANDLING_FIELDS = (
    "title", "description", "owner", "findings", "responsibility", "root_cause",
    "remedy_type", "remedy_amount", "remedy_description", "reasons", "appeal_route",
    "reply_channel", "reply_zh_hans", "reply_zh_hant", "reply_en",
)  # fmt: skip


def may_manage_incidents(user: User, organisation_id: int) -> bool:
    """Managers of the organisation open incidents and run them."""
    return permissions.manages_in(user, organisation_id)


def _require_manager(user: User, incident: Incident) -> None:
    if incident.owner_id != user.pk and not may_manage_incidents(user, incident.organisation_id):
        raise NotPermitted(_("Only the incident's owner or a manager may do this."))


def incident_open(
    organisation: Organisation,
    by: User,
    *,
    title: str,
    description: str = "",
    owner: User | None = None,
    at: datetime | None = None,
) -> Incident:
    if not may_manage_incidents(by, organisation.pk):
        raise NotPermitted(_("Only managers may open an incident."))
    if not title.strip():
        raise GuardFailed(_("Give the incident a title."))
    return Incident.objects.create(
        organisation=organisation,
        title=title.strip(),
        description=description.strip(),
        owner=owner or by,
        created_by=by,
        created_at=at or timezone.now(),
    )


def incident_update(incident: Incident, by: User, **values) -> Incident:
    """What is handled once: the findings, the remedy, the reply in each language."""
    unknown = set(values) - set(HANDLING_FIELDS)
    if unknown:
        raise TypeError(f"Not editable here: {sorted(unknown)}")
    _require_manager(by, incident)
    for name, value in values.items():
        setattr(incident, name, value.strip() if isinstance(value, str) else value)
    incident.save()
    return incident


def incident_link(
    incident: Incident, complaint: Complaint, by: User, *, at: datetime | None = None
) -> IncidentComplaint:
    """Put a complaint under the incident: its handler or a manager who sees it may."""
    at = at or timezone.now()
    permissions.require_capability(by, complaint, Capability.INVESTIGATE)
    if complaint.organisation_id != incident.organisation_id:
        raise GuardFailed(_("The complaint belongs to another organisation."))
    if incident.status != IncidentStatus.OPEN:
        raise GuardFailed(_("The incident is resolved: open a new one."))
    if complaint.status not in OPEN_STATUSES:
        raise GuardFailed(_("A finished complaint cannot be linked."))
    try:
        with transaction.atomic():
            link = IncidentComplaint.objects.create(
                incident=incident, complaint=complaint, linked_by=by, linked_at=at
            )
            incident_event(complaint, by, at, linked=True, incident_id=incident.pk,
                           title=incident.title)  # fmt: skip
            services.complaint_activity_touch(complaint, at)
    except IntegrityError:
        raise GuardFailed(_("The complaint is linked to an incident already.")) from None
    return link


def incident_unlink(incident: Incident, complaint: Complaint, by: User) -> None:
    permissions.require_capability(by, complaint, Capability.INVESTIGATE)
    at = timezone.now()
    with transaction.atomic():
        deleted, _count = IncidentComplaint.objects.filter(
            incident=incident, complaint=complaint
        ).delete()
        if deleted:
            incident_event(complaint, by, at, linked=False, incident_id=incident.pk,
                           title=incident.title)  # fmt: skip


def incident_resolve(incident: Incident, by: User) -> Incident:
    _require_manager(by, incident)
    incident.status, incident.resolved_at = IncidentStatus.RESOLVED, timezone.now()
    incident.save(update_fields=["status", "resolved_at"])
    return incident


@dataclass
class RunReport:
    replied: list[str] = field(default_factory=list)
    # (reference, where it stopped and why)
    stopped: list[tuple[str, str]] = field(default_factory=list)


def incident_run(incident: Incident, by: User) -> RunReport:
    """Take every linked open complaint as far as the incident's handling allows; each link
    keeps what happened to its complaint."""
    _require_manager(by, incident)
    if not (incident.findings.strip() and incident.responsibility):
        raise GuardFailed(_("Record the incident's findings and responsibility first."))
    report = RunReport()
    links = incident.links.select_related("complaint")
    for link in links:
        complaint = link.complaint
        advance = _advance(incident, complaint, by)
        link.last_run_at, link.last_run_ok = timezone.now(), advance.replied
        link.last_run_steps, link.last_run_stopped_at = advance.steps, advance.stopped_at
        link.last_run_outcome = advance.why
        link.save(
            update_fields=[
                "last_run_at", "last_run_ok", "last_run_steps", "last_run_stopped_at",
                "last_run_outcome",
            ]
        )  # fmt: skip
        if advance.replied:
            report.replied.append(complaint.reference)
        else:
            text = run_outcome_text(
                advance.steps, advance.stopped_at, advance.why, complaint.get_status_display()
            )
            report.stopped.append((complaint.reference, text))
    return report


def _steps(incident: Incident, by: User) -> list[tuple[str, frozenset, Callable]]:
    """(the step's code in RUN_STEPS, the statuses it applies in, the call) in handling order."""

    def record_findings(complaint: Complaint) -> None:
        if not complaint.findings.strip():  # the handler's own findings stand
            services.complaint_record_investigation(
                complaint, by, findings=incident.findings,
                responsibility=incident.responsibility, root_cause=incident.root_cause,
            )  # fmt: skip

    def propose(complaint: Complaint) -> None:
        services.complaint_propose(
            complaint, by, remedy_type=incident.remedy_type or RemedyType.EXPLANATION,
            reasons=incident.reasons or incident.findings, amount=incident.remedy_amount,
            description=incident.remedy_description,
        )  # fmt: skip

    def reply(complaint: Complaint) -> None:
        services.complaint_reply(
            complaint, by, channel=incident.reply_channel,
            text=incident.reply_in(complaint.language), reasons=incident.reasons,
            appeal_route=incident.appeal_route,
        )  # fmt: skip

    return [
        ("assign", frozenset({Status.RECEIVED, Status.ACKNOWLEDGED}),
         lambda c: services.complaint_assign(c, by, incident.owner)),
        ("start", frozenset({Status.ASSIGNED, Status.REOPENED, Status.APPEAL}),
         lambda c: services.complaint_start_investigation(c, by)),
        ("findings", frozenset({Status.INVESTIGATING}), record_findings),
        ("propose", frozenset({Status.INVESTIGATING}), propose),
        ("reply", frozenset({Status.PROPOSED}), reply),
    ]  # fmt: skip


@dataclass(frozen=True)
class Advance:
    """How far one complaint got in a run."""

    replied: bool
    steps: list[str]
    # The step refused ("" if none; "state" when no step applies where the complaint stands).
    stopped_at: str = ""
    # The refusal, in the words of the service that refused it.
    why: str = ""


def run_outcome_text(steps: list[str], stopped_at: str, why: str, status_label: str) -> str:
    """A run's outcome for one complaint in the reader's language (the active one)."""
    done = " · ".join(str(RUN_STEPS.get(step, step)) for step in steps)
    if stopped_at == "state":
        return _("Not replied: the complaint is “%(status)s”.") % {"status": status_label}
    if stopped_at:
        step = RUN_STEPS.get(stopped_at, stopped_at)
        return _("Stopped before “%(step)s”: %(why)s") % {"step": step, "why": why}
    return done or _("Replied already")


def _advance(incident: Incident, complaint: Complaint, by: User) -> Advance:
    done: list[str] = []
    for code, statuses, call in _steps(incident, by):
        complaint.refresh_from_db()
        if complaint.status not in statuses:
            continue
        try:
            call(complaint)
        except DomainError as error:
            why = " ".join([error.message, *error.details])
            return Advance(False, done, code, why)
        done.append(code)
    complaint.refresh_from_db()
    if complaint.status in (Status.REPLIED, Status.FOLLOWING_UP, Status.CLOSED):
        return Advance(True, done)
    return Advance(False, done, "state")
