"""The dashboard as a district manager uses it, in a real headless Chromium: every chart is
drawn, and a click on a bar lands on the queue of the complaints behind it."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel
from complaintdesk.complaints.tests.factories import (
    CategoryFactory,
    complaint_at,
    drive_to,
    org_tree,
    staff,
)
from complaintdesk.core.testing import ARTIFACTS, BROWSER, log_in
from complaintdesk.sla.tests.factories import on_policy

pytestmark = BROWSER

CHARTS = (
    "over_time",
    "by_unit",
    "by_channel",
    "by_category",
    "by_grade",
    "by_site",
    "backlog",
    "risks",
    "anger",
    "root_causes",
    "cost_by_cause",
    "cost_by_unit",
    "by_clock",
    "quality_by_unit",
)


def _click(page, key: str, *, series: int, point: list[float]) -> None:
    """Click a chart where `point` (in its data's terms) of `series` is drawn."""
    chart = page.locator(f"[data-testid=chart-{key}]")
    expect(chart.locator("canvas")).to_have_count(1)
    chart.scroll_into_view_if_needed()
    _settled(chart)
    x, y = chart.evaluate(
        "(element, [series, point]) => echarts.getInstanceByDom(element)"
        ".convertToPixel({seriesIndex: series}, point)",
        [series, point],
    )
    box = chart.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)


def _settled(chart) -> None:
    """Wait until the chart has drawn its bars to their full length: they grow from the axis
    as the page draws them, and a click on where a bar will be lands on nothing before."""
    chart.page.wait_for_function(
        "(element) => { const drawn = echarts.getInstanceByDom(element);"
        " return drawn && drawn.getZr().animation.isFinished(); }",
        arg=chart.element_handle(),
    )


def _colours_drawn(png: bytes) -> int:
    """How many colours a screenshot holds: a blank canvas has one."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 24) or [])


@pytest.mark.django_db(transaction=True)
def test_a_manager_sees_every_chart_drawn_and_a_bar_leads_to_its_complaints(live_server, page):
    # Given three complaints at one site of a district and one at its other site
    tree = org_tree()
    lift = CategoryFactory(organisation=tree.organisation, code="lift", name_en="Lifts")
    for channel in (Channel.PHONE, Channel.LETTER, Channel.EMAIL):
        complaint_at(
            tree.site, channel=channel, category=lift, site=tree.site, subject=f"Lift {channel}"
        )
    complaint_at(tree.other_site, subject="Noise at night", anger_score=4, risk_media=True)
    # and one answered, settled and closed on the seed policy's time standards
    on_policy(tree.organisation, "seed-hk-property", "HK")
    drive_to(complaint_at(tree.other_site, channel=Channel.LETTER, subject="Gate"), "closed")
    manager = staff(Role.DISTRICT_MANAGER, tree.district, username="district")
    manager.set_password("demo12345")
    manager.save(update_fields=["password"])

    # When the district manager opens the dashboard from the nav
    log_in(page, live_server.url, "district")
    page.click("[data-testid=nav-dashboard]")

    # Then the headline counts the five complaints and every chart is drawn on its canvas
    expect(page.locator("[data-testid=dashboard-headline] dd").first).to_have_text("5")
    for key in CHARTS:
        canvas = page.locator(f"[data-testid=chart-{key}] canvas")
        expect(canvas).to_have_count(1)
        assert _colours_drawn(canvas.screenshot()) > 10, f"{key} is blank"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    # When they click the longest bar of "By unit" (the site with three complaints)
    _click(page, "by_unit", series=1, point=[0.5, 0])

    # Then the queue lists exactly that site's three complaints
    page.wait_for_url(f"**/complaints/?*unit={tree.site.code}*")
    rows = page.locator("#queue-rows a.reference")
    expect(rows).to_have_count(3)
    assert "Noise at night" not in page.text_content("main")

    # When they go back and click the anger chart's bar for 4
    page.go_back()
    _click(page, "anger", series=0, point=[3, 0.5])

    # Then the queue lists the one complaint scored 4, whatever its state
    page.wait_for_url("**/complaints/?*anger=4*")
    rows = page.locator("#queue-rows a.reference")
    expect(rows).to_have_count(1)
    assert "Noise at night" in page.text_content("#queue-rows")
