"""Opening, linking, finishing and reviewing corrective and preventive actions. Managers of
the owning unit's line run them; whether one worked is decided by a person looking at the
counts, never by the system."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.accounts.roles import MANAGING_ROLES
from complaintdesk.analytics.models import CauseFigure, DailyFigure
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import GuardFailed, NotFound, NotPermitted
from complaintdesk.core.zones import zone_named

from .models import ActionStatus, CorrectiveAction

OPEN_FIELDS = (
    "kind",
    "title",
    "description",
    "owner",
    "due_date",
    "category",
    "root_cause",
    "site",
    "alert",
    "review_after_days",
)


def may_manage(user: User, unit: OrgUnit) -> bool:
    """A managing role held at the unit or above it in its line."""
    return any(
        held.role in MANAGING_ROLES and unit.path.startswith(held.path)
        for held in permissions.role_paths(user)
    )


def _require_manager(user: User, unit: OrgUnit) -> None:
    if not may_manage(user, unit):
        raise NotPermitted(_("Only a manager of this unit's line may do this."))


def capa_open(by: User, unit: OrgUnit, *, at: datetime | None = None, **values) -> CorrectiveAction:
    unknown = set(values) - set(OPEN_FIELDS)
    if unknown:
        raise TypeError(f"Not set here: {sorted(unknown)}")
    _require_manager(by, unit)
    owner = values.get("owner")
    if owner is None or not any(
        held.organisation_id == unit.organisation_id for held in permissions.role_paths(owner)
    ):
        raise GuardFailed(_("Choose an owner who works in this organisation."))
    for name in ("category", "root_cause", "site", "alert"):
        chosen = values.get(name)
        if chosen is not None and chosen.organisation_id != unit.organisation_id:
            raise GuardFailed(
                _("The category, root cause, site and alert must be of this organisation.")
            )
    today = (at or timezone.now()).astimezone(zone_named(unit.organisation.time_zone)).date()
    if values["due_date"] < today:
        raise GuardFailed(_("The due date has passed already."))
    return CorrectiveAction.objects.create(
        organisation_id=unit.organisation_id, unit=unit, created_by=by, **values
    )


def capa_link(action: CorrectiveAction, complaint: Complaint, by: User) -> None:
    """A complaint behind the action (its cause is what the action removes)."""
    _require_manager(by, action.unit)
    if complaint.organisation_id != action.organisation_id or not permissions.can_view(
        by, complaint
    ):
        raise NotFound(_("No such complaint."))
    action.complaints.add(complaint)


def capa_done(action: CorrectiveAction, by: User, *, at: datetime | None = None) -> None:
    """The change is made; its effect is reviewed `review_after_days` later."""
    _require_manager(by, action.unit)
    with transaction.atomic():
        moved = CorrectiveAction.objects.filter(pk=action.pk, status=ActionStatus.OPEN).update(
            status=ActionStatus.DONE, done_at=at or timezone.now()
        )
    if not moved:
        raise GuardFailed(_("Only an open action can be marked done."))
    action.refresh_from_db()


def capa_cancel(action: CorrectiveAction, by: User, reason: str) -> None:
    _require_manager(by, action.unit)
    if not reason.strip():
        raise GuardFailed(_("Please give a reason."))
    moved = CorrectiveAction.objects.filter(
        pk=action.pk, status__in=[ActionStatus.OPEN, ActionStatus.DONE]
    ).update(status=ActionStatus.CANCELLED, status_note=reason.strip())
    if not moved:
        raise GuardFailed(_("This action is closed already."))
    action.refresh_from_db()


@dataclass(frozen=True)
class Effect:
    """Complaints of the action's kind in the `days` before it was done and the `days` after;
    `ready` once the days after have all passed."""

    days: int
    before: int
    after: int
    ready: bool
    after_until: date


def capa_effect(action: CorrectiveAction, *, today: date | None = None) -> Effect | None:
    """Counted from the roll-ups: complaints of its root cause by the day they were closed
    (a cause is known then), otherwise of its category and site by the day they arrived; in
    the owning unit's line. None until the action is done."""
    if action.done_at is None:
        return None
    zone = zone_named(action.organisation.time_zone)
    done = action.done_at.astimezone(zone).date()
    today = today or timezone.now().astimezone(zone).date()
    days = action.review_after_days
    line = OrgUnit.objects.filter(organisation_id=action.organisation_id)
    units = [u.pk for u in line if u.path.startswith(action.unit.path)]
    rows: QuerySet
    if action.root_cause_id:
        rows = CauseFigure.objects.filter(root_cause_id=action.root_cause_id)
        measure = "closed"
    else:
        rows = DailyFigure.objects.all()
        measure = "received"
        if action.site_id:
            rows = rows.filter(site_id=action.site_id)
    rows = rows.filter(organisation_id=action.organisation_id, unit_id__in=units)
    if action.category_id:
        rows = rows.filter(category_id=action.category_id)

    def counted(first: date, last: date) -> int:
        found = rows.filter(day__gte=first, day__lte=last).aggregate(n=Sum(measure))["n"]
        return found or 0

    after_until = done + timedelta(days=days - 1)
    return Effect(
        days=days,
        before=counted(done - timedelta(days=days), done - timedelta(days=1)),
        after=counted(done, min(after_until, today)),
        ready=today > after_until,
        after_until=after_until,
    )


def capa_review(
    action: CorrectiveAction, by: User, *, effective: bool, note: str, at: datetime | None = None
) -> Effect:
    """A manager's verdict on the action's effect, kept with the counts they saw."""
    _require_manager(by, action.unit)
    if action.status != ActionStatus.DONE:
        raise GuardFailed(_("Only an action marked done can be reviewed."))
    effect = capa_effect(action)
    assert effect is not None  # done, so done_at is set
    if not effect.ready:
        raise GuardFailed(
            _("Its effect can be reviewed from %(day)s.")
            % {"day": (effect.after_until + timedelta(days=1)).isoformat()}
        )
    if not note.strip():
        raise GuardFailed(_("Please say what the figures show."))
    CorrectiveAction.objects.filter(pk=action.pk).update(
        status=ActionStatus.EFFECTIVE if effective else ActionStatus.NOT_EFFECTIVE,
        reviewed_at=at or timezone.now(),
        reviewed_by=by,
        count_before=effect.before,
        count_after=effect.after,
        review_note=note.strip(),
    )
    action.refresh_from_db()
    return effect
