"""Routing follows the complaint: an organisation that opts in has each new complaint routed
the moment it is registered."""

from complaintdesk.complaints.hooks import ComplaintRegistered
from complaintdesk.core.errors import NotFound, NotPermitted, TransitionNotAllowed
from complaintdesk.core.hooks import subscribe

from .services import complaint_route


def on_registered(event: ComplaintRegistered) -> None:
    """After the registration's transaction block: a routing that fails or finds no rule
    never loses the complaint, which waits in the queue for a manager to route it."""
    complaint = event.complaint
    if not complaint.organisation.route_new_complaints or event.by is None:
        # A complaint the complainant sent in themselves has nobody whose right to assign
        # routing could use: it waits in its unit's queue for a receiver or manager.
        return
    try:
        complaint_route(complaint, event.by, at=event.at)
    except (NotPermitted, NotFound, TransitionNotAllowed):
        return  # the receiver may not assign here; a manager routes it from the queue


def connect() -> None:
    subscribe(ComplaintRegistered, on_registered, after=True)
