"""What the benchmark times, as a member of staff of each level would ask for it: every queue
view, filter and order of the workspace, the first page and pages deep down, searches in
Chinese (either script) and English, and the complaint page."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.utils import timezone

from complaintdesk.accounts.models import User
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.selectors import (
    QUEUE_ORDERS,
    complaint_queue_in_order,
    complaint_queue_matching,
    queue_cursor,
)

# (username, who they are) from the demo: every level of the line, and the organisation-wide.
ROLES = (
    ("hk.handler", "handler"),
    ("hk.district", "district manager"),
    ("hk.regional", "regional GM"),
    ("hk.hq", "head office"),
    ("admin", "superuser"),
)
VIEWS = ("all", "mine", "team", "unassigned", "due_today", "overdue", "approval")
STATUSES = ("open", "closed", "final", "")  # "" is everything
ORDERS = ("received", "due", "activity")
DEPTHS = (1_000, 10_000, 100_000)
SEARCHES = (
    ("zh", "电梯"),  # over 繁體 text too: found only when the scripts are folded
    ("zh", "退款"),
    ("zh", "管理費"),
    ("en", "lift"),
    ("en", "noise"),
)


@dataclass(frozen=True)
class Case:
    group: str  # queue, deep, search_zh, search_en, reference, detail, dashboard, people
    name: str
    path: str


def _queue(**params: str) -> str:
    return "/complaints/?" + urlencode({k: v for k, v in params.items() if v is not None})


def cases_for(user: User, n: int) -> Iterator[Case]:
    for view in VIEWS:
        yield Case("queue", f"view={view}", _queue(view=view))
    for status in STATUSES:
        yield Case("queue", f"status={status or 'everything'}", _queue(status=status))
    for order in ORDERS:
        for status in ("open", ""):
            yield Case(
                "queue",
                f"order={order} status={status or 'everything'}",
                _queue(order=order, status=status),
            )
    for depth in DEPTHS:
        if depth >= n:
            continue
        for order in ("received", "due"):
            cursor = _cursor_at(user, order, depth)
            if cursor:
                yield Case(
                    "deep",
                    f"order={order} row {depth:,}",
                    _queue(order=order, status="", cursor=cursor),
                )
    for language, words in SEARCHES:
        yield Case(f"search_{language}", f"q={words}", _queue(q=words, status=""))
    for language, words in SEARCHES[::3]:
        yield Case(
            f"search_{language}",
            f"q={words} best match",
            _queue(q=words, status="", order="relevance"),
        )
    sample = list(
        complaint_queue_matching(user, status="")
        .order_by("-received_at")
        .values_list("reference", flat=True)[:200:40]
    )
    for reference in sample[:2]:
        yield Case("reference", f"q={reference}", _queue(q=reference, status=""))
    for reference in sample:
        yield Case("detail", reference, f"/complaints/{reference}/")
    # The dashboard: its default ninety days, and two years by month.
    yield Case("dashboard", "90 days", "/dashboard/")
    today = timezone.localdate()
    two_years = urlencode({"start": (today - timedelta(days=730)).isoformat(), "end": today})
    yield Case("dashboard", "two years", f"/dashboard/?{two_years}")
    # Staff performance reads the same roll-ups, by handler as well as by unit.
    yield Case("people", "90 days", "/people/")
    yield Case("people", "two years", f"/people/?{two_years}")


def _cursor_at(user: User, order: str, depth: int) -> str:
    """The cursor `depth` rows down the queue of everything, in `order` (OFFSET here, once,
    to find the row; the page itself is read by its keyset as any "show more" is)."""
    # The queue's own order (for "due", its first part: the live deadlines).
    matching = complaint_queue_in_order(complaint_queue_matching(user, status=""), order)[0]
    row = matching[depth - 1 : depth].first()
    return queue_cursor(row, QUEUE_ORDERS[order]) if isinstance(row, Complaint) else ""
