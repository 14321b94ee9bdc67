"""The named queues of the workspace: mine, my team's, my units', unassigned, awaiting my
approval, due today, overdue and paused. Each is one filter on what the user may see, so a
view, the counts beside it and an export of it never disagree.

"My team" is the people of the units where the user holds a role: their complaints are those
sitting in exactly those units. "My units" adds every unit below them (a district's sites).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation, OrgUnit, UnitKind, User, subtree_q
from complaintdesk.accounts.roles import HANDLING_ROLES
from complaintdesk.core.zones import zone_named

from . import hooks, permissions
from .choices import OPEN_STATUSES
from .models import Category, Complaint, RootCause

# Counts stop here: reading a million index entries to print "312,448" would cost more than
# the page, and past a thousand the number no longer changes what anyone does next.
COUNT_CAP = 1000


class QueueView(models.TextChoices):
    ALL = "all", _("Everything I can see")
    MINE = "mine", _("Mine")
    TEAM = "team", _("My team's")
    UNITS = "units", _("My units")
    UNASSIGNED = "unassigned", _("Unassigned")
    APPROVAL = "approval", _("Awaiting my approval")
    DUE_TODAY = "due_today", _("Due today")
    OVERDUE = "overdue", _("Overdue")
    PAUSED = "paused", _("Paused")


# The views that are one state of the time standard (the stored summary of the clocks).
VIEW_SLA_STATES: dict[str, str] = {QueueView.OVERDUE: "breached", QueueView.PAUSED: "paused"}


def queue_view_q(user: User, view: str, *, now: datetime | None = None) -> Q:
    """The filter of one view, on top of the user's sight (permissions.visible_complaints);
    an unknown view filters nothing, like ALL."""
    if view == QueueView.MINE:
        return Q(handler=user)
    if view == QueueView.TEAM:
        return Q(unit_id__in=_unit_ids(user))
    if view == QueueView.UNITS:
        units = Q(pk__in=[])
        for held in permissions.role_paths(user):
            units |= subtree_q("unit_path", held.path)
        return units
    if view == QueueView.UNASSIGNED:
        return Q(handler__isnull=True)
    if view == QueueView.APPROVAL:
        # Few complaints wait on anyone's decision: their ids are read first, so that the
        # queue reads them by key instead of testing every complaint in sight against the
        # pending requests (a quarter of a second at a million complaints on SQLite).
        waiting = Complaint.objects.filter(hooks.awaiting_decision_of(user)).order_by()
        return Q(pk__in=list(waiting.values_list("pk", flat=True)))
    if view == QueueView.DUE_TODAY:
        return _due_today(user, now or timezone.now())
    if view in VIEW_SLA_STATES:
        return Q(sla_state=VIEW_SLA_STATES[view])
    return Q()


def queue_counts(user: User, *, now: datetime | None = None) -> dict[str, int]:
    """How many open complaints each view holds for this user, each count stopping at
    COUNT_CAP (read `COUNT_CAP` as "that many or more"). One bounded query per view."""
    now = now or timezone.now()
    open_in_sight = permissions.visible_complaints(user).filter(status__in=OPEN_STATUSES)
    return {
        view: _capped_count(open_in_sight.filter(queue_view_q(user, view, now=now)))
        for view in QueueView.values
    }


def _capped_count(queryset: QuerySet) -> int:
    return queryset.order_by().values("pk")[:COUNT_CAP].count()


def _unit_ids(user: User) -> list[int]:
    paths = {held.path for held in permissions.role_paths(user)}
    return list(OrgUnit.objects.filter(path__in=paths).values_list("pk", flat=True))


def _due_today(user: User, now: datetime) -> Q:
    """A running deadline before the end of today where each organisation is: what must be
    done before going home. Already breached ones are the overdue view's."""
    organisations = permissions.organisations_of(user)
    zones = Organisation.objects.filter(pk__in=organisations).values_list("pk", "time_zone")
    due = Q(pk__in=[])
    for organisation_id, zone_name in zones:
        zone = zone_named(zone_name)
        tomorrow = timezone.localtime(now, zone).date() + timedelta(days=1)
        end_of_day = datetime.combine(tomorrow, time.min, tzinfo=zone)
        due |= Q(organisation_id=organisation_id, sla_due_at__lt=end_of_day)
    return due & Q(sla_state__in=("running", "warning"))


@dataclass(frozen=True)
class QueueOptions:
    """What the queue's filters offer this user: their organisations' categories, and the
    sites and handlers within their sight."""

    categories: list[Category]
    # Read when the filter is shown or used (an export of a queue asks for none).
    root_causes: Callable[[], list[RootCause]]
    # Every unit in sight, to narrow the queue to one unit's subtree (where it is handled).
    units: list[OrgUnit]
    sites: list[OrgUnit]
    handlers: list[User]
    # Whose time standards the queue can be filtered by (the policies they follow).
    organisation_ids: list[int]


def queue_filter_options(user: User) -> QueueOptions:
    held = permissions.role_paths(user)
    organisations = permissions.organisations_of(user)
    in_sight = Q(pk__in=[])
    for h in held:
        in_sight |= subtree_q("path", h.path)
    units = OrgUnit.objects.filter(in_sight, is_active=True)
    listed = list(units.order_by("path"))
    return QueueOptions(
        categories=list(
            Category.objects.filter(organisation_id__in=organisations, is_active=True).order_by(
                "organisation_id", "sort_order", "code"
            )
        ),
        root_causes=cache(
            lambda: list(
                RootCause.objects.filter(
                    organisation_id__in=organisations, is_active=True
                ).order_by("organisation_id", "code")
            )
        ),
        units=listed,
        sites=[unit for unit in listed if unit.kind == UnitKind.SITE],
        handlers=list(
            User.objects.filter(
                is_active=True,
                role_assignments__role__in=HANDLING_ROLES,
                role_assignments__unit__in=units,
            )
            .distinct()
            .order_by("username")
        ),
        organisation_ids=list(organisations),
    )
