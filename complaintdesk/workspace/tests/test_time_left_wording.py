"""How the page words a clock's time left: business days for working time, calendar days
otherwise, and "overdue" for a clock past its time."""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import translation

from complaintdesk.workspace.templatetags.complaint_tags import time_left

NINE_HOURS = timedelta(hours=9)


def row(left: timedelta, *, working: bool = True, overdue: bool = False) -> SimpleNamespace:
    """What the template reads of a clock row (sla.selectors.ClockRow)."""
    return SimpleNamespace(
        left=left, overdue=overdue, in_working_time=working, business_day=NINE_HOURS
    )


def test_working_time_is_read_in_business_days_of_the_calendar():
    with translation.override("en"):
        assert time_left(row(timedelta(hours=29))) == "3 d 2 h of working time left"
        assert time_left(row(timedelta(hours=5, minutes=20))) == "5 h 20 min of working time left"


def test_calendar_time_is_read_in_days_of_24_hours():
    with translation.override("en"):
        assert time_left(row(timedelta(hours=29), working=False)) == "1 d 5 h left"


def test_a_clock_past_its_time_says_by_how_much_or_just_overdue():
    with translation.override("en"):
        assert time_left(row(timedelta(hours=10), overdue=True)) == "1 d 1 h overdue"
        assert time_left(row(timedelta(seconds=20), overdue=True)) == "overdue"
    with translation.override("zh-hant"):
        assert time_left(row(timedelta(hours=2), overdue=True)) == "已逾期 2 小時 0 分鐘"
