"""What the receiver reads out to the caller once the complaint is saved: the reference, who
handles it and by when, in the complainant's language (not the receiver's)."""

from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _

from complaintdesk.complaints.models import Complaint
from complaintdesk.sla.selectors import clock_rows, promised


def readout(complaint: Complaint) -> str:
    zone = ZoneInfo(complaint.organisation.time_zone)
    with translation.override(complaint.language):
        parts = [
            _("Your complaint is registered under reference %(ref)s.")
            % {"ref": complaint.reference}
        ]
        if complaint.handler is not None:
            parts.append(_("%(name)s will handle it.") % {"name": complaint.handler})
        else:
            parts.append(_("Our %(unit)s team will handle it.") % {"unit": complaint.unit})
        for row in promised(clock_rows(complaint)):
            due = row.clock.due_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            parts.append(_("%(clock)s: by %(due)s.") % {"clock": row.label, "due": due})
        return " ".join(str(part) for part in parts)
