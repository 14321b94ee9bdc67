"""The dashboards' figures, read from the roll-ups (sources.py; never the complaints table), in
the viewer's scope and filters. Each chart's rows carry the queue filters that list the
complaints behind them, so that a click on a bar lands on those complaints."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from complaintdesk.complaints.choices import Channel, Grade, RiskFlag
from complaintdesk.complaints.models import Category
from complaintdesk.sla.selectors import policy_for

from .measures import ANGERS, RISKS
from .scope import DashboardScope, Unit
from .sources import Source, source_for

# Open complaints by how long ago they were received (days, upper bound included).
AGE_BANDS = ((7, "0–7"), (30, "8–30"), (90, "31–90"), (365, "91–365"), (None, "> 365"))
TOP_SITES = 15


@dataclass(frozen=True)
class DashboardFilters:
    """`start`/`end`: the days counted, both included; the rest empty: no filter."""

    start: date
    end: date
    # The organisation's today: open complaints are aged from it, whatever the period.
    today: date
    unit: str = ""
    category: str = ""
    grade: str = ""
    channel: str = ""

    def queue(self, **narrower: str) -> dict[str, str]:
        """The queue page's filters for these figures, narrowed further."""
        found = {
            "status": "",
            "unit": self.unit,
            "category": self.category,
            "grade": self.grade,
            "channel": self.channel,
            "received_from": self.start.isoformat(),
            "received_to": self.end.isoformat(),
        }
        found.update(narrower)
        return {key: value for key, value in found.items() if value or key == "status"}


@dataclass
class Bar:
    label: str
    values: list[int]
    queue: dict[str, str]
    # Where a series' part of the bar has complaints of its own (met on time, late): each
    # series' queue, in the order of the chart's series.
    parts: list[dict[str, str]] | None = None


@dataclass
class Chart:
    key: str
    series: list[str]
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Dashboard:
    totals: dict[str, int]
    open_now: int
    charts: list[Chart]


# What the charts below sum by a dimension, read together (Source.read_together).
BY_DIMENSION = ("channel", "category_id", "grade", "site_id", "clock")
OF_DIMENSION = ("received", "reopened", "appealed", "clocks_met", "clocks_late")


def dashboard_figures(
    scope: DashboardScope, filters: DashboardFilters, source: Source | None = None
) -> Dashboard:
    """`source`: one the caller asks more of (read_together told of it), else a new one."""
    if source is None:
        source = source_for(scope, filters)
        source.read_together(BY_DIMENSION, OF_DIMENSION)
    totals = source.totals()
    charts = [
        _over_time(source, filters),
        _by_unit(source, scope, filters),
        _by_channel(source, filters),
        _by_category(source, scope, filters),
        _by_grade(source, filters),
        _by_site(source, scope, filters),
        _backlog(source, filters),
        _risks(totals, filters),
        _anger(totals, filters),
        _by_clock(source, scope, filters),
        _quality_by_unit(source, scope, filters),
    ]
    return Dashboard(totals=totals, open_now=source.open_now(), charts=charts)


def _over_time(source: Source, filters: DashboardFilters) -> Chart:
    """Received and closed per week, or per month over more than half a year."""
    monthly = (filters.end - filters.start).days > 183
    buckets: dict[date, list[int]] = {}
    day = filters.start
    while day <= filters.end:
        buckets.setdefault(_bucket(day, monthly), [0, 0])
        day += timedelta(days=1)
    for day, (received, closed) in source.summed("day", "received", "closed").items():
        counts = buckets[_bucket(day, monthly)]
        counts[0] += received
        counts[1] += closed
    chart = Chart("over_time", ["received", "closed"])
    for start, values in buckets.items():
        end = _bucket_end(start, monthly)
        chart.bars.append(
            Bar(
                start.strftime("%Y-%m") if monthly else max(start, filters.start).isoformat(),
                values,
                filters.queue(
                    received_from=max(start, filters.start).isoformat(),
                    received_to=min(end, filters.end).isoformat(),
                ),
            )
        )
    return chart


