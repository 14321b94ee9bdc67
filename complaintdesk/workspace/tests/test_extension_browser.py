"""A deadline extension asked for and approved in a real Chromium, in Traditional Chinese: the
bank handler's second extension needs the regional general manager; the handler asks in one
step and the manager approves from "awaiting my approval". Screenshots go to /tmp/shots/."""

from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.testing import BROWSER, accessibility_problems, log_in
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.sla.tests.factories import on_policy

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


def _person(role, unit, username: str):
    user = staff(role, unit, username=username)
    user.password = make_password("demo12345")
    user.save(update_fields=["password"])
    return user


def test_the_handler_asks_once_and_the_regional_manager_approves_from_the_queue(live_server, page):
    # Given a bank complaint under investigation whose decision deadline was extended once
    tree = org_tree(time_zone="Asia/Shanghai", currency="CNY")
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    complaint = complaint_at(tree.site, channel=Channel.LETTER)
    handler = _person(Role.HANDLER, tree.site, "handler")
    _person(Role.REGIONAL_GM, tree.region, "gm")
    drive_to(complaint, "investigating", handler=handler)
    SHOTS.mkdir(exist_ok=True)

    def as_user(username: str) -> None:
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
        )
        log_in(page, live_server.url, username)
        page.wait_for_load_state()

    def extend(reason: str) -> None:
        panel = page.locator("[data-testid=clock-decision]")
        panel.locator("summary").click()
        panel.locator("textarea[name=reason]").fill(reason)
        panel.locator("[data-testid=extend-decision]").click()
        page.wait_for_load_state()

    as_user("handler")
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    extend("需要卡組織提供交易紀錄。")
    # When the handler asks for the second extension (the regional GM's to approve)
    extend("卡組織仍未回覆。")
    # Then the page shows the request waiting for the regional GM, with the reason
    pending = page.locator("[data-testid=extension-pending]")
    assert "卡組織仍未回覆。" in pending.inner_text()
    page.screenshot(path=str(SHOTS / "extension-1-asked.png"), full_page=True)

    # When the regional GM opens "awaiting my approval" and approves on the complaint's page
    as_user("gm")
    page.goto(f"{live_server.url}/complaints/?view=approval")
    page.locator("#queue-rows a.reference").first.click()
    page.wait_for_load_state()
    assert not accessibility_problems(page)
    page.locator("[data-testid=extension-approve]").click()
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "extension-2-approved.png"), full_page=True)

    # Then the decision deadline is 60 days
    assert ComplaintClock.objects.get(complaint=complaint, name="decision").amount == 60
    assert page.locator("[data-testid=extension-pending]").count() == 0
