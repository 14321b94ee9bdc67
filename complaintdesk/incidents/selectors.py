"""Reads of incidents: the organisation's incidents, one incident's complaints, and the open
incidents a complaint could join."""

from django.db.models import Count, QuerySet

from complaintdesk.accounts.models import User
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Complaint

from .models import Incident, IncidentComplaint, IncidentStatus


def incidents_for(user: User) -> QuerySet:
    """The incidents of the organisations where the user holds a role, open ones first."""
    organisations = permissions.organisations_of(user)
    return (
        Incident.objects.filter(organisation_id__in=organisations)
        .select_related("owner")
        .annotate(complaints=Count("links"))
        .order_by("status", "-created_at", "-id")
    )


def incident_complaints(incident: Incident) -> list[IncidentComplaint]:
    return list(
        incident.links.select_related(
            "complaint__complainant", "complaint__handler", "complaint__unit"
        )
    )


def open_incidents_of(complaint: Complaint) -> list[Incident]:
    return list(
        Incident.objects.filter(
            organisation_id=complaint.organisation_id, status=IncidentStatus.OPEN
        ).order_by("-created_at")[:50]
    )


def incident_of(complaint: Complaint) -> Incident | None:
    link = IncidentComplaint.objects.filter(complaint=complaint).select_related("incident").first()
    return link.incident if link else None
