"""Writes for complainants."""

from django.db import transaction
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.core.errors import DomainError

from .models import Complainant
from .selectors import complainant_find

_FIELDS = (
    "name",
    "phone",
    "email",
    "address",
    "preferred_language",
    "tier",
    "id_document_type",
    "id_document_number",
    "account_reference",
)


def complainant_find_or_create(organisation: Organisation, **details: str) -> Complainant:
    """The person already on file with this phone or email, or a new record.

    Staff should not ask a returning complainant again for what the organisation holds
    (domain.md, customer-centred policies), so contact details match an existing record.
    """
    unknown = set(details) - set(_FIELDS)
    if unknown:
        raise TypeError(f"Unknown complainant fields: {sorted(unknown)}")
    name = (details.get("name") or "").strip()
    if not name:
        raise DomainError(_("The complainant's name is required."))
    if not (details.get("phone") or details.get("email") or details.get("address")):
        raise DomainError(_("At least one way to reach the complainant is required."))
    with transaction.atomic():
        existing = complainant_find(
            organisation, phone=details.get("phone", ""), email=details.get("email", "")
        ).first()
        if existing is not None:
            return existing
        return Complainant.objects.create(organisation=organisation, **details)
