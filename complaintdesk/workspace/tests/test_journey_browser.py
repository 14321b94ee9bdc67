"""The whole journey the issue names, by four people in a real Chromium and Simplified Chinese:
a phone complaint taken down on the capture page, assigned by the district manager, investigated
by the handler, a refund proposed above the handler's authority and approved by the regional
general manager, the reply sent with its decision letter, accepted, followed up, a closing
refused by its guard (the receiver has not confirmed the reply reached the complainant) and then
done. Screenshots go to /tmp/shots/."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from playwright.sync_api import expect

from complaintdesk.accounts.roles import Role
from complaintdesk.authority.tests.factories import refund_ladder
from complaintdesk.complaints.choices import Status
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import RootCauseFactory, org_tree, staff
from complaintdesk.core.testing import BROWSER, accessibility_problems, log_in
from complaintdesk.correspondence.models import Letter, LetterKind
from complaintdesk.sla.tests.factories import on_policy

from .pages import act, record

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


def _person(role, unit, username: str, name: str):
    user = staff(role, unit, username=username, display_name=name)
    user.password = make_password("demo12345")
    user.save(update_fields=["password"])
    return user


def test_a_phone_complaint_from_intake_through_an_approved_refund_to_closing(live_server, page):
    # Given a Hong Kong property organisation on its time standards and refund ladder, and the
    # people of one site's line
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    refund_ladder(tree)
    RootCauseFactory(organisation=tree.organisation, code="MAINT", name_en="Maintenance lapse")
    _person(Role.RECEIVER, tree.site, "desk", "前台陈")
    handler = _person(Role.HANDLER, tree.site, "handler", "处理员李")
    _person(Role.DISTRICT_MANAGER, tree.district, "dm", "区经理王")
    _person(Role.REGIONAL_GM, tree.region, "gm", "总经理张")
    SHOTS.mkdir(exist_ok=True)

    def as_user(username: str) -> None:
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
        )
        log_in(page, live_server.url, username)

    def open_complaint() -> None:
        page.goto(f"{live_server.url}{Complaint.objects.get().get_absolute_url()}")

    def status() -> str:
        return Complaint.objects.get().status

    # When the receiver takes down the call on the capture page
    as_user("desk")
    page.click("[data-testid=nav-new]")
    form = page.locator("[data-testid=capture]")
    form.locator("#id_name").fill("陈大文")
    form.locator("#id_phone").fill("9123 4567")
    form.locator("#id_email").fill("chan.taiman@example.hk")
    form.locator("#id_preferred_language").select_option("zh-hans")
    form.locator("#id_unit").select_option(str(tree.site.pk))
    form.locator("#id_channel").select_option("phone")
    form.locator("#id_subject").fill("电梯停用三天，管理费要求退还")
    form.locator("#id_description").fill("二座电梯停用三天，老人要走楼梯，要求退还一个月管理费。")
    form.locator("[data-testid=save]").click()
    page.wait_for_load_state()
    assert status() == Status.RECEIVED

    # And the district manager assigns it to the site's handler from the unassigned view
    as_user("dm")
    page.goto(f"{live_server.url}/complaints/?view=unassigned")
    page.locator("#queue-rows a.reference").first.click()
    act(page, "assign", {"handler": str(handler.pk)})
    assert status() == Status.ASSIGNED

    # And the handler investigates and proposes a refund of 5,000, above their limit of 200
    as_user("handler")
    open_complaint()
    act(page, "start_investigation")
    findings = {
        "findings": "承办商未按时更换零件。",
        "responsibility": "organisation",
        "root_cause": "MAINT Maintenance lapse",
    }
    record(page, "investigation", findings)
    refund = {"remedy_type": "refund", "amount": "5000", "reasons": "电梯停用属我方维修延误。"}
    act(page, "propose", refund)
    assert status() == Status.PROPOSED
    page.locator("[data-testid=approval]").wait_for()
    page.screenshot(path=str(SHOTS / "journey-1-awaiting-approval.png"), full_page=True)

    # And the regional general manager finds it awaiting their approval and approves it
    as_user("gm")
    page.goto(f"{live_server.url}/complaints/?view=approval")
    page.locator("#queue-rows a.reference").first.click()
    approval = page.locator("[data-testid=approval]")
    approval.locator("textarea").fill("停用三天，退还一个月管理费合理。")
    approval.locator("button[value=approve]").click()
    page.wait_for_load_state()

    # And the handler opens the reply composer: the decision letter is drafted from the
    # template with the approved refund; they add a sentence to the letter and send it
    as_user("handler")
    open_complaint()
    page.locator("[data-testid=compose-reply]").click()
    page.wait_for_load_state()
    letter = page.locator("[name='reply-letter_body']")
    assert "电梯停用属我方维修延误。" in letter.input_value()
    decision = "我们将退还一个月管理费 5,000 港元，并已更换电梯零件。"
    page.locator("[name='reply-text']").fill(decision)
    page.locator("[data-testid=refill-letter]").click()
    letter = page.locator("[name='reply-letter_body']")
    # expect() polls from Playwright's own script; a wait_for_function string would be eval
    expect(letter).to_have_value(re.compile("更换电梯零件"))
    letter.fill(letter.input_value() + "\n\n如有疑问，请致电 2345 6789。")
    assert not accessibility_problems(page)
    page.screenshot(path=str(SHOTS / "journey-2-reply-composer.png"), full_page=True)
    page.locator("[data-testid=send-reply]").click()
    page.wait_for_load_state()
    assert status() == Status.REPLIED
    assert page.locator("[data-testid=letter]").count() >= 1
    sent = Letter.objects.get(kind=LetterKind.DECISION)
    assert sent.body.endswith("如有疑问，请致电 2345 6789。") and "更换电梯零件" in sent.body
    record(page, "response", {"response": "accepted"})
    act(page, "start_follow_up")
    record(page, "follow_up", {"result": "resolved", "outcome_satisfaction": "5"})

    # Then closing is refused: the receiver has not confirmed the reply reached him
    checklist = page.locator("[data-testid=closing-checklist]")
    assert "前台陈" in checklist.text_content()
    act(page, "close")
    assert status() == Status.FOLLOWING_UP
    page.screenshot(path=str(SHOTS / "journey-2-close-refused.png"), full_page=True)

    # When the receiver confirms it, and the handler closes it
    as_user("desk")
    open_complaint()
    record(page, "confirm_receipt", {})
    as_user("handler")
    open_complaint()
    act(page, "close")

    # Then it is closed, and every step is on the timeline
    assert status() == Status.CLOSED
    page.screenshot(path=str(SHOTS / "journey-3-closed.png"), full_page=True)
