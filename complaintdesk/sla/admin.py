"""Administrators edit policy packs, calendars and the ladder here; clocks are read-only.

The packs have no organisation: every organisation that picks one shares it, so only a
superuser edits them, and an organisation's administrators read them and choose theirs in
its time-standard settings."""

from django.contrib import admin

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin, OrganisationScopedInline
from complaintdesk.core.admin import ReadOnlyAdmin

from .models import (
    Calendar,
    CalendarDay,
    ClockExtension,
    ClockRule,
    ComplaintClock,
    EscalationLevel,
    LadderStartRule,
    OrganisationSla,
    Policy,
    SlaFiring,
    UnitCalendar,
)


class ClockRuleInline(OrganisationScopedInline, admin.StackedInline):
    model = ClockRule
    organisation_field = None  # a shared pack
    extra = 0
    fields = (
        ("name", "position"),
        ("name_en", "name_zh_hans", "name_zh_hant"),
        ("amount", "unit"),
        ("channels", "grades", "starts_at_level"),
        ("stops_on", "reply_channels", "pauses_when_awaiting", "repeats"),
        ("warnings", "on_breach"),
        "extensions",
    )


@admin.register(Policy)
class PolicyAdmin(OrganisationScopedAdmin):
    organisation_field = None  # shared by every organisation on the pack: read-only for theirs
    list_display = ("code", "name_en", "name_zh_hans", "name_zh_hant")
    search_fields = ("code", "name_en", "name_zh_hans", "name_zh_hant")
    inlines = [ClockRuleInline]


class CalendarDayInline(OrganisationScopedInline, admin.TabularInline):
    model = CalendarDay
    organisation_field = "calendar__organisation"
    extra = 1


@admin.register(Calendar)
class CalendarAdmin(OrganisationScopedAdmin):
    list_display = ("name", "organisation", "region", "time_zone", "opens", "closes")
    list_filter = ("organisation", "region")
    inlines = [CalendarDayInline]


@admin.register(UnitCalendar)
class UnitCalendarAdmin(OrganisationScopedAdmin):
    organisation_field = "unit__organisation"
    list_display = ("unit", "calendar")
    list_filter = ("calendar__organisation",)
    autocomplete_fields = ("unit",)


@admin.register(OrganisationSla)
class OrganisationSlaAdmin(OrganisationScopedAdmin):
    list_display = ("organisation", "policy", "calendar")


@admin.register(EscalationLevel)
class EscalationLevelAdmin(OrganisationScopedAdmin):
    list_display = ("organisation", "level", "role", "scope", "name_en")
    list_filter = ("organisation",)
    ordering = ("organisation", "level")


@admin.register(LadderStartRule)
class LadderStartRuleAdmin(OrganisationScopedAdmin):
    list_display = ("organisation", "grade", "risk_flag", "channel", "level")
    list_filter = ("organisation",)


@admin.register(ComplaintClock)
class ComplaintClockAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "name", "cycle", "state", "due_at", "breached_at")
    list_filter = ("state", "name")
    search_fields = ("complaint__reference",)
    list_select_related = ("complaint",)


@admin.register(ClockExtension)
class ClockExtensionAdmin(ReadOnlyAdmin):
    list_display = ("clock", "amount_before", "amount_after", "requested_by", "approved_by")


@admin.register(SlaFiring)
class SlaFiringAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "clock", "kind", "level", "fired_at")
    list_filter = ("kind",)
