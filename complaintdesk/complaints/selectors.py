"""Reads of complaints. Queries, their joins and their indexes are decided here (habit 3)."""

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import OrgUnit, UnitKind, User, subtree_q
from complaintdesk.core.errors import NotFound
from complaintdesk.customers.models import Complainant, digits_of
from complaintdesk.customers.selectors import mask
from complaintdesk.search.selectors import matching_ids

from . import permissions
from .choices import FINAL_STATUSES, OPEN_STATUSES, EventKind, RiskFlag, Status, Visibility
from .keyset import Position, keyset_page
from .models import Complaint, ComplaintEvent, Reply
from .queues import queue_view_q

QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class QueuePage:
    rows: list[Complaint]
    next_cursor: str | None


# Orders a queue can take, by the column sorted on: newest arrival, latest activity (what
# someone touched last), or the deadline. "due" is the stored
# summary of the complaint's clocks (sla app), so "overdue first" costs no computation per row;
# complaints with no running deadline (paused, replied…) follow, newest first, so that every
# order reaches every complaint of its filter.
QUEUE_ORDERS = {"received": "received_at", "due": "sla_due_at", "activity": "last_activity_at"}
# Read newest first; the deadline order is the one read earliest first.
_NEWEST_FIRST = ("received_at", "last_activity_at")
SLA_FILTERS = ("breached", "warning", "running", "paused")


def queue_cursor(complaint: Complaint, column: str) -> str:
    """The cursor of the page that follows `complaint` in the order of `column`."""
    raw = f"{column}|{getattr(complaint, column).isoformat()}|{complaint.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _decode_cursor(cursor: str, default_column: str) -> Position | None:
    """The position a cursor names, or None for anything that is not one of ours: a crafted
    cursor starts the queue from the top, it never fails the page."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        parts = raw.split("|")
        column = parts[0] if len(parts) == 3 else default_column
        moment = parse_datetime(parts[-2])
        pk = int(parts[-1])
        if moment is None or column not in QUEUE_ORDERS.values() or pk < 0:
            return None
        # An instant the databases cannot hold (year 1 east of UTC, 9999 west of it).
        moment.astimezone(UTC)
        return Position(column, moment, pk)
    except (ValueError, UnicodeDecodeError, OverflowError, IndexError, binascii.Error):
        return None


@dataclass(frozen=True)
class QueueFilters:
    """The narrower filters of a queue, the page's and the API's: each empty one filters
    nothing. `view` is a queues.QueueView (mine, unassigned…); `unit` a unit code, its subtree
    included; `site` a site's code; `risk` a RiskFlag."""

    view: str = ""
    unit: str = ""
    site: str = ""
    handler_id: int | None = None
    category: str = ""
    grade: str = ""
    channel: str = ""
    risk: str = ""
    received_from: datetime | None = None
    received_to: datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.unit:
            paths = list(OrgUnit.objects.filter(code=self.unit).values_list("path", flat=True))
            subtree = Q(pk__in=[])
            for path in paths:
                subtree |= subtree_q("unit_path", path)
            queryset = queryset.filter(subtree)
        if self.site:
            # The site concerned, or the site where the complaint is handled.
            sites = list(
                OrgUnit.objects.filter(code=self.site, kind=UnitKind.SITE).values_list(
                    "pk", flat=True
                )
            )
            queryset = queryset.filter(Q(site_id__in=sites) | Q(unit_id__in=sites))
        if self.handler_id is not None:
            queryset = queryset.filter(handler_id=self.handler_id)
        if self.category:
            queryset = queryset.filter(category__code=self.category)
        for field in ("grade", "channel"):
            if getattr(self, field):
                queryset = queryset.filter(**{field: getattr(self, field)})
        if self.risk in RiskFlag.values:
            queryset = queryset.filter(**{f"risk_{self.risk}": True})
        elif self.risk:
            queryset = queryset.none()
        ranges = (
            ("received_at__gte", self.received_from),
            ("received_at__lt", self.received_to),
            ("last_activity_at__gte", self.updated_from),
            ("last_activity_at__lt", self.updated_to),
        )
        for lookup, moment in ranges:
            if moment is not None:
                queryset = queryset.filter(**{lookup: moment})
        return queryset


def queue_status(value: str) -> str:
    """A status filter as a link or form gives it: a Status, "open", "final" or "" (all);
    anything else is the open queue, so a stale link still shows what the page would."""
    return value if value in ("open", "final", "") or value in Status else "open"


