"""Read-only lists another system maps its own codes to: categories and units of the
organisations the token's user works in."""

from django.http import HttpRequest
from ninja import Router

from complaintdesk.accounts.models import OrgUnit
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Category

from .schemas import CategoryOut, ErrorOut, UnitListOut

router = Router(tags=["catalogue"])


def _organisations(request: HttpRequest) -> set[int]:
    return {held.organisation_id for held in permissions.role_paths(request.user)}  # type: ignore[arg-type]


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
