"""Subscriptions are set up in the Django admin, where an administrator also sends a test
event, resumes a paused subscription and reads the delivery log, which nobody edits."""

import pytest
from django.urls import reverse
from django.utils import timezone

from complaintdesk.accounts.models import User
from complaintdesk.accounts.tests.admin_helpers import signed_in_as_administrator
from complaintdesk.complaints.tests.factories import complaint_at, org_tree
from complaintdesk.webhooks.choices import DeliveryStatus, EventType, Format
from complaintdesk.webhooks.delivery import webhook_deliver
from complaintdesk.webhooks.models import WebhookDelivery, WebhookSubscription
from complaintdesk.webhooks.signing import EVENT_HEADER

from .factories import WebhookSubscriptionFactory

pytestmark = pytest.mark.django_db

SUBSCRIPTIONS = "admin:webhooks_webhooksubscription_changelist"
DELIVERIES = "admin:webhooks_webhookdelivery_changelist"


def _superuser(client) -> User:
    user = User.objects.create_superuser("root", "root@example.com", "!")
    client.force_login(user)
    return user


def test_a_superuser_opens_the_subscription_list_and_add_page_and_the_delivery_log(client):
    # Given a subscription with one delivery that failed
    _superuser(client)
    tree = org_tree()
    subscription = WebhookSubscriptionFactory(
        organisation=tree.organisation, name="Estate office system"
    )
    complaint_at(tree.site)
    delivery = WebhookDelivery.objects.get()
    webhook_deliver(delivery.pk)

    # When the superuser opens the pages
    listed = client.get(reverse(SUBSCRIPTIONS))
    adding = client.get(reverse("admin:webhooks_webhooksubscription_add"))
    log = client.get(reverse(DELIVERIES), {"subscription__id__exact": subscription.pk})
    opened = client.get(reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk]))

    # Then each opens, and the log shows the delivery with its attempt, read only
    assert [page.status_code for page in (listed, adding, log, opened)] == [200] * 4
    assert list(listed.context["cl"].result_list) == [subscription]
    assert list(log.context["cl"].result_list) == [delivery]
    assert delivery.attempt_log.get().error in opened.content.decode()
    assert not opened.context["has_change_permission"]
    assert not log.context["has_add_permission"]


def test_a_superuser_adds_a_subscription_and_becomes_the_one_told_when_it_pauses(client):
    # Given a superuser on the add page
    user = _superuser(client)
    tree = org_tree()

    # When they add a Teams subscription to two event types, its URL typed without a scheme
    # and naming no owner
    response = client.post(
        reverse("admin:webhooks_webhooksubscription_add"),
        {
            "organisation": tree.organisation.pk,
            "name": "Complaints channel",
            "url": "example.webhook.office.com/hook",
            "format": Format.TEAMS,
            "events": [EventType.CREATED, EventType.BREACHED],
            "secret": "",
            "owner": "",
            "is_active": "on",
        },
    )

    # Then it is saved with those events, over https, and they own it
    assert response.status_code == 302, response.context["adminform"].form.errors
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["complaint.created", "complaint.breached"]
    assert subscription.url == "https://example.webhook.office.com/hook"
    assert (subscription.format, subscription.owner) == (Format.TEAMS, user)


def test_the_delivery_log_is_searched_by_event_id_or_complaint_reference(client):
    # Given deliveries of two complaints
    _superuser(client)
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation)
    first, second = complaint_at(tree.site), complaint_at(tree.site)
    wanted = WebhookDelivery.objects.get(complaint=second)

    # When the log is searched by the event id a receiver reported, or by the reference
    by_event = client.get(reverse(DELIVERIES), {"q": str(wanted.event_id)})
    by_reference = client.get(reverse(DELIVERIES), {"q": second.reference})

    # Then each finds that complaint's delivery alone
    assert list(by_event.context["cl"].result_list) == [wanted]
    assert list(by_reference.context["cl"].result_list) == [wanted]
    assert first.reference != second.reference


def test_the_ping_action_sends_each_chosen_subscription_a_test_event(
    client, receiver, django_capture_on_commit_callbacks
):
    # Given a subscription pointed at the receiver
    _superuser(client)
    subscription = WebhookSubscriptionFactory(url=receiver.url)

    # When the superuser runs "Send a test event" on it
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(SUBSCRIPTIONS), {"action": "ping", "_selected_action": [subscription.pk]}
        )

    # Then the receiver got a webhook.ping and the log shows it delivered
    assert response.status_code == 302
    assert [r.header(EVENT_HEADER) for r in receiver.requests] == ["webhook.ping"]
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED


def test_the_resume_action_unpauses_a_subscription_and_sends_what_waited(
    client, receiver, django_capture_on_commit_callbacks
):
    # Given a paused subscription with a delivery waiting for it
    _superuser(client)
    tree = org_tree()
    subscription = WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)
    complaint_at(tree.site)
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        paused_at=timezone.now(), pause_reason="10 failures in a row", consecutive_failures=10
    )

    # When the superuser runs "Resume" on it
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(SUBSCRIPTIONS),
            {"action": "resume", "_selected_action": [subscription.pk]},
            follow=True,
        )

    # Then it sends again, what waited was delivered, and the page says how many
    subscription.refresh_from_db()
    assert (subscription.paused_at, subscription.consecutive_failures) == (None, 0)
    assert [r.header(EVENT_HEADER) for r in receiver.requests] == ["complaint.created"]
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["Resumed; 1 delivery is being sent."]


def test_an_organisation_administrator_sees_only_their_own_subscriptions_and_deliveries(client):
    # Given subscriptions, each with a delivery, in two organisations
    ours, theirs = org_tree(), org_tree()
    mine = WebhookSubscriptionFactory(organisation=ours.organisation)
    WebhookSubscriptionFactory(organisation=theirs.organisation)
    complaint_at(ours.site)
    complaint_at(theirs.site)
    signed_in_as_administrator(client, ours)

    # When their administrator opens the subscription list and the delivery log
    listed = client.get(reverse(SUBSCRIPTIONS))
    log = client.get(reverse(DELIVERIES))

    # Then only their organisation's rows are there
    assert list(listed.context["cl"].result_list) == [mine]
    assert [d.subscription for d in log.context["cl"].result_list] == [mine]
