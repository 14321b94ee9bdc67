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


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


def complainant_for_submission(
    organisation: Organisation, *, name: str, phone: str = "", email: str = "", language: str = ""
) -> Complainant:
    """The person on file for a complaint someone sent in themselves (the public form, a mail).

    Only a record with the same name and the same phone or e-mail is theirs: whoever types a
    phone number they do not own must neither join another person's record nor see their
    complaint filed under that person's name. Otherwise a new record keeps exactly what they
    typed.
    """
    name = name.strip()
    if not name:
        raise DomainError(_("The complainant's name is required."))
    if not (phone.strip() or email.strip()):
        raise DomainError(_("A phone number or an e-mail address is required."))
    with transaction.atomic():
        for person in complainant_find(organisation, phone=phone, email=email):
            if _same_name(person.name, name):
                return person
        return Complainant.objects.create(
            organisation=organisation,
            name=name,
            phone=phone.strip(),
            email=email.strip(),
            preferred_language=language,
        )
