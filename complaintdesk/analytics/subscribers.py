"""The roll-up follows every change to a complaint, in the change's own transaction; the
minute beat queues the weekly check for recurring issues."""

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.hooks import (
    ComplainantWrote,
    ComplaintClassified,
    ComplaintMoved,
    ComplaintRegistered,
    ComplaintsImported,
    RecordWritten,
)
from complaintdesk.core.hooks import subscribe
from complaintdesk.core.zones import zone_named
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.sla.hooks import ClockBreached, SweepRan

from .messages import recurring_issue
from .models import ReportSubscription
from .reports import period_due, report_claim
from .services import tallies_refresh, tally_refresh
from .spike_checks import last_complete_week, spikes_claim_week
from .tasks import report_pack_task, spikes_check_task


def on_changed(
    event: ComplaintRegistered | ComplaintClassified | RecordWritten | ComplainantWrote,
) -> None:
    # A registration is not taken to be the complaint's first count: a policy may have moved
    # it before this runs (the executive office's entry climbs the ladder at once).
    tally_refresh(event.complaint)


def on_moved(event: ComplaintMoved) -> None:
    tally_refresh(event.complaint, appealed=event.complaint.status == Status.APPEAL)


def on_imported(event: ComplaintsImported) -> None:
    tallies_refresh(event.complaints)


def on_breached(event: ClockBreached) -> None:
    tally_refresh(event.complaint, breached=True)


def on_sweep(event: SweepRan) -> None:
    """Once a week has ended where an organisation is, its check is queued, once."""
    queued = 0
    for organisation in Organisation.objects.all():
        today = event.now.astimezone(zone_named(organisation.time_zone)).date()
        week_end = last_complete_week(today)
        if spikes_claim_week(organisation, week_end):
            spikes_check_task.enqueue(organisation.pk, week_end.isoformat())
            queued += 1
    event.report["spike_checks_queued"] = queued
    event.report["report_packs_queued"] = _reports_due(event)


def _reports_due(event: SweepRan) -> int:
    """Each subscriber's past week or month, once it is over where their organisation is."""
    queued = 0
    for subscription in ReportSubscription.objects.select_related("organisation"):
        today = event.now.astimezone(zone_named(subscription.organisation.time_zone)).date()
        period = period_due(subscription, today)
        if period is not None and report_claim(subscription, period[1]):
            before = subscription.last_sent_until
            report_pack_task.enqueue(
                subscription.pk,
                period[0].isoformat(),
                period[1].isoformat(),
                before.isoformat() if before else None,
            )
            queued += 1
    return queued


def connect() -> None:
    message_register(NotificationKind.RECURRING_ISSUE, recurring_issue)
    subscribe(SweepRan, on_sweep)
    for event_type in (ComplaintRegistered, ComplaintClassified, RecordWritten, ComplainantWrote):
        subscribe(event_type, on_changed)
    subscribe(ComplaintMoved, on_moved)
    subscribe(ComplaintsImported, on_imported)
    subscribe(ClockBreached, on_breached)
