"""How the time standards' notifications read, rendered in the reader's language."""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from complaintdesk.complaints.events import EscalationCause
from complaintdesk.notifications.models import Notification

from .choices import StopOn
from .models import ClockRule, ExtensionRequest, ExtensionStatus


def _rule(rule_id: int | None, cache: dict) -> ClockRule | None:
    if rule_id is None:
        return None
    key = ("sla.rule", rule_id)
    if key not in cache:
        cache[key] = ClockRule.objects.filter(pk=rule_id).first()
    return cache[key]


def _clock_label(rule_id: int | None, cache: dict) -> str:
    rule = _rule(rule_id, cache)
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
    """What to do now depends on what meets the clock that fell due: the executives' report is
    written, an acknowledgement given; for the rest, the complainant hears how it stands."""
    rule = _rule(notification.params.get("rule"), cache)
    values = {"clock": rule.label if rule else ""}
    stops_on = rule.stops_on if rule else ""
    if stops_on == StopOn.EXECUTIVE_REPORT:
        body = _(
            "“%(clock)s” was due and is not met. Send the written report to the executives now "
            "and record it as a handling step."
        )
    elif stops_on == StopOn.ACKNOWLEDGED:
        body = _(
            "“%(clock)s” was due and is not met. Acknowledge the complaint to the complainant "
            "now: the reference, who handles it and when they will hear from us."
        )
    else:
        body = _(
            "“%(clock)s” was due and is not met. Call the complainant now, tell them "
            "how the complaint stands and when they will hear from us, and log the call."
        )
    return _("Overdue: %(ref)s %(subject)s") % _about(notification), body % values


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


def _extension(notification: Notification, cache: dict) -> ExtensionRequest | None:
    key = ("sla.extension", notification.params.get("request"))
    if key not in cache:
        cache[key] = (
            ExtensionRequest.objects.select_related("clock__rule", "requested_by", "decided_by")
            .filter(pk=key[1])
            .first()
        )
    return cache[key]


def _extension_values(notification: Notification, request: ExtensionRequest) -> dict:
    return {
        **_about(notification),
        "clock": request.clock.rule.label,
        "amount": request.amount_after,
        "unit": request.clock.get_unit_display(),
        "asker": request.requested_by,
        "decider": request.decided_by or "",
        "reason": request.reason,
        "decision": request.decision_reason,
    }


def extension_requested(notification: Notification, cache: dict) -> tuple[str, str]:
    request = _extension(notification, cache)
    if request is None:
        return notification.get_kind_display(), ""
    values = _extension_values(notification, request)
    return (
        _("Extension to approve: %(ref)s %(subject)s") % values,
        _(
            "%(asker)s asks to extend “%(clock)s” to %(amount)s %(unit)s. Reason: %(reason)s "
            "Approve or refuse it on the complaint's page."
        )
        % values,
    )


def extension_decided(notification: Notification, cache: dict) -> tuple[str, str]:
    request = _extension(notification, cache)
    if request is None:
        return notification.get_kind_display(), ""
    values = _extension_values(notification, request)
    if request.status == ExtensionStatus.APPROVED:
        return (
            _("Extension approved: %(ref)s %(subject)s") % values,
            _(
                "%(decider)s approved extending “%(clock)s” to %(amount)s %(unit)s; the "
                "complainant sees the new date on their tracking page. Tell them why too."
            )
            % values,
        )
    if request.status == ExtensionStatus.REFUSED:
        return (
            _("Extension refused: %(ref)s %(subject)s") % values,
            _("%(decider)s refused extending “%(clock)s”. Reasons: %(decision)s") % values,
        )
    return (
        _("Extension no longer needed: %(ref)s %(subject)s") % values,
        _("“%(clock)s” was met or extended before the decision; nothing was changed.") % values,
    )
