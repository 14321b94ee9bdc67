from django.contrib import admin

from complaintdesk.core.admin import ReadOnlyAdmin

from .models import PerformanceDecision, Scorecard, ScorecardItem


class ScorecardItemInline(admin.TabularInline):
    model = ScorecardItem
    extra = 1
    fields = ("position", "code", "name_en", "name_zh_hans", "name_zh_hant", "weight",
              "guidance", "is_active")  # fmt: skip


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    inlines = [ScorecardItemInline]
    list_display = ("organisation", "created_at")


@admin.register(PerformanceDecision)
class PerformanceDecisionAdmin(ReadOnlyAdmin):
    """A record of what a manager decided: read here, never changed."""

    list_display = ("person", "period_start", "period_end", "decision", "decided_by", "decided_at")
    list_filter = ("decision", "organisation")
