from django.contrib import admin

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin

from .models import CorrectiveAction


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(OrganisationScopedAdmin):
    """Run from its own pages; shown here to find and correct one."""

    list_display = ["title", "organisation", "unit", "owner", "status", "due_date"]
    list_filter = ["organisation", "status", "kind"]
    search_fields = ["title"]
    raw_id_fields = ["complaints", "incidents", "alert"]
