"""What a policy would make of a complaint, without a complaint: the sla_preview command's
answer, and the same arithmetic the live clocks use."""

from datetime import datetime

from django.utils.translation import gettext as _

from complaintdesk.core.errors import DomainError

from .calendars import calendar_for_region, deadline, warning_times
from .choices import Region
from .models import Policy


def policy_preview(policy_code: str, region: str, channel: str, grade: str, received: datetime):
    """The deadlines of every clock that would start at receipt, in the region's time zone."""
    policy = Policy.objects.filter(code=policy_code).first()
    if policy is None:
        known = ", ".join(Policy.objects.order_by("code").values_list("code", flat=True))
        raise DomainError(
            _("No policy “%(code)s”. Known policies: %(known)s.")
            % {"code": policy_code, "known": known}
        )
    if region not in Region.values or not region:
        raise DomainError(
            _("Unknown calendar “%(code)s”: use CN, HK, GB or US.") % {"code": region}
        )
    if received.tzinfo is None:
        raise DomainError(_("The time of receipt needs a UTC offset, e.g. 2026-09-30T10:00+08:00."))
    calendar = calendar_for_region(region)
    clocks = []
    for rule in policy.clocks.order_by("position", "id"):
        if not rule.applies_to(channel, grade) or rule.starts_at_level is not None:
            continue
        due = deadline(received, rule.amount, rule.unit, calendar)
        clocks.append(
            {
                "name": rule.name,
                "label": rule.label,
                "amount": rule.amount,
                "unit": rule.unit,
                "due_at": due.isoformat(),
                "warnings": [
                    w.isoformat()
                    for w in warning_times(received, due, rule.warnings, rule.unit, calendar)
                ],
            }
        )
    return {
        "policy": policy.code,
        "calendar": region,
        "time_zone": calendar.time_zone,
        "received": received.astimezone(calendar.tz).isoformat(),
        "clocks": clocks,
    }
