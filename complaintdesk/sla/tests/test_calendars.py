"""Working-day arithmetic against the calendar libraries, and its laws (hypothesis)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintdesk.sla.calendars import (
    WorkingCalendar,
    add_working_time,
    calendar_for_region,
    close_of_nth_working_day,
    deadline,
    due_at,
    end_of_nth_day,
    push_back,
    working_time_between,
)

DAYS_OF_2026 = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
HK_GENERAL_HOLIDAYS = holidays.country_holidays(
    "HK", years=[2026, 2027], categories=("public", "optional")
)
# The library's Hong Kong week rests on Sunday only; offices that take complaints close on
# Saturday too, which is the calendar ComplaintDesk ships.
HK_GENERAL_HOLIDAYS.weekend = {5, 6}
ORACLES = {
    # The Nth working day after a date, straight from each library. chinese-calendar counts
    # from the first working day on or after the date it is given, hence day + 1 and n - 1.
    "CN": lambda day, n: chinese_calendar.find_workday(n - 1, day + timedelta(days=1)),
    "HK": lambda day, n: HK_GENERAL_HOLIDAYS.get_nth_working_day(day, n),
    "GB": lambda day, n: holidays.country_holidays(
        "GB", subdiv="ENG", years=[2026, 2027]
    ).get_nth_working_day(day, n),
    "US": lambda day, n: holidays.country_holidays("US", years=[2026, 2027]).get_nth_working_day(
        day, n
    ),
}


@pytest.mark.parametrize("region", sorted(ORACLES))
@pytest.mark.parametrize("n", [1, 3, 10])
def test_working_day_deadlines_agree_with_the_library_for_every_day_of_2026(region, n):
    # Given the region's stock calendar
    calendar = calendar_for_region(region)
    oracle = ORACLES[region]
    for day in DAYS_OF_2026:
        try:
            expected = oracle(day, n)
        except NotImplementedError:
            continue  # chinese-calendar has no 2027 yet: late-December deadlines cannot be checked
        received = datetime.combine(day, time(10, 30), tzinfo=calendar.tz)
        # When the deadline of N working days is computed
        due = close_of_nth_working_day(received, n, calendar)
        # Then it is close of business on the day the library names
        assert due.date() == expected, (region, day, n)
        assert due.timetz().replace(tzinfo=None) == time(18)


@pytest.mark.parametrize(
    ("region", "received", "n", "expected"),
    [
        # National Day 2026: 1-7 October off, Saturday 10 October a make-up working day.
        ("CN", "2026-09-30T10:00", 3, "2026-10-10"),
        ("CN", "2026-09-30T10:00", 1, "2026-10-08"),
        # Spring Festival 2026: Saturday 14 February worked, 15-23 February off.
        ("CN", "2026-02-13T16:00", 1, "2026-02-14"),
        ("CN", "2026-02-13T16:00", 2, "2026-02-24"),
        # Hong Kong Easter: Good Friday, the day after, Easter Monday and Ching Ming observed.
        ("HK", "2026-04-02T10:00", 3, "2026-04-10"),
        # Hong Kong Lunar New Year: 17-19 February.
        ("HK", "2026-02-16T10:00", 1, "2026-02-20"),
        # England: Good Friday and Easter Monday.
        ("GB", "2026-04-02T10:00", 1, "2026-04-07"),
        # United States: Thanksgiving.
        ("US", "2026-11-25T10:00", 1, "2026-11-27"),
    ],
)
def test_known_holiday_periods_of_2026(region, received, n, expected):
    calendar = calendar_for_region(region)
    start = datetime.fromisoformat(received).replace(tzinfo=calendar.tz)
    assert close_of_nth_working_day(start, n, calendar).date().isoformat() == expected


def test_receipt_after_hours_still_counts_from_the_day_of_receipt():
    # Given a letter logged at 23:00 on a Monday in Hong Kong
    calendar = calendar_for_region("HK")
    late = datetime(2026, 3, 2, 23, 0, tzinfo=calendar.tz)
    # Then "3 working days" is close of business on Thursday, as for one logged at 09:00
    assert close_of_nth_working_day(late, 3, calendar) == datetime(
        2026, 3, 5, 18, 0, tzinfo=calendar.tz
    )


def test_calendar_days_end_at_one_second_before_midnight_local_time():
    calendar = calendar_for_region("CN")
    received = datetime(2026, 9, 25, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    assert deadline(received, 15, "days", calendar) == datetime(
        2026, 10, 10, 23, 59, 59, tzinfo=calendar.tz
    )
    assert end_of_nth_day(received, 56, calendar) == deadline(received, 8, "weeks", calendar)


def test_an_organisation_closure_moves_the_deadline_and_an_extra_working_day_pulls_it_in():
    base = calendar_for_region("HK")
    received = datetime(2026, 3, 2, 10, 0, tzinfo=base.tz)  # Monday
    typhoon = WorkingCalendar(
        region="HK", time_zone=base.time_zone, closures=frozenset({date(2026, 3, 4)})
    )
    saturday = WorkingCalendar(
        region="HK", time_zone=base.time_zone, extra_working_days=frozenset({date(2026, 3, 7)})
    )
    assert close_of_nth_working_day(received, 3, typhoon).date() == date(2026, 3, 6)
    assert close_of_nth_working_day(received, 5, saturday).date() == date(2026, 3, 7)


def test_working_time_in_london_ignores_the_clock_change():
    # Given business hours on the Friday before and the Monday after British Summer Time starts
    calendar = calendar_for_region("GB")
    friday = datetime(2026, 3, 27, 9, 0, tzinfo=calendar.tz)
    monday = datetime(2026, 3, 30, 18, 0, tzinfo=calendar.tz)
    # Then exactly two nine-hour days lie between them
    assert working_time_between(friday, monday, calendar) == timedelta(hours=18)


# --- Laws, for any start, region and length -------------------------------------------------

regions = st.sampled_from(["CN", "HK", "GB", "US", ""])
instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 20), timezones=st.just(UTC)
)
lengths = st.integers(min_value=0, max_value=20)


@settings(max_examples=300, deadline=None)
@given(region=regions, start=instants, n=lengths)
def test_a_working_day_deadline_never_falls_on_a_non_working_day(region, start, n):
    calendar = calendar_for_region(region)
    due = close_of_nth_working_day(start, n, calendar)
    assert calendar.is_working_day(due.date())
    assert due.timetz().replace(tzinfo=None) == calendar.closes
    assert due > start or n == 0


@settings(max_examples=300, deadline=None)
@given(
    region=regions,
    a=instants,
    b=instants,
    n=lengths,
    unit=st.sampled_from(["working_days", "days", "weeks", "hours", "minutes"]),
)
def test_deadlines_are_monotonic_in_the_time_of_receipt(region, a, b, n, unit):
    calendar = calendar_for_region(region)
    first, second = sorted((a, b))
    assert deadline(first, n, unit, calendar) <= deadline(second, n, unit, calendar)


@settings(max_examples=300, deadline=None)
@given(
    region=regions,
    start=instants,
    n=st.integers(min_value=1, max_value=15),
    pause_from=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10)),
    pause_length=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10)),
)
def test_a_pause_adds_exactly_the_paused_working_time(region, start, n, pause_from, pause_length):
    # Given a working-day clock paused for a while after it started
    calendar = calendar_for_region(region)
    paused_at = start + pause_from
    resumed_at = paused_at + pause_length
    paused = working_time_between(paused_at, resumed_at, calendar)
    before = due_at(start, n, "working_days", calendar)
    # When the pause is taken into account
    after = due_at(start, n, "working_days", calendar, paused)
    # Then the deadline moved by exactly that much working time, and never earlier
    assert working_time_between(before, after, calendar) == paused
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(
    region=regions,
    start=instants,
    first=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=60)),
    second=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=60)),
)
def test_two_pauses_move_a_deadline_as_far_as_one_pause_of_their_total(
    region, start, first, second
):
    calendar = calendar_for_region(region)
    one_by_one = push_back(
        push_back(start, first, "working_days", calendar), second, "working_days", calendar
    )
    at_once = push_back(start, first + second, "working_days", calendar)
    assert one_by_one == at_once


@settings(max_examples=200, deadline=None)
@given(
    region=regions,
    start=instants,
    amount=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=200)),
)
def test_adding_working_time_then_measuring_it_gives_it_back(region, start, amount):
    calendar = calendar_for_region(region)
    assert (
        working_time_between(start, add_working_time(start, amount, calendar), calendar) == amount
    )


def test_calendar_paused_time_is_wall_clock_time():
    calendar = calendar_for_region("CN")
    start = datetime(2026, 9, 25, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert due_at(start, 15, "days", calendar, timedelta(days=2, hours=3)) == datetime(
        2026, 10, 13, 2, 59, 59, tzinfo=calendar.tz
    )
