"""Reads of people by the roles they hold."""

from django.db.models import QuerySet

from .models import User, lineage_paths


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
