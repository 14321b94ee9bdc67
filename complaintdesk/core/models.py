"""Base pieces every app's models share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoHardDeleteQuerySet(models.QuerySet):
    """Records of complaints are evidence: the application never deletes them."""

    def delete(self):  # type: ignore[override]
        raise PermissionError("ComplaintDesk never hard-deletes records.")


class AppendOnlyQuerySet(NoHardDeleteQuerySet):
    """History rows (the timeline): written once, never rewritten, not even in bulk."""

    def update(self, **kwargs):  # type: ignore[override]
        raise PermissionError("These records are append-only.")

    def bulk_update(self, objs, fields, batch_size=None):  # type: ignore[override]
        raise PermissionError("These records are append-only.")


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class TranslatedName(models.Model):
    """Configuration rows (categories, root causes) that administrators name in all three
    languages; users see the name in the language they chose."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200, blank=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "en").lower()
        if language.startswith("zh-hans") or language in {"zh-cn", "zh-sg"}:
            return self.name_zh_hans or self.name_zh_hant or self.name_en
        if language.startswith("zh"):
            return self.name_zh_hant or self.name_zh_hans or self.name_en
        return self.name_en


class ThrottleWindow(models.Model):
    """How often one key (a client's address on one public page) was used in one fixed
    window. In the database rather than a process's memory, so that every web worker and
    every machine counts the same hits (core/throttle.py)."""

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="throttle_window_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.hits}"
