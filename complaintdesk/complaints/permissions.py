"""The one place that decides whether a user may see or do something to a complaint.

A role applies within the subtree of the unit it is held in. Besides that scope, the receiver
and the assigned handler keep their own complaint in sight wherever it is routed. Records
outside a user's sight are reported as not found, never as forbidden, so that nobody learns
that a reference exists.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import OrgUnit, User, subtree_q
from complaintdesk.accounts.roles import (
    HANDLING_ROLES,
    MANAGING_ROLES,
    Capability,
    Role,
    capabilities_of,
)
from complaintdesk.core.errors import NotFound, NotPermitted

from . import hooks
from .models import Complaint
from .transitions import Transition, actions_from, transition_for

_CACHE_ATTR = "_complaintdesk_role_paths"
_LADDER_ATTR = "_complaintdesk_ladder_sight"


class HeldRole(NamedTuple):
    role: str
    path: str
    organisation_id: int


def role_paths(user: User) -> list[HeldRole]:
    """The roles the user holds, where; read once per request and kept on the user."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        if not user.is_authenticated or not user.is_active:
            cached = []
        else:
            cached = [
                HeldRole(*row)
                for row in user.role_assignments.filter(unit__is_active=True).values_list(
                    "role", "unit__path", "unit__organisation_id"
                )
            ]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def organisations_of(user: User) -> set[int]:
    """The organisations where the user holds a role (from role_paths: no query of its own)."""
    return {held.organisation_id for held in role_paths(user)}


def manages_in(user: User, organisation_id: int | None = None) -> bool:
    """Whether the user holds a managing role in that organisation (any, when None): who
    acts on many complaints at once, opens incidents and runs them."""
    return any(
        held.role in MANAGING_ROLES
        and (organisation_id is None or held.organisation_id == organisation_id)
        for held in role_paths(user)
    )


def _ladder_sight(user: User) -> list[tuple[int, str, int]]:
    """(organisation, role, level) for each organisation-wide rung the user stands on, as the
    policies report it (hooks.sight_register): the board office sees a complaint from the
    moment it is escalated there, wherever in the organisation it sits. Read once per request,
    like role_paths."""
    cached = getattr(user, _LADDER_ATTR, None)
    if cached is None:
        cached = hooks.extra_sight(user) if role_paths(user) else []
        setattr(user, _LADDER_ATTR, cached)
    return cached


def roles_on(user: User, complaint: Complaint) -> set[str]:
    held = role_paths(user)
    roles = {h.role for h in held if complaint.unit_path.startswith(h.path)}
    for organisation_id, role, level in _ladder_sight(user):
        if complaint.organisation_id == organisation_id and complaint.escalation_level >= level:
            roles.add(role)
    # Personal ties reach beyond scope, but never across organisations: the assigned handler
    # works the case as a handler (not with their own rank), the receiver as its receiver.
    in_organisation = {h.role for h in held if h.organisation_id == complaint.organisation_id}
    if complaint.handler_id == user.pk and in_organisation & HANDLING_ROLES:
        roles.add(Role.HANDLER)
    if complaint.received_by_id == user.pk and Role.RECEIVER in in_organisation:
        roles.add(Role.RECEIVER)
    return roles


def has_capability(user: User, complaint: Complaint, capability: str) -> bool:
    return capability in capabilities_of(roles_on(user, complaint))


def can_view(user: User, complaint: Complaint) -> bool:
    return has_capability(user, complaint, Capability.VIEW)


def can_view_sensitive(user: User, complaint: Complaint) -> bool:
    return has_capability(user, complaint, Capability.VIEW_SENSITIVE)


def sensitive_sight(user: User) -> Callable[[Complaint], bool]:
    """can_view_sensitive for many complaints at once (an export): the user's roles and rungs
    are read here, once, so that each complaint is then decided in memory, with no query.
    The complaints need only the fields roles_on reads (unit_path, organisation_id,
    escalation_level, handler_id, received_by_id)."""
    role_paths(user)
    _ladder_sight(user)
    sensitive_roles = {
        role for role in Role if Capability.VIEW_SENSITIVE in capabilities_of({role})
    }
    return lambda complaint: bool(roles_on(user, complaint) & sensitive_roles)


def require_capability(user: User, complaint: Complaint, capability: str) -> None:
    if not can_view(user, complaint):
        raise NotFound(_("No such complaint."))
    if not has_capability(user, complaint, capability):
        raise NotPermitted(_("Your role does not allow this on this complaint."))


def may_edit_complainant(user: User, complaint: Complaint) -> bool:
    """Whoever may edit the complaint's record may correct its complainant's contacts."""
    return has_capability(user, complaint, Capability.EDIT_RECORD)


def may_change_complainant_tier(user: User, complaint: Complaint) -> bool:
    """A tier (VIP) changes how every future complaint of theirs is treated: a manager's call."""
    return bool(roles_on(user, complaint) & MANAGING_ROLES)


def may_perform(user: User, complaint: Complaint, action: str) -> bool:
    return bool(transition_for(action).roles & roles_on(user, complaint))


def available_transitions(user: User, complaint: Complaint) -> list[Transition]:
    """The moves this user may make now: what the detail page shows as buttons."""
    roles = roles_on(user, complaint)
    return [t for t in actions_from(complaint.status) if t.roles & roles]


def visible_complaints(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """Complaints the user may see, as one indexed filter (unit_path prefix, handler, receiver)."""
    queryset = Complaint.objects.all() if queryset is None else queryset
    viewing_roles = {role for role in Role if Capability.VIEW in capabilities_of({role})}
    scope = Q()
    any_scope = False
    for held in role_paths(user):
        if held.role in viewing_roles:
            scope |= subtree_q("unit_path", held.path)
            any_scope = True
    # The same personal ties as roles_on, organisation by organisation.
    for organisation_id in organisations_of(user):
        roles = {h.role for h in role_paths(user) if h.organisation_id == organisation_id}
        if roles & HANDLING_ROLES:
            scope |= Q(handler=user, organisation_id=organisation_id)
            any_scope = True
        if Role.RECEIVER in roles:
            scope |= Q(received_by=user, organisation_id=organisation_id)
            any_scope = True
    for organisation_id, _role, level in _ladder_sight(user):
        scope |= Q(organisation_id=organisation_id, escalation_level__gte=level)
        any_scope = True
    if not any_scope:
        return queryset.none()
    return queryset.filter(scope)


def require_register_in(user: User, unit: OrgUnit) -> None:
    if not any(
        unit.path.startswith(h.path)
        for h in role_paths(user)
        if Capability.REGISTER in capabilities_of({h.role})
    ):
        raise NotPermitted(_("You may not register complaints for this unit."))


def may_register(user: User) -> bool:
    """Whether the user may register complaints anywhere (from the roles already read for the
    request: no query of its own on a page that checked any permission)."""
    return any(Capability.REGISTER in capabilities_of({h.role}) for h in role_paths(user))


def registration_units(user: User) -> QuerySet:
    """The active units in which the user may register complaints: the subtrees of the units
    where they hold a role that registers (what the capture page offers)."""
    scope = Q()
    for held in role_paths(user):
        if Capability.REGISTER in capabilities_of({held.role}):
            scope |= subtree_q("path", held.path)
    if not scope:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(scope, is_active=True).select_related("organisation")
