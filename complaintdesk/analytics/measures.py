"""What one complaint adds to the roll-ups: pure functions, no database.

A complaint counts on the day it was received (received, still open, reopened, appealed,
breached, its risk flags and anger, its time standards met on time or late) and, once it is
closed, on the day it was closed (closed, the hours it took, the remedy offered, the
complainant's satisfaction, whether one answer settled it, whether a staff member was found
responsible; and, in the causes' roll-up, by its root cause). Its
dimensions are those it has now: a complaint reclassified, moved to another unit or merged
away stops counting where it was and counts where it is. The service that keeps the roll-ups
compares what a complaint added last time (its tally) with what it adds now and applies the
difference, so a roll-up always equals this function summed over the raw table; the rebuild
command sums it from scratch.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from complaintdesk.complaints.choices import (
    FINAL_STATUSES,
    ComplainantResponse,
    Responsibility,
    RiskFlag,
    Status,
)
from complaintdesk.complaints.models import Complaint

RISKS = tuple(flag.value for flag in RiskFlag)
ANGERS = (1, 2, 3, 4, 5)

# The roll-up's columns of counts, in the order the table and the upsert list them.
MEASURES = (
    "received",
    "open",
    "closed",
    "closed_hours",
    "remedy_minor",
    "reopened",
    "appealed",
    "breached",
    *(f"risk_{risk}" for risk in RISKS),
    *(f"anger_{score}" for score in ANGERS),
    # On the day of closing: complaints with a satisfaction score, its sum, those scoring 4
    # or 5 (CSAT is satisfied / rated); settled by the first answer; a staff member at fault.
    "rated",
    "rating_sum",
    "satisfied",
    "first_contact",
    "staff_fault",
    # On the day of receipt: the complaint's time standards that ended, met on time or late
    # (a clock breached is late whether or not it was met afterwards).
    "clocks_met",
    "clocks_late",
)
# A complainant's score this high or higher is "satisfied" (the usual CSAT reading of 1–5).
SATISFIED_FROM = 4

# A row of the fine roll-up: (day, unit, site, category, channel, grade, handler). A missing
# site, category or handler is 0, so that the key stays unique in the database (NULLs never
# conflict).
Key = tuple[date, int, int, int, str, str, int]

# The causes' roll-up counts what closing cost, on the day of closing: (day, unit, category,
# channel, grade, root cause, remedy type), with no site (the causes' charts have none).
CAUSE_MEASURES = ("closed", "closed_hours", "remedy_minor")
CauseKey = tuple[date, int, int, str, str, int, str]


@dataclass(frozen=True)
class Facts:
    """What the roll-ups count that lies outside the complaint's own row: the remedy of its
    last proposal (type, amount), the answers sent, the complainant's latest satisfaction
    score (0: none), and each time standard as (name, met on time, late), sorted."""

    remedy: tuple[str, Decimal | None] | None = None
    replies: int = 0
    satisfaction: int = 0
    clocks: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """The facts of one complaint that the roll-up counts; `counted` False for a complaint
    merged into another (one complaint is counted once, as the surviving one)."""

    counted: bool
    received_day: date
    unit_id: int
    site_id: int
    category_id: int
    channel: str
    grade: str
    is_open: bool
    closed_day: date | None
    closed_hours: int
    reopened: bool
    appealed: bool
    breached: bool
    risks: frozenset[str]
    anger: int
    # What closing cost: the root cause found, and the remedy of the last proposal, its
    # amount in minor units (cents) of whatever currency it was offered in.
    root_cause_id: int = 0
    remedy_type: str = ""
    remedy_minor: int = 0
    # The person handling it now (0: nobody), whose figures it is in.
    handler_id: int = 0
    satisfaction: int = 0
    first_contact: bool = False
    staff_fault: bool = False
    clocks: tuple[tuple[str, int, int], ...] = ()


def snapshot_of(
    complaint: Complaint,
    zone: tzinfo,
    *,
    appealed: bool,
    breached: bool,
    facts: Facts = Facts(),
) -> Snapshot:
    """`zone`: the organisation's, whose calendar days the dashboards count in. The status is
    read, not `is_final`, which the database computes and an unsaved change has not.

    Settled at the first contact (first-contact resolution): closed as resolved with a single
    answer, never reopened or appealed, and the complainant did not turn the answer down."""
    closed_at: datetime | None = complaint.closed_at
    is_closed = closed_at is not None and complaint.status in FINAL_STATUSES
    remedy = facts.remedy
    first_contact = (
        is_closed
        and complaint.status == Status.CLOSED
        and facts.replies == 1
        and complaint.reopened_count == 0
        and not appealed
        and complaint.complainant_response != ComplainantResponse.REJECTED
    )
    return Snapshot(
        counted=complaint.status != Status.MERGED,
        received_day=complaint.received_at.astimezone(zone).date(),
        unit_id=complaint.unit_id,
        site_id=complaint.site_id or 0,
        category_id=complaint.category_id or 0,
        channel=complaint.channel,
        grade=complaint.grade,
        is_open=complaint.status not in FINAL_STATUSES,
        closed_day=closed_at.astimezone(zone).date() if is_closed and closed_at else None,
        closed_hours=_hours(complaint.received_at, closed_at) if is_closed else 0,
        reopened=complaint.reopened_count > 0,
        appealed=appealed,
        breached=breached,
        risks=frozenset(risk for risk in RISKS if getattr(complaint, f"risk_{risk}")),
        anger=complaint.anger_score or 0,
        root_cause_id=complaint.root_cause_id or 0,
        remedy_type=remedy[0] if remedy else "",
        remedy_minor=int((remedy[1] or 0) * 100) if remedy else 0,
        handler_id=complaint.handler_id or 0,
        satisfaction=facts.satisfaction,
        first_contact=first_contact,
        staff_fault=is_closed and complaint.responsibility == Responsibility.STAFF,
        clocks=facts.clocks,
    )


def _hours(start: datetime, end: datetime | None) -> int:
    return max(0, int((end - start).total_seconds() // 3600)) if end is not None else 0


def contributions(snapshot: Snapshot | None) -> dict[Key, Counter[str]]:
    """The counts one complaint adds, row by row of the fine roll-up."""
    if snapshot is None or not snapshot.counted:
        return {}
    dims = (
        snapshot.unit_id,
        snapshot.site_id,
        snapshot.category_id,
        snapshot.channel,
        snapshot.grade,
        snapshot.handler_id,
    )
    on_receipt: Counter[str] = Counter(received=1)
    on_receipt["open"] = int(snapshot.is_open)
    on_receipt["reopened"] = int(snapshot.reopened)
    on_receipt["appealed"] = int(snapshot.appealed)
    on_receipt["breached"] = int(snapshot.breached)
    for risk in snapshot.risks:
        on_receipt[f"risk_{risk}"] = 1
    if snapshot.anger in ANGERS:
        on_receipt[f"anger_{snapshot.anger}"] = 1
    on_receipt["clocks_met"] = sum(met for _name, met, _late in snapshot.clocks)
    on_receipt["clocks_late"] = sum(late for _name, _met, late in snapshot.clocks)
    rows: dict[Key, Counter[str]] = {(snapshot.received_day, *dims): +on_receipt}
    if snapshot.closed_day is not None:
        on_closing = Counter(
            closed=1,
            closed_hours=snapshot.closed_hours,
            remedy_minor=snapshot.remedy_minor,
            first_contact=int(snapshot.first_contact),
            staff_fault=int(snapshot.staff_fault),
        )
        if snapshot.satisfaction:
            on_closing.update(
                rated=1,
                rating_sum=snapshot.satisfaction,
                satisfied=int(snapshot.satisfaction >= SATISFIED_FROM),
            )
        key = (snapshot.closed_day, *dims)
        rows[key] = rows.get(key, Counter()) + on_closing
    return rows


def cause_contributions(snapshot: Snapshot | None) -> dict[CauseKey, Counter[str]]:
    """What a closed complaint adds to the causes' roll-up (nothing before it is closed)."""
    if snapshot is None or not snapshot.counted or snapshot.closed_day is None:
        return {}
    key = (
        snapshot.closed_day,
        snapshot.unit_id,
        snapshot.category_id,
        snapshot.channel,
        snapshot.grade,
        snapshot.root_cause_id,
        snapshot.remedy_type,
    )
    counts = Counter(
        closed=1, closed_hours=snapshot.closed_hours, remedy_minor=snapshot.remedy_minor
    )
    return {key: counts}


