"""Reference numbers such as CP-2026-000123: unique, gap-tolerant, never reused."""

from complaintdesk.core.counters import counter_add

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
    last = counter_add(ReferenceSequence, {"prefix": prefix, "year": year}, "last_value", count)
    return [f"{prefix}-{year}-{value:06d}" for value in range(last - count + 1, last + 1)]
