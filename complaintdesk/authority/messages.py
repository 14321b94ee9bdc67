"""How the authority app's notifications read, rendered in the reader's language."""

from django.utils.translation import gettext as _

from complaintdesk.notifications.models import Notification

from . import wording
from .models import ApprovalRequest, ApprovalStatus


def _request(notification: Notification, cache: dict) -> ApprovalRequest | None:
    key = ("authority.request", notification.params.get("request"))
    if key not in cache:
        cache[key] = (
            ApprovalRequest.objects.select_related(
                "proposal", "requested_by", "complaint__organisation"
            )
            .filter(pk=key[1])
            .first()
        )
    return cache[key]


def _values(request: ApprovalRequest) -> dict[str, str]:
    proposal = request.proposal
    return {
        "reference": request.complaint.reference,
        "subject": request.complaint.subject,
        "remedy": wording.remedy_text(proposal.remedy_type, proposal.amount, proposal.currency),
        "reason": request.decision_reason,
    }


def approval_requested(notification: Notification, cache: dict) -> tuple[str, str]:
    request = _request(notification, cache)
    if request is None:
        return notification.get_kind_display(), ""
    values = _values(request)
    subject = _("Approval needed for %(reference)s") % values
    body = _(
        "%(proposer)s proposes %(remedy)s on complaint %(reference)s. %(why)s "
        "Please approve or refuse it by %(due)s."
    ) % {
        **values,
        "proposer": request.requested_by,
        "why": wording.shortfall(request),
        "due": wording.local_date(request.due_at, request.complaint.organisation.time_zone),
    }
    return subject, body


def approval_decided(notification: Notification, cache: dict) -> tuple[str, str]:
    request = _request(notification, cache)
    if request is None:
        return notification.get_kind_display(), ""
    values = _values(request)
    if request.status == ApprovalStatus.APPROVED:
        return (
            _("Approved: %(reference)s") % values,
            _("%(remedy)s on %(reference)s is approved. Reasons: %(reason)s") % values,
        )
    return (
        _("Refused: %(reference)s") % values,
        _(
            "%(remedy)s on %(reference)s is refused. Reasons: %(reason)s "
            "The complaint is back under investigation: propose another solution."
        )
        % values,
    )


def approval_overdue(notification: Notification, cache: dict) -> tuple[str, str]:
    request = _request(notification, cache)
    if request is None:
        return notification.get_kind_display(), ""
    values = _values(request)
    return (
        _("Approval overdue: %(reference)s %(subject)s") % values,
        _("A proposal on %(reference)s has waited past its decision time.") % values,
    )
