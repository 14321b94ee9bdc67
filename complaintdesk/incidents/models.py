"""An incident: one cause, many complaints, one owner, one answer in each language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.choices import RemedyType, ReplyChannel, Responsibility
from complaintdesk.complaints.models import Complaint, RootCause


class IncidentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("incident status", "Open")
    RESOLVED = "resolved", _("Resolved")


class Incident(models.Model):
    """What was found once and is applied to every linked complaint by a run: the findings,
    the responsibility and root cause, the remedy, and the reply in each language."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happened"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("owner"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    # Handled once, applied to each complaint by a run.
    findings = models.TextField(_("findings"), blank=True)
    responsibility = models.CharField(
        _("responsibility"), max_length=20, choices=Responsibility.choices, blank=True
    )
    root_cause = models.ForeignKey(
        RootCause, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("root cause"),
    )  # fmt: skip
    remedy_type = models.CharField(
        _("remedy"), max_length=20, choices=RemedyType.choices, blank=True
    )
    remedy_amount = models.DecimalField(
        _("amount per complainant"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    remedy_description = models.TextField(_("what is offered"), blank=True)
    reasons = models.TextField(_("reasons for the decision"), blank=True)
    appeal_route = models.TextField(_("appeal route"), blank=True)
    reply_channel = models.CharField(
        _("reply by"), max_length=20, choices=ReplyChannel.choices, default=ReplyChannel.LETTER
    )
    reply_zh_hans = models.TextField(_("reply (Simplified Chinese)"), blank=True)
    reply_zh_hant = models.TextField(_("reply (Traditional Chinese)"), blank=True)
    reply_en = models.TextField(_("reply (English)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("opened at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="incident_org_status")]

    def __str__(self) -> str:
        return self.title

    def reply_in(self, language: str) -> str:
        """The reply in the complainant's language; another language's when that one is
        blank, so that nobody goes unanswered for want of a translation."""
        texts = {"zh-hans": self.reply_zh_hans, "zh-hant": self.reply_zh_hant, "en": self.reply_en}
        return texts.get(language) or next((text for text in texts.values() if text), "")


class IncidentComplaint(models.Model):
    """A complaint linked to an incident, and where the last run left it."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="links")
    complaint = models.OneToOneField(
        Complaint, on_delete=models.PROTECT, related_name="incident_link",
        verbose_name=_("complaint"),
    )  # fmt: skip
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField()
    # What the last run did for this complaint, shown per complainant: the steps it made (codes
    # of services.RUN_STEPS, named in the reader's language when shown), the step it stopped
    # before ("" if none; "state" when the complaint stood where no step applies) and, then,
    # the refusal in the words the service gave the person who ran it.
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_run_ok = models.BooleanField(default=False)
    last_run_steps = models.JSONField(default=list, blank=True)
    last_run_stopped_at = models.CharField(max_length=20, blank=True)
    last_run_outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["linked_at", "id"]

    def __str__(self) -> str:
        return f"{self.incident_id} ← {self.complaint_id}"
