"""The executive view end to end, in a real headless Chromium: an executive lands on what
reached the top, reads a complaint in full and records it, and the audit follows."""

import pytest
from playwright.sync_api import expect

from complaintdesk.accounts.roles import Role
from complaintdesk.analytics.models import ExecutiveRead
from complaintdesk.complaints.choices import Channel, Grade
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
def test_an_executive_lands_on_the_top_reads_a_complaint_and_the_audit_counts_it(live_server, page):
    # Given this month an urgent complaint, a media risk, an entry from the executive office
    # and an ordinary complaint nobody at the top needs to read
    tree = org_tree()
    urgent = complaint_at(tree.site, grade=Grade.URGENT, subject="Lift fell two floors")
    complaint_at(tree.site, risk_media=True, subject="Reporter asked about the flood")
    complaint_at(tree.site, channel=Channel.EXECUTIVE_OFFICE, subject="Letter to the chairman")
    complaint_at(tree.site, subject="Parking fee receipt missing")
    executive = staff(Role.EXECUTIVE, tree.head_office, username="exec")
    executive.set_password("demo12345")
    executive.save(update_fields=["password"])

    # When the executive signs in
    log_in(page, live_server.url, "exec")

    # Then they land on what reached the top: three complaints, none read, all three to read
    expect(page.locator("h1")).to_have_text("What reached the top")
    expect(page.locator("[data-testid=reached]")).to_have_text("3")
    expect(page.locator("[data-testid=read]")).to_have_text("0")
    expect(page.locator("[data-testid=to-read] [data-testid=top-row]")).to_have_count(3)
    assert "Parking fee" not in page.text_content("[data-testid=to-read]")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "executive-view.png"), full_page=True)

    # When they open the urgent complaint and record that they read it in full
    page.locator("[data-testid=to-read]").get_by_text(urgent.reference).click()
    page.click("[data-testid=mark-read]")

    # Then the complaint page names them with the time, and offers the button no more
    expect(page.locator("[data-testid=executive-read]")).to_contain_text(str(executive))
    expect(page.locator("[data-testid=mark-read]")).to_have_count(0)
    read = ExecutiveRead.objects.get(complaint=urgent)
    assert read.reader == executive

    # And back on their view one is read, two are not, and the audit lists those two
    page.goto(f"{live_server.url}/")
    expect(page.locator("[data-testid=read]")).to_have_text("1")
    expect(page.locator("[data-testid=not-read]")).to_have_text("2")
    expect(page.locator("[data-testid=to-read] [data-testid=top-row]")).to_have_count(2)
    audit = page.locator("[data-testid=audit]")
    expect(audit.locator("[data-testid=top-row]")).to_have_count(2)
    assert urgent.reference not in audit.text_content()
