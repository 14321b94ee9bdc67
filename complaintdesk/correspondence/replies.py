"""The reply composer's reading side: what the handler is offered to start from (the latest
proposal, the review route the policy gives) and the letter that would carry the reply, from
the organisation's template in the complainant's language."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from complaintdesk.authority.wording import remedy_text
from complaintdesk.complaints.choices import ReplyChannel
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.transitions import Action
from complaintdesk.sla.selectors import policy_for

from .models import LetterChannel, LetterKind
from .services import Draft, letter_draft

# The reply channels a letter carries, and how that letter goes.
LETTER_CHANNELS = {ReplyChannel.EMAIL: LetterChannel.EMAIL, ReplyChannel.LETTER: LetterChannel.POST}


@dataclass(frozen=True)
class ReplyStart:
    """The composer's fields before the handler has typed anything."""

    channel: str
    text: str
    reasons: str
    appeal_route: str


def reply_letter_kind(complaint: Complaint) -> str:
    """After a review the reply is its outcome; before, the decision."""
    appealed = complaint.events.filter(action=Action.APPEAL).exists()
    return LetterKind.APPEAL_OUTCOME if appealed else LetterKind.DECISION


def reply_start(complaint: Complaint) -> ReplyStart:
    """The latest proposal as the decision and its reasons, and the review route the policy
    gives, all in the complainant's language (they are read by the complainant)."""
    person = complaint.complainant
    if person.email:
        channel = ReplyChannel.EMAIL
    elif person.address:
        channel = ReplyChannel.LETTER
    else:
        channel = ReplyChannel.ORAL_PHONE
    proposal = complaint.proposals.order_by("-proposed_at", "-id").first()
    policy = policy_for(complaint.organisation_id)
    days = policy.review_window_days if policy else 0
    with translation.override(complaint.language):
        text = ""
        if proposal is not None:
            offered = remedy_text(proposal.remedy_type, proposal.amount, proposal.currency)
            text = f"{offered}\n{proposal.description}".strip()
        if days:
            route = _(
                "If you do not accept this decision, you may ask us to review it within "
                "%(days)s days of receiving it: reply to this message or use your tracking page."
            ) % {"days": days}
        else:
            route = _(
                "If you do not accept this decision, reply to this message or use your tracking "
                "page to ask us to review it."
            )
    return ReplyStart(
        channel=channel,
        text=text,
        reasons=proposal.reasons if proposal else "",
        appeal_route=route,
    )


def reply_draft(complaint: Complaint, *, text: str, reasons: str, appeal_route: str) -> Draft:
    """The letter that would carry this reply, from the template with what was typed."""
    return letter_draft(
        complaint,
        reply_letter_kind(complaint),
        decision=text.strip(),
        reasons=reasons.strip(),
        appeal_route=appeal_route.strip(),
    )
