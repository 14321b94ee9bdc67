"""Admin for the configuration tables. Complaints themselves are handled in the application,
through services; the admin shows them read-only and never deletes. Organisation
administrators keep their own organisation's categories and root causes (`admin_scope`) and
are not shown complaints here: they work them in the application, within their roles."""

from django.contrib import admin

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin, admin_scope
from complaintdesk.accounts.models import OrgUnit, UnitKind
from complaintdesk.core.admin import ReadOnlyAdmin

from .models import Category, Complaint, PublicForm, RootCause


@admin.register(Category)
class CategoryAdmin(OrganisationScopedAdmin):
    list_display = [
        "code",
        "name_en",
        "name_zh_hans",
        "name_zh_hant",
        "parent",
        "organisation",
        "is_active",
    ]
    list_filter = ["organisation", "is_active"]
    search_fields = ["code", "name_en", "name_zh_hans", "name_zh_hant"]
    autocomplete_fields = ["parent"]


@admin.register(RootCause)
class RootCauseAdmin(OrganisationScopedAdmin):
    list_display = ["code", "name_en", "name_zh_hans", "name_zh_hant", "organisation", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["code", "name_en", "name_zh_hans", "name_zh_hant"]


@admin.register(PublicForm)
class PublicFormAdmin(OrganisationScopedAdmin):
    """The organisation's page at /submit/: open or not, where its complaints land, which
    sites a complainant may name and the privacy notice in each language."""

    organisation_field = "organisation"
    list_display = ["organisation", "is_open", "intake_unit"]
    filter_horizontal = ["sites"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "sites":
            sites = OrgUnit.objects.filter(kind=UnitKind.SITE, is_active=True)
            scope = admin_scope(request)
            kwargs["queryset"] = sites if scope is None else sites.filter(organisation__in=scope)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["reference", "subject", "status", "grade", "unit", "received_at"]
    list_filter = ["organisation", "status", "grade", "channel"]
    search_fields = ["reference", "subject"]
