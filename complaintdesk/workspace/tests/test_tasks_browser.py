"""A task done by another department, in a real Chromium and Simplified Chinese: the handler
asks engineering from the complaint page, the engineer finds it under Tasks and records it
done, and the handler reads the outcome on the complaint. Screenshots go to /tmp/shots/."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from complaintdesk.accounts.models import UnitKind
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.tests.factories import (
    OrgUnitFactory,
    complaint_at,
    drive_to,
    org_tree,
    staff,
)
from complaintdesk.core.testing import BROWSER, accessibility_problems, log_in
from complaintdesk.handling_tasks.models import HandlingTask, TaskStatus

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")


def _person(role, unit, username: str, name: str):
    user = staff(role, unit, username=username, display_name=name)
    user.password = make_password("demo12345")
    user.save(update_fields=["password"])
    return user


def test_engineering_repairs_the_lift_asked_from_the_complaint_page(live_server, page):
    # Given a complaint under investigation, its handler, and an engineer at head office's
    # engineering department
    tree = org_tree()
    engineering = OrgUnitFactory(
        organisation=tree.organisation, parent=tree.head_office, kind=UnitKind.DEPARTMENT,
        name="工程部",
    )  # fmt: skip
    handler = _person(Role.HANDLER, tree.site, "handler", "陈处理")
    engineer = _person(Role.HANDLER, engineering, "engineer", "何工程")
    complaint = drive_to(
        complaint_at(tree.site, subject="二座电梯停用三日"), "investigating", handler=handler
    )
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )

    # When the handler asks engineering, naming the engineer, from the complaint page
    log_in(page, live_server.url, "handler")
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    tasks = page.locator("[data-testid=tasks]")
    tasks.locator("summary").last.click()
    form = tasks.locator("[data-testid=task-ask]")
    form.locator("#id_task-title").fill("更换二座电梯门感应器")
    form.locator("#id_task-unit").select_option(label=str(engineering))
    form.locator("#id_task-owner").select_option(value=str(engineer.pk))
    form.locator("#id_task-due").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    form.locator("button[type=submit]").click()

    # Then the task is listed on the complaint, open
    page.locator("[data-testid=task]").first.wait_for()
    assert "更换二座电梯门感应器" in page.locator("[data-testid=task]").first.text_content()
    page.screenshot(path=str(SHOTS / "task-1-asked.png"), full_page=True)

    # When the engineer opens Tasks and records it done
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    log_in(page, live_server.url, "engineer")
    page.click("[data-testid=nav-tasks]")
    card = page.locator("[data-testid=task]").first
    card.wait_for()
    assert accessibility_problems(page) == []
    card.locator("textarea").fill("已更换门感应器，电梯下午三时恢复运作。")
    page.screenshot(path=str(SHOTS / "task-2-queue.png"), full_page=True)
    card.locator("[data-testid=task-done]").click()
    page.locator(".messages").wait_for()

    # Then it is done, and the handler reads the outcome on the complaint's page
    task = HandlingTask.objects.get()
    assert task.status == TaskStatus.DONE and task.closed_by == engineer
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    log_in(page, live_server.url, "handler")
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    assert "已更换门感应器" in page.locator("[data-testid=tasks]").text_content()
    assert "已更换门感应器" in page.locator("[data-testid=timeline]").text_content()
    page.screenshot(path=str(SHOTS / "task-3-done.png"), full_page=True)
