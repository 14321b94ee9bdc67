"""Moving a complaint up the escalation ladder and telling the people on the new rung."""

from datetime import datetime

from django.utils.translation import gettext as _

from complaintdesk.complaints.events import EventKind, event_append
from complaintdesk.complaints.models import Complaint
from complaintdesk.notifications.services import notify

from .. import selectors


def escalate_to(
    complaint: Complaint, level: int, at: datetime, *, reason: str, clock_name: str = ""
) -> bool:
    """Put the complaint on `level` (never lower than it stands), notify that rung in-app and
    by mail, write the timeline, and start the clocks that begin at that level."""
    ladder = {rung.level: rung for rung in selectors.ladder_for(complaint.organisation_id)}
    level = min(level, max(ladder))
    if level <= complaint.escalation_level:
        return False
    before = complaint.escalation_level
    complaint.escalation_level = level
    Complaint.objects.filter(pk=complaint.pk).update(escalation_level=level)
    rung = ladder.get(level)
    event_append(
        complaint,
        EventKind.ESCALATED,
        None,
        at=at,
        text=reason,
        data={
            "level_before": before,
            "level": level,
            "role": rung.role if rung else "",
            "clock": clock_name,
        },
    )
    people = selectors.people_at_level(complaint, level)
    if complaint.handler_id:
        people.append(complaint.handler)

    def render() -> tuple[str, str]:
        subject = _("Escalated to you: %(ref)s %(subject)s") % {
            "ref": complaint.reference,
            "subject": complaint.subject,
        }
        return subject, reason

    notify(people, kind="escalated", complaint=complaint, render=render, at=at)
    from .clocks import clocks_start

    for reached in range(before + 1, level + 1):
        clocks_start(complaint, at=at, level=reached)
    return True
