"""Keeping the roll-up: a complaint's change applied as a difference, and the full rebuild.

`tally_refresh` runs in the transaction of the change (the analytics subscribers call it), so
the roll-up commits or rolls back with it. Inside `tallies_gathered()` (a sweep's chunk, through
core.gathered's registry) the refreshes are kept and applied together when the block ends:
one read of the tallies, one upsert of the roll-up, one of the tallies.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from django.db import connection, transaction

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.core.gathered import Gathering, gathering_register
from complaintdesk.core.request_memo import memoised
from complaintdesk.core.zones import zone_named
from complaintdesk.sla.models import ComplaintClock

from .measures import MEASURES, RISKS, Key, Snapshot, difference, snapshot_of
from .models import ComplaintTally, DailyFigure

KEY_COLUMNS = ("organisation_id", "day", "unit_id", "site_id", "category_id", "channel", "grade")
# Rows per upsert statement: 26 parameters a row stays far below SQLite's 32,766.
UPSERT_ROWS = 500


@dataclass(frozen=True)
class _Change:
    complaint: Complaint
    appealed: bool
    breached: bool
    new: bool = False


def tally_refresh(
    complaint: Complaint, *, appealed: bool = False, breached: bool = False, new: bool = False
) -> None:
    """Bring the roll-up up to date with the complaint as it is now (saved or about to be, in
    the caller's transaction). `appealed` / `breached`: it has just been appealed / had a clock
    breached; both are remembered on its tally from then on, as the raw data keeps them (an
    appeal event, a breached clock). `new`: just written and told to nobody else, so it has
    no tally to read (an import's rows)."""
    change = _Change(complaint, appealed, breached, new)
    if not _GATHERED.add([change]):
        _refresh_many([change])


def tallies_refresh(complaints: list[Complaint]) -> None:
    """`tally_refresh` for many complaints at once (an import's rows): a few queries in all."""
    changes = [_Change(complaint, False, False, new=True) for complaint in complaints]
    for start in range(0, len(changes), REBUILD_BATCH):
        _refresh_many(changes[start : start + REBUILD_BATCH])


def _refresh_many(changes: list[_Change]) -> None:
    latest: dict[int, _Change] = {}
    for change in changes:
        earlier = latest.get(change.complaint.pk)
        if earlier is not None:
            change = _Change(
                change.complaint,
                change.appealed or earlier.appealed,
                change.breached or earlier.breached,
                change.new and earlier.new,
            )
        latest[change.complaint.pk] = change
    known = [pk for pk, change in latest.items() if not change.new]
    tallies = ComplaintTally.objects.in_bulk(known) if known else {}
    zones = _zones([change.complaint for change in latest.values()])
    rows: dict[tuple[int, Key], Counter[str]] = defaultdict(Counter)
    written: list[ComplaintTally] = []
    for pk, change in latest.items():
        tally = tallies.get(pk)
        before = _snapshot_from(tally) if tally is not None else None
        complaint = change.complaint
        after = snapshot_of(
            complaint,
            zones[complaint.organisation_id],
            appealed=change.appealed or bool(tally and tally.appealed),
            breached=change.breached or bool(tally and tally.breached),
        )
        if after == before:
            continue
        for key, deltas in difference(before, after).items():
            rows[(complaint.organisation_id, key)].update(deltas)
        written.append(_tally_of(pk, complaint.organisation_id, after))
    _add(rows)
    if written:
        ComplaintTally.objects.bulk_create(
            written,
            update_conflicts=True,
            unique_fields=["complaint"],
            update_fields=[
                f.name for f in ComplaintTally._meta.concrete_fields if not f.primary_key
            ],
        )


_GATHERED: Gathering[_Change] = Gathering("analytics tallies", _refresh_many)
tallies_gathered = _GATHERED.block
gathering_register(tallies_gathered)


def _zones(complaints: list[Complaint]) -> dict[int, tzinfo]:
    """Each complaint's organisation's zone: from the organisation the complaint carries
    already (a locked row has it), else read once per request."""
    names: dict[int, str] = {}
    for complaint in complaints:
        if _ORGANISATION.is_cached(complaint):
            names[complaint.organisation_id] = complaint.organisation.time_zone
    missing = {c.organisation_id for c in complaints} - names.keys()
    if missing:

        def read() -> dict[int, str]:
            return dict(Organisation.objects.values_list("pk", "time_zone"))

        known = memoised(("analytics zones",), read)
        if not missing <= known.keys():  # an organisation made during this request
            known = read()
        names.update({pk: known[pk] for pk in missing})
    return {pk: zone_named(name) for pk, name in names.items()}


_ORGANISATION = Complaint._meta.get_field("organisation")


def _snapshot_from(tally: ComplaintTally) -> Snapshot:
    return Snapshot(
        counted=tally.counted,
        received_day=tally.received_day,
        unit_id=tally.unit_id,
        site_id=tally.site_id,
        category_id=tally.category_id,
        channel=tally.channel,
        grade=tally.grade,
        is_open=tally.is_open,
        closed_day=tally.closed_day,
        closed_hours=tally.closed_hours,
        reopened=tally.reopened,
        appealed=tally.appealed,
        breached=tally.breached,
        risks=frozenset(filter(None, tally.risks.split(","))),
        anger=tally.anger,
    )


def _tally_of(pk: int, organisation_id: int, snapshot: Snapshot) -> ComplaintTally:
    return ComplaintTally(
        complaint_id=pk,
        organisation_id=organisation_id,
        counted=snapshot.counted,
        received_day=snapshot.received_day,
        unit_id=snapshot.unit_id,
        site_id=snapshot.site_id,
        category_id=snapshot.category_id,
        channel=snapshot.channel,
        grade=snapshot.grade,
        is_open=snapshot.is_open,
        closed_day=snapshot.closed_day,
        closed_hours=snapshot.closed_hours,
        reopened=snapshot.reopened,
        appealed=snapshot.appealed,
        breached=snapshot.breached,
        risks=",".join(sorted(snapshot.risks)),
        anger=snapshot.anger,
    )


def _add(rows: dict[tuple[int, Key], Counter[str]]) -> None:
    """Add the counts to the roll-up in one statement per UPSERT_ROWS rows, creating rows not
    there yet. In key order, so that two transactions adding to the same rows take their row
    locks in the same order (PostgreSQL) and never deadlock."""
    items = sorted((key, counts) for key, counts in rows.items() if any(counts.values()))
    if not items:
        return
    table = connection.ops.quote_name(DailyFigure._meta.db_table)
    columns = (*KEY_COLUMNS, *MEASURES)
    updates = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in MEASURES)
    with connection.cursor() as cursor:
        for start in range(0, len(items), UPSERT_ROWS):
            batch = items[start : start + UPSERT_ROWS]
            values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
            params: list[Any] = []
            for (organisation_id, key), counts in batch:
                params += [organisation_id, *key, *(counts[m] for m in MEASURES)]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "
                f"ON CONFLICT ({', '.join(KEY_COLUMNS)}) DO UPDATE SET {updates}",
                params,
            )