def cause_difference(
    before: Snapshot | None, after: Snapshot | None
) -> dict[CauseKey, dict[str, int]]:
    return _changes(cause_contributions(before), cause_contributions(after), CAUSE_MEASURES)


def difference(before: Snapshot | None, after: Snapshot | None) -> dict[Key, dict[str, int]]:
    """What to add to each roll-up row (negative to take away) when a complaint's snapshot
    goes from `before` to `after`; rows with nothing to change are left out."""
    return _changes(contributions(before), contributions(after), MEASURES)


def _changes(old: dict, new: dict, measures: tuple[str, ...]) -> dict:
    """Only the measures that change, per row: an import adds thousands of complaints to a
    dozen cells each, and summing a few non-zero figures rather than all forty is most of
    what it spends on the roll-up."""
    change = {}
    nothing: dict[str, int] = {}
    for key in old.keys() | new.keys():
        now, was = new.get(key, nothing), old.get(key, nothing)
        deltas = {}
        for measure in measures:
            delta = now.get(measure, 0) - was.get(measure, 0)
            if delta:
                deltas[measure] = delta
        if deltas:
            change[key] = deltas
    return change


# --- the lattice ---------------------------------------------------------------------------
# A dashboard at a million complaints cannot sum the fine roll-up: with seven dimensions it
# has about a row per complaint. Each fine row is also added to cells of one dimension at a
# time, per unit: by day with no dimension (totals, time, units, backlog), and by day and by
# month for each of channel, grade, category and site (a chart of one of them over a long
# period reads whole months, and days only at its edges). Root causes come from the causes'
# rows. A cell is (grain, period, unit, dimension, value): "d" or "m", the day or the first of
# the month, the unit, the dimension's name and its value as text ("" for none).
CellKey = tuple[str, date, int, str, str]
CELL_DIMENSIONS = ("channel", "grade", "category", "site", "handler")
# Each time standard's own cells ("clock", its name) count only whether it was met on time.
CLOCK_MEASURES = ("clocks_met", "clocks_late")


