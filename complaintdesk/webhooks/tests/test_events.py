"""What happens to a complaint reaches the receivers that asked for it: each change the core or
the time standards publish becomes the event types a subscription chose, POSTed to it once the
change has committed, signed with its secret, and without the complainant's personal data.

Transactional tests: the deliveries are sent from `transaction.on_commit`, as in production.
"""

import time
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.tests.factories import (
    ComplainantFactory,
    complaint_at,
    drive_to,
    org_tree,
    staff,
)
from complaintdesk.sla.services import sla_sweep
from complaintdesk.sla.tests.factories import local, on_policy
from complaintdesk.webhooks.choices import DeliveryStatus, EventType
from complaintdesk.webhooks.models import WebhookDelivery
from complaintdesk.webhooks.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature_header,
    signature_verify,
)

from .factories import SECRET, WebhookSubscriptionFactory
from .receiver import HOOK_PATH

pytestmark = pytest.mark.django_db(transaction=True)


def _sent(receiver) -> list[str]:
    return [request.header(EVENT_HEADER) for request in receiver.requests]


def test_a_registered_complaint_is_posted_to_its_subscription_signed_after_commit(receiver):
    # Given a JSON subscription of the organisation to complaint.created
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)

    # When a receiver registers a complaint through the intake service
    complaint = complaint_at(tree.site, subject="Lift 2 out of service")

    # Then the receiver got one JSON POST naming the event and its delivery
    [request] = receiver.requests
    delivery = WebhookDelivery.objects.get()
    assert request.path == HOOK_PATH
    assert request.header("Content-Type") == "application/json; charset=utf-8"
    assert request.header(EVENT_HEADER) == "complaint.created"
    assert request.header(DELIVERY_HEADER) == str(delivery.event_id)
    # And it is signed over its timestamp and raw body with the subscription's secret
    timestamp = request.header(TIMESTAMP_HEADER)
    assert abs(int(timestamp) - time.time()) < 60
    assert request.header(SIGNATURE_HEADER).startswith(f"t={timestamp},v1=")
    assert signature_verify(SECRET, request.header(SIGNATURE_HEADER), request.body)
    # And its body is the event: the complaint as registered, with a link to it
    payload = request.json()
    assert (payload["id"], payload["type"]) == (str(delivery.event_id), "complaint.created")
    assert payload["organisation"] == tree.organisation.code
    assert payload["complaint"]["reference"] == complaint.reference
    assert payload["complaint"]["subject"] == "Lift 2 out of service"
    assert payload["complaint"]["status"] == "received"
    assert payload["complaint"]["url"].endswith(f"/complaints/{complaint.reference}/")
    assert payload["data"] == {"status_after": "received"}
    # And the delivery is logged as delivered at the first attempt
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)
    assert delivery.attempt_log.get().status_code == 200


def test_a_tampered_body_another_secret_or_an_old_timestamp_fails_verification(receiver):
    # Given a complaint event as the receiver got it
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)
    complaint_at(tree.site, subject="Lift 2 out of service")
    [request] = receiver.requests
    signature = request.header(SIGNATURE_HEADER)

    # When the body is altered, the secret is not ours, or the request is replayed late
    tampered = request.body.replace(b"Lift 2", b"Lift 3")
    signed_ten_minutes_ago = signature_header(SECRET, int(time.time()) - 600, request.body)

    # Then verification fails, though the untouched request passes
    assert signature_verify(SECRET, signature, request.body)
    assert not signature_verify(SECRET, signature, tampered)
    assert not signature_verify("whsec-someone-else", signature, request.body)
    assert not signature_verify(SECRET, signed_ten_minutes_ago, request.body)
    # (the old one fails for its age alone: a wider tolerance accepts it)
    assert signature_verify(SECRET, signed_ten_minutes_ago, request.body, tolerance=900)


def test_the_event_carries_no_name_phone_or_email_of_the_complainant(receiver):
    # Given a complainant with a name, a phone number and an e-mail address
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)
    complainant = ComplainantFactory(
        organisation=tree.organisation,
        name="陳大文",
        phone="9123 4567",
        email="chan.taiman@example.com",
    )

    # When their complaint is registered
    complaint_at(tree.site, complainant=complainant)

    # Then none of the three is in what the receiver got
    [request] = receiver.requests
    body = request.body.decode()
    for personal in ("陳大文", "9123 4567", "91234567", "chan.taiman@example.com"):
        assert personal not in body
    assert "complainant" not in request.json()["complaint"]


def test_a_subscription_is_sent_only_the_event_types_it_chose(receiver):
    # Given a subscription to assignments alone
    tree = org_tree()
    WebhookSubscriptionFactory(
        organisation=tree.organisation, url=receiver.url, events=[EventType.ASSIGNED]
    )
    complaint = complaint_at(tree.site)

    # When the complaint is registered, acknowledged and assigned
    drive_to(complaint, "assigned")

    # Then only the assignment was sent, neither the registration nor the status changes
    assert _sent(receiver) == ["complaint.assigned"]
    assert WebhookDelivery.objects.count() == 1


