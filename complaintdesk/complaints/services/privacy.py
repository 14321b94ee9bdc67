"""The complainant's own data: who may see the identity number and who may correct the
contact details, each on the record like any other handling."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import Capability
from complaintdesk.core.errors import NotPermitted
from complaintdesk.customers.models import ComplainantChange
from complaintdesk.customers.services import complainant_change

from .. import permissions
from ..events import complainant_changed_event, identity_revealed_event
from ..models import Complaint
from ..search_index import search_index_later


def complainant_identity_reveal(
    complaint: Complaint, by: User, *, at: datetime | None = None
) -> None:
    """Let `by` see the complainant's identity document number once, and keep on the
    timeline who saw it and when. Only roles that may see sensitive data may reveal it."""
    permissions.require_capability(by, complaint, Capability.VIEW_SENSITIVE)
    with transaction.atomic():
        identity_revealed_event(complaint, by, at or timezone.now())


def complainant_update(
    complaint: Complaint, by: User, values: dict[str, str], *, at: datetime | None = None
) -> ComplainantChange | None:
    """Correct the complainant's details from a complaint of theirs: anyone who may edit that
    complaint's record may put a contact or their language right; raising or lowering their
    tier (VIP changes how every future complaint of theirs is treated) takes a manager."""
    permissions.require_capability(by, complaint, Capability.EDIT_RECORD)
    person = complaint.complainant
    tier_changed = "tier" in values and values["tier"] != person.tier
    if tier_changed and not permissions.may_change_complainant_tier(by, complaint):
        raise NotPermitted(_("Only a manager may change the complainant's tier."))
    at = at or timezone.now()
    with transaction.atomic():
        change = complainant_change(person, by, values, complaint_id=complaint.pk, at=at)
        if change is not None:
            fields = [item["field"] for item in change.changes]
            complainant_changed_event(complaint, by, at, fields)
            # Their name and contacts are in the documents of all their complaints.
            search_index_later(
                Complaint.objects.filter(complainant=person).values_list("pk", flat=True)
            )
    return change
