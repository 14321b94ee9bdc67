"""The authority app's sentences, built at reading time in the reader's language from what
the rows store (remedy codes, amounts, limits, dates); nothing here is ever stored."""

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from complaintdesk.accounts.roles import role_label
from complaintdesk.complaints.choices import RemedyType


def money(amount: Decimal | None, currency: str) -> str:
    return f"{number_format(amount or 0, decimal_pos=2)} {currency}".strip()


def remedy_text(remedy_type: str, amount: Decimal | None, currency: str) -> str:
    remedy = str(RemedyType(remedy_type).label) if remedy_type in RemedyType.values else remedy_type
    if not amount:
        return remedy
    return f"{remedy} {money(amount, currency)}"


def shortfall(request: Any) -> str:
    """Which limit the request's proposal goes beyond."""
    proposal = request.proposal
    return shortfall_text(
        proposal.remedy_type,
        proposal.amount,
        proposal.currency,
        covered=request.proposer_covers_remedy,
        limit=request.proposer_limit,
    )


def shortfall_text(
    remedy_type: str,
    amount: Decimal | None,
    currency: str,
    *,
    covered: bool,
    limit: Decimal | None,
) -> str:
    """The remedy is not the proposer's to offer at all, or its amount is above their limit."""
    remedy = RemedyType(remedy_type).label if remedy_type in RemedyType.values else remedy_type
    if not covered:
        return _("The proposer's authority does not cover “%(remedy)s”.") % {"remedy": remedy}
    return _("%(amount)s is above the proposer's limit of %(limit)s for “%(remedy)s”.") % {
        "amount": money(amount, currency),
        "limit": money(limit, currency),
        "remedy": remedy,
    }


def approver_text(approver_role: str) -> str:
    return role_label(approver_role).lower()


def local_date(instant: datetime, time_zone: str) -> str:
    """The date in the organisation's time zone, written the current language's way."""
    return date_format(instant.astimezone(ZoneInfo(time_zone)), "DATE_FORMAT")


def expected_text(request: Any) -> str:
    """What the handler tells the complainant while the decision waits: who decides, by when.

    In the current language; for a letter in the complainant's language, call it under
    `translation.override(complaint.language)`.
    """
    return _(
        "Your request needs approval from the %(approver)s; you will hear from us by %(date)s."
    ) % {
        "approver": approver_text(request.approver_role),
        "date": local_date(request.due_at, request.complaint.organisation.time_zone),
    }
