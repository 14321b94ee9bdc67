"""The organisation, its units, its people and their roles. Organisation administrators keep
their own organisation here (`admin_scope`); only superusers create organisations, make
superusers or staff, or hand out Django permissions and groups."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .admin_access import staff_status_follow_role
from .admin_scope import OrganisationScopedAdmin, OrganisationScopedInline, admin_scope
from .models import Organisation, OrgUnit, RoleAssignment, User
from .selectors import administrators_among, user_organisations

# Fields that hand out power beyond an organisation: shown to superusers only.
PRIVILEGE_FIELDS = frozenset({"is_staff", "is_superuser", "groups", "user_permissions"})


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_field = "pk"
    # An organisation's administrators keep its settings; creating and removing tenants is the
    # operator's (a superuser's) job.
    org_admin_permissions = ("view", "change")
    list_display = ["name", "code", "reference_prefix", "time_zone", "currency"]
    search_fields = ["name", "code"]


class OrgUnitForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        # OrgUnit.save refuses a parent in another organisation with a ValueError; say so on
        # the form instead of failing the request.
        cleaned = super().clean() or {}
        parent, organisation = cleaned.get("parent"), cleaned.get("organisation")
        if (
            parent is not None
            and organisation is not None
            and parent.organisation_id != organisation.pk
        ):
            self.add_error("parent", _("Choose a unit of the same organisation."))
        return cleaned


@admin.register(OrgUnit)
class OrgUnitAdmin(OrganisationScopedAdmin):
    form = OrgUnitForm
    list_display = ["name", "code", "kind", "parent", "organisation", "is_active"]
    list_filter = ["organisation", "kind", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    ordering = ["organisation", "path"]


class RoleAssignmentInline(OrganisationScopedInline, admin.TabularInline):
    model = RoleAssignment
    organisation_field = "unit__organisation"
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(OrganisationScopedAdmin, DjangoUserAdmin):
    # A person belongs to their home unit's organisation and to those they hold roles in.
    organisation_field = ("home_unit__organisation", "role_assignments__unit__organisation")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Organisation"),
            {"fields": ("display_name", "home_unit", "phone", "preferred_language")},
        ),
    )
    # The home unit is asked for at once: an organisation administrator's new person must
    # belong to their organisation from the first save, or they could not open it again.
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        (_("Organisation"), {"fields": ("display_name", "home_unit")}),
    )
    list_display = ["username", "display_name", "home_unit", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["username", "display_name", "email"]
    autocomplete_fields = ["home_unit"]
    inlines = [RoleAssignmentInline]

    def scoped_queryset(self, queryset, scope):
        # A superuser's account is no organisation's to edit (its password is everyone's keys).
        return super().scoped_queryset(queryset, scope).exclude(is_superuser=True)

    def _org_admin_may(self, request: HttpRequest, action: str, obj: Any) -> bool:
        """Someone who also works for another organisation may be seen but not changed: their
        password, name or deletion would reach into that organisation too."""
        if not super()._org_admin_may(request, action, obj):
            return False
        if obj is None or action == "view":
            return True
        scope = admin_scope(request) or frozenset()
        return user_organisations([obj.pk])[obj.pk] <= scope

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f not in PRIVILEGE_FIELDS]},
            )
            for name, options in fieldsets
        ]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        if admin_scope(request) is not None and "home_unit" in form.base_fields:
            form.base_fields["home_unit"].required = True
        return form

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        user = form.instance
        before = administrators_among([user.pk])
        super().save_related(request, form, formsets, change)
        staff_status_follow_role([user.pk], administrators_before=before)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(OrganisationScopedAdmin):
    organisation_field = "unit__organisation"
    list_display = ["user", "role", "unit"]
    list_filter = ["role", "unit__organisation"]
    search_fields = ["user__username", "user__display_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The person gaining the row, and the one losing it if it moved to someone else.
        people = {obj.user_id}
        if change:
            people |= set(
                RoleAssignment.objects.filter(pk=obj.pk).values_list("user_id", flat=True)
            )
        before = administrators_among(people)
        super().save_model(request, obj, form, change)
        staff_status_follow_role(people, administrators_before=before)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before = administrators_among([obj.user_id])
        super().delete_model(request, obj)
        staff_status_follow_role([obj.user_id], administrators_before=before)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        people = set(queryset.values_list("user_id", flat=True))
        before = administrators_among(people)
        super().delete_queryset(request, queryset)
        staff_status_follow_role(people, administrators_before=before)
