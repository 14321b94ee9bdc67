"""A counter row added to in one statement: the rate limit's windows and the reference
numbers' sequences both need "create at n, or add n, and tell me the total" atomically."""

from datetime import datetime
from typing import Any

from django.db import connection, models


def counter_add(model: type[models.Model], key: dict[str, Any], column: str, by: int) -> int:
    """Add `by` to `column` of the row `key` names (unique together), making the row with
    `by` if it is missing, and return the new value. One upsert with RETURNING on both
    databases: atomic, and the row stays locked until the caller's transaction ends."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = [quote(name) for name in key]
    total = quote(column)
    values = [
        connection.ops.adapt_datetimefield_value(value) if isinstance(value, datetime) else value
        for value in key.values()
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(names)}, {total}) "
            f"VALUES ({', '.join(['%s'] * len(names))}, %s) "
            f"ON CONFLICT ({', '.join(names)}) "
            f"DO UPDATE SET {total} = {table}.{total} + %s RETURNING {total}",
            [*values, by, by],
        )
        (value,) = cursor.fetchone()
    return value
