"""Writes of the time-standards engine. Import from here."""

from .clocks import (
    clocks_on_action,
    clocks_on_classification,
    clocks_on_contact,
    clocks_on_step,
    clocks_start,
    complaint_sla_refresh,
)
from .escalation import escalate_for_classification, escalate_to
from .extensions import clock_extend, clock_extension_ask, extension_decide
from .sweep import SweepReport, sla_sweep

__all__ = [
    "SweepReport",
    "clock_extend",
    "clock_extension_ask",
    "clocks_on_action",
    "clocks_on_classification",
    "clocks_on_contact",
    "clocks_on_step",
    "clocks_start",
    "complaint_sla_refresh",
    "escalate_for_classification",
    "escalate_to",
    "extension_decide",
    "sla_sweep",
]
