"""The queue's keyset pages: every order reaches every complaint of its filter once, in order,
however the rows fall about SQLite's window (complaints/keyset.py)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import keyset, selectors
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import complaint_at, staff

pytestmark = pytest.mark.django_db

HK = ZoneInfo("Asia/Hong_Kong")
BASE = datetime(2026, 11, 2, 9, 0, tzinfo=HK)


def read_all(user, **kwargs) -> list[str]:
    seen, cursor = [], ""
    while True:
        page = selectors.complaint_queue(user, cursor=cursor, limit=2, status="", **kwargs)
        seen += [c.reference for c in page.rows]
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


@pytest.fixture
def twelve(tree):
    """Twelve complaints received in pairs at the same minute (ties), every third one handled
    by the same person, every other one with a live deadline in the reverse order."""
    handler = staff(Role.HANDLER, tree.site)
    made = [complaint_at(tree.site) for _ in range(12)]
    for n, complaint in enumerate(made):
        Complaint.objects.filter(pk=complaint.pk).update(
            received_at=BASE + timedelta(minutes=n // 2),
            last_activity_at=BASE + timedelta(hours=n % 5),
            sla_due_at=BASE + timedelta(days=12 - n // 2) if n % 2 else None,
            handler=handler if n % 3 == 0 else None,
        )
    return handler, made


@pytest.mark.parametrize("window", [1, 3, 1000])
@pytest.mark.parametrize("order", ["received", "activity", "due"])
@pytest.mark.parametrize("view", ["all", "mine"])
def test_every_order_pages_through_its_filter_once_whatever_the_window(
    tree, twelve, monkeypatch, window, order, view
):
    # Given a window smaller than the queue, one that cuts between tied rows, and one that
    # holds everything
    handler, _made = twelve
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    user = handler if view == "mine" else manager
    filters = selectors.QueueFilters(view=view)
    monkeypatch.setattr(keyset, "WINDOW", 1000)
    expected = read_all(user, order=order, filters=filters)

    # When the queue is read two at a time with that window
    monkeypatch.setattr(keyset, "WINDOW", window)
    seen = read_all(user, order=order, filters=filters)

    # Then it holds the same complaints in the same order, each once
    assert seen == expected
    assert len(set(seen)) == len(seen) == (4 if view == "mine" else 12)


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
