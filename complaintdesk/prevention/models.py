"""A corrective or preventive action (CAPA): what is changed so that a cause of complaints
stops, who owns it and by when, the complaints and incidents behind it, and the review, after
a set period, of whether complaints of that kind fell."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation, OrgUnit
from complaintdesk.analytics.models import SpikeAlert
from complaintdesk.complaints.models import Category, Complaint, RootCause
from complaintdesk.incidents.models import Incident


class ActionKind(models.TextChoices):
    CORRECTIVE = "corrective", _("Corrective: put right what went wrong")
    PREVENTIVE = "preventive", _("Preventive: stop it happening again")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done, effect under review")
    EFFECTIVE = "effective", _("Effective")
    NOT_EFFECTIVE = "not_effective", _("Not effective")
    CANCELLED = "cancelled", _("Cancelled")


class CorrectiveAction(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    # The unit that owns the action: whose managers see and run it.
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ActionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what will be changed"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    due_date = models.DateField(_("due by"))
    status = models.CharField(
        _("status"), max_length=14, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    # What it is meant to reduce: complaints of this category, cause or site (any set).
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("category"),
    )  # fmt: skip
    root_cause = models.ForeignKey(
        RootCause, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("root cause"),
    )  # fmt: skip
    site = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("site"),
    )  # fmt: skip
    alert = models.ForeignKey(
        SpikeAlert, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions",
        verbose_name=_("raised by the alert"),
    )  # fmt: skip
    complaints = models.ManyToManyField(
        Complaint, blank=True, related_name="corrective_actions", verbose_name=_("complaints")
    )
    incidents = models.ManyToManyField(
        Incident, blank=True, related_name="corrective_actions", verbose_name=_("incidents")
    )
    review_after_days = models.PositiveSmallIntegerField(
        _("review its effect after (days)"), default=90
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    status_note = models.TextField(_("why"), blank=True)
    # The effectiveness review: complaints of its kind in as many days before and after.
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )  # fmt: skip
    count_before = models.PositiveIntegerField(_("complaints before"), null=True, blank=True)
    count_after = models.PositiveIntegerField(_("complaints after"), null=True, blank=True)
    review_note = models.TextField(_("review"), blank=True)

    class Meta:
        verbose_name = _("corrective or preventive action")
        verbose_name_plural = _("corrective and preventive actions")
        ordering = ["status", "due_date", "id"]
        indexes = [models.Index(fields=["organisation", "status", "due_date"], name="capa_due")]

    def __str__(self) -> str:
        return self.title
