"""/track/: the complainant opens their complaint with its reference and code, sees where it
stands in plain words, and writes, answers, rates and appeals there."""

import pytest

from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint, Rating
from complaintdesk.complaints.tests.factories import drive_to, handler_for
from complaintdesk.complaints.tests.public import open_form, submitted
from complaintdesk.complaints.tracking import tracking_code

pytestmark = pytest.mark.django_db


def _opened(client, complaint: Complaint) -> None:
    response = client.get(f"/track/{complaint.reference}/{tracking_code(complaint)}/")
    assert response.status_code == 302
    assert response.url == f"/track/{complaint.reference}/"


def test_the_link_in_our_mail_opens_the_page_and_the_code_leaves_the_address(client, tree):
    # Given a complaint sent through the form
    open_form(tree)
    complaint = submitted(tree)

    # When its link is opened
    _opened(client, complaint)
    response = client.get(f"/track/{complaint.reference}/", HTTP_ACCEPT_LANGUAGE="zh-hant")

    # Then the page says where it stands in plain words, and shows the subject
    assert response.status_code == 200
    text = response.content.decode()
    assert "已收到您的投訴" in text
    assert complaint.subject in text


def test_a_wrong_code_opens_nothing_and_says_only_that_nothing_matches(client, tree):
    open_form(tree)
    complaint = submitted(tree)

    response = client.post(
        "/track/",
        {"reference": complaint.reference, "code": "AAAA-AAAA-AAAA"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 400
    assert "没有与此编号和查询码相符的投诉" in response.content.decode()
    assert client.get(f"/track/{complaint.reference}/").status_code == 302


def test_the_typed_reference_and_code_open_the_page(client, tree):
    open_form(tree)
    complaint = submitted(tree)

    response = client.post(
        "/track/",
        {"reference": complaint.reference.lower(), "code": tracking_code(complaint).lower()},
    )

    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


def test_guessing_codes_is_throttled(client, tree, settings):
    settings.TRACKING_LOOKUPS_PER_HOUR = 3
    open_form(tree)
    complaint = submitted(tree)

    statuses = [
        client.post(
            "/track/", {"reference": complaint.reference, "code": f"AAAA-AAAA-AAA{n}"}
        ).status_code
        for n in range(4)
    ]

    assert statuses == [400, 400, 400, 429]


def test_the_complainant_answers_a_request_and_the_complaint_goes_back_to_investigation(
    client, tree
):
    # Given a web complaint whose handler asked the complainant for photos
    open_form(tree)
    complaint = submitted(tree)
    drive_to(complaint, "awaiting_complainant")
    _opened(client, complaint)
    page = client.get(f"/track/{complaint.reference}/", HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert "Photos of the lift" in page.content.decode()  # the handler's question

    # When they answer on the page
    response = client.post(
        f"/track/{complaint.reference}/write/", {"text": "相片稍後寄上。"}, follow=True
    )

    # Then the complaint is back in investigation and their message is on the page
    complaint.refresh_from_db()
    assert complaint.status == Status.INVESTIGATING
    assert "相片稍後寄上。" in response.content.decode()


def test_the_complainant_accepts_rates_and_sees_both_on_the_page(client, tree):
    # Given a web complaint its handler replied to
    open_form(tree)
    complaint = submitted(tree)
    handler = handler_for(complaint)
    drive_to(complaint, "replied", handler=handler, replier=handler)
    _opened(client, complaint)
    page = client.get(f"/track/{complaint.reference}/").content.decode()
    assert "We repaired the lift and apologise." in page  # the reply
    assert 'data-testid="answer"' in page and 'data-testid="rate"' in page

    # When they accept the solution and rate the handling
    client.post(f"/track/{complaint.reference}/answer/", {"response": "accepted"})
    client.post(f"/track/{complaint.reference}/rate/", {"score": "5", "comment": "Quick."})

    # Then both are recorded and neither form is offered again
    complaint.refresh_from_db()
    assert complaint.complainant_response == "accepted"
    assert Rating.objects.get(complaint=complaint).score == 5
    page = client.get(f"/track/{complaint.reference}/").content.decode()
    assert 'data-testid="answer"' not in page and 'data-testid="rate"' not in page


def test_the_complainant_appeals_with_reasons(client, tree):
    open_form(tree)
    complaint = submitted(tree)
    handler = handler_for(complaint)
    drive_to(complaint, "replied", handler=handler, replier=handler)
    _opened(client, complaint)

    empty = client.post(f"/track/{complaint.reference}/appeal/", {"grounds": ""})
    client.post(f"/track/{complaint.reference}/appeal/", {"grounds": "The offer is too low."})

    assert empty.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == Status.APPEAL
    assert complaint.status_reason == "The offer is too low."


def test_a_browser_that_never_opened_the_complaint_cannot_act_on_it(client, tree):
    open_form(tree)
    complaint = submitted(tree)
    drive_to(complaint, "awaiting_complainant")

    response = client.post(f"/track/{complaint.reference}/write/", {"text": "Hello"})

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_COMPLAINANT
