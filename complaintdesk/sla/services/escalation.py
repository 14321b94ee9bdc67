"""Moving a complaint up the escalation ladder and telling the people on the new rung.

The rung itself is written by the complaints core (`complaint_escalate`, a system row of the
transitions table); this module decides when and how far, and who is told. The clocks that
begin on a rung start from the ComplaintMoved event that the move publishes.
"""

from datetime import datetime

from complaintdesk.complaints.events import EscalationCause
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.services import complaint_escalate
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.notifications.services import notify

from .. import selectors
from ..models import ComplaintClock


def escalate_to(
    complaint: Complaint,
    level: int,
    at: datetime,
    *,
    cause: str = EscalationCause.BY_HAND,
    clock: ComplaintClock | None = None,
    reason: str = "",
) -> bool:
    """Put the complaint on `level` (never lower than it stands, never above the ladder's top),
    write it through the complaints core, and notify that rung and the handler, in-app and by
    mail. `cause` is an EscalationCause; `reason` only ever a person's words."""
    ladder = {rung.level: rung for rung in selectors.ladder_for(complaint.organisation_id)}
    level = min(level, max(ladder))
    if level <= complaint.escalation_level:
        return False
    rung = ladder.get(level)
    complaint_escalate(
        complaint,
        level,
        at,
        role=rung.role if rung else "",
        cause=cause,
        clock=clock.name if clock else "",
        reason=reason,
    )
    people = selectors.people_at_level(complaint, level)
    if complaint.handler is not None:
        people.append(complaint.handler)
    notify(
        people,
        kind=NotificationKind.ESCALATED,
        complaint=complaint,
        params={
            "level": level,
            "cause": cause,
            "rule": clock.rule_id if clock else None,
            "note": reason,
        },
        at=at,
    )
    return True


def escalate_for_classification(complaint: Complaint, at: datetime) -> None:
    """A grade, risk flag or channel that calls for a higher rung puts the complaint there."""
    level = selectors.start_level_for(complaint)
    if level > complaint.escalation_level:
        escalate_to(complaint, level, at, cause=EscalationCause.CLASSIFICATION)
