"""The values of the template variables for one complaint, in the language of the letter:
dates where the organisation is, the handler as the complainant should know them, and the
tracking link on the site's public address. Only the variables a template uses are looked
up, so a short acknowledgement costs no read of the replies or the policy."""

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from complaintdesk.complaints.models import Complaint, Reply
from complaintdesk.complaints.tracking import tracking_code
from complaintdesk.complaints.transitions import Action
from complaintdesk.sla.selectors import clock_rows, policy_for, policy_notes, promised


class _Reader:
    """Reads each fact once, when a variable first asks for it."""

    def __init__(self, complaint: Complaint, language: str) -> None:
        self.complaint = complaint
        self.language = language
        self.zone = ZoneInfo(complaint.organisation.time_zone)

    def date(self, moment: datetime | None) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d") if moment else ""

    @cached_property
    def reply(self) -> Reply | None:
        return self.complaint.replies.order_by("-sent_at", "-id").first()


def _handler(read: _Reader) -> str:
    """The handler by name, or the unit whose queue it waits in."""
    complaint = read.complaint
    return str(complaint.handler) if complaint.handler is not None else complaint.unit.name


def _tracking_link(read: _Reader) -> str:
    code = tracking_code(read.complaint)
    path = reverse(
        "portal:track_link", kwargs={"reference": read.complaint.reference, "code": code}
    )
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _due_date(read: _Reader) -> str:
    running = [row.clock.due_at for row in promised(clock_rows(read.complaint))]
    return read.date(min(running)) if running else ""


def _question(read: _Reader) -> str:
    asked = (
        read.complaint.events.filter(action=Action.REQUEST_INFORMATION)
        .order_by("-created_at", "-id")
        .values_list("text", flat=True)
        .first()
    )
    return asked or ""


def _regulator_wording(read: _Reader) -> str:
    policy = policy_for(read.complaint.organisation_id)
    return policy.reply_wording if policy else ""


def _review_until(read: _Reader) -> str:
    notes = policy_notes(read.complaint)
    return read.date(notes.review_until) if notes and notes.review_until else ""


# One per variable of placeholders.VARIABLES (a test holds the two together).
VALUES: dict[str, Callable[[_Reader], str]] = {
    "reference": lambda read: read.complaint.reference,
    "subject": lambda read: read.complaint.subject,
    "complainant_name": lambda read: read.complaint.complainant.name,
    "organisation": lambda read: read.complaint.organisation.name,
    "received_date": lambda read: read.date(read.complaint.received_at),
    "handler": _handler,
    "due_date": _due_date,
    "tracking_code": lambda read: tracking_code(read.complaint),
    "tracking_link": _tracking_link,
    "question": _question,
    "progress": lambda read: "",
    "decision": lambda read: read.reply.text if read.reply else "",
    "reasons": lambda read: read.reply.reasons if read.reply else "",
    "appeal_route": lambda read: read.reply.appeal_route if read.reply else "",
    "regulator_wording": _regulator_wording,
    "review_until": _review_until,
}


def letter_variables(
    complaint: Complaint, language: str, wanted: Iterable[str], **given: str
) -> dict[str, str]:
    """The `wanted` variables (of placeholders.VARIABLES); `given` overrides what is looked up
    (what the handler typed: the question, the progress)."""
    read = _Reader(complaint, language)
    return {
        name: given[name] if name in given else VALUES[name](read)
        for name in wanted
        if name in VALUES
    }
