"""How the tasks' notifications read, in the reader's language."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from complaintdesk.notifications.messages import Renderer
from complaintdesk.notifications.models import Notification

from .models import HandlingTask


def _task(notification: Notification, cache: dict) -> HandlingTask | None:
    key = ("handling_tasks.task", notification.params.get("task"))
    if key not in cache:
        cache[key] = (
            HandlingTask.objects.select_related("complaint", "unit", "closed_by")
            .filter(pk=key[1])
            .first()
        )
    return cache[key]


def _values(task: HandlingTask) -> dict[str, str]:
    return {
        "reference": task.complaint.reference,
        "title": task.title,
        "unit": task.unit.name,
        "due": date_format(timezone.localtime(task.due_at), "SHORT_DATETIME_FORMAT"),
        "outcome": task.outcome,
        "by": str(task.closed_by or ""),
    }


def _renderer(subject: Promise, body: Promise) -> Renderer:
    """A notification of a task, its subject and body filled from the task when read, in the
    reader's language."""

    def render(notification: Notification, cache: dict) -> tuple[str, str]:
        task = _task(notification, cache)
        if task is None:
            return notification.get_kind_display(), ""
        values = _values(task)
        return str(subject) % values, str(body) % values

    return render


task_asked = _renderer(
    _("A task for %(unit)s: %(title)s"),
    _("For complaint %(reference)s, %(unit)s is asked to: %(title)s. Due %(due)s."),
)
task_done = _renderer(
    _("Task done for %(reference)s: %(title)s"),
    _("%(by)s of %(unit)s did it: %(outcome)s"),
)
task_overdue = _renderer(
    _("Task overdue for %(reference)s: %(title)s"),
    _("%(unit)s was to do it by %(due)s and has not reported it done."),
)
