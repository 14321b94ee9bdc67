"""Asking another department for a task, and its end: done with an outcome, or cancelled.
Each writes the complaint's timeline through the core and tells whom it concerns."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.accounts.roles import Capability
from complaintdesk.complaints import permissions
from complaintdesk.complaints.choices import OPEN_STATUSES, EventKind
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.policy_events import task_event
from complaintdesk.complaints.services import complaint_activity_touch
from complaintdesk.core.errors import GuardFailed, NotPermitted
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.notifications.services import notify
from complaintdesk.sla.calendars import WorkingCalendar, next_working_day
from complaintdesk.sla.selectors import calendar_for_unit

from .models import HandlingTask, TaskStatus
from .selectors import may_work_on, people_of_unit


def _due_at(calendar: WorkingCalendar, day: date) -> datetime:
    """Close of business on `day` where the unit works; a day it does not work moves to its
    next working day."""
    if not calendar.is_working_day(day):
        day = next_working_day(calendar, day)
    return calendar.closing(day)


def task_ask(
    complaint: Complaint,
    by: User,
    *,
    title: str,
    unit: OrgUnit,
    due: date,
    owner: User | None = None,
    details: str = "",
    at: datetime | None = None,
) -> HandlingTask:
    """Ask `unit` (and `owner` in it, if named) to do something for an open complaint, by a
    date. Whoever investigates the complaint may ask. The owner, or else the unit's people,
    are told."""
    at = at or timezone.now()
    permissions.require_capability(by, complaint, Capability.INVESTIGATE)
    problems = []
    if complaint.status not in OPEN_STATUSES:
        problems.append(_("The complaint is finished: no more tasks can be asked for it."))
    if not title.strip():
        problems.append(_("Say what is to be done."))
    if unit.organisation_id != complaint.organisation_id or not unit.is_active:
        problems.append(_("The department must be an active unit of the same organisation."))
    if owner is not None and owner.pk not in {u.pk for u in people_of_unit(unit)}:
        problems.append(_("The owner must be someone of that department."))
    calendar = calendar_for_unit(unit)
    if due < calendar.local_date(at):
        problems.append(_("The due date has passed."))
    if problems:
        raise GuardFailed(_("The task cannot be asked:"), details=problems)
    with transaction.atomic():
        task = HandlingTask.objects.create(
            complaint=complaint,
            title=title.strip(),
            details=details.strip(),
            unit=unit,
            owner=owner,
            due_at=_due_at(calendar, due),
            created_by=by,
            created_at=at,
        )
        task_event(
            complaint, by, at, kind=EventKind.TASK_ASKED, task_id=task.pk, text=task.title,
            unit=unit.name, owner=str(owner or ""), due_at=task.due_at,
        )  # fmt: skip
        complaint_activity_touch(complaint, at)
        recipients = [owner] if owner else people_of_unit(unit)
        notify(recipients, kind=NotificationKind.TASK_ASKED, complaint=complaint,
               params={"task": task.pk}, at=at)  # fmt: skip
    return task


def task_complete(
    task: HandlingTask, by: User, outcome: str, *, at: datetime | None = None
) -> HandlingTask:
    """The department did it: what came of it goes on the complaint's timeline, and its handler
    (or whoever asked) is told."""
    return _close(task, by, outcome, TaskStatus.DONE, at)


def task_cancel(
    task: HandlingTask, by: User, reason: str, *, at: datetime | None = None
) -> HandlingTask:
    """No longer needed (the complainant withdrew, another way was found): only the complaint's
    side may cancel what it asked."""
    if not permissions.has_capability(by, task.complaint, Capability.INVESTIGATE):
        raise NotPermitted(_("Only those handling the complaint may cancel its tasks."))
    return _close(task, by, reason, TaskStatus.CANCELLED, at)


def _close(task: HandlingTask, by: User, text: str, status: str, at: datetime | None):
    at = at or timezone.now()
    if not may_work_on(by, task):
        raise NotPermitted(_("This task is not yours or your department's."))
    if not text.strip():
        raise GuardFailed(
            _("Say what came of it.")
            if status == TaskStatus.DONE
            else _("Say why it is cancelled.")
        )
    with transaction.atomic():
        locked = (
            HandlingTask.objects.select_for_update().select_related("complaint").get(pk=task.pk)
        )
        if not locked.is_open:
            raise GuardFailed(_("This task is closed already."))
        locked.status, locked.closed_by, locked.closed_at = status, by, at
        locked.outcome = text.strip()
        locked.save(update_fields=["status", "closed_by", "closed_at", "outcome"])
        complaint = locked.complaint
        kind = EventKind.TASK_DONE if status == TaskStatus.DONE else EventKind.TASK_CANCELLED
        task_event(
            complaint, by, at, kind=kind, task_id=locked.pk, text=locked.outcome,
            unit=locked.unit.name, owner=str(locked.owner or ""),
        )  # fmt: skip
        complaint_activity_touch(complaint, at)
        if status == TaskStatus.DONE:
            told = [complaint.handler or locked.created_by]
            notify(told, kind=NotificationKind.TASK_DONE, complaint=complaint,
                   params={"task": locked.pk}, at=at)  # fmt: skip
    return locked


def tasks_overdue_warn(now: datetime) -> int:
    """Tell each late task's complaint handler (or its asker) once, and note it on the
    timeline; the row claimed by one conditional UPDATE, so two sweeps warn once."""
    warned = 0
    late = HandlingTask.objects.filter(
        status=TaskStatus.OPEN, due_at__lt=now, overdue_notified_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(late[:500]):
        with transaction.atomic():
            claimed = HandlingTask.objects.filter(pk=pk, overdue_notified_at__isnull=True).update(
                overdue_notified_at=now
            )
            if not claimed:
                continue
            task = HandlingTask.objects.select_related("complaint", "unit", "created_by").get(pk=pk)
            complaint = task.complaint
            task_event(
                complaint, None, now, kind=EventKind.TASK_OVERDUE, task_id=task.pk,
                text=task.title, unit=task.unit.name, owner=str(task.owner or ""),
                due_at=task.due_at,
            )  # fmt: skip
            notify([complaint.handler or task.created_by], kind=NotificationKind.TASK_OVERDUE,
                   complaint=complaint, params={"task": task.pk}, at=now)  # fmt: skip
            warned += 1
    return warned
