"""Mail intake: the mailboxes the worker polls, and every message taken in, so that the same
message delivered twice is recognised and what became of each one can be looked up."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation, OrgUnit
from complaintdesk.complaints.models import Complaint


class Mailbox(models.Model):
    """An IMAP mailbox of the organisation's (complaints@…): what arrives there becomes a
    complaint in `intake_unit`, or joins the complaint it answers."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mailboxes",
        verbose_name=_("organisation"),
    )
    address = models.EmailField(_("address"), help_text=_("complaints@… as complainants see it"))
    intake_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit that receives the mailbox's complaints"),
    )
    host = models.CharField(_("IMAP server"), max_length=200)
    port = models.PositiveIntegerField(_("port"), default=993)
    use_ssl = models.BooleanField(_("TLS (IMAPS)"), default=True)
    username = models.CharField(_("user name"), max_length=200)
    # Kept as given: the worker must present it to the server (as any mail client does).
    password = models.CharField(_("password"), max_length=200)
    folder = models.CharField(_("folder"), max_length=200, default="INBOX")
    is_active = models.BooleanField(_("poll it"), default=True)
    poll_every_minutes = models.PositiveSmallIntegerField(_("poll every (minutes)"), default=1)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")

    def __str__(self) -> str:
        return self.address


class Outcome(models.TextChoices):
    CREATED = "created", _("New complaint")
    THREADED = "threaded", _("Added to its complaint")
    AUTO_REPLY = "auto-reply", _("Automatic reply: not a complaint")
    BOUNCE = "bounce", _("Bounce: our mail did not arrive")
    LOOP = "loop", _("Our own mail: ignored")
    REFUSED = "refused", _("Could not be taken in")


class InboundMessage(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    message_id = models.CharField(max_length=300)
    sender = models.CharField(_("from"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("message taken in")
        verbose_name_plural = _("messages taken in")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "message_id"], name="inbound_message_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.outcome}"
