"""How long a clock has left, as the complaint page says it: in working time for a clock of
working days, so a weekend or a holiday never eats into it."""

import pytest

from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.tests.factories import complaint_at, org_tree
from complaintdesk.sla.selectors import clock_rows

from .factories import local, on_policy

pytestmark = pytest.mark.django_db


def reply_row(complaint, now):
    return next(row for row in clock_rows(complaint, now=now) if row.clock.name == "reply")


@pytest.fixture
def letter():
    """A letter received in Hong Kong on 2 April 2026, due at close of business on 10 April
    (Easter's holidays between)."""
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    return complaint_at(
        tree.site, channel=Channel.LETTER, received_at=local("HK", "2026-04-02 10:00")
    )


def test_on_the_last_afternoon_two_working_hours_are_left(letter):
    row = reply_row(letter, local("HK", "2026-04-10 16:00"))
    assert (row.left.total_seconds() / 3600, row.overdue, row.in_working_time) == (2, False, True)


def test_a_holiday_weekend_does_not_count(letter):
    # From Thursday evening before Easter to Tuesday morning no working time passes
    thursday = reply_row(letter, local("HK", "2026-04-02 19:00")).left
    tuesday = reply_row(letter, local("HK", "2026-04-07 08:00")).left
    assert thursday == tuesday


def test_the_next_morning_an_hour_after_opening_it_is_an_hour_overdue(letter):
    row = reply_row(letter, local("HK", "2026-04-13 10:00"))
    assert row.overdue
    assert row.left.total_seconds() / 3600 == 1
