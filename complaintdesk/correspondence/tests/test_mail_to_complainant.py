"""Mail to the complainant through a real SMTP server on loopback: the acknowledgement of a
written complaint, the handler's question, the reply with its reasons and the policy's words,
and retries while the server refuses, each on the complaint's timeline."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaintdesk.complaints import services
from complaintdesk.complaints.choices import EventKind, Status
from complaintdesk.complaints.tests.factories import (
    ComplaintFactory,
    drive_to,
    handler_for,
    org_tree,
)
from complaintdesk.complaints.tests.public import open_form, submitted
from complaintdesk.complaints.tracking import tracking_code
from complaintdesk.core.testing import smtp_server
from complaintdesk.correspondence.delivery import RETRY_AFTER, letter_deliver
from complaintdesk.correspondence.models import Letter, LetterStatus, LetterTemplate
from complaintdesk.correspondence.placeholders import VARIABLES
from complaintdesk.correspondence.variables import VALUES
from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mailbox(settings):
    with smtp_server(settings) as catcher:
        yield catcher


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_web_complaint_is_acknowledged_by_mail_at_once_which_acknowledges_it(mailbox):
    # Given an organisation on the Hong Kong pack (written complaints acknowledged in writing)
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    open_form(tree)

    # When a complainant sends a complaint through the public form, in Traditional Chinese
    complaint = submitted(tree, email="tai.man@example.com")

    # Then one mail reaches them with the reference, the date of the reply and their link
    (message,) = mailbox.messages
    assert message["To"] == "tai.man@example.com"
    assert complaint.reference in message["Subject"]
    body = _text(message)
    assert "我們已收到您的投訴" in message["Subject"]
    assert tracking_code(complaint) in body
    assert f"/track/{complaint.reference}/" in body
    assert "前給您答覆" in body
    # And the complaint is acknowledged, with the mail on the timeline the complainant sees
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
    sent = complaint.events.get(kind=EventKind.CORRESPONDENCE_SENT)
    assert sent.visibility == "complainant"
    assert Letter.objects.get().message_id == message["Message-ID"]


def test_a_phone_complaint_gets_no_written_acknowledgement(mailbox):
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    complaint = ComplaintFactory(unit=tree.site)
    complaint.complainant.email = "caller@example.com"
    complaint.complainant.save()

    assert mailbox.messages == []
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_the_handlers_question_reaches_the_complainant_by_mail(mailbox):
    tree = org_tree()
    open_form(tree)
    complaint = submitted(tree, email="tai.man@example.com")

    drive_to(complaint, "awaiting_complainant")

    (message,) = mailbox.messages
    assert "Photos of the lift" in _text(message)


def test_a_reply_by_email_carries_the_decision_the_reasons_and_the_regulators_words(mailbox):
    # Given a bank on the 2020 rules, a complaint in Simplified Chinese answered by e-mail
    tree = org_tree()
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    open_form(tree)
    complaint = submitted(tree, email="wang@example.com", language="zh-hans")
    handler = handler_for(complaint)
    drive_to(complaint, "proposed", handler=handler)
    mailbox.messages.clear()

    # When the handler sends the reply by e-mail
    services.complaint_reply(
        complaint,
        handler,
        channel="email",
        text="退还手续费 200 元。",
        reasons="系统重复扣费。",
        appeal_route="如不同意，可于30日内书面申请复核。",
    )

    # Then the complainant's mail holds all of it, with the review route the rules require
    (message,) = mailbox.messages
    body = _text(message)
    assert "我们对您的投诉" in message["Subject"]
    for words in ("退还手续费 200 元。", "系统重复扣费。", "30日内书面申请复核", "核查"):
        assert words in body


def test_a_refused_mail_is_tried_again_and_each_attempt_is_on_the_timeline(mailbox):
    # Given a mail server that refuses the next message
    tree = org_tree()
    open_form(tree)
    mailbox.refuse = 1
    complaint = submitted(tree, email="tai.man@example.com")
    drive_to(complaint, "awaiting_complainant")

    # Then the question is not lost: it waits, and the failure is on the timeline
    letter = Letter.objects.get()
    assert letter.status == LetterStatus.QUEUED and letter.attempts == 1
    assert complaint.events.filter(kind=EventKind.CORRESPONDENCE_FAILED).count() == 1

    # When the worker's beat comes round after the wait
    letter_deliver(letter.pk, now=timezone.now() + RETRY_AFTER[0] + timedelta(seconds=1))

    # Then it is sent, once
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert len(mailbox.messages) == 1
    assert complaint.events.filter(kind=EventKind.CORRESPONDENCE_SENT).count() == 1


def test_a_mail_the_server_keeps_refusing_is_given_up_after_the_last_wait(mailbox):
    tree = org_tree()
    open_form(tree)
    mailbox.refuse = 100
    complaint = submitted(tree, email="tai.man@example.com")
    drive_to(complaint, "awaiting_complainant")
    letter = Letter.objects.get()

    moment = timezone.now()
    for wait in RETRY_AFTER:
        moment += wait + timedelta(seconds=1)
        letter_deliver(letter.pk, now=moment)

    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED
    assert letter.attempts == len(RETRY_AFTER) + 1
    assert "451" in letter.last_error
    # And the handler is told to reach the complainant another way
    (told,) = Notification.objects.filter(kind=NotificationKind.LETTER_FAILED)
    assert told.recipient == complaint.handler


def test_a_reply_by_letter_is_kept_ready_to_print_and_on_the_record(mailbox):
    tree = org_tree()
    complaint = ComplaintFactory(unit=tree.site)
    complaint.complainant.address = "香港沙田第一城 2 座 10 樓 A 室"
    complaint.complainant.save()
    handler = handler_for(complaint)
    drive_to(complaint, "proposed", handler=handler)

    services.complaint_reply(
        complaint, handler, channel="letter", text="已更換升降機零件。", reasons="零件老化。"
    )

    letter = Letter.objects.get()
    assert letter.status == LetterStatus.READY
    assert letter.recipient.startswith("香港沙田")
    assert "已更換升降機零件。" in letter.body
    assert mailbox.messages == []
    assert complaint.events.filter(kind=EventKind.CORRESPONDENCE_SENT).exists()


def test_an_organisations_own_wording_replaces_the_products(mailbox):
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    open_form(tree)
    LetterTemplate.objects.create(
        organisation=tree.organisation,
        kind="acknowledgement",
        language="zh-hant",
        subject="海景物業：投訴 {{ reference }} 已收到",
        body="{{ complainant_name }}：我們會於 {{ due_date }} 前回覆。",
    )

    complaint = submitted(tree, email="tai.man@example.com")

    (message,) = mailbox.messages
    assert message["Subject"].strip() == f"海景物業：投訴 {complaint.reference} 已收到"
    assert _text(message).startswith("陳大文：我們會於 20")


def test_a_template_with_an_unknown_variable_is_refused():
    tree = org_tree()
    template = LetterTemplate(
        organisation=tree.organisation,
        kind="acknowledgement",
        language="en",
        subject="{{ reference }}",
        body="Dear {{ customer }}",
    )

    with pytest.raises(ValidationError) as refused:
        template.full_clean()

    assert "customer" in str(refused.value)


def test_every_variable_an_administrator_may_use_has_a_value():
    assert set(VALUES) == set(VARIABLES)
