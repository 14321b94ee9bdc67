"""The triage reads every complaint as it is registered, whatever the channel, in the
registration's transaction (a fraction of a millisecond and one row), and the still-open
complaints of a history import; the minute's beat queues the weekly retraining."""

import logging

from django.db import transaction
from django.utils import timezone

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.hooks import ComplaintRegistered, ComplaintsImported
from complaintdesk.core.hooks import subscribe
from complaintdesk.core.zones import zone_named
from complaintdesk.sla.hooks import SweepRan

from .schedule import retrain_claim
from .services import triage_on_import, triage_on_intake
from .tasks import triage_retrain_task

logger = logging.getLogger(__name__)


def on_registered(event: ComplaintRegistered) -> None:
    """In a savepoint of its own: a suggestion that fails (a model file unreadable) is
    logged and missing, and the complaint is taken all the same; a person can ask for one
    later from its page."""
    try:
        with transaction.atomic():
            triage_on_intake(event.complaint, event.at)
    except Exception:
        logger.exception("triage failed for complaint %s", event.complaint.pk)


def on_imported(event: ComplaintsImported) -> None:
    try:
        with transaction.atomic():
            triage_on_import(event.complaints, timezone.now())
    except Exception:
        logger.exception("triage failed for an import of %s complaints", len(event.complaints))


def on_sweep(event: SweepRan) -> None:
    """Once a week per organisation with new labels, its models are retrained."""
    queued = 0
    for organisation in Organisation.objects.all():
        today = event.now.astimezone(zone_named(organisation.time_zone)).date()
        if retrain_claim(organisation, today):
            triage_retrain_task.enqueue(organisation.pk)
            queued += 1
    event.report["triage_retrains_queued"] = queued


def connect() -> None:
    subscribe(SweepRan, on_sweep)
    subscribe(ComplaintRegistered, on_registered)
    subscribe(ComplaintsImported, on_imported)
