"""Reads for complainants."""

from django.db.models import Q, QuerySet

from complaintdesk.accounts.models import Organisation

from .models import Complainant, digits_of


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
