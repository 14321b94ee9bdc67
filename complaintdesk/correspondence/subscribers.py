"""Correspondence follows the complaint: a written complaint is acknowledged in writing where
the policy says so, the complainant gets the handler's question, the reply sent by e-mail or
as a letter, and an invitation to rate the handling once it is closed; the worker's beat
retries mail the server refused."""

from complaintdesk.complaints.choices import WRITTEN_CHANNELS, Status
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
from .replies import LETTER_CHANNELS, reply_letter_kind
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
        _reply_sent(complaint, event.by, event.written)
    elif event.action == Action.CLOSE and complaint.status == Status.CLOSED:
        reply = complaint.replies.order_by("-sent_at", "-id").first()
        if reply is not None and not Rating.objects.filter(reply=reply).exists():
            _send_if_possible(complaint, LetterKind.SURVEY_INVITATION, event.by)


def _reply_sent(complaint: Complaint, by, written: dict[str, str]) -> None:
    """The decision goes out in the channel the handler chose; after a review, as its
    outcome. A letter the handler read and corrected goes as written, or the reply is not
    made: what they wrote is never dropped for want of an address."""
    reply = complaint.replies.order_by("-sent_at", "-id").first()
    if reply is None or reply.channel not in LETTER_CHANNELS:
        return
    kind = reply_letter_kind(complaint)
    channel = LETTER_CHANNELS[reply.channel]
    if written:
        letter_send(
            complaint,
            kind,
            by=by,
            channel=channel,
            subject=written.get("subject", ""),
            body=written.get("body", ""),
            checked=False,
        )
    else:
        _send_if_possible(complaint, kind, by, channel=channel)


def on_sweep(event: SweepRan) -> None:
    for letter_id in letters_due(event.now):
        letter_deliver(letter_id, now=event.now)


def connect() -> None:
    subscribe(ComplaintRegistered, on_registered, after=True)
    subscribe(ComplaintMoved, on_moved)
    subscribe(SweepRan, on_sweep)
    message_register(NotificationKind.LETTER_FAILED, letter_failed_message)
