"""What the workspace keeps for each person: their saved queue views."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedQueue(models.Model):
    """A queue as a person set it up (view, filters, order), under a name of theirs: one click
    brings it back. Kept as the page's own query string, so a view saved today opens the same
    page after the filters gain new options."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_queues",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=60)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved queue view")
        verbose_name_plural = _("saved queue views")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_queue_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
