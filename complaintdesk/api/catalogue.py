"""Read-only lists another system maps its own codes to: categories, root causes, units and
the staff (with their roles and units) of the organisations the token's user works in."""

from django.http import HttpRequest
from ninja import Router

from complaintdesk.accounts.models import OrgUnit, RoleAssignment
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Category, RootCause

from .schemas import CategoryOut, ErrorOut, UnitListOut, UserOut

router = Router(tags=["catalogue"])


def _organisations(request: HttpRequest) -> set[int]:
    return permissions.organisations_of(request.user)  # type: ignore[arg-type]


@router.get(
    "/categories",
    response={200: list[CategoryOut], 401: ErrorOut, 429: ErrorOut},
    url_name="categories",
)
def categories(request: HttpRequest):
    rows = Category.objects.filter(
        organisation_id__in=_organisations(request), is_active=True
    ).select_related("parent")
    return [
        {"code": c.code, "name": c.label, "parent": c.parent.code if c.parent else None}
        for c in rows.order_by("code")
    ]


@router.get(
    "/units", response={200: list[UnitListOut], 401: ErrorOut, 429: ErrorOut}, url_name="units"
)
def units(request: HttpRequest):
    rows = OrgUnit.objects.filter(
        organisation_id__in=_organisations(request), is_active=True
    ).select_related("parent")
    return [
        {
            "code": u.code,
            "name": u.name,
            "kind": u.kind,
            "parent": u.parent.code if u.parent else None,
        }
        for u in rows.order_by("path")
    ]


@router.get(
    "/root-causes",
    response={200: list[CategoryOut], 401: ErrorOut, 429: ErrorOut},
    url_name="root_causes",
)
def root_causes(request: HttpRequest):
    rows = RootCause.objects.filter(organisation_id__in=_organisations(request), is_active=True)
    return [{"code": r.code, "name": r.label, "parent": None} for r in rows.order_by("code")]


@router.get("/users", response={200: list[UserOut], 401: ErrorOut, 429: ErrorOut}, url_name="users")
def users(request: HttpRequest):
    """Active staff with their roles and units: whom a complaint can be assigned to by id.
    Names only, never contact details."""
    assignments = (
        RoleAssignment.objects.filter(
            unit__organisation_id__in=_organisations(request), user__is_active=True
        )
        .select_related("user", "unit")
        .order_by("user_id", "role")
    )
    people: dict[int, dict] = {}
    for held in assignments:
        person = people.setdefault(
            held.user_id, {"id": held.user_id, "name": str(held.user), "roles": []}
        )
        person["roles"].append({"role": held.role, "unit": held.unit.code})
    return list(people.values())
