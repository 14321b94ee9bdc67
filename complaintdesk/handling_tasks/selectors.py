"""Reads of tasks: a complaint's tasks, the owners' queue, and who may work on a task."""

from django.db.models import Q, QuerySet

from complaintdesk.accounts.models import OrgUnit, RoleAssignment, User, subtree_q
from complaintdesk.accounts.roles import Capability
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Complaint

from .models import HandlingTask, TaskStatus


def tasks_of(complaint: Complaint) -> list[HandlingTask]:
    """The complaint's tasks, open ones first by due time, then the closed ones."""
    tasks = HandlingTask.objects.filter(complaint=complaint).select_related(
        "unit", "owner", "created_by", "closed_by"
    )
    return sorted(tasks, key=lambda t: (not t.is_open, t.due_at, t.pk))


def people_of_unit(unit: OrgUnit) -> list[User]:
    """Active people holding a role in the unit itself: whom a task for it can be given to."""
    holders = RoleAssignment.objects.filter(unit=unit).values("user_id")
    return list(User.objects.filter(pk__in=holders, is_active=True).order_by("pk"))


def task_queue(user: User, *, open_only: bool = True) -> QuerySet:
    """The tasks a person works on: theirs, and those of their units (the units where they
    hold a role, and below) that nobody in particular owns; earliest due first."""
    units = Q(pk__in=[])
    for held in permissions.role_paths(user):
        units |= subtree_q("unit__path", held.path)
    tasks = HandlingTask.objects.filter(Q(owner=user) | (units & Q(owner__isnull=True)))
    if open_only:
        tasks = tasks.filter(status=TaskStatus.OPEN)
    return tasks.select_related("complaint", "unit", "owner", "created_by").order_by("due_at", "id")


def may_work_on(user: User, task: HandlingTask) -> bool:
    """Its owner, the people of its department (a unit where they hold a role, or above it),
    and those handling the complaint."""
    if task.owner_id == user.pk:
        return True
    if any(task.unit.path.startswith(held.path) for held in permissions.role_paths(user)):
        return True
    return permissions.has_capability(user, task.complaint, Capability.INVESTIGATE)
