"""Admin for the configuration tables. Complaints themselves are handled in the application,
through services; the admin shows them read-only and never deletes."""

from django.contrib import admin

from complaintdesk.core.admin import ReadOnlyAdmin

from .models import Category, Complaint, RootCause


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
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
class RootCauseAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh_hans", "name_zh_hant", "organisation", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["code", "name_en", "name_zh_hans", "name_zh_hant"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["reference", "subject", "status", "grade", "unit", "received_at"]
    list_filter = ["organisation", "status", "grade", "channel"]
    search_fields = ["reference", "subject"]
