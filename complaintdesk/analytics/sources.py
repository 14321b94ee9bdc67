"""Where a dashboard's sums come from: the lattice of cells when only the unit and period are
chosen (a few thousand rows whatever the number of complaints), the fine roll-up when the
viewer narrows to a category, grade or channel (the cells hold one dimension at a time).
Both answer the same questions, so the charts need not know which they read.

A page asks a source many questions; each round trip to the database costs more than the
sums do, so a source reads every measure per unit once (the totals and every by-unit chart
come from it) and, told what a page will ask (`read_together`), the cells of several
dimensions in one query."""

from abc import ABC, abstractmethod
from datetime import date, timedelta

from django.db.models import QuerySet, Sum

from complaintdesk.complaints.models import Category

from .measures import MEASURES
from .models import CauseFigure, DailyFigure, RollupCell
from .scope import DashboardScope

# The fine roll-up's column for each dimension a chart groups by, and the cells' dimension.
CELL_DIMENSION = {
    "channel": "channel",
    "grade": "grade",
    "category_id": "category",
    "site_id": "site",
    "root_cause_id": "root_cause",
    "handler_id": "handler",
    "clock": "clock",
}
NUMERIC = frozenset({"category_id", "site_id", "root_cause_id", "handler_id"})


class Source(ABC):
    """The sums a dashboard asks for, over the scope's units (or one unit's subtree) and a
    period; each kind of roll-up answers them its own way."""

    def __init__(self, scope: DashboardScope, start: date, end: date, unit: str) -> None:
        self.scope, self.start, self.end = scope, start, end
        chosen = scope.unit_named(unit) if unit else None
        self.units: list[int] | None = None
        if chosen is not None:
            self.units = [u.pk for u in scope.subtree(chosen)]
        elif unit or not scope.whole_organisation:
            self.units = [u.pk for u in scope.units]
        self._per_unit: dict[int, list[int]] | None = None
        self._open_per_unit: dict[int, int] | None = None

    def _scoped(self, rows: QuerySet) -> QuerySet:
        rows = rows.filter(organisation_id=self.scope.organisation.pk)
        return rows if self.units is None else rows.filter(unit_id__in=self.units)

    @abstractmethod
    def _period_rows(self) -> QuerySet:
        """The rows of the period that hold every measure once (no dimension's cells)."""

    def per_unit(self) -> dict[int, list[int]]:
        """{unit id: [each of MEASURES summed over the period]}, read once."""
        if self._per_unit is None:
            self._per_unit = _grouped(self._period_rows(), "unit_id", MEASURES)
        return self._per_unit

    def totals(self) -> dict[str, int]:
        """Each measure summed over the period."""
        sums = [sum(column) for column in zip(*self.per_unit().values(), strict=True)]
        return dict(zip(MEASURES, sums or [0] * len(MEASURES), strict=True))

    def open_now(self) -> int:
        """Complaints open now, whenever received."""
        return sum(self.open_by("unit_id").values())

    def summed(self, by: str, *measures: str) -> dict:
        """{value of `by`: [sum of each measure]} over the period; `by` is "day", "unit_id"
        or a key of CELL_DIMENSION."""
        if by == "unit_id":
            columns = [MEASURES.index(m) for m in measures]
            return {u: [sums[c] for c in columns] for u, sums in self.per_unit().items()}
        return self._summed(by, measures)

    def read_together(self, bys: tuple[str, ...], measures: tuple[str, ...]) -> None:
        """A page will ask summed(by, …) of these measures for each of `bys`: a source that
        can read them in one query does so now. The fine roll-up keeps each dimension in a
        column of its own, so it reads them one by one, as asked."""
        return None

    @abstractmethod
    def _summed(self, by: str, measures: tuple[str, ...]) -> dict:
        """summed() for anything but units."""

    @abstractmethod
    def backlog(self) -> dict[date, int]:
        """Complaints open now, by the day they were received (any day)."""

    def open_by(self, by: str) -> dict:
        """Complaints open now, whenever received, by "unit_id" or a key of CELL_DIMENSION."""
        if by != "unit_id":
            return self._open_by(by)
        if self._open_per_unit is None:
            self._open_per_unit = self._open_by(by)
        return self._open_per_unit

    @abstractmethod
    def _open_by(self, by: str) -> dict:
        """open_by() as read."""


def _grouped(rows: QuerySet, field: str, measures: tuple[str, ...]) -> dict:
    found: dict = {}
    for row in rows.values(field).annotate(**{f"s_{m}": Sum(m) for m in measures}).order_by():
        found[row[field]] = [row[f"s_{m}"] or 0 for m in measures]
    return found


