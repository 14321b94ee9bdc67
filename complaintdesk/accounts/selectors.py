"""Reads of people by the roles they hold."""

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import RoleAssignment, User, lineage_paths
from .roles import Role


def role_holders(organisation_id: int, role: str, *, over_path: str | None = None) -> QuerySet:
    """Active people holding `role` at an active unit of the organisation; with `over_path`,
    only at that unit or a unit above it (those whose role reaches a complaint filed there)."""
    users = User.objects.filter(
        is_active=True,
        role_assignments__role=role,
        role_assignments__unit__organisation_id=organisation_id,
        role_assignments__unit__is_active=True,
    )
    if over_path is not None:
        users = users.filter(role_assignments__unit__path__in=lineage_paths(over_path))
    return users.distinct().order_by("pk")


def staff_of(organisation_id: int) -> QuerySet:
    """Active people holding any role in the organisation, by username: whom a task or an
    incident can be given to."""
    holders = RoleAssignment.objects.filter(unit__organisation_id=organisation_id)
    return User.objects.filter(pk__in=holders.values("user_id"), is_active=True).order_by(
        "username"
    )


def organisations_administered(user) -> set[int]:
    """The ids of the organisations `user` administers: those where they hold the
    administrator role at some unit. The unit only anchors the role; administration covers the
    whole organisation, so a role at a unit later made inactive still counts. Superusers are
    not special here: callers decide what "everything" means for them."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        RoleAssignment.objects.filter(user=user, role=Role.ADMINISTRATOR)
        .values_list("unit__organisation_id", flat=True)
        .distinct()
    )


def administrators_among(user_ids: Iterable[int]) -> set[int]:
    """Those of `user_ids` who hold the administrator role anywhere."""
    return set(
        RoleAssignment.objects.filter(user_id__in=list(user_ids), role=Role.ADMINISTRATOR)
        .values_list("user_id", flat=True)
        .distinct()
    )


def user_organisations(user_ids: Iterable[int]) -> dict[int, set[int]]:
    """Each user's organisations: their home unit's and those of the units they hold roles at
    (a person may work for more than one)."""
    ids = list(user_ids)
    result: dict[int, set[int]] = {pk: set() for pk in ids}
    homes = User.objects.filter(pk__in=ids, home_unit__isnull=False).values_list(
        "pk", "home_unit__organisation_id"
    )
    roles = RoleAssignment.objects.filter(user_id__in=ids).values_list(
        "user_id", "unit__organisation_id"
    )
    for pk, organisation_id in [*homes, *roles]:
        result[pk].add(organisation_id)
    return result
