"""The timeline: one append-only row per thing that happened to a complaint."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.core.models import AppendOnlyQuerySet

from ..choices import EventKind, Visibility
from .complaint import Complaint


class ComplaintEvent(models.Model):
    # No index of its own: event_timeline begins with it.
    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    # The action of the transitions table for lifecycle moves, so the timeline names them.
    action = models.CharField(_("action"), max_length=32, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"))
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    status_before = models.CharField(max_length=24, blank=True)
    status_after = models.CharField(max_length=24, blank=True)
    text = models.TextField(_("text"), blank=True)
    # [{"field": ..., "before": ..., "after": ...}] for record changes; other facts by kind.
    changes = models.JSONField(default=list, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["complaint", "created_at", "id"], name="event_timeline")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("Timeline events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Timeline events are append-only.")
