"""Reference numbers such as CP-2026-000123: unique, gap-tolerant, never reused."""

from django.db import connection

from ..models import ReferenceSequence


def reference_allocate(prefix: str, year: int) -> str:
    """Take the next number for (prefix, year).

    One statement: the row is created at 1 or incremented, and the value it holds then comes
    back (an upsert with RETURNING). The row's lock is held until the caller's transaction
    ends, so two writers of the same year take their numbers in turn; the unique constraint on
    Complaint.reference is the last line of defence.
    """
    return references_allocate(prefix, year, 1)[0]


def references_allocate(prefix: str, year: int, count: int) -> list[str]:
    """Take the next `count` numbers for (prefix, year) in one step, for a bulk import: the
    block handed out is contiguous, since no concurrent writer can take a number from inside
    one increment."""
    if count <= 0:
        return []
    quote = connection.ops.quote_name
    table = quote(ReferenceSequence._meta.db_table)
    last_value = quote("last_value")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('prefix')}, {quote('year')}, {last_value}) "
            f"VALUES (%s, %s, %s) ON CONFLICT ({quote('prefix')}, {quote('year')}) "
            f"DO UPDATE SET {last_value} = {table}.{last_value} + %s RETURNING {last_value}",
            [prefix, year, count, count],
        )
        (last,) = cursor.fetchone()
    return [f"{prefix}-{year}-{value:06d}" for value in range(last - count + 1, last + 1)]
