"""Reading time-standard configuration and state: which calendar, which policy, which rung."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from complaintdesk.accounts.models import (
    PATH_SEGMENT_WIDTH,
    Organisation,
    OrgUnit,
    User,
    lineage_paths,
    subtree_q,
)
from complaintdesk.accounts.roles import Role, role_label
from complaintdesk.accounts.selectors import role_holders
from complaintdesk.complaints import permissions
from complaintdesk.complaints.choices import Channel, Grade, RiskFlag, Status
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.request_memo import memoised

from .calendars import (
    WorkingCalendar,
    calendar_for_region,
    close_of_nth_working_day,
    counts_working_time,
    end_of_nth_day,
    time_between,
)
from .choices import LIVE_CLOCK_STATES, ClockState, LadderScope, Region
from .models import (
    Calendar,
    ClockRule,
    ComplaintClock,
    EscalationLevel,
    ExtensionRequest,
    ExtensionStatus,
    LadderStartRule,
    OrganisationSla,
    Policy,
    UnitCalendar,
)

# An organisation that has not set a calendar gets its time zone's public holidays.
_REGION_OF_TIME_ZONE = {
    "Asia/Shanghai": Region.CN,
    "Asia/Chongqing": Region.CN,
    "Asia/Hong_Kong": Region.HK,
    "Europe/London": Region.GB,
    "America/New_York": Region.US,
    "America/Chicago": Region.US,
    "America/Denver": Region.US,
    "America/Los_Angeles": Region.US,
}


@dataclass(frozen=True)
class Rung:
    level: int
    role: str
    scope: str
    label: str


def _default_ladder() -> list[Rung]:
    """domain.md's ladder, used until an organisation configures its own."""
    roles = (
        (Role.HANDLER, LadderScope.ABOVE),
        (Role.DISTRICT_MANAGER, LadderScope.ABOVE),
        (Role.REGIONAL_GM, LadderScope.ABOVE),
        (Role.HQ_COMPLAINTS, LadderScope.ABOVE),
        (Role.BOARD_INVESTIGATOR, LadderScope.ORGANISATION),
    )
    return [
        Rung(level, role, scope, str(Role(role).label)) for level, (role, scope) in enumerate(roles)
    ]


# Grade and risk that put a complaint higher on the ladder from the start (domain.md, "Major").
DEFAULT_START_RULES = (
    (Grade.MAJOR, "", "", 2),
    (Grade.URGENT, "", "", 2),
    ("", RiskFlag.MEDIA, "", 2),
    ("", RiskFlag.LEGAL, "", 1),
    ("", RiskFlag.REGULATOR, "", 1),
    ("", "", Channel.EXECUTIVE_OFFICE, 2),
)


def ladder_for(organisation_id: int) -> list[Rung]:
    return memoised(("ladder", organisation_id), lambda: _ladder_read(organisation_id))


def _ladder_read(organisation_id: int) -> list[Rung]:
    levels = EscalationLevel.objects.filter(organisation_id=organisation_id).order_by("level")
    if not levels:
        return _default_ladder()
    return [Rung(lv.level, lv.role, lv.scope, lv.label) for lv in levels]


def organisation_wide_rungs(organisation_id: int) -> list[tuple[str, int]]:
    """(role, level) of the rungs whose people are found anywhere in the organisation."""
    return [
        (rung.role, rung.level)
        for rung in ladder_for(organisation_id)
        if rung.scope == LadderScope.ORGANISATION
    ]


def rung_of(complaint: Complaint) -> Rung | None:
    """The rung the complaint stands on, when it has climbed above the handler."""
    if not complaint.escalation_level:
        return None
    ladder = {rung.level: rung for rung in ladder_for(complaint.organisation_id)}
    return ladder.get(complaint.escalation_level)


def start_level_for(complaint: Complaint) -> int:
    rules = list(LadderStartRule.objects.filter(organisation_id=complaint.organisation_id))
    if rules:
        levels = [rule.level for rule in rules if rule.matches(complaint)]
    else:
        levels = [
            level
            for grade, flag, channel, level in DEFAULT_START_RULES
            if LadderStartRule(grade=grade, risk_flag=flag, channel=channel).matches(complaint)
        ]
    top = ladder_for(complaint.organisation_id)[-1].level
    return min(max(levels, default=0), top)


def people_at_level(complaint: Complaint, level: int) -> list[User]:
    """Who stands on this rung for this complaint. Rung 0 is the handler in person."""
    if level == 0 and complaint.handler is not None:
        return [complaint.handler] if complaint.handler.is_active else []
    rungs = {rung.level: rung for rung in ladder_for(complaint.organisation_id)}
    rung = rungs.get(level)
    if rung is None:
        return []
    over = complaint.unit_path if rung.scope == LadderScope.ABOVE else None
    # A sweep tells the same rung of the same unit about many complaints: read it once a run.
    holders = memoised(
        ("rung-holders", complaint.organisation_id, rung.role, over),
        lambda: list(role_holders(complaint.organisation_id, rung.role, over_path=over)),
    )
    return list(holders)


