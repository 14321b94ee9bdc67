"""The dashboard's figures as the page and the workbook show them: titles and series in the
reader's language, the kind of chart, and each bar's address in the queue."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from complaintdesk.core.workbooks import Sheet

from .selectors import Chart, Dashboard

TITLES = {
    "over_time": _("Received and closed"),
    "by_unit": _("By unit"),
    "by_channel": _("By channel"),
    "by_category": _("By category"),
    "by_grade": _("By grade"),
    "by_site": _("By site (top 15)"),
    "backlog": _("Open now, by age in days"),
    "risks": _("Risk flags"),
    "anger": _("Anger score (1 calm – 5 furious)"),
    "root_causes": _("Root causes of the complaints closed (Pareto)"),
    "cost_by_cause": _("What complaints cost, by root cause"),
    "cost_by_unit": _("What complaints cost, by unit"),
    "by_clock": _("Time standards of the complaints received"),
    "quality_by_unit": _("Handling quality by unit (%)"),
}
SERIES = {
    "received": _("Received"),
    "closed": _("Closed"),
    "open": _("Still open"),
    "breached": _("Time standard breached"),
    "reopened": _("Reopened"),
    "appealed": _("Appealed"),
    "cumulative_share": _("Running share (%)"),
    "remedies": _("Remedies offered"),
    "handling_days": _("Days of handling"),
    "clocks_met": _("Met on time"),
    "clocks_late": _("Late"),
    "on_time_share": _("Time standards met on time"),
    "csat_share": _("Satisfied complainants (CSAT)"),
    "first_contact_share": _("Settled at the first answer"),
}
NOTHING = _("Nothing in this period.")
DUAL_AXES = frozenset({"cost_by_cause", "cost_by_unit"})
# Line over time, pies for shares of a whole, lying bars where names are long, bars else.
KINDS = {
    "over_time": "line",
    "by_channel": "pie",
    "by_grade": "pie",
    "by_unit": "hbar",
    "by_category": "hbar",
    "by_site": "hbar",
    "risks": "hbar",
    "root_causes": "pareto",
    "cost_by_cause": "hbar",
    "cost_by_unit": "hbar",
    "by_clock": "hbar",
    "quality_by_unit": "hbar",
}


@dataclass(frozen=True)
class Rate:
    label: str
    value: str


def chart_data(dashboard: Dashboard) -> list[dict]:
    """What dashboard.js draws: plain lists, addresses included, no markup."""
    return [
        {
            "key": chart.key,
            "title": str(TITLES[chart.key]),
            "kind": KINDS.get(chart.key, "bar"),
            "labels": [bar.label for bar in chart.bars],
            "series": [
                {"name": str(SERIES[name]), "values": [bar.values[i] for bar in chart.bars]}
                for i, name in enumerate(chart.series)
            ],
            "links": [queue_address(bar.queue) for bar in chart.bars],
            "part_links": [[queue_address(q) for q in bar.parts or ()] for bar in chart.bars],
            "empty": "" if any(any(bar.values) for bar in chart.bars) else str(NOTHING),
            # Money and days on one chart: the second series has an axis of its own.
            "dual": chart.key in DUAL_AXES,
        }
        for chart in dashboard.charts
    ]


def queue_address(queue: dict[str, str]) -> str:
    return f"{reverse('complaints:list')}?{urlencode(queue)}" if queue else ""


def headline(dashboard: Dashboard) -> list[Rate]:
    totals = dashboard.totals
    received, closed = totals["received"], totals["closed"]
    return [
        Rate(str(_("Received")), f"{received:,}"),
        Rate(str(_("Closed")), f"{closed:,}"),
        Rate(str(_("Open now")), f"{dashboard.open_now:,}"),
        Rate(
            str(_("Average days to close")),
            f"{totals['closed_hours'] / closed / 24:.1f}" if closed else "—",
        ),
        Rate(str(_("Reopened")), _share(totals["reopened"], received)),
        Rate(str(_("Appealed")), _share(totals["appealed"], received)),
        Rate(str(_("Time standard breached")), _share(totals["breached"], received)),
        Rate(
            str(_("Time standards met on time")),
            _share(totals["clocks_met"], totals["clocks_met"] + totals["clocks_late"]),
        ),
        Rate(str(_("Satisfied complainants (CSAT)")), _share(totals["satisfied"], totals["rated"])),
        Rate(
            str(_("Average satisfaction (1–5)")),
            f"{totals['rating_sum'] / totals['rated']:.1f}" if totals["rated"] else "—",
        ),
        Rate(str(_("Settled at the first answer")), _share(totals["first_contact"], closed)),
        Rate(str(_("From repeat complainants")), _share(totals["risk_repeat"], received)),
        Rate(str(_("Staff member found responsible")), _share(totals["staff_fault"], closed)),
    ]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "—"


def chart_rows(chart: Chart) -> tuple[list[str], list[list[Any]]]:
    """A chart as a table: headers, then a row per bar (the page's table, the workbook's sheet)."""
    headers = ["", *(str(SERIES[name]) for name in chart.series)]
    return headers, [[bar.label, *bar.values] for bar in chart.bars]


def chart_table(chart: Chart) -> dict:
    """A chart as the page's table under it: each row's name links to its complaints."""
    headers, rows = chart_rows(chart)
    return {
        "key": chart.key,
        "title": TITLES[chart.key],
        "headers": headers,
        "rows": [
            (row[0], queue_address(bar.queue), row[1:])
            for row, bar in zip(rows, chart.bars, strict=True)
        ],
    }


def dashboard_sheets(dashboard: Dashboard) -> list[Sheet]:
    """The workbook's sheets: the headline, then each chart as a table."""
    sheets = [
        Sheet(
            str(_("Summary")),
            [str(_("Figure")), str(_("Value"))],
            [32, 16],
            [[rate.label, rate.value] for rate in headline(dashboard)],
        )
    ]
    for chart in dashboard.charts:
        headers, rows = chart_rows(chart)
        widths = [28] + [14] * (len(headers) - 1)
        sheets.append(Sheet(str(TITLES[chart.key]), headers, widths, rows))
    return sheets
