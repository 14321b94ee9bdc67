"""/submit/: a complainant with no login sends a complaint, gets its reference, what happens
next and by when, and a private tracking code; robots and floods are turned away."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.public import open_form
from complaintdesk.complaints.tracking import tracking_code
from complaintdesk.sla.tests.factories import on_policy

pytestmark = pytest.mark.django_db


def _form_page(client, tree, language="zh-hant"):
    response = client.get(f"/submit/{tree.organisation.code}/", HTTP_ACCEPT_LANGUAGE=language)
    key = re.search(r'name="submission" value="([^"]+)"', response.content.decode()).group(1)
    return response, key


def _complaint(key: str, **fields) -> dict:
    values = {
        "submission": key,
        "name": "陳大文",
        "phone": "9123 4567",
        "subject": "升降機停用三日",
        "description": "第二座升降機已停用三日，長者無法出入。",
        "privacy_accepted": "on",
    }
    values.update(fields)
    return values


def test_a_complaint_sent_through_the_form_gets_its_reference_due_times_and_tracking_code(
    client, tree
):
    # Given an organisation on the Hong Kong pack with its public form open
    on_policy(tree.organisation, "seed-hk-property", "HK")
    open_form(tree)
    page, key = _form_page(client, tree)
    assert "私隱" in page.content.decode()  # the privacy notice, in Traditional Chinese
    assert tree.site.name in page.content.decode()
    assert tree.sibling_site.name not in page.content.decode()

    # When a complainant sends it with a photo, about one of the listed sites
    photo = SimpleUploadedFile("lift.jpg", b"\xff\xd8\xff photo", "image/jpeg")
    response = client.post(
        f"/submit/{tree.organisation.code}/",
        _complaint(key, site=tree.site.pk, evidence=[photo]),
        HTTP_ACCEPT_LANGUAGE="zh-hant",
        follow=True,
    )

    # Then the confirmation gives the reference, the promised times and the tracking code
    complaint = Complaint.objects.get()
    text = response.content.decode()
    assert complaint.reference in text
    assert tracking_code(complaint) in text
    assert "前" in text  # "by <time>" in Traditional Chinese
    assert complaint.attachments.count() == 1
    assert complaint.language == "zh-hant"


def test_sending_the_same_form_twice_makes_one_complaint(client, tree):
    # Given the public form, filled in once
    open_form(tree)
    _, key = _form_page(client, tree)

    # When it is sent twice (a double click)
    client.post(f"/submit/{tree.organisation.code}/", _complaint(key))
    client.post(f"/submit/{tree.organisation.code}/", _complaint(key))

    # Then there is one complaint
    assert Complaint.objects.count() == 1


def test_a_form_with_the_hidden_field_filled_in_is_not_accepted(client, tree):
    # Given the public form
    open_form(tree)
    _, key = _form_page(client, tree)

    # When a robot fills in every field, the hidden one too
    response = client.post(
        f"/submit/{tree.organisation.code}/", _complaint(key, fax_number="12345678")
    )

    # Then nothing is registered and the page says so
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_a_form_without_a_way_to_reach_the_complainant_says_what_is_missing(client, tree):
    open_form(tree)
    _, key = _form_page(client, tree, "zh-hans")

    response = client.post(
        f"/submit/{tree.organisation.code}/",
        _complaint(key, phone="", privacy_accepted=""),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "电话" in text and "电子邮件" in text
    assert Complaint.objects.count() == 0


def test_more_complaints_than_the_hourly_limit_from_one_address_are_turned_away(
    client, tree, settings
):
    # Given a limit of two complaints an hour from one address
    settings.PUBLIC_SUBMISSIONS_PER_HOUR = 2
    open_form(tree)

    # When a third complete form arrives from it within the hour
    statuses = []
    for n in range(3):
        _, key = _form_page(client, tree)
        response = client.post(
            f"/submit/{tree.organisation.code}/", _complaint(key, subject=f"Lift {n}")
        )
        statuses.append(response.status_code)

    # Then the first two are registered and the third is refused
    assert statuses == [302, 302, 429]
    assert Complaint.objects.count() == 2


def test_the_confirmation_is_shown_only_to_the_browser_that_sent_the_complaint(client, tree):
    open_form(tree)
    _, key = _form_page(client, tree)
    client.post(f"/submit/{tree.organisation.code}/", _complaint(key))
    complaint = Complaint.objects.get()

    client.cookies.clear()
    response = client.get(f"/submitted/{complaint.reference}/")

    assert response.status_code == 302
    assert tracking_code(complaint) not in response.content.decode()


def test_an_organisation_without_an_open_form_has_no_page(client, tree):
    form = open_form(tree)
    form.is_open = False
    form.save()

    assert client.get(f"/submit/{tree.organisation.code}/").status_code == 404
