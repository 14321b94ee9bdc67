"""The webhook app's writes: recording what each subscription must be sent, and what an
administrator does to a subscription (resume it, send it a test event)."""

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from complaintdesk.accounts.models import User
from complaintdesk.complaints.models import Complaint

from .choices import DeliveryStatus
from .models import WebhookDelivery, WebhookSubscription
from .payloads import complaint_payload, ping_payload
from .selectors import subscriptions_listening
from .tasks import webhook_deliver_task

log = logging.getLogger(__name__)


def _send_after_commit(deliveries: Iterable[WebhookDelivery]) -> None:
    for delivery in deliveries:
        transaction.on_commit(partial(webhook_deliver_task.enqueue, delivery.pk))


def complaint_events_record(
    complaint: Complaint, event_types: list[str], at: datetime, data: dict[str, Any]
) -> list[WebhookDelivery]:
    """One delivery per subscription and chosen event type, written in the caller's (the
    complaint's) transaction so it exists exactly when the change does; sent after commit.
    A paused subscription is sent nothing new: its receiver has been failing, and piling up
    every event for it would flood it on resume. Its pending deliveries wait for it."""
    listening = subscriptions_listening(complaint.organisation_id, set(event_types))
    if not listening:
        return []
    # Due, and logged, from now: `at` is when it happened, which may be earlier (a letter
    # registered late) or a little later (intake allows a receipt time minutes ahead), and
    # a delivery due later than its commit would wait for the beat instead of going at once.
    recorded = timezone.now()
    deliveries = []
    for subscription, chosen in listening:
        for event_type in chosen:
            event_id = uuid.uuid4()
            deliveries.append(
                WebhookDelivery(
                    subscription=subscription,
                    event_id=event_id,
                    event_type=event_type,
                    complaint=complaint,
                    payload=complaint_payload(event_id, event_type, complaint, at, data),
                    next_attempt_at=recorded,
                    created_at=recorded,
                )
            )
    created = WebhookDelivery.objects.bulk_create(deliveries)
    _send_after_commit(created)
    return created


def subscription_resume(subscription: WebhookSubscription, by: User) -> int:
    """The receiver works again: the pause ends, the failure count starts afresh and what
    waited is sent now. Returns how many deliveries were waiting."""
    now = timezone.now()
    with transaction.atomic():
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            paused_at=None, pause_reason="", consecutive_failures=0
        )
        waiting = list(
            WebhookDelivery.objects.filter(
                subscription=subscription, status=DeliveryStatus.PENDING
            ).only("pk")
        )
        WebhookDelivery.objects.filter(pk__in=[d.pk for d in waiting]).update(next_attempt_at=now)
        _send_after_commit(waiting)
    subscription.paused_at, subscription.pause_reason = None, ""
    subscription.consecutive_failures = 0
    log.info("Webhook subscription %s resumed by %s", subscription.pk, by.pk)
    return len(waiting)


def subscription_ping(subscription: WebhookSubscription, by: User) -> WebhookDelivery:
    """A `webhook.ping` test event, whatever the events chosen, so the administrator sees in
    its delivery log whether the receiver accepts our requests. A paused subscription's
    ping waits with the rest until it is resumed."""
    now = timezone.now()
    event_id = uuid.uuid4()
    payload = ping_payload(event_id, subscription, now)
    payload["data"]["sent_by"] = str(by)
    with transaction.atomic():
        delivery = WebhookDelivery.objects.create(
            subscription=subscription,
            event_id=event_id,
            event_type=payload["type"],
            payload=payload,
            next_attempt_at=now,
            created_at=now,
        )
        _send_after_commit([delivery])
    return delivery
