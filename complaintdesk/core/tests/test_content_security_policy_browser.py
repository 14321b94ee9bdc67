"""The pages under their Content-Security-Policy, in a real headless Chromium (Debian's
package): the browser enforces the policy, reports nothing blocked, and the script the pages
need (htmx, the language switcher) still works."""

import pytest
from playwright.sync_api import expect

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.core.testing import BROWSER, log_in
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.services import notify

pytestmark = BROWSER

message_register("test_csp", lambda notification, cache: (notification.params["s"], ""))


@pytest.mark.django_db(transaction=True)
def test_queue_inbox_and_language_switch_work_under_the_policy_with_nothing_blocked(
    live_server, page
):
    # Given a member of staff with a complaint in the queue and two unread notifications
    tree = org_tree()
    complaint = complaint_at(tree.site)
    reader = staff(Role.DISTRICT_MANAGER, tree.district, username="reader")
    reader.set_password("demo12345")
    reader.save(update_fields=["password"])
    for subject in ("Clock warning", "Escalated to you"):
        notify([reader], kind="test_csp", complaint=complaint, params={"s": subject})
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    # When they log in and land on the complaint queue
    log_in(page, live_server.url, "reader")
    queue = page.goto(f"{live_server.url}/complaints/")

    # Then the browser got the policy, and the queue shows the complaint
    assert queue is not None
    assert "default-src 'self'" in queue.headers.get("content-security-policy", "")
    assert complaint.reference in page.text_content("main")

    # When they pick 简体中文 in the language switcher (it submits itself, from app.js)
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")

    # Then the page comes back in Simplified Chinese
    assert page.get_attribute("html", "lang") == "zh-hans"
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.get_attribute("html", "lang") == "en"

    # When they open the inbox and mark one notification read in place (htmx)
    page.click("[data-testid=nav-notifications]")
    assert page.locator("li.notification.unread").count() == 2
    page.locator("li.notification.unread").first.locator("button").click()

    # Then the row loses its mark without a page load, and the badge counts down
    # expect() polls from Playwright's own isolated script; a wait_for_function string would
    # be an eval in the page, which the Content-Security-Policy refuses.
    expect(page.locator("li.notification.unread")).to_have_count(1)
    assert page.inner_text("[data-testid=unread-badge]").split()[0] == "1"

    # And nothing on the way was blocked by the policy
    assert violations == []
