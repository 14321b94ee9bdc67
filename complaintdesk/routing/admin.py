"""Administrators keep the assignment rules and the absences here; routing reads them live."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin

from .models import Absence, AssignmentRule


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(OrganisationScopedAdmin):
    list_display = [
        "priority",
        "name",
        "conditions",
        "pool_unit",
        "pool_role",
        "strategy",
        "is_active",
        "organisation",
    ]
    list_display_links = ["name"]
    list_filter = ["organisation", "is_active", "strategy"]
    search_fields = ["name"]
    ordering = ["organisation", "priority", "id"]
    autocomplete_fields = ["category", "unit", "pool_unit"]
    readonly_fields = ["last_assigned"]
    list_select_related = ["organisation", "category", "unit", "pool_unit"]
    fieldsets = [
        (None, {"fields": ["organisation", "priority", "name", "is_active"]}),
        (
            _("Applies to complaints with (blank: any)"),
            {"fields": ["category", "unit", "grade", "language", "channel"]},
        ),
        (
            _("Handled by"),
            {"fields": ["pool_unit", "pool_role", "strategy", "last_assigned"]},
        ),
    ]

    @admin.display(description=_("conditions"))
    def conditions(self, rule: AssignmentRule) -> str:
        parts = []
        for field in rule.set_conditions():
            display = getattr(rule, f"get_{field}_display", None)
            parts.append(str(display() if display else getattr(rule, field)))
        return " · ".join(parts) or str(_("any complaint"))


@admin.register(Absence)
class AbsenceAdmin(OrganisationScopedAdmin):
    # An absence belongs wherever its person works.
    organisation_field = (
        "user__home_unit__organisation",
        "user__role_assignments__unit__organisation",
    )
    list_display = ["user", "starts_at", "ends_at", "reason"]
    list_filter = ["starts_at"]
    search_fields = ["user__username", "user__display_name", "reason"]
    autocomplete_fields = ["user"]
    date_hierarchy = "starts_at"
    list_select_related = ["user"]
