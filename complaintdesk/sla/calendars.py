"""Working time as pure functions of (instant, calendar): no database, no clock reading.

Timing semantics (regulations.md, issue 4): "N working days" is due at close of business of
the Nth working day after the day of receipt; "N days" at 23:59:59 of the Nth calendar day
after it; minutes and hours are elapsed time. Differences are always taken in UTC, so a
daylight-saving change (London, New York) never adds or loses an hour of working time.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
import holidays

from .choices import ClockUnit, Region

REGION_TIME_ZONES: dict[str, str] = {
    Region.CN: "Asia/Shanghai",
    Region.HK: "Asia/Hong_Kong",
    Region.GB: "Europe/London",
    Region.US: "America/New_York",
}
END_OF_DAY = time(23, 59, 59)
# A calendar with no working day for this long is a configuration error, not a long wait.
_SEARCH_LIMIT_DAYS = 400


@cache
def _library_holidays(region: str, year: int) -> frozenset[date]:
    if region == Region.HK:
        # Hong Kong's general holidays (the days offices close) are the library's "public" and
        # "optional" categories together: Good Friday and the days following sit in "optional".
        days = holidays.country_holidays("HK", years=year, categories=("public", "optional"))
    elif region == Region.GB:
        days = holidays.country_holidays("GB", subdiv="ENG", years=year)
    elif region == Region.US:
        days = holidays.country_holidays("US", years=year)
    else:
        return frozenset()
    return frozenset(days.keys())


@lru_cache(maxsize=16384)
def region_is_working_day(region: str, day: date) -> bool:
    if region == Region.CN:
        try:
            # chinese-calendar follows the State Council's notice each year, make-up days too.
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            # Years it does not know yet: the holidays library also lists make-up days.
            return holidays.country_holidays("CN", years=day.year).is_working_day(day)
    if day.weekday() >= 5:
        return False
    return day not in _library_holidays(region, day.year)


@dataclass(frozen=True)
class WorkingCalendar:
    region: str = Region.NONE
    time_zone: str = "UTC"
    opens: time = time(9)
    closes: time = time(18)
    # Organisation-specific: typhoon closures, office moves; and extra working days.
    closures: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_working_day(self, day: date) -> bool:
        if day in self.closures:
            return False
        if day in self.extra_working_days:
            return True
        return region_is_working_day(self.region, day)

    def local_date(self, instant: datetime) -> date:
        return instant.astimezone(self.tz).date()

    def opening(self, day: date) -> datetime:
        return datetime.combine(day, self.opens, tzinfo=self.tz)

    def closing(self, day: date) -> datetime:
        return datetime.combine(day, self.closes, tzinfo=self.tz)

    @property
    def business_day(self) -> timedelta:
        """How much working time one working day holds (opening to closing)."""
        return datetime.combine(date.min, self.closes) - datetime.combine(date.min, self.opens)


def calendar_for_region(region: str, **overrides) -> WorkingCalendar:
    """The stock calendar of a region in its own time zone (what sla_preview uses)."""
    values: dict[str, Any] = {"region": region, "time_zone": REGION_TIME_ZONES.get(region, "UTC")}
    values.update(overrides)
    return WorkingCalendar(**values)


def next_working_day(calendar: WorkingCalendar, day: date) -> date:
    for offset in range(1, _SEARCH_LIMIT_DAYS):
        candidate = day + timedelta(days=offset)
        if calendar.is_working_day(candidate):
            return candidate
    raise ValueError(f"No working day within {_SEARCH_LIMIT_DAYS} days after {day}.")


def previous_working_day(calendar: WorkingCalendar, day: date) -> date:
    for offset in range(1, _SEARCH_LIMIT_DAYS):
        candidate = day - timedelta(days=offset)
        if calendar.is_working_day(candidate):
            return candidate
    raise ValueError(f"No working day within {_SEARCH_LIMIT_DAYS} days before {day}.")


def close_of_nth_working_day(start: datetime, n: int, calendar: WorkingCalendar) -> datetime:
    """Close of business of the Nth working day after the day of `start` (the day of receipt
    never counts, whatever the hour); N = 0 means the same working day, or the next one."""
    day = calendar.local_date(start)
    if n == 0 and not calendar.is_working_day(day):
        day = next_working_day(calendar, day)
    for _ in range(n):
        day = next_working_day(calendar, day)
    return calendar.closing(day)


def end_of_nth_day(start: datetime, n: int, calendar: WorkingCalendar) -> datetime:
    day = calendar.local_date(start) + timedelta(days=n)
    return datetime.combine(day, END_OF_DAY, tzinfo=calendar.tz)


def deadline(start: datetime, amount: int, unit: str, calendar: WorkingCalendar) -> datetime:
    if unit == ClockUnit.MINUTES:
        return (start + timedelta(minutes=amount)).astimezone(calendar.tz)
    if unit == ClockUnit.HOURS:
        return (start + timedelta(hours=amount)).astimezone(calendar.tz)
    if unit == ClockUnit.DAYS:
        return end_of_nth_day(start, amount, calendar)
    if unit == ClockUnit.WEEKS:
        return end_of_nth_day(start, 7 * amount, calendar)
    if unit == ClockUnit.WORKING_DAYS:
        return close_of_nth_working_day(start, amount, calendar)
    raise ValueError(f"Unknown clock unit {unit!r}")


def _utc_span(start: datetime, end: datetime) -> timedelta:
    return end.astimezone(UTC) - start.astimezone(UTC)


def working_time_between(a: datetime, b: datetime, calendar: WorkingCalendar) -> timedelta:
    """Business hours on working days that lie between a and b."""
    total = timedelta(0)
    if b <= a:
        return total
    day, last = calendar.local_date(a), calendar.local_date(b)
    while day <= last:
        if calendar.is_working_day(day):
            start = max(a, calendar.opening(day))
            end = min(b, calendar.closing(day))
            if start < end:
                total += _utc_span(start, end)
        day += timedelta(days=1)
    return total


def add_working_time(instant: datetime, amount: timedelta, calendar: WorkingCalendar) -> datetime:
    """The instant at which `amount` of business hours have passed since `instant`."""
    if amount <= timedelta(0):
        return instant
    day = calendar.local_date(instant)
    cursor = instant
    if not calendar.is_working_day(day):
        day = next_working_day(calendar, day)
        cursor = calendar.opening(day)
    while True:
        start = max(cursor, calendar.opening(day))
        end = calendar.closing(day)
        if start < end:
            available = _utc_span(start, end)
            if amount <= available:
                return (start.astimezone(UTC) + amount).astimezone(calendar.tz)
            amount -= available
        day = next_working_day(calendar, day)
        cursor = calendar.opening(day)


def working_days_before(instant: datetime, n: int, calendar: WorkingCalendar) -> datetime:
    """The same local time of day, N working days earlier."""
    local = instant.astimezone(calendar.tz)
    day = local.date()
    for _ in range(n):
        day = previous_working_day(calendar, day)
    return datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=calendar.tz)


def counts_working_time(unit: str) -> bool:
    return unit == ClockUnit.WORKING_DAYS


def time_between(a: datetime, b: datetime, unit: str, calendar: WorkingCalendar) -> timedelta:
    """Time that counts on a clock of this unit: business hours, or all of it."""
    if counts_working_time(unit):
        return working_time_between(a, b, calendar)
    return max(_utc_span(a, b), timedelta(0))


def push_back(instant: datetime, amount: timedelta, unit: str, calendar: WorkingCalendar):
    """Move a deadline later by `amount` of counting time (a pause, for instance)."""
    if counts_working_time(unit):
        return add_working_time(instant, amount, calendar)
    return (instant.astimezone(UTC) + amount).astimezone(calendar.tz)


def due_at(
    start: datetime,
    amount: int,
    unit: str,
    calendar: WorkingCalendar,
    paused: timedelta = timedelta(0),
) -> datetime:
    """The deadline of a clock: its nominal deadline pushed back by all the time it was paused.
    Pushing back is additive, so one push by the total equals one push per pause."""
    return push_back(deadline(start, amount, unit, calendar), paused, unit, calendar)


def warning_times(
    start: datetime,
    due: datetime,
    warnings: list[dict],
    unit: str,
    calendar: WorkingCalendar,
) -> list[datetime]:
    """When each warning point falls, earliest first; points outside (start, due) are dropped.

    A point is {"percent": 75} (of the counting time elapsed), {"working_days_before": 1},
    {"hours_before": 4} or {"minutes_before": 5}.
    """
    points = set()
    for point in warnings:
        if "percent" in point:
            span = time_between(start, due, unit, calendar)
            at = push_back(start, span * point["percent"] / 100, unit, calendar)
        elif "working_days_before" in point:
            at = working_days_before(due, int(point["working_days_before"]), calendar)
        elif "hours_before" in point:
            at = due - timedelta(hours=point["hours_before"])
        elif "minutes_before" in point:
            at = due - timedelta(minutes=point["minutes_before"])
        else:
            raise ValueError(f"Unknown warning point {point!r}")
        if start < at < due:
            points.add(at.astimezone(calendar.tz))
    return sorted(points)
