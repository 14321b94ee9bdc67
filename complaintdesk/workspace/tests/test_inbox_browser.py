"""The inbox as a person uses it, in a real headless Chromium (Debian's package)."""

import pytest
from playwright.sync_api import expect

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in
from complaintdesk.notifications.messages import message_register
from complaintdesk.notifications.services import notify

pytestmark = BROWSER

message_register("test_browser", lambda notification, cache: (notification.params["s"], ""))


@pytest.mark.django_db(transaction=True)
def test_reader_sees_the_badge_reads_the_inbox_and_the_badge_goes_away(live_server, page):
    # Given a member of staff with three unread notifications, one about a complaint
    tree = org_tree()
    complaint = complaint_at(tree.site)
    reader = staff(Role.RECEIVER, tree.district, username="reader")
    reader.set_password("demo12345")
    reader.save(update_fields=["password"])
    for subject in ("Clock warning", "Escalated to you", "Approval requested"):
        notify([reader], kind="test_browser", complaint=complaint, params={"s": subject})

    # When they log in
    log_in(page, live_server.url, "reader")

    # Then the nav shows three unread
    badge = page.locator("[data-testid=unread-badge]")
    assert badge.inner_text().split()[0] == "3"

    # When they open the inbox and mark one read in place (htmx)
    page.click("[data-testid=nav-notifications]")
    assert page.locator("li.notification.unread").count() == 3
    assert complaint.reference in page.text_content("[data-testid=inbox]")
    page.locator("li.notification.unread").first.locator("button").click()

    # Then that row loses its mark and the badge counts down without a page load
    # expect() polls from Playwright's own isolated script; a wait_for_function string would
    # be an eval in the page, which the Content-Security-Policy refuses.
    expect(page.locator("li.notification.unread")).to_have_count(2)
    assert badge.inner_text().split()[0] == "2"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "notifications-inbox.png"), full_page=True)

    # When they mark all read
    page.click("[data-testid=mark-all-read]")

    # Then no row is unread and the badge is gone
    page.wait_for_load_state()
    assert page.locator("li.notification.unread").count() == 0
    assert page.locator("[data-testid=unread-badge]").count() == 0
    assert page.text_content("h1").strip() == "Notifications"
