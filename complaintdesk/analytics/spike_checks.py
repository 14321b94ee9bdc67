"""Checking an organisation's last week for recurring issues: its categories and its sites,
each against its own history in the roll-up, raising an alert once per week and telling the
people who own it (spikes.py holds the rule)."""

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Sum

from complaintdesk.accounts.models import Organisation, OrgUnit, RoleAssignment, lineage_paths
from complaintdesk.accounts.roles import Role
from complaintdesk.notifications.models import NotificationKind
from complaintdesk.notifications.services import notify

from .models import DailyFigure, SpikeAlert, SpikeDimension, SpikeSettings
from .spikes import SpikeRule, spike_in

# Who owns a rise at a site: its nearest managers up the line; of a category: head office.
SITE_OWNERS = (Role.DISTRICT_MANAGER, Role.REGIONAL_GM)
CATEGORY_OWNERS = (Role.HQ_COMPLAINTS,)
DIMENSIONS = ((SpikeDimension.CATEGORY, "category_id"), (SpikeDimension.SITE, "site_id"))


def spike_settings_of(organisation: Organisation) -> SpikeSettings:
    return SpikeSettings.objects.get_or_create(organisation=organisation)[0]


def spikes_check(organisation: Organisation, week_end: date) -> list[SpikeAlert]:
    """The week ending `week_end` (a Sunday, in the organisation's days) against the weeks
    before it; returns the alerts raised now. Safe to run again: a week's alert is raised
    and told once."""
    settings = spike_settings_of(organisation)
    rule = SpikeRule(
        settings.history_weeks, settings.p_value, settings.min_count, settings.min_ratio
    )
    weeks = rule.history_weeks + 1
    first = week_end - timedelta(days=7 * weeks - 1)
    figures = DailyFigure.objects.filter(organisation_id=organisation.pk, day__gte=first)
    figures = figures.filter(day__lte=week_end)
    raised = []
    for dimension, field in DIMENSIONS:
        counts: dict[int, list[int]] = defaultdict(lambda: [0] * weeks)
        rows = figures.exclude(**{field: 0}).values(field, "day").annotate(n=Sum("received"))
        for row in rows.order_by():
            counts[row[field]][(row["day"] - first).days // 7] += row["n"]
        for key_id, series in sorted(counts.items()):
            spike = spike_in(series, rule)
            if spike is None:
                continue
            with transaction.atomic():
                alert, created = SpikeAlert.objects.get_or_create(
                    organisation=organisation,
                    dimension=dimension,
                    key_id=key_id,
                    week_start=week_end - timedelta(days=6),
                    defaults={
                        "observed": spike.observed,
                        "baseline": spike.baseline,
                        "chance": spike.chance,
                    },
                )
                if created:
                    notify(
                        _owners(organisation, alert),
                        kind=NotificationKind.RECURRING_ISSUE,
                        params={"alert": alert.pk},
                    )
                    raised.append(alert)
    return raised


def _owners(organisation: Organisation, alert: SpikeAlert) -> list:
    held = RoleAssignment.objects.filter(unit__organisation=organisation, unit__is_active=True)
    if alert.dimension == SpikeDimension.CATEGORY:
        return [a.user for a in held.filter(role__in=CATEGORY_OWNERS).select_related("user")]
    site = OrgUnit.objects.filter(pk=alert.key_id).first()
    if site is None:
        return []
    line = held.filter(role__in=SITE_OWNERS, unit__path__in=lineage_paths(site.path))
    by_depth: dict[int, list] = defaultdict(list)
    for assignment in line.select_related("user", "unit"):
        by_depth[len(assignment.unit.path)].append(assignment.user)
    return by_depth[max(by_depth)] if by_depth else []


def last_complete_week(today: date) -> date:
    """The Sunday that ended the last whole week before `today`."""
    return today - timedelta(days=today.weekday() + 1)


def spikes_claim_week(organisation: Organisation, week_end: date) -> bool:
    """Whether this caller is the one to check that week (every worker's beat asks; one
    conditional update answers yes once)."""
    settings = spike_settings_of(organisation)
    if settings.last_week_checked is not None and settings.last_week_checked >= week_end:
        return False
    claimed = SpikeSettings.objects.filter(
        pk=settings.pk, last_week_checked=settings.last_week_checked
    )
    return claimed.update(last_week_checked=week_end) == 1
