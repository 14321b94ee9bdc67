"""Reading what the roll-ups count from outside a complaint's own row (measures.Facts), for
many complaints in a few queries: their clocks, and, for those closed, their last proposal,
their answers and the complainant's latest satisfaction score."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, Model, OuterRef, Subquery

from complaintdesk.complaints.choices import FINAL_STATUSES
from complaintdesk.complaints.models import Complaint, FollowUp, Proposal, Rating, Reply
from complaintdesk.sla.choices import ClockState
from complaintdesk.sla.models import ComplaintClock

from .measures import Facts


def is_closed(complaint: Complaint) -> bool:
    return complaint.closed_at is not None and complaint.status in FINAL_STATUSES


def facts_of(complaints: list[Complaint]) -> dict[int, Facts]:
    """Each complaint's facts by its id (an empty Facts for one with none)."""
    ids = [complaint.pk for complaint in complaints]
    closed = [complaint.pk for complaint in complaints if is_closed(complaint)]
    clocks = _clocks(ids)
    remedies, replies, satisfaction = _closing(closed) if closed else ({}, Counter(), {})
    return {
        pk: Facts(
            remedy=remedies.get(pk),
            replies=replies[pk],
            satisfaction=satisfaction.get(pk, 0),
            clocks=clocks.get(pk, ()),
        )
        for pk in ids
    }


def _clocks(ids: list[int]) -> dict[int, tuple[tuple[str, int, int], ...]]:
    if not ids:
        return {}
    counted: dict[int, dict[str, list[int]]] = defaultdict(dict)
    rows = ComplaintClock.objects.filter(complaint_id__in=ids).values_list(
        "complaint_id", "name", "state", "breached_at"
    )
    for complaint_id, name, state, breached_at in rows:
        tally = counted[complaint_id].setdefault(name, [0, 0])
        if breached_at is not None:
            tally[1] += 1
        elif state == ClockState.MET:
            tally[0] += 1
    return {
        pk: tuple((name, met, late) for name, (met, late) in sorted(names.items()) if met or late)
        for pk, names in counted.items()
    }


def latest_of(model: type[Model], value: str, order: str, **having: object) -> Subquery:
    """`value` of the complaint's latest record of `model` by `order` (its id breaks ties),
    as a subquery to annotate complaints with."""
    rows = model._default_manager.filter(complaint=OuterRef("pk"), **having)
    return Subquery(rows.order_by(f"-{order}", "-id").values(value)[:1])


def _closing(
    ids: list[int],
) -> tuple[dict[int, tuple[str, Decimal | None]], Counter[int], dict[int, int]]:
    """The last proposal's remedy, the number of answers sent and the latest satisfaction
    score: the complainant's own rating of an answer, else the one given on the follow-up
    call (a rating is their word, not a note of it). One query, however many complaints."""

    answers = (
        Reply.objects.filter(complaint=OuterRef("pk"))
        .order_by()
        .values("complaint")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Complaint.objects.filter(pk__in=ids)
        .annotate(
            remedy=latest_of(Proposal, "remedy_type", "proposed_at"),
            amount=latest_of(Proposal, "amount", "proposed_at"),
            answers=Subquery(answers),
            rating=latest_of(Rating, "score", "given_at"),
            noted=latest_of(
                FollowUp, "handling_satisfaction", "done_at", handling_satisfaction__isnull=False
            ),
        )
        .values_list("pk", "remedy", "amount", "answers", "rating", "noted")
    )
    remedies: dict[int, tuple[str, Decimal | None]] = {}
    replies: Counter[int] = Counter()
    satisfaction: dict[int, int] = {}
    for pk, remedy, amount, answered, rating, noted in rows:
        if remedy is not None:
            remedies[pk] = (remedy, amount)
        replies[pk] = answered or 0
        if rating or noted:
            satisfaction[pk] = rating or noted
    return remedies, replies, satisfaction
