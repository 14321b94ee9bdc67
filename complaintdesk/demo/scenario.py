"""The shape of a demo case: what a complainant says and how the organisation resolves it.

Texts may hold placeholders filled per complaint: {site}, {flat}, {date}, {amount} (the
claimed loss), {payout} (the remedy's amount) and {card}. Scenario modules hold only data of
these two types.
"""

from dataclasses import dataclass
from typing import Literal

from complaintdesk.complaints.choices import Grade


@dataclass(frozen=True)
class Scenario:
    category: str
    subject: str
    description: str
    demand: str
    findings: str
    responsibility: str
    root_cause: str
    remedy: str
    offer: str
    reasons: str
    ask: str = ""
    loss: tuple[int, int] | None = None
    # The remedy's amount: a range, or "loss" to pay back exactly what was claimed.
    payout: tuple[int, int] | Literal["loss"] | None = None
    grade: str = Grade.GENERAL
    risks: tuple[str, ...] = ()
    technical: bool = False


@dataclass(frozen=True)
class OutOfScope:
    """A complaint the organisation cannot take on, and the reason it gives."""

    category: str
    subject: str
    description: str
    demand: str
    reason: str
