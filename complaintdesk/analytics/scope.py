"""Which units' figures a user sees on the dashboards: the subtrees where they hold a role
that may see complaints, in one organisation at a time.

A dashboard counts the units a person oversees. The personal ties that put single complaints
in someone's queue (the handler's own case elsewhere, the board office's view of what was
escalated to it) are not a unit's figures, and are left out.
"""

from dataclasses import dataclass

from django.db.models import Q

from complaintdesk.accounts.models import PATH_SEGMENT_WIDTH, Organisation, OrgUnit, User, subtree_q
from complaintdesk.accounts.roles import Capability, capabilities_of
from complaintdesk.complaints.permissions import role_paths


@dataclass(frozen=True)
class Unit:
    pk: int
    code: str
    name: str
    path: str
    kind: str


@dataclass(frozen=True)
class DashboardScope:
    organisation: Organisation
    # The top units of the user's sight (none below another), and every unit in it.
    roots: list[Unit]
    units: list[Unit]
    whole_organisation: bool

    def unit_named(self, code: str) -> Unit | None:
        return next((unit for unit in self.units if unit.code == code), None)

    def subtree(self, root: Unit) -> list[Unit]:
        return [unit for unit in self.units if unit.path.startswith(root.path)]

    def groups_below(self, unit_code: str) -> tuple[list[Unit], list[Unit]]:
        """(the units looked at, the groups a chart by unit shows): the unit of that code, or
        the top of the viewer's sight; the groups are the units one level below a single one
        (each standing for its subtree), else the units looked at themselves."""
        chosen = self.unit_named(unit_code) if unit_code else None
        parents = [chosen] if chosen else self.roots
        if len(parents) != 1:
            return parents, parents
        depth = len(parents[0].path) + PATH_SEGMENT_WIDTH
        below = [u for u in self.subtree(parents[0]) if len(u.path) == depth]
        return parents, below or parents


def dashboard_organisations(user: User, roles: frozenset[str] | None = None) -> list[Organisation]:
    ids = {held.organisation_id for held in _viewing(user, roles)}
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def dashboard_scope(
    user: User, organisation_code: str = "", roles: frozenset[str] | None = None
) -> DashboardScope | None:
    """The user's sight in the organisation of that code (their first one when not given);
    None when they oversee nothing there. `roles`: only where they hold one of these (the
    people pages are for managers and quality reviewers)."""
    organisations = dashboard_organisations(user, roles)
    chosen = next((o for o in organisations if o.code == organisation_code), None)
    chosen = chosen or (organisations[0] if organisations else None)
    if chosen is None:
        return None
    paths = sorted({h.path for h in _viewing(user, roles) if h.organisation_id == chosen.pk})
    tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    sight = Q(pk__in=[])
    for path in tops:
        sight |= subtree_q("path", path)
    units = [
        Unit(*row)
        for row in OrgUnit.objects.filter(sight, organisation=chosen)
        .order_by("path")
        .values_list("pk", "code", "name", "path", "kind")
    ]
    return DashboardScope(
        organisation=chosen,
        roots=[unit for unit in units if unit.path in tops],
        units=units,
        whole_organisation=len(units) == OrgUnit.objects.filter(organisation=chosen).count(),
    )


def _viewing(user: User, roles: frozenset[str] | None = None):
    return [
        held
        for held in role_paths(user)
        if Capability.VIEW in capabilities_of({held.role}) and (roles is None or held.role in roles)
    ]
