"""Pages of complaints in one column's order, read by keyset so that a page costs the same at
the millionth row as at the first.

PostgreSQL plans these well from its statistics. SQLite does not: given a filter that an index
serves (a status, the unit-path range of the user's scope) it reads every matching row and
sorts them to return fifty, which at a million complaints is 0.3-6 s a page; and with
statistics it sometimes walks the whole order index for a rare filter instead. So on SQLite a
page is read in steps whose cost is bounded:

1. the WINDOW rows that follow the position in the order index (whatever they hold) are read
   in index order and filtered: this finds the page at once for any filter that matches more
   than a few percent of complaints, the usual case;
2. where the caller names an index that holds only rows of its filter in the same order (a
   status, the finished ones, a deadline state, a team's units), a larger window of it: the
   finished and the overdue complaints are old, so the newest rows hold few of them; for a
   search, a wider window of the order index itself, whose ids are tested against the
   matches before any row is read;
3. only when the windows hold less than a page, the rest is read beyond them with the plan
   SQLite chooses, which is then a selective filter's own index and a small sort.

A window's edge is a scalar subquery (SQLite computes it once per statement), so the usual
page is still one query.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections
from django.db.models import DateTimeField, F, Q, QuerySet, Subquery, Value
from django.db.models.fields.tuple_lookups import (  # type: ignore[import-untyped]
    TupleGreaterThan,
    TupleLessThan,
)
from django.db.models.functions import Coalesce
from django.db.models.sql.datastructures import BaseTable

# Rows read in order before SQLite is left to choose: a window of index entries and the rows
# they point at costs a few milliseconds, and holds a page for any filter matching 2.5%.
WINDOW = 2000

# The index that holds each order (complaints/models/complaint.py); the deadline order's index
# is partial (live deadlines only), so its queries always carry `sla_due_at IS NOT NULL`.
ORDER_INDEXES = {
    "received_at": "cmp_received",
    "last_activity_at": "cmp_activity",
    "sla_due_at": "cmp_due",
}
# Rows of a narrowed index read next: finding fifty finished complaints of one site among them
# costs 10-15 ms, index entries and rows. Each window is wider than the one before it, so that
# its edge lies beyond the earlier edge and the steps' ranges follow one another.
NARROWED_WINDOW = 20_000
_EDGE = "keyset_window_edge"
_BEYOND = "keyset_beyond"
# Where a window that reaches the end of the order "ends": before every instant (or after).
_FIRST = datetime(1, 1, 2, tzinfo=UTC)
_LAST = datetime(9999, 12, 30, tzinfo=UTC)
_ENDS = (_FIRST, _LAST)


@dataclass(frozen=True)
class Position:
    """Where a page starts: after the row (moment, pk) in the order of `column`."""

    column: str
    moment: datetime
    pk: int


@dataclass(frozen=True)
class Narrowed:
    """An index that holds the page's rows (those matching `rows`, a filter the page applies
    or implies) in the same order: a status, or the final ones."""

    index: str
    rows: Q
    window: int = 0  # 0: NARROWED_WINDOW


def keyset_page(
    queryset: QuerySet,
    column: str,
    descending: bool,
    position: Position | None,
    limit: int,
    *,
    narrowed: Narrowed | None = None,
) -> list:
    """Up to `limit` rows of `queryset` after `position` in (column, id) order.

    On SQLite the rows are read in steps, each a bounded window of an index in the page's
    order: WINDOW rows of the order index, then NARROWED_WINDOW rows of `narrowed`'s index
    (for a filter the newest rows hold few of: the finished complaints), then, only if the
    page is still short, the rest with the plan SQLite chooses."""
    sign = "-" if descending else ""
    ordered = _after(queryset, column, descending, position).order_by(
        f"{sign}{column}", f"{sign}id"
    )
    if connections[queryset.db].vendor != "sqlite":
        return _rows_of(queryset, list(ordered.values_list("pk", flat=True)[:limit]))
    steps = [(ORDER_INDEXES[column], Q(), WINDOW)]
    if narrowed is not None:
        steps.append((narrowed.index, narrowed.rows, narrowed.window or NARROWED_WINDOW))
    # Ties at an edge belong to the window before it, so no row is missed or read twice.
    inside, outside = ("gte", "lt") if descending else ("lte", "gt")
    rows: list = []
    beyond: Coalesce | None = None  # the edge of the step before
    for number, (index, held, window) in enumerate(steps):
        edge = _window_edge(queryset.model, column, descending, position, held, window)
        step = _using_index(ordered.filter(held), index).annotate(**{f"{_EDGE}{number}": edge})
        step = step.filter(**{f"{column}__{inside}": F(f"{_EDGE}{number}")})
        if beyond is not None:
            step = step.annotate(**{_BEYOND: beyond})
            step = step.filter(**{f"{column}__{outside}": F(_BEYOND)})
        found = list(step[: limit - len(rows)])
        rows += found
        if len(rows) >= limit:
            return rows
        # A window that reaches the end of its index holds every row left to read.
        if found:
            reaches_the_end = getattr(found[0], f"{_EDGE}{number}") in _ENDS
        else:
            last = _edge_row(queryset.model, column, descending, position, held, window)
            reaches_the_end = last is None
        if reaches_the_end:
            return rows
        beyond = edge
    rest = ordered.annotate(**{_BEYOND: beyond}).filter(**{f"{column}__{outside}": F(_BEYOND)})
    return rows + list(rest[: limit - len(rows)])


def _rows_of(queryset: QuerySet, ids: list[int]) -> list:
    """PostgreSQL: the page's rows, with what they bring along (unit, handler…), read by the
    ids found first. Where the planner misjudged how many rows lie beyond a cursor (a deadline
    near now, past what its statistics know) it sorted thousands of joined rows for 51: 25 ms
    at 100,000 complaints. The ids alone sort in a few."""
    found = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]


def _after(queryset: QuerySet, column: str, descending: bool, position: Position | None):
    """The rows after `position`, as one row-value comparison, `(column, id) < (moment, pk)`:
    both databases read it as a range of the (column, id) index and estimate it right. The
    same condition written as `column < moment OR (column = moment AND id < pk)` is no index
    bound at all, and PostgreSQL, misjudging it, sorted every row beyond a deep page.
    (Django's tuple lookups, made for composite keys, write the row values.)"""
    if position is None:
        return queryset
    beyond = TupleLessThan if descending else TupleGreaterThan
    within = "lte" if descending else "gte"
    # The plain bound as well: SQLite starts its window's walk of the index from it.
    return queryset.filter(
        beyond((F(column), F("id")), (position.moment, position.pk)),
        **{f"{column}__{within}": position.moment},
    )


def _window_edge(
    model, column: str, descending: bool, position: Position | None, held: Q, window: int
) -> Coalesce:
    """The value of `column` `window` rows after `position` among the rows `held` (a walk of
    their index alone, which holds the column), or, when fewer rows remain, an instant beyond
    every row, so that the window holds them all."""
    return Coalesce(
        Subquery(_window_end(model, column, descending, position, held, window)),
        Value(_FIRST if descending else _LAST),
        output_field=DateTimeField(),
    )


def _edge_row(
    model, column: str, descending: bool, position: Position | None, held: Q, window: int
) -> datetime | None:
    """_window_edge read on its own, for a window that held none of the page's rows."""
    return next(iter(_window_end(model, column, descending, position, held, window)), None)


def _window_end(
    model, column: str, descending: bool, position: Position | None, held: Q, window: int
) -> QuerySet:
    rows = model.objects.filter(held)
    if column == "sla_due_at":
        rows = rows.filter(sla_due_at__isnull=False)
    sign = "-" if descending else ""
    rows = _after(rows, column, descending, position).order_by(f"{sign}{column}", f"{sign}id")
    return rows.values_list(column, flat=True)[window : window + 1]


class _IndexedTable(BaseTable):
    """The query's own table, named with SQLite's INDEXED BY: the one plan the ORM cannot ask
    for otherwise."""

    def __init__(self, table_name: str, alias: str, index: str) -> None:
        super().__init__(table_name, alias)
        self.index = index

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        return f"{sql} INDEXED BY {connection.ops.quote_name(self.index)}", params

    def relabeled_clone(self, change_map):
        alias = change_map.get(self.table_alias, self.table_alias)
        return self.__class__(self.table_name, alias, self.index)

    @property
    def identity(self):
        return (*super().identity, self.index)


def _using_index(queryset: QuerySet, index: str) -> QuerySet:
    queryset = queryset.all()
    alias = queryset.query.get_initial_alias()
    queryset.query.alias_map[alias] = _IndexedTable(queryset.model._meta.db_table, alias, index)
    return queryset
