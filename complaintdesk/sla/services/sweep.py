"""The periodic sweep: each warning, breach and escalation exactly once.

Any number of workers may run it at the same minute. Each firing locks the complaint, then the
clock, re-reads the clock's state, and inserts a unique `SlaFiring` row in the same
transaction as its effects (state change, timeline, notifications). A second worker either
waits for the lock and finds the state moved on, or fails the unique insert; either way it
does nothing, so nobody is warned twice and no complaint climbs two rungs for one breach.

Warnings and breaches come in chunks (a worker that was down finds a thousand at once): a chunk
locks its complaints and clocks in two queries, decides each firing as one clock alone would be
decided, and writes the firings, clocks, timeline rows, notifications, rungs and deadline
summaries in a few inserts and updates. Should a unique firing refuse the chunk's insert after
all, the chunk is rolled back and its clocks go one by one (`_one_by_one`, the same steps with
each firing inserted at once).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from django.utils import timezone

from complaintdesk.complaints import policy_events as timeline
from complaintdesk.complaints.events import EscalationCause, events_gathered
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.services import complaints_lock, escalations_gathered
from complaintdesk.core.gathered import registered_blocks
from complaintdesk.core.hooks import publish
from complaintdesk.core.request_memo import memo_scope
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.notifications.services import notifications_gathered, notify

from .. import selectors
from ..calendars import warning_times
from ..choices import SWEPT_CLOCK_STATES, BreachAction, ClockState, FiringKind
from ..hooks import ClockBreached
from ..models import ComplaintClock, SlaFiring
from .clocks import complaint_sla_refresh, sla_refresh_gathered
from .escalation import escalate_to

BATCH = 500
# Breaches written in one transaction: a few hundred milliseconds of locks at most.
CHUNK = 100

# The swept states written into the SQL, not sent as parameters: the clocks' partial indexes
# (models/clock.py) hold only these states, and a database uses such an index only when the
# query repeats its condition literally. With parameters, SQLite read every clock each minute.
_SWEPT = RawSQL(
    "state IN ({})".format(", ".join(f"'{state}'" for state in SWEPT_CLOCK_STATES)),
    (),
    output_field=BooleanField(),
)


@dataclass
class SweepReport:
    warnings: int = 0
    breaches: int = 0
    escalations: int = 0
    skipped: int = 0
    clocks: list[int] = field(default_factory=list)

    def add(self, other: "SweepReport") -> None:
        self.warnings += other.warnings
        self.breaches += other.breaches
        self.escalations += other.escalations
        self.skipped += other.skipped
        self.clocks += other.clocks


class _OneByOne:
    """Each firing inserted at once, in a savepoint: a second worker's unique row refuses it."""

    def fire(self, complaint: Complaint, clock: ComplaintClock, kind: str, level: int, at) -> bool:
        try:
            with transaction.atomic():
                SlaFiring.objects.create(
                    complaint=complaint, clock=clock, kind=kind, level=level, fired_at=at
                )
        except IntegrityError:
            return False
        return True

    def save(self, clock: ComplaintClock) -> None:
        clock.save()


class _Chunk:
    """A chunk's firings and clocks, written together by `write()`. The firings made before
    are read once; the chunk holds the locks of its complaints, under which alone a firing is
    inserted, so none can appear meanwhile (and if one did, the insert would fail the chunk)."""

    def __init__(self, clock_ids: list[int]) -> None:
        self.fired = set(
            SlaFiring.objects.filter(clock_id__in=clock_ids).values_list(
                "clock_id", "kind", "level"
            )
        )
        self.firings: list[SlaFiring] = []
        self.clocks: list[ComplaintClock] = []

    def fire(self, complaint: Complaint, clock: ComplaintClock, kind: str, level: int, at) -> bool:
        if (clock.pk, kind, level) in self.fired:
            return False
        self.fired.add((clock.pk, kind, level))
        self.firings.append(
            SlaFiring(complaint=complaint, clock=clock, kind=kind, level=level, fired_at=at)
        )
        return True

    def save(self, clock: ComplaintClock) -> None:
        self.clocks.append(clock)

    def write(self) -> None:
        """A breached clock ends at its deadline, whichever way it ends: two updates whatever
        the chunk's size. A warned one has its own next warning."""
        SlaFiring.objects.bulk_create(self.firings)
        ended: dict[str, list[int]] = {ClockState.STOPPED: [], ClockState.BREACHED: []}
        warned = []
        for clock in self.clocks:
            if clock.state == ClockState.WARNING:
                warned.append(clock)
            else:
                ended[clock.state].append(clock.pk)
        ComplaintClock.objects.bulk_update(warned, ["state", "warnings_fired", "next_warning_at"])
        ComplaintClock.objects.filter(pk__in=ended[ClockState.STOPPED]).update(
            state=ClockState.STOPPED, ended_at=F("due_at"), next_warning_at=None
        )
        ComplaintClock.objects.filter(pk__in=ended[ClockState.BREACHED]).update(
            state=ClockState.BREACHED, breached_at=F("due_at"), next_warning_at=None
        )


