"""Webhook subscriptions of an organisation, each event delivered to them, and the log of every
attempt, so that an administrator can see what a receiver was sent and what it answered."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.models import Complaint

from .choices import DeliveryStatus, EventType, Format


def secret_new() -> str:
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("receiver URL"), max_length=500)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    events = models.JSONField(
        _("events"),
        default=list,
        blank=True,
        help_text=_("The event types to send; none chosen, nothing is sent."),
    )
    # Kept as given: the receiver verifies our signature with it, as we compute it with it.
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        default=secret_new,
        blank=True,
        help_text=_(
            "Signs every request (X-ComplaintDesk-Signature). For a DingTalk robot with "
            "“additional signature”, paste the robot's SEC… secret here."
        ),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("Told when the subscription is paused; you, if left empty."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    pause_reason = models.TextField(_("why it was paused"), blank=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        events = self.events if isinstance(self.events, list) else None
        if events is None or not all(isinstance(code, str) for code in events):
            raise ValidationError({"events": _("A list of event type codes is expected.")})
        unknown = sorted(set(events) - set(EventType.values))
        if unknown:
            raise ValidationError(
                {"events": _("Unknown event types: %(codes)s") % {"codes": ", ".join(unknown)}}
            )


class WebhookDelivery(models.Model):
    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    # Sent as X-ComplaintDesk-Delivery: a receiver that gets the same event twice (a retry
    # after a lost answer) recognises it.
    event_id = models.UUIDField(_("event id"), unique=True)
    event_type = models.CharField(_("event type"), max_length=40)
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("complaint"),
    )
    # The event as it was when it happened, not as the complaint stands when the send succeeds.
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription}"


class WebhookAttempt(models.Model):
    """One POST to the receiver: the delivery log."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("delivery"),
    )
    at = models.DateTimeField(_("at"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    response_excerpt = models.TextField(_("response (start)"), blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return (
            f"{timezone.localtime(self.at):%Y-%m-%d %H:%M:%S} {self.status_code or self.error[:40]}"
        )
