"""Organisation administrators write their own letter templates here, and see each one
filled in with example values before any complainant receives it. Letters as sent are read
only, for superusers."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaintdesk.accounts.admin_scope import OrganisationScopedAdmin
from complaintdesk.core.admin import ReadOnlyAdmin

from .defaults import default_wording
from .models import Letter, LetterTemplate
from .placeholders import VARIABLES, fill


def _examples() -> dict[str, str]:
    return {name: f"[{meaning}]" for name, meaning in VARIABLES.items()}


@admin.register(LetterTemplate)
class LetterTemplateAdmin(OrganisationScopedAdmin):
    organisation_field = "organisation"
    list_display = ["kind", "language", "subject", "organisation"]
    list_filter = ["organisation", "kind", "language"]
    readonly_fields = ["variables", "preview", "product_default"]
    fields = [
        "organisation",
        "kind",
        "language",
        "subject",
        "body",
        "variables",
        "preview",
        "product_default",
    ]

    @admin.display(description=gettext_lazy("Variables"))
    def variables(self, obj: LetterTemplate) -> str:
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><code>{{{{ {} }}}}</code>: {}</li>", VARIABLES.items()),
        )

    @admin.display(description=gettext_lazy("Preview with example values"))
    def preview(self, obj: LetterTemplate) -> str:
        if not obj.pk:
            return _("Saved templates are previewed here.")
        examples = _examples()
        return format_html(
            "<strong>{}</strong><pre>{}</pre>",
            fill(obj.subject, examples),
            fill(obj.body, examples),
        )

    @admin.display(description=gettext_lazy("The product's wording (used while there is none)"))
    def product_default(self, obj: LetterTemplate) -> str:
        if not obj.kind or not obj.language:
            return ""
        subject, body = default_wording(obj.kind, obj.language)
        return format_html("<strong>{}</strong><pre>{}</pre>", subject, body)


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "kind", "channel", "recipient", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "channel"]
    search_fields = ["complaint__reference", "recipient", "subject"]
