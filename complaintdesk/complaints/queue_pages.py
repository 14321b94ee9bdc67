"""A queue's pages: in one order (newest, latest activity, earliest deadline, or the best
match for a search), one keyset page at a time, with the cursor that names the next."""

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime

from complaintdesk.accounts.models import User
from complaintdesk.search.selectors import newest_matching_ids, relevance_order

from .choices import FINAL_STATUSES, Status
from .keyset import ORDER_INDEXES, Narrowed, Position, keyset_page
from .models import Complaint
from .queue_filters import SLA_FILTERS, QueueFilters, complaint_queue_matching, finished
from .queues import VIEW_SLA_STATES, QueueView, queue_view_q

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
# A search's own order: the best matches among the newest RANKED matches of the index that the
# user may see (search/ranking.py), read a page at a time by position. Ranking every match of
# a common word would cost time in proportion to them; "newest first" reaches every match.
RELEVANCE = "relevance"
RANKED = 1000
QUEUE_ORDER_NAMES = (*QUEUE_ORDERS, RELEVANCE)
# Rows of the order index a search reads before SQLite chooses: their ids are tested against
# the matches from the index alone, so 50,000 cost 10-25 ms.
SEARCH_WINDOW = 50_000
# Read newest first; the deadline order is the one read earliest first.
_NEWEST_FIRST = ("received_at", "last_activity_at")


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
    newest first; or, for a search, ("relevance") its best matches first (_best_matches).

    Keyset paging on (column, id) instead of OFFSET, and no COUNT(*): both stay constant time
    however deep the queue is, which is what a queue at a million rows needs. The filters are
    complaint_queue_matching's.
    """
    if order == RELEVANCE and search.strip():
        # The index finds the words; the queue's other filters choose among its matches.
        unsearched = complaint_queue_matching(user, status=status, sla=sla, filters=filters)
        return _best_matches(unsearched, search, cursor, limit)
    queryset = complaint_queue_matching(
        user, status=status, search=search, sla=sla, filters=filters
    ).select_related("unit", "handler", "complainant", "category")
    column = QUEUE_ORDERS.get(order, QUEUE_ORDERS["received"])
    position = _decode_cursor(cursor, column) if cursor else None
    view = filters.view if filters is not None else ""
    sla_state = sla if sla in SLA_FILTERS else VIEW_SLA_STATES.get(view, "")
    wanted = limit + 1
    if column in _NEWEST_FIRST:
        if position is not None and position.column != column:
            position = None  # a cursor of another order: start from the top
        narrowed = _narrowed(status, column, sla_state, view=view, user=user, search=search)
        rows = keyset_page(queryset, column, True, position, wanted, narrowed=narrowed)
    else:
        rows = []
        if position is None or position.column == "sla_due_at":
            dated = queryset.filter(sla_due_at__isnull=False)
            narrowed = _narrowed(status, "sla_due_at")
            rows = keyset_page(dated, "sla_due_at", False, position, wanted, narrowed=narrowed)
            position = None
        if len(rows) < wanted:
            undated = queryset.filter(sla_due_at__isnull=True)
            rows += keyset_page(
                undated,
                "received_at",
                True,
                position,
                wanted - len(rows),
                narrowed=_narrowed(status, "received_at", sla_state, view=view, user=user),
            )
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        last_column = column
        if column == "sla_due_at" and last.sla_due_at is None:
            last_column = "received_at"
        next_cursor = queue_cursor(last, last_column)
    return QueuePage(rows=rows[:limit], next_cursor=next_cursor)


def _narrowed(
    status: str,
    column: str,
    sla_state: str = "",
    *,
    view: str = "",
    user: User | None = None,
    search: str = "",
) -> Narrowed | None:
    """Where to look next when the newest rows hold few of the page's: the index that holds
    just the complaints of a deadline state, a team's units or a status filter in the order of
    `column` (received, or a live deadline); for a search, a wider window of the order index,
    whose ids are tested against the matches before any row is read. The open complaints need
    none: they are the newest."""
    if sla_state and column == "received_at":
        return Narrowed("cmp_sla_received", Q(sla_state=sla_state))
    if view == QueueView.TEAM and user is not None and column == "received_at":
        return Narrowed("cmp_unit_received", queue_view_q(user, QueueView.TEAM))
    if search.strip() and column in ORDER_INDEXES and column != "sla_due_at":
        return Narrowed(ORDER_INDEXES[column], Q(), SEARCH_WINDOW)
    if column == "sla_due_at":
        # Few finished complaints keep a live deadline: their own small index.
        final = status == "final" or status in FINAL_STATUSES
        return Narrowed("cmp_final_due", finished(True)) if final else None
    if status == "final":
        return Narrowed("cmp_final_received", finished(True))
    if status in Status:
        return Narrowed("cmp_status_received", Q(status=status))
    return None


def _best_matches(queryset: QuerySet, search: str, cursor: str, limit: int) -> QueuePage:
    """The search's matches best first; the cursor is the position in that ranking. An exact
    reference, phone or e-mail (queue_filters) is not a word of the index: it is found by the
    newest-first order."""
    # The newest matches of the whole index first (a read of its lists' ends), then those
    # the user may see among them with the queue's filters.
    newest = newest_matching_ids(search, RANKED)
    seen = list(queryset.filter(pk__in=newest).values_list("pk", flat=True).order_by())
    ranking = relevance_order(search, seen)
    start = _decode_offset(cursor)
    wanted = ranking[start : start + limit]
    related = queryset.select_related("unit", "handler", "complainant", "category")
    found = {row.pk: row for row in related.filter(pk__in=wanted)}
    rows = [found[pk] for pk in wanted if pk in found]
    following = start + limit
    next_cursor = None
    if following < len(ranking):
        next_cursor = base64.urlsafe_b64encode(f"{RELEVANCE}|{following}".encode()).decode()
    return QueuePage(rows=rows, next_cursor=next_cursor)


def _decode_offset(cursor: str) -> int:
    """A best-match cursor's position, or the top for anything else."""
    try:
        kind, offset = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return max(int(offset), 0) if kind == RELEVANCE else 0
    except (ValueError, UnicodeDecodeError, binascii.Error):
        return 0
