"""The complaint page's timeline filters: what a handler looks for on a long history (the
entries themselves are timeline.py's)."""

from django.utils.translation import gettext_lazy

from complaintdesk.complaints.choices import Visibility
from complaintdesk.complaints.events import COMPLAINANT, CONTACT_KINDS, EventKind

from .timeline import Entry

# The timeline's filters: what a handler looks for on a long history.
TIMELINE_FILTERS = {
    "all": gettext_lazy("All"),
    "complainant": gettext_lazy("Seen by the complainant"),
    "contacts": gettext_lazy("Contacts"),
    "system": gettext_lazy("System"),
}
# What counts as a contact with the complainant: a call, letter, mail or visit logged, a reply,
# a follow-up, and what they wrote themselves.
_CONTACTS = CONTACT_KINDS | {EventKind.REPLY_SENT, EventKind.FOLLOW_UP_RECORDED}


def entries_shown(entries: list[Entry], which: str) -> list[Entry]:
    """The entries one of TIMELINE_FILTERS keeps; any other value keeps them all."""
    if which == "complainant":
        return [e for e in entries if e.event.visibility == Visibility.COMPLAINANT]
    if which == "contacts":
        return [
            e
            for e in entries
            if e.event.kind in _CONTACTS or (e.event.data or {}).get("by") == COMPLAINANT
        ]
    if which == "system":
        return [
            e
            for e in entries
            if e.event.actor_id is None
            and (e.event.data or {}).get("by") != COMPLAINANT
            and e.event.kind != EventKind.REGISTERED
        ]
    return entries
