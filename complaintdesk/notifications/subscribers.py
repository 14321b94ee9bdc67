"""Notifications of the complaints core's own rules: whoever is given a complaint hears of it;
when a colleague replies, the receiver is asked to confirm with the complainant that the reply
arrived (the closing guard waits for it), so that nobody has to discover the dependency at
closing time; and when the complainant writes, answers, rates or appeals on the tracking page,
their handler hears of it at once."""

from django.utils.translation import gettext as _

from complaintdesk.complaints.guards import receipt_confirmation_needed
from complaintdesk.complaints.hooks import ComplainantWrote, ComplaintMoved
from complaintdesk.complaints.transitions import Action
from complaintdesk.core.hooks import subscribe

from .messages import message_register
from .models import Notification, NotificationKind
from .services import notify


def on_moved(event: ComplaintMoved) -> None:
    _tell_new_handler(event)
    complaint = event.complaint
    if (
        event.action != Action.REPLY
        or event.by is None
        or complaint.received_by is None
        or not receipt_confirmation_needed(complaint, event.by.pk)
    ):
        return
    notify(
        [complaint.received_by],
        kind=NotificationKind.CONFIRM_RECEIPT,
        complaint=complaint,
        params={"replier": str(event.by)},
        at=event.at,
    )


def _tell_new_handler(event: ComplaintMoved) -> None:
    """Whoever is given a complaint by someone else (a manager, a receiver, the routing rules)
    hears of it at once: it is theirs to handle from now on. Taking it oneself tells nobody."""
    complaint = event.complaint
    if event.action not in (Action.ASSIGN, Action.REASSIGN) or complaint.handler is None:
        return
    if event.by is not None and event.by.pk == complaint.handler_id:
        return
    notify(
        [complaint.handler],
        kind=NotificationKind.ASSIGNED,
        complaint=complaint,
        params={"by": str(event.by or "")},
        at=event.at,
    )


def assigned(notification: Notification, cache: dict) -> tuple[str, str]:
    complaint = notification.complaint
    values = {
        "ref": complaint.reference if complaint else "",
        "subject": complaint.subject if complaint else "",
        "by": notification.params.get("by", ""),
    }
    return (
        _("Given to you: %(ref)s %(subject)s") % values,
        _("%(by)s gave you complaint %(ref)s to handle.") % values,
    )


def confirm_receipt(notification: Notification, cache: dict) -> tuple[str, str]:
    complaint = notification.complaint
    values = {
        "ref": complaint.reference if complaint else "",
        "replier": notification.params.get("replier", ""),
    }
    return (
        _("Please confirm the reply reached the complainant: %(ref)s") % values,
        _(
            "%(replier)s replied to complaint %(ref)s, which you received. Check with the "
            "complainant that the reply reached them, and record it on the complaint: it "
            "cannot be closed before."
        )
        % values,
    )


def on_complainant_wrote(event: ComplainantWrote) -> None:
    """To the handler; a complaint nobody handles yet is in its unit's queue already."""
    complaint = event.complaint
    if complaint.handler is None:
        return
    notify(
        [complaint.handler],
        kind=NotificationKind.COMPLAINANT_WROTE,
        complaint=complaint,
        params={"status": complaint.status, "resumed": event.resumed},
        at=event.at,
    )


def complainant_wrote(notification: Notification, cache: dict) -> tuple[str, str]:
    complaint = notification.complaint
    ref = complaint.reference if complaint else ""
    if notification.params.get("resumed"):
        body = _(
            "The complainant answered your request on the tracking page; complaint %(ref)s is "
            "back in investigation and its clocks run again."
        )
    else:
        body = _("The complainant added to complaint %(ref)s on the tracking page.")
    return (_("The complainant wrote: %(ref)s") % {"ref": ref}, body % {"ref": ref})


def connect() -> None:
    subscribe(ComplaintMoved, on_moved)
    subscribe(ComplainantWrote, on_complainant_wrote)
    message_register(NotificationKind.ASSIGNED, assigned)
    message_register(NotificationKind.CONFIRM_RECEIPT, confirm_receipt)
    message_register(NotificationKind.COMPLAINANT_WROTE, complainant_wrote)
