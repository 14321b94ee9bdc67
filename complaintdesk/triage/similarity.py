"""Complaints that may be about the same matter as a new one: the same complainant's open
complaints, and open complaints handled at the same unit received lately whose words are
near-identical (the same lift in the same block, reported by three neighbours). Texts are
compared as sets of their words and Chinese character pairs, folded to one script, so a
complaint in Traditional characters finds its twin in Simplified ones.

The candidates are a bounded read through the indexes on (complainant, received) and (unit,
received): a registration never scans the table, whatever its size."""

from dataclasses import dataclass
from datetime import timedelta

from complaintdesk.complaints.models import Complaint

from .signals import terms_of

# How far back and how many of a unit's open complaints are compared.
RECENT = timedelta(days=30)
UNIT_CANDIDATES = 40
COMPLAINANT_CANDIDATES = 20
# Of how many of the complainant's latest complaints (open or closed) those are found.
COMPLAINANT_READ = 100
# The share of shared words and pairs (Jaccard) from which two texts are called similar;
# the same complainant's open complaints are listed whatever their score.
SIMILAR_FROM = 0.3
SHOWN = 5


@dataclass(frozen=True)
class Similar:
    complaint_id: int
    reference: str
    score: float
    same_complainant: bool


def similar_open(complaint: Complaint, text: str) -> list[Similar]:
    """The open complaints most like this one, most similar first."""
    fields = ("pk", "reference", "subject", "description", "complainant_id")
    # The complainant's latest complaints, open or not, and the open ones kept here: with
    # "open" in the query SQLite walked every open complaint newest first (the index on
    # finality and receipt) rather than this complainant's few: 21 ms at 100,000 complaints.
    latest = (
        Complaint.objects.filter(complainant_id=complaint.complainant_id)
        .exclude(pk=complaint.pk)
        .order_by("-received_at")
        .values_list(*fields, "is_final")[:COMPLAINANT_READ]
    )
    same_person = [row[:-1] for row in latest if not row[-1]][:COMPLAINANT_CANDIDATES]
    neighbours = (
        Complaint.objects.filter(is_final__in=[False])
        .exclude(pk=complaint.pk)
        .filter(unit_id=complaint.unit_id, received_at__gte=complaint.received_at - RECENT)
        .order_by("-received_at", "-id")[:UNIT_CANDIDATES]
    )
    candidates = {row[0]: row for row in same_person}
    for row in neighbours.values_list(*fields):
        candidates.setdefault(row[0], row)
    mine = terms_of(text)
    found = []
    for pk, reference, subject, description, complainant_id in candidates.values():
        score = _jaccard(mine, terms_of(f"{subject}\n{description}"))
        same = complainant_id == complaint.complainant_id
        if same or score >= SIMILAR_FROM:
            found.append(Similar(pk, reference, round(score, 3), same))
    found.sort(key=lambda s: (-s.score, s.reference))
    return found[:SHOWN]


def _jaccard(one: frozenset[int], other: frozenset[int]) -> float:
    if not one or not other:
        return 0.0
    return len(one & other) / len(one | other)
