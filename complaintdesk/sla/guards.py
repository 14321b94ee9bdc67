"""The time standards' conditions on the complaint's lifecycle: on the REPLY move, a clock
that only a written reply meets is not answered by a phone call; on the complainant's own
APPEAL, the policy's review window."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.complaints.choices import ReplyChannel
from complaintdesk.complaints.models import Complaint

from . import selectors
from .choices import StopOn


def reply_channel_meets_clocks(complaint: Complaint) -> list[str]:
    """The reply being sent (written just before the guards run) must be in a channel that
    meets every live clock waiting for the reply."""
    reply = complaint.replies.order_by("-sent_at", "-id").first()
    if reply is None:
        return []
    missing = []
    for clock in selectors.live_clocks(complaint).filter(rule__stops_on=StopOn.REPLIED):
        channels = clock.rule.reply_channels
        if channels and reply.channel not in channels:
            missing.append(
                _(
                    "“%(clock)s” is met only by a reply in writing (%(channels)s): send the "
                    "reply that way, and log a call to the complainant as a contact."
                )
                % {
                    "clock": clock.rule.label,
                    "channels": " / ".join(str(ReplyChannel(c).label) for c in channels),
                }
            )
    return missing


def review_window_open(complaint: Complaint) -> list[str]:
    """The complainant appeals within the days the policy gives after the reply (the mainland
    banking rules: 30). Staff may still register a late appeal for a good reason: this guard
    is registered for the complainant's own move only."""
    notes = selectors.policy_notes(complaint)
    if notes is None or notes.review_until is None or timezone.now() <= notes.review_until:
        return []
    until = notes.review_until.astimezone(ZoneInfo(complaint.organisation.time_zone))
    return [
        _(
            "The time to ask for a review ended on %(date)s. Please contact us if you have a "
            "reason for asking later."
        )
        % {"date": until.strftime("%Y-%m-%d")}
    ]