def _settings(organisation_id: int) -> OrganisationSla | None:
    return memoised(
        ("sla-settings", organisation_id),
        lambda: (
            OrganisationSla.objects.select_related("policy", "calendar")
            .filter(organisation_id=organisation_id)
            .first()
        ),
    )


def policy_for(organisation_id: int) -> Policy | None:
    settings = _settings(organisation_id)
    return settings.policy if settings else None


def clock_names(organisation_ids: list[int]) -> list[tuple[str, str]]:
    """(name, label) of each time standard the organisations' policies run, once per name:
    what a queue can be filtered by. One query, whatever the number of organisations."""
    rules = ClockRule.objects.filter(policy__organisationsla__organisation_id__in=organisation_ids)
    found: dict[str, str] = {}
    for rule in rules.order_by("policy_id", "id"):
        found.setdefault(rule.name, str(rule.label))
    return list(found.items())


def rules_for(policy: Policy, channel: str, grade: str) -> list[ClockRule]:
    rules = memoised(("policy-clocks", policy.pk), lambda: list(policy.clocks.all()))
    return [rule for rule in rules if rule.applies_to(channel, grade)]


def working_calendar(calendar: Calendar) -> WorkingCalendar:
    days = list(calendar.days.values_list("date", "is_working"))
    return WorkingCalendar(
        region=calendar.region,
        time_zone=calendar.time_zone,
        opens=calendar.opens,
        closes=calendar.closes,
        closures=frozenset(day for day, working in days if not working),
        extra_working_days=frozenset(day for day, working in days if working),
    )


def calendar_for_complaint(complaint: Complaint) -> WorkingCalendar:
    """The calendar of the nearest unit above the complaint that has one, else the
    organisation's default, else its time zone's public holidays."""
    return _calendar_at(complaint.unit_path, complaint.organisation)


def calendar_for_unit(unit: OrgUnit) -> WorkingCalendar:
    """Where a unit works (a department doing a task for a complaint): as for a complaint
    sitting in that unit."""
    return _calendar_at(unit.path, unit.organisation)


def _calendar_at(unit_path: str, organisation: Organisation) -> WorkingCalendar:
    return memoised(
        ("working-calendar", unit_path, organisation.pk),
        lambda: _calendar_read(unit_path, organisation),
    )


def _calendar_read(unit_path: str, organisation: Organisation) -> WorkingCalendar:
    ids = [int(path[-PATH_SEGMENT_WIDTH:]) for path in lineage_paths(unit_path)]
    own = {
        row.unit_id: row.calendar
        for row in UnitCalendar.objects.filter(unit_id__in=ids).select_related("calendar")
    }
    for unit_id in reversed(ids):
        if unit_id in own:
            return working_calendar(own[unit_id])
    return organisation_calendar(organisation)


def organisation_calendar(organisation: Organisation) -> WorkingCalendar:
    settings = _settings(organisation.pk)
    if settings and settings.calendar:
        return working_calendar(settings.calendar)
    region = _REGION_OF_TIME_ZONE.get(organisation.time_zone, Region.NONE)
    return calendar_for_region(region, time_zone=organisation.time_zone)


def working_deadline(complaint: Complaint, working_days: int, start: datetime) -> datetime:
    """Close of business of the Nth working day after `start`'s day, where the complaint is."""
    return close_of_nth_working_day(start, working_days, calendar_for_complaint(complaint))


def complaint_clocks(complaint: Complaint) -> QuerySet:
    return ComplaintClock.objects.filter(complaint=complaint).select_related("rule")


def live_clocks(complaint: Complaint) -> QuerySet:
    """Clocks still waiting for what meets them (a breached clock still waits)."""
    return complaint_clocks(complaint).filter(state__in=LIVE_CLOCK_STATES)


@dataclass(frozen=True)
class ClockRow:
    """One line of the complaint page's time-standards panel."""

    clock: ComplaintClock
    label: str
    # The next extension the policy allows: its new total and who must approve (role label).
    next_extension: int | None
    extension_approver: str
    # Time left before it is due, or (overdue) since it was due, in working time for a clock
    # that counts working days; None for a clock that is paused or no longer running.
    left: timedelta | None = None
    overdue: bool = False
    in_working_time: bool = False
    # The working time one working day holds where the complaint is, to read `left` in days.
    business_day: timedelta | None = None


