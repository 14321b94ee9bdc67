"""The timeline rows the policy apps write through the core: the time standards' warnings,
breaches, pauses and extensions (sla), approvals (authority) and what was written to the
complainant (correspondence). Their writers are here so that a policy never builds a row of
the core's table itself; the core's own rows are in events.py.
"""

from datetime import datetime
from decimal import Decimal

from complaintdesk.accounts.models import User

from .choices import EventKind, Visibility
from .events import append_event, money_text
from .models import Complaint, ComplaintEvent

# --- correspondence (written by the correspondence app through these functions) ------------


def correspondence_event(
    complaint: Complaint,
    by: User | None,
    at: datetime,
    *,
    sent: bool,
    letter_id: int,
    kind: str,
    channel: str,
    subject: str,
    error: str = "",
) -> ComplaintEvent:
    """A letter or mail to the complainant went out (the complainant sees it on their page),
    or could not (`error`, the mail server's words, for staff only)."""
    return append_event(
        complaint,
        EventKind.CORRESPONDENCE_SENT if sent else EventKind.CORRESPONDENCE_FAILED,
        by,
        at,
        text=subject if sent else error,
        visibility=Visibility.COMPLAINANT if sent else Visibility.INTERNAL,
        data={"letter_id": letter_id, "kind": kind, "channel": channel, "subject": subject},
    )


# --- time standards (written by the sla app through these functions) ----------------------


def clock_warning_event(
    complaint: Complaint, at: datetime, *, clock: str, due_at: datetime, point: int
) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.CLOCK_WARNING,
        None,
        at,
        data={"clock": clock, "due_at": due_at.isoformat(), "point": point},
    )


def clock_breached_event(
    complaint: Complaint, at: datetime, *, clock: str, due_at: datetime, action: str
) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.CLOCK_BREACHED,
        None,
        at,
        data={"clock": clock, "due_at": due_at.isoformat(), "action": action},
    )


def clocks_paused_event(
    complaint: Complaint, at: datetime, clocks: list[str], *, resumed: bool
) -> ComplaintEvent:
    kind = EventKind.CLOCK_RESUMED if resumed else EventKind.CLOCK_PAUSED
    return append_event(complaint, kind, None, at, data={"clocks": clocks})


def clock_extended_event(
    complaint: Complaint,
    by: User,
    at: datetime,
    *,
    clock: str,
    due_before: datetime,
    due_after: datetime,
    approved: bool,
    reason: str,
) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.CLOCK_EXTENDED,
        by,
        at,
        text=reason,
        visibility=Visibility.COMPLAINANT,
        data={
            "clock": clock,
            "due_before": due_before.isoformat(),
            "due_after": due_after.isoformat(),
            "approved_by": by.pk if approved else None,
        },
    )


def extension_requested_event(
    complaint: Complaint,
    by: User,
    at: datetime,
    *,
    request_id: int,
    clock: str,
    amount_after: int,
    unit: str,
    approval_role: str,
    reason: str,
) -> ComplaintEvent:
    """Internal until decided: the complainant is told when the deadline actually moves."""
    return append_event(
        complaint,
        EventKind.EXTENSION_REQUESTED,
        by,
        at,
        text=reason,
        data={
            "request": request_id,
            "clock": clock,
            "amount_after": amount_after,
            "unit": unit,
            "approval_role": approval_role,
        },
    )


def extension_refused_event(
    complaint: Complaint, by: User, at: datetime, *, request_id: int, clock: str, reason: str
) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.EXTENSION_REFUSED,
        by,
        at,
        text=reason,
        data={"request": request_id, "clock": clock},
    )


# --- approvals (written by the authority app) ----------------------------------------------


def approval_requested_event(
    complaint: Complaint,
    by: User,
    at: datetime,
    *,
    request_id: int,
    approver_role: str,
    remedy_type: str,
    amount: Decimal | None,
    limit: Decimal | None,
    covered: bool,
    due_at: datetime,
) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.APPROVAL_REQUESTED,
        by,
        at,
        data={
            "approval_request_id": request_id,
            "approver_role": approver_role,
            "remedy_type": remedy_type,
            "amount": money_text(amount),
            "limit": money_text(limit),
            "covered": covered,
            "due_at": due_at.isoformat(),
        },
    )


def approval_decided_event(
    complaint: Complaint,
    by: User,
    at: datetime,
    *,
    request_id: int,
    approved: bool,
    approver_role: str,
    remedy_type: str,
    amount: Decimal | None,
    reason: str,
) -> ComplaintEvent:
    return append_event(
        complaint,
        EventKind.APPROVAL_DECIDED,
        by,
        at,
        text=reason,
        data={
            "approval_request_id": request_id,
            "approved": approved,
            "approver_role": approver_role,
            "remedy_type": remedy_type,
            "amount": money_text(amount),
        },
    )


def approval_overdue_event(complaint: Complaint, at: datetime, request_id: int) -> ComplaintEvent:
    return append_event(
        complaint, EventKind.APPROVAL_OVERDUE, None, at, data={"approval_request_id": request_id}
    )


# --- tasks for other departments (written by the handling_tasks app) ------------------------


def task_event(
    complaint: Complaint,
    by: User | None,
    at: datetime,
    *,
    kind: str,
    task_id: int,
    text: str,
    unit: str,
    owner: str = "",
    due_at: datetime | None = None,
) -> ComplaintEvent:
    """A task asked of another department, done, cancelled or overdue: for staff only (the
    complainant hears of its result in the reply). `text` is the task (asked), its outcome
    (done) or why it was cancelled."""
    return append_event(
        complaint,
        kind,
        by,
        at,
        text=text,
        data={
            "task_id": task_id,
            "unit": unit,
            "owner": owner,
            **({"due_at": due_at.isoformat()} if due_at else {}),
        },
    )


# --- incidents (written by the incidents app) ------------------------------------------------


def incident_event(
    complaint: Complaint, by: User, at: datetime, *, linked: bool, incident_id: int, title: str
) -> ComplaintEvent:
    """The complaint joined an incident (one cause, handled once for all its complaints), or
    left it."""
    return append_event(
        complaint,
        EventKind.INCIDENT_LINKED if linked else EventKind.INCIDENT_UNLINKED,
        by,
        at,
        text=title,
        data={"incident_id": incident_id},
    )
