"""An executive's read receipt: the one write of the executive view."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.complaints import permissions
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import NotFound, NotPermitted

from .executive import is_executive
from .models import ExecutiveRead


def executive_read_record(
    complaint: Complaint, by: User, *, at: datetime | None = None
) -> ExecutiveRead:
    """Record that `by`, an executive of the complaint's organisation, has read it in full.
    Reading again keeps the first time: the receipt says when it was first read."""
    if not permissions.can_view(by, complaint):
        raise NotFound(_("No such complaint."))
    if not is_executive(by, complaint):
        raise NotPermitted(_("Only an executive records having read a complaint."))
    found = ExecutiveRead.objects.filter(complaint=complaint, reader=by).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ExecutiveRead.objects.create(
                complaint=complaint, reader=by, read_at=at or timezone.now()
            )
    except IntegrityError:  # the same person's second click, a moment later
        return ExecutiveRead.objects.get(complaint=complaint, reader=by)
