"""A complainant with no login, in a real Chromium: sends a complaint through the public form,
keeps the tracking link, follows the complaint to the answer, accepts it and rates the
handling (in Simplified and Traditional Chinese)."""

import pytest

from complaintdesk.complaints.models import Complaint, Rating
from complaintdesk.complaints.tests.factories import drive_to, handler_for, org_tree
from complaintdesk.complaints.tests.public import open_form
from complaintdesk.core.testing import ARTIFACTS, BROWSER
from complaintdesk.sla.tests.factories import on_policy

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

WORDS = {
    "zh-hans": {"thanks": "我们已收到您的投诉", "answered": "我们已答复", "closed_form": "接受"},
    "zh-hant": {"thanks": "我們已收到您的投訴", "answered": "我們已答覆", "closed_form": "接受"},
}


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_a_complainant_sends_a_complaint_follows_it_accepts_the_answer_and_rates_it(
    live_server, page, language
):
    # Given an organisation on the Hong Kong pack whose public form names its sites
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    open_form(tree)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )

    # When a complainant fills in the form on /submit/ and sends it
    page.goto(f"{live_server.url}/submit/")
    form = page.locator("[data-testid=submit-form]")
    form.locator("#id_name").fill("陳大文")
    form.locator("#id_phone").fill("9123 4567")
    form.locator("#id_site").select_option(str(tree.site.pk))
    form.locator("#id_subject").fill("升降機停運三天")
    form.locator("#id_description").fill("第二座升降機停運三天，長者無法出入。")
    form.locator("#id_privacy_accepted").check()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"public-form-{language}.png"), full_page=True)
    form.locator("[data-testid=send]").click()

    # Then they get the reference, what happens next and a private tracking link
    page.locator("[data-testid=receipt]").wait_for()
    complaint = Complaint.objects.get()
    assert WORDS[language]["thanks"] in page.text_content("h1")
    assert complaint.reference == page.text_content("[data-testid=reference]")
    page.screenshot(path=str(ARTIFACTS / f"public-submitted-{language}.png"), full_page=True)
    link = page.get_attribute("[data-testid=track-link]", "href")

    # When the handler answers, and the complainant opens the link in a new browser session
    handler = handler_for(complaint)
    drive_to(complaint, "replied", handler=handler, replier=handler)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(link)

    # Then the page tells them the complaint was answered and shows the answer
    assert WORDS[language]["answered"] in page.text_content("[data-testid=status-words]")
    assert "We repaired the lift and apologise." in page.text_content(
        "[data-testid=public-timeline]"
    )
    assert page.url.endswith(f"/track/{complaint.reference}/")  # the code left the address

    # When they accept the solution and rate the handling
    page.locator("[data-testid=answer] input[value=accepted]").check()
    page.click("[data-testid=send-answer]")
    page.locator("[data-testid=rate] input[value='5']").check()
    page.fill("[data-testid=rate] textarea", "處理得很快")
    page.click("[data-testid=send-rating]")

    # Then both are recorded and shown on their timeline
    page.locator("[data-testid=public-timeline]").wait_for()
    complaint.refresh_from_db()
    assert complaint.complainant_response == "accepted"
    assert Rating.objects.get(complaint=complaint).score == 5
    assert "處理得很快" in page.text_content("[data-testid=public-timeline]")
    page.screenshot(path=str(ARTIFACTS / f"public-tracking-{language}.png"), full_page=True)
