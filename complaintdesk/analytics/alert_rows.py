"""A recurring-issue alert as people read it: what rose, and the queue of its complaints."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from complaintdesk.accounts.models import OrgUnit
from complaintdesk.complaints.models import Category

from .models import SpikeAlert, SpikeDimension
from .scope import DashboardScope


def alert_subject(alert: SpikeAlert) -> Category | OrgUnit | None:
    """The category or the site that rose (one query)."""
    if alert.dimension == SpikeDimension.CATEGORY:
        return Category.objects.filter(pk=alert.key_id).first()
    return OrgUnit.objects.filter(pk=alert.key_id).first()


def alert_subject_name(alert: SpikeAlert, subject: Category | OrgUnit | None = None) -> str:
    subject = subject or alert_subject(alert)
    if subject is None:
        return "—"
    return subject.label if isinstance(subject, Category) else subject.name


def alert_queue(alert: SpikeAlert, subject: Category | OrgUnit | None = None) -> str:
    """The queue of the complaints behind the alert: its category or site, that week."""
    subject = subject or alert_subject(alert)
    filters = {
        "status": "",
        "received_from": alert.week_start.isoformat(),
        "received_to": (alert.week_start + timedelta(days=6)).isoformat(),
    }
    key = "category" if alert.dimension == SpikeDimension.CATEGORY else "site"
    filters[key] = subject.code if subject is not None else ""
    return f"{reverse('complaints:list')}?{urlencode(filters)}"


@dataclass(frozen=True)
class AlertRow:
    alert: SpikeAlert
    name: str
    queue: str


def alerts_in_sight(scope: DashboardScope, limit: int = 10) -> list[AlertRow]:
    """The latest alerts of the units the viewer oversees: a site's when it is in their sight,
    a category's (the whole organisation's) when they oversee all of it."""
    in_sight = Q(dimension=SpikeDimension.SITE, key_id__in=[u.pk for u in scope.units])
    if scope.whole_organisation:
        in_sight |= Q(dimension=SpikeDimension.CATEGORY)
    alerts = SpikeAlert.objects.filter(in_sight, organisation=scope.organisation)[:limit]
    rows = []
    for alert in alerts:
        subject = alert_subject(alert)
        rows.append(
            AlertRow(alert, alert_subject_name(alert, subject), alert_queue(alert, subject))
        )
    return rows
