"""The matrix is configuration, edited here; approval requests are records of decisions taken
through the services, so the admin only shows them."""

from django.contrib import admin

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin
from complaintdesk.core.admin import ReadOnlyAdmin

from .models import ApprovalRequest, AuthorityLimit


@admin.register(AuthorityLimit)
class AuthorityLimitAdmin(OrganisationScopedAdmin):
    list_display = ["organisation", "role", "remedy_type", "category", "max_amount"]
    list_filter = ["organisation", "role", "remedy_type"]
    list_select_related = ["organisation", "category"]
    autocomplete_fields = ["category"]


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(ReadOnlyAdmin):
    list_display = [
        "complaint",
        "proposal",
        "approver_role",
        "status",
        "requested_at",
        "due_at",
        "decided_by",
    ]
    list_filter = ["status", "approver_role"]
    list_select_related = ["complaint", "proposal", "decided_by"]
    search_fields = ["complaint__reference"]