class CellSource(Source):
    """The lattice: day cells for totals, time and units; for one dimension, month cells for
    the whole months of the period and day cells for the days at its edges."""

    # What read_together read: (its measures, {by: {value: [sums]}}).
    _together: tuple[tuple[str, ...], dict[str, dict]] = ((), {})

    def _day_cells(self, dimension: str = "") -> QuerySet:
        return self._scoped(RollupCell.objects.filter(dimension=dimension, grain="d"))

    def _period(self, dimensions: list[str]) -> list[QuerySet]:
        """Month cells for the whole months, day cells for the days before and after them:
        each one range of the cells' key, which one OR of the three would not be."""
        first_whole = self.start if self.start.day == 1 else _next_month(self.start)
        after_whole = _next_month(self.end) if _is_month_end(self.end) else self.end.replace(day=1)
        cells = self._scoped(RollupCell.objects.filter(dimension__in=dimensions))
        if first_whole >= after_whole:
            return [cells.filter(grain="d", period__gte=self.start, period__lte=self.end)]
        return [
            cells.filter(grain="m", period__gte=first_whole, period__lt=after_whole),
            cells.filter(grain="d", period__gte=self.start, period__lt=first_whole),
            cells.filter(grain="d", period__gte=after_whole, period__lte=self.end),
        ]

    def _period_rows(self) -> QuerySet:
        return self._day_cells().filter(period__gte=self.start, period__lte=self.end)

    def read_together(self, bys: tuple[str, ...], measures: tuple[str, ...]) -> None:
        self._together = (measures, self._dimensions_summed(bys, measures))

    def _summed(self, by: str, measures: tuple[str, ...]) -> dict:
        if by == "day":
            return _grouped(self._period_rows(), "period", measures)
        read, together = self._together
        if by in together and set(measures) <= set(read):
            columns = [read.index(m) for m in measures]
            return {k: [sums[c] for c in columns] for k, sums in together[by].items()}
        return self._dimensions_summed((by,), measures)[by]

    def _dimensions_summed(self, bys: tuple[str, ...], measures: tuple[str, ...]) -> dict:
        """{by: {value: [sums]}} for each of `bys`, from one query per piece of the period."""
        dimensions = {CELL_DIMENSION[by]: by for by in bys}
        found: dict[str, dict] = {by: {} for by in bys}
        for rows in self._period(list(dimensions)):
            grouped = rows.values("dimension", "value").annotate(
                **{f"s_{m}": Sum(m) for m in measures}
            )
            for row in grouped.order_by():
                by = dimensions[row["dimension"]]
                key = int(row["value"]) if by in NUMERIC else row["value"]
                sums = found[by].setdefault(key, [0] * len(measures))
                for index, m in enumerate(measures):
                    sums[index] += row[f"s_{m}"] or 0
        return found

    def backlog(self) -> dict[date, int]:
        rows = self._day_cells().filter(open__gt=0)
        return {day: counts[0] for day, counts in _grouped(rows, "period", ("open",)).items()}

    def _open_by(self, by: str) -> dict:
        if by == "unit_id":
            rows = _grouped(self._day_cells().filter(open__gt=0), by, ("open",))
            return {unit: counts[0] for unit, counts in rows.items()}
        cells = RollupCell.objects.filter(dimension=CELL_DIMENSION[by], grain="m", open__gt=0)
        found = _grouped(self._scoped(cells), "value", ("open",))
        return {(int(v) if by in NUMERIC else v): counts[0] for v, counts in found.items()}


class FineSource(Source):
    """The fine roll-ups, narrowed to a category, grade or channel."""

    def __init__(self, scope: DashboardScope, start: date, end: date, unit: str, *,
                 category: str, grade: str, channel: str) -> None:  # fmt: skip
        super().__init__(scope, start, end, unit)
        self.category_id: int | None = None
        if category:
            found = Category.objects.filter(organisation=scope.organisation, code=category).first()
            self.category_id = found.pk if found else -1
        self.grade, self.channel = grade, channel

    def _narrowed(self, rows: QuerySet) -> QuerySet:
        rows = self._scoped(rows)
        if self.category_id is not None:
            rows = rows.filter(category_id=self.category_id)
        if self.grade:
            rows = rows.filter(grade=self.grade)
        if self.channel:
            rows = rows.filter(channel=self.channel)
        return rows

    def _rows(self, by: str) -> QuerySet:
        model = CauseFigure if by == "root_cause_id" else DailyFigure
        rows = self._narrowed(model.objects.all())
        return rows.filter(day__gte=self.start, day__lte=self.end)

    def _period_rows(self) -> QuerySet:
        return self._rows("day")

    def _summed(self, by: str, measures: tuple[str, ...]) -> dict:
        if by == "clock":  # no clock in the fine rows: all the time standards together
            found = self._rows("day").aggregate(**{m: Sum(m) for m in measures})
            return {"": [found[m] or 0 for m in measures]}
        return _grouped(self._rows(by), by, measures)

    def backlog(self) -> dict[date, int]:
        rows = self._narrowed(DailyFigure.objects.filter(open__gt=0))
        return {day: counts[0] for day, counts in _grouped(rows, "day", ("open",)).items()}

    def _open_by(self, by: str) -> dict:
        rows = self._narrowed(DailyFigure.objects.filter(open__gt=0))
        return {value: counts[0] for value, counts in _grouped(rows, by, ("open",)).items()}


def source_for(scope: DashboardScope, filters) -> Source:
    """`filters`: selectors.DashboardFilters."""
    if filters.category or filters.grade or filters.channel:
        return FineSource(
            scope, filters.start, filters.end, filters.unit,
            category=filters.category, grade=filters.grade, channel=filters.channel,
        )  # fmt: skip
    return CellSource(scope, filters.start, filters.end, filters.unit)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1
