"""An organisation's thresholds for recurring-issue alerts are configuration, edited here;
the alerts and the read receipts are records, only shown."""

from django.contrib import admin

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin
from complaintdesk.core.admin import ReadOnlyAdmin

from .models import ExecutiveRead, SpikeAlert, SpikeSettings


@admin.register(SpikeSettings)
class SpikeSettingsAdmin(OrganisationScopedAdmin):
    list_display = ["organisation", "history_weeks", "p_value", "min_count", "min_ratio"]
    readonly_fields = ["last_week_checked"]


@admin.register(SpikeAlert)
class SpikeAlertAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "dimension", "key_id", "week_start", "observed", "baseline"]
    list_filter = ["organisation", "dimension"]


@admin.register(ExecutiveRead)
class ExecutiveReadAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "reader", "read_at"]
    list_select_related = ["complaint", "reader"]
    search_fields = ["complaint__reference"]
