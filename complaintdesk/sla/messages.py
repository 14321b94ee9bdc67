"""How the time standards' notifications read, rendered in the reader's language."""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from complaintdesk.complaints.events import EscalationCause
from complaintdesk.notifications.models import Notification

from .models import ClockRule


def _clock_label(rule_id: int | None, cache: dict) -> str:
    if rule_id is None:
        return ""
    key = ("sla.rule", rule_id)
    if key not in cache:
        cache[key] = ClockRule.objects.filter(pk=rule_id).first()
    rule = cache[key]
    return rule.label if rule else ""


def _about(notification: Notification) -> dict[str, str]:
    complaint = notification.complaint
    if complaint is None:
        return {"ref": "", "subject": ""}
    return {"ref": complaint.reference, "subject": complaint.subject}


def _local(value: str) -> str:
    """The deadline as stored, already in the complaint's calendar's time zone."""
    moment = parse_datetime(value or "")
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def clock_warning(notification: Notification, cache: dict) -> tuple[str, str]:
    params = notification.params
    return (
        _("Due soon: %(ref)s %(subject)s") % _about(notification),
        _("“%(clock)s” is due at %(due)s.")
        % {
            "clock": _clock_label(params.get("rule"), cache),
            "due": _local(params.get("due_at", "")),
        },
    )


def progress_task(notification: Notification, cache: dict) -> tuple[str, str]:
    return (
        _("Overdue: %(ref)s %(subject)s") % _about(notification),
        _(
            "“%(clock)s” was due and is not met. Call the complainant now, tell them "
            "how the complaint stands and when they will hear from us, and log the call."
        )
        % {"clock": _clock_label(notification.params.get("rule"), cache)},
    )


def escalated(notification: Notification, cache: dict) -> tuple[str, str]:
    params = notification.params
    cause = params.get("cause", "")
    if cause == EscalationCause.CLOCK_BREACHED:
        body = _("“%(clock)s” was not met in time.") % {
            "clock": _clock_label(params.get("rule"), cache)
        }
    elif params.get("note"):
        body = params["note"]
    elif cause in EscalationCause.values:
        body = str(EscalationCause(cause).label)
    else:
        body = ""
    return _("Escalated to you: %(ref)s %(subject)s") % _about(notification), body
