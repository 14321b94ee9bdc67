"""The two checklists of the complaint page, read from what is on file.

The handling steps (domain.md: listen, apologise, collect, propose, ask the complainant's
opinion, follow up) are done when someone records them, or when an action that implies them
is on the timeline: a proposal is the "propose" step, a recorded investigation the "collect"
step. The closing checklist is the closing guard (guards.ready_to_close) item by item, so the
page can say what is done and who must do the rest.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise

from complaintdesk.accounts.models import User

from .choices import VERBAL_CHANNELS, EventKind, HandlingStep
from .models import Complaint, ComplaintEvent
from .transitions import Action

# What else shows a step was done: an event of this kind (and, for a move, this action).
_IMPLIED_BY: dict[str, tuple[str, str]] = {
    HandlingStep.COLLECT: (EventKind.INVESTIGATION_RECORDED, ""),
    HandlingStep.PROPOSE: (EventKind.STATUS_CHANGED, Action.PROPOSE),
    HandlingStep.ASK_OPINION: (EventKind.RESPONSE_RECORDED, ""),
    HandlingStep.FOLLOW_UP: (EventKind.FOLLOW_UP_RECORDED, ""),
}
_SIX = [step for step in HandlingStep if step != HandlingStep.EXECUTIVE_REPORT]


@dataclass(frozen=True)
class StepDone:
    step: str
    label: str | Promise
    # Who did it and when (the first time); None while it is still to do.
    by: User | None = None
    at: datetime | None = None
    # Whether someone recorded the step itself, or an action implied it.
    recorded: bool = False

    @property
    def done(self) -> bool:
        return self.at is not None


def handling_steps(complaint: Complaint, events: Iterable[ComplaintEvent]) -> list[StepDone]:
    """The six steps in order, each with who did it first and when, from the complaint's
    timeline (which the page has read already: no query of its own). The executives' written
    report is listed too once it is recorded (board-office cases)."""
    first: dict[str, StepDone] = {}
    if complaint.channel in VERBAL_CHANNELS and complaint.received_by_id is not None:
        # Taking down a call or a visit is listening to the complainant.
        first[HandlingStep.LISTEN] = StepDone(
            HandlingStep.LISTEN,
            HandlingStep.LISTEN.label,
            complaint.received_by,
            complaint.received_at,
        )
    for event in events:
        step = _step_of(event)
        if step and step not in first:
            recorded = event.kind == EventKind.STEP_RECORDED
            first[step] = StepDone(
                step, HandlingStep(step).label, event.actor, event.created_at, recorded
            )
    steps: list[HandlingStep] = [*_SIX]
    if HandlingStep.EXECUTIVE_REPORT in first:
        steps.append(HandlingStep.EXECUTIVE_REPORT)
    return [first.get(step) or StepDone(step, step.label) for step in steps]


def _step_of(event: ComplaintEvent) -> str:
    if event.kind == EventKind.STEP_RECORDED:
        return str(event.data.get("step", ""))
    for step, (kind, action) in _IMPLIED_BY.items():
        if event.kind == kind and (not action or event.action == action):
            return step
    return ""
