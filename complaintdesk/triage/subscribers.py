"""The triage reads every complaint as it is registered, whatever the channel, in the
registration's transaction (a fraction of a millisecond and one row), and the still-open
complaints of a history import."""

from django.utils import timezone

from complaintdesk.complaints.hooks import ComplaintRegistered, ComplaintsImported
from complaintdesk.core.hooks import subscribe

from .services import triage_on_import, triage_on_intake


def on_registered(event: ComplaintRegistered) -> None:
    triage_on_intake(event.complaint, event.at)


def on_imported(event: ComplaintsImported) -> None:
    triage_on_import(event.complaints, timezone.now())


def connect() -> None:
    subscribe(ComplaintRegistered, on_registered)
    subscribe(ComplaintsImported, on_imported)
