"""A receiver that fails is tried again, waiting longer each time, until it answers or the
delivery is given up; every attempt is logged with what the receiver said; a subscription
that keeps failing is paused and its owner told once; resuming it sends what waited.

The deliveries are recorded by registering complaints through the real service; these tests
do not let the commit send them, but send them with `webhook_deliver` at the moments chosen,
as the worker would at those times.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.notifications.selectors import inbox
from complaintdesk.webhooks.choices import DeliveryStatus
from complaintdesk.webhooks.delivery import webhook_deliver
from complaintdesk.webhooks.models import WebhookDelivery, WebhookSubscription
from complaintdesk.webhooks.services import subscription_ping, subscription_resume
from complaintdesk.webhooks.signing import DELIVERY_HEADER, EVENT_HEADER

from .factories import WebhookSubscriptionFactory
from .receiver import ELSEWHERE_PATH, HOOK_PATH, closed_port_url

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


def _waiting_delivery(url: str, **subscription_fields) -> WebhookDelivery:
    """A complaint.created delivery recorded and not yet attempted."""
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation, url=url, **subscription_fields)
    complaint_at(tree.site)
    return WebhookDelivery.objects.get()


def _attempt_when_due(delivery: WebhookDelivery) -> tuple[str, timedelta | None]:
    """Send it the moment it is due, as the beat would; (status after, wait until the next)."""
    delivery.refresh_from_db()
    now = delivery.next_attempt_at
    status = webhook_deliver(delivery.pk, now=now)
    delivery.refresh_from_db()
    wait = delivery.next_attempt_at - now if delivery.next_attempt_at else None
    return status, wait


def test_a_receiver_answering_500_leaves_the_delivery_pending_a_minute_with_the_attempt_logged(
    receiver,
):
    # Given a delivery waiting for a receiver that answers 500
    receiver.answer(500)
    delivery = _waiting_delivery(receiver.url)

    # When the worker sends it
    now = timezone.now()
    status = webhook_deliver(delivery.pk, now=now)

    # Then it stays pending, to be tried again in a minute
    delivery.refresh_from_db()
    assert status == DeliveryStatus.PENDING == delivery.status
    assert delivery.attempts == 1
    assert delivery.next_attempt_at == now + MINUTE
    assert delivery.last_error == "HTTP 500"
    # And the attempt is logged with the receiver's status and the start of its answer
    attempt = delivery.attempt_log.get()
    assert (attempt.at, attempt.status_code) == (now, 500)
    assert '"status": 500' in attempt.response_excerpt
    assert WebhookSubscription.objects.get().consecutive_failures == 1


def test_a_delivery_is_not_sent_before_its_next_attempt_is_due(receiver):
    receiver.answer(500)
    delivery = _waiting_delivery(receiver.url)
    _attempt_when_due(delivery)

    status = webhook_deliver(delivery.pk, now=delivery.next_attempt_at - timedelta(seconds=1))

    assert status == DeliveryStatus.PENDING
    assert len(receiver.requests) == 1


def test_failures_wait_one_two_four_minutes_up_to_the_cap_then_the_delivery_is_given_up(
    receiver, settings
):
    # Given waits capped at 4 minutes, six attempts at most, and a receiver that keeps failing
    settings.WEBHOOK_RETRY_CAP_MINUTES = 4
    settings.WEBHOOK_MAX_ATTEMPTS = 6
    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 100
    receiver.answer(503)
    delivery = _waiting_delivery(receiver.url)

    # When the worker tries it each time it is due
    results = [_attempt_when_due(delivery) for _ in range(6)]

    # Then the waits doubled up to the cap, and after the sixth failure it was given up
    assert results == [
        (DeliveryStatus.PENDING, 1 * MINUTE),
        (DeliveryStatus.PENDING, 2 * MINUTE),
        (DeliveryStatus.PENDING, 4 * MINUTE),
        (DeliveryStatus.PENDING, 4 * MINUTE),
        (DeliveryStatus.PENDING, 4 * MINUTE),
        (DeliveryStatus.FAILED, None),
    ]
    assert delivery.attempts == 6
    assert delivery.attempt_log.count() == 6
    # And every attempt sent the same event, so the receiver can tell it is a repeat
    assert {r.header(DELIVERY_HEADER) for r in receiver.requests} == {str(delivery.event_id)}
    assert len({r.body for r in receiver.requests}) == 1
    # And a given-up delivery is not sent again
    assert webhook_deliver(delivery.pk, now=timezone.now() + timedelta(days=1)) == "failed"
    assert len(receiver.requests) == 6


def test_a_later_200_marks_the_delivery_delivered_and_clears_the_failures_in_a_row(receiver):
    # Given a receiver that fails twice and then accepts
    receiver.answer(500, 502, 200)
    delivery = _waiting_delivery(receiver.url)
    subscription = delivery.subscription

    # When the worker tries it three times
    first, second = _attempt_when_due(delivery), _attempt_when_due(delivery)
    subscription.refresh_from_db()
    failures_before = subscription.consecutive_failures
    due = delivery.next_attempt_at
    third = _attempt_when_due(delivery)

    # Then the third attempt delivered it, and the subscription's failure count starts afresh
    assert [first[0], second[0], third] == ["pending", "pending", ("delivered", None)]
    assert (delivery.attempts, delivery.delivered_at, delivery.last_error) == (3, due, "")
    assert failures_before == 2
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0
    assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [500, 502, 200]


def test_a_redirect_is_not_followed_and_counts_as_a_failure(receiver):
    # Given a receiver that answers 302, pointing elsewhere
    receiver.answer(302)
    delivery = _waiting_delivery(receiver.url)

    # When the worker sends the delivery
    status, wait = _attempt_when_due(delivery)

    # Then nothing went to where the redirect pointed, and it waits for a retry
    assert [request.path for request in receiver.requests] == [HOOK_PATH]
    assert ELSEWHERE_PATH not in {request.path for request in receiver.requests}
    assert (status, wait, delivery.attempts) == ("pending", MINUTE, 1)
    assert delivery.attempt_log.get().status_code == 302


def test_an_unreachable_receiver_counts_as_a_failure():
    # Given a subscription whose receiver's port nothing listens on
    delivery = _waiting_delivery(closed_port_url())

    # When the worker sends the delivery
    status, wait = _attempt_when_due(delivery)

    # Then the attempt is logged with the connection's error and no HTTP status
    assert (status, wait, delivery.attempts) == ("pending", MINUTE, 1)
    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None
    assert "refused" in attempt.error.lower()
    assert delivery.last_error == attempt.error


def _failing_subscription_paused(receiver, settings, tree, owner) -> WebhookSubscription:
    """Two deliveries of a subscription that pauses after three failures, failing in turn."""
    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 3
    receiver.answer(500)
    subscription = WebhookSubscriptionFactory(
        organisation=tree.organisation, name="Estate office system", url=receiver.url, owner=owner
    )
    complaint_at(tree.site)
    complaint_at(tree.site)
    first, second = WebhookDelivery.objects.order_by("pk")
    for delivery in (first, second, first):
        _attempt_when_due(delivery)
    subscription.refresh_from_db()
    return subscription


def test_failures_in_a_row_pause_the_subscription_and_tell_its_owner_once(
    receiver, settings, django_capture_on_commit_callbacks
):
    # Given a subscription owned by an administrator that pauses after three failures
    tree = org_tree()
    owner = staff(Role.ADMINISTRATOR, tree.head_office, email="it@example.com")

    # When its receiver fails three times in a row over two deliveries
    with django_capture_on_commit_callbacks(execute=True):
        subscription = _failing_subscription_paused(receiver, settings, tree, owner)
        # And the worker later comes to them again
        later = timezone.now() + timedelta(hours=1)
        statuses = [webhook_deliver(d.pk, now=later) for d in WebhookDelivery.objects.all()]

    # Then it is paused: nothing more was sent, and both deliveries wait for it
    assert subscription.paused_at is not None
    assert "3 failed attempts in a row" in subscription.pause_reason
    assert len(receiver.requests) == 3
    assert statuses == ["pending", "pending"]
    # And the owner has exactly one notification, which names the subscription
    assert Notification.objects.filter(kind=NotificationKind.WEBHOOK_PAUSED).count() == 1
    [notification] = inbox(owner)
    assert notification.kind == NotificationKind.WEBHOOK_PAUSED
    assert notification.subject == "Webhook “Estate office system” paused"
    assert "failed 3 times in a row" in notification.body
    assert "HTTP 500" in notification.body
    # And its mail copy says the same
    [message] = mail.outbox
    assert (message.to, message.subject) == (["it@example.com"], notification.subject)


def test_resuming_sends_what_waited_and_starts_the_failure_count_afresh(
    receiver, settings, django_capture_on_commit_callbacks
):
    # Given a paused subscription, two deliveries waiting, and a test event sent while paused
    tree = org_tree()
    administrator = staff(Role.ADMINISTRATOR, tree.head_office)
    subscription = _failing_subscription_paused(receiver, settings, tree, administrator)
    with django_capture_on_commit_callbacks(execute=True):
        ping = subscription_ping(subscription, administrator)
    assert len(receiver.requests) == 3

    # When the receiver works again and the subscription is resumed
    receiver.answer(200)
    with django_capture_on_commit_callbacks(execute=True):
        waited = subscription_resume(subscription, administrator)

    # Then what waited, the test event with it, was sent and delivered
    assert waited == 3
    assert sorted(r.header(EVENT_HEADER) for r in receiver.requests[3:]) == [
        "complaint.created",
        "complaint.created",
        "webhook.ping",
    ]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    ping.refresh_from_db()
    assert ping.attempts == 1
    # And the subscription sends again, its count of failures at zero
    subscription.refresh_from_db()
    assert (subscription.paused_at, subscription.pause_reason) == (None, "")
    assert subscription.consecutive_failures == 0


def test_a_ping_sends_a_test_event_whatever_the_events_chosen(
    receiver, django_capture_on_commit_callbacks
):
    # Given a subscription that chose no events at all
    tree = org_tree()
    administrator = staff(Role.ADMINISTRATOR, tree.head_office, display_name="Chan Tai Man")
    subscription = WebhookSubscriptionFactory(
        organisation=tree.organisation, name="Estate office system", url=receiver.url, events=[]
    )

    # When an administrator sends it a test event
    with django_capture_on_commit_callbacks(execute=True):
        delivery = subscription_ping(subscription, administrator)

    # Then the receiver got a webhook.ping naming the subscription and who sent it
    [request] = receiver.requests
    assert request.header(EVENT_HEADER) == "webhook.ping"
    payload = request.json()
    assert (payload["type"], payload["complaint"]) == ("webhook.ping", None)
    assert payload["organisation"] == tree.organisation.code
    assert payload["data"] == {"subscription": "Estate office system", "sent_by": "Chan Tai Man"}
    delivery.refresh_from_db()
    assert (delivery.status, delivery.complaint) == (DeliveryStatus.DELIVERED, None)


def test_a_receiver_on_this_server_is_refused_in_production_and_nothing_is_sent(receiver, settings):
    # Given production settings, and a subscription whose URL points at this server itself
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    delivery = _waiting_delivery(receiver.url)

    # When the worker sends the delivery
    status, wait = _attempt_when_due(delivery)

    # Then nothing reaches the receiver, and the log says the address may not be used
    assert receiver.requests == []
    assert (status, wait) == ("pending", MINUTE)
    assert "127.0.0.1" in delivery.attempt_log.get().error


def test_the_cloud_metadata_address_is_refused_whatever_the_settings():
    # Given a subscription pointed at the link-local metadata service
    delivery = _waiting_delivery("http://169.254.169.254/latest/meta-data/")

    # When the worker sends the delivery
    _attempt_when_due(delivery)

    # Then it is refused before any connection is tried
    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None and "169.254.169.254" in attempt.error
