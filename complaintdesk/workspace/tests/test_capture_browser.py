"""A receiver takes a phone call on the capture page in a real Chromium, reads the reference
out, and finds the caller by phone on their next call (in Simplified and Traditional Chinese)."""

import pytest
from django.contrib.auth.hashers import make_password

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import org_tree, staff
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in
from complaintdesk.sla.tests.factories import on_policy

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

READ_OUT = {"zh-hans": "您的投诉已登记，编号为", "zh-hant": "您的投訴已登記，編號為"}


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
def test_a_receiver_registers_a_call_reads_the_reference_out_and_finds_the_caller_again(
    live_server, page, language
):
    # Given a receiver at a site desk of an organisation on the Hong Kong pack
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    receiver = staff(Role.RECEIVER, tree.site, username="desk")
    receiver.password = make_password("demo12345")
    receiver.save(update_fields=["password"])
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    log_in(page, live_server.url, "desk")

    # When they open "New complaint" from the nav and take down the call
    page.click("[data-testid=nav-new]")
    form = page.locator("[data-testid=capture]")
    form.locator("#id_name").fill("陳大文")
    form.locator("#id_phone").fill("9123 4567")
    form.locator("#id_preferred_language").select_option(language)
    form.locator("#id_unit").select_option(str(tree.site.pk))
    form.locator("#id_channel").select_option("phone")
    form.locator("#id_subject").fill("升降機停運三天")
    form.locator("#id_description").fill("第二座升降機停運三天，無人跟進。")
    form.locator("[data-testid=save]").click()

    # Then the page reads the reference and the first-response time out in their language
    page.wait_for_load_state()
    complaint = Complaint.objects.get()
    assert f"{READ_OUT[language]} {complaint.reference}" in page.text_content("body")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"capture-{language}.png"), full_page=True)

    # When the same person calls again and the receiver types part of the number
    page.click("[data-testid=nav-new]")
    page.fill("[data-testid=lookup]", "4567")
    result = page.locator("[data-testid=lookup-result]")
    result.first.wait_for()

    # Then they are offered, with the open complaint to log the call on, and can be picked
    assert "陳大文" in result.first.text_content()
    assert complaint.reference in result.first.text_content()
    assert "9123 4567" not in result.first.text_content()
    result.first.locator("button").click()
    page.locator("[data-testid=chosen]").wait_for()
    assert "陳大文" in page.text_content("[data-testid=chosen]")
