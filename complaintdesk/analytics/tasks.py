"""Background work of the management information, run by django_tasks workers."""

from datetime import date

from django_tasks import task

from complaintdesk.accounts.models import Organisation

from .models import ReportSubscription
from .reports import report_pack_send, report_release
from .spike_checks import spikes_check


@task()
def spikes_check_task(organisation_id: int, week_end: str) -> dict:
    """One organisation's week checked for recurring issues (queued by the beat on Monday)."""
    organisation = Organisation.objects.get(pk=organisation_id)
    raised = spikes_check(organisation, date.fromisoformat(week_end))
    return {"alerts": len(raised)}


@task()
def report_pack_task(subscription_id: int, start: str, end: str, before: str | None) -> bool:
    """One subscriber's pack for one period (queued by the beat once the period is over).
    A failed mail puts the period back as unsent for the next beat."""
    subscription = (
        ReportSubscription.objects.select_related("subscriber", "organisation")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return False
    try:
        return report_pack_send(subscription, date.fromisoformat(start), date.fromisoformat(end))
    except Exception:
        report_release(
            subscription_id, date.fromisoformat(end), date.fromisoformat(before) if before else None
        )
        raise
