"""The authority app's condition on the complaint's lifecycle, registered on the REPLY move."""

from django.utils.translation import gettext as _

from complaintdesk.complaints.models import Complaint

from . import wording
from .models import ApprovalStatus
from .selectors import approval_blocking_reply


def approval_settled(complaint: Complaint) -> list[str]:
    """A remedy beyond the proposer's authority is not replied to before the next level agrees."""
    request = approval_blocking_reply(complaint)
    if request is None:
        return []
    approver = wording.approver_text(request.approver_role)
    if request.status == ApprovalStatus.PENDING:
        return [_("The proposal awaits approval by the %(approver)s.") % {"approver": approver}]
    return [
        _("The %(approver)s refused the proposal: propose another solution.")
        % {"approver": approver}
    ]
