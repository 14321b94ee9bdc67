"""Keeping the roll-ups: a complaint's change applied as a difference to the fine roll-up, the
causes' roll-up and the lattice of cells (measures.py says what each counts); rebuild.py
counts them all from scratch.

`tally_refresh` runs in the transaction of the change (the analytics subscribers call it), so
the roll-ups commit or roll back with it. Inside `tallies_gathered()` (a sweep's chunk, through
core.gathered's registry) the refreshes are kept and applied together when the block ends:
one read of the tallies, one upsert per roll-up, one of the tallies.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from django.db import connection

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.bulk import objects_insert, rows_copy
from complaintdesk.core.gathered import Gathering, gathering_register
from complaintdesk.core.request_memo import memoised
from complaintdesk.core.zones import zone_named

from .facts import facts_of
from .measures import (
    CAUSE_MEASURES,
    MEASURES,
    CellKey,
    Snapshot,
    cause_cells_of,
    cause_difference,
    cells_of,
    clock_difference,
    difference,
    snapshot_of,
)
from .models import CauseFigure, ComplaintTally, DailyFigure, RollupCell

KEY_COLUMNS = (
    "organisation_id",
    "day",
    "unit_id",
    "site_id",
    "category_id",
    "channel",
    "grade",
    "handler_id",
)
CAUSE_KEY_COLUMNS = (
    "organisation_id",
    "day",
    "unit_id",
    "category_id",
    "channel",
    "grade",
    "root_cause_id",
    "remedy_type",
)
CELL_KEY_COLUMNS = ("organisation_id", "dimension", "grain", "period", "unit_id", "value")
# Complaints refreshed in one go by an import's rows.
REFRESH_BATCH = 5000
# Rows per upsert statement: at 42 parameters a row, far below SQLite's 32,766.
UPSERT_ROWS = 500
# From how many rows PostgreSQL's are copied in (an import's, a rebuild's) rather than sent as
# one statement: a change to one complaint adds to a dozen rows, in one statement as before.
COPY_FROM = 100


@dataclass(frozen=True)
class _Change:
    complaint: Complaint
    appealed: bool
    breached: bool
    new: bool = False


def tally_refresh(
    complaint: Complaint, *, appealed: bool = False, breached: bool = False, new: bool = False
) -> None:
    """Bring the roll-ups up to date with the complaint as it is now (saved or about to be, in
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
    for start in range(0, len(changes), REFRESH_BATCH):
        _refresh_many(changes[start : start + REFRESH_BATCH])


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
    facts = facts_of([change.complaint for change in latest.values()])
    counts = Counts()
    written: list[ComplaintTally] = []
    for pk, change in latest.items():
        tally = tallies.get(pk)
        before = snapshot_from(tally) if tally is not None else None
        complaint = change.complaint
        after = snapshot_of(
            complaint,
            zones[complaint.organisation_id],
            appealed=change.appealed or bool(tally and tally.appealed),
            breached=change.breached or bool(tally and tally.breached),
            facts=facts[pk],
        )
        if after == before:
            continue
        counts.add(complaint.organisation_id, before, after)
        written.append(tally_of(pk, complaint.organisation_id, after))
    counts.write()
    # An import's rows have no tally yet: inserted as they are, the rest upserted.
    objects_insert([tally for tally in written if latest[tally.complaint_id].new])
    written = [tally for tally in written if not latest[tally.complaint_id].new]
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


class Counts:
    """The differences of many complaints, summed per roll-up row, written in a few upserts."""

    def __init__(self) -> None:
        self.daily: dict[tuple, Counter[str]] = defaultdict(Counter)
        self.causes: dict[tuple, Counter[str]] = defaultdict(Counter)
        self.cells: dict[tuple, Counter[str]] = defaultdict(Counter)

    def add(self, organisation_id: int, before: Snapshot | None, after: Snapshot | None) -> None:
        for day_key, deltas in difference(before, after).items():
            self.daily[(organisation_id, *day_key)].update(deltas)
            for cell in cells_of(day_key):
                self.cells[(organisation_id, *_cell_columns(cell))].update(deltas)
        for cause_key, deltas in cause_difference(before, after).items():
            self.causes[(organisation_id, *cause_key)].update(deltas)
            for cell in cause_cells_of(cause_key):
                self.cells[(organisation_id, *_cell_columns(cell))].update(deltas)
        for cell, deltas in clock_difference(before, after).items():
            self.cells[(organisation_id, *_cell_columns(cell))].update(deltas)

    def __len__(self) -> int:
        return len(self.daily) + len(self.causes) + len(self.cells)

    def write(self) -> None:
        _add(DailyFigure, KEY_COLUMNS, MEASURES, self.daily)
        _add(CauseFigure, CAUSE_KEY_COLUMNS, CAUSE_MEASURES, self.causes)
        _add(RollupCell, CELL_KEY_COLUMNS, MEASURES, self.cells)
        self.daily.clear()
        self.causes.clear()
        self.cells.clear()


def _cell_columns(cell: CellKey) -> tuple:
    """A cell's key in the order of the table's unique key (CELL_KEY_COLUMNS)."""
    grain, period, unit_id, dimension, value = cell
    return (dimension, grain, period, unit_id, value)


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


def snapshot_from(tally: ComplaintTally) -> Snapshot:
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
        root_cause_id=tally.root_cause_id,
        remedy_type=tally.remedy_type,
        remedy_minor=tally.remedy_minor,
        handler_id=tally.handler_id,
        satisfaction=tally.satisfaction,
        first_contact=tally.first_contact,
        staff_fault=tally.staff_fault,
        clocks=_clocks_read(tally.clocks),
    )


