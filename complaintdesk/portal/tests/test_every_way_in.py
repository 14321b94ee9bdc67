"""The intake issue's end to end: a complaint sent through /submit/, one by mail and one taken
down by staff from a letter each appear once, get their acknowledgement by mail (through a
real SMTP server), and are followed by their complainants to closure from the link in that
mail, accepting the solution and rating the handling on /track/."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints import services
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint, Rating
from complaintdesk.complaints.tests.factories import drive_to, handler_for, org_tree, staff
from complaintdesk.complaints.tests.public import open_form
from complaintdesk.core.testing import smtp_server
from complaintdesk.mailin.services import mail_ingest
from complaintdesk.mailin.tests.messages import raw_mail
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^\s（）]+/track/[A-Z]+-\d{4}-\d{6}/[0-9A-Z-]+/")


def _send_web_form(client, tree) -> None:
    page = client.get(f"/submit/{tree.organisation.code}/").content.decode()
    key = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    client.post(
        f"/submit/{tree.organisation.code}/",
        {
            "submission": key,
            "name": "陳大文",
            "email": "web@example.com",
            "subject": "升降機停用三日",
            "description": "第二座升降機已停用三日。",
            "privacy_accepted": "on",
        },
    )


def _take_down_a_letter(client, tree) -> None:
    client.force_login(staff(Role.RECEIVER, tree.district, username="desk"))
    client.post(
        reverse("complaints:new"),
        {
            "name": "黃小明",
            "email": "letter@example.com",
            "unit": tree.district.pk,
            "channel": "letter",
            "subject": "管理費多收",
            "description": "本月管理費多收二百元。",
            "grade": "general",
        },
    )
    client.logout()


def test_a_web_a_mailed_and_a_taken_down_complaint_are_each_acknowledged_and_tracked_to_closure(
    client, settings
):
    with smtp_server(settings) as mailbox:
        # Given an organisation on the Hong Kong pack with its public form open
        tree = org_tree()
        on_policy(tree.organisation, "seed-hk-property", "HK")
        open_form(tree)

        # When a complaint comes in each way
        _send_web_form(client, tree)
        mail_ingest(tree.organisation, raw_mail(sender="李四 <mail@example.com>"))
        _take_down_a_letter(client, tree)

        # Then each appears once, acknowledged, and its complainant got one mail with a link
        complaints = {c.complainant.email: c for c in Complaint.objects.all()}
        assert sorted(complaints) == ["letter@example.com", "mail@example.com", "web@example.com"]
        links = {}
        for message in mailbox.messages:
            (link,) = LINK.findall(message.get_body(("plain",)).get_content())
            links[message["To"]] = link
        assert sorted(links) == sorted(complaints)
        assert all(c.status == Status.ACKNOWLEDGED for c in Complaint.objects.all())

        for email, complaint in complaints.items():
            # When staff answer it
            handler = handler_for(complaint)
            replier = complaint.received_by or handler  # the receiver answers what they took
            drive_to(complaint, "replied", handler=handler, replier=replier)

            # And its complainant opens the link from their mail, accepts and rates
            tracker = Client()  # their own browser, not signed in
            opened = tracker.get(urlsplit(links[email]).path)
            assert opened.status_code == 302
            tracker.post(f"/track/{complaint.reference}/answer/", {"response": "accepted"})
            tracker.post(f"/track/{complaint.reference}/rate/", {"score": "5"})

            # And staff follow up and close it
            services.complaint_start_follow_up(complaint, handler)
            services.complaint_record_follow_up(complaint, handler, result="resolved")
            services.complaint_close(complaint, handler)

            # Then the complainant sees it closed, with their answer and rating on record
            page = tracker.get(f"/track/{complaint.reference}/", HTTP_ACCEPT_LANGUAGE="en")
            assert "Your complaint is closed." in page.content.decode()
            complaint.refresh_from_db()
            assert complaint.complainant_response == "accepted"
            assert Rating.objects.get(complaint=complaint).score == 5
