"""Correspondence follows the complaint: a written complaint is acknowledged in writing where
the policy says so, the complainant gets the handler's question, the reply sent by e-mail or
as a letter, and an invitation to rate the handling once it is closed; the worker's beat
retries mail the server refused."""

from complaintdesk.complaints.choices import WRITTEN_CHANNELS, ReplyChannel, Status
from complaintdesk.complaints.hooks import ComplaintMoved, ComplaintRegistered
from complaintdesk.complaints.models import Complaint, Rating
from complaintdesk.complaints.transitions import Action
from complaintdesk.core.errors import GuardFailed
from complaintdesk.core.hooks import subscribe
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.sla.hooks import SweepRan
from complaintdesk.sla.selectors import policy_for

from .delivery import letter_deliver, letter_failed_message, letters_due
from .models import LetterChannel, LetterKind
from .services import letter_send


def _send_if_possible(complaint: Complaint, kind: str, by, channel=LetterChannel.EMAIL) -> None:
    """A letter the system writes on the strength of a move: where the complainant left no
    address for it, there is nothing to send, and the move stands."""
    try:
        letter_send(complaint, kind, by=by, channel=channel, checked=False)
    except GuardFailed:
        return


def on_registered(event: ComplaintRegistered) -> None:
    complaint = event.complaint
    # The cheap tests first: a call or a complainant without e-mail costs no query.
    if complaint.channel not in WRITTEN_CHANNELS or not complaint.complainant.email:
        return
    policy = policy_for(complaint.organisation_id)
    if policy is not None and policy.acknowledge_in_writing:
        _send_if_possible(complaint, LetterKind.ACKNOWLEDGEMENT, None)


def on_moved(event: ComplaintMoved) -> None:
    complaint = event.complaint
    if event.action == Action.REQUEST_INFORMATION:
        _send_if_possible(complaint, LetterKind.INFORMATION_REQUEST, event.by)
    elif event.action == Action.REPLY:
        _reply_sent(complaint, event.by)
    elif event.action == Action.CLOSE and complaint.status == Status.CLOSED:
        reply = complaint.replies.order_by("-sent_at", "-id").first()
        if reply is not None and not Rating.objects.filter(reply=reply).exists():
            _send_if_possible(complaint, LetterKind.SURVEY_INVITATION, event.by)


def _reply_sent(complaint: Complaint, by) -> None:
    """The decision goes out in the channel the handler chose; after a review, as its
    outcome."""
    reply = complaint.replies.order_by("-sent_at", "-id").first()
    if reply is None:
        return
    appealed = complaint.events.filter(action=Action.APPEAL).exists()
    kind = LetterKind.APPEAL_OUTCOME if appealed else LetterKind.DECISION
    if reply.channel == ReplyChannel.EMAIL:
        _send_if_possible(complaint, kind, by)
    elif reply.channel == ReplyChannel.LETTER:
        _send_if_possible(complaint, kind, by, channel=LetterChannel.POST)


def on_sweep(event: SweepRan) -> None:
    for letter_id in letters_due(event.now):
        letter_deliver(letter_id, now=event.now)


def connect() -> None:
    subscribe(ComplaintRegistered, on_registered, after=True)
    subscribe(ComplaintMoved, on_moved)
    subscribe(SweepRan, on_sweep)
    message_register(NotificationKind.LETTER_FAILED, letter_failed_message)
