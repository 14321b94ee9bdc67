"""The complaint's writes that the policies cause rather than a person: the rung of the
escalation ladder, the send-back after a refused approval, and the summary of its deadlines.

They are services of the complaints core, so that the core stays the only writer of a
complaint; the sla and authority apps decide when to call them.
"""

from datetime import datetime

from complaintdesk.accounts.models import User

from ..events import EscalationCause
from ..models import Complaint
from ..transitions import SystemAction
from .lifecycle import _apply


def complaint_escalate(
    complaint: Complaint,
    level: int,
    at: datetime,
    *,
    role: str,
    cause: str = EscalationCause.BY_HAND,
    clock: str = "",
    reason: str = "",
) -> Complaint:
    """Put the complaint on rung `level` of its ladder (the sla app has checked the rung exists
    and is above the current one). `cause` is an EscalationCause; `clock` the clock whose
    breach caused it; `reason` only ever a person's words."""
    before = complaint.escalation_level
    return _apply(
        complaint,
        None,
        SystemAction.ESCALATE,
        at=at,
        reason=reason,
        updates={"escalation_level": level},
        data={
            "level_before": before,
            "level": level,
            "role": role,
            "cause": cause,
            "clock": clock,
        },
    )


def complaint_send_back(
    complaint: Complaint, by: User, at: datetime, *, reason: str, approval_request_id: int
) -> Complaint:
    """A refused approval returns the complaint to investigation for a new proposal; `by` is
    the approver whose decision it was, `reason` their words."""
    return _apply(
        complaint,
        by,
        SystemAction.SEND_BACK,
        at=at,
        reason=reason,
        data={"approval_request_id": approval_request_id},
    )


def complaint_deadlines_summarise(complaint: Complaint, state: str, due: datetime | None) -> None:
    """Keep the complaint's summary of its clocks (worst state, earliest open deadline) that
    queues sort and filter on. The caller (the sla app) holds the complaint's lock."""
    if (complaint.sla_state, complaint.sla_due_at) == (state, due):
        return
    Complaint.objects.filter(pk=complaint.pk).update(sla_state=state, sla_due_at=due)
    complaint.sla_state, complaint.sla_due_at = state, due
