"""A district manager works the queue in a real Chromium, in Simplified Chinese: the views and
their counts, a narrower filter, a saved view, and the same queue on a 390 px phone.
Screenshots go to /tmp/shots/ for a person to look at."""

from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Grade
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.testing import BROWSER, accessibility_problems, log_in

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"queue-{name}.png"), full_page=True)


def test_a_manager_picks_a_view_narrows_it_saves_it_and_reads_it_on_a_phone(live_server, page):
    # Given a district manager reading in Simplified Chinese, two unassigned complaints (one
    # of them major) and one assigned
    tree = org_tree()
    manager = staff(Role.DISTRICT_MANAGER, tree.district, username="dm")
    manager.password = make_password("demo12345")
    manager.save(update_fields=["password"])
    major = complaint_at(tree.site, grade=Grade.MAJOR, subject="电梯困人 两小时无人处理")
    complaint_at(tree.site, subject="大堂灯坏了")
    drive_to(complaint_at(tree.site, subject="管理费多收"), "assigned")
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    log_in(page, live_server.url, "dm")

    # When they open the queue
    page.goto(f"{live_server.url}/complaints/")

    # Then each view shows how many open complaints it holds, once the counts arrive
    unassigned = page.locator("[data-testid=count-unassigned]")
    unassigned.wait_for()
    assert unassigned.text_content() == "2"
    assert page.locator("[data-testid=count-all]").text_content() == "3"

    # When they press "/" and type a word of a subject, the search has it
    page.keyboard.press("/")
    page.keyboard.type("灯")
    assert page.locator("#id_q").input_value() == "灯"
    page.fill("#id_q", "")
    # And "j" twice then Enter opens the second complaint of the queue
    page.locator("h1").click()
    second = page.locator("#queue-rows a.reference").nth(1).text_content()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.locator("[data-testid=reference]").wait_for()
    assert page.locator("[data-testid=reference]").text_content() == second
    page.goto(f"{live_server.url}/complaints/")
    page.locator("[data-testid=count-unassigned]").wait_for()

    # When they pick the unassigned view, open the further filters and ask for major ones
    page.click("nav.queue-views a[data-view=unassigned]")
    page.locator("details.more-filters summary").click()
    page.select_option("#id_grade", "major")
    page.locator("[data-testid=queue-filters] button[type=submit]").click()

    # Then the one major unassigned complaint is left, and its view is the current one
    rows = page.locator("#queue-rows tr")
    rows.first.wait_for()
    assert rows.count() == 1 and major.reference in rows.first.text_content()
    current = page.locator("nav.queue-views a[aria-current=page]")
    assert current.get_attribute("data-view") == "unassigned"

    # When they save it under a name of their own
    page.fill("#save-view-name", "重大未分派")
    page.locator("[data-testid=save-view] button").click()

    # Then the view is listed and brings the same queue back
    saved = page.locator("[data-testid=saved-views] a", has_text="重大未分派")
    saved.wait_for()
    page.goto(f"{live_server.url}/complaints/")
    page.locator("[data-testid=saved-views] a", has_text="重大未分派").click()
    page.locator("#queue-rows tr").first.wait_for()
    assert page.locator("#queue-rows tr").count() == 1
    _shot(page, "1-saved-view")
    # And the page passes axe-core's WCAG 2.1 AA checks, with its further filters open
    page.locator("details.more-filters summary").click()
    assert accessibility_problems(page) == []

    # When the same queue is read on a 390 px phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/complaints/")
    page.locator("[data-testid=count-unassigned]").wait_for()
    _shot(page, "2-phone")

    # Then nothing reaches beyond the screen, and logging out is in reach
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    log_out = page.locator("header.top form button")
    box = log_out.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390

    # And on a tablet (820 px) the queue fits as a table
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"{live_server.url}/complaints/")
    page.locator("[data-testid=count-unassigned]").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 820
    _shot(page, "3-tablet")
