"""A handler on the complaint page in a real Chromium, in Traditional Chinese: the head says
how long each clock has, they take the complaint with one key, the steps checklist follows,
and the page works on a 390 px phone and passes axe-core's checks. Screenshots go to
/tmp/shots/."""

from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import translation
from django.utils.translation import gettext

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, Status
from complaintdesk.complaints.tests.factories import complaint_at, org_tree, staff
from complaintdesk.core.testing import BROWSER, accessibility_problems, log_in
from complaintdesk.incidents.services import incident_open
from complaintdesk.sla.tests.factories import on_policy

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"handling-{name}.png"), full_page=True)


def test_a_handler_takes_a_complaint_from_its_page_on_a_laptop_and_a_phone(live_server, page):
    # Given a phone complaint at a Hong Kong site on the property pack, and a handler there
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    complaint = complaint_at(tree.site, channel=Channel.PHONE, subject="升降機困人")
    handler = staff(Role.HANDLER, tree.site, username="wing", display_name="Wing Lee")
    handler.password = make_password("demo12345")
    handler.save(update_fields=["password"])
    # with a long e-mail address, and an open incident with a long title to link it to (both
    # once pushed the phone page wider than the screen)
    complaint.complainant.email = "chan.tai.man.long.address@harbourview-residents.example.hk"
    complaint.complainant.save(update_fields=["email"])
    incident_open(
        tree.organisation,
        staff(Role.DISTRICT_MANAGER, tree.district),
        title="沙田區多座升降機門感應器故障 Sha Tin lift door sensors failing in several blocks",
    )
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )
    log_in(page, live_server.url, "wing")

    # When they open it
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")

    # Then the head says nobody handles it and how long the first response has
    facts = page.locator("[data-testid=head-facts]")
    with translation.override("zh-hant"):
        assert gettext("Nobody handles it yet") in facts.text_content()
        take_label = gettext("Take it")
    assert facts.locator("[data-testid^=left-]").count() >= 1
    # And listening is ticked already: the receiver took the call down
    assert page.locator("[data-testid=steps] li[data-step=listen].done").count() == 1
    assert accessibility_problems(page) == []
    _shot(page, "1-before")

    # When they take it with its keyboard shortcut, having looked the shortcuts up with "?"
    assert page.locator("[data-testid=actions] button", has_text=take_label).count() == 1
    page.keyboard.press("?")
    assert page.locator("[data-testid=shortcut-help]").is_visible()
    page.keyboard.press("?")
    page.keyboard.press("t")

    # Then it is theirs, said on the page
    page.locator("[data-testid=status]").wait_for()
    complaint.refresh_from_db()
    assert (complaint.status, complaint.handler) == (Status.ASSIGNED, handler)
    assert "Wing Lee" in page.locator("[data-testid=head-facts]").text_content()
    _shot(page, "2-taken")

    # And on a 390 px phone the page fits the screen
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "3-phone")
