"""The roll-up the dashboards read equals a direct count over the complaints table, whatever
happened to the complaints: reclassified, closed, reopened, appealed, merged, withdrawn,
breached; and the rebuild command counts the same from scratch."""

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, TruncDate

from complaintdesk.accounts.models import Organisation
from complaintdesk.accounts.roles import Role
from complaintdesk.analytics.measures import MEASURES as MEASURE_NAMES
from complaintdesk.analytics.models import CauseFigure, ComplaintTally, DailyFigure, RollupCell
from complaintdesk.analytics.rebuild import analytics_rebuild
from complaintdesk.analytics.scope import dashboard_scope
from complaintdesk.analytics.sources import CellSource, FineSource
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Channel, Grade, Responsibility, Status
from complaintdesk.complaints.models import Complaint, ComplaintEvent
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    RootCauseFactory,
    complaint_at,
    drive_to,
    manager_for,
    org_tree,
    reply,
    settle,
    staff,
)
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.sla.services import sla_sweep
from complaintdesk.sla.tests.factories import local, on_policy
from complaintdesk.transfer.tests.test_import_runs import csv_file, rows, run_file

pytestmark = pytest.mark.django_db

DIMS = ("day", "unit_id", "site_or_0", "category_or_0", "channel", "grade", "handler_or_0")
RISKS = ("media", "regulator", "legal", "safety", "vip", "repeat")


