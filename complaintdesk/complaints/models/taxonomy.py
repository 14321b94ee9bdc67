"""Per-organisation, editable code lists: complaint categories and root causes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.core.models import TranslatedName


class Category(TranslatedName):
    """A node of the category-code hierarchy (投诉分类编码), e.g. SVC > SVC-ATT."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="categories",
        verbose_name=_("organisation"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    code = models.CharField(_("code"), max_length=40)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["organisation", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="category_code_unique_in_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class RootCause(TranslatedName):
    """Why it happened: the code that prevention and root-cause analytics group on."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="root_causes",
        verbose_name=_("organisation"),
    )
    code = models.CharField(_("code"), max_length=40)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("root cause")
        verbose_name_plural = _("root causes")
        ordering = ["organisation", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="root_cause_code_unique_in_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"
