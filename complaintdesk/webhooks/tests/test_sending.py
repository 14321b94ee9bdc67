"""The worker's side: the minute's beat sends what has come due, retries included, and a
delivery handed to two workers, one after the other or at the same moment, is sent once."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from complaintdesk.complaints.tests.factories import complaint_at, org_tree
from complaintdesk.core.testing import run_in_threads
from complaintdesk.sla.tasks import sla_sweep_task
from complaintdesk.webhooks.choices import DeliveryStatus
from complaintdesk.webhooks.delivery import webhook_deliver
from complaintdesk.webhooks.models import WebhookAttempt, WebhookDelivery
from complaintdesk.webhooks.signing import DELIVERY_HEADER

from .factories import WebhookSubscriptionFactory


def _as_if_minutes_passed(delivery: WebhookDelivery, minutes: int) -> None:
    """The beat reads the real clock: bring the next attempt nearer instead of waiting."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=F("next_attempt_at") - timedelta(minutes=minutes)
    )


@pytest.mark.django_db
def test_the_sweep_beat_retries_the_deliveries_whose_next_attempt_has_come(receiver):
    # Given two deliveries that failed: one five minutes ago (due again since four), the
    # other just now (due in a minute)
    receiver.answer(500, 500, 200)
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)
    complaint_at(tree.site)
    complaint_at(tree.site)
    earlier, just_now = WebhookDelivery.objects.order_by("pk")
    for delivery in (earlier, just_now):
        webhook_deliver(delivery.pk)
    _as_if_minutes_passed(earlier, 5)

    # When the worker's beat runs the sweep
    result = sla_sweep_task.enqueue()

    # Then the delivery that was due was sent again and delivered; the other waits its minute
    assert result.return_value["webhooks_due"] == 1
    earlier.refresh_from_db()
    just_now.refresh_from_db()
    assert (earlier.status, earlier.attempts) == (DeliveryStatus.DELIVERED, 2)
    assert (just_now.status, just_now.attempts) == (DeliveryStatus.PENDING, 1)
    assert receiver.requests[-1].header(DELIVERY_HEADER) == str(earlier.event_id)
    assert len(receiver.requests) == 3


@pytest.mark.django_db
def test_the_sweep_beat_leaves_a_paused_subscriptions_deliveries_waiting(receiver):
    # Given a delivery due, of a subscription paused since it was recorded
    tree = org_tree()
    subscription = WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)
    complaint_at(tree.site)
    subscription.paused_at = timezone.now()
    subscription.save()

    # When the beat runs
    result = sla_sweep_task.enqueue()

    # Then nothing is sent, and the delivery still waits
    assert result.return_value["webhooks_due"] == 0
    assert receiver.requests == []
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING


@pytest.mark.django_db
def test_delivering_the_same_delivery_twice_sends_it_once(receiver):
    # Given a delivery waiting to be sent
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)
    complaint_at(tree.site)
    delivery = WebhookDelivery.objects.get()

    # When two tasks for it run one after the other
    first, again = webhook_deliver(delivery.pk), webhook_deliver(delivery.pk)

    # Then the receiver got it once, and both report it delivered
    assert (first, again) == ("delivered", "delivered")
    assert len(receiver.requests) == 1
    assert WebhookAttempt.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_workers_retrying_the_same_deliveries_at_once_send_each_once(receiver):
    # Given five deliveries whose first send, after each registration's commit, was refused
    receiver.answer(*[500] * 5, 200)
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)
    for _ in range(5):
        complaint_at(tree.site)
    deliveries = list(WebhookDelivery.objects.all())
    assert {(d.status, d.attempts) for d in deliveries} == {(DeliveryStatus.PENDING, 1)}

    # When four workers take up each retry, all at the same moment
    later = max(delivery.next_attempt_at for delivery in deliveries)
    failures = run_in_threads(
        lambda delivery: webhook_deliver(delivery.pk, now=later),
        [(delivery,) for delivery in deliveries for _worker in range(4)],
    )

    # Then each delivery was sent again once, by whichever worker claimed it
    assert failures == []
    assert len(receiver.requests) == 10
    for delivery in deliveries:
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)
        assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [500, 200]