def tally_of(pk: int, organisation_id: int, snapshot: Snapshot) -> ComplaintTally:
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
        root_cause_id=snapshot.root_cause_id,
        remedy_type=snapshot.remedy_type,
        remedy_minor=snapshot.remedy_minor,
        handler_id=snapshot.handler_id,
        satisfaction=snapshot.satisfaction,
        first_contact=snapshot.first_contact,
        staff_fault=snapshot.staff_fault,
        clocks=";".join(f"{name}:{met}:{late}" for name, met, late in snapshot.clocks),
    )


def _clocks_read(text: str) -> tuple[tuple[str, int, int], ...]:
    """A tally's clocks as written by tally_of: "name:met:late" joined by ";" (clock names
    are slugs, so neither sign occurs in them)."""
    found = []
    for part in filter(None, text.split(";")):
        name, met, late = part.rsplit(":", 2)
        found.append((name, int(met), int(late)))
    return tuple(found)


def _add(
    model: type[DailyFigure] | type[CauseFigure] | type[RollupCell],
    key_columns: tuple[str, ...],
    measures: tuple[str, ...],
    rows: dict[tuple, Counter[str]],
) -> None:
    """Add the counts to a roll-up in one statement per UPSERT_ROWS rows (on PostgreSQL, more
    than COPY_FROM rows are copied in first), creating rows not there yet. In key order, so
    that two transactions adding to the same rows take their row locks in the same order
    (PostgreSQL) and never deadlock."""
    items = sorted((key, counts) for key, counts in rows.items() if any(counts.values()))
    if not items:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = (*key_columns, *measures)
    updates = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in measures)
    upsert = f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(items) > COPY_FROM:
            _add_copied(cursor, model, columns, key_columns, upsert, items, measures)
            return
        for start in range(0, len(items), UPSERT_ROWS):
            batch = items[start : start + UPSERT_ROWS]
            params: list[Any] = []
            for key, counts in batch:
                params.extend(key)
                get = counts.get  # not counts[m]: a Counter's missing-key call, 40 a row
                params.extend([get(m, 0) for m in measures])
            values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} {upsert}",
                params,
            )


def _add_copied(cursor, model, columns, key_columns, upsert, items, measures) -> None:
    """PostgreSQL: the rows are copied into a temporary table of the session (core.bulk's
    COPY), then added in one statement: psycopg parses a statement's placeholders on every
    call, and 500 rows of 40 columns cost it 50 ms each time."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    staging = f"staging_{model._meta.db_table}"
    names = ", ".join(columns)
    cursor.execute(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {quote(staging)} ON COMMIT DELETE ROWS "
        f"AS SELECT {names} FROM {table} WITH NO DATA"
    )
    cursor.execute(f"TRUNCATE {quote(staging)}")
    rows_copy(
        cursor,
        staging,
        columns,
        ([*key, *[counts.get(m, 0) for m in measures]] for key, counts in items),
    )
    cursor.execute(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {quote(staging)} "
        f"ORDER BY {', '.join(key_columns)} {upsert}"
    )
