"""The triage panel as a district manager uses it, in Traditional Chinese, in a real headless
Chromium: the risk it raised with the words behind it, and the category confirmed in one
click."""

import pytest
from playwright.sync_api import expect

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import CategoryFactory, complaint_at, org_tree, staff
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
def test_a_manager_sees_why_a_flag_was_raised_and_confirms_the_category_in_one_click(
    live_server, page
):
    # Given an estate whose facilities are coded FAC, and a lift complaint threatening the press
    tree = org_tree()
    facilities = CategoryFactory(
        organisation=tree.organisation, code="FAC", name_en="Facilities", name_zh_hant="設施"
    )
    complaint = complaint_at(
        tree.site,
        subject="升降機又壞咗",
        description="屋苑的升降機壞咗成個禮拜，管理處冇人理，再唔修我就搵記者曝光！",
    )
    manager = staff(Role.DISTRICT_MANAGER, tree.district, username="district")
    manager.set_password("demo12345")
    manager.save(update_fields=["password"])
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )

    # When the manager opens the complaint
    log_in(page, live_server.url, "district")
    page.goto(f"{live_server.url}/complaints/{complaint.reference}/")

    # Then the triage card shows the media risk on the complainant's own words
    card = page.locator("[data-testid=triage]")
    expect(card).to_be_visible()
    expect(card.locator("[data-testid=triage-risk]")).to_contain_text("記者")
    ARTIFACTS.mkdir(exist_ok=True)
    card.screenshot(path=str(ARTIFACTS / "triage-panel-zh-hant.png"))

    # When they click the suggested category
    card.locator("[data-testid=triage-category-facilities]").click()

    # Then the complaint is filed under the estate's own facilities category
    page.wait_for_url(f"**/complaints/{complaint.reference}/*")
    expect(page.locator("[data-testid=triage-answered]").first).to_contain_text("設施")
    complaint.refresh_from_db()
    assert complaint.category == facilities


@pytest.mark.django_db(transaction=True)
def test_the_capture_form_offers_the_triage_as_the_call_is_typed_in_simplified_chinese(
    live_server, page
):
    # Given a receiver at a site desk whose organisation files lifts under FAC
    tree = org_tree()
    facilities = CategoryFactory(
        organisation=tree.organisation, code="FAC", name_en="Facilities", name_zh_hans="设施"
    )
    receiver = staff(Role.RECEIVER, tree.site, username="desk")
    receiver.set_password("demo12345")
    receiver.save(update_fields=["password"])
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    log_in(page, live_server.url, "desk")

    # When they type a furious call about the lift that threatens the newspapers
    page.click("[data-testid=nav-new]")
    form = page.locator("[data-testid=capture]")
    form.locator("#id_unit").select_option(str(tree.site.pk))
    form.locator("#id_subject").fill("电梯又坏了")
    form.locator("#id_description").fill(
        "小区电梯坏了一个星期没人修，你们这些骗子！！！再不修我就找记者曝光"
    )

    # Then the triage offers the estate's own category and the media flag, in their language
    offered = page.locator("[data-testid=capture-triage]")
    expect(offered).to_be_visible()
    expect(offered.locator("[data-testid=capture-fill-category]")).to_contain_text("设施")
    expect(offered.locator("[data-testid=capture-risk]")).to_contain_text("记者")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "capture-triage-zh-hans.png"), full_page=True)

    # When they take all the suggestions and tick the flag in two clicks
    offered.locator("[data-testid=capture-fill-all]").click()
    offered.locator("[data-testid=capture-risk] button").click()

    # Then the screening fields hold them, ready to register
    assert form.locator("#id_category").input_value() == str(facilities.pk)
    assert int(form.locator("#id_anger_score").input_value()) >= 4
    assert form.locator("#id_grade").input_value() == "major"
    assert form.locator("input[name=risks][value=media]").is_checked()
