"""An incident with three complainants answered in one step, in a real Chromium and
Traditional Chinese: a district manager opens it, records what was found once, links the
three complaints, and runs it; each complainant gets the reply in their own language.
Screenshots go to /tmp/shots/."""

from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.core.testing import BROWSER, accessibility_problems, log_in

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
REPLIES = {
    "zh-hant": "二座升降機門感應器故障，已於週一更換，現已恢復正常。",
    "zh-hans": "二座电梯门感应器故障，已于周一更换，现已恢复正常。",
    "en": "The door sensor of the block 2 lift failed; it was replaced on Monday.",
}


def test_three_complainants_about_one_lift_are_answered_in_one_step(live_server, page):
    # Given three complaints about the block 2 lift, in the three languages, and their
    # district manager reading in Traditional Chinese
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district, username="dm", display_name="區經理")
    manager.password = make_password("demo12345")
    manager.save(update_fields=["password"])
    complaints = {
        language: complaint_at(tree.site, language=language, subject=f"二座升降機 {language}")
        for language in REPLIES
    }
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )
    log_in(page, live_server.url, "dm")

    # When they open an incident from the nav
    page.click("[data-testid=nav-incidents]")
    page.locator("details.action summary").click()
    opening = page.locator("[data-testid=incident-open]")
    opening.locator("#id_title").fill("二座升降機停用")
    opening.locator("button[type=submit]").click()

    # And record once what was found, the remedy and the reply in each language
    form = page.locator("[data-testid=incident-form]")
    form.wait_for()
    form.locator("#id_findings").fill("門感應器故障，承辦商已更換。")
    form.locator("#id_responsibility").select_option("third_party")
    form.locator("#id_remedy_type").select_option("repair")
    form.locator("#id_reasons").fill("承辦商零件故障，已由承辦商免費更換。")
    form.locator("#id_appeal_route").fill("如不同意，請於三十日內致函總辦事處。")
    form.locator("#id_reply_zh_hant").fill(REPLIES["zh-hant"])
    form.locator("#id_reply_zh_hans").fill(REPLIES["zh-hans"])
    form.locator("#id_reply_en").fill(REPLIES["en"])
    form.locator("button[type=submit]").click()

    # And link the three complaints by reference
    for complaint in complaints.values():
        linking = page.locator("[data-testid=incident-link-form]")
        linking.locator("#id_reference").fill(complaint.reference)
        linking.locator("button[type=submit]").click()
        page.locator("[data-testid=incident-link]", has_text=complaint.reference).wait_for()
    assert page.locator("[data-testid=incident-link]").count() == 3
    assert accessibility_problems(page) == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "incident-1-linked.png"), full_page=True)

    # When they answer every linked complainant
    page.click("[data-testid=incident-run]")
    page.locator(".messages").wait_for()

    # Then each complaint is replied to, each in its complainant's language
    for language, complaint in complaints.items():
        complaint.refresh_from_db()
        assert complaint.status == Status.REPLIED, complaint.reference
        assert complaint.replies.get().text == REPLIES[language]
    assert page.locator("[data-testid=incident-link] td.late").count() == 0
    page.screenshot(path=str(SHOTS / "incident-2-answered.png"), full_page=True)