def cells_of(key: Key) -> list[CellKey]:
    day, unit_id, site_id, category_id, channel, grade, handler_id = key
    values = {
        "channel": channel,
        "grade": grade,
        "category": str(category_id),
        "site": str(site_id),
        "handler": str(handler_id),
    }
    month = day.replace(day=1)
    found: list[CellKey] = [("d", day, unit_id, "", "")]
    for dimension in CELL_DIMENSIONS:
        found.append(("d", day, unit_id, dimension, values[dimension]))
        found.append(("m", month, unit_id, dimension, values[dimension]))
    return found


def cause_cells_of(key: CauseKey) -> list[CellKey]:
    day, unit_id, _category, _channel, _grade, root_cause_id, _remedy = key
    cause = str(root_cause_id)
    return [
        ("d", day, unit_id, "root_cause", cause),
        ("m", day.replace(day=1), unit_id, "root_cause", cause),
    ]


def clock_cells(snapshot: Snapshot | None) -> dict[CellKey, Counter[str]]:
    """Each time standard of a complaint, in its cells by name on the day of receipt."""
    if snapshot is None or not snapshot.counted:
        return {}
    day, unit_id = snapshot.received_day, snapshot.unit_id
    found: dict[CellKey, Counter[str]] = {}
    for name, met, late in snapshot.clocks:
        counts = Counter(clocks_met=met, clocks_late=late)
        for cell in (
            ("d", day, unit_id, "clock", name),
            ("m", day.replace(day=1), unit_id, "clock", name),
        ):
            found[cell] = found.get(cell, Counter()) + counts
    return found


def clock_difference(
    before: Snapshot | None, after: Snapshot | None
) -> dict[CellKey, dict[str, int]]:
    return _changes(clock_cells(before), clock_cells(after), CLOCK_MEASURES)
