"""How an organisation takes complaints in without a person at the desk: its public form."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation, OrgUnit


class PublicForm(models.Model):
    """The organisation's page at /submit/: whether it is open, where what arrives is handled,
    which of its sites a complainant may name, and the privacy notice shown above the button."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="public_form",
        verbose_name=_("organisation"),
    )
    is_open = models.BooleanField(_("open to the public"), default=True)
    intake_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit that receives the form's complaints"),
    )
    sites = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="+",
        verbose_name=_("sites the complainant may choose"),
        help_text=_("Empty: the form asks for no site."),
    )
    privacy_notice_en = models.TextField(_("privacy notice (English)"), blank=True)
    privacy_notice_zh_hans = models.TextField(_("privacy notice (Simplified Chinese)"), blank=True)
    privacy_notice_zh_hant = models.TextField(_("privacy notice (Traditional Chinese)"), blank=True)

    class Meta:
        verbose_name = _("public complaint form")
        verbose_name_plural = _("public complaint forms")

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        if self.intake_unit_id and self.intake_unit.organisation_id != self.organisation_id:
            raise ValidationError({"intake_unit": _("Choose a unit of the same organisation.")})

    def privacy_notice(self, language: str) -> str:
        """The notice in `language`, else in another of the three (an empty notice is the
        product's own default, chosen by the page)."""
        by_language = {
            "zh-hans": self.privacy_notice_zh_hans,
            "zh-hant": self.privacy_notice_zh_hant,
            "en": self.privacy_notice_en,
        }
        first = by_language.pop(language, "")
        return first or next((text for text in by_language.values() if text), "")
