"""Historical complaints as another system recorded them, made into our records and checked,
with no query: an importer prepares the next rows while the database writes the last ones
(history.py writes them).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, OrgUnit, User
from complaintdesk.core.errors import GuardFailed
from complaintdesk.core.scripts import language_of
from complaintdesk.customers.models import digits_of
from complaintdesk.customers.services import ContactDetails

from ..choices import FINAL_STATUSES, Channel, Grade, RiskFlag, Status
from ..models import Category, Complaint, RootCause
from ..tracking import tracking_key_new
from .intake import _validate

IMPORT_KEY_PREFIX = "import:"
# `in Status` builds a set of the members' values on every call; 100,000 rows ask once each.
_STATUSES = frozenset(member.value for member in Status)
# Longest values the columns hold: a longer one is an invalid row, never a cut-off text.
SUBJECT_LIMIT = 200
EXTERNAL_ID_LIMIT = 100


@dataclass(frozen=True)
class HistoricalComplaint:
    """One complaint as another system recorded it, mapped to our record."""

    unit: OrgUnit
    received_at: datetime
    subject: str
    description: str
    complainant: ContactDetails
    channel: str = Channel.IMPORT
    status: str = Status.CLOSED
    closed_at: datetime | None = None
    first_replied_at: datetime | None = None
    language: str = ""
    external_id: str = ""
    site: OrgUnit | None = None
    category: Category | None = None
    grade: str = Grade.GENERAL
    anger_score: int | None = None
    risks: frozenset[str] = field(default_factory=frozenset)
    root_cause: RootCause | None = None
    handler: User | None = None
    demand: str = ""
    claimed_loss_amount: Decimal | None = None
    claimed_loss_currency: str = ""
    findings: str = ""

    @property
    def content_key(self) -> str:
        """The intake key of a row without an external id: a digest of what identifies the
        complaint (when, what, who), blind to spacing and to how a phone number is written,
        so the same row read again from the same or a later file is recognised."""
        person = self.complainant
        parts = [
            self.received_at.astimezone(ZoneInfo("UTC")).isoformat(),
            " ".join(self.subject.split()),
            " ".join(self.description.split()),
            " ".join(person.name.split()),
            digits_of(person.phone),
            person.email.strip().lower(),
        ]
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        return f"{IMPORT_KEY_PREFIX}{digest}"

    @property
    def identity(self) -> str:
        """What makes two rows the same complaint: the external id, else the content key."""
        return f"external:{self.external_id}" if self.external_id else self.content_key


@dataclass(frozen=True)
class PreparedComplaint:
    """A historical complaint made into its record and checked: not yet numbered, linked to
    its complainant or written."""

    item: HistoricalComplaint
    complaint: Complaint
    problems: list[str]


def historical_prepare(
    organisation: Organisation, items: list[HistoricalComplaint]
) -> list[PreparedComplaint]:
    """The records of these complaints and why any cannot be imported, in the user's
    language. No query: an importer may prepare the next rows while the database writes the
    last ones. The record is checked by the same rules as a registration (intake._validate)."""
    prepared = []
    for item in items:
        complaint = _complaint(item, organisation)
        prepared.append(
            PreparedComplaint(item, complaint, _problems(item, complaint, organisation))
        )
    return prepared


def _problems(
    item: HistoricalComplaint, complaint: Complaint, organisation: Organisation
) -> list[str]:
    problems = []
    if item.unit.organisation_id != organisation.pk:
        problems.append(_("The unit belongs to another organisation."))
    if item.received_at > timezone.now() + timedelta(minutes=5):
        problems.append(_("The time of receipt cannot be in the future."))
    if item.status not in _STATUSES:
        problems.append(_("Unknown status."))
    if item.status == Status.MERGED:
        # A merged complaint lives on in the one it was merged into, which the file names in
        # no column we read: import that one.
        problems.append(_("A merged complaint cannot be imported: import the one it joined."))
    if item.status in FINAL_STATUSES and item.closed_at is None:
        problems.append(_("A complaint in a final status needs its closing date."))
    if item.closed_at is not None and item.closed_at < item.received_at:
        problems.append(_("The closing date is before the time of receipt."))
    if item.first_replied_at is not None and item.first_replied_at < item.received_at:
        problems.append(_("The first reply is before the time of receipt."))
    if len(item.subject.strip()) > SUBJECT_LIMIT:
        problems.append(
            _("The subject can be at most %(limit)d characters.") % {"limit": SUBJECT_LIMIT}
        )
    if len(item.external_id.strip()) > EXTERNAL_ID_LIMIT:
        problems.append(
            _("The external id can be at most %(limit)d characters.") % {"limit": EXTERNAL_ID_LIMIT}
        )
    problems += _complainant_problems(item.complainant)
    try:
        _validate(complaint)
    except GuardFailed as error:
        problems += error.details
    return problems


def _complainant_problems(person: ContactDetails) -> list[str]:
    problems = []
    if not person.name.strip():
        problems.append(_("The complainant's name is required."))
    elif len(person.name.strip()) > 200:
        problems.append(_("The complainant's name can be at most 200 characters."))
    if not (person.phone.strip() or person.email.strip()):
        problems.append(_("A phone number or an e-mail address is required."))
    if len(person.phone.strip()) > 40:
        problems.append(_("The phone number can be at most 40 characters."))
    if person.email.strip():
        try:
            validate_email(person.email.strip())
        except ValidationError:
            problems.append(_("The e-mail address is not valid."))
    return problems


@lru_cache(maxsize=1)
def _blank() -> dict[str, Any]:
    """Every column of a complaint at its default, by attribute name in the model's order
    (no default is mutable, so one dict serves every record)."""
    return {field.attname: field.get_default() for field in Complaint._meta.concrete_fields}


def _complaint(item: HistoricalComplaint, organisation: Organisation) -> Complaint:
    """The record, made from all its values in the model's order: Complaint(**keywords) looks
    up a default for each of the 30 fields not given and sets each link through its
    descriptor, which was half the reading time of a 100,000-row import."""
    known = [d for d in (item.received_at, item.closed_at, item.first_replied_at) if d]
    text = f"{item.subject}\n{item.description}"
    values = dict(_blank())
    given = {
        "organisation_id": organisation.pk,
        "status": item.status,
        "channel": item.channel,
        "received_at": item.received_at,
        # The person who imports did not take it down: nobody owes it a receiver's duties.
        "received_by_id": None,
        "received_unit_id": item.unit.pk,
        "unit_id": item.unit.pk,
        "unit_path": item.unit.path,  # Complaint.save would set it; an import does not save
        "site_id": item.site.pk if item.site else None,
        "handler_id": item.handler.pk if item.handler else None,
        "language": item.language or language_of(text, organisation.default_language),
        "subject": item.subject.strip(),
        "description": item.description.strip(),
        "demand": item.demand.strip(),
        "claimed_loss_amount": item.claimed_loss_amount,
        "claimed_loss_currency": item.claimed_loss_currency,
        "category_id": item.category.pk if item.category else None,
        "grade": item.grade,
        "anger_score": item.anger_score,
        "findings": item.findings.strip(),
        "root_cause_id": item.root_cause.pk if item.root_cause else None,
        "first_replied_at": item.first_replied_at,
        "closed_at": item.closed_at,
        "last_activity_at": max(known),
        "external_id": item.external_id.strip(),
        "intake_key": "" if item.external_id else item.content_key,
        "tracking_key": tracking_key_new(),
        **{f"risk_{RiskFlag(flag).value}": True for flag in item.risks},
    }
    if not given.keys() <= values.keys():  # a renamed column: fail loudly, never shift
        raise TypeError(f"Not columns of a complaint: {sorted(given.keys() - values.keys())}")
    values.update(given)
    # Positional, as Model.from_db makes a record (django-stubs knows keywords only).
    complaint = Complaint(*values.values())  # type: ignore[misc]
    # The links the record rules read (intake._validate), known already: no query for them.
    complaint._state.fields_cache.update(
        organisation=organisation, unit=item.unit, received_unit=item.unit, site=item.site,
        category=item.category, root_cause=item.root_cause, handler=item.handler,
    )  # fmt: skip
    return complaint
