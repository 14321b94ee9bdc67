"""Historical complaints brought in from the records of another system (an import file).

An imported complaint is a record of the past, not a new arrival: it keeps the dates and the
state it had there, and none of what registering a complaint sets going happens for it.
"""

import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, OrgUnit, User
from complaintdesk.core.bulk import objects_insert
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.core.scripts import language_of
from complaintdesk.customers.models import digits_of
from complaintdesk.customers.services import ContactDetails, complainants_find_or_create_bulk

from .. import permissions
from ..choices import FINAL_STATUSES, Channel, Grade, RiskFlag, Status
from ..events import EventKind
from ..models import Category, Complaint, ComplaintEvent, RootCause
from ..tracking import tracking_key_new
from .intake import REPEAT_WINDOW, _validate
from .numbering import references_allocate

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
class ImportOutcome:
    # Written, or with write=False would be.
    created: int
    already_imported: int
    # {position in the rows given: why that row is not written}
    problems: dict[int, list[str]] = field(default_factory=dict)


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


def historical_already_imported(
    organisation: Organisation, items: list[HistoricalComplaint]
) -> set[str]:
    """The identities (HistoricalComplaint.identity) of these complaints that the organisation
    already holds: two indexed look-ups, whatever the number of items."""
    external_ids = [item.external_id for item in items if item.external_id]
    keys = [item.content_key for item in items if not item.external_id]
    # Each query repeats its unique index's condition (not empty), so that SQLite uses the
    # index: it cannot tell by itself that the values looked for are never ''.
    held = {
        f"external:{value}"
        for value in Complaint.objects.filter(
            organisation=organisation, external_id__in=external_ids
        )
        .exclude(external_id="")
        .order_by()
        .values_list("external_id", flat=True)
    }
    held |= set(
        Complaint.objects.filter(organisation=organisation, intake_key__in=keys)
        .exclude(intake_key="")
        .order_by()
        .values_list("intake_key", flat=True)
    )
    return held


def complaints_import(
    by: User,
    organisation: Organisation,
    rows: list[PreparedComplaint],
    *,
    source: str,
    write: bool = True,
) -> ImportOutcome:
    """Write these historical complaints, each with one REGISTERED timeline entry, in a few
    queries per call. Those the organisation already holds (or repeated in `rows`) are counted
    as already imported and left as they are; an invalid row (the record rules, or a unit the
    importer may not register complaints in) is not written, and why is returned by its
    position. With `write=False` nothing is written: a dry run's answer, from the same checks.
    The rows come from `historical_prepare`.

    Nothing is published: no ComplaintRegistered, so no time-standard clock starts, no
    acknowledgement is written to the complainant, no routing and no webhook runs. These
    complaints were received, handled and mostly closed in another system long ago; their
    deadlines passed there, and starting them now would raise breaches, escalations and letters
    about cases nobody is working on.
    """
    may_register = _registration_check(by)
    with transaction.atomic():
        held = historical_already_imported(organisation, [row.item for row in rows])
        problems: dict[int, list[str]] = {}
        fresh: list[HistoricalComplaint] = []
        complaints: list[Complaint] = []
        already = 0
        for position, (item, complaint, checked) in enumerate(
            (row.item, row.complaint, row.problems) for row in rows
        ):
            if item.identity in held:
                already += 1
                continue
            found = list(checked)
            if not may_register(item.unit):
                found.append(_("You may not register complaints for this unit."))
            if found:
                problems[position] = found
                continue
            held.add(item.identity)
            fresh.append(item)
            complaints.append(complaint)
        if write and complaints:
            _write(by, organisation, fresh, complaints, source)
    return ImportOutcome(created=len(complaints), already_imported=already, problems=problems)


def _registration_check(by: User) -> Callable[[OrgUnit], bool]:
    """Whether `by` may register complaints in a unit, decided once per unit. Superusers
    import for any organisation without holding a role in it."""
    decided: dict[int, bool] = {}

    def may(unit: OrgUnit) -> bool:
        if by.is_superuser:
            return True
        if unit.pk not in decided:
            try:
                permissions.require_register_in(by, unit)
                decided[unit.pk] = True
            except NotPermitted:
                decided[unit.pk] = False
        return decided[unit.pk]

    return may


def _write(
    by: User,
    organisation: Organisation,
    fresh: list[HistoricalComplaint],
    complaints: list[Complaint],
    source: str,
) -> None:
    people = complainants_find_or_create_bulk(organisation, [item.complainant for item in fresh])
    for complaint, person_id in zip(complaints, people.ids, strict=True):
        complaint.complainant_id = person_id
        complaint.risk_vip = complaint.risk_vip or person_id in people.vip
    _mark_repeats(complaints, people.new)
    _number(organisation, complaints)
    objects_insert(complaints)
    objects_insert(
        [
            # By id: the complaint was just written and the actor is known, so nothing is gained
            # by caching either object on 100,000 events.
            ComplaintEvent(
                complaint_id=complaint.pk,
                kind=EventKind.REGISTERED,
                actor_id=by.pk,
                created_at=complaint.received_at,
                status_after=complaint.status,
                data={
                    "channel": complaint.channel,
                    "reference": complaint.reference,
                    "imported": True,
                    "source": source,
                },
            )
            for complaint in complaints
        ]
    )


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


def _mark_repeats(complaints: list[Complaint], new_people: set[int]) -> None:
    """Flag as a repeat each complaint whose complainant made another within the year before
    it, on file or in this batch: one query for the whole batch, of the complainants who were
    on file already (`new_people` were just made and have no complaint on file)."""
    if not complaints:
        return
    ids = {c.complainant_id for c in complaints} - new_people
    earliest = min(c.received_at for c in complaints) - REPEAT_WINDOW
    latest = max(c.received_at for c in complaints)
    times: dict[int, list[datetime]] = defaultdict(list)
    on_file = Complaint.objects.filter(
        complainant_id__in=ids, received_at__gte=earliest, received_at__lte=latest
    )
    for person_id, received_at in on_file.order_by().values_list("complainant_id", "received_at"):
        times[person_id].append(received_at)
    for complaint in complaints:
        times[complaint.complainant_id].append(complaint.received_at)
    for person_times in times.values():
        person_times.sort()
    for complaint in complaints:
        person_times = times[complaint.complainant_id]
        within = bisect_right(person_times, complaint.received_at) - bisect_left(
            person_times, complaint.received_at - REPEAT_WINDOW
        )
        if within > 1:  # itself and at least one other
            complaint.risk_repeat = True


def _number(organisation: Organisation, complaints: list[Complaint]) -> None:
    """References in order of receipt, one block per year of receipt where the organisation
    is (as `register` counts the year)."""
    zone = ZoneInfo(organisation.time_zone)
    by_year: dict[int, list[Complaint]] = defaultdict(list)
    for complaint in sorted(complaints, key=lambda c: c.received_at):
        by_year[complaint.received_at.astimezone(zone).year].append(complaint)
    for year, batch in by_year.items():
        references = references_allocate(organisation.reference_prefix, year, len(batch))
        for complaint, reference in zip(batch, references, strict=True):
            complaint.reference = reference
