"""In-app notifications; the same rows drive the e-mail copy, so nobody is told twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .messages import message_render


class NotificationKind(models.TextChoices):
    CLOCK_WARNING = "clock_warning", _("Time standard warning")
    PROGRESS_TASK = "progress_task", _("Progress update due")
    ESCALATED = "escalated", _("Escalated")
    APPROVAL_REQUESTED = "approval_requested", _("Approval requested")
    APPROVAL_DECIDED = "approval_decided", _("Approval decided")
    APPROVAL_OVERDUE = "approval_overdue", _("Approval decision overdue")
    CONFIRM_RECEIPT = "confirm_receipt", _("Confirm the reply reached the complainant")
    COMPLAINANT_WROTE = "complainant_wrote", _("The complainant wrote")
    LETTER_FAILED = "letter_failed", _("A mail to the complainant could not be delivered")
    WEBHOOK_PAUSED = "webhook_paused", _("A webhook subscription was paused")
    ASSIGNED = "assigned", _("A complaint was given to you")
    TASK_ASKED = "task_asked", _("A task for your department")
    TASK_DONE = "task_done", _("A task was done")
    TASK_OVERDUE = "task_overdue", _("A task is overdue")
    EXTENSION_REQUESTED = "extension_requested", _("An extension of a deadline to decide")
    EXTENSION_DECIDED = "extension_decided", _("An extension of a deadline was decided")
    RECURRING_ISSUE = "recurring_issue", _("Complaints rose against their history")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NotificationKind.choices)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("complaint"),
    )
    # What the message says, as codes and ids: rendered in the reader's language (messages.py).
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="ntf_inbox"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def subject(self) -> str:
        """The subject line in the current language."""
        return message_render(self)[0]

    @property
    def body(self) -> str:
        return message_render(self)[1]