_Firings = _OneByOne | _Chunk


def _locked(clock_ids: list[int]) -> tuple[dict[int, Complaint], dict[int, ComplaintClock]]:
    """The clocks' complaints, then the clocks, locked in that order (as every writer of a
    complaint's clocks takes them), by id."""
    complaint_ids = ComplaintClock.objects.filter(pk__in=clock_ids).values_list(
        "complaint_id", flat=True
    )
    complaints = complaints_lock(complaint_ids)
    clocks = {
        clock.pk: clock
        for clock in ComplaintClock.objects.select_for_update(of=("self",))
        .select_related("rule")
        .filter(pk__in=clock_ids)
        .order_by("pk")
    }
    return complaints, clocks


def _handler_or_first_rung(complaint: Complaint) -> list:
    return selectors.people_at_level(complaint, 0) or selectors.people_at_level(complaint, 1)


def _warn_locked(
    complaint: Complaint,
    clock: ComplaintClock,
    now: datetime,
    report: SweepReport,
    firings: _Firings,
) -> None:
    """One warning per sweep: if several points have passed (a sweep that ran late), only the
    latest is sent; a clock already past its deadline gets its breach instead."""
    if (
        clock.state not in (ClockState.RUNNING, ClockState.WARNING)
        or clock.next_warning_at is None
        or clock.next_warning_at > now
        or clock.due_at <= now
    ):
        report.skipped += 1
        return
    calendar = selectors.calendar_for_complaint(complaint)
    points = warning_times(
        clock.started_at, clock.due_at, clock.rule.warnings, clock.unit, calendar
    )
    level = max(clock.warnings_fired + 1, sum(1 for point in points if point <= now))
    if not firings.fire(complaint, clock, FiringKind.WARNING, level, now):
        report.skipped += 1
        return
    clock.warnings_fired = level
    clock.state = ClockState.WARNING
    clock.next_warning_at = points[level] if level < len(points) else None
    firings.save(clock)
    timeline.clock_warning_event(complaint, now, clock=clock.name, due_at=clock.due_at, point=level)
    notify(
        _handler_or_first_rung(complaint),
        kind=NotificationKind.CLOCK_WARNING,
        complaint=complaint,
        # The deadline as the complaint's calendar reads it: the reader sees the local time.
        params={
            "rule": clock.rule_id,
            "due_at": timezone.localtime(clock.due_at, calendar.tz).isoformat(),
        },
        at=now,
    )
    complaint_sla_refresh(complaint)
    report.warnings += 1
    report.clocks.append(clock.pk)


_Step = Callable[[Complaint, ComplaintClock, datetime, SweepReport, _Firings], None]


def _in_chunk(clock_ids: list[int], now: datetime, report: SweepReport, step: _Step) -> None:
    """`step` (warn or breach) for each clock, in one transaction; should the chunk's firings
    be refused, each clock alone."""
    chunk_report = SweepReport()
    try:
        with (
            transaction.atomic(),
            registered_blocks(),
            sla_refresh_gathered(),
            notifications_gathered(),
            escalations_gathered(),
            events_gathered(),
        ):
            complaints, clocks = _locked(clock_ids)
            chunk = _Chunk(clock_ids)
            _steps(clock_ids, complaints, clocks, now, chunk_report, step, chunk)
            chunk.write()
    except IntegrityError:
        for clock_id in clock_ids:
            _one_by_one(clock_id, now, report, step)
        return
    report.add(chunk_report)


