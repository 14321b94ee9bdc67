"""Reference numbers such as CP-2026-000123: unique, gap-tolerant, never reused."""

from django.db import transaction
from django.db.models import F

from ..models import ReferenceSequence


def reference_allocate(prefix: str, year: int) -> str:
    """Take the next number for (prefix, year).

    The row is created with ON CONFLICT DO NOTHING and then locked, so two writers that start
    the same year at the same moment both end up incrementing the one row in turn; the unique
    constraint on Complaint.reference is the last line of defence.
    """
    return references_allocate(prefix, year, 1)[0]


def references_allocate(prefix: str, year: int, count: int) -> list[str]:
    """Take the next `count` numbers for (prefix, year) in one step, for a bulk import.

    The same row and the same locking as `reference_allocate`: the increment by `count` is one
    UPDATE, so the block handed out is contiguous and no concurrent writer can take a number
    from inside it.
    """
    if count <= 0:
        return []
    with transaction.atomic():
        ReferenceSequence.objects.bulk_create(
            [ReferenceSequence(prefix=prefix, year=year, last_value=0)], ignore_conflicts=True
        )
        ReferenceSequence.objects.filter(prefix=prefix, year=year).update(
            last_value=F("last_value") + count
        )
        last = (
            ReferenceSequence.objects.select_for_update()
            .values_list("last_value", flat=True)
            .get(prefix=prefix, year=year)
        )
    return [f"{prefix}-{year}-{value:06d}" for value in range(last - count + 1, last + 1)]
