"""Background work of the management information, run by django_tasks workers."""

from datetime import date

from django_tasks import task

from complaintdesk.accounts.models import Organisation

from .spike_checks import spikes_check


@task()
def spikes_check_task(organisation_id: int, week_end: str) -> dict:
    """One organisation's week checked for recurring issues (queued by the beat on Monday)."""
    organisation = Organisation.objects.get(pk=organisation_id)
    raised = spikes_check(organisation, date.fromisoformat(week_end))
    return {"alerts": len(raised)}
