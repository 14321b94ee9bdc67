"""Plausible past timestamps: each step some hours or days after the previous one, in office
hours of the organisation's time zone, and never later than a deadline just before now."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

OPENS, CLOSES = 9, 18  # office hours, local time; Sundays are closed


def in_office_hours(moment: datetime, zone: ZoneInfo, rng: random.Random) -> datetime:
    """The same moment if the office is open then, otherwise some time during the next
    opening hours (not all at nine o'clock sharp)."""
    local = moment.astimezone(zone)
    if local.hour >= CLOSES or local.weekday() == 6:
        local += timedelta(days=1)
    elif local.hour >= OPENS:
        return moment
    while local.weekday() == 6:
        local += timedelta(days=1)
    minutes = rng.randint(0, (CLOSES - OPENS) * 60 - 30)
    local = local.replace(hour=OPENS, minute=0, second=0) + timedelta(minutes=minutes)
    return local.astimezone(moment.tzinfo)


class Clock:
    """Moves forward through one complaint's story."""

    def __init__(self, start: datetime, deadline: datetime, zone: ZoneInfo, rng: random.Random):
        self.now = start
        self.deadline = deadline
        self.zone = zone
        self.rng = rng

    def after(self, min_hours: float, max_hours: float, *, office: bool = True) -> datetime:
        """A moment between min and max hours later; squeezed when the deadline is close, so
        that a story that started recently still ends in the past."""
        remaining = (self.deadline - self.now).total_seconds() / 3600
        hours = self.rng.uniform(min_hours, max_hours)
        hours = min(hours, max(remaining, 0) * self.rng.uniform(0.2, 0.45))
        moment = self.now + timedelta(hours=max(hours, 1 / 60))
        if office:
            snapped = in_office_hours(moment, self.zone, self.rng)
            if snapped < self.deadline:
                moment = snapped
        self.now = moment
        return moment

    def minutes(self, low: int, high: int) -> datetime:
        return self.after(low / 60, high / 60, office=False)

    def not_before(self, moment: datetime) -> datetime:
        """Move on to `moment` (in office hours) if the story has not reached it yet, but never
        past the deadline; then a few minutes more, so that the next entry comes after the last."""
        if self.now < moment < self.deadline:
            snapped = in_office_hours(moment, self.zone, self.rng)
            self.now = snapped if snapped < self.deadline else moment
        return self.minutes(2, 30)
