"""The queue's keyset pages: every order reaches every complaint of its filter once, in order,
however the rows fall about SQLite's window (complaints/keyset.py)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import keyset, queue_pages, selectors
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import complaint_at, staff

pytestmark = pytest.mark.django_db

HK = ZoneInfo("Asia/Hong_Kong")
BASE = datetime(2026, 11, 2, 9, 0, tzinfo=HK)


def read_all(user, status: str = "", **kwargs) -> list[str]:
    seen, cursor = [], ""
    while True:
        page = selectors.complaint_queue(user, cursor=cursor, limit=2, status=status, **kwargs)
        seen += [c.reference for c in page.rows]
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


@pytest.fixture
def twelve(tree):
    """Twelve complaints about a lift received in pairs at the same minute (ties), every third
    one handled by the same person, every other one with a live deadline in the reverse order
    (every fourth one past it), the six oldest finished."""
    handler = staff(Role.HANDLER, tree.site)
    made = [complaint_at(tree.site) for _ in range(12)]
    for n, complaint in enumerate(made):
        Complaint.objects.filter(pk=complaint.pk).update(
            received_at=BASE + timedelta(minutes=n // 2),
            last_activity_at=BASE + timedelta(hours=n % 5),
            sla_due_at=BASE + timedelta(days=12 - n // 2) if n % 2 else None,
            sla_state="breached" if n % 4 == 1 else "",
            handler=handler if n % 3 == 0 else None,
            # The older half finished, as in service: the newest rows hold none of them.
            status=(Status.CLOSED, Status.WITHDRAWN)[n % 2] if n < 6 else Status.RECEIVED,
        )
    return handler, made


EXPECTED = {  # how many of the twelve each filter holds
    ("all", "", ""): 12,
    ("mine", "", ""): 4,
    ("team", "", ""): 12,
    ("overdue", "", ""): 3,
    ("all", "final", ""): 6,
    ("all", "closed", ""): 3,
    ("mine", "final", ""): 2,
    ("all", "", "lift"): 12,
    ("mine", "final", "lift"): 2,
}


@pytest.mark.parametrize("window", [1, 3, 1000])
@pytest.mark.parametrize("order", ["received", "activity", "due"])
@pytest.mark.parametrize(("view", "status", "search"), list(EXPECTED))
def test_every_order_pages_through_its_filter_once_whatever_the_window(
    tree, twelve, monkeypatch, window, order, view, status, search
):
    # Given windows smaller than the queue, ones that cut between tied rows, and ones that
    # hold everything
    handler, _made = twelve
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    user = handler if view in ("mine", "team") else manager
    asked = {
        "order": order,
        "filters": selectors.QueueFilters(view=view),
        "status": status,
        "search": search,
    }
    monkeypatch.setattr(keyset, "WINDOW", 1000)
    monkeypatch.setattr(keyset, "NARROWED_WINDOW", 1000)
    monkeypatch.setattr(queue_pages, "SEARCH_WINDOW", 1000)
    expected = read_all(user, **asked)

    # When the queue is read two at a time with those windows
    monkeypatch.setattr(keyset, "WINDOW", window)
    monkeypatch.setattr(keyset, "NARROWED_WINDOW", window + 1)
    monkeypatch.setattr(queue_pages, "SEARCH_WINDOW", window + 2)
    seen = read_all(user, **asked)

    # Then it holds the same complaints in the same order, each once
    assert seen == expected
    assert len(set(seen)) == len(seen) == EXPECTED[(view, status, search)]


def test_the_deadline_order_reads_live_deadlines_first_then_the_rest_newest_first(tree, twelve):
    # Given the twelve complaints, six with a live deadline
    manager = staff(Role.DISTRICT_MANAGER, tree.district)

    # When the queue is read earliest deadline first
    seen = read_all(manager, order="due")

    # Then the six with deadlines come first, earliest first, then the others, newest first
    rows = {c.reference: c for c in Complaint.objects.all()}
    dated = [rows[r] for r in seen[:6]]
    undated = [rows[r] for r in seen[6:]]
    assert all(c.sla_due_at is not None for c in dated)
    assert [c.sla_due_at for c in dated] == sorted(c.sla_due_at for c in dated)
    assert all(c.sla_due_at is None for c in undated)
    assert [c.received_at for c in undated] == sorted(
        (c.received_at for c in undated), reverse=True
    )