def test_another_organisations_complaint_sends_nothing(receiver):
    # Given a subscription of one organisation
    ours, theirs = org_tree(), org_tree()
    WebhookSubscriptionFactory(organisation=ours.organisation, url=receiver.url)

    # When a complaint is registered in another organisation
    complaint_at(theirs.site)

    # Then nothing is recorded or sent
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_paused_or_inactive_subscription_gets_nothing_new(receiver):
    # Given three subscriptions to complaint.created: one sending, one paused, one switched off
    tree = org_tree()
    for name, fields in [
        ("sending", {}),
        ("paused", {"paused_at": timezone.now()}),
        ("inactive", {"is_active": False}),
    ]:
        WebhookSubscriptionFactory(
            organisation=tree.organisation, name=name, url=f"{receiver.url}?to={name}", **fields
        )

    # When a complaint is registered
    complaint_at(tree.site)

    # Then only the sending one got it, and nothing waits for the other two
    assert [request.query["to"] for request in receiver.requests] == ["sending"]
    assert list(WebhookDelivery.objects.values_list("subscription__name", flat=True)) == ["sending"]


def test_assigning_and_closing_send_their_events_and_each_status_change(receiver):
    # Given a subscription to assignments, closings and status changes
    tree = org_tree()
    WebhookSubscriptionFactory(
        organisation=tree.organisation,
        url=receiver.url,
        events=[EventType.ASSIGNED, EventType.CLOSED, EventType.STATUS_CHANGED],
    )
    handler = staff(Role.HANDLER, tree.site, display_name="Wong Siu Ming")
    complaint = complaint_at(tree.site)

    # When the complaint is taken through its lifecycle to closed
    drive_to(complaint, "closed", handler=handler)

    # Then the assignment and the closing were sent, each with the status change it made,
    # and every other move that changed the status as a status change alone
    sent = [
        (r.header(EVENT_HEADER), r.json()["data"]["action"], r.json()["data"]["status_after"])
        for r in receiver.requests
    ]
    assert sent == [
        ("complaint.status_changed", "acknowledge", "acknowledged"),
        ("complaint.assigned", "assign", "assigned"),
        ("complaint.status_changed", "assign", "assigned"),
        ("complaint.status_changed", "start_investigation", "investigating"),
        ("complaint.status_changed", "propose", "proposed"),
        ("complaint.status_changed", "reply", "replied"),
        ("complaint.status_changed", "start_follow_up", "following_up"),
        ("complaint.closed", "close", "closed"),
        ("complaint.status_changed", "close", "closed"),
    ]
    # And the assignment says from which status, and names the handler it was given to
    assigned = receiver.requests[1].json()
    assert assigned["data"]["status_before"] == "acknowledged"
    assert assigned["complaint"]["handler"] == {"id": handler.pk, "name": "Wong Siu Ming"}


def test_a_breach_found_by_the_sweep_sends_complaint_breached(receiver):
    # Given a Hong Kong letter under investigation, its reply due Thursday 18:00
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    WebhookSubscriptionFactory(
        organisation=tree.organisation, url=receiver.url, events=[EventType.BREACHED]
    )
    handler = staff(Role.HANDLER, tree.site)
    complaint = complaint_at(
        tree.site, channel=Channel.LETTER, received_at=local("HK", "2026-03-02 10:00")
    )
    drive_to(complaint, "investigating", handler=handler)

    # When the sweep runs after the deadline, twice
    sla_sweep(local("HK", "2026-03-05 18:01"))
    sla_sweep(local("HK", "2026-03-05 18:02"))

    # Then the receiver heard of the breach once: which clock, and the deadline it missed
    [request] = receiver.requests
    payload = request.json()
    assert payload["type"] == "complaint.breached"
    assert payload["complaint"]["reference"] == complaint.reference
    assert payload["data"]["clock"] == "reply"
    assert datetime.fromisoformat(payload["data"]["due_at"]) == local("HK", "2026-03-05 18:00")
    assert datetime.fromisoformat(payload["occurred_at"]) == local("HK", "2026-03-05 18:01")


def test_a_complaint_timed_a_few_minutes_ahead_of_the_servers_clock_is_sent_at_once(receiver):
    # Given a time of receipt three minutes ahead (a caller's clock that runs fast: intake
    # allows five)
    tree = org_tree()
    WebhookSubscriptionFactory(organisation=tree.organisation, url=receiver.url)
    ahead = timezone.now() + timedelta(minutes=3)

    # When the complaint is registered
    complaint_at(tree.site, received_at=ahead)

    # Then it is sent after the commit, not three minutes later, and logged when it was
    # recorded; the event still says when it happened
    [request] = receiver.requests
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.created_at < ahead
    assert datetime.fromisoformat(request.json()["occurred_at"]) == ahead
