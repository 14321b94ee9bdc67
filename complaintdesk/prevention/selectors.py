"""The actions a person sees: those of the units in their sight, most urgent first."""

from django.db.models import Q, QuerySet

from complaintdesk.accounts.models import User, subtree_q
from complaintdesk.complaints import permissions

from .models import ActionStatus, CorrectiveAction


def capas_for(user: User) -> QuerySet:
    sight = Q(pk__in=[])
    for held in permissions.role_paths(user):
        sight |= subtree_q("unit__path", held.path)
    return (
        CorrectiveAction.objects.filter(sight)
        .select_related("owner", "unit", "category", "root_cause", "site")
        .order_by("status", "due_date", "id")
    )


def capas_open_first(user: User) -> list[CorrectiveAction]:
    """Open and under review first, then the closed ones, at most 200."""
    found = capas_for(user)
    live = [ActionStatus.OPEN, ActionStatus.DONE]
    return list(found.filter(status__in=live)) + list(found.exclude(status__in=live)[:100])
