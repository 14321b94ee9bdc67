"""Writes of the time-standards engine. Import from here."""

from .clocks import (
    clock_extend,
    clocks_on_action,
    clocks_on_classified,
    clocks_on_contact,
    clocks_on_step,
    clocks_start,
    complaint_sla_refresh,
)
from .sweep import SweepReport, sla_sweep

__all__ = [
    "SweepReport",
    "clock_extend",
    "clocks_on_action",
    "clocks_on_classified",
    "clocks_on_contact",
    "clocks_on_step",
    "clocks_start",
    "complaint_sla_refresh",
    "sla_sweep",
]
