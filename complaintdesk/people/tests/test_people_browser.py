"""Quality review and staff performance end to end, in a real headless Chromium: a reviewer
picks closed complaints by risk and scores one; the district manager sees the score and the
training need beside the handler's figures and records a decision with reasons."""

import pytest
from playwright.sync_api import expect

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.tests.factories import complaint_at, drive_to, org_tree, staff
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in
from complaintdesk.people.models import PerformanceDecision, QualityReview, ScorecardItem
from complaintdesk.sla.tests.factories import on_policy

pytestmark = BROWSER


def _person(username: str, role: str, unit):
    person = staff(role, unit, username=username)
    person.set_password("demo12345")
    person.save(update_fields=["password"])
    return person


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_scores_a_complaint_and_the_manager_decides_on_the_handler(live_server, page):
    # Given a handler who closed three complaints of a district on the seed policy
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    ann = _person("ann", Role.HANDLER, tree.site)
    for subject in ("Lift stuck", "Water leak", "Noisy pump"):
        drive_to(complaint_at(tree.site, subject=subject), Status.CLOSED, handler=ann)
    _person("qa", Role.QUALITY_REVIEWER, tree.district)
    manager = _person("district", Role.DISTRICT_MANAGER, tree.district)

    # When the quality reviewer picks two of the district's closed complaints by risk
    log_in(page, live_server.url, "qa")
    page.goto(f"{live_server.url}/people/reviews/")
    page.click("[data-testid=sample-form] >> xpath=..")  # open the details
    page.select_option("#id_unit", tree.district.code)
    page.fill("#id_size", "2")
    page.click("[data-testid=sample-form] button[type=submit]")

    # Then two wait for review, Ann named as the handler
    rows = page.locator("[data-testid=review-row]")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(str(ann))

    # When they score the first: yes to all but tone
    rows.first.get_by_role("link", name="Review").click()
    for item in ScorecardItem.objects.all():
        answer = "0" if item.code == "tone" else "2"
        page.check(f"input[name=answer_{item.pk}][value='{answer}']")
    page.fill("#id_training_need", "Tone with upset callers")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "quality-review.png"), full_page=True)
    page.click("[data-testid=review-form] button[type=submit]")

    # Then it is done with its score, one left to review
    expect(page.locator("[data-testid=review-row]")).to_have_count(1)
    expect(page.locator("[data-testid=reviews-done]")).to_contain_text("91")
    assert QualityReview.objects.filter(done_at__isnull=False).count() == 1

    # When the district manager opens People
    page.context.clear_cookies()
    log_in(page, live_server.url, "district")
    page.click("[data-testid=nav-people]")

    # Then Ann's row has her three closed, the quality score and the training need
    row = page.locator("[data-testid=person-row]", has_text=str(ann))
    expect(row).to_contain_text("91")
    expect(row).to_contain_text("Tone: courteous, plain and empathetic")
    page.screenshot(path=str(ARTIFACTS / "staff-performance.png"), full_page=True)

    # When they record coaching with their reasons
    row.locator("summary").click()
    row.locator("select[name=decision]").select_option("coaching")
    row.locator("textarea[name=reasons]").fill("Tone on the lift case; pair with a senior.")
    row.locator("button[type=submit]").click()

    # Then the decision is on her row, in the manager's name
    expect(page.locator("[data-testid=person-row]", has_text=str(ann))).to_contain_text("Coaching")
    decision = PerformanceDecision.objects.get(person=ann)
    assert decision.decided_by == manager
