"""The workspace's named queues (mine, my team's, unassigned, due today…), their counts and the
latest-activity order, as the selectors give them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import queues, selectors
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.queues import QueueView, queue_counts
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, staff

pytestmark = pytest.mark.django_db

HK = ZoneInfo("Asia/Hong_Kong")


def in_view(user, view, **kwargs) -> set[str]:
    page = selectors.complaint_queue(
        user, status="open", filters=selectors.QueueFilters(view=view), **kwargs
    )
    return {c.reference for c in page.rows}


def deadline(complaint: Complaint, state: str, due: datetime | None) -> None:
    """Given the stored summary of the complaint's clocks (the sla app keeps it)."""
    Complaint.objects.filter(pk=complaint.pk).update(sla_state=state, sla_due_at=due)


def test_mine_holds_the_complaints_assigned_to_me_and_unassigned_those_nobody_handles(tree):
    # Given two handlers at the site, one complaint each, and one nobody handles yet
    me, colleague = staff(Role.HANDLER, tree.site), staff(Role.HANDLER, tree.site)
    mine = drive_to(complaint_at(tree.site), "assigned", handler=me)
    theirs = drive_to(complaint_at(tree.site), "assigned", handler=colleague)
    nobodys = complaint_at(tree.site)

    # When I look at my view and the unassigned one
    # Then each holds just its own
    assert in_view(me, QueueView.MINE) == {mine.reference}
    assert in_view(me, QueueView.UNASSIGNED) == {nobodys.reference}
    assert theirs.reference in in_view(me, QueueView.ALL)


def test_my_team_is_my_units_own_complaints_and_my_units_adds_those_below(tree):
    # Given a district manager, a complaint filed at the district and one at a site below it
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    at_district = complaint_at(tree.district)
    at_site = complaint_at(tree.site)

    # When they look at their team's view and their units' view
    team = in_view(manager, QueueView.TEAM)
    units = in_view(manager, QueueView.UNITS)

    # Then the team's holds the district's own, the units' both
    assert team == {at_district.reference}
    assert units == {at_district.reference, at_site.reference}


def test_overdue_and_paused_follow_the_time_standard(tree):
    # Given three complaints: one overdue, one paused, one running
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    overdue, paused, running = (complaint_at(tree.site) for _ in range(3))
    now = datetime.now(HK)
    deadline(overdue, "breached", now - timedelta(hours=1))
    deadline(paused, "paused", None)
    deadline(running, "running", now + timedelta(days=3))

    # Then each view holds its own
    assert in_view(manager, QueueView.OVERDUE) == {overdue.reference}
    assert in_view(manager, QueueView.PAUSED) == {paused.reference}


def test_due_today_runs_until_midnight_where_the_organisation_is(tree):
    # Given a Hong Kong organisation at 21:00 there, one deadline at 23:30 and one at 00:30
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    tonight, after_midnight, late = (complaint_at(tree.site) for _ in range(3))
    now = datetime(2026, 12, 4, 21, 0, tzinfo=HK)
    deadline(tonight, "warning", datetime(2026, 12, 4, 23, 30, tzinfo=HK))
    deadline(after_midnight, "running", datetime(2026, 12, 5, 0, 30, tzinfo=HK))
    deadline(late, "breached", datetime(2026, 12, 4, 20, 0, tzinfo=HK))

    # When the due-today view is read at that moment
    due = Complaint.objects.filter(queues.queue_view_q(manager, QueueView.DUE_TODAY, now=now))

    # Then only tonight's is in it: the late one is the overdue view's, the other tomorrow's
    assert {c.reference for c in due} == {tonight.reference}


def test_counts_are_of_open_complaints_in_sight_and_stop_at_the_cap(tree, monkeypatch):
    # Given a handler with two open complaints, one closed, and a complaint out of their sight
    me = staff(Role.HANDLER, tree.site)
    for _ in range(2):
        drive_to(complaint_at(tree.site), "assigned", handler=me)
    drive_to(complaint_at(tree.site), "closed", handler=me)
    complaint_at(tree.sibling_site)

    # When the views are counted
    counts = queue_counts(me)

    # Then mine counts the two open ones, and nothing beyond the handler's sight is counted
    assert counts[QueueView.MINE] == 2
    assert counts[QueueView.ALL] == 2

    # And with a cap of one, a count says "one or more"
    monkeypatch.setattr(queues, "COUNT_CAP", 1)
    assert queue_counts(me)[QueueView.MINE] == 1


def test_latest_activity_first_pages_through_every_complaint_once(tree):
    # Given five complaints, the oldest touched last
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    made = [complaint_at(tree.site) for _ in range(5)]
    base = datetime(2026, 12, 1, 9, 0, tzinfo=HK)
    for n, complaint in enumerate(made):
        Complaint.objects.filter(pk=complaint.pk).update(last_activity_at=base + timedelta(hours=n))
    Complaint.objects.filter(pk=made[0].pk).update(last_activity_at=base + timedelta(days=1))

    # When the queue is read two at a time in that order
    seen, cursor = [], ""
    while True:
        page = selectors.complaint_queue(manager, order="activity", cursor=cursor, limit=2)
        seen += [c.reference for c in page.rows]
        if not page.next_cursor:
            break
        cursor = page.next_cursor

    # Then the one touched last comes first, and every complaint comes once
    expected = [made[0], made[4], made[3], made[2], made[1]]
    assert seen == [c.reference for c in expected]
