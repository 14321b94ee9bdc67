"""Root causes and what complaints cost, from the causes' roll-up: the Pareto of causes of the
complaints closed in a period, and the remedies and handling time per cause and per unit.
Counted on the day of closing: a cause is known once the complaint is investigated."""

from django.utils.translation import gettext as _

from complaintdesk.complaints.models import RootCause

from .scope import DashboardScope
from .selectors import (
    BY_DIMENSION,
    OF_DIMENSION,
    Bar,
    Chart,
    Dashboard,
    DashboardFilters,
    dashboard_figures,
    summed_by_group,
    unit_rows,
)
from .sources import Source, source_for

# Causes shown by name in the Pareto; the rest are one bar.
PARETO_LENGTH = 12
# What the cause charts sum per cause.
OF_CAUSE = ("closed", "closed_hours", "remedy_minor")


def dashboard_with_causes(scope: DashboardScope, filters: DashboardFilters) -> Dashboard:
    """The dashboard's figures, and what the complaints closed in the period cost."""
    source = source_for(scope, filters)
    source.read_together((*BY_DIMENSION, "root_cause_id"), (*OF_DIMENSION, *OF_CAUSE))
    dashboard = dashboard_figures(scope, filters, source)
    dashboard.charts += cause_charts(source, scope, filters)
    return dashboard


def cause_charts(source: Source, scope: DashboardScope, filters: DashboardFilters) -> list[Chart]:
    causes = _by_cause(source)
    return [
        _pareto(causes, scope, filters),
        _cost_by_cause(causes, scope, filters),
        _cost_by_unit(source, scope, filters),
    ]


def _by_cause(source: Source) -> list[tuple[int, int, int, int]]:
    """(root cause, closed, hours, remedies in minor units), most closed first."""
    summed = source.summed("root_cause_id", *OF_CAUSE)
    found = [(cause, n, hours, cost) for cause, (n, hours, cost) in summed.items() if n]
    return sorted(found, key=lambda row: (-row[1], row[0]))


def _names(scope: DashboardScope, ids: list[int]) -> dict[int, RootCause]:
    return {c.pk: c for c in RootCause.objects.filter(organisation=scope.organisation, pk__in=ids)}


def _pareto(causes: list, scope: DashboardScope, filters: DashboardFilters) -> Chart:
    """Complaints closed per root cause, most first, with the running share of all of them:
    the few causes behind most complaints are where prevention pays."""
    names = _names(scope, [cause for cause, *_rest in causes])
    total = sum(n for _cause, n, _hours, _cost in causes)
    chart = Chart("root_causes", ["closed", "cumulative_share"])
    running = 0
    shown = causes[:PARETO_LENGTH]
    rest = sum(n for _cause, n, _hours, _cost in causes[PARETO_LENGTH:])
    for cause, n, _hours, _cost in shown:
        running += n
        found = names.get(cause)
        label = found.label if found else _("No root cause recorded")
        queue = filters.queue(status="final", root_cause=found.code) if found else {}
        chart.bars.append(Bar(label, [n, round(100 * running / total)], queue))
    if rest:
        chart.bars.append(Bar(_("All other causes"), [rest, 100], {}))
    return chart


def _cost_by_cause(causes: list, scope: DashboardScope, filters: DashboardFilters) -> Chart:
    """Remedies offered (in whole units of money) and days of handling, per root cause."""
    causes = sorted(causes, key=lambda row: (-row[3], -row[1]))[:PARETO_LENGTH]
    names = _names(scope, [cause for cause, *_rest in causes])
    chart = Chart("cost_by_cause", ["remedies", "handling_days"])
    for cause, _n, hours, cost in causes:
        found = names.get(cause)
        label = found.label if found else _("No root cause recorded")
        queue = filters.queue(status="final", root_cause=found.code) if found else {}
        chart.bars.append(Bar(label, [round(cost / 100), round(hours / 24)], queue))
    return chart


def _cost_by_unit(source: Source, scope: DashboardScope, filters: DashboardFilters) -> Chart:
    parents, groups, sums = summed_by_group(
        source, scope, filters, ("remedy_minor", "closed_hours")
    )
    chart = Chart("cost_by_unit", ["remedies", "handling_days"])
    for name, key, code in unit_rows(parents, groups, sums):
        cost, hours = sums[key]
        queue = filters.queue(unit=code) if code else {}
        chart.bars.append(Bar(name, [round(cost / 100), round(hours / 24)], queue))
    chart.bars.sort(key=lambda bar: -bar.values[0])
    return chart
