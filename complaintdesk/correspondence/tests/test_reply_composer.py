"""The reply composer's letter: drafted from the organisation's template in the complainant's
language with the latest proposal, corrected by the handler, and sent exactly as corrected, or
not at all (and then the reply is not made either)."""

import pytest

from complaintdesk.complaints import services
from complaintdesk.complaints.choices import ReplyChannel, Status
from complaintdesk.complaints.models import Reply
from complaintdesk.complaints.tests.factories import drive_to, handler_for, org_tree
from complaintdesk.complaints.tests.public import open_form, submitted
from complaintdesk.core.errors import GuardFailed
from complaintdesk.core.testing import smtp_server
from complaintdesk.correspondence.models import Letter, LetterKind, LetterTemplate
from complaintdesk.correspondence.replies import reply_draft, reply_start
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(settings):
    with smtp_server(settings) as catcher:
        yield catcher


def bank_complaint_proposed(language: str = "zh-hant", email: str = "chan@example.com"):
    tree = org_tree()
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    open_form(tree)
    complaint = submitted(tree, email=email, language=language)
    handler = handler_for(complaint)
    drive_to(complaint, Status.PROPOSED, handler=handler)
    return complaint, handler


def test_the_composer_starts_from_the_proposal_and_the_review_route_in_the_complainants_language():
    complaint, _ = bank_complaint_proposed(language="zh-hant")
    start = reply_start(complaint)
    proposal = complaint.proposals.get()
    assert start.channel == ReplyChannel.EMAIL
    assert start.reasons == proposal.reasons
    assert proposal.description in start.text
    assert "30" in start.appeal_route and "覆核" in start.appeal_route  # 繁體, the bank's 30 days
    draft = reply_draft(
        complaint, text=start.text, reasons=start.reasons, appeal_route=start.appeal_route
    )
    assert draft.kind == LetterKind.DECISION and not draft.own_template
    assert complaint.reference in draft.subject
    for words in (start.reasons, start.appeal_route, "處理決定"):
        assert words in draft.body


def test_the_organisations_template_is_the_draft_where_it_has_one():
    complaint, _ = bank_complaint_proposed(language="en")
    LetterTemplate.objects.create(
        organisation=complaint.organisation,
        kind=LetterKind.DECISION,
        language="en",
        subject="Decision on {{ reference }}",
        body="Dear {{ complainant_name }}, we decided: {{ decision }}. Why: {{ reasons }}.",
    )
    draft = reply_draft(complaint, text="A refund", reasons="Double charge", appeal_route="")
    assert draft.own_template
    assert draft.subject == f"Decision on {complaint.reference}"
    assert "we decided: A refund. Why: Double charge." in draft.body


@pytest.mark.django_db(transaction=True)
def test_the_letter_goes_out_exactly_as_the_handler_corrected_it(mailbox):
    complaint, handler = bank_complaint_proposed()
    mailbox.messages.clear()
    # When the handler replies by e-mail with a letter they rewrote
    services.complaint_reply(
        complaint,
        handler,
        channel=ReplyChannel.EMAIL,
        text="退還手續費 200 元。",
        reasons="系統重複扣費。",
        letter_subject="關於您的投訴：退還手續費",
        letter_body="陳先生：\n\n我們會退還手續費 200 元，並已修正系統。\n\n此致",
    )
    # Then the mail is their letter, word for word
    (message,) = mailbox.messages
    assert message["Subject"] == "關於您的投訴：退還手續費"
    letter = Letter.objects.get(kind=LetterKind.DECISION)
    assert letter.body == "陳先生：\n\n我們會退還手續費 200 元，並已修正系統。\n\n此致"
    assert letter.created_by == handler


def test_a_corrected_letter_that_cannot_go_stops_the_reply_and_nothing_is_kept():
    # Given a complainant who left no e-mail address
    complaint, handler = bank_complaint_proposed(email="")
    # When the handler writes a letter to go by e-mail
    with pytest.raises(GuardFailed) as refused:
        services.complaint_reply(
            complaint,
            handler,
            channel=ReplyChannel.EMAIL,
            text="Refund",
            reasons="Double charge",
            letter_subject="Your complaint",
            letter_body="We refund the fee.",
        )
    # Then the reply is refused with the reason, and neither reply nor letter was kept
    assert "e-mail" in " ".join(refused.value.details)
    complaint.refresh_from_db()
    assert complaint.status == Status.PROPOSED
    assert not Reply.objects.filter(complaint=complaint).exists()
    assert not Letter.objects.filter(kind=LetterKind.DECISION).exists()


def test_a_letter_still_holding_a_variable_is_refused():
    complaint, handler = bank_complaint_proposed()
    with pytest.raises(GuardFailed):
        services.complaint_reply(
            complaint,
            handler,
            channel=ReplyChannel.EMAIL,
            text="Refund",
            reasons="Double charge",
            letter_subject="Your complaint",
            letter_body="Dear {{ complainant }}, we refund the fee.",
        )
    assert not Reply.objects.filter(complaint=complaint).exists()
