"""Staff capture: a call, a visit or a letter taken down by a receiver, with the complainant
found or created and the evidence attached, in one go (domain.md steps 1 and 2)."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.core.errors import GuardFailed, NotFound
from complaintdesk.customers.models import Complainant
from complaintdesk.customers.services import complainant_find_or_create

from ..models import Complaint
from .intake import complaint_attach, complaint_register

# A receipt more than this before the moment of registering is back-dated (a letter opened
# late, a call taken down after the shift): the receiver says why, and the timeline keeps it.
BACKDATING_GRACE = timedelta(hours=1)


def complaint_capture(
    *,
    by: User,
    unit: OrgUnit,
    complainant: Complainant | None = None,
    new_complainant: dict[str, str] | None = None,
    channel: str,
    subject: str,
    description: str,
    received_at: datetime | None = None,
    backdating_reason: str = "",
    attachments: Iterable[UploadedFile] = (),
    intake_key: str = "",
    external_id: str = "",
    **record: Any,
) -> Complaint:
    """Register what the receiver took down. The complainant is the one picked from the
    look-up (of the unit's organisation) or, from `new_complainant`, the person on file with
    that phone or e-mail, else a new record. All or nothing: a refused attachment registers
    nothing, so the receiver can correct it and save again without making a duplicate."""
    backdated = received_at is not None and received_at < timezone.now() - BACKDATING_GRACE
    if backdated and not backdating_reason.strip():
        raise GuardFailed(
            _("The complaint record is not valid:"),
            details=[_("Say why the time of receipt is earlier than now.")],
        )
    if complainant is not None and complainant.organisation_id != unit.organisation_id:
        raise NotFound(_("No such complainant."))
    if record.get("claimed_loss_amount") is not None and not record.get("claimed_loss_currency"):
        record["claimed_loss_currency"] = unit.organisation.currency
    with transaction.atomic():
        person = complainant or complainant_find_or_create(
            unit.organisation, **(new_complainant or {})
        )
        complaint = complaint_register(
            by=by,
            unit=unit,
            complainant=person,
            channel=channel,
            subject=subject,
            description=description,
            received_at=received_at,
            note=backdating_reason,
            intake_key=intake_key,
            external_id=external_id,
            **record,
        )
        for upload in attachments:
            complaint_attach(complaint, by, upload)
    return complaint
