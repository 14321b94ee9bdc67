"""Correspondence with the complainant: the organisation's templates, and every mail or
letter written from them, with whether and when it went out."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.choices import Language
from complaintdesk.complaints.models import Complaint

from .placeholders import unknown_placeholders


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    INFORMATION_REQUEST = "information_request", _("Request for information")
    PROGRESS_UPDATE = "progress_update", _("Progress update")
    DECISION = "decision", _("Reply with the decision")
    APPEAL_OUTCOME = "appeal_outcome", _("Outcome of the review")
    SURVEY_INVITATION = "survey_invitation", _("Invitation to rate the handling")


class LetterChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Letter by post")


class LetterStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")
    # A letter for the post: its PDF is ready to print and send.
    READY = "ready", _("Ready to print")


class LetterTemplate(models.Model):
    """The organisation's own wording for one kind of letter in one language; where it has
    none, the product's default wording is used (defaults.py)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="letter_templates",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_("Variables in double braces, e.g. {{ reference }} or {{ due_date }}."),
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["organisation", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "language"], name="letter_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_language_display()})"

    def clean(self) -> None:
        errors = {}
        for field in ("subject", "body"):
            unknown = unknown_placeholders(getattr(self, field))
            if unknown:
                errors[field] = _("Unknown variables: %(names)s") % {"names": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)


def letter_pdf_path(instance: "Letter", filename: str) -> str:
    return f"letters/{instance.complaint_id}/{uuid.uuid4().hex}.pdf"


class Letter(models.Model):
    """One mail or letter to the complainant, as it was sent: never edited afterwards."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("kind"), max_length=24, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=LetterChannel.choices)
    # An e-mail address, or the postal address printed on the letter.
    recipient = models.TextField(_("to"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=8, choices=LetterStatus.choices, default=LetterStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Our Message-ID, so that the complainant's reply threads onto the complaint.
    message_id = models.CharField(max_length=200, blank=True)
    pdf = models.FileField(upload_to=letter_pdf_path, blank=True, max_length=255)
    # Empty: the system wrote it (the acknowledgement of a written complaint).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["created_at", "id"]
        indexes = [
            # The worker's look-up of what is due to be (re)sent.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="queued"),
                name="letter_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"
