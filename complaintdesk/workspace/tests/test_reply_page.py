"""The reply composer page: offered only where the reply is, drafted from the proposal and the
template, the letter drafted again on request, sent as one move, and every word kept when the
reply is refused."""

import pytest
from django.urls import reverse

from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.tests.factories import drive_to, handler_for, org_tree
from complaintdesk.complaints.tests.public import open_form, submitted
from complaintdesk.correspondence.models import Letter, LetterKind

pytestmark = pytest.mark.django_db


def proposed(email: str = "chan@example.com"):
    tree = org_tree()
    open_form(tree)
    complaint = submitted(tree, email=email, language="zh-hant")
    handler = handler_for(complaint)
    drive_to(complaint, Status.PROPOSED, handler=handler)
    return complaint, handler


def reply_url(complaint) -> str:
    return reverse("complaints:reply", args=[complaint.reference])


def fields(**values: str) -> dict[str, str]:
    given = {
        "channel": "email",
        "text": "退還一個月管理費。",
        "reasons": "電梯停用屬我方延誤。",
        "appeal_route": "",
        "letter_subject": "您的投訴",
        "letter_body": "陳先生：我們會退還一個月管理費。",
    }
    given.update(values)
    return {f"reply-{name}": value for name, value in given.items()}


def test_the_complaint_page_leads_to_the_composer_with_the_proposal_drafted(client):
    complaint, handler = proposed()
    client.force_login(handler)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert reply_url(complaint) in page
    composer = client.get(reply_url(complaint))
    assert composer.status_code == 200
    body = composer.content.decode()
    proposal = complaint.proposals.get()
    assert proposal.reasons in body and complaint.reference in body
    assert 'data-testid="reply-letter"' in body and "處理決定" in body  # the 繁體 template


def test_the_composer_is_not_offered_before_a_proposal(client):
    tree = org_tree()
    open_form(tree)
    complaint = submitted(tree, email="chan@example.com")
    handler = handler_for(complaint)
    drive_to(complaint, Status.INVESTIGATING, handler=handler)
    client.force_login(handler)
    assert client.get(reply_url(complaint)).status_code == 404


def test_the_letter_is_drafted_again_from_what_was_typed(client):
    complaint, handler = proposed()
    client.force_login(handler)
    typed = fields(text="更換電梯零件並退款。", letter_body="old")
    response = client.post(reply_url(complaint), {**typed, "refill": "1"}, HTTP_HX_REQUEST="true")
    part = response.content.decode()
    assert response.status_code == 200 and part.lstrip().startswith("<fieldset")
    assert "更換電梯零件並退款。" in part and ">old<" not in part
    assert not Letter.objects.filter(kind=LetterKind.DECISION).exists()  # nothing sent


def test_sending_replies_with_the_letter_as_corrected(client):
    complaint, handler = proposed()
    client.force_login(handler)
    response = client.post(reply_url(complaint), fields())
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.REPLIED
    letter = Letter.objects.get(kind=LetterKind.DECISION)
    assert (letter.subject, letter.body) == ("您的投訴", "陳先生：我們會退還一個月管理費。")


def test_a_refused_reply_comes_back_with_every_word_typed(client):
    # Given a complainant with no e-mail address, and a reply written to go by e-mail
    complaint, handler = proposed(email="")
    client.force_login(handler)
    typed = fields(letter_body="陳先生：我們會退還一個月管理費，並已更換零件。")
    # When it is sent
    response = client.post(reply_url(complaint), typed)
    # Then it is refused, and the page holds what was typed
    assert response.status_code == 409
    page = response.content.decode()
    for words in ("退還一個月管理費。", "電梯停用屬我方延誤。", "並已更換零件"):
        assert words in page
    complaint.refresh_from_db()
    assert complaint.status == Status.PROPOSED


def test_an_oral_reply_sends_no_letter(client):
    complaint, handler = proposed()
    client.force_login(handler)
    client.post(reply_url(complaint), fields(channel="oral_phone"))
    complaint.refresh_from_db()
    assert complaint.status == Status.REPLIED
    assert not Letter.objects.filter(kind=LetterKind.DECISION).exists()
