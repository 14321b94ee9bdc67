"""The complaint itself: intake record, classification, investigation finding, lifecycle state.

Fields a queue page filters or sorts on (status, unit_path, handler, received_at,
last_activity_at) are plain columns with composite indexes, so that a queue at a million rows
is an index range scan and never a computation per row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation, OrgUnit
from complaintdesk.core.models import NoHardDeleteQuerySet
from complaintdesk.customers.models import Complainant

from ..choices import (
    FINAL_STATUSES,
    Channel,
    ComplainantResponse,
    Grade,
    Language,
    Responsibility,
    RiskFlag,
    Status,
)
from .taxonomy import Category, RootCause


class ReferenceSequence(models.Model):
    """Last number handed out per (prefix, year). A row, not MAX(reference)+1, so that a number
    once given is never given again, even if its complaint were ever removed by hand."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="reference_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_value}"


class Complaint(models.Model):
    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    # No index of its own: cmp_org_status and cmp_org_sla begin with it. Each index is paid for
    # on every write, which an import of 100,000 complaints feels.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("organisation"),
        db_index=False,
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.RECEIVED
    )
    # Whether the status is final, kept by the database itself: the queue's "open" and "final"
    # are then one value each, which an index reads in date order (a list of statuses cannot
    # be, and sorting every finished complaint took seconds at a million).
    is_final = models.GeneratedField(
        expression=Q(status__in=sorted(FINAL_STATUSES)),  # type: ignore[arg-type]
        output_field=models.BooleanField(),
        db_persist=True,
    )

    # Intake (domain.md step 1-2).
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    # Empty when the complainant wrote in themselves (the public form, a mail): nobody took
    # it down, so nobody has to confirm a colleague's reply with them.
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_received",
        verbose_name=_("receiver"),
    )
    received_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="complaints_entered",
        verbose_name=_("entry point"),
        help_text=_("Where the complaint came in: a site desk, head office or the board office."),
    )
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("responsible unit (handling)"),
    )
    # Copy of unit.path: a scope check is one indexed range (subtree_q) with no join.
    unit_path = models.CharField(max_length=255, editable=False, default="")
    site = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_about_site",
        verbose_name=_("site concerned"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_handled",
        verbose_name=_("handler"),
        db_index=False,  # cmp_handler_status begins with it
    )
    complainant = models.ForeignKey(
        Complainant,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("complainant"),
        db_index=False,  # cmp_complainant begins with it
    )
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ZH_HANT
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what happened"))
    incident_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    incident_place = models.CharField(_("where it happened"), max_length=255, blank=True)
    persons_involved = models.CharField(_("who was involved"), max_length=255, blank=True)
    demand = models.TextField(_("demand"), blank=True)
    claimed_loss_amount = models.DecimalField(
        _("claimed loss"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    claimed_loss_currency = models.CharField(_("currency"), max_length=3, blank=True)
    claimed_loss_items = models.TextField(_("claimed loss (items)"), blank=True)
    evidence_description = models.TextField(_("evidence"), blank=True)

    # Screening (step 4).
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("category"),
    )
    grade = models.CharField(
        _("grade"), max_length=12, choices=Grade.choices, default=Grade.GENERAL
    )
    anger_score = models.PositiveSmallIntegerField(_("anger score"), null=True, blank=True)
    risk_media = models.BooleanField(RiskFlag.MEDIA.label, default=False)
    risk_regulator = models.BooleanField(RiskFlag.REGULATOR.label, default=False)
    risk_legal = models.BooleanField(RiskFlag.LEGAL.label, default=False)
    risk_safety = models.BooleanField(RiskFlag.SAFETY.label, default=False)
    risk_vip = models.BooleanField(RiskFlag.VIP.label, default=False)
    risk_repeat = models.BooleanField(RiskFlag.REPEAT.label, default=False)

    # Investigation finding (step 5).
    findings = models.TextField(_("findings"), blank=True)
    responsibility = models.CharField(
        _("responsibility"), max_length=16, choices=Responsibility.choices, blank=True
    )
    responsible_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_caused",
        verbose_name=_("responsible unit (cause)"),
    )
    responsible_person = models.CharField(_("responsible person"), max_length=150, blank=True)
    root_cause = models.ForeignKey(
        RootCause,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("root cause"),
    )

    # Agreement (step 8).
    complainant_response = models.CharField(
        _("complainant's response"),
        max_length=10,
        choices=ComplainantResponse.choices,
        blank=True,
        default=ComplainantResponse.PENDING,
    )
    complainant_response_at = models.DateTimeField(null=True, blank=True)

    # Lifecycle facts kept on the row so queues and reports need no timeline scan.
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    first_replied_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"))
    reopened_count = models.PositiveSmallIntegerField(default=0)
    # Time standards, summarised from the complaint's clocks by the sla app: the worst state
    # and the earliest open deadline, so that "overdue first" is an index scan.
    sla_state = models.CharField(_("time standard"), max_length=10, blank=True, default="")
    sla_due_at = models.DateTimeField(_("due"), null=True, blank=True)
    # Rung of the organisation's escalation ladder the complaint stands on (0 = handler).
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    status_reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it was withdrawn, rejected as out of scope, reopened or appealed."),
    )
    # The submission's own key (the public form's, a mail's Message-ID, an API idempotency
    # key): the same submission delivered twice finds the complaint it already made.
    intake_key = models.CharField(max_length=200, blank=True, default="", editable=False)
    # The sending system's own id for it (a call centre's ticket, a regulator's case number).
    external_id = models.CharField(_("external id"), max_length=100, blank=True, default="")
    # Secret from which the complainant's tracking code is derived (complaints/tracking.py);
    # a new key withdraws every code given out before.
    tracking_key = models.CharField(max_length=32, blank=True, default="", editable=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoHardDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "-received_at"], name="cmp_org_status"),
            models.Index(fields=["unit_path", "status"], name="cmp_scope_status"),
            models.Index(fields=["handler", "status", "-received_at"], name="cmp_handler_status"),
            models.Index(fields=["complainant", "-received_at"], name="cmp_complainant"),
            models.Index(fields=["-received_at", "-id"], name="cmp_received"),
            models.Index(fields=["status", "-last_activity_at"], name="cmp_status_activity"),
            models.Index(fields=["organisation", "sla_state", "sla_due_at"], name="cmp_org_sla"),
            models.Index(fields=["unit_path", "sla_due_at"], name="cmp_scope_due"),
            # The queue's other two orders (complaints/keyset.py): latest activity, and the
            # earliest live deadline, the only rows that order reads by date.
            models.Index(fields=["-last_activity_at", "-id"], name="cmp_activity"),
            # Views whose complaints cluster in time, so that the newest rows hold few of
            # them: overdue and paused (by deadline state), mine and unassigned (by handler).
            models.Index(fields=["sla_state", "-received_at", "-id"], name="cmp_sla_received"),
            models.Index(fields=["handler", "-received_at", "-id"], name="cmp_handler_received"),
            models.Index(fields=["unit", "-received_at", "-id"], name="cmp_unit_received"),
            # A status, or the open or the final ones, newest first.
            models.Index(fields=["status", "-received_at", "-id"], name="cmp_status_received"),
            models.Index(fields=["is_final", "-received_at", "-id"], name="cmp_final_received"),
            models.Index(
                fields=["is_final", "sla_due_at", "id"],
                condition=Q(sla_due_at__isnull=False),
                name="cmp_final_due",
            ),
            models.Index(
                fields=["sla_due_at", "id"],
                condition=Q(sla_due_at__isnull=False),
                name="cmp_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~Q(external_id=""),
                name="complaint_external_id_unique",
            ),
            models.UniqueConstraint(
                fields=["organisation", "intake_key"],
                condition=~Q(intake_key=""),
                name="complaint_intake_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(anger_score__isnull=True) | Q(anger_score__gte=1, anger_score__lte=5),
                name="complaint_anger_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if self.unit_id and (update_fields is None or "unit" in update_fields):
            self.unit_path = self.unit.path
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "unit_path"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", kwargs={"reference": self.reference})

    def delete(self, *args, **kwargs):
        raise PermissionError("ComplaintDesk never hard-deletes a complaint.")

    @property
    def risk_flags(self) -> list[str]:
        return [flag for flag in RiskFlag if getattr(self, f"risk_{flag.value}")]
