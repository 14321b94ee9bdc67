"""Time standards in a real headless Chromium: a bank handler working in Simplified Chinese
sees the decision deadline, extends it, and finds the overdue queue."""

import pytest
from django.contrib.auth.hashers import make_password

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in
from complaintdesk.sla.models import ComplaintClock
from complaintdesk.sla.tests.factories import local, on_policy

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]


def test_a_bank_handler_extends_the_decision_deadline_in_chinese(live_server, page):
    # Given a bank complaint under investigation, its 15-day decision clock running
    tree = org_tree(time_zone="Asia/Shanghai", currency="CNY")
    on_policy(tree.organisation, "cn-banking-2020", "CN")
    handler = staff(Role.HANDLER, tree.site, username="cn.handler")
    handler.password = make_password("demo12345")
    handler.preferred_language = "zh-hans"
    handler.save()
    complaint = complaint_at(
        tree.site, channel=Channel.LETTER, received_at=local("CN", "2026-09-25 10:00")
    )
    drive_to(complaint, "investigating", handler=handler)
    # When the handler opens it in Simplified Chinese and extends the deadline with a reason
    log_in(page, live_server.url, "cn.handler")
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    panel = page.locator("[data-testid=time-standards]")
    assert "2026-10-10 23:59" in panel.inner_text()
    panel.locator("summary").first.click()
    panel.locator("textarea[name=reason]").fill("需调取卡组织交易记录")
    with page.expect_navigation():
        panel.locator("button[type=submit]").first.click()
    # Then the page shows the new deadline and the timeline tells the complainant why
    assert "2026-10-25 23:59" in page.locator("[data-testid=time-standards]").inner_text()
    timeline = page.locator("[data-testid=timeline]").inner_text()
    assert "需调取卡组织交易记录" in timeline
    assert "2026-10-10 23:59 → 2026-10-25 23:59" in timeline
    assert ComplaintClock.objects.get(complaint=complaint, name="decision").amount == 30
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "decision-extended.png"), full_page=True)