def _row(
    clock: ComplaintClock,
    *,
    left: timedelta | None = None,
    overdue: bool = False,
    calendar: WorkingCalendar | None = None,
) -> ClockRow:
    step = clock.next_extension() or {}
    role = step.get("approval_role", "")
    return ClockRow(
        clock=clock,
        label=clock.rule.label,
        next_extension=int(step["amount"]) if step else None,
        extension_approver=role_label(role) if role else "",
        left=left,
        overdue=overdue,
        in_working_time=counts_working_time(clock.unit),
        business_day=calendar.business_day if calendar else None,
    )


def clock_rows(complaint: Complaint, *, now: datetime | None = None) -> list[ClockRow]:
    """The complaint's clocks, each running one with the time it has left as its own unit
    counts time: business hours on working days for a clock of working days."""
    now = now or timezone.now()
    clocks = list(complaint_clocks(complaint).order_by("started_at", "id"))
    running = [c for c in clocks if c.state in (ClockState.RUNNING, ClockState.WARNING)]
    running += [c for c in clocks if c.state == ClockState.BREACHED]
    calendar = calendar_for_complaint(complaint) if running else None
    rows = []
    for clock in clocks:
        if calendar is None or clock not in running:
            rows.append(_row(clock))
        elif now <= clock.due_at:
            left = time_between(now, clock.due_at, clock.unit, calendar)
            rows.append(_row(clock, left=left, calendar=calendar))
        else:
            late = time_between(clock.due_at, now, clock.unit, calendar)
            rows.append(_row(clock, left=late, overdue=True, calendar=calendar))
    return rows


def clock_rows_of(complaints: list[Complaint]) -> dict[int, list[ClockRow]]:
    """The clock rows of many complaints in one query (a page of a queue, an API list)."""
    rows: dict[int, list[ClockRow]] = {complaint.pk: [] for complaint in complaints}
    clocks = (
        ComplaintClock.objects.filter(complaint_id__in=list(rows))
        .select_related("rule")
        .order_by("started_at", "id")
    )
    for clock in clocks:
        rows[clock.complaint_id].append(_row(clock))
    return rows


def promised(rows: list[ClockRow]) -> list[ClockRow]:
    """The clocks still running: the dates the complainant has been promised."""
    return [row for row in rows if row.clock.state in (ClockState.RUNNING, ClockState.WARNING)]


@dataclass(frozen=True)
class PolicyNotes:
    """What the organisation's policy asks of the reply, and the complainant's review window."""

    # Only while the reply is being prepared; after it, the wording is history.
    reply_wording: str
    review_until: datetime | None


def policy_notes(complaint: Complaint) -> PolicyNotes | None:
    policy = policy_for(complaint.organisation_id)
    if policy is None:
        return None
    review_until = None
    if policy.review_window_days and complaint.first_replied_at:
        review_until = end_of_nth_day(
            complaint.first_replied_at,
            policy.review_window_days,
            calendar_for_complaint(complaint),
        )
    preparing = complaint.status in (Status.INVESTIGATING, Status.PROPOSED)
    return PolicyNotes(policy.reply_wording if preparing else "", review_until)


def extensions_awaiting(user: User) -> Q:
    """Complaints with a deadline extension this user may decide: asked of a role they hold
    in the subtree where they hold it, and not asked by themselves."""
    found = Q(pk__in=[])
    for held in permissions.role_paths(user):
        pending = ExtensionRequest.objects.filter(
            status=ExtensionStatus.PENDING, approval_role=held.role
        ).exclude(requested_by=user)
        # As a list, for the same reason as authority's awaiting_approval_by.
        waiting = list(pending.values_list("complaint_id", flat=True))
        found |= subtree_q("unit_path", held.path) & Q(pk__in=waiting)
    return found


@dataclass(frozen=True)
class PendingExtension:
    """An extension waiting for a decision, as the complaint page shows it."""

    request: ExtensionRequest
    clock_label: str
    approver: str
    can_decide: bool


def extensions_pending(
    user: User, complaint: Complaint, rows: list[ClockRow]
) -> list[PendingExtension]:
    """The complaint's extensions waiting for a decision; `rows` (its clock_rows, already
    read) spare the query where no clock's policy has extension steps to ask for."""
    if not any(row.clock.rule.extensions for row in rows):
        return []
    requests = list(
        ExtensionRequest.objects.filter(complaint=complaint, status=ExtensionStatus.PENDING)
        .select_related("clock__rule", "requested_by")
        .order_by("requested_at", "id")
    )
    roles = permissions.roles_on(user, complaint) if requests else set()
    return [
        PendingExtension(
            request=request,
            clock_label=request.clock.rule.label,
            approver=role_label(request.approval_role),
            can_decide=request.approval_role in roles and request.requested_by_id != user.pk,
        )
        for request in requests
    ]
