"""Starting, meeting, pausing and extending a complaint's clocks.

They run as subscribers to the complaint's events (subscribers.py), inside the transaction
of the change, with the complaint row already locked by the complaints core, so a clock never
disagrees with the status that moved it. The complaint's own columns (its deadline summary, its
rung) are written only through the complaints services.
"""

from collections import defaultdict
from datetime import datetime

from complaintdesk.complaints import policy_events as timeline
from complaintdesk.complaints.choices import FINAL_STATUSES, Status
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.services import (
    complaint_deadlines_summarise,
    complaints_deadlines_summarise,
)
from complaintdesk.complaints.transitions import Action, SystemAction
from complaintdesk.core.gathered import Gathering

from .. import selectors
from ..calendars import WorkingCalendar, due_at, time_between, warning_times
from ..choices import LIVE_CLOCK_STATES, STATE_SEVERITY, ClockState, StopOn
from ..models import ClockRule, ComplaintClock


def schedule(clock: ComplaintClock, calendar: WorkingCalendar) -> None:
    """Set due_at and the next warning from the clock's start, allowance and pauses."""
    clock.due_at = due_at(clock.started_at, clock.amount, clock.unit, calendar, clock.paused_total)
    points = warning_times(
        clock.started_at, clock.due_at, clock.rule.warnings, clock.unit, calendar
    )
    upcoming = points[clock.warnings_fired :]
    clock.next_warning_at = upcoming[0] if upcoming else None


def _start(
    complaint: Complaint,
    rule: ClockRule,
    at: datetime,
    calendar: WorkingCalendar,
    *,
    cycle: int = 1,
) -> ComplaintClock:
    clock = ComplaintClock(
        complaint=complaint,
        rule=rule,
        name=rule.name,
        unit=rule.unit,
        amount=rule.amount,
        cycle=cycle,
        started_at=at,
    )
    schedule(clock, calendar)
    clock.save(force_insert=True)
    return clock


def _next_cycle(complaint: Complaint, name: str) -> int:
    last = (
        ComplaintClock.objects.filter(complaint=complaint, name=name)
        .order_by("-cycle")
        .values_list("cycle", flat=True)
        .first()
    )
    return (last or 0) + 1


def clocks_start(
    complaint: Complaint, *, at: datetime, level: int | None = None
) -> list[ComplaintClock] | None:
    """Start the policy's clocks that apply to this complaint: from receipt (level None) or
    those that start when the complaint reaches `level` of the ladder. None when the
    organisation follows no policy."""
    policy = selectors.policy_for(complaint.organisation_id)
    if policy is None:
        return None
    calendar = selectors.calendar_for_complaint(complaint)
    started = []
    for rule in selectors.rules_for(policy, complaint.channel, complaint.grade):
        if rule.starts_at_level != level:
            continue
        if (
            level is not None
            and ComplaintClock.objects.filter(complaint=complaint, name=rule.name).exists()
        ):
            continue
        # At receipt the complaint has no clocks yet, and a rung's clock starts only if it has
        # never run: either way this is its first period.
        started.append(_start(complaint, rule, at, calendar, cycle=1))
    complaint_sla_refresh(complaint)
    return started


def _end(clock: ComplaintClock, state: str, at: datetime) -> None:
    if clock.state == ClockState.PAUSED:
        _resume(clock, at, calendar=None)
    clock.state = state
    clock.ended_at = at
    clock.next_warning_at = None
    clock.save()


def _meet(
    complaint: Complaint, stops_on: str | tuple[str, ...], at: datetime
) -> list[ComplaintClock]:
    met = []
    what = (stops_on,) if isinstance(stops_on, str) else stops_on
    for clock in selectors.live_clocks(complaint).filter(rule__stops_on__in=what):
        _end(clock, ClockState.MET, at)
        met.append(clock)
    return met


def _pause(complaint: Complaint, at: datetime) -> None:
    paused = []
    for clock in selectors.live_clocks(complaint).filter(
        state__in=[ClockState.RUNNING, ClockState.WARNING], rule__pauses_when_awaiting=True
    ):
        clock.state = ClockState.PAUSED
        clock.paused_at = at
        clock.save()
        paused.append(clock.name)
    if paused:
        timeline.clocks_paused_event(complaint, at, paused, resumed=False)


def _resume(clock: ComplaintClock, at: datetime, calendar: WorkingCalendar | None) -> None:
    calendar = calendar or selectors.calendar_for_complaint(clock.complaint)
    assert clock.paused_at is not None  # _pause sets it with the paused state
    clock.paused_total += time_between(clock.paused_at, at, clock.unit, calendar)
    clock.paused_at = None
    clock.state = ClockState.WARNING if clock.warnings_fired else ClockState.RUNNING
    schedule(clock, calendar)


def _resume_all(complaint: Complaint, at: datetime) -> None:
    calendar = selectors.calendar_for_complaint(complaint)
    resumed = []
    for clock in selectors.live_clocks(complaint).filter(state=ClockState.PAUSED):
        _resume(clock, at, calendar)
        clock.save()
        resumed.append(clock.name)
    if resumed:
        timeline.clocks_paused_event(complaint, at, resumed, resumed=True)


def _restart_answer_clocks(complaint: Complaint, at: datetime) -> None:
    """Reopened or appealed: the complaint needs a new answer, on a new period."""
    policy = selectors.policy_for(complaint.organisation_id)
    if policy is None:
        return
    calendar = selectors.calendar_for_complaint(complaint)
    for rule in selectors.rules_for(policy, complaint.channel, complaint.grade):
        if rule.starts_at_level is None and (rule.stops_on == StopOn.REPLIED or rule.repeats):
            _start(complaint, rule, at, calendar, cycle=_next_cycle(complaint, rule.name))


