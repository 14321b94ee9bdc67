"""What the complaints core tells the policies, and the points where a policy may add a rule
of its own to the core's decisions.

Events are published through `complaintdesk.core.hooks` inside the transaction of the change
they report (the complaint row locked), so a subscriber's writes commit with it. Policies
subscribe in their `AppConfig.ready()`; this module imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from complaintdesk.accounts.models import User

from .models import Complaint, Proposal

# --- events ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintRegistered:
    """`by` is None when the complainant wrote in themselves (the public form, a mail)."""

    complaint: Complaint
    by: User | None
    at: datetime


@dataclass(frozen=True)
class ComplaintsImported:
    """Historical complaints written in bulk (services.complaints_import). Told only to those
    that count what happened (management figures): nothing is to be started for them, no
    clock, letter or routing, since they were handled in another system long ago."""

    complaints: list[Complaint]
    by: User


@dataclass(frozen=True)
class ComplaintMoved:
    """A row of the transitions table was applied (a person's move or a system move)."""

    complaint: Complaint
    action: str
    by: User | None
    at: datetime
    status_before: str
    level_before: int = 0
    # What the person wrote to go out with the move as they corrected it (the reply's letter:
    # "subject" and "body"); empty: whoever writes to the complainant uses its template.
    written: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ComplaintClassified:
    """Category, grade, anger or risk flags changed; `by` None: a policy raised risk flags at
    intake (services.complaint_risks_raise)."""

    complaint: Complaint
    by: User | None
    at: datetime


@dataclass(frozen=True)
class RecordWritten:
    """A handling record was written; `detail` is the step or contact kind where there is one."""

    complaint: Complaint
    record: str
    by: User
    at: datetime
    detail: str = ""


@dataclass(frozen=True)
class ProposalMade:
    complaint: Complaint
    proposal: Proposal
    by: User
    at: datetime


@dataclass(frozen=True)
class ComplainantWrote:
    """The complainant did something on the tracking page (wrote, answered, rated, appealed):
    the handler should know. `resumed`: their message answered a request for information."""

    complaint: Complaint
    at: datetime
    resumed: bool = False


# --- extension points ----------------------------------------------------------------------

Guard = Callable[[Complaint], list[str]]
Sight = Callable[[User], list[tuple[int, str, int]]]
Awaiting = Callable[[User], Q]

_GUARDS: dict[str, list[Guard]] = {}
_COMPLAINANT_GUARDS: dict[str, list[Guard]] = {}
_SIGHTS: list[Sight] = []
_AWAITING: list[Awaiting] = []


def guard_register(action: str, guard: Guard, *, complainant_only: bool = False) -> None:
    """A policy's condition on a lifecycle move (the authority app: no reply before the
    approval is settled). Checked with the transition's own guard, by `_apply` alone.
    `complainant_only`: a condition on the complainant's own move alone (an appeal on the
    tracking page within the policy's window; staff may still register a late one)."""
    guards = (_COMPLAINANT_GUARDS if complainant_only else _GUARDS).setdefault(action, [])
    if guard not in guards:
        guards.append(guard)


def policy_guards(action: str, *, by_complainant: bool = False) -> list[Guard]:
    extra = _COMPLAINANT_GUARDS.get(action, []) if by_complainant else []
    return [*_GUARDS.get(action, ()), *extra]


def sight_register(sight: Sight) -> None:
    """A policy that puts people in sight of complaints beyond their unit's scope returns, for
    a user, (organisation id, role, escalation level) triples: from that level up, the user
    holds that role on every complaint of the organisation (the board office's rung)."""
    if sight not in _SIGHTS:
        _SIGHTS.append(sight)


def extra_sight(user: User) -> list[tuple[int, str, int]]:
    found: list[tuple[int, str, int]] = []
    for sight in _SIGHTS:
        found += sight(user)
    return found


def awaiting_register(awaiting: Awaiting) -> None:
    """A policy that makes a complaint wait for a person's decision (the authority app: an
    approval above a handler's limit) says which complaints wait for a user, as a filter on
    complaints: the workspace's "awaiting my approval" queue."""
    if awaiting not in _AWAITING:
        _AWAITING.append(awaiting)


def awaiting_decision_of(user: User) -> Q:
    found = Q(pk__in=[])
    for awaiting in _AWAITING:
        found |= awaiting(user)
    return found
