"""What the time-standards engine tells the policies above it."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class SweepRan:
    """The minute's sweep is done; other policies do their own periodic chasing now (the
    authority app: approval decisions that are late) and add their counts to `report`."""

    now: datetime
    report: dict[str, Any] = field(default_factory=dict)
