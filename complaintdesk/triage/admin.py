from django.contrib import admin

from complaintdesk.core.admin import ReadOnlyAdmin

from .models import CategoryMapping, TriageLabel, TriageSuggestion


@admin.register(CategoryMapping)
class CategoryMappingAdmin(admin.ModelAdmin):
    list_display = ("organisation", "code", "category")
    list_filter = ("organisation",)
    autocomplete_fields = ("category",)


@admin.register(TriageSuggestion)
class TriageSuggestionAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "category", "anger", "grade", "is_complaint", "model", "made_at")
    list_filter = ("model", "category", "grade")
    raw_id_fields = ("complaint",)


@admin.register(TriageLabel)
class TriageLabelAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "field", "suggested", "chosen", "by", "at")
    list_filter = ("organisation", "field")
    raw_id_fields = ("complaint",)
