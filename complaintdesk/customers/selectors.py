"""Reads for complainants."""

from django.db.models import Q, QuerySet

from complaintdesk.accounts.models import Organisation

from .models import Complainant, ComplainantChange, digits_of


def complainant_find(organisation: Organisation, *, phone: str = "", email: str = "") -> QuerySet:
    """Complainants of this organisation with this phone number or email address."""
    condition = Q()
    digits = digits_of(phone)
    if len(digits) >= 6:
        condition |= Q(phone_digits=digits)
    if email.strip():
        condition |= Q(email=email.strip().lower())
    if not condition:
        return Complainant.objects.none()
    return Complainant.objects.filter(condition, organisation=organisation).order_by("id")


def mask(value: str, keep: int = 2) -> str:
    """Identity data for those who may not see it: enough to recognise, not to use."""
    if not value:
        return ""
    if len(value) <= keep * 2:
        return "•" * len(value)
    return value[:keep] + "•" * (len(value) - keep * 2) + value[-keep:]


def complainant_search(
    organisation_ids: set[int], text: str, *, limit: int = 8
) -> list[Complainant]:
    """Complainants of these organisations matching what a receiver types while the caller
    talks: part of a phone number (four digits or more), an e-mail address, a name, or an
    account or unit number. Empty for fewer than two characters, except one Chinese character
    (a surname is one)."""
    text = text.strip()
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    if len(text) < (1 if chinese else 2) or not organisation_ids:
        return []
    digits = digits_of(text)
    condition = Q(name__icontains=text) | Q(account_reference__icontains=text)
    if "@" in text:
        condition |= Q(email__istartswith=text.lower())
    if len(digits) >= 4:
        condition |= Q(phone_digits__contains=digits)
    return list(
        Complainant.objects.filter(condition, organisation_id__in=organisation_ids).order_by(
            "name", "id"
        )[:limit]
    )


def complainant_changes(person: Complainant, limit: int = 50) -> list[ComplainantChange]:
    """The record's corrections, newest first, with who made them."""
    return list(
        ComplainantChange.objects.filter(complainant=person).select_related("changed_by")[:limit]
    )
