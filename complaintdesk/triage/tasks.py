"""Background work of the triage, run by django_tasks workers."""

from django_tasks import task

from complaintdesk.accounts.models import Organisation

from .learning import retrain


@task()
def triage_retrain_task(organisation_id: int) -> dict:
    """One organisation's models retrained from its confirmed labels (queued weekly by the
    beat); the new ones are used only if they beat those in use on held-back labels."""
    outcome = retrain(Organisation.objects.get(pk=organisation_id))
    return {"model": outcome.model.name if outcome.model else None, "outcome": outcome.reason}
