"""How the tracking page tells a complainant where their complaint stands: plain words for
each state and each event, never the staff's vocabulary, never a colleague's name."""

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrPromise

from complaintdesk.complaints.choices import ComplainantResponse, Status
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import Complaint, ComplaintEvent, Reply
from complaintdesk.complaints.transitions import Action

STATUS_WORDS: dict[str, StrPromise] = {
    Status.RECEIVED: gettext_lazy("We have received your complaint."),
    Status.ACKNOWLEDGED: gettext_lazy("We have registered your complaint and will assign it."),
    Status.ASSIGNED: gettext_lazy("A member of our team is handling your complaint."),
    Status.INVESTIGATING: gettext_lazy("We are looking into what happened."),
    Status.AWAITING_COMPLAINANT: gettext_lazy(
        "We need something from you before we can go on: see our question below."
    ),
    Status.PROPOSED: gettext_lazy("We are preparing our answer."),
    Status.REPLIED: gettext_lazy("We have answered: please tell us whether you accept."),
    Status.FOLLOWING_UP: gettext_lazy("We are checking that the problem is really solved."),
    Status.CLOSED: gettext_lazy("Your complaint is closed."),
    Status.REOPENED: gettext_lazy("We are looking into your complaint again."),
    Status.APPEAL: gettext_lazy("Your request for a review is being considered."),
    Status.WITHDRAWN: gettext_lazy("Your complaint was withdrawn."),
    Status.MERGED: gettext_lazy("Your complaint is handled together with another one."),
    Status.REJECTED: gettext_lazy("We could not take up this complaint: see the reason below."),
}


def standing(complaint: Complaint) -> str:
    """Where the complaint stands, in a sentence; once the complainant has answered the reply,
    the sentence no longer asks them to."""
    answered = complaint.status in (Status.REPLIED, Status.FOLLOWING_UP)
    if answered and complaint.complainant_response == ComplainantResponse.ACCEPTED:
        return _("You accepted our solution. We will check with you that the problem is solved.")
    if answered and complaint.complainant_response == ComplainantResponse.REJECTED:
        return _("You did not accept our solution. You may ask for a review of our decision below.")
    return str(STATUS_WORDS.get(complaint.status, ""))


# Moves whose reason is written for the complainant: our question, why we could not take the
# complaint up, and their own words when they withdrew or appealed.
_REASONS_SHOWN = {Action.REQUEST_INFORMATION, Action.REJECT, Action.WITHDRAW, Action.APPEAL}


@dataclass
class PublicEntry:
    at: datetime
    title: str
    text: str = ""
    # For a reply: the reasons and the route of appeal.
    details: list[tuple[str, str]] = field(default_factory=list)
    by_complainant: bool = False


def _local(moment: datetime, complaint: Complaint) -> datetime:
    return moment.astimezone(ZoneInfo(complaint.organisation.time_zone))


def public_entries(
    complaint: Complaint, events: list[ComplaintEvent], replies: dict[int, Reply]
) -> list[PublicEntry]:
    entries = []
    for event in events:
        data = event.data or {}
        unchanged = event.status_before == event.status_after
        if event.kind == EventKind.STATUS_CHANGED and (unchanged or event.action == Action.REPLY):
            # A reassignment inside the team changes nothing for the complainant; the reply
            # is its own entry, with the answer.
            continue
        entry = PublicEntry(
            at=_local(event.created_at, complaint),
            title=str(EventKind(event.kind).label),
            by_complainant=data.get("by") == "complainant",
        )
        if event.kind == EventKind.REGISTERED:
            entry.title = _("Complaint received")
        elif event.kind == EventKind.STATUS_CHANGED:
            entry.title = str(STATUS_WORDS.get(event.status_after, event.status_after))
            if event.action == Action.REQUEST_INFORMATION:
                entry.title = _("Our question to you")
            if event.action in _REASONS_SHOWN:
                entry.text = event.text
        elif event.kind == EventKind.REPLY_SENT:
            entry.title = _("Our answer")
            entry.text = event.text
            reply_id = data.get("reply_id")
            reply = replies.get(reply_id) if isinstance(reply_id, int) else None
            if reply is not None:
                entry.details.append((_("Reasons"), reply.reasons))
                if reply.appeal_route:
                    entry.details.append((_("If you do not agree"), reply.appeal_route))
        elif event.kind == EventKind.CORRESPONDENCE_SENT:
            entry.title = (
                _("We e-mailed you: %(subject)s")
                if data.get("channel") == "email"
                else _("We sent you a letter: %(subject)s")
            ) % {"subject": data.get("subject", "")}
            entry.text = ""
        elif event.kind == EventKind.COMPLAINANT_WROTE:
            entry.title = _("Your message")
            entry.text = event.text
        elif event.kind == EventKind.ATTACHMENT_ADDED:
            entry.title = _("File sent: %(name)s") % {"name": event.text}
        elif event.kind == EventKind.RESPONSE_RECORDED:
            entry.title = (
                _("You accepted the solution")
                if data.get("response") == ComplainantResponse.ACCEPTED
                else _("You did not accept the solution")
            )
            entry.text = event.text
        elif event.kind == EventKind.RATED:
            entry.title = _("You rated our handling %(score)s out of 5") % {
                "score": data.get("score")
            }
            entry.text = event.text
        else:
            # A note written for the complainant, or a logged contact they were part of.
            entry.text = event.text
        entries.append(entry)
    return entries