def _bucket(day: date, monthly: bool) -> date:
    return day.replace(day=1) if monthly else day - timedelta(days=day.weekday())


def _bucket_end(start: date, monthly: bool) -> date:
    if not monthly:
        return start + timedelta(days=6)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def summed_by_group(
    source: Source, scope: DashboardScope, filters: DashboardFilters, measures: tuple[str, ...]
) -> tuple[list[Unit], list[Unit], dict[str, list[int]]]:
    """The measures summed per unit one level below the one looked at (the filter's, or the
    top of the user's sight), each with its whole subtree, keyed by the unit's code; what is
    handled at a unit above them is keyed by that unit's path (scope.groups_below)."""
    return grouped_by_unit(scope, filters, source.summed("unit_id", *measures))


def grouped_by_unit(
    scope: DashboardScope, filters: DashboardFilters, by_unit: dict[int, list[int]]
) -> tuple[list[Unit], list[Unit], dict[str, list[int]]]:
    """Counts per unit (by id) added up as summed_by_group says."""
    parents, groups = scope.groups_below(filters.unit)
    paths = {unit.pk: unit.path for unit in scope.units}
    sums: dict[str, list[int]] = {}
    for unit_id, values in by_unit.items():
        path = paths.get(unit_id, "")
        group = next((g for g in groups if path.startswith(g.path)), None)
        bucket = group.code if group is not None else path
        before = sums.get(bucket, [0] * len(values))
        sums[bucket] = [a + b for a, b in zip(before, values, strict=True)]
    return parents, groups, sums


def unit_rows(
    parents: list[Unit], groups: list[Unit], keys: Iterable[str]
) -> list[tuple[str, str, str]]:
    """(name, key of its counts, the unit's code for its queue) for each group with counts
    (keyed by its code), then for what is handled at a unit looked at itself (keyed by its
    path), which has a row of its own and no queue: the queue's unit takes its subtree."""
    counted = set(keys)
    rows = [(g.name, g.code, g.code) for g in groups if g.code in counted]
    for parent in parents:
        if parent.path in counted and parent not in groups:
            label = _("%(unit)s (handled there)") % {"unit": parent.name}
            rows.append((label, parent.path, ""))
    return rows


def _by_unit(source: Source, scope: DashboardScope, filters: DashboardFilters) -> Chart:
    parents, groups, totals = summed_by_group(
        source, scope, filters, ("received", "open", "breached")
    )
    chart = Chart("by_unit", ["received", "open", "breached"])
    for name, key, code in unit_rows(parents, groups, totals):
        chart.bars.append(Bar(name, totals[key], filters.queue(unit=code) if code else {}))
    chart.bars.sort(key=lambda bar: -bar.values[0])
    return chart


def _by_channel(source: Source, filters: DashboardFilters) -> Chart:
    chart = Chart("by_channel", ["received"])
    for channel, (received,) in sorted(
        source.summed("channel", "received").items(), key=lambda item: -item[1][0]
    ):
        label = Channel(channel).label if channel in Channel.values else channel
        chart.bars.append(Bar(str(label), [received], filters.queue(channel=channel)))
    return chart


def _by_category(source: Source, scope: DashboardScope, filters: DashboardFilters) -> Chart:
    counts = source.summed("category_id", "received", "reopened", "appealed")
    names = {
        c.pk: (c.code, c.label)
        for c in Category.objects.filter(organisation=scope.organisation, pk__in=counts)
    }
    chart = Chart("by_category", ["received", "reopened", "appealed"])
    for category_id, values in sorted(counts.items(), key=lambda item: -item[1][0]):
        code, label = names.get(category_id, ("", ""))
        chart.bars.append(Bar(label or "—", values, filters.queue(category=code) if code else {}))
    return chart


def _by_grade(source: Source, filters: DashboardFilters) -> Chart:
    counts = source.summed("grade", "received")
    chart = Chart("by_grade", ["received"])
    for grade in Grade:
        if counts.get(grade.value):
            chart.bars.append(
                Bar(str(grade.label), counts[grade.value], filters.queue(grade=grade.value))
            )
    return chart


