"""A handler searches the queue in a real Chromium, in Traditional Chinese, typing in
Simplified: the complaint written in the other script is found, and the best match comes
first when asked for. Screenshots go to /tmp/shots/ for a person to look at."""

from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.core.testing import BROWSER, log_in

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


def test_a_word_typed_in_simplified_finds_the_traditional_complaint_best_match_first(
    live_server, page
):
    # Given a handler reading in Traditional Chinese, a complaint all about the lift written
    # in Traditional, one that mentions it once, and one about something else
    tree = org_tree()
    handler = staff(Role.HANDLER, tree.site, username="hd")
    handler.password = make_password("demo12345")
    handler.save(update_fields=["password"])
    about = complaint_at(tree.site, subject="電梯故障", description="電梯又壞了，電梯公司沒有來。")
    once = complaint_at(tree.site, subject="大堂噪音", description="晚上很吵，電梯旁邊尤其吵。")
    other = complaint_at(tree.site, subject="管理費多收", description="多收了一個月。")
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )
    log_in(page, live_server.url, "hd")

    # When they type the word in Simplified and search, best match first
    page.goto(f"{live_server.url}/complaints/?status=")
    page.fill("#id_q", "电梯")
    page.select_option("#id_order", "relevance")
    page.locator("[data-testid=queue-filters] button[type=submit]").click()

    # Then both complaints about the lift are listed, the one all about it first, and not
    # the other
    rows = page.locator("#queue-rows a.reference")
    rows.first.wait_for()
    listed = [rows.nth(n).text_content() for n in range(rows.count())]
    assert listed == [about.reference, once.reference]
    assert other.reference not in page.locator("#queue-rows").text_content()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "search-zh-hant-best-match.png"), full_page=True)
