"""The authority app follows the complaint: a proposal beyond authority opens a request, the
reply waits for it, and the minute's sweep chases late decisions."""

from complaintdesk.complaints.hooks import ProposalMade, awaiting_register, guard_register
from complaintdesk.complaints.transitions import Action
from complaintdesk.core.hooks import subscribe
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.sla.hooks import SweepRan

from . import messages
from .guards import approval_settled
from .selectors import awaiting_approval_by, within_authority
from .services import approval_request_open, approvals_overdue_remind


def on_proposal(event: ProposalMade) -> None:
    proposal = event.proposal
    if not within_authority(event.by, event.complaint, proposal.remedy_type, proposal.amount):
        approval_request_open(proposal, event.by, event.at)


def on_sweep(event: SweepRan) -> None:
    event.report["approvals_reminded"] = approvals_overdue_remind(event.now)


def connect() -> None:
    subscribe(ProposalMade, on_proposal)
    subscribe(SweepRan, on_sweep)
    guard_register(Action.REPLY, approval_settled)
    awaiting_register(awaiting_approval_by)
    message_register(NotificationKind.APPROVAL_REQUESTED, messages.approval_requested)
    message_register(NotificationKind.APPROVAL_DECIDED, messages.approval_decided)
    message_register(NotificationKind.APPROVAL_OVERDUE, messages.approval_overdue)
