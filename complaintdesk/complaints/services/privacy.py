"""Access to the complainant's identity data, on the record like any other handling."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import Capability

from .. import permissions
from ..events import identity_revealed_event
from ..models import Complaint


def complainant_identity_reveal(
    complaint: Complaint, by: User, *, at: datetime | None = None
) -> None:
    """Let `by` see the complainant's identity document number once, and keep on the
    timeline who saw it and when. Only roles that may see sensitive data may reveal it."""
    permissions.require_capability(by, complaint, Capability.VIEW_SENSITIVE)
    with transaction.atomic():
        identity_revealed_event(complaint, by, at or timezone.now())
