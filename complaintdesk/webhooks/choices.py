"""The webhook enumerations: what a subscription may hear of, how it wants it written, and
where each delivery stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    """What happened to a complaint, as receivers see it. Several may come of one move (a
    close is `complaint.closed` and `complaint.status_changed`); each subscription chooses."""

    CREATED = "complaint.created", _("Complaint registered")
    ASSIGNED = "complaint.assigned", _("Complaint assigned or reassigned")
    ESCALATED = "complaint.escalated", _("Complaint escalated")
    REPLIED = "complaint.replied", _("Reply sent")
    CLOSED = "complaint.closed", _("Complaint closed")
    REOPENED = "complaint.reopened", _("Complaint reopened")
    APPEALED = "complaint.appealed", _("Appeal registered")
    STATUS_CHANGED = "complaint.status_changed", _("Status changed")
    CLASSIFIED = "complaint.classified", _("Complaint classified")
    BREACHED = "complaint.breached", _("Time standard breached")
    COMPLAINANT_WROTE = "complaint.complainant_wrote", _("The complainant wrote")


def event_label(code: str) -> str:
    """An event type's name in the reader's language; the code itself for one with no name
    (the test event)."""
    return str(EventType(code).label) if code in EventType else code


# The test event an administrator sends from the admin: every subscription may receive it,
# none subscribes to it.
PING = "webhook.ping"


class Format(models.TextChoices):
    JSON = "json", _("JSON (signed)")
    WECOM = "wecom", _("WeCom group bot")
    DINGTALK = "dingtalk", _("DingTalk group robot")
    TEAMS = "teams", _("Microsoft Teams (Adaptive Card)")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Given up")
