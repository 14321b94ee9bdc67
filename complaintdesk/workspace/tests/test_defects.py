"""Defects found by trying the product as a user and as a hostile user (issue 9), each through
the page or the endpoint where it was found."""

import base64
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.models import ApprovalStatus
from complaintdesk.authority.tests.factories import case, refund_ladder
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.selectors import complaint_queue
from complaintdesk.complaints.tests.factories import (
    ComplaintFactory,
    complaint_at,
    drive_to,
    manager_for,
    org_tree,
    reply,
    staff,
)
from complaintdesk.core.errors import GuardFailed
from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.sla.models import ClockRule
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db


def _record_url(complaint, kind: str) -> str:
    return reverse("complaints:record", args=[complaint.reference, kind])


def test_an_attachment_uploaded_through_the_complaint_page_is_kept(client):
    # Given a complaint under investigation and its manager on the page
    complaint = drive_to(ComplaintFactory(), "investigating")
    client.force_login(manager_for(complaint))

    # When they post the page's attachment form (its fields carry the form's prefix)
    photo = SimpleUploadedFile("lift.jpg", b"\xff\xd8\xff a photo of the lift", "image/jpeg")
    response = client.post(
        _record_url(complaint, "attachment"),
        {"attachment-file": photo, "attachment-description": "Lift door"},
    )

    # Then the page goes back to the complaint and the photo is kept with the record
    assert response.status_code == 302
    (attachment,) = complaint.attachments.all()
    assert (attachment.original_name, attachment.description) == ("lift.jpg", "Lift door")


@pytest.mark.parametrize("amount", ["1234567890123", "1e30", "12.345", "-5"])
def test_an_amount_the_record_cannot_hold_is_refused_and_the_page_still_opens(client, amount):
    # Given a complaint ready for a proposal
    given = case()
    client.force_login(given.handler)
    url = reverse("complaints:action", args=[given.complaint.reference, "propose"])

    # When a proposal with that amount is posted
    response = client.post(
        url,
        {"remedy_type": "refund", "amount": amount, "reasons": "Charged twice."},
    )

    # Then it is refused with the form shown again, nothing is kept, and the page still opens
    assert response.status_code == 400
    assert not given.complaint.proposals.exists()
    assert client.get(given.complaint.get_absolute_url()).status_code == 200


def test_the_service_refuses_an_amount_beyond_the_models_digits_in_chinese():
    given = case()
    with translation.override("zh-hant"), pytest.raises(GuardFailed) as refused:
        services.complaint_propose(
            given.complaint,
            given.handler,
            remedy_type="refund",
            reasons="Charged twice.",
            amount=Decimal("1234567890123"),
        )
    assert any("999,999,999,999.99" in detail for detail in refused.value.details)
    assert refused.value.message != "The proposal is not complete:"
    assert not given.complaint.proposals.exists()


@pytest.mark.parametrize(
    "raw",
    [
        "9999-12-31T23:59:59-23:59|1",
        "0001-01-01T00:00:00+14:00|1",
        "received_at|not a date|1",
        "sla_due_at|2026-01-01T00:00:00+00:00|x",
    ],
)
def test_a_crafted_queue_cursor_starts_the_queue_from_the_top(client, raw):
    # Given a manager with one complaint in sight
    tree = org_tree()
    complaint = complaint_at(tree.site)
    client.force_login(staff(Role.DISTRICT_MANAGER, tree.district))
    cursor = base64.urlsafe_b64encode(raw.encode()).decode()

    # When the queue is asked for with a crafted cursor, in both orders
    for order in ("received", "due"):
        response = client.get(reverse("complaints:list"), {"cursor": cursor, "order": order})

        # Then the queue answers, from the top
        assert response.status_code == 200
        assert complaint.reference in response.content.decode()


def test_an_approval_post_without_a_decision_decides_nothing(client):
    # Given a request waiting for the regional general manager
    given = case()
    refund_ladder(given.tree)
    proposal = given.propose("refund", "5000")
    request = proposal.approval_request
    url = reverse("complaints:approval_decide", args=[given.complaint.reference, request.pk])

    # When the approver posts reasons but neither "approve" nor "refuse"
    client.force_login(given.regional_gm)
    client.post(url, {"reason": "Fine by me."})

    # Then nothing is decided and the complaint waits as before
    request.refresh_from_db()
    given.complaint.refresh_from_db()
    assert request.status == ApprovalStatus.PENDING
    assert given.complaint.status == Status.PROPOSED


