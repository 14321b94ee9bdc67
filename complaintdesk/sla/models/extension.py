"""A handler's request to extend a deadline by a step the policy gives to a higher role (the
bank's second extension needs the regional general manager): pending until a holder of that
role decides on the complaint page."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.models import Complaint

from .clock import ComplaintClock


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    # The clock was met, stopped or extended otherwise before anyone decided.
    LAPSED = "lapsed", _("No longer needed")


class ExtensionRequest(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="+")
    clock = models.ForeignKey(
        ComplaintClock, on_delete=models.PROTECT, related_name="extension_requests"
    )
    # The clock's extensions_used when asked: the decision applies only this step, so a
    # request overtaken by another extension lapses instead of skipping one.
    step = models.PositiveSmallIntegerField()
    amount_after = models.PositiveIntegerField(_("new total"))
    approval_role = models.CharField(_("approved by"), max_length=32, choices=Role.choices)
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExtensionStatus.choices,
        default=ExtensionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["requested_at", "id"]
        constraints = [
            # One question at a time per deadline: a second click asks nobody twice.
            models.UniqueConstraint(
                fields=["clock"],
                condition=Q(status="pending"),
                name="extension_request_one_pending",
            ),
        ]
        indexes = [
            # The "awaiting my approval" queue's look-up of what is pending for a role.
            models.Index(
                fields=["approval_role", "complaint"],
                condition=Q(status="pending"),
                name="extension_request_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clock.name} → {self.amount_after} ({self.get_status_display()})"
