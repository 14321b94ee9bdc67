"""The time standards follow the complaint: its events start, meet, pause and restart clocks.

Registered in SlaConfig.ready(). Each runs inside the complaint's transaction with its row
locked, so a clock never disagrees with the status that moved it.
"""

from complaintdesk.accounts.models import User
from complaintdesk.complaints.events import CONTACT_KINDS
from complaintdesk.complaints.hooks import (
    ComplaintClassified,
    ComplaintMoved,
    ComplaintRegistered,
    RecordWritten,
    awaiting_register,
    guard_register,
    sight_register,
)
from complaintdesk.complaints.permissions import role_paths
from complaintdesk.complaints.record_rules import Record
from complaintdesk.complaints.transitions import Action
from complaintdesk.core.hooks import subscribe
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.models import NotificationKind

from . import messages, selectors
from .guards import reply_channel_meets_clocks, review_window_open
from .services import (
    clocks_on_action,
    clocks_on_classification,
    clocks_on_contact,
    clocks_on_step,
    clocks_start,
    escalate_for_classification,
)


def on_registered(event: ComplaintRegistered) -> None:
    """Start the clocks; a grade or risk that calls for a higher rung puts it there at once
    (where the organisation follows a time-standards policy at all)."""
    if clocks_start(event.complaint, at=event.at) is not None:
        escalate_for_classification(event.complaint, event.at)


def on_moved(event: ComplaintMoved) -> None:
    clocks_on_action(event.complaint, event.action, event.at, level_before=event.level_before)


def on_classified(event: ComplaintClassified) -> None:
    clocks_on_classification(event.complaint, event.at)
    escalate_for_classification(event.complaint, event.at)


def on_record_written(event: RecordWritten) -> None:
    if event.record == Record.NOTE and event.detail in CONTACT_KINDS:
        clocks_on_contact(event.complaint, event.at)
    elif event.record == Record.STEP:
        clocks_on_step(event.complaint, event.detail, event.at)


def ladder_sight(user: User) -> list[tuple[int, str, int]]:
    """(organisation, role, level) for each organisation-wide rung the user holds the role of:
    from that level up they see every complaint of the organisation (the board office)."""
    sight = []
    for organisation_id in {h.organisation_id for h in role_paths(user)}:
        held = {h.role for h in role_paths(user) if h.organisation_id == organisation_id}
        sight += [
            (organisation_id, role, level)
            for role, level in selectors.organisation_wide_rungs(organisation_id)
            if role in held
        ]
    return sight


def connect() -> None:
    """Subscribe to the complaint's events, give the board office its sight, and say how the
    time standards' notifications read (SlaConfig.ready)."""
    subscribe(ComplaintRegistered, on_registered)
    subscribe(ComplaintMoved, on_moved)
    subscribe(ComplaintClassified, on_classified)
    subscribe(RecordWritten, on_record_written)
    sight_register(ladder_sight)
    guard_register(Action.REPLY, reply_channel_meets_clocks)
    guard_register(Action.APPEAL, review_window_open, complainant_only=True)
    message_register(NotificationKind.CLOCK_WARNING, messages.clock_warning)
    message_register(NotificationKind.PROGRESS_TASK, messages.progress_task)
    message_register(NotificationKind.ESCALATED, messages.escalated)
    message_register(NotificationKind.EXTENSION_REQUESTED, messages.extension_requested)
    message_register(NotificationKind.EXTENSION_DECIDED, messages.extension_decided)
    awaiting_register(selectors.extensions_awaiting)
