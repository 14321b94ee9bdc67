"""The webhook app's reads: who listens to an organisation's events, and what is due."""

from datetime import datetime

from complaintdesk.core.request_memo import memoised

from .choices import DeliveryStatus
from .models import WebhookDelivery, WebhookSubscription


def subscriptions_listening(organisation_id: int, event_types: set[str]) -> list:
    """(subscription, the event types it chose among `event_types`) for every active,
    unpaused subscription of the organisation: one query, filtered here because an
    organisation has a handful of subscriptions and JSON containment differs by database.
    Read once per request or task run: a sweep records events for hundreds of complaints."""
    found = []
    subscriptions = memoised(
        ("webhook-subscriptions", organisation_id),
        lambda: list(
            WebhookSubscription.objects.filter(
                organisation_id=organisation_id, is_active=True, paused_at__isnull=True
            ).only("pk", "events")
        ),
    )
    for subscription in subscriptions:
        chosen = [code for code in subscription.events if code in event_types]
        if chosen:
            found.append((subscription, chosen))
    return found


def deliveries_due(now: datetime, limit: int = 200) -> list[int]:
    """Pending deliveries whose next attempt has come, of subscriptions that are sending."""
    return list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING,
            next_attempt_at__lte=now,
            subscription__is_active=True,
            subscription__paused_at__isnull=True,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
