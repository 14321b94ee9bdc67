"""A piece of work another department does for a complaint."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaintdesk.accounts.models import OrgUnit
from complaintdesk.complaints.models import Complaint


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("task status", "Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class HandlingTask(models.Model):
    """Asked by the complaint's handler (or a manager) of a unit and, where known, one person
    in it. Due at close of business on its due date where that unit works; the handler is
    warned once when it is late."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("complaint")
    )
    title = models.CharField(_("what is to be done"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handling_tasks",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    due_at = models.DateTimeField(_("due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("asked at"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # Set once, by whichever sweep claims it first: the handler is warned one time.
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_at", "id"]
        indexes = [
            # The owners' queue and the sweep: open tasks by due time.
            models.Index(fields=["status", "due_at"], name="task_status_due"),
            models.Index(fields=["owner", "status", "due_at"], name="task_owner_status_due"),
            models.Index(fields=["unit", "status", "due_at"], name="task_unit_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN
