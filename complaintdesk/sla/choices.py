"""Enumerations of the time-standards engine, with the words administrators see."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """Whose public holidays a calendar follows; each comes from a maintained library."""

    CN = "CN", _("Mainland China (with make-up working days)")
    HK = "HK", _("Hong Kong (general holidays)")
    GB = "GB", _("United Kingdom (England and Wales bank holidays)")
    US = "US", _("United States (federal holidays)")
    NONE = "", _("Weekends only")


class ClockUnit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")
    WEEKS = "weeks", _("weeks")


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    WARNING = "warning", _("Due soon")
    BREACHED = "breached", _("Overdue")
    MET = "met", _("Met")
    # The complaint ended another way (withdrawn, merged, rejected) before the clock was met.
    STOPPED = "stopped", _("No longer applies")


OPEN_CLOCK_STATES = frozenset({ClockState.RUNNING, ClockState.PAUSED, ClockState.WARNING})
# Still waiting for what meets them: a breached clock waits too, and counts in the summary.
LIVE_CLOCK_STATES = OPEN_CLOCK_STATES | {ClockState.BREACHED}
# Clocks the sweep looks at (a paused clock cannot warn or breach), as a list in one order.
SWEPT_CLOCK_STATES = ["running", "warning"]
# Worst first: what a complaint's summary shows when its clocks disagree.
STATE_SEVERITY = (
    ClockState.BREACHED,
    ClockState.WARNING,
    ClockState.RUNNING,
    ClockState.PAUSED,
)


class StopOn(models.TextChoices):
    """What meets a clock."""

    ACKNOWLEDGED = "acknowledged", _("Acknowledgement")
    REPLIED = "replied", _("Reply with the decision")
    CONTACT = "contact", _("Contact with the complainant (call, letter, e-mail, visit)")
    CLOSED = "closed", _("Closing")
    EXECUTIVE_REPORT = "executive_report", _("Written report to the executives")


class BreachAction(models.TextChoices):
    ESCALATE = "escalate", _("Escalate one level and notify")
    NOTIFY = "notify", _("Notify the handler only")
    # FCA summary resolution: missing it is not a breach, it only means a final response is due.
    LAPSE = "lapse", _("Nothing: the clock lapses")


class FiringKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    BREACH = "breach", _("Breach")
    ESCALATION = "escalation", _("Escalation")
    PROGRESS_TASK = "progress_task", _("Progress-update task")


class LadderScope(models.TextChoices):
    """Where to look for the people on a rung of the ladder."""

    ABOVE = "above", _("Units above the complaint's unit")
    ORGANISATION = "organisation", _("Anywhere in the organisation")
