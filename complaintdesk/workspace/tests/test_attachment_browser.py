"""Evidence attached through the complaint page, as a handler does it, in a real Chromium."""

import pytest
from django.contrib.auth.hashers import make_password

from complaintdesk.complaints.tests.factories import ComplaintFactory, drive_to, manager_for
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]


def test_a_manager_attaches_a_photo_on_the_complaint_page_and_finds_it_listed(
    live_server, page, tmp_path
):
    # Given a complaint under investigation and its district manager, signed in
    complaint = drive_to(ComplaintFactory(), "investigating")
    manager = manager_for(complaint)
    manager.password = make_password("demo12345")
    manager.save(update_fields=["password"])
    log_in(page, live_server.url, manager.username)
    photo = tmp_path / "ceiling.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the stained ceiling")

    # When they open the complaint, unfold "Attach a file", choose the photo and save
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    records = page.locator("[data-testid=records]")
    records.locator("summary", has_text="Attach a file").click()
    records.locator("input[type=file]").set_input_files(str(photo))
    records.locator("input[name='attachment-description']").fill("Stain above the sink")
    records.locator("form:has(input[type=file]) button[type=submit]").click()

    # Then the page comes back saying so, and lists the photo for download
    page.wait_for_load_state()
    assert "Saved" in page.text_content("body")
    assert page.locator("a", has_text="ceiling.jpg").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "attachment-uploaded.png"), full_page=True)
    assert complaint.attachments.get().description == "Stain above the sink"
