"""Time standards: policy packs (data), calendars, each complaint's clocks and what fired."""

from .calendar import Calendar, CalendarDay, OrganisationSla, UnitCalendar
from .clock import ClockExtension, ComplaintClock, SlaFiring
from .extension import ExtensionRequest, ExtensionStatus
from .ladder import EscalationLevel, LadderStartRule
from .policy import ClockRule, Policy

__all__ = [
    "Calendar",
    "CalendarDay",
    "ClockExtension",
    "ClockRule",
    "ComplaintClock",
    "EscalationLevel",
    "ExtensionRequest",
    "ExtensionStatus",
    "LadderStartRule",
    "OrganisationSla",
    "Policy",
    "SlaFiring",
    "UnitCalendar",
]
