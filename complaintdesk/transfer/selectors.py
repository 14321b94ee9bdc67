"""Reads for imports: who may bring complaints in for which organisation, and their runs."""

from django.db.models import QuerySet

from complaintdesk.accounts.models import Organisation, User
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import permissions

from .models import ImportRun

# Bringing in years of another system's records is a head-office or administration job: a
# wrong mapping writes thousands of complaints at once.
IMPORTING_ROLES = (Role.ADMINISTRATOR, Role.HQ_COMPLAINTS)


def _importing_organisation_ids(user: User) -> set[int]:
    """From the roles already read for the request: no query of its own (the nav asks on
    every page)."""
    return {
        held.organisation_id
        for held in permissions.role_paths(user)
        if held.role in IMPORTING_ROLES
    }


def import_organisations(user: User) -> QuerySet:
    """The organisations the user may import for: any, for a superuser; else those where they
    hold an importing role."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(pk__in=_importing_organisation_ids(user)).order_by("name")


def may_import(user: User, organisation_id: int | None = None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    held = _importing_organisation_ids(user)
    return organisation_id in held if organisation_id is not None else bool(held)


def import_runs_visible(user: User) -> QuerySet:
    return (
        ImportRun.objects.filter(organisation__in=import_organisations(user))
        .select_related("organisation", "source", "started_by")
        .order_by("-created_at", "-id")
    )
