"""What the time-standards engine tells the policies above it."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from complaintdesk.complaints.models import Complaint


@dataclass(frozen=True)
class SweepRan:
    """The minute's sweep is done; other policies do their own periodic chasing now (the
    authority app: approval decisions that are late) and add their counts to `report`."""

    now: datetime
    report: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ClockBreached:
    """A clock passed its deadline and was breached (published in the sweep's transaction,
    the complaint locked). A clock that lapses (`BreachAction.LAPSE`) is not: missing that
    deadline broke no promise, it only means the next response is due."""

    complaint: Complaint
    clock_name: str
    due_at: datetime
    at: datetime