def complaint_queue_matching(
    user: User,
    *,
    status: str = "",
    search: str = "",
    sla: str = "",
    filters: QueueFilters | None = None,
) -> QuerySet:
    """Every complaint a queue with these filters shows the user, unordered and unpaged: the
    one filter behind the queue's pages and its exports, so that the two never disagree.
    `status` is a Status value, or "open"/"final" for the two groups; `sla` one of SLA_FILTERS.
    """
    queryset = permissions.visible_complaints(user)
    if status == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status == "final":
        queryset = queryset.filter(status__in=FINAL_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if sla in SLA_FILTERS:
        queryset = queryset.filter(sla_state=sla)
    if filters is not None:
        queryset = filters.apply(queryset)
        if filters.view:
            queryset = queryset.filter(queue_view_q(user, filters.view))
    # A NUL character can reach here from a typed URL; PostgreSQL cannot compare text
    # holding one, and it matches nothing anyway.
    search = search.replace("\x00", "").strip()
    if search:
        queryset = queryset.filter(_search_q(user, search))
    return queryset


def _search_q(user: User, search: str) -> Q:
    """A reference (ours, or the number another system gave it: an imported complaint is
    asked about by its old number) or a returning caller's phone (six digits or more) or
    e-mail, each an exact indexed look-up; or words, found by the search index in the
    complaint's record, its timeline's texts and its complainant's name and contacts.

    The look-ups are read first (a few rows), so that the filter is one or two id lists the
    database reads by primary key rather than an OR it can only test row by row."""
    organisations = permissions.organisations_of(user)
    # The "not empty" repeats the condition of the external id's partial index, without
    # which SQLite will not use it.
    exact = Q(reference__in=(search, search.upper())) | (
        Q(organisation_id__in=organisations, external_id=search) & ~Q(external_id="")
    )
    people = Complainant.objects.filter(organisation_id__in=organisations)
    if "@" in search:
        exact |= Q(complainant_id__in=people.filter(email=search.lower()).values("pk"))
    digits = digits_of(search)
    if len(digits) >= 6:
        exact |= Q(complainant_id__in=people.filter(phone_digits=digits).values("pk"))
    found = Q(
        pk__in=list(Complaint.objects.filter(exact).order_by().values_list("pk", flat=True)[:100])
    )
    words = matching_ids(search)
    if words is not None:
        found |= Q(pk__in=words)
    return found


def complaint_queue_in_order(queryset: QuerySet, order: str) -> list[QuerySet]:
    """The queue's whole order, as querysets to read one after the other (an export reads
    them all; complaint_queue pages through the same order by keyset)."""
    column = QUEUE_ORDERS.get(order, "received_at")
    if column != "sla_due_at":
        return [queryset.order_by(f"-{column}", "-id")]
    return [
        queryset.filter(sla_due_at__isnull=False).order_by("sla_due_at", "id"),
        queryset.filter(sla_due_at__isnull=True).order_by("-received_at", "-id"),
    ]


def complaint_queue(
    user: User,
    *,
    status: str = "",
    search: str = "",
    sla: str = "",
    order: str = "received",
    cursor: str = "",
    limit: int = QUEUE_PAGE_SIZE,
    filters: QueueFilters | None = None,
) -> QueuePage:
    """The complaints a user may see, one keyset page at a time: newest first, latest activity
    first, or ("due") the earliest deadline first and then those with no running deadline,
    newest first.

    Keyset paging on (column, id) instead of OFFSET, and no COUNT(*): both stay constant time
    however deep the queue is, which is what a queue at a million rows needs. The filters are
    complaint_queue_matching's.
    """
    queryset = complaint_queue_matching(
        user, status=status, search=search, sla=sla, filters=filters
    ).select_related("unit", "handler", "complainant", "category")
    column = QUEUE_ORDERS.get(order, QUEUE_ORDERS["received"])
    position = _decode_cursor(cursor, column) if cursor else None
    wanted = limit + 1
    if column in _NEWEST_FIRST:
        if position is not None and position.column != column:
            position = None  # a cursor of another order: start from the top
        rows = keyset_page(queryset, column, True, position, wanted)
    else:
        rows = []
        if position is None or position.column == "sla_due_at":
            dated = queryset.filter(sla_due_at__isnull=False)
            rows = keyset_page(dated, "sla_due_at", False, position, wanted)
            position = None
        if len(rows) < wanted:
            undated = queryset.filter(sla_due_at__isnull=True)
            rows += keyset_page(undated, "received_at", True, position, wanted - len(rows))
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        last_column = column
        if column == "sla_due_at" and last.sla_due_at is None:
            last_column = "received_at"
        next_cursor = queue_cursor(last, last_column)
    return QueuePage(rows=rows[:limit], next_cursor=next_cursor)


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
