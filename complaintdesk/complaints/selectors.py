"""Reads of complaints. Queries, their joins and their indexes are decided here (habit 3).
The queue's reads are in queue_filters.py and queue_pages.py, named here too for the pages,
the API and the exports that read them."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.core.errors import NotFound
from complaintdesk.customers.selectors import mask

from . import permissions
from .choices import OPEN_STATUSES, EventKind, Visibility
from .models import Complaint, ComplaintEvent, Reply

# The queue's reads, named here as well (`x as x`: a deliberate re-export).
from .queue_filters import SLA_FILTERS as SLA_FILTERS
from .queue_filters import QueueFilters as QueueFilters
from .queue_filters import complaint_queue_matching as complaint_queue_matching
from .queue_filters import queue_status as queue_status
from .queue_pages import QUEUE_ORDER_NAMES as QUEUE_ORDER_NAMES
from .queue_pages import QUEUE_ORDERS as QUEUE_ORDERS
from .queue_pages import QUEUE_PAGE_SIZE as QUEUE_PAGE_SIZE
from .queue_pages import QueuePage as QueuePage
from .queue_pages import complaint_queue as complaint_queue
from .queue_pages import complaint_queue_in_order as complaint_queue_in_order
from .queue_pages import queue_cursor as queue_cursor


def complaint_get(user: User, reference: str) -> Complaint:
    """One complaint, or NotFound when it does not exist or lies outside the user's sight."""
    complaint = (
        Complaint.objects.select_related(
            "organisation",
            "unit",
            "received_unit",
            "site",
            "handler",
            "received_by",
            "complainant",
            "category",
            "root_cause",
            "responsible_unit",
            "merged_into",
        )
        .filter(reference=reference)
        .first()
    )
    if complaint is None or not permissions.can_view(user, complaint):
        raise NotFound(_("No such complaint."))
    return complaint


def complaint_timeline(complaint: Complaint) -> QuerySet:
    return (
        ComplaintEvent.objects.filter(complaint=complaint)
        .select_related("actor")
        .order_by("created_at", "id")
    )


# What the complainant sees of their complaint's history besides what was written for them:
# that it arrived, each change of its state and each new deadline they were given.
_ALWAYS_SHOWN_TO_COMPLAINANT = (EventKind.REGISTERED, EventKind.STATUS_CHANGED)


def complainant_timeline(complaint: Complaint) -> QuerySet:
    """The tracking page's history: never an internal note, an escalation or a name."""
    return ComplaintEvent.objects.filter(
        Q(visibility=Visibility.COMPLAINANT) | Q(kind__in=_ALWAYS_SHOWN_TO_COMPLAINANT),
        complaint=complaint,
    ).order_by("created_at", "id")


def complaint_replies(complaint: Complaint) -> dict[int, Reply]:
    return {reply.pk: reply for reply in Reply.objects.filter(complaint=complaint)}


def complainant_card(user: User, complaint: Complaint, *, reveal: bool = False) -> dict:
    """The complainant as this user may see them: contact data masked for roles that do not
    need it (domain.md, privacy); the identity document number masked for everyone until a
    role that may see it reveals it (`reveal`, after `complainant_identity_reveal` put that on
    the timeline)."""
    person = complaint.complainant
    sensitive = permissions.can_view_sensitive(user, complaint)
    revealed = sensitive and reveal

    def shown(value: str) -> str:
        return value if sensitive else mask(value)

    return {
        "name": person.name,
        "tier": person.get_tier_display(),
        "is_vip": person.is_vip,
        "phone": shown(person.phone),
        "email": shown(person.email),
        "address": shown(person.address),
        "id_document": person.get_id_document_type_display() if person.id_document_type else "",
        "id_document_number": person.id_document_number
        if revealed
        else mask(person.id_document_number),
        "can_reveal": sensitive and bool(person.id_document_number) and not revealed,
        "account_reference": person.account_reference,
        "sensitive_hidden": not sensitive,
        "complaint_count": person.complaints.count(),
    }


def complainant_history(user: User, complaint: Complaint, limit: int = 10) -> list[Complaint]:
    """The complainant's other complaints this user may see, newest first: so that nobody asks
    a returning complainant for what the organisation already knows."""
    return list(
        permissions.visible_complaints(user)
        .filter(complainant_id=complaint.complainant_id)
        .exclude(pk=complaint.pk)
        .only("reference", "subject", "status", "received_at")
        .order_by("-received_at", "-id")[:limit]
    )


def open_complaints_of(
    user: User, complainant_ids: list[int], *, per_complainant: int = 5
) -> dict[int, list[Complaint]]:
    """Each complainant's open complaints that this user may see, newest first, in one query
    for all of them (the capture page's look-up shows several people at once)."""
    found: dict[int, list[Complaint]] = {pk: [] for pk in complainant_ids}
    if not complainant_ids:
        return found
    rows = (
        permissions.visible_complaints(user)
        .filter(complainant_id__in=complainant_ids, status__in=OPEN_STATUSES)
        .only("reference", "subject", "status", "complainant_id")
        .order_by("-received_at", "-id")
    )
    for complaint in rows:
        if len(found[complaint.complainant_id]) < per_complainant:
            found[complaint.complainant_id].append(complaint)
    return found
