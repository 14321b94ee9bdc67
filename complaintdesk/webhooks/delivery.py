"""Sending a delivery from the worker: claimed so it goes once, retried with growing waits
while the receiver fails, every attempt logged, and a subscription that keeps failing paused
with its owner told."""

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.notifications.services import notify

from .choices import DeliveryStatus
from .models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from .payloads import outgoing
from .signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature_header,
)

USER_AGENT = "ComplaintDesk-Webhooks/1"
EXCERPT = 500


def retry_wait(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4, 8 … minutes, up to the cap."""
    minutes = min(2 ** (attempts - 1), settings.WEBHOOK_RETRY_CAP_MINUTES)
    return timedelta(minutes=minutes)


@dataclass(frozen=True)
class Answer:
    status_code: int | None
    error: str
    excerpt: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: following it would send the signed event
    somewhere the administrator never entered."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def forbidden_target(url: str) -> str:
    """Why we will not send to this URL ("" if we will). An organisation's administrator
    enters it, and the delivery log shows them the start of the answer: a receiver on this
    server itself (loopback) or the cloud's metadata service (link-local) would let them
    read what is not theirs. Private networks stay allowed: on an intranet the chat bots and
    the bank's systems live there. Settings may allow loopback for development and tests."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return ""  # unresolvable: the send fails and is retried like any unreachable host
    for address in addresses:
        ip = ipaddress.ip_address(str(address).split("%")[0])
        if ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip.is_reserved:
            return _("The receiver's address %(address)s may not be used.") % {"address": ip}
        if ip.is_loopback and not settings.WEBHOOK_ALLOW_LOOPBACK:
            return _("The receiver's address %(address)s may not be used.") % {"address": ip}
    return ""


def _post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    started = time.monotonic()
    refused_target = forbidden_target(url)
    if refused_target:
        return Answer(None, refused_target, "", 0)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    status: int | None = None
    error = excerpt = ""
    try:
        with _OPENER.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            status = response.status
            excerpt = response.read(EXCERPT * 4).decode("utf-8", "replace")
    except urllib.error.HTTPError as refused:
        status = refused.code
        excerpt = refused.read(EXCERPT * 4).decode("utf-8", "replace")
        error = f"HTTP {refused.code}"
    except Exception as failure:  # unreachable, refused, timed out, bad TLS: retried alike
        reason = getattr(failure, "reason", None) or failure
        error = str(reason) or failure.__class__.__name__
    elapsed = int((time.monotonic() - started) * 1000)
    return Answer(status, error, excerpt[:EXCERPT], elapsed)


def _claim(delivery_id: int, now: datetime) -> bool:
    """Move the next attempt out of reach before sending, in one conditional UPDATE: of two
    workers given the same delivery, one updates the row and sends, the other finds nothing
    due. Should the sender die mid-attempt, the beat takes it up again once the lease ends."""
    lease = timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS, minutes=5)
    # The subscription's conditions as a subquery of its own, not a join: an UPDATE with a
    # join becomes "id IN (subquery over deliveries)", which PostgreSQL does not check again
    # against the row the other worker has just claimed, so both would send.
    sending = WebhookSubscription.objects.filter(is_active=True, paused_at__isnull=True)
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id,
        status=DeliveryStatus.PENDING,
        next_attempt_at__lte=now,
        subscription__in=sending,
    ).update(next_attempt_at=now + lease)
    return bool(claimed)


def webhook_deliver(delivery_id: int, *, now: datetime | None = None) -> str:
    """Send one delivery if it is due; returns its status after."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return WebhookDelivery.objects.values_list("status", flat=True).get(pk=delivery_id)
    delivery = WebhookDelivery.objects.select_related("subscription__organisation").get(
        pk=delivery_id
    )
    subscription = delivery.subscription
    request = outgoing(subscription, delivery.payload)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: delivery.event_type,
        DELIVERY_HEADER: str(delivery.event_id),
        TIMESTAMP_HEADER: str(timestamp),
    }
    if subscription.secret:
        headers[SIGNATURE_HEADER] = signature_header(subscription.secret, timestamp, request.body)
    answer = _post(request.url, request.body, headers)
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            at=now,
            status_code=answer.status_code,
            error=answer.error[:2000],
            duration_ms=answer.duration_ms,
            response_excerpt=answer.excerpt,
        )
        if answer.ok:
            _delivered(delivery, now)
        else:
            _failed(delivery, answer.error or f"HTTP {answer.status_code}", now)
    return delivery.status


def _delivered(delivery: WebhookDelivery, now: datetime) -> None:
    delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
        DeliveryStatus.DELIVERED,
        now,
        None,
    )
    delivery.attempts += 1
    delivery.last_error = ""
    delivery.save(
        update_fields=["status", "delivered_at", "next_attempt_at", "attempts", "last_error"]
    )
    WebhookSubscription.objects.filter(
        pk=delivery.subscription_id, consecutive_failures__gt=0
    ).update(consecutive_failures=0)


def _failed(delivery: WebhookDelivery, error: str, now: datetime) -> None:
    delivery.attempts += 1
    delivery.last_error = error[:2000]
    if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    else:
        delivery.next_attempt_at = now + retry_wait(delivery.attempts)
    delivery.save(update_fields=["status", "next_attempt_at", "attempts", "last_error"])
    # Counted in the database, not from the row read earlier: other deliveries of the same
    # subscription may fail at the same moment on other workers.
    subscriptions = WebhookSubscription.objects.filter(pk=delivery.subscription_id)
    subscriptions.update(consecutive_failures=F("consecutive_failures") + 1)
    threshold = settings.WEBHOOK_PAUSE_AFTER_FAILURES
    failures = subscriptions.values_list("consecutive_failures", flat=True).get()
    reason = _("%(count)s failed attempts in a row; the last: %(error)s") % {
        "count": failures,
        "error": error[:300],
    }
    # Only the worker whose update finds it unpaused tells the owner: told once.
    paused = subscriptions.filter(
        paused_at__isnull=True, consecutive_failures__gte=threshold
    ).update(paused_at=now, pause_reason=reason)
    if paused:
        _tell_owner(delivery.subscription, failures, error, now)


def _tell_owner(subscription: WebhookSubscription, failures: int, error: str, at: datetime) -> None:
    if subscription.owner_id is None:
        return
    owner = subscription.owner
    notify(
        [owner] if owner is not None else [],
        kind=NotificationKind.WEBHOOK_PAUSED,
        params={
            "subscription": subscription.pk,
            "name": subscription.name,
            "failures": failures,
            "error": error[:300],
        },
        at=at,
    )


def webhook_paused_message(notification: Notification, cache: dict) -> tuple[str, str]:
    params = notification.params
    values = {
        "name": params.get("name", ""),
        "count": params.get("failures", ""),
        "error": params.get("error", ""),
    }
    return (
        _("Webhook “%(name)s” paused") % values,
        _(
            "The receiver of the webhook “%(name)s” failed %(count)s times in a row (the last: "
            "%(error)s). Nothing new is sent to it and what it has not received waits. Once "
            "the receiver works again, resume the subscription in the administration."
        )
        % values,
    )
