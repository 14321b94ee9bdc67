"""Tasks another department does for a complaint: asked with a due date on that department's
calendar, done by its people with an outcome on the timeline, and late ones reported to the
complaint's handler once."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from complaintdesk.accounts.models import UnitKind
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import EventKind
from complaintdesk.complaints.tests.factories import (
    OrgUnitFactory,
    complaint_at,
    drive_to,
    org_tree,
    staff,
)
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.handling_tasks.models import TaskStatus
from complaintdesk.handling_tasks.selectors import task_queue
from complaintdesk.handling_tasks.services import (
    task_ask,
    task_cancel,
    task_complete,
    tasks_overdue_warn,
)
from complaintdesk.notifications.messages import message_render
from complaintdesk.notifications.models import Notification, NotificationKind
from complaintdesk.sla.tests.factories import local, on_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    """A complaint under investigation at a Hong Kong site, its handler, and the head office's
    engineering department with an engineer."""
    tree = org_tree()
    on_policy(tree.organisation, "seed-hk-property", "HK")
    engineering = OrgUnitFactory(
        organisation=tree.organisation, parent=tree.head_office, kind=UnitKind.DEPARTMENT,
        name="Engineering",
    )  # fmt: skip
    complaint = drive_to(complaint_at(tree.site), "investigating")
    engineer = staff(Role.HANDLER, engineering, display_name="Engineer Ho")
    return complaint, complaint.handler, engineering, engineer


def test_a_task_is_due_at_close_of_the_department_s_working_day_and_its_owner_is_told(case):
    complaint, handler, engineering, engineer = case
    # When the handler asks engineering to repair the lift by Saturday 11 April 2026
    task = task_ask(
        complaint, handler, title="Repair the lift in block 2", unit=engineering,
        owner=engineer, due=date(2026, 4, 11), at=local("HK", "2026-04-09 10:00"),
    )  # fmt: skip

    # Then it is due at close of business on Monday 13 April, Saturday being no working day
    assert task.due_at == local("HK", "2026-04-13 18:00")
    # And the timeline says it, and the engineer is told
    event = complaint.events.filter(kind=EventKind.TASK_ASKED).get()
    assert event.text == "Repair the lift in block 2" and event.data["unit"] == "Engineering"
    told = Notification.objects.get(kind=NotificationKind.TASK_ASKED)
    assert told.recipient == engineer
    subject, body = message_render(told)
    assert "Repair the lift in block 2" in subject and "Engineering" in body


def test_the_engineer_sees_it_in_their_queue_and_reports_it_done_and_the_handler_is_told(case):
    complaint, handler, engineering, engineer = case
    task = task_ask(
        complaint, handler, title="Repair the lift", unit=engineering, due=timezone.localdate()
        + timedelta(days=7),
    )  # fmt: skip

    # Then the engineer finds it among their department's tasks (nobody named)
    assert list(task_queue(engineer)) == [task]

    # When they report it done
    task_complete(task, engineer, "Replaced the door sensor; lift back in service at 15:00.")

    # Then it is done, the outcome is on the complaint's timeline and the handler is told
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.closed_by == engineer
    assert complaint.events.filter(kind=EventKind.TASK_DONE).get().text.startswith("Replaced")
    assert Notification.objects.filter(kind=NotificationKind.TASK_DONE, recipient=handler).exists()
    assert list(task_queue(engineer)) == []


def test_nobody_outside_the_department_or_the_complaint_closes_a_task(case):
    complaint, handler, engineering, engineer = case
    task = task_ask(complaint, handler, title="Check the charge", unit=engineering,
                    due=timezone.localdate() + timedelta(days=3))  # fmt: skip
    stranger = staff(Role.HANDLER, org_tree().site)

    with pytest.raises(NotPermitted):
        task_complete(task, stranger, "Done, trust me.")
    # And the engineer may do it but not cancel what the complaint's side asked
    with pytest.raises(NotPermitted):
        task_cancel(task, engineer, "Not our job.")
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_a_late_task_warns_the_handler_once(case):
    complaint, handler, engineering, _engineer = case
    task = task_ask(complaint, handler, title="Repair the lift", unit=engineering,
                    due=timezone.localdate() + timedelta(days=1))  # fmt: skip

    # When two sweeps run after it was due
    later = task.due_at + timedelta(hours=1)
    first, second = tasks_overdue_warn(later), tasks_overdue_warn(later)

    # Then the handler is warned once, and the timeline says so once
    assert (first, second) == (1, 0)
    assert (
        Notification.objects.filter(kind=NotificationKind.TASK_OVERDUE, recipient=handler).count()
        == 1
    )
    assert complaint.events.filter(kind=EventKind.TASK_OVERDUE).count() == 1


def test_a_task_needs_a_future_date_an_open_complaint_and_someone_of_the_department(case):
    complaint, handler, engineering, _engineer = case
    outsider = staff(Role.HANDLER, complaint.unit)
    with pytest.raises(GuardFailed) as refused:
        task_ask(complaint, handler, title="Repair", unit=engineering, owner=outsider,
                 due=timezone.localdate() - timedelta(days=2))  # fmt: skip
    assert len(refused.value.details) == 2
    assert not complaint.tasks.exists()