def _by_site(source: Source, scope: DashboardScope, filters: DashboardFilters) -> Chart:
    counts = {k: v for k, v in source.summed("site_id", "received").items() if k}
    units = {unit.pk: unit for unit in scope.units}
    chart = Chart("by_site", ["received"])
    ranked = sorted(counts.items(), key=lambda item: -item[1][0])[:TOP_SITES]
    for site_id, values in ranked:
        site = units.get(site_id)
        if site is not None:
            chart.bars.append(Bar(site.name, values, filters.queue(site=site.code)))
    return chart


def _backlog(source: Source, filters: DashboardFilters) -> Chart:
    """Everything open now, whenever received, by age."""
    today = filters.today
    bands = Counter[int]()
    for day, still_open in source.backlog().items():
        age = (today - day).days
        band = next(i for i, (limit, _) in enumerate(AGE_BANDS) if limit is None or age <= limit)
        bands[band] += still_open
    chart = Chart("backlog", ["open"])
    lower = 0
    for index, (limit, label) in enumerate(AGE_BANDS):
        newest = today - timedelta(days=lower)
        oldest = today - timedelta(days=limit) if limit is not None else None
        queue = filters.queue(
            status="open",
            received_to=newest.isoformat(),
            received_from=oldest.isoformat() if oldest else "",
        )
        chart.bars.append(Bar(label, [bands[index]], queue))
        lower = (limit or 0) + 1
    return chart


def _risks(totals: dict[str, int], filters: DashboardFilters) -> Chart:
    chart = Chart("risks", ["received"])
    for risk in RISKS:
        chart.bars.append(
            Bar(str(RiskFlag(risk).label), [totals[f"risk_{risk}"]], filters.queue(risk=risk))
        )
    return chart


def _anger(totals: dict[str, int], filters: DashboardFilters) -> Chart:
    chart = Chart("anger", ["received"])
    for score in ANGERS:
        queue = filters.queue(anger=str(score))
        chart.bars.append(Bar(str(score), [totals[f"anger_{score}"]], queue))
    return chart


def _by_clock(source: Source, scope: DashboardScope, filters: DashboardFilters) -> Chart:
    """Each time standard of the complaints received, met on time and late. Narrowed to a
    category, grade or channel, only all of them together (the fine roll-up has no clock)."""
    counts = source.summed("clock", "clocks_met", "clocks_late")
    policy = policy_for(scope.organisation.pk)
    # A clock of a policy no longer followed keeps its name.
    labels = {rule.name: rule.label for rule in policy.clocks.all()} if policy else {}
    chart = Chart("by_clock", ["clocks_met", "clocks_late"])
    for name, values in sorted(counts.items(), key=lambda item: -sum(item[1])):
        label = labels.get(name, name) if name else _("All time standards")
        parts = [filters.queue(clock=name, clock_outcome=o) for o in ("met", "late")]
        chart.bars.append(Bar(str(label), values, filters.queue(clock=name), parts))
    return chart


def _quality_by_unit(source: Source, scope: DashboardScope, filters: DashboardFilters) -> Chart:
    """Per unit below the one looked at: the share of time standards met on time, of the
    complainants who rated satisfied (4–5), and of the complaints closed at the first answer."""
    measures = ("clocks_met", "clocks_late", "satisfied", "rated", "first_contact", "closed")
    parents, groups, sums = summed_by_group(source, scope, filters, measures)
    chart = Chart("quality_by_unit", ["on_time_share", "csat_share", "first_contact_share"])
    for name, key, code in unit_rows(parents, groups, sums):
        met, late, satisfied, rated, first, closed = sums[key]
        shares = [percent(met, met + late), percent(satisfied, rated), percent(first, closed)]
        chart.bars.append(Bar(name, shares, filters.queue(unit=code) if code else {}))
    return chart


def percent(part: int, whole: int) -> int:
    """A share as a whole percentage, 0 when there is nothing to share."""
    return round(100 * part / whole) if whole else 0
