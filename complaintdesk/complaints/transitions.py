"""The complaint lifecycle: the one table of allowed moves.

Services check it before every state change, the detail page draws its buttons from it and the
API will refuse with it. There is no second copy of the state machine anywhere: the moves the
system makes on its own (escalation by the sweep, the send-back after a refused approval) are
rows here too, marked `system`, which no person is offered and only their service performs.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaintdesk.accounts.roles import HANDLING_ROLES, Role

from . import guards
from .choices import OPEN_STATUSES, Status


class Action(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    ASSIGN = "assign", _("Assign")
    TAKE = "take", _("Take it")
    REASSIGN = "reassign", _("Reassign")
    START_INVESTIGATION = "start_investigation", _("Start investigation")
    REQUEST_INFORMATION = "request_information", _("Ask the complainant for information")
    RESUME = "resume", _("Complainant answered: resume")
    PROPOSE = "propose", _("Propose a solution")
    REPLY = "reply", _("Send the reply")
    START_FOLLOW_UP = "start_follow_up", _("Start follow-up")
    # In its own context: Django's admin has a "Close" button of its own, which is no closure.
    CLOSE = "close", pgettext_lazy("complaint action", "Close")
    REOPEN = "reopen", _("Reopen")
    APPEAL = "appeal", _("Register an appeal")
    WITHDRAW = "withdraw", _("Withdraw")
    MERGE = "merge", _("Merge into another complaint")
    REJECT = "reject", _("Reject as out of scope")


class SystemAction(models.TextChoices):
    """Moves the system makes on the strength of something else; nobody is offered them."""

    ESCALATE = "escalate", _("Escalate")
    # The written acknowledgement reached the complainant's mailbox (correspondence app).
    ACKNOWLEDGE_IN_WRITING = "acknowledge_in_writing", _("Acknowledged in writing")
    SEND_BACK = "send_back", _("Back to investigation after approval was refused")


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    # None: the complaint keeps its state (e.g. reassignment mid-investigation).
    target: str | None
    roles: frozenset[str]
    guard: Callable | None = None
    needs_reason: bool = False
    # Made by the system on the strength of something else (a breach, an approver's refusal):
    # offered to nobody, performed only by its service.
    system: bool = False
    # The complainant may make it themselves on the tracking page (answer a request, appeal);
    # their service has checked the tracking code, so no role is asked for.
    by_complainant: bool = False
    # The timeline kind the move writes.
    event_kind: str = "status_changed"
    # Whether the move counts as activity on the complaint (queues sort on it): a rung climbed
    # by the sweep is not work done on the case.
    touches_activity: bool = True

    @property
    def label(self) -> str:
        if self.system:
            return str(SystemAction(self.action).label)
        return str(Action(self.action).label)


_MANAGERS = frozenset(
    {Role.DISTRICT_MANAGER, Role.REGIONAL_GM, Role.HQ_COMPLAINTS, Role.ADMINISTRATOR}
)
_HANDLERS = _MANAGERS | {Role.HANDLER, Role.BOARD_INVESTIGATOR}
_FRONT_LINE = _HANDLERS | {Role.RECEIVER}
_IN_HANDLING = frozenset(
    {
        Status.ASSIGNED,
        Status.INVESTIGATING,
        Status.AWAITING_COMPLAINANT,
        Status.PROPOSED,
        Status.REPLIED,
        Status.FOLLOWING_UP,
        Status.REOPENED,
        Status.APPEAL,
    }
)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Action.ACKNOWLEDGE, frozenset({Status.RECEIVED}), Status.ACKNOWLEDGED, _FRONT_LINE),
    Transition(
        Action.ASSIGN,
        frozenset({Status.RECEIVED, Status.ACKNOWLEDGED}),
        Status.ASSIGNED,
        _MANAGERS | {Role.RECEIVER},
    ),
    # "Assign to me": whoever may handle complaints takes one nobody handles yet.
    Transition(
        Action.TAKE,
        frozenset({Status.RECEIVED, Status.ACKNOWLEDGED}),
        Status.ASSIGNED,
        HANDLING_ROLES,
    ),
    Transition(Action.REASSIGN, _IN_HANDLING, None, _MANAGERS, needs_reason=True),
    Transition(
        Action.START_INVESTIGATION,
        frozenset({Status.ASSIGNED, Status.REOPENED, Status.APPEAL}),
        Status.INVESTIGATING,
        _HANDLERS,
        guard=guards.has_handler,
    ),
    Transition(
        Action.REQUEST_INFORMATION,
        frozenset({Status.INVESTIGATING}),
        Status.AWAITING_COMPLAINANT,
        _HANDLERS,
        needs_reason=True,
    ),
    Transition(
        Action.RESUME,
        frozenset({Status.AWAITING_COMPLAINANT}),
        Status.INVESTIGATING,
        _FRONT_LINE,
        by_complainant=True,
    ),
    Transition(
        Action.PROPOSE,
        frozenset({Status.INVESTIGATING}),
        Status.PROPOSED,
        _HANDLERS,
        guard=guards.investigation_recorded,
    ),
    Transition(
        Action.REPLY,
        frozenset({Status.PROPOSED}),
        Status.REPLIED,
        _FRONT_LINE,
        # The authority app adds its own guard (approval settled) through hooks.guard_register.
    ),
    Transition(
        Action.START_FOLLOW_UP, frozenset({Status.REPLIED}), Status.FOLLOWING_UP, _FRONT_LINE
    ),
    Transition(
        Action.CLOSE,
        frozenset({Status.FOLLOWING_UP}),
        Status.CLOSED,
        _HANDLERS,
        guard=guards.ready_to_close,
    ),
    Transition(
        Action.REOPEN,
        frozenset({Status.REPLIED, Status.FOLLOWING_UP, Status.CLOSED}),
        Status.REOPENED,
        _HANDLERS | {Role.QUALITY_REVIEWER},
        needs_reason=True,
    ),
    Transition(
        Action.APPEAL,
        frozenset({Status.REPLIED, Status.FOLLOWING_UP, Status.CLOSED, Status.REJECTED}),
        Status.APPEAL,
        _FRONT_LINE,
        needs_reason=True,
        by_complainant=True,
    ),
    Transition(
        Action.WITHDRAW, frozenset(OPEN_STATUSES), Status.WITHDRAWN, _FRONT_LINE, needs_reason=True
    ),
    Transition(Action.MERGE, frozenset(OPEN_STATUSES), Status.MERGED, _HANDLERS),
    Transition(
        Action.REJECT,
        frozenset({Status.RECEIVED, Status.ACKNOWLEDGED, Status.ASSIGNED, Status.INVESTIGATING}),
        Status.REJECTED,
        _MANAGERS,
        needs_reason=True,
    ),
)

# The system's rows of the same table: same checks of state, same `_apply`, same timeline.
SYSTEM_TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        SystemAction.ESCALATE,
        frozenset(OPEN_STATUSES),
        None,
        frozenset(),
        system=True,
        event_kind="escalated",
        touches_activity=False,
    ),
    Transition(
        SystemAction.ACKNOWLEDGE_IN_WRITING,
        frozenset({Status.RECEIVED}),
        Status.ACKNOWLEDGED,
        frozenset(),
        system=True,
    ),
    Transition(
        SystemAction.SEND_BACK,
        frozenset({Status.PROPOSED}),
        Status.INVESTIGATING,
        frozenset(),
        system=True,
    ),
)

_BY_ACTION = {t.action: t for t in (*TRANSITIONS, *SYSTEM_TRANSITIONS)}


def transition_for(action: str) -> Transition:
    return _BY_ACTION[action]


def complainant_actions_from(status: str) -> list[Transition]:
    """The moves the tracking page may offer the complainant in this state."""
    return [t for t in TRANSITIONS if t.by_complainant and status in t.sources]


def actions_from(status: str) -> list[Transition]:
    """The moves a person may be offered from this state (system moves are never offered)."""
    return [t for t in TRANSITIONS if status in t.sources]
