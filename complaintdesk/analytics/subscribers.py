"""The roll-up follows every change to a complaint, in the change's own transaction."""

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
from complaintdesk.sla.hooks import ClockBreached

from .services import tallies_refresh, tally_refresh


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


def connect() -> None:
    for event_type in (ComplaintRegistered, ComplaintClassified, RecordWritten, ComplainantWrote):
        subscribe(event_type, on_changed)
    subscribe(ComplaintMoved, on_moved)
    subscribe(ComplaintsImported, on_imported)
    subscribe(ClockBreached, on_breached)
