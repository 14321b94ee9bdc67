"""Which complaints this browser has opened with their tracking code: kept in the session, so
that the code travels once (in the link or the look-up form) and never sits in later URLs."""

from django.http import HttpRequest

from complaintdesk.complaints.models import Complaint

_KEY = "portal_tracking"
# A shared computer should not keep a list of someone's complaints for long.
_MAX = 10


def remember(request: HttpRequest, complaint: Complaint) -> None:
    opened = [pk for pk in request.session.get(_KEY, []) if pk != complaint.pk]
    request.session[_KEY] = [complaint.pk, *opened][:_MAX]


def opened(request: HttpRequest, reference: str) -> Complaint | None:
    """The complaint with this reference if this browser opened it with its code."""
    allowed = request.session.get(_KEY, [])
    if not allowed:
        return None
    return (
        Complaint.objects.select_related("organisation", "complainant")
        .filter(reference=reference.strip().upper(), pk__in=allowed)
        .first()
    )
