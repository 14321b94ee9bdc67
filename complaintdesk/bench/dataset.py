"""The benchmark's data set: N synthetic complaints spread over the demo's two organisations,
written through the import's bulk path (complaints_import, which numbers them, finds or makes
their complainants and writes their first timeline entry), then given what imported history
lacks: a handler's timeline of moves and notes, and a time-standard clock each, with the
complaint's deadline summary set as the clocks would set it.

Two years of history, every state, categories, units, sites, repeat complainants, Chinese in
both scripts and English. Deterministic for a seed: batch k draws from Random(seed, k), so a
run that stopped half-way goes on where it stopped and makes the same complaints.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from complaintdesk.accounts.models import Organisation, OrgUnit, RoleAssignment, UnitKind, User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import FINAL_STATUSES, Channel, Grade, Status, Visibility
from complaintdesk.complaints.events import EventKind
from complaintdesk.complaints.models import Category, Complaint, ComplaintEvent, RootCause
from complaintdesk.complaints.services.history import complaints_import
from complaintdesk.complaints.services.history_records import (
    HistoricalComplaint,
    historical_prepare,
)
from complaintdesk.core.bulk import objects_insert
from complaintdesk.customers.services import ContactDetails
from complaintdesk.sla.choices import ClockState, StopOn
from complaintdesk.sla.models import ClockRule, ComplaintClock, OrganisationSla

from .texts import THEMES, complaint_text, person_name

EXTERNAL_PREFIX = "bench-"
SOURCE = "benchmark"

# The moves that take a complaint from receipt to each status, with when they happen as a
# share of the time it spent open.
PATH = (
    (Status.ACKNOWLEDGED, "acknowledge", 0.02),
    (Status.ASSIGNED, "assign", 0.05),
    (Status.INVESTIGATING, "start_investigation", 0.15),
    (Status.PROPOSED, "propose", 0.55),
    (Status.REPLIED, "reply", 0.65),
    (Status.FOLLOWING_UP, "start_follow_up", 0.8),
    (Status.CLOSED, "close", 1.0),
)
OPEN_MIX = (
    (Status.RECEIVED, 8),
    (Status.ACKNOWLEDGED, 8),
    (Status.ASSIGNED, 14),
    (Status.INVESTIGATING, 30),
    (Status.AWAITING_COMPLAINANT, 6),
    (Status.PROPOSED, 10),
    (Status.REPLIED, 12),
    (Status.FOLLOWING_UP, 12),
)
OLD_MIX = ((Status.CLOSED, 93), (Status.WITHDRAWN, 4), (Status.REJECTED, 3))
CHANNELS = (
    (Channel.PHONE, 35),
    (Channel.EMAIL, 18),
    (Channel.WEB_FORM, 20),
    (Channel.LETTER, 8),
    (Channel.VISIT, 12),
    (Channel.SOCIAL_MEDIA, 5),
    (Channel.REGULATOR, 2),
)
GRADES = ((Grade.GENERAL, 80), (Grade.SIGNIFICANT, 15), (Grade.MAJOR, 4), (Grade.URGENT, 1))
LANGUAGES = {
    "hk-property": (("zh-hant", 70), ("en", 20), ("zh-hans", 10)),
    "cn-bank": (("zh-hans", 80), ("zh-hant", 10), ("en", 10)),
}
# Complaints received in the last OPEN_DAYS are mostly still open; older ones mostly closed.
OPEN_DAYS = 45
HISTORY_DAYS = 730


def _pick(rng: Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in weighted], [w for _, w in weighted])[0]


@dataclass
class OrgShape:
    """What the generator draws from for one organisation, read once."""

    organisation: Organisation
    sites: list[OrgUnit]
    handlers: dict[int, list[int]]  # site id -> ids of the handlers whose line covers it
    categories: list[Category]
    root_causes: list[RootCause]
    rule: ClockRule | None
    languages: tuple
    people: int


def org_shapes(n: int) -> list[OrgShape]:
    shapes = []
    for organisation in Organisation.objects.filter(code__in=LANGUAGES).order_by("code"):
        sites = list(
            OrgUnit.objects.filter(
                organisation=organisation, kind__in=[UnitKind.SITE, UnitKind.BRANCH], is_active=True
            )
        )
        holders = list(
            RoleAssignment.objects.filter(
                role=Role.HANDLER, unit__organisation=organisation, user__is_active=True
            ).values_list("user_id", "unit__path")
        )
        handlers = {
            site.pk: [user for user, path in holders if site.path.startswith(path)]
            or [user for user, _ in holders]
            for site in sites
        }
        settings = OrganisationSla.objects.filter(organisation=organisation).first()
        rule = None
        if settings and settings.policy_id:
            rule = (
                ClockRule.objects.filter(
                    policy_id=settings.policy_id, stops_on=StopOn.REPLIED, starts_at_level=None
                )
                .order_by("id")
                .first()
            )
        shapes.append(
            OrgShape(
                organisation=organisation,
                sites=sites,
                handlers=handlers,
                categories=list(Category.objects.filter(organisation=organisation)),
                root_causes=list(RootCause.objects.filter(organisation=organisation)),
                rule=rule,
                languages=LANGUAGES[organisation.code],
                people=max(n // 6, 50),
            )
        )
    return shapes


@dataclass
class Planned:
    item: HistoricalComplaint
    status: str
    ended: datetime  # when it left the queues, or now


def _plan(rng: Random, shape: OrgShape, index: int, now: datetime) -> Planned:
    age = timedelta(
        days=rng.uniform(0, HISTORY_DAYS) if rng.random() < 0.85 else rng.uniform(0, OPEN_DAYS)
    )
    received = now - age
    if age.days < OPEN_DAYS and rng.random() < 0.8:
        status = _pick(rng, OPEN_MIX)
    else:
        status = _pick(rng, OLD_MIX)
    language = _pick(rng, shape.languages)
    subject, description = complaint_text(rng, language, rng.randrange(len(THEMES)))
    site = rng.choice(shape.sites)
    person = rng.randrange(shape.people)  # a sixth as many people: repeat complainants
    phone = f"{9 if shape.organisation.code == 'hk-property' else 138}{person:08d}"
    closed = None
    if status in FINAL_STATUSES:
        closed = min(received + timedelta(days=rng.uniform(1, 40)), now)
    replied = None
    if status in (Status.REPLIED, Status.FOLLOWING_UP, Status.CLOSED):
        end = closed or now
        replied = received + (end - received) * 0.65
    handler = None
    if status not in (Status.RECEIVED, Status.ACKNOWLEDGED) and shape.handlers.get(site.pk):
        handler = User(pk=rng.choice(shape.handlers[site.pk]))
    risks = frozenset(
        flag
        for flag, p in (("media", 0.02), ("regulator", 0.01), ("safety", 0.02))
        if rng.random() < p
    )
    item = HistoricalComplaint(
        unit=site,
        site=site if site.kind == UnitKind.SITE else None,
        received_at=received,
        subject=subject,
        description=description,
        complainant=ContactDetails(
            name=person_name(Random(person), language),
            phone=phone,
            email=f"person{person}@example.com" if person % 5 < 2 else "",
        ),
        channel=_pick(rng, CHANNELS),
        status=status,
        closed_at=closed,
        first_replied_at=replied,
        language=language,
        external_id=f"{EXTERNAL_PREFIX}{index}",
        category=rng.choice(shape.categories) if shape.categories else None,
        grade=_pick(rng, GRADES),
        risks=risks,
        root_cause=(
            rng.choice(shape.root_causes) if shape.root_causes and status == Status.CLOSED else None
        ),
        handler=handler,
    )
    return Planned(item, status, closed or now)


def bench_loaded() -> int:
    return Complaint.objects.filter(external_id__startswith=EXTERNAL_PREFIX).count()


def bench_load(n: int, *, batch: int = 10_000, seed: int = 2026) -> Iterator[int]:
    """Make complaints until the benchmark holds `n`; yields the count after each batch."""
    by = User.objects.filter(is_superuser=True).order_by("pk").first()
    assert by is not None, "load the demo first: the benchmark builds on its organisations"
    shapes = org_shapes(n)
    now = timezone.now()
    done = bench_loaded()
    while done < n:
        size = min(batch, n - done)
        rng = Random(seed * 1_000_003 + done // batch)
        by_org: dict[int, list[Planned]] = {}
        for index in range(done, done + size):
            shape = shapes[0] if rng.random() < 0.55 else shapes[-1]
            by_org.setdefault(shape.organisation.pk, []).append(_plan(rng, shape, index, now))
        with transaction.atomic():  # a batch is all there or not at all: a rerun redoes it
            for shape in shapes:
                planned = by_org.get(shape.organisation.pk, [])
                if planned:
                    _write(rng, shape, by, planned, now)
        done += size
        yield done


def _write(rng: Random, shape: OrgShape, by: User, planned: list[Planned], now: datetime) -> None:
    rows = historical_prepare(shape.organisation, [p.item for p in planned])
    for row, plan in zip(rows, planned, strict=True):
        _summarise(row.complaint, plan, shape.rule, now)
    outcome = complaints_import(by, shape.organisation, rows, source=SOURCE)
    assert not outcome.problems, list(outcome.problems.items())[:3]
    # complaints_import set each complaint's id on the prepared record.
    complaints = [row.complaint for row in rows]
    objects_insert(
        [e for c, p in zip(complaints, planned, strict=True) for e in _events(rng, c, p)]
    )
    if shape.rule is not None:
        objects_insert(
            [_clock(c, p, shape.rule, now) for c, p in zip(complaints, planned, strict=True)]
        )


def _due(complaint: Complaint, rule: ClockRule) -> datetime:
    days = rule.amount if rule.unit in ("days", "working_days") else max(rule.amount // 24, 1)
    return complaint.received_at + timedelta(
        days=days * (1.4 if rule.unit == "working_days" else 1)
    )


def _summarise(complaint: Complaint, plan: Planned, rule: ClockRule | None, now: datetime) -> None:
    """The deadline summary and activity the clocks and moves would have left."""
    complaint.last_activity_at = plan.ended
    if (
        rule is None
        or plan.status in FINAL_STATUSES
        or plan.status in (Status.REPLIED, Status.FOLLOWING_UP)
    ):
        return
    due = _due(complaint, rule)
    complaint.sla_due_at = due
    if plan.status == Status.AWAITING_COMPLAINANT:
        complaint.sla_state = ClockState.PAUSED
    elif due < now:
        complaint.sla_state = ClockState.BREACHED
        complaint.escalation_level = 1
    elif due - now < timedelta(days=2):
        complaint.sla_state = ClockState.WARNING
    else:
        complaint.sla_state = ClockState.RUNNING


def _clock(complaint: Complaint, plan: Planned, rule: ClockRule, now: datetime) -> ComplaintClock:
    due = _due(complaint, rule)
    state = complaint.sla_state or ClockState.MET
    ended = None
    if state == ClockState.MET:
        ended = complaint.first_replied_at or plan.ended
    return ComplaintClock(
        complaint_id=complaint.pk,
        rule_id=rule.pk,
        name=rule.name,
        unit=rule.unit,
        amount=rule.amount,
        cycle=1,
        state=state,
        started_at=complaint.received_at,
        due_at=due,
        paused_at=plan.ended if state == ClockState.PAUSED else None,
        paused_total=timedelta(0),
        ended_at=ended,
        breached_at=due if state == ClockState.BREACHED else None,
    )


def _events(rng: Random, complaint: Complaint, plan: Planned) -> Iterator[ComplaintEvent]:
    """The moves from receipt to its status, spread over the time it was open, and a note or
    a call or two on the way."""
    start, span = complaint.received_at, plan.ended - complaint.received_at
    actor = complaint.handler_id or complaint.received_by_id
    before: str = Status.RECEIVED
    final = plan.status
    steps: tuple[tuple[str, str, float], ...] = PATH if final != Status.RECEIVED else ()
    for status, action, share in steps:
        if final in FINAL_STATUSES and final != Status.CLOSED and status == Status.PROPOSED:
            status, action, share = (
                final,
                "withdraw" if final == Status.WITHDRAWN else "reject",
                1.0,
            )
        if final == Status.AWAITING_COMPLAINANT and status == Status.PROPOSED:
            status, action, share = final, "request_information", 0.5
        yield ComplaintEvent(
            complaint_id=complaint.pk,
            kind=EventKind.STATUS_CHANGED,
            action=action,
            actor_id=actor,
            created_at=start + span * share,
            status_before=before,
            status_after=status,
        )
        before = status
        if status == final:
            break
    for _ in range(rng.randrange(3)):
        yield ComplaintEvent(
            complaint_id=complaint.pk,
            kind=rng.choice((EventKind.NOTE, EventKind.CALL)),
            actor_id=actor,
            created_at=start + span * rng.random(),
            visibility=Visibility.INTERNAL,
            text=complaint.description[: rng.randint(20, 60)],
        )
