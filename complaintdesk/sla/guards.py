"""The time standards' condition on the complaint's lifecycle, registered on the REPLY move:
a clock that only a written reply meets is not answered by a phone call."""

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
