"""Configure the time standards, escalation ladder, authority matrix and assignment rules of the
demo organisations from `org_data`, before any complaint arrives: clocks start at registration
and read this configuration then. Configuration rows are written directly, as in `org.py`."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import F

from complaintdesk.authority.models import AuthorityLimit
from complaintdesk.notifications.models import Notification
from complaintdesk.routing.models import Absence, AssignmentRule
from complaintdesk.sla.calendars import region_is_working_day
from complaintdesk.sla.choices import Region
from complaintdesk.sla.models import Calendar, CalendarDay, EscalationLevel, OrganisationSla, Policy
from complaintdesk.sla.packs import packs_install

from . import org_data
from .org import Directory

# Notifications older than this were read by the time of the load; newer ones wait unread.
READ_AFTER = timedelta(days=3)


def configure_engine(directory: Directory, now: datetime) -> None:
    policies = {settings["policy"] for settings in org_data.SLA.values()}
    if Policy.objects.filter(code__in=policies).count() < len(policies):
        # The sla migration installs the packs; a test database flushed since has lost them.
        packs_install()
    for org_key, organisation in directory.organisations.items():
        settings = org_data.SLA[org_key]
        code, name, region, time_zone = settings["calendar"]
        calendar = Calendar.objects.create(
            organisation=organisation,
            code=code,
            name=name,
            region=region,
            time_zone=time_zone,
            opens=time(9),
            closes=time(18),
        )
        if org_key == org_data.HK:
            CalendarDay.objects.create(
                calendar=calendar,
                date=recent_working_day(now, ZoneInfo(time_zone), Region.HK),
                is_working=False,
                reason=org_data.HK_CLOSURE_REASON,
            )
        OrganisationSla.objects.create(
            organisation=organisation,
            policy=Policy.objects.get(code=settings["policy"]),
            calendar=calendar,
        )
        for level, role, scope, name_en, name_hans, name_hant in org_data.LADDER.get(org_key, ()):
            EscalationLevel.objects.create(
                organisation=organisation,
                level=level,
                role=role,
                scope=scope,
                name_en=name_en,
                name_zh_hans=name_hans,
                name_zh_hant=name_hant,
            )
        categories = directory.categories[org_key]
        AuthorityLimit.objects.bulk_create(
            AuthorityLimit(
                organisation=organisation,
                role=role,
                remedy_type=remedy,
                max_amount=None if ceiling is None else Decimal(ceiling),
                category=categories[category] if category else None,
            )
            for role, remedies, ceiling, category in org_data.AUTHORITY_LIMITS[org_key]
            for remedy in remedies
        )
        for priority, name, conditions, pool, role, strategy in org_data.ASSIGNMENT_RULES[org_key]:
            values: dict[str, Any] = dict(conditions)  # codes, then the rows they name
            if "category" in values:
                values["category"] = categories[values["category"]]
            if "unit" in values:
                values["unit"] = directory.unit(org_key, values["unit"])
            AssignmentRule.objects.create(
                organisation=organisation,
                priority=priority,
                name=name,
                pool_unit=directory.unit(org_key, pool) if pool else None,
                pool_role=role,
                strategy=strategy,
                **values,
            )
    for username, starts, ends, reason in org_data.ABSENCES:
        user = directory.users[username]
        assert user.home_unit is not None  # every demo user has one (org_data.USERS)
        zone = ZoneInfo(user.home_unit.organisation.time_zone)
        local = now.astimezone(zone)
        Absence.objects.create(
            user=user,
            starts_at=datetime.combine((local + timedelta(days=starts)).date(), time(9), zone),
            ends_at=datetime.combine((local + timedelta(days=ends)).date(), time(18), zone),
            reason=reason,
        )


def recent_working_day(now: datetime, zone: ZoneInfo, region: str) -> date:
    """A working day about a week before `now`: recent enough that the deadlines of open
    complaints run over it, and never today (a closure announced after the fact)."""
    day = now.astimezone(zone).date() - timedelta(days=7)
    while not region_is_working_day(region, day):
        day -= timedelta(days=1)
    return day


def notifications_settle(directory: Directory, now: datetime) -> None:
    """The demo's notifications describe the past: their e-mail copies went out when they were
    written, and the older ones have been read. Without this the first `make run` would mail
    (print) the whole history, and every inbox would be full of weeks-old unread messages."""
    demo = Notification.objects.filter(recipient__in=list(directory.users.values()))
    demo.filter(mailed_at__isnull=True).update(mailed_at=F("created_at"))
    demo.filter(read_at__isnull=True, created_at__lt=now - READ_AFTER).update(
        read_at=F("created_at")
    )
