"""What handling produces: proposals, replies, follow-up calls, handling steps, evidence files.

Each is its own row so the history of several proposals or follow-up attempts is kept whole.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.core.models import NoHardDeleteQuerySet

from ..choices import FollowUpResult, HandlingStep, RemedyType, ReplyChannel
from .complaint import Complaint


class Proposal(models.Model):
    """A proposed solution/decision (处理决定) with the remedy and the reasons for it."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="proposals")
    remedy_type = models.CharField(_("remedy"), max_length=16, choices=RemedyType.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    description = models.TextField(_("what is offered"), blank=True)
    reasons = models.TextField(_("reasons"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField()

    objects = NoHardDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["proposed_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_remedy_type_display()} {self.amount or ''}".strip()


class Reply(models.Model):
    """The answer to the complainant: decision, reasons and, where needed, the appeal route."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="replies")
    channel = models.CharField(_("reply channel"), max_length=16, choices=ReplyChannel.choices)
    text = models.TextField(_("reply"))
    reasons = models.TextField(_("reasons for the decision"))
    appeal_route = models.TextField(_("appeal route"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()
    receiver_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receiver_confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = NoHardDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.sent_at:%Y-%m-%d}"

    @property
    def is_oral(self) -> bool:
        return self.channel in {ReplyChannel.ORAL_PHONE, ReplyChannel.ORAL_IN_PERSON}


class FollowUp(models.Model):
    """A follow-up call (回访) after the reply: reached or not, solved or not, how satisfied."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="follow_ups")
    result = models.CharField(_("result"), max_length=16, choices=FollowUpResult.choices)
    outcome_satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction with the outcome (1-5)"), null=True, blank=True
    )
    handling_satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction with the handling (1-5)"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField()

    objects = NoHardDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["done_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_result_display()} {self.done_at:%Y-%m-%d}"


class StepRecord(models.Model):
    """One of the six handling steps done, by whom and when."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="steps")
    step = models.CharField(_("step"), max_length=16, choices=HandlingStep.choices)
    note = models.TextField(_("note"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField()

    objects = NoHardDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("handling step")
        verbose_name_plural = _("handling steps")
        ordering = ["done_at", "id"]

    def __str__(self) -> str:
        return self.get_step_display()


class Rating(models.Model):
    """The complainant's own rating of the handling (CSAT), given once per reply on the
    tracking page; a follow-up call's satisfaction scores are the staff's record of the call."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="ratings")
    reply = models.ForeignKey(Reply, on_delete=models.PROTECT, related_name="ratings")
    score = models.PositiveSmallIntegerField(_("rating (1-5)"))
    comment = models.TextField(_("comment"), blank=True)
    given_at = models.DateTimeField()

    objects = NoHardDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["given_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["reply"], name="rating_one_per_reply"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/5"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random: the uploader's file name never reaches the file system.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"attachments/{instance.complaint_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=255, blank=True)
    # Empty: the complainant sent it (the tracking page, the public form, a mail).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    objects = NoHardDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