def _one_by_one(clock_id: int, now: datetime, report: SweepReport, step: _Step) -> None:
    """One clock in its own transaction, each firing inserted at once."""
    with transaction.atomic():
        complaints, clocks = _locked([clock_id])
        _steps([clock_id], complaints, clocks, now, report, step, _OneByOne())


def _steps(
    clock_ids: list[int],
    complaints: dict[int, Complaint],
    clocks: dict[int, ComplaintClock],
    now: datetime,
    report: SweepReport,
    step: _Step,
    firings: _Firings,
) -> None:
    for clock_id in clock_ids:  # in the sweep's order
        clock = clocks.get(clock_id)
        if clock is None or clock.complaint_id not in complaints:  # gone meanwhile
            report.skipped += 1
            continue
        step(complaints[clock.complaint_id], clock, now, report, firings)


def _breach_locked(
    complaint: Complaint,
    clock: ComplaintClock,
    now: datetime,
    report: SweepReport,
    firings: _Firings,
) -> None:
    if clock.state not in (ClockState.RUNNING, ClockState.WARNING) or clock.due_at > now:
        report.skipped += 1
        return
    if not firings.fire(complaint, clock, FiringKind.BREACH, 0, now):
        report.skipped += 1
        return
    action = clock.rule.on_breach
    clock.next_warning_at = None
    if action == BreachAction.LAPSE:
        clock.state, clock.ended_at = ClockState.STOPPED, clock.due_at
    else:
        clock.state, clock.breached_at = ClockState.BREACHED, clock.due_at
    firings.save(clock)
    timeline.clock_breached_event(
        complaint, now, clock=clock.name, due_at=clock.due_at, action=action
    )
    report.breaches += 1
    if action != BreachAction.LAPSE:
        publish(ClockBreached(complaint, clock.name, clock.due_at, now))
        _after_breach(complaint, clock, action, now, report, firings)
    complaint_sla_refresh(complaint)
    report.clocks.append(clock.pk)


def _after_breach(
    complaint: Complaint,
    clock: ComplaintClock,
    action: str,
    now: datetime,
    report: SweepReport,
    firings: _Firings,
) -> None:
    """Escalate one rung (once per clock and level) and hand the handler the interim
    progress-update task: tell the complainant orally how it stands, and log the call."""
    if action == BreachAction.ESCALATE:
        target = complaint.escalation_level + 1
        if firings.fire(complaint, clock, FiringKind.ESCALATION, target, now) and escalate_to(
            complaint,
            target,
            now,
            cause=EscalationCause.CLOCK_BREACHED,
            clock=clock,
        ):
            report.escalations += 1
    if firings.fire(complaint, clock, FiringKind.PROGRESS_TASK, 0, now):
        notify(
            _handler_or_first_rung(complaint),
            kind=NotificationKind.PROGRESS_TASK,
            complaint=complaint,
            params={"rule": clock.rule_id},
            at=now,
        )


def sla_sweep(now: datetime | None = None, *, batch: int = BATCH) -> SweepReport:
    """Fire what is due at `now`. Each chunk of CHUNK clocks is its own short transaction, so a
    sweep over thousands of clocks never holds a lock for long and a failure loses one chunk's
    firings (tried again one by one), not all."""
    with memo_scope():
        return _sweep(now or timezone.now(), batch)


def _sweep(now: datetime, batch: int) -> SweepReport:
    report = SweepReport()
    warn_ids = list(
        ComplaintClock.objects.filter(_SWEPT, next_warning_at__lte=now)
        .order_by("next_warning_at")
        .values_list("pk", flat=True)[:batch]
    )
    for start in range(0, len(warn_ids), CHUNK):
        _in_chunk(warn_ids[start : start + CHUNK], now, report, _warn_locked)
    due_ids = list(
        ComplaintClock.objects.filter(_SWEPT, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:batch]
    )
    for start in range(0, len(due_ids), CHUNK):
        _in_chunk(due_ids[start : start + CHUNK], now, report, _breach_locked)
    return report