# --- rebuild ------------------------------------------------------------------------------

REBUILD_BATCH = 5000


def analytics_rebuild(organisation: Organisation | None = None) -> int:
    """Throw the roll-up and the tallies away (of one organisation, or all) and count them
    again from the raw complaints; returns how many complaints were read. For data loaded
    around the services (a bulk load, a restore) and as the proof that the kept roll-up is
    right. Live changes wait for it: the tables are locked until it commits."""
    complaints = Complaint.objects.all()
    tallies = ComplaintTally.objects.all()
    figures = DailyFigure.objects.all()
    if organisation is not None:
        complaints = complaints.filter(organisation=organisation)
        tallies = tallies.filter(organisation_id=organisation.pk)
        figures = figures.filter(organisation_id=organisation.pk)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {ComplaintTally._meta.db_table}, {DailyFigure._meta.db_table} "
                    "IN ACCESS EXCLUSIVE MODE"
                )
        tallies.delete()
        figures.delete()
        appealed = set(
            ComplaintEvent.objects.filter(
                status_after=Status.APPEAL, complaint__in=complaints
            ).values_list("complaint_id", flat=True)
        )
        breached = set(
            ComplaintClock.objects.filter(
                breached_at__isnull=False, complaint__in=complaints
            ).values_list("complaint_id", flat=True)
        )
        zones = {
            pk: zone_named(name) for pk, name in Organisation.objects.values_list("pk", "time_zone")
        }
        rows: dict[tuple[int, Key], Counter[str]] = defaultdict(Counter)
        batch: list[ComplaintTally] = []
        read = 0
        for complaint in complaints.only(*_SNAPSHOT_FIELDS).order_by("pk").iterator(REBUILD_BATCH):
            read += 1
            snapshot = snapshot_of(
                complaint,
                zones[complaint.organisation_id],
                appealed=complaint.pk in appealed,
                breached=complaint.pk in breached,
            )
            for key, deltas in difference(None, snapshot).items():
                rows[(complaint.organisation_id, key)].update(deltas)
            batch.append(_tally_of(complaint.pk, complaint.organisation_id, snapshot))
            if len(batch) == REBUILD_BATCH:
                ComplaintTally.objects.bulk_create(batch)
                batch = []
        ComplaintTally.objects.bulk_create(batch)
        _add(rows)
    return read


_SNAPSHOT_FIELDS = (
    "organisation_id",
    "status",
    "received_at",
    "closed_at",
    "unit_id",
    "site_id",
    "category_id",
    "channel",
    "grade",
    "reopened_count",
    "anger_score",
    *(f"risk_{risk}" for risk in RISKS),
)
