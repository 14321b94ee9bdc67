"""Mail in: a new mail makes a complaint with its sender as the complainant; an answer joins
its complaint; Chinese in any of its charsets is read right; automatic replies, bounces and
our own mail never become complaints; the same message twice is one complaint."""

import pytest
from django.core import mail

from complaintdesk.complaints.choices import Channel, EventKind, Status
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import drive_to, org_tree
from complaintdesk.complaints.tests.public import open_form
from complaintdesk.correspondence.models import Letter, LetterStatus
from complaintdesk.mailin.models import InboundMessage, Mailbox
from complaintdesk.mailin.services import mail_ingest
from complaintdesk.sla.tests.factories import on_policy

from .messages import bounce_of, raw_mail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tree():
    tree = org_tree(default_language="zh-hant")
    Mailbox.objects.create(
        organisation=tree.organisation,
        address="complaints@harbourview.example",
        intake_unit=tree.district,
        host="127.0.0.1",
        username="complaints",
        password="secret",
    )
    return tree


def test_a_new_mail_makes_a_complaint_with_its_sender_as_the_complainant(tree):
    # When a mail arrives at the organisation's complaints address with a photo
    raw = raw_mail(attachment=("lift.jpg", "image/jpeg", b"\xff\xd8\xff photo"))
    result = mail_ingest(tree.organisation, raw)

    # Then it is a complaint by e-mail in the mailbox's unit, in Traditional Chinese
    complaint = result.complaint
    assert result.outcome == "created"
    assert complaint.channel == Channel.EMAIL
    assert complaint.unit == tree.district
    assert complaint.subject == "升降機停用三日"
    assert "長者無法出入" in complaint.description
    assert complaint.language == "zh-hant"
    assert complaint.complainant.name == "陳大文"
    assert complaint.complainant.email == "tai.man@example.com"
    assert complaint.attachments.get().original_name == "lift.jpg"


@pytest.mark.parametrize(
    ("charset", "subject", "body", "language"),
    [
        ("gb2312", "投诉：电梯坏了", "电梯坏了三天，镕基大厦的老人无法下楼。", "zh-hans"),
        ("gbk", "信用卡年费乱收", "我没有开通的服务被扣了𠀀年费。", "zh-hans"),
        ("gb18030", "退款一直未到账", "申请退款已经十五天。", "zh-hans"),
        ("big5", "升降機壞了", "沙田第一城的升降機壞了，邨內長者無法出入。", "zh-hant"),
        ("utf-8", "管理費多收", "本月管理費多收了港幣二百元。", "zh-hant"),
    ],
)
def test_chinese_in_every_charset_chinese_mailers_use_is_read_right(
    tree, charset, subject, body, language
):
    raw = raw_mail(subject=subject, body=body, charset=charset, message_id=f"<{charset}@m.cn>")

    complaint = mail_ingest(tree.organisation, raw).complaint

    assert complaint.subject == subject
    assert complaint.description == body
    assert complaint.language == language
    assert complaint.complainant.name == "陳大文"


def test_the_same_message_delivered_twice_is_one_complaint(tree):
    raw = raw_mail()

    first = mail_ingest(tree.organisation, raw)
    second = mail_ingest(tree.organisation, raw)

    assert second.duplicate and second.complaint == first.complaint
    assert Complaint.objects.count() == 1


def test_a_reply_to_our_mail_joins_its_complaint_and_answers_the_question(tree):
    # Given a mailed complaint whose handler asked the complainant for photos by e-mail
    open_form(tree)
    complaint = mail_ingest(tree.organisation, raw_mail()).complaint
    drive_to(complaint, "awaiting_complainant")
    question = Letter.objects.get(kind="information_request")

    # When the complainant answers that mail
    answer = raw_mail(
        subject=f"Re: 您的投訴 {complaint.reference}：我們需要一些資料",
        body="相片已附上。",
        message_id="<answer@mail.example.com>",
        headers={"In-Reply-To": question.message_id},
        attachment=("lift2.jpg", "image/jpeg", b"\xff\xd8\xff second photo"),
    )
    result = mail_ingest(tree.organisation, answer)

    # Then it joins that complaint, which goes back to investigation with the photo
    assert result.outcome == "threaded" and result.complaint == complaint
    complaint.refresh_from_db()
    assert complaint.status == Status.INVESTIGATING
    wrote = complaint.events.get(kind=EventKind.COMPLAINANT_WROTE)
    assert wrote.text == "相片已附上。" and wrote.data["channel"] == "email"
    assert complaint.attachments.count() == 1
    assert Complaint.objects.count() == 1


def test_the_reference_in_the_subject_threads_only_from_the_complainants_own_address(tree):
    complaint = mail_ingest(tree.organisation, raw_mail()).complaint

    from_them = raw_mail(
        subject=f"Re: {complaint.reference}", body="仍未修好。", message_id="<a2@mail.example.com>"
    )
    from_a_stranger = raw_mail(
        subject=f"Re: {complaint.reference}",
        body="我也投訴。",
        sender="李四 <li@example.org>",
        message_id="<a3@mail.example.org>",
    )

    assert mail_ingest(tree.organisation, from_them).complaint == complaint
    assert mail_ingest(tree.organisation, from_a_stranger).complaint != complaint


@pytest.mark.parametrize(
    ("headers", "sender"),
    [
        ({"Auto-Submitted": "auto-replied"}, "陳大文 <tai.man@example.com>"),
        ({"X-Autoreply": "yes"}, "陳大文 <tai.man@example.com>"),
        ({"Precedence": "bulk"}, "陳大文 <tai.man@example.com>"),
        ({}, "ComplaintDesk <complaintdesk@localhost>"),
        ({"X-Complaint-Reference": "CP-2026-000001"}, "陳大文 <tai.man@example.com>"),
    ],
)
def test_automatic_replies_and_our_own_mail_never_become_complaints(tree, headers, sender):
    raw = raw_mail(subject="Out of office", body="I am away.", headers=headers, sender=sender)

    result = mail_ingest(tree.organisation, raw)

    assert result.complaint is None
    assert result.outcome in ("auto-reply", "loop")
    assert Complaint.objects.count() == 0
    assert InboundMessage.objects.get().outcome == result.outcome


def test_a_bounce_marks_our_mail_as_not_delivered_and_makes_no_complaint(tree):
    # Given a complaint whose handler's question went out by e-mail
    open_form(tree)
    complaint = mail_ingest(tree.organisation, raw_mail()).complaint
    drive_to(complaint, "awaiting_complainant")
    question = Letter.objects.get(kind="information_request")

    # When the complainant's mail server sends it back
    result = mail_ingest(tree.organisation, bounce_of(question.message_id))

    # Then no complaint is made, the letter is marked undelivered, and the timeline says so
    assert result.outcome == "bounce"
    assert Complaint.objects.count() == 1
    question.refresh_from_db()
    assert question.status == LetterStatus.FAILED
    assert complaint.events.filter(kind=EventKind.CORRESPONDENCE_FAILED).exists()


def test_the_acknowledgement_of_a_mailed_complaint_answers_that_mail(tree):
    # Given an organisation that acknowledges written complaints in writing
    on_policy(tree.organisation, "seed-hk-property", "HK")

    # When a complaint arrives by mail
    mail_ingest(tree.organisation, raw_mail(message_id="<original@mail.example.com>"))

    # Then the acknowledgement is in the reply thread of the complainant's own mail
    (acknowledgement,) = mail.outbox
    assert acknowledgement.extra_headers["In-Reply-To"] == "<original@mail.example.com>"
