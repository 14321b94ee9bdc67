"""Historical complaints brought in from the records of another system (an import file).

An imported complaint is a record of the past, not a new arrival: it keeps the dates and the
state it had there, and none of what registering a complaint sets going happens for it. The
records are made and checked by history_records.py; this module writes them.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, OrgUnit, User
from complaintdesk.core import hooks as core_hooks
from complaintdesk.core.bulk import objects_insert
from complaintdesk.core.errors import NotPermitted
from complaintdesk.customers.services import complainants_find_or_create_bulk

from .. import hooks, permissions
from ..events import EventKind
from ..models import Complaint, ComplaintEvent
from ..search_index import search_index_later
from .history_records import HistoricalComplaint, PreparedComplaint
from .intake import REPEAT_WINDOW
from .numbering import references_allocate


@dataclass(frozen=True)
class ImportOutcome:
    # Written, or with write=False would be.
    created: int
    already_imported: int
    # {position in the rows given: why that row is not written}
    problems: dict[int, list[str]] = field(default_factory=dict)


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

    No ComplaintRegistered is published, so no time-standard clock starts, no acknowledgement
    is written to the complainant, no routing and no webhook runs. These complaints were
    received, handled and mostly closed in another system long ago; their deadlines passed
    there, and starting them now would raise breaches, escalations and letters about cases
    nobody is working on. Only ComplaintsImported is, for the figures that count them.
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
            core_hooks.publish(hooks.ComplaintsImported(complaints, by))
            search_index_later([complaint.pk for complaint in complaints])
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
