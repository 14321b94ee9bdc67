"""Writing many new rows of one model at once: imports, and the benchmark's data loader.

`QuerySet.bulk_create` sends every value through its field (pre_save, get_db_prep_save,
field_as_sql): about 4 µs a value, which for 100,000 complaints of 60 columns is half a
minute of Python before the database sees a row, and on SQLite it writes 16 rows per
statement (Django assumes SQLite's old limit of 999 parameters). Here each column's conversion
is chosen once, values of the plain kinds (text, numbers, booleans, ids) go to the driver as
they are, and a statement carries as many rows as the database's limit allows.

Like bulk_create, nothing is sent to signals and Model.save() is not called: the caller fills
what save() would (a complaint's unit_path, say).
"""

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models

# Rows per statement at most: past a few hundred a longer statement saves nothing measurable.
ROWS_PER_STATEMENT = 500

Convert = Callable[[Any], Any] | None

# Fields whose Python value is already what the driver takes (str, int, bool, an id).
_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
)


def objects_insert(objects: Sequence[models.Model]) -> None:
    """Insert these new instances of one model and set their primary keys (an auto id each,
    unset until now; a key that is another row's, such as a one-to-one primary key, is
    written as it is). Values must be of their field's Python type, as model code makes them;
    nothing is cleaned or validated here."""
    if not objects:
        return
    model = type(objects[0])
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    if not isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
        _rows_insert(meta.db_table, [f for f in meta.concrete_fields if not f.generated], objects)
        for obj in objects:
            obj._state.adding = False
            obj._state.db = connection.alias
        return
    # A generated column is the database's to write (complaints' is_final).
    fields = [f for f in meta.concrete_fields if f is not pk and not f.generated]
    values = _values(objects, fields)
    if connection.vendor == "postgresql":
        keys = _copy(meta.db_table, pk.column, fields, values, len(objects))
    else:
        keys = _insert_many(meta.db_table, fields, values, returning=pk.column)
    for obj, key in zip(objects, keys, strict=True):
        setattr(obj, pk.attname, key)
        obj._state.adding = False
        obj._state.db = connection.alias


def _values(objects: Sequence[models.Model], fields: list[models.Field]) -> Iterator[list[Any]]:
    """Each object's row, as the driver takes it."""
    plan = [(field.attname, _pre_save(field), _convert(field)) for field in fields]
    for obj in objects:
        row = []
        for attname, pre_save, convert in plan:
            value = pre_save(obj) if pre_save else getattr(obj, attname)
            row.append(value if convert is None or value is None else convert(value))
        yield row


def _copy(
    table: str, key: str, fields: list[models.Field], rows: Iterator[list[Any]], count: int
) -> list[int]:
    """PostgreSQL: the ids drawn from the table's sequence first, then every row in one COPY."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, key, count],
        )
        keys = sorted(key for (key,) in cursor.fetchall())
        rows_copy(
            cursor,
            table,
            [key, *(field.column for field in fields)],
            ([key_value, *row] for key_value, row in zip(keys, rows, strict=True)),
        )
    return keys


def rows_copy(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL: the rows into `table` in one COPY, which reads no SQL per row: a statement
    of 30,000 placeholders costs psycopg tens of milliseconds to parse, every time."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert_many(
    table: str, fields: list[models.Field], rows: Iterator[list[Any]], returning: str = ""
) -> list[int]:
    """SQLite: many rows a statement, up to its limit on parameters; each row's `returning`
    column (its new id) comes back when one is named."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, min(ROWS_PER_STATEMENT, _sqlite_max_parameters() // len(fields)))
    back = f" RETURNING {quote(returning)}" if returning else ""
    keys: list[int] = []
    with connection.cursor() as cursor:
        while batch := list(islice(rows, per_statement)):
            cursor.execute(
                f"INSERT INTO {quote(table)} ({columns}) VALUES "
                f"{', '.join([row_sql] * len(batch))}{back}",
                [value for row in batch for value in row],
            )
            if returning:
                keys += (key for (key,) in cursor.fetchall())
    return keys


def _rows_insert(table: str, fields: list[models.Field], objects: Sequence[models.Model]) -> None:
    """Rows whose keys are known already: COPY on PostgreSQL, long INSERTs on SQLite."""
    rows = _values(objects, fields)
    if connection.vendor != "postgresql":
        _insert_many(table, fields, rows)
        return
    with connection.cursor() as cursor:
        rows_copy(cursor, table, [field.column for field in fields], rows)


def _pre_save(field: models.Field) -> Callable[[models.Model], Any] | None:
    """A field that computes its value when saved (auto_now, a file's name) computes it here
    too; for the others the value on the instance is the value."""
    if isinstance(field, models.DateField):
        computes = field.auto_now or field.auto_now_add
    else:
        computes = type(field).pre_save is not models.Field.pre_save
    return (lambda obj: field.pre_save(obj, True)) if computes else None


def _convert(field: models.Field) -> Convert:
    if isinstance(field, models.ForeignKey):
        return _convert(field.target_field)
    if isinstance(field, _PLAIN):
        # Choices members (TextChoices) are str and int subclasses, which both drivers take
        # as text and numbers.
        return None
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    return lambda value: field.get_db_prep_save(value, connection)


def _sqlite_max_parameters() -> int:
    connection.ensure_connection()
    return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