def _direct_count(organisation: Organisation) -> dict[tuple, Counter]:
    """The figures counted straight from the complaints, by the database, in the
    organisation's days; a merged duplicate counts as the complaint it joined."""
    zone = ZoneInfo(organisation.time_zone)
    counted = Complaint.objects.filter(organisation=organisation).exclude(status=Status.MERGED)
    counted = counted.annotate(
        site_or_0=Coalesce("site_id", Value(0)),
        category_or_0=Coalesce("category_id", Value(0)),
        handler_or_0=Coalesce("handler_id", Value(0)),
    )
    appealed = Exists(
        ComplaintEvent.objects.filter(complaint=OuterRef("pk"), status_after=Status.APPEAL)
    )
    breached = Exists(
        ComplaintClock.objects.filter(complaint=OuterRef("pk"), breached_at__isnull=False)
    )
    figures: dict[tuple, Counter] = defaultdict(Counter)
    on_receipt = (
        counted.annotate(day=TruncDate("received_at", tzinfo=zone))
        .values(*DIMS)
        .annotate(
            received=Count("pk"),
            open=Count("pk", filter=Q(is_final=False)),
            reopened=Count("pk", filter=Q(reopened_count__gt=0)),
            appealed=Count("pk", filter=appealed),
            breached=Count("pk", filter=breached),
            **{f"risk_{r}": Count("pk", filter=Q(**{f"risk_{r}": True})) for r in RISKS},
            **{f"anger_{n}": Count("pk", filter=Q(anger_score=n)) for n in range(1, 6)},
        )
    )
    for row in on_receipt:
        figures[tuple(row.pop(d) for d in DIMS)].update(row)
    for complaint in counted:
        dims = (
            complaint.unit_id,
            complaint.site_or_0,
            complaint.category_or_0,
            complaint.channel,
            complaint.grade,
            complaint.handler_or_0,
        )
        clocks = complaint.clocks.all()
        figures[(complaint.received_at.astimezone(zone).date(), *dims)].update(
            clocks_met=sum(c.state == "met" and c.breached_at is None for c in clocks),
            clocks_late=sum(c.breached_at is not None for c in clocks),
        )
        if not complaint.is_final or complaint.closed_at is None:
            continue
        hours = int((complaint.closed_at - complaint.received_at).total_seconds() // 3600)
        last = complaint.proposals.order_by("proposed_at", "id").last()
        paid = int((last.amount or 0) * 100) if last else 0
        rating = complaint.ratings.order_by("given_at", "id").last()
        follow_up = (
            complaint.follow_ups.exclude(handling_satisfaction=None).order_by("done_at").last()
        )
        score = rating.score if rating else (follow_up.handling_satisfaction if follow_up else 0)
        first_contact = (
            complaint.status == Status.CLOSED
            and complaint.replies.count() == 1
            and complaint.reopened_count == 0
            and not complaint.events.filter(status_after=Status.APPEAL).exists()
            and complaint.complainant_response != "rejected"
        )
        figures[(complaint.closed_at.astimezone(zone).date(), *dims)].update(
            closed=1,
            closed_hours=max(hours, 0),
            remedy_minor=paid,
            rated=int(score > 0),
            rating_sum=score,
            satisfied=int(score >= 4),
            first_contact=int(first_contact),
            staff_fault=int(complaint.responsibility == "staff"),
        )
    return {key: +counts for key, counts in figures.items() if +counts}


def _cells_expected(organisation: Organisation) -> dict[tuple, Counter]:
    """The lattice as it must be: each fine row summed into its one-dimension cells."""
    cells: dict[tuple, Counter] = defaultdict(Counter)
    for row in DailyFigure.objects.filter(organisation_id=organisation.pk).values():
        counts = Counter({k: v for k, v in row.items() if k in MEASURE_NAMES})
        day, month, unit = row["day"], row["day"].replace(day=1), row["unit_id"]
        cells[("d", day, unit, "", "")].update(counts)
        for dimension, value in (
            ("channel", row["channel"]),
            ("grade", row["grade"]),
            ("category", str(row["category_id"])),
            ("site", str(row["site_id"])),
            ("handler", str(row["handler_id"])),
        ):
            cells[("d", day, unit, dimension, value)].update(counts)
            cells[("m", month, unit, dimension, value)].update(counts)
    for row in CauseFigure.objects.filter(organisation_id=organisation.pk).values():
        counts = Counter({k: row[k] for k in ("closed", "closed_hours", "remedy_minor")})
        cause, unit = str(row["root_cause_id"]), row["unit_id"]
        cells[("d", row["day"], unit, "root_cause", cause)].update(counts)
        cells[("m", row["day"].replace(day=1), unit, "root_cause", cause)].update(counts)
    zone = ZoneInfo(organisation.time_zone)
    counted = Complaint.objects.filter(organisation=organisation).exclude(status=Status.MERGED)
    for complaint in counted:
        day = complaint.received_at.astimezone(zone).date()
        for clock in complaint.clocks.all():
            late = clock.breached_at is not None
            counts = Counter(clocks_met=int(clock.state == "met" and not late), clocks_late=late)
            cells[("d", day, complaint.unit_id, "clock", clock.name)].update(counts)
            cells[("m", day.replace(day=1), complaint.unit_id, "clock", clock.name)].update(counts)
    return {key: +counts for key, counts in cells.items() if +counts}


def _cells(organisation: Organisation) -> dict[tuple, Counter]:
    found = {}
    for row in RollupCell.objects.filter(organisation_id=organisation.pk).values():
        key = (row["grain"], row["period"], row["unit_id"], row["dimension"], row["value"])
        counts = +Counter({k: v for k, v in row.items() if k in MEASURE_NAMES})
        if counts:
            found[key] = counts
    return found


def _rollup(organisation: Organisation) -> dict[tuple, Counter]:
    measures = MEASURE_NAMES
    figures = {}
    for row in DailyFigure.objects.filter(organisation_id=organisation.pk).values():
        key = (
            row["day"],
            row["unit_id"],
            row["site_id"],
            row["category_id"],
            row["channel"],
            row["grade"],
            row["handler_id"],
        )
        counts = +Counter({m: row[m] for m in measures})
        if counts:
            figures[key] = counts
    return figures


def _direct_causes(organisation: Organisation) -> dict[tuple, Counter]:
    """What closing cost, counted straight from the complaints and their last proposals."""
    zone = ZoneInfo(organisation.time_zone)
    figures: dict[tuple, Counter] = defaultdict(Counter)
    closed = Complaint.objects.filter(organisation=organisation, is_final=True)
    for complaint in closed.exclude(status=Status.MERGED).exclude(closed_at=None):
        last = complaint.proposals.order_by("proposed_at", "id").last()
        key = (
            complaint.closed_at.astimezone(zone).date(),
            complaint.unit_id,
            complaint.category_id or 0,
            complaint.channel,
            complaint.grade,
            complaint.root_cause_id or 0,
            last.remedy_type if last else "",
        )
        hours = int((complaint.closed_at - complaint.received_at).total_seconds() // 3600)
        amount = int((last.amount or 0) * 100) if last else 0
        figures[key].update(closed=1, closed_hours=max(hours, 0), remedy_minor=amount)
    return {key: +counts for key, counts in figures.items()}


def _cause_rollup(organisation: Organisation) -> dict[tuple, Counter]:
    figures = {}
    for row in CauseFigure.objects.filter(organisation_id=organisation.pk).values():
        key = (row["day"], row["unit_id"], row["category_id"], row["channel"], row["grade"],
               row["root_cause_id"], row["remedy_type"])  # fmt: skip
        counts = +Counter({m: row[m] for m in ("closed", "closed_hours", "remedy_minor")})
        if counts:
            figures[key] = counts
    return figures


def _busy_organisation() -> Organisation:
    """Complaints received over three days in three units, then handled every which way."""
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    lift, fees = (CategoryFactory(organisation=tree.organisation) for _ in range(2))
    handler = staff(Role.HANDLER, tree.site)
    received = [local("HK", f"2026-03-0{day} 23:30") for day in (2, 3, 4)]
    made = [
        complaint_at(unit, channel=channel, received_at=when)
        for unit, channel, when in [
            (tree.site, Channel.PHONE, received[0]),
            (tree.site, Channel.LETTER, received[0]),
            (tree.other_site, Channel.EMAIL, received[1]),
            (tree.other_site, Channel.PHONE, received[1]),
            (tree.sibling_site, Channel.VISIT, received[2]),
            (tree.sibling_site, Channel.LETTER, received[2]),
            (tree.site, Channel.EXECUTIVE_OFFICE, received[2]),
            (tree.site, Channel.PHONE, received[2]),
        ]
    ]
    classified, closed, reopened, appealed, merged, withdrawn, moved_on, left = made
    manager = manager_for(classified)
    services.complaint_classify(
        classified, manager, category=lift, grade=Grade.MAJOR, anger_score=4, risk_media=True
    )
    services.complaint_classify(
        classified,
        manager,
        category=fees,
        grade=Grade.URGENT,
        anger_score=2,
        risk_media=False,
        reason="It was about the fees.",
    )
    services.complaint_classify(closed, manager, category=lift)
    drive_to(closed, "closed", handler=handler)
    drive_to(reopened, "closed")
    services.complaint_reopen(reopened, manager_for(reopened), "The lift broke again.")
    drive_to(appealed, "appeal")
    drive_to(merged, "merged")
    drive_to(withdrawn, "withdrawn")
    drive_to(moved_on, "investigating", handler=handler)
    # One more closed with compensation paid: what closing it cost is counted by its cause
    paid = complaint_at(tree.other_site, channel=Channel.LETTER, received_at=received[1])
    drive_to(paid, "investigating", handler=handler)
    services.complaint_record_investigation(
        paid,
        manager_for(paid),
        findings="The handler promised a visit and never came.",
        responsibility=Responsibility.STAFF,
        root_cause=RootCauseFactory(organisation=paid.organisation),
    )
    services.complaint_propose(
        paid, manager_for(paid), remedy_type="compensation", reasons="Water damage.",
        amount=Decimal("800.50"),
    )  # fmt: skip
    reply(paid, paid.received_by)
    # The complainant's own rating wins over the 5 noted on the follow-up call
    services.complaint_rate(paid, 2, comment="Slow.")
    services.complaint_start_follow_up(paid, manager_for(paid))
    settle(paid, manager_for(paid))
    services.complaint_close(paid, manager_for(paid))
    # Every open deadline long past: clocks breach and complaints climb the ladder.
    sla_sweep(local("HK", "2026-04-20 12:00"))
    services.complaint_classify(left, manager, category=lift, risk_regulator=True)
    return tree.organisation


def test_the_rollup_equals_a_direct_count_after_every_kind_of_change():
    # Given complaints reclassified, closed, reopened, appealed, merged, withdrawn and breached
    organisation = _busy_organisation()

    # Then the roll-up kept along the way equals what a direct count finds
    direct = _direct_count(organisation)
    assert sum(c["breached"] for c in direct.values()) > 0  # the sweep did breach something
    assert sum(c["appealed"] for c in direct.values()) == 1
    assert _rollup(organisation) == direct
    causes = _direct_causes(organisation)
    assert sum(c["closed"] for c in causes.values()) >= 2
    assert any(key[5] for key in causes)  # a root cause was found for one of them
    assert sum(c["remedy_minor"] for c in causes.values()) == 80050
    assert _cause_rollup(organisation) == causes
    cells = _cells(organisation)
    assert cells == _cells_expected(organisation)
    # the people's and the time standards' measures were exercised, not all left at nought
    totals = sum(direct.values(), Counter())
    assert totals["rated"] >= 2 and totals["rating_sum"] < 5 * totals["rated"]
    assert totals["first_contact"] >= 1 and totals["staff_fault"] == 1
    assert totals["clocks_met"] >= 1 and totals["clocks_late"] >= 1
    assert any(key[3] == "handler" and key[4] != "0" for key in cells)
    assert any(key[3] == "clock" for key in cells)


def test_rebuilding_counts_the_same_as_the_rollup_kept_by_the_events():
    # Given a roll-up kept by the events
    organisation = _busy_organisation()
    kept = _rollup(organisation)
    kept_causes = _cause_rollup(organisation)
    tallies = list(ComplaintTally.objects.order_by("pk").values())

    # When it is thrown away and counted again from the complaints
    read = analytics_rebuild(organisation)

    # Then the same figures and tallies come back
    assert read == Complaint.objects.filter(organisation=organisation).count()
    assert _rollup(organisation) == kept
    assert _cause_rollup(organisation) == kept_causes
    assert _cells(organisation) == _cells_expected(organisation)
    assert list(ComplaintTally.objects.order_by("pk").values()) == tallies


def test_history_imported_from_a_file_is_counted_like_every_other_complaint(tree):
    # Given three closed complaints of 2024 imported from another system's export
    CategoryFactory(organisation=tree.organisation, code="SVC")
    importer = staff(Role.HQ_COMPLAINTS, tree.head_office)
    run_file(importer, tree, csv_file(rows(tree, 3)))

    # Then the roll-up counts them, received and closed on their own days
    direct = _direct_count(tree.organisation)
    assert sum(counts["received"] for counts in direct.values()) == 3
    assert sum(counts["closed"] for counts in direct.values()) == 3
    assert _rollup(tree.organisation) == direct
    assert _cells(tree.organisation) == _cells_expected(tree.organisation)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 2, 15), date(2026, 12, 10)),  # whole months with days at both edges
        (date(2026, 3, 1), date(2026, 12, 31)),  # whole months only
        (date(2026, 3, 2), date(2026, 3, 20)),  # days within one month
    ],
)
def test_the_lattice_answers_every_chart_as_the_fine_rollup_does(start, end):
    # Given the busy organisation, seen by head office
    organisation = _busy_organisation()
    scope = dashboard_scope(staff(Role.HQ_COMPLAINTS, organisation.units.get(parent=None)))
    assert scope is not None

    # When the same period is summed from the cells and from the fine roll-up
    cells = CellSource(scope, start, end, "")
    fine = FineSource(scope, start, end, "", category="", grade="", channel="")

    # Then every grouping, the totals, the open complaints and the backlog agree
    def nonzero(found: dict) -> dict:
        return {k: v for k, v in found.items() if any(v)}

    for by in ("day", "unit_id", "channel", "grade", "category_id", "site_id", "handler_id"):
        assert nonzero(cells.summed(by, "received", "closed", "remedy_minor")) == nonzero(
            fine.summed(by, "received", "closed", "remedy_minor")
        ), by
    causes = ("closed", "closed_hours", "remedy_minor")
    assert nonzero(cells.summed("root_cause_id", *causes)) == nonzero(
        fine.summed("root_cause_id", *causes)
    )
    assert cells.totals() == fine.totals()
    assert cells.open_now() == fine.open_now()
    assert cells.backlog() == fine.backlog()
