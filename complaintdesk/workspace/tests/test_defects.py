"""Defects found by trying the product as a user and as a hostile user (issue 9), each through
the page or the endpoint where it was found."""

import base64
import logging
from datetime import timedelta
from decimal import Decimal
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
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
from complaintdesk.core.logs import TaskLifecycleFilter
from complaintdesk.customers.models import IdentityDocument
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


def test_development_mail_goes_to_a_file_with_one_line_in_the_log(tmp_path, settings, caplog):
    # Through the settings fixture alone: an override_settings decorator beside it would be
    # undone in the wrong order and leave this backend to every later test.
    settings.EMAIL_BACKEND = "complaintdesk.core.mail.DevelopmentMailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    with caplog.at_level("INFO", logger="complaintdesk.mail"):
        mail.send_mail("Due soon: CP-1", "Body", "desk@example.test", ["handler@example.test"])
    (written,) = list(tmp_path.iterdir())
    assert "Due soon: CP-1" in written.read_text()
    (line,) = [r.getMessage() for r in caplog.records if r.name == "complaintdesk.mail"]
    assert line.startswith("mail to handler@example.test: Due soon: CP-1")


def test_the_receiver_is_asked_to_confirm_when_a_colleague_replies():
    # Given a complaint a colleague of the receiver is about to answer
    complaint = ComplaintFactory()
    colleague = staff(Role.HANDLER, complaint.unit)
    drive_to(complaint, "proposed")

    # When the colleague sends the reply
    reply(complaint, colleague)

    # Then the receiver, and only they, is asked to confirm it reached the complainant
    (asked,) = Notification.objects.filter(kind=NotificationKind.CONFIRM_RECEIPT)
    assert asked.recipient == complaint.received_by
    with translation.override("en"):
        assert str(colleague) in asked.body and complaint.reference in asked.subject
    with translation.override("zh-hans"):
        assert "投诉人" in Notification.objects.get(pk=asked.pk).body


def test_no_confirmation_is_asked_when_the_receiver_replies_themselves():
    complaint = drive_to(ComplaintFactory(), "replied")
    assert not Notification.objects.filter(kind=NotificationKind.CONFIRM_RECEIPT).exists()
    assert complaint.replies.get().sent_by == complaint.received_by


def test_a_manager_confirms_for_an_absent_receiver_with_a_reason_and_the_complaint_closes():
    # Given a colleague's reply, the receiver away, and everything else settled
    complaint = ComplaintFactory()
    colleague = staff(Role.HANDLER, complaint.unit)
    drive_to(complaint, "proposed")
    reply(complaint, colleague)
    manager = manager_for(complaint)
    services.complaint_start_follow_up(complaint, manager)
    services.complaint_record_response(complaint, manager, "accepted")
    services.complaint_record_follow_up(complaint, manager, result="resolved")

    # When the manager confirms without a reason / Then they are asked for one
    with pytest.raises(GuardFailed):
        services.complaint_confirm_reply_receipt(complaint, manager, note="Called her.")

    # When they give one / Then the confirmation is theirs, on the receiver's behalf, and it closes
    services.complaint_confirm_reply_receipt(
        complaint, manager, note="Called her.", on_behalf_reason="Receiver on leave until May."
    )
    confirmed = complaint.replies.get()
    assert confirmed.receiver_confirmed_by == manager
    event = complaint.events.get(kind="receipt_confirmed")
    assert event.data["on_behalf_of"] == complaint.received_by_id
    assert "Receiver on leave until May." in event.text
    services.complaint_close(complaint, manager)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def test_a_colleague_who_is_not_a_manager_cannot_confirm_for_the_receiver():
    complaint = ComplaintFactory()
    colleague = staff(Role.HANDLER, complaint.unit)
    drive_to(complaint, "proposed")
    reply(complaint, colleague)
    with pytest.raises(GuardFailed) as refused:
        services.complaint_confirm_reply_receipt(
            complaint, colleague, on_behalf_reason="I replied, I know it arrived."
        )
    assert str(complaint.received_by) in refused.value.message


