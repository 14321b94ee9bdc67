"""The people pages' reads: each handler's and each unit's figures over a period, from the
roll-ups (analytics' sources, so they cost the same at a million complaints), with the quality
reviews' scores, the training needs they show, and the decisions recorded so far."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Avg, Count, QuerySet

from complaintdesk.accounts.models import User
from complaintdesk.analytics.scope import DashboardScope
from complaintdesk.analytics.selectors import (
    DashboardFilters,
    grouped_by_unit,
    percent,
    summed_by_group,
    unit_rows,
)
from complaintdesk.analytics.sources import source_for
from complaintdesk.core.zones import zone_named

from .models import PerformanceDecision, QualityReview, QualityScore, ScorecardItem
from .scorecards import FULL_MARKS

# What each person's and unit's row counts (analytics.measures), in this order.
MEASURES = (
    "received",
    "closed",
    "closed_hours",
    "reopened",
    "appealed",
    "clocks_met",
    "clocks_late",
    "rated",
    "satisfied",
    "first_contact",
    "staff_fault",
)
# A question of the scorecard a person scores below this share of its marks, on average, is
# a training need.
TRAINING_BELOW = 0.6


@dataclass
class Figures:
    """One row of the performance table: shares are whole percentages, None: nothing to
    share (no complaint closed, none rated…)."""

    received: int
    closed: int
    open_now: int
    average_days: float | None
    on_time: int | None
    reopened: int | None
    appealed: int | None
    satisfied: int | None
    first_contact: int | None
    staff_fault: int
    quality: int | None = None
    reviews: int = 0
    training: list[str] = field(default_factory=list)


@dataclass
class PersonRow:
    person: User
    figures: Figures
    queue: dict[str, str]
    decision: PerformanceDecision | None


@dataclass
class UnitRow:
    name: str
    figures: Figures
    queue: dict[str, str]


def _figures(values: list[int], open_now: int) -> Figures:
    counts = dict(zip(MEASURES, values, strict=True))
    closed, received = counts["closed"], counts["received"]

    def share(part: int, whole: int) -> int | None:
        return percent(part, whole) if whole else None

    timed = counts["clocks_met"] + counts["clocks_late"]
    return Figures(
        received=received,
        closed=closed,
        open_now=open_now,
        average_days=round(counts["closed_hours"] / closed / 24, 1) if closed else None,
        on_time=share(counts["clocks_met"], timed),
        reopened=share(counts["reopened"], received),
        appealed=share(counts["appealed"], received),
        satisfied=share(counts["satisfied"], counts["rated"]),
        first_contact=share(counts["first_contact"], closed),
        staff_fault=counts["staff_fault"],
    )


def people_figures(scope: DashboardScope, filters: DashboardFilters) -> list[PersonRow]:
    """Everyone who handled complaints of the scope's units in the period (or holds open
    ones), most complaints first."""
    source = source_for(scope, filters)
    sums = {pk: v for pk, v in source.summed("handler_id", *MEASURES).items() if pk}
    open_now = {pk: n for pk, n in source.open_by("handler_id").items() if pk}
    ids = sums.keys() | open_now.keys()
    people = {user.pk: user for user in User.objects.filter(pk__in=ids)}
    reviews = _reviews(scope, filters)
    decisions = _decisions(scope, people)
    rows = []
    for pk in ids:
        if pk not in people:
            continue
        figures = _figures(sums.get(pk, [0] * len(MEASURES)), open_now.get(pk, 0))
        figures.quality, figures.reviews, figures.training = reviews.get(pk, (None, 0, []))
        rows.append(
            PersonRow(people[pk], figures, filters.queue(handler=str(pk)), decisions.get(pk))
        )
    rows.sort(key=lambda row: (-row.figures.received - row.figures.open_now, str(row.person)))
    return rows


def unit_figures(scope: DashboardScope, filters: DashboardFilters) -> list[UnitRow]:
    """The units one level below the one looked at, each with its subtree."""
    source = source_for(scope, filters)
    parents, groups, sums = summed_by_group(source, scope, filters, MEASURES)
    open_now = {unit: [n] for unit, n in source.open_by("unit_id").items()}
    _parents, _groups, still_open = grouped_by_unit(scope, filters, open_now)
    return [
        UnitRow(
            name,
            _figures(sums.get(key, [0] * len(MEASURES)), still_open.get(key, [0])[0]),
            filters.queue(unit=code) if code else {},
        )
        for name, key, code in unit_rows(parents, groups, sums.keys() | still_open.keys())
    ]


def _period_reviews(scope: DashboardScope, filters: DashboardFilters) -> QuerySet:
    zone = zone_named(scope.organisation.time_zone)
    since = datetime.combine(filters.start, time.min, tzinfo=zone)
    until = datetime.combine(filters.end + timedelta(days=1), time.min, tzinfo=zone)
    reviews = QualityReview.objects.filter(
        organisation=scope.organisation,
        done_at__gte=since,
        done_at__lt=until,
        handler__isnull=False,
    )
    if not scope.whole_organisation or filters.unit:
        units = [u.pk for u in scope.units]
        chosen = scope.unit_named(filters.unit) if filters.unit else None
        if chosen is not None:
            units = [u.pk for u in scope.subtree(chosen)]
        reviews = reviews.filter(complaint__unit_id__in=units)
    return reviews


def _reviews(
    scope: DashboardScope, filters: DashboardFilters
) -> dict[int, tuple[int | None, int, list[str]]]:
    """Per handler: the average score of the reviews done in the period, how many, and the
    questions they score low on."""
    reviews = _period_reviews(scope, filters)
    found: dict[int, tuple[int | None, int, list[str]]] = {}
    for row in reviews.values("handler_id").annotate(avg=Avg("score"), n=Count("pk")):
        average = row["avg"]
        found[row["handler_id"]] = (round(average) if average is not None else None, row["n"], [])
    low: dict[int, list[int]] = defaultdict(list)
    for row in (
        QualityScore.objects.filter(review__in=reviews, answer__isnull=False)
        .values("review__handler_id", "item_id")
        .annotate(avg=Avg("answer"))
    ):
        if row["avg"] < TRAINING_BELOW * FULL_MARKS:
            low[row["review__handler_id"]].append(row["item_id"])
    items = {
        item.pk: item.label
        for item in ScorecardItem.objects.filter(pk__in={i for ids in low.values() for i in ids})
    }
    for handler_id, item_ids in low.items():
        quality, n, _ = found[handler_id]
        found[handler_id] = (quality, n, sorted(items[i] for i in item_ids))
    return found


def _decisions(scope: DashboardScope, people: dict[int, User]) -> dict[int, PerformanceDecision]:
    """Each person's latest decision in this organisation."""
    latest: dict[int, PerformanceDecision] = {}
    for decision in PerformanceDecision.objects.filter(
        organisation=scope.organisation, person_id__in=list(people)
    ).select_related("decided_by"):
        latest.setdefault(decision.person_id, decision)  # newest first (Meta.ordering)
    return latest


def reviews_of(user: User, organisation_id: int, *, done: bool) -> QuerySet:
    """The reviews given to this reviewer, still to do or done (newest first)."""
    reviews = QualityReview.objects.filter(
        reviewer=user, organisation_id=organisation_id, done_at__isnull=not done
    ).select_related("complaint", "handler")
    return reviews.order_by("-done_at" if done else "sampled_at")
