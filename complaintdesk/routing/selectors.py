"""Reads for routing: which rule applies to a complaint, who may take it, how busy they are.

`rule_matching` is the one place assignment rules are evaluated ("rules are data, evaluated in
one place"): the routing service asks it, and so should anything that explains a routing.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from complaintdesk.accounts.models import OrgUnit, RoleAssignment, User, lineage_paths, subtree_q
from complaintdesk.accounts.roles import HANDLING_ROLES
from complaintdesk.complaints.choices import OPEN_STATUSES
from complaintdesk.complaints.models import Category, Complaint

from .models import Absence, AssignmentRule


def _category_lineage(complaint: Complaint) -> list[int]:
    """The ids of the complaint's category and of each category above it."""
    if complaint.category_id is None:
        return []
    # Categories carry no path; one read of the organisation's (small) code list answers
    # "what is above" however deep the tree, where walking up would cost a query per level.
    parents = dict(
        Category.objects.filter(organisation_id=complaint.organisation_id).values_list(
            "id", "parent_id"
        )
    )
    lineage: list[int] = []
    current: int | None = complaint.category_id
    while current is not None and current not in lineage:  # a mis-edited cycle ends here
        lineage.append(current)
        current = parents.get(current)
    return lineage


def rule_matching(complaint: Complaint) -> AssignmentRule | None:
    """The first active rule of the complaint's organisation, by priority then id, whose every
    set condition the complaint meets; None when no rule applies.

    The tree conditions are turned around so that the database answers them in the same query:
    a rule's unit contains the complaint's unit exactly when it is that unit or one of its
    ancestors (`complaint.unit_path.startswith(rule.unit.path)`), and likewise for categories.
    """
    categories = _category_lineage(complaint)
    return (
        AssignmentRule.objects.filter(organisation_id=complaint.organisation_id, is_active=True)
        .filter(Q(category__isnull=True) | Q(category_id__in=categories))
        .filter(Q(unit__isnull=True) | Q(unit__path__in=lineage_paths(complaint.unit_path)))
        .filter(Q(grade="") | Q(grade=complaint.grade))
        .filter(Q(language="") | Q(language=complaint.language))
        .filter(Q(channel="") | Q(channel=complaint.channel))
        .select_related("category", "unit", "pool_unit")
        .order_by("priority", "id")
        .first()
    )


def eligible_handlers(rule: AssignmentRule, complaint: Complaint, at: datetime) -> list[User]:
    """Who the rule may give the complaint to at `at`, by id: active people holding the pool
    role at the pool unit or below it, in the complaint's organisation, and not away.

    A blank pool unit means the complaint's own unit and the units below it. A role held at an
    inactive unit does not count, as it does not for permissions either.
    """
    pool = rule.pool_unit or complaint.unit
    holders = RoleAssignment.objects.filter(
        subtree_q("unit__path", pool.path),
        role=rule.pool_role,
        unit__organisation_id=complaint.organisation_id,
        unit__is_active=True,
    ).values("user_id")
    away = Absence.objects.filter(starts_at__lte=at, ends_at__gt=at).values("user_id")
    return list(
        User.objects.filter(pk__in=holders, is_active=True).exclude(pk__in=away).order_by("pk")
    )


def open_load(users: Iterable[User], *, excluding: Complaint | None = None) -> dict[int, int]:
    """How many open complaints each user handles, by user id (0 for none), in one query.

    `excluding` leaves out the complaint being routed, so that its current handler is not
    counted as busier for holding the very complaint in question.
    """
    ids = [user.pk for user in users]
    handled = Complaint.objects.filter(handler_id__in=ids, status__in=OPEN_STATUSES)
    if excluding is not None:
        handled = handled.exclude(pk=excluding.pk)
    counts = handled.order_by().values("handler_id").annotate(n=Count("id"))
    return dict.fromkeys(ids, 0) | {row["handler_id"]: row["n"] for row in counts}


@dataclass(frozen=True)
class Candidate:
    """Someone a complaint can be given to by hand, as the assignment chooser shows them."""

    user: User
    unit: OrgUnit
    role: str
    # Open complaints they handle now.
    load: int
    # On leave (an Absence) at the moment asked about.
    away: bool


def assignment_candidates(complaint: Complaint, at: datetime) -> list[Candidate]:
    """Who a person may give the complaint to: active people holding a handling role in its
    line (at its unit, below it, or above it: a manager who takes a case personally), each
    once, at the unit nearest the complaint; with their open load and whether they are away.
    Ordered by unit from the top of the line, then those present before those away, then by
    load. A board-office investigator, whose unit is beside the line, is not offered: the
    board office takes a case when it is escalated there, not by a district's choice."""
    line = subtree_q("unit__path", complaint.unit_path) | Q(
        unit__path__in=lineage_paths(complaint.unit_path)
    )
    held = (
        RoleAssignment.objects.filter(
            line,
            role__in=HANDLING_ROLES,
            unit__organisation_id=complaint.organisation_id,
            unit__is_active=True,
            user__is_active=True,
        )
        .select_related("user", "unit")
        .order_by("-unit__path", "id")
    )
    nearest: dict[int, RoleAssignment] = {}
    for assignment in held:  # deepest unit first: the first one seen is the nearest
        nearest.setdefault(assignment.user_id, assignment)
    users = [assignment.user for assignment in nearest.values()]
    loads = open_load(users)
    away = set(
        Absence.objects.filter(user__in=users, starts_at__lte=at, ends_at__gt=at).values_list(
            "user_id", flat=True
        )
    )
    candidates = [
        Candidate(a.user, a.unit, a.role, loads[a.user_id], a.user_id in away)
        for a in nearest.values()
    ]
    candidates.sort(key=lambda c: (c.unit.path, c.away, c.load, str(c.user)))
    return candidates