def test_a_follow_up_posted_from_a_stale_page_is_refused_with_the_text_kept(client):
    # Given a complaint that went back to the complainant after the page was opened
    complaint = drive_to(ComplaintFactory(), "awaiting_complainant")
    client.force_login(manager_for(complaint))

    # When a follow-up call typed on the old page is posted
    response = client.post(
        _record_url(complaint, "follow_up"),
        {"follow_up-result": "resolved", "follow_up-notes": "She is happy with the repair."},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    # Then it is refused, says why, and shows the form again with what was typed
    html = response.content.decode()
    assert response.status_code == 400
    assert "cannot be recorded while the complaint is" in html
    assert "She is happy with the repair." in html
    assert 'data-testid="stale-form"' in html
    assert not complaint.follow_ups.exists()


def test_an_invalid_field_on_a_form_not_offered_now_is_shown_with_a_message(client):
    # Given a complaint in investigation (no reply yet, so no follow-up form is offered)
    complaint = drive_to(ComplaintFactory(), "investigating")
    client.force_login(manager_for(complaint))

    # When a follow-up with an invalid result is posted
    response = client.post(
        _record_url(complaint, "follow_up"),
        {"follow_up-result": "maybe", "follow_up-notes": "Typed text"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    # Then the page says what to correct and keeps the text
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please correct what is marked below" in html
    assert "Typed text" in html


def test_an_action_posted_from_a_stale_page_keeps_its_reason(client):
    # Given a complaint already withdrawn while someone was typing a rejection
    complaint = drive_to(ComplaintFactory(), "withdrawn")
    client.force_login(manager_for(complaint))

    # When the rejection is posted
    response = client.post(
        reverse("complaints:action", args=[complaint.reference, "reject"]),
        {"reject-reason": "Not our building, it belongs to the estate next door."},
    )

    # Then it is refused and the typed reason is still on the page
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not our building, it belongs to the estate next door." in html


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_an_oral_reply_does_not_meet_the_written_reply_clock(language):
    # Given a letter complaint of an organisation on the Hong Kong pack, ready for its reply
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    complaint = drive_to(complaint_at(tree.site, channel="letter"), "proposed")

    # When the reply is given by phone / Then it is refused, naming the written reply clock
    with translation.override(language), pytest.raises(GuardFailed) as refused:
        reply(complaint, complaint.received_by, channel="oral_phone")
    with translation.override(language):
        label = ClockRule.objects.get(policy__code="seed-hk-property", name="reply").label
    assert any(label in detail for detail in refused.value.details)
    complaint.refresh_from_db()
    assert complaint.status == Status.PROPOSED and not complaint.replies.exists()

    # When it is sent by letter / Then the clock is met
    reply(complaint, complaint.received_by, channel="letter")
    clock = complaint.clocks.get(name="reply")
    assert clock.state == "met"


def test_a_phone_complaint_may_be_answered_by_phone():
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    complaint = drive_to(complaint_at(tree.site, channel="phone"), "proposed")
    reply(complaint, complaint.received_by, channel="oral_phone")
    complaint.refresh_from_db()
    assert complaint.status == Status.REPLIED


def _with_identity():
    complaint = drive_to(ComplaintFactory(), "investigating")
    person = complaint.complainant
    person.id_document_type = IdentityDocument.PRC_ID
    person.id_document_number = "440301199001011234"
    person.save(update_fields=["id_document_type", "id_document_number"])
    return complaint


def test_an_identity_number_is_masked_for_everyone_until_revealed_and_the_reveal_is_audited(
    client,
):
    # Given a complaint whose complainant gave a mainland ID number, and its manager
    complaint = _with_identity()
    manager = manager_for(complaint)
    client.force_login(manager)

    # When the manager opens the page / Then the number is masked, with a button to show it
    html = client.get(complaint.get_absolute_url()).content.decode()
    assert "440301199001011234" not in html
    assert 'data-testid="reveal-identity"' in html

    # When they reveal it / Then it shows, and the timeline says who saw it and when
    url = reverse("complaints:identity_reveal", args=[complaint.reference])
    html = client.post(url).content.decode()
    assert "440301199001011234" in html
    (event,) = complaint.events.filter(kind="identity_revealed")
    assert event.actor == manager

    # And the next visit masks it again
    assert "440301199001011234" not in client.get(complaint.get_absolute_url()).content.decode()


def test_a_role_that_may_not_see_identity_data_cannot_reveal_it(client):
    complaint = _with_identity()
    auditor = staff(Role.AUDITOR, complaint.unit.parent)
    client.force_login(auditor)
    html = client.get(complaint.get_absolute_url()).content.decode()
    assert 'data-testid="reveal-identity"' not in html
    client.post(reverse("complaints:identity_reveal", args=[complaint.reference]))
    assert not complaint.events.filter(kind="identity_revealed").exists()
    assert "440301199001011234" not in client.get(complaint.get_absolute_url()).content.decode()


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="only SQLite ever kept such values")
def test_an_amount_stored_before_the_bounds_is_cleared_visibly_and_the_page_opens_again(client):
    # Given a proposal whose amount SQLite kept as 1e30 before the services bounded amounts
    given = case()
    proposal = given.propose("refund", "100")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE complaints_proposal SET amount = 1e30 WHERE id = %s", [proposal.pk])

    # When the repair migration runs
    repair = import_module("complaintdesk.complaints.migrations.0005_clear_unreadable_amounts")
    repair.clear(django_apps, SimpleNamespace(connection=connection))

    # Then the amount is cleared, the timeline says what it was, and the page opens
    proposal.refresh_from_db()
    assert proposal.amount is None
    client.force_login(given.handler)
    html = client.get(given.complaint.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert html.status_code == 200
    assert "1e+30" in html.content.decode()
    assert "could not be kept" in html.content.decode()


def test_the_development_log_drops_routine_task_lines_and_keeps_failures():
    quiet = TaskLifecycleFilter()

    def record(level: int) -> logging.LogRecord:
        return logging.LogRecord("django_tasks", level, __file__, 1, "Task id=1", None, None)

    assert not quiet.filter(record(logging.INFO))
    assert quiet.filter(record(logging.ERROR))
    other = logging.LogRecord("complaintdesk.mail", logging.INFO, __file__, 1, "mail", None, None)
    assert quiet.filter(other)