def test_a_non_approver_is_told_they_may_not_decide_before_anything_else(client):
    given = case()
    refund_ladder(given.tree)
    request = given.propose("refund", "5000").approval_request
    url = reverse("complaints:approval_decide", args=[given.complaint.reference, request.pk])
    client.force_login(given.district_manager)
    response = client.post(url, {"decision": "approve"}, follow=True)
    text = response.content.decode()
    assert "may decide on this request" in text
    assert "Please give the reasons" not in text


@pytest.mark.parametrize("order", ["received", "due"])
@pytest.mark.parametrize("status", ["open", "", "final"])
def test_paging_to_the_end_of_every_order_returns_exactly_the_filtered_complaints(order, status):
    # Given complaints with and without a running deadline (paused, replied, closed, none)
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    manager = staff(Role.DISTRICT_MANAGER, tree.district)
    for target in ("received", "investigating", "awaiting_complainant", "replied", "closed"):
        for _ in range(2):
            drive_to(complaint_at(tree.site), target, by=manager)
    expected = set(complaint_queue(manager, status=status, order="received", limit=1000).rows)

    # When the queue is paged three at a time to its end
    seen, cursor = [], ""
    while True:
        page = complaint_queue(manager, status=status, order=order, cursor=cursor, limit=3)
        seen += page.rows
        if not page.next_cursor:
            break
        cursor = page.next_cursor

    # Then every complaint of the filter came exactly once
    assert len(seen) == len(set(seen))
    assert set(seen) == expected
    assert any(row.sla_due_at is None for row in seen) or status == "final"


def test_the_overdue_executive_report_asks_for_the_report_not_a_phone_call():
    # Given the board office's clock for the written report to the executives
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    rule = ClockRule.objects.get(policy__code="seed-hk-property", name="board_report")
    reader = staff(Role.BOARD_INVESTIGATOR, tree.board_office)

    # When its breach is rendered for the investigator
    (row,) = Notification.objects.bulk_create(
        [
            Notification(
                recipient=reader,
                kind=NotificationKind.PROGRESS_TASK,
                complaint=complaint_at(tree.site),
                params={"rule": rule.pk},
                created_at=timezone.now(),
            )
        ]
    )

    # Then it asks for the report to the executives, not a call to the complainant
    with translation.override("en"):
        assert "written report to the executives" in row.body
        assert "Call the complainant" not in row.body


def test_a_follow_up_call_keeps_the_time_it_was_made(client):
    # Given a complaint in follow-up whose reply went out an hour ago
    complaint = drive_to(ComplaintFactory(), "proposed")
    manager = manager_for(complaint)
    reply(complaint, complaint.received_by, at=timezone.now() - timedelta(hours=1))
    services.complaint_start_follow_up(complaint, manager)
    client.force_login(manager)
    made = timezone.localtime(timezone.now() - timedelta(minutes=20)).replace(
        second=0, microsecond=0
    )

    # When the call made twenty minutes ago is logged with its time
    client.post(
        _record_url(complaint, "follow_up"),
        {
            "follow_up-result": "resolved",
            "follow_up-outcome_satisfaction": "5",
            "follow_up-at": made.strftime("%Y-%m-%dT%H:%M"),
        },
    )

    # Then the follow-up carries that time
    (follow_up,) = complaint.follow_ups.all()
    assert follow_up.done_at == made


@pytest.mark.parametrize("offset", [timedelta(days=1), timedelta(days=-30)])
def test_a_follow_up_dated_in_the_future_or_before_the_reply_is_refused(offset):
    complaint = drive_to(ComplaintFactory(), "following_up")
    with pytest.raises(GuardFailed):
        services.complaint_record_follow_up(
            complaint, manager_for(complaint), result="resolved", at=timezone.now() + offset
        )
    assert not complaint.follow_ups.exists()


@override_settings(EMAIL_BACKEND="complaintdesk.core.mail.DevelopmentMailBackend")
def test_development_mail_goes_to_a_file_with_one_line_in_the_log(tmp_path, settings, caplog):
    settings.EMAIL_FILE_PATH = tmp_path
    with caplog.at_level("INFO", logger="complaintdesk.mail"):
        mail.send_mail("Due soon: CP-1", "Body", "desk@example.test", ["handler@example.test"])
    (written,) = list(tmp_path.iterdir())
    assert "Due soon: CP-1" in written.read_text()
    (line,) = [r.getMessage() for r in caplog.records if r.name == "complaintdesk.mail"]
    assert line.startswith("mail to handler@example.test: Due soon: CP-1")
