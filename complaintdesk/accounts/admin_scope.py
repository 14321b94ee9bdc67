"""Organisation administrators in the Django admin: each sees and edits what belongs to the
organisations they administer, and nothing of any other.

An organisation administrator is whoever holds the administrator role at a unit of it
(`selectors.organisations_administered`); the role, not Django's model permissions, is what
grants them the admin pages. Three kinds of user, three answers:

- superusers: Django's own behaviour, everything;
- organisation administrators: every admin built on `OrganisationScopedAdmin` shows them only
  their organisations' rows, offers only their organisations' rows in foreign-key choices and
  autocompletes, refuses another organisation's row as if it did not exist, and lets them
  change what `org_admin_permissions` allows; every other admin stays closed to them (they
  hold no Django model permissions), so complaints, clocks and notifications remain hidden;
- anyone else with `is_staff`: Django's model permissions, as before.

Getting past the admin's own door needs `is_staff` (the site's `has_permission` and its login
form both check it); `admin_access` keeps that flag in step with the administrator role.

Every organisation-scoped model says how it reaches its organisation in `organisation_field`:
one lookup path ("organisation", "unit__organisation") or several that are OR'd (a person
belongs to their home unit's organisation and to those of the units they hold roles at);
`None` marks a table shared by every organisation (the policy packs), which an organisation
administrator may read but not change.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import HttpRequest

from .models import Organisation
from .selectors import organisations_administered

OrganisationPaths = str | tuple[str, ...] | None

_SCOPE_CACHE = "_admin_organisation_scope"
_OBJECT_CACHE = "_admin_objects_in_scope"


def admin_scope(request: HttpRequest) -> frozenset[int] | None:
    """The organisations this request's admin pages are limited to, or None when they are not
    limited: superusers see everything, and staff who administer no organisation keep Django's
    model permissions. Kept on the request: every admin on the index page asks."""
    if _SCOPE_CACHE in request.__dict__:
        cached: frozenset[int] | None = request.__dict__[_SCOPE_CACHE]
        return cached
    user = request.user
    scope: frozenset[int] | None = None
    if not user.is_superuser:
        scope = frozenset(organisations_administered(user)) or None
    setattr(request, _SCOPE_CACHE, scope)
    return scope


def _paths(organisation_field: OrganisationPaths) -> tuple[str, ...]:
    if organisation_field is None:
        return ()
    if isinstance(organisation_field, str):
        return (organisation_field,)
    return organisation_field


def scope_queryset(
    queryset: models.QuerySet, organisation_field: OrganisationPaths, scope: frozenset[int]
) -> models.QuerySet:
    """`queryset` limited to rows of the organisations in `scope` (a shared table: unlimited)."""
    paths = _paths(organisation_field)
    if not paths:
        return queryset
    condition = models.Q()
    for path in paths:
        condition |= models.Q(**{f"{path}__in": scope})
    if len(paths) == 1 and "__" not in paths[0]:
        return queryset.filter(condition)
    # Paths through other tables may cross a to-many relation (a person's role assignments):
    # filtering by a subquery of ids keeps each row once, without DISTINCT on the page query.
    matching = queryset.model._default_manager.filter(condition).values("pk")
    return queryset.filter(pk__in=matching)


class _OrganisationScope:
    """What a scoped admin and a scoped inline share: the row filter and the choices."""

    organisation_field: OrganisationPaths = "organisation"
    admin_site: admin.AdminSite

    def scoped_queryset(self, queryset: models.QuerySet, scope: frozenset[int]) -> models.QuerySet:
        """Hook for admins whose scope is more than a lookup (people exclude superusers)."""
        return scope_queryset(queryset, self.organisation_field, scope)

    def scoped_foreignkey_kwargs(
        self, db_field: models.ForeignKey, request: HttpRequest, kwargs: dict[str, Any]
    ) -> dict[str, Any]:
        """Offer only what the related model's own admin would show this user, so a choice
        can never name another organisation's unit, category, calendar or person; the same
        queryset validates what is posted. Autocomplete widgets ask that admin directly."""
        scope = admin_scope(request)
        if scope is None or "queryset" in kwargs:
            return kwargs
        related = db_field.remote_field.model
        if self.admin_site.is_registered(related):
            related_admin = self.admin_site.get_model_admin(related)
            if isinstance(related_admin, OrganisationScopedAdmin):
                kwargs["queryset"] = related_admin.get_queryset(request)
        if related is Organisation and len(scope) == 1:
            (kwargs["initial"],) = scope
        return kwargs


class OrganisationScopedAdmin(_OrganisationScope, admin.ModelAdmin):
    """A ModelAdmin that organisation administrators may use for their own organisations.

    Set `organisation_field` to the lookup from the model to its organisation, and narrow
    `org_admin_permissions` where an organisation administrator may do less than a superuser.
    """

    org_admin_permissions: tuple[str, ...] = ("view", "add", "change", "delete")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        queryset = super().get_queryset(request)
        scope = admin_scope(request)
        return queryset if scope is None else self.scoped_queryset(queryset, scope)

    def in_scope(self, request: HttpRequest, obj: models.Model) -> bool:
        """Whether `obj` is one of the rows this user's pages show (asked once per row)."""
        cache: dict[tuple[str, Any], bool] = request.__dict__.setdefault(_OBJECT_CACHE, {})
        key = (obj._meta.label, obj.pk)
        if key not in cache:
            cache[key] = (
                obj.pk is not None and self.get_queryset(request).filter(pk=obj.pk).exists()
            )
        return cache[key]

    def _org_admin_may(self, request: HttpRequest, action: str, obj: models.Model | None) -> bool:
        allowed = action in self.org_admin_permissions
        if action != "view" and self.organisation_field is None:
            allowed = False  # a shared table: one organisation must not change the others'
        return allowed and (obj is None or self.in_scope(request, obj))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return admin_scope(request) is not None or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if admin_scope(request) is None:
            return super().has_view_permission(request, obj)
        return self._org_admin_may(request, "view", obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        if admin_scope(request) is None:
            return super().has_add_permission(request)
        return self._org_admin_may(request, "add", None)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if admin_scope(request) is None:
            return super().has_change_permission(request, obj)
        return self._org_admin_may(request, "change", obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if admin_scope(request) is None:
            return super().has_delete_permission(request, obj)
        return self._org_admin_may(request, "delete", obj)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Any:
        kwargs = self.scoped_foreignkey_kwargs(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_filter(self, request: HttpRequest) -> Any:
        """A filter on a related row lists every row of that table, other organisations'
        names included; for an organisation administrator it lists only the values their own
        rows use."""
        filters = super().get_list_filter(request)
        if admin_scope(request) is None:
            return filters
        return [self._related_only(entry) for entry in filters]

    def _related_only(self, entry: Any) -> Any:
        if not isinstance(entry, str):
            return entry
        try:
            field = get_fields_from_path(self.model, entry)[-1]
        except FieldDoesNotExist:
            return entry
        return (entry, admin.RelatedOnlyFieldListFilter) if field.is_relation else entry

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """The choices already keep a row in the user's organisations; this is the backstop:
        a row that would leave them is refused, and the admin's transaction undoes the save."""
        super().save_model(request, obj, form, change)
        if admin_scope(request) is not None:
            request.__dict__.get(_OBJECT_CACHE, {}).pop((obj._meta.label, obj.pk), None)
            if not self.in_scope(request, obj):
                raise PermissionDenied


class OrganisationScopedInline(_OrganisationScope, InlineModelAdmin):
    """An inline on a scoped admin: its rows and choices are limited like the admin's, and an
    organisation administrator may edit them exactly when they may edit the parent row.
    Combine with TabularInline or StackedInline (this class first)."""

    def _parent_admin(self) -> admin.ModelAdmin:
        return self.admin_site.get_model_admin(self.parent_model)

    def _may_edit_parent(self, request: HttpRequest, obj: Any) -> bool:
        return self.organisation_field is not None and self._parent_admin().has_change_permission(
            request, obj
        )

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        queryset = super().get_queryset(request)
        scope = admin_scope(request)
        return queryset if scope is None else self.scoped_queryset(queryset, scope)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if admin_scope(request) is None:
            return super().has_view_permission(request, obj)
        return self._parent_admin().has_view_permission(request, obj)

    # Django's inlines take the parent row here; django-stubs types the ModelAdmin signature.
    def has_add_permission(self, request: HttpRequest, obj: Any) -> bool:  # type: ignore[override]
        if admin_scope(request) is None:
            return super().has_add_permission(request, obj)
        return self._may_edit_parent(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if admin_scope(request) is None:
            return super().has_change_permission(request, obj)
        return self._may_edit_parent(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if admin_scope(request) is None:
            return super().has_delete_permission(request, obj)
        return self._may_edit_parent(request, obj)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Any:
        kwargs = self.scoped_foreignkey_kwargs(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
