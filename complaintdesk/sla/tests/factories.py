"""Set-up for time-standard tests: an organisation on a shipped policy pack and calendar."""

from datetime import datetime

from complaintdesk.accounts.models import Organisation
from complaintdesk.sla.calendars import REGION_TIME_ZONES
from complaintdesk.sla.models import Calendar, OrganisationSla, Policy
from complaintdesk.sla.packs import packs_install


def on_policy(organisation: Organisation, code: str, region: str) -> OrganisationSla:
    """Put the organisation on a shipped pack with the region's stock calendar."""
    if not Policy.objects.filter(code=code).exists():
        packs_install()  # a transactional test's flush removed the migration's rows
    calendar = Calendar.objects.create(
        organisation=organisation,
        code=region.lower(),
        name=region,
        region=region,
        time_zone=REGION_TIME_ZONES[region],
    )
    settings, _ = OrganisationSla.objects.update_or_create(
        organisation=organisation,
        defaults={"policy": Policy.objects.get(code=code), "calendar": calendar},
    )
    return settings


def local(region: str, text: str) -> datetime:
    """A wall-clock time in the region, e.g. local("HK", "2026-03-02 10:00")."""
    from zoneinfo import ZoneInfo

    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(REGION_TIME_ZONES[region]))
