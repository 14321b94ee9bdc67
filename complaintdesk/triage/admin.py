from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from complaintdesk.core.admin import ReadOnlyAdmin

from .models import CategoryMapping, TriageLabel, TriageModel, TriageSuggestion


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


@admin.register(TriageModel)
class TriageModelAdmin(ReadOnlyAdmin):
    """Every model an organisation trained, with its scores and whether it is in use."""

    list_display = ("name", "organisation", "in_use", "trained_on", "held_out", "scores_shown")
    list_filter = ("organisation", "in_use")
    exclude = ("data",)

    @admin.display(description=_("scores on held-back labels (new / in use before)"))
    def scores_shown(self, model: TriageModel) -> str:
        scores = model.scores or {}
        mine, theirs = scores.get("candidate", {}), scores.get("incumbent", {})
        return "; ".join(f"{k} {mine[k]} / {theirs.get(k, '—')}" for k in sorted(mine))