def clocks_on_action(
    complaint: Complaint, action: str, at: datetime, *, level_before: int = 0
) -> None:
    """After every lifecycle move is written (the ComplaintMoved subscriber)."""
    if action == SystemAction.ESCALATE:
        # Clocks that begin on a rung start when the complaint reaches it.
        for reached in range(level_before + 1, complaint.escalation_level + 1):
            clocks_start(complaint, at=at, level=reached)
        return
    if action in (Action.ACKNOWLEDGE, SystemAction.ACKNOWLEDGE_IN_WRITING):
        _meet(complaint, StopOn.ACKNOWLEDGED, at)
    elif action == Action.REQUEST_INFORMATION:
        _pause(complaint, at)
    elif action == Action.RESUME:
        _resume_all(complaint, at)
    elif action == Action.REPLY:
        # The answer reaches the complainant: it is also the acknowledgement and the contact
        # that nobody recorded, so a first-response clock never runs on past the reply.
        _meet(complaint, (StopOn.REPLIED, StopOn.ACKNOWLEDGED, StopOn.CONTACT), at)
        # Progress updates are owed while the complaint is unanswered; the answer ends them.
        for clock in selectors.live_clocks(complaint).filter(rule__repeats=True):
            _end(clock, ClockState.MET, at)
    elif action in (Action.REOPEN, Action.APPEAL):
        _restart_answer_clocks(complaint, at)
    if complaint.status == Status.CLOSED:
        _meet(complaint, StopOn.CLOSED, at)
    if complaint.status in FINAL_STATUSES:
        for clock in selectors.live_clocks(complaint):
            _end(clock, ClockState.STOPPED, at)
    complaint_sla_refresh(complaint)


def clocks_on_classification(complaint: Complaint, at: datetime) -> None:
    """The grade changed: the time standards follow the new grade. A running clock whose rule
    does not cover it no longer applies; a clock it calls for that never ran starts, counted
    from receipt as every time standard is (a complaint found urgent late may be overdue at
    once, which is the truth), unless what meets it has happened already."""
    policy = selectors.policy_for(complaint.organisation_id)
    if policy is None or complaint.status in FINAL_STATUSES:
        return
    applying = {
        rule.pk: rule
        for rule in selectors.rules_for(policy, complaint.channel, complaint.grade)
        if rule.starts_at_level is None
    }
    for clock in selectors.live_clocks(complaint).select_related("rule"):
        if clock.rule.starts_at_level is None and clock.rule_id not in applying:
            _end(clock, ClockState.STOPPED, at)
    ran = set(ComplaintClock.objects.filter(complaint=complaint).values_list("rule", flat=True))
    happened: dict[str, bool] = {
        StopOn.ACKNOWLEDGED: complaint.acknowledged_at is not None,
        StopOn.REPLIED: complaint.status in (Status.REPLIED, Status.FOLLOWING_UP),
    }
    calendar = selectors.calendar_for_complaint(complaint)
    for rule in applying.values():
        if rule.pk not in ran and not happened.get(rule.stops_on, False):
            cycle = _next_cycle(complaint, rule.name)
            _start(complaint, rule, complaint.received_at, calendar, cycle=cycle)
    if complaint.status == Status.AWAITING_COMPLAINANT:
        _pause(complaint, at)
    complaint_sla_refresh(complaint)


def clocks_on_contact(complaint: Complaint, at: datetime) -> None:
    """A call, letter, e-mail or visit: meets contact clocks, and a repeating one restarts."""
    calendar = selectors.calendar_for_complaint(complaint)
    # A repeating clock is live only until the reply ends it, so one met here is still owed.
    for clock in _meet(complaint, StopOn.CONTACT, at):
        if clock.rule.repeats:
            _start(complaint, clock.rule, at, calendar, cycle=clock.cycle + 1)
    complaint_sla_refresh(complaint)


def clocks_on_step(complaint: Complaint, step: str, at: datetime) -> None:
    if step == StopOn.EXECUTIVE_REPORT:
        _meet(complaint, StopOn.EXECUTIVE_REPORT, at)
        complaint_sla_refresh(complaint)


def complaint_sla_refresh(complaint: Complaint) -> None:
    """Write the complaint's summary: its worst live clock's state and earliest deadline.
    Inside `sla_refresh_gathered()` it is written once, for all its complaints, at the end."""
    if _REFRESHES.add([complaint]):
        return
    live = list(
        ComplaintClock.objects.filter(complaint=complaint, state__in=LIVE_CLOCK_STATES).values_list(
            "state", "due_at"
        )
    )
    complaint_deadlines_summarise(complaint, *_summary(live))


def _summary(live: list[tuple[str, datetime]]) -> tuple[str, datetime | None]:
    states = {state for state, _ in live}
    state = next((s for s in STATE_SEVERITY if s in states), "")
    dues = [due for s, due in live if s != ClockState.PAUSED]
    return state, min(dues) if dues else None


def _refresh_many(complaints: list[Complaint]) -> None:
    # The last instance of each complaint: the one the latest change held.
    latest = {complaint.pk: complaint for complaint in complaints}
    live: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    for complaint_id, state, due in ComplaintClock.objects.filter(
        complaint_id__in=list(latest), state__in=LIVE_CLOCK_STATES
    ).values_list("complaint_id", "state", "due_at"):
        live[complaint_id].append((state, due))
    complaints_deadlines_summarise(
        [(complaint, *_summary(live[pk])) for pk, complaint in latest.items()]
    )


_REFRESHES: Gathering[Complaint] = Gathering("sla-refreshes", _refresh_many)
sla_refresh_gathered = _REFRESHES.block
