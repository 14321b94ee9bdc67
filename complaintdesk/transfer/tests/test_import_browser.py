"""A head-office complaints officer imports an old system's export in a real Chromium, in
Traditional Chinese: the upload, the guessed mapping, a dry run naming the invalid row, the
import, and the imported complaint found in the queue. Screenshots of each step go to
/tmp/shots/ for a person to look at."""

from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import translation
from django.utils.translation import gettext

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.tests.factories import CategoryFactory, org_tree, staff
from complaintdesk.core.testing import BROWSER, log_in

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
HEADER = "投訴編號,投訴日期,結案日期,狀態,單位,分類,投訴人,電話,電郵,標題,投訴內容"


def _export_of_the_old_system(district_code: str) -> bytes:
    """Two rows that can be imported and one naming a unit nobody has."""
    lines = [
        HEADER,
        f"OLD-1,2024-03-01 10:00,2024-03-11,已結案,{district_code},SVC,陳大文,9123 4567,,"
        "大堂升降機故障,大堂升降機停了三日",
        f"OLD-2,2024-03-02 11:30,2024-03-12,已結案,{district_code},SVC,李小姐,9123 4500,,"
        "垃圾房異味,垃圾房異味持續一星期",
        "OLD-3,2024-03-03 09:15,2024-03-13,已結案,NOPE,SVC,張先生,9123 4501,,平台漏水,平台漏水",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"import-{name}.png"), full_page=True)


def test_an_officer_dry_runs_an_old_export_imports_it_and_finds_a_complaint_in_the_queue(
    live_server, page
):
    # Given a head-office complaints officer reading in Traditional Chinese
    tree = org_tree()
    CategoryFactory(organisation=tree.organisation, code="SVC")
    officer = staff(Role.HQ_COMPLAINTS, tree.head_office, username="hq")
    officer.password = make_password("demo12345")
    officer.save(update_fields=["password"])
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )
    log_in(page, live_server.url, "hq")

    # When they open Import from the nav and upload the old system's export
    page.click("[data-testid=nav-imports]")
    upload = page.locator("[data-testid=upload]")
    upload.locator("#id_source").fill("舊投訴系統")
    upload.locator("#id_file").set_input_files(
        {
            "name": "舊系統匯出.csv",
            "mimeType": "text/csv",
            "buffer": _export_of_the_old_system(tree.district.code),
        }
    )
    _shot(page, "1-upload")
    upload.locator("button[type=submit]").click()

    # Then the mapping is offered with every column already matched from its Chinese header
    mapping = page.locator("[data-testid=mapping]")
    mapping.wait_for()
    assert mapping.locator("#id_map_received_at").input_value() == "投訴日期"
    assert mapping.locator("#id_map_subject").input_value() == "標題"
    assert mapping.locator("#id_map_unit").input_value() == "單位"
    _shot(page, "2-mapping")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "import-2-mapping-phone.png"), full_page=True)
    # (The shared header's "log out" sticks out on a phone too, but that is base.html's.)
    phone_width = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main *')]"
        ".map(element => element.getBoundingClientRect().right))"
    )
    page.set_viewport_size({"width": 1280, "height": 900})

    # When they dry run it
    mapping.locator("[data-testid=dry-run]").click()

    # Then the page says two would be created, and names the row with the unknown unit
    result = page.locator("[data-testid=result]")
    result.wait_for()
    assert result.locator("[data-testid=created]").text_content() == "2"
    assert result.locator("[data-testid=invalid]").text_content() == "1"
    problem = page.locator("[data-testid=problems] tbody tr")
    assert problem.count() == 1
    assert problem.locator("td").nth(0).text_content() == "4"
    assert problem.locator("td").nth(1).text_content() == "單位"
    assert "NOPE" in problem.locator("td").nth(2).text_content()
    assert not Complaint.objects.exists()
    _shot(page, "3-dry-run")

    # When they import it now
    page.click("[data-testid=import-now]")

    # Then the two good rows are created, and the result no longer offers to import
    page.locator("[data-testid=import-now]").wait_for(state="detached")
    assert result.locator("[data-testid=created]").text_content() == "2"
    with translation.override("zh-hant"):
        assert gettext("Created") in result.text_content()
    assert Complaint.objects.count() == 2
    _shot(page, "4-imported")

    # And the complaint is in the queue, found by its subject
    page.goto(f"{live_server.url}/complaints/?status=")
    row = page.locator("tr", has_text="大堂升降機故障")
    row.wait_for()
    assert Complaint.objects.get(external_id="OLD-1").reference in row.text_content()
    _shot(page, "5-queue")
    # And the mapping page fitted a phone's width: nothing in it to scroll sideways to
    assert phone_width <= 390, f"the mapping reaches {phone_width}px on a 390px phone"
