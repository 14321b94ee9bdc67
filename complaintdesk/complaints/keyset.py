"""Pages of complaints in one column's order, read by keyset so that a page costs the same at
the millionth row as at the first.

PostgreSQL plans these well from its statistics. SQLite does not: given a filter that an index
serves (a status, the unit-path range of the user's scope) it reads every matching row and
sorts them to return fifty, which at a million complaints is 0.3-6 s a page; and with
statistics it sometimes walks the whole order index for a rare filter instead. So on SQLite a
page is read in at most two steps whose cost is bounded:

1. the WINDOW rows that follow the position in the order index (whatever they hold) are read
   in index order and filtered: this finds the page at once for any filter that matches more
   than a few percent of complaints, the usual case;
2. only when the window holds less than a page, the rest is read beyond the window with the
   plan SQLite chooses, which is then a selective filter's own index and a small sort.

The window's edge is a scalar subquery (SQLite computes it once per statement), so the usual
page is still one query.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections
from django.db.models import DateTimeField, F, Q, QuerySet, Subquery, Value
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
_EDGE = "keyset_window_edge"
# Where a window that reaches the end of the order "ends": before every instant (or after).
_FIRST = datetime(1, 1, 2, tzinfo=UTC)
_LAST = datetime(9999, 12, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Position:
    """Where a page starts: after the row (moment, pk) in the order of `column`."""

    column: str
    moment: datetime
    pk: int


def keyset_page(
    queryset: QuerySet, column: str, descending: bool, position: Position | None, limit: int
) -> list:
    """Up to `limit` rows of `queryset` after `position` in (column, id) order."""
    sign = "-" if descending else ""
    ordered = _after(queryset, column, descending, position).order_by(
        f"{sign}{column}", f"{sign}id"
    )
    if connections[queryset.db].vendor != "sqlite":
        return list(ordered[:limit])
    edge = _window_edge(queryset.model, column, descending, position)
    # Ties at the edge belong to the window, so the two steps neither miss nor repeat a row.
    inside, outside = ("gte", "lt") if descending else ("lte", "gt")
    window = _using_index(ordered, ORDER_INDEXES[column]).annotate(**{_EDGE: edge})
    rows = list(window.filter(**{f"{column}__{inside}": F(_EDGE)})[:limit])
    reaches_the_end = bool(rows) and getattr(rows[0], _EDGE) in (_FIRST, _LAST)
    if len(rows) < limit and not reaches_the_end:
        beyond = ordered.annotate(**{_EDGE: edge}).filter(**{f"{column}__{outside}": F(_EDGE)})
        rows += list(beyond[: limit - len(rows)])
    return rows


def _after(queryset: QuerySet, column: str, descending: bool, position: Position | None):
    """The rows after `position`. The leading bound (`column <= moment`) is what lets both
    databases start the index range at the position; the OR alone is not used as a bound, and
    a page 100,000 rows deep would skip them one by one."""
    if position is None:
        return queryset
    within, beyond = ("lte", "lt") if descending else ("gte", "gt")
    return queryset.filter(
        Q(**{f"{column}__{within}": position.moment}),
        Q(**{f"{column}__{beyond}": position.moment})
        | Q(**{column: position.moment, f"id__{beyond}": position.pk}),
    )


def _window_edge(model, column: str, descending: bool, position: Position | None) -> Coalesce:
    """The value of `column` WINDOW rows after `position` over all complaints (a walk of the
    order index alone, which holds the column), or, when fewer rows remain, an instant beyond
    every row, so that the window holds them all."""
    rows = model.objects.all()
    if column == "sla_due_at":
        rows = rows.filter(sla_due_at__isnull=False)
    sign = "-" if descending else ""
    rows = _after(rows, column, descending, position).order_by(f"{sign}{column}", f"{sign}id")
    return Coalesce(
        Subquery(rows.values(column)[WINDOW : WINDOW + 1]),
        Value(_FIRST if descending else _LAST),
        output_field=DateTimeField(),
    )


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
