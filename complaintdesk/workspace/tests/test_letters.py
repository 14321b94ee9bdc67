"""Writing to the complainant from the complaint page: the draft in their language from the
template, corrected and sent; letters for the post downloaded as PDF."""

import pytest
from django.core import mail

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.tests.factories import (
    ComplaintFactory,
    drive_to,
    handler_for,
    staff,
)
from complaintdesk.correspondence.models import Letter, LetterStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_handler_sends_a_progress_update_they_corrected_in_the_complainants_language(client):
    # Given a complaint in Traditional Chinese under investigation, its complainant with e-mail
    complaint = ComplaintFactory(language="zh-hant")
    complaint.complainant.email = "tai.man@example.com"
    complaint.complainant.save()
    handler = handler_for(complaint)
    drive_to(complaint, "investigating", handler=handler)
    client.force_login(handler)

    # When the handler opens a progress update from the complaint page
    page = client.get(
        f"/complaints/{complaint.reference}/letters/new/?kind=progress_update",
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()

    # Then the draft is in the complainant's language, though the page is in English
    assert "我們仍在處理您的投訴" in page

    # When they add what has been done and send it by e-mail
    client.post(
        f"/complaints/{complaint.reference}/letters/new/",
        {
            "kind": "progress_update",
            "channel": "email",
            "subject": f"您的投訴 {complaint.reference}：處理進度",
            "body": "陳先生您好：\n\n工程部已訂購升降機零件，預計下星期更換。",
        },
    )

    # Then the complainant receives exactly what they wrote, and the complaint page lists it
    letter = Letter.objects.get()
    assert (letter.status, letter.last_error) == (LetterStatus.SENT, ""), letter.last_error
    (message,) = mail.outbox
    assert "工程部已訂購升降機零件" in message.body
    assert Letter.objects.get().status == LetterStatus.SENT
    detail = client.get(complaint.get_absolute_url()).content.decode()
    assert 'data-testid="letter"' in detail


def test_a_letter_for_the_post_downloads_as_a_pdf(client):
    complaint = ComplaintFactory()
    complaint.complainant.address = "沙田第一城 2 座 10 樓 A 室"
    complaint.complainant.save()
    handler = handler_for(complaint)
    drive_to(complaint, "proposed", handler=handler)
    services.complaint_reply(
        complaint, handler, channel="letter", text="已維修。", reasons="老化。"
    )
    client.force_login(handler)

    letter = Letter.objects.get()
    response = client.get(f"/complaints/{complaint.reference}/letters/{letter.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_someone_who_cannot_see_the_complaint_gets_no_letter(client, tree):
    complaint = ComplaintFactory(unit=tree.site)
    client.force_login(staff(Role.HANDLER, tree.sibling_site))

    assert client.get(f"/complaints/{complaint.reference}/letters/new/").status_code == 404
