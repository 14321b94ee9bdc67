"""Admin for the configuration tables. Complaints themselves are handled in the application,
through services; the admin shows them read-only and never deletes. Organisation
administrators keep their own organisation's categories and root causes (`admin_scope`) and
are not shown complaints here: they work them in the application, within their roles."""

from django.contrib import admin

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin
from complaintdesk.core.admin import ReadOnlyAdmin

from .models import Category, Complaint, RootCause


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


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["reference", "subject", "status", "grade", "unit", "received_at"]
    list_filter = ["organisation", "status", "grade", "channel"]
    search_fields = ["reference", "subject"]
