"""The authority matrix (which remedies a role may offer, up to how much) and the approval
requests raised when a proposal goes beyond it (domain.md step 6)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import RemedyType
from complaintdesk.complaints.models import Category, Complaint, Proposal

from . import wording


class AuthorityLimit(models.Model):
    """One permission of the matrix: this role may offer this remedy, up to this amount.

    What no row allows is not allowed, but only once an organisation has rows at all: with
    none, the matrix is off and every handler may offer anything.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="authority_limits",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authority_limits",
        verbose_name=_("category"),
        help_text=_(
            "Empty: any category. A row for a category (or one of its parents) wins over the "
            "row for any category."
        ),
    )
    remedy_type = models.CharField(_("remedy"), max_length=16, choices=RemedyType.choices)
    max_amount = models.DecimalField(
        _("maximum amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("In the organisation's currency. Empty: no monetary ceiling."),
    )

    class Meta:
        verbose_name = _("authority limit")
        verbose_name_plural = _("authority limits")
        ordering = ["organisation", "role", "remedy_type", "category"]
        constraints = [
            # NULLs are distinct in a unique index, so "any category" needs its own constraint.
            models.UniqueConstraint(
                fields=["organisation", "role", "category", "remedy_type"],
                condition=Q(category__isnull=False),
                name="authority_limit_unique_per_category",
            ),
            models.UniqueConstraint(
                fields=["organisation", "role", "remedy_type"],
                condition=Q(category__isnull=True),
                name="authority_limit_unique_any_category",
            ),
            models.CheckConstraint(
                condition=Q(max_amount__isnull=True) | Q(max_amount__gte=0),
                name="authority_limit_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        ceiling = self.max_amount if self.max_amount is not None else "∞"
        return f"{self.get_role_display()} · {self.get_remedy_type_display()} ≤ {ceiling}"

    def clean(self) -> None:
        if (
            self.category_id is not None
            and self.organisation_id is not None
            and (category := self.category) is not None
            and category.organisation_id != self.organisation_id
        ):
            raise ValidationError({"category": _("The category belongs to another organisation.")})


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ApprovalRequest(models.Model):
    """A proposal beyond its proposer's authority, waiting for (or given) the next level's word.

    It has its own clock (`due_at`), separate from the complaint's time standards, so that a
    sweep can find approvers who let a complainant wait.
    """

    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        related_name="approval_requests",
        verbose_name=_("complaint"),
    )
    proposal = models.OneToOneField(
        Proposal,
        on_delete=models.PROTECT,
        related_name="approval_request",
        verbose_name=_("proposal"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    approver_role = models.CharField(_("approver"), max_length=30, choices=Role.choices)
    # Which limit the proposal goes beyond, as facts (the sentence is written when read): the
    # remedy is not the proposer's to offer at all, or its amount is above `proposer_limit`.
    proposer_covers_remedy = models.BooleanField(_("remedy within the proposer's authority"))
    proposer_limit = models.DecimalField(
        _("proposer's limit"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    due_at = models.DateTimeField(_("decision due"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    # Set once, by whichever sweep claims it first: the overdue reminder goes out one time.
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["requested_at", "id"]
        indexes = [
            models.Index(fields=["complaint", "status"], name="approval_complaint_status"),
            # The sweep for overdue requests: pending ones by due time.
            models.Index(fields=["status", "due_at"], name="approval_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.get_approver_role_display()} · {self.get_status_display()}"

    @property
    def reason_needed(self) -> str:
        """Why approval is needed, in the current language."""
        return wording.shortfall(self)
