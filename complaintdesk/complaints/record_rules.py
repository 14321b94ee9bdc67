"""Which handling record may be written in which state, by which capability: one table.

The services check it before every write (`record_check`), whoever calls them: the pages, the
API, mail intake or a task. The screens only read it (`records_writable`) to decide which forms
to offer, so a form is never offered that the service would refuse, and no screen holds a
rule of its own. Lifecycle moves are the other table, `transitions.py`.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import MANAGING_ROLES, Capability
from complaintdesk.core.errors import GuardFailed, TransitionNotAllowed

from . import permissions
from .choices import OPEN_STATUSES, Status
from .models import Complaint


class Record(models.TextChoices):
    RECORD = "record", gettext_lazy("Complaint record")
    CLASSIFICATION = "classification", gettext_lazy("Classification")
    INVESTIGATION = "investigation", gettext_lazy("Investigation")
    STEP = "step", gettext_lazy("Handling step")
    RESPONSE = "response", gettext_lazy("Complainant's response")
    FOLLOW_UP = "follow_up", gettext_lazy("Follow-up call")
    CONFIRM_RECEIPT = (
        "confirm_receipt",
        gettext_lazy("Confirmation that the reply reached the complainant"),
    )
    ATTACHMENT = "attachment", gettext_lazy("Attachment")
    NOTE = "note", gettext_lazy("Note or contact")
    RATING = "rating", gettext_lazy("Complainant's rating")


@dataclass(frozen=True)
class RecordRule:
    record: str
    capability: str
    statuses: frozenset[str]
    # Only the person who took the complaint in may write it (they confirm with the
    # complainant, whom they spoke to, that a colleague's reply arrived), or a manager on their
    # behalf when they have left or are away (the service asks the manager for a reason).
    receiver_only: bool = False
    # The states in which the complainant may write it themselves on the tracking page (their
    # answer to the solution, their rating, a message, evidence); empty: they may not.
    by_complainant: frozenset[str] = frozenset()


_AFTER_REPLY = frozenset({Status.REPLIED, Status.FOLLOWING_UP})
_EVERY_STATUS = frozenset(Status.values)

RECORD_RULES: tuple[RecordRule, ...] = (
    # What the complaint is about is settled once it leaves the queues: a closed, withdrawn,
    # merged or rejected complaint keeps the record it was decided on.
    RecordRule(Record.RECORD, Capability.EDIT_RECORD, OPEN_STATUSES),
    RecordRule(Record.CLASSIFICATION, Capability.EDIT_RECORD, OPEN_STATUSES),
    RecordRule(Record.INVESTIGATION, Capability.INVESTIGATE, OPEN_STATUSES),
    RecordRule(Record.STEP, Capability.FOLLOW_UP, OPEN_STATUSES),
    # The complainant's answer and the follow-up calls check on a reply that was sent.
    RecordRule(Record.RESPONSE, Capability.FOLLOW_UP, _AFTER_REPLY, by_complainant=_AFTER_REPLY),
    RecordRule(Record.FOLLOW_UP, Capability.FOLLOW_UP, _AFTER_REPLY),
    RecordRule(Record.CONFIRM_RECEIPT, Capability.FOLLOW_UP, _AFTER_REPLY, receiver_only=True),
    # Evidence may still arrive after closing (a receipt, a photo of the repair).
    RecordRule(
        Record.ATTACHMENT,
        Capability.ADD_NOTE,
        OPEN_STATUSES | {Status.CLOSED},
        by_complainant=OPEN_STATUSES | {Status.CLOSED},
    ),
    # Notes and logged contacts are history, not the record: always allowed. The complainant
    # writes while anything can still come of it (a closed or rejected case can be appealed).
    RecordRule(
        Record.NOTE,
        Capability.ADD_NOTE,
        _EVERY_STATUS,
        by_complainant=OPEN_STATUSES | {Status.CLOSED, Status.REJECTED},
    ),
    # The complainant's rating of the handling, once they have the answer: their own voice,
    # which no member of staff writes for them (a follow-up call records its own scores).
    RecordRule(
        Record.RATING,
        Capability.FOLLOW_UP,
        frozenset(),
        by_complainant=_AFTER_REPLY | {Status.CLOSED},
    ),
)

_BY_RECORD = {rule.record: rule for rule in RECORD_RULES}


def record_rule(record: str) -> RecordRule:
    return _BY_RECORD[record]


def record_check(user: User, complaint: Complaint, record: str) -> None:
    """Refuse a write the table does not allow: out of sight (as not found), a capability
    the user lacks on this complaint, or a state the record may not be written in."""
    rule = _BY_RECORD[record]
    permissions.require_capability(user, complaint, rule.capability)
    if complaint.status not in rule.statuses:
        raise TransitionNotAllowed(
            _("“%(record)s” cannot be recorded while the complaint is “%(status)s”.")
            % {"record": Record(record).label, "status": complaint.get_status_display()}
        )
    if rule.receiver_only and not acts_as_receiver(user, complaint):
        raise GuardFailed(
            _(
                "Only the person who received the complaint (%(receiver)s), or a manager on "
                "their behalf, can confirm this."
            )
            % {"receiver": complaint.received_by}
        )


def complainant_record_check(complaint: Complaint, record: str) -> None:
    """Refuse what the complainant may not write on their complaint as it stands now."""
    if complaint.status not in _BY_RECORD[record].by_complainant:
        raise TransitionNotAllowed(
            _("This is not possible while your complaint is “%(status)s”.")
            % {"status": complaint.get_status_display()}
        )


def complainant_records_writable(complaint: Complaint) -> set[str]:
    return {rule.record for rule in RECORD_RULES if complaint.status in rule.by_complainant}


def records_writable(user: User, complaint: Complaint) -> set[str]:
    """The records this user may write on this complaint now (what the page offers)."""
    return {
        rule.record
        for rule in RECORD_RULES
        if complaint.status in rule.statuses
        and permissions.has_capability(user, complaint, rule.capability)
        and (not rule.receiver_only or acts_as_receiver(user, complaint))
    }


def acts_as_receiver(user: User, complaint: Complaint) -> bool:
    """The receiver in person, or a manager over the complaint who may act for them."""
    if user.pk == complaint.received_by_id:
        return True
    return bool(permissions.roles_on(user, complaint) & MANAGING_ROLES)
