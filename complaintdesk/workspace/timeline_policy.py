"""Timeline describers for what the policies write on a complaint (clocks and their
extensions, approvals), and the small readers every describer shares. Apart from timeline.py
so that each stays short; this module imports nothing of it (types only)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.accounts.roles import role_label
from complaintdesk.authority.wording import remedy_text, shortfall_text
from complaintdesk.complaints.events import EventKind
from complaintdesk.sla.choices import ClockUnit

if TYPE_CHECKING:
    from .timeline import Entry, Names


def when(value: str | None) -> str:
    moment = parse_datetime(value or "")
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def label(choices: type[models.TextChoices], value: Any) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "—")


def amount(value: Any) -> Decimal | None:
    try:
        return Decimal(value) if value not in (None, "") else None
    except (InvalidOperation, TypeError):
        return None


# --- describers of the policies' events ------------------------------------------------------


def _clock(entry: Entry, data: dict, names: Names) -> None:
    line = names.clock(data.get("clock", ""))
    if data.get("due_after"):
        line += f": {when(data.get('due_before'))} → {when(data['due_after'])}"
    elif data.get("due_at"):
        line += " · " + _("due %(time)s") % {"time": when(data["due_at"])}
    entry.details.append(line)
    if data.get("approved_by"):
        entry.details.append(
            _("Approved by %(name)s") % {"name": names.of(User, data["approved_by"])}
        )


def _extension_asked(entry: Entry, data: dict, names: Names) -> None:
    unit = label(ClockUnit, data.get("unit"))
    entry.details.append(f"{names.clock(data.get('clock', ''))}: {data.get('amount_after')} {unit}")
    entry.details.append(
        _("Asks a %(role)s to approve") % {"role": role_label(data.get("approval_role", ""))}
    )


def _clocks(entry: Entry, data: dict, names: Names) -> None:
    entry.details.append(", ".join(names.clock(name) for name in data.get("clocks", [])))


def _approval_requested(entry: Entry, data: dict, names: Names) -> None:
    value = amount(data.get("amount"))
    entry.details.append(
        f"{role_label(data.get('approver_role', ''))}: "
        f"{remedy_text(data.get('remedy_type', ''), value, names.currency)}"
    )
    if "covered" in data:
        entry.details.append(
            shortfall_text(
                data.get("remedy_type", ""),
                value,
                names.currency,
                covered=data["covered"],
                limit=amount(data.get("limit")),
            )
        )
    if data.get("due_at"):
        entry.details.append(_("Decision due %(time)s") % {"time": when(data["due_at"])})


def _approval_decided(entry: Entry, data: dict, names: Names) -> None:
    entry.details.append(_("Approved") if data.get("approved") else _("Refused"))


def _approval_overdue(entry: Entry, data: dict, names: Names) -> None:
    entry.details.append(_("The decision on the proposal is overdue."))


POLICY_DESCRIBERS: dict[str, Callable[[Entry, dict, Names], None]] = {
    EventKind.CLOCK_WARNING: _clock,
    EventKind.CLOCK_BREACHED: _clock,
    EventKind.CLOCK_EXTENDED: _clock,
    EventKind.EXTENSION_REQUESTED: _extension_asked,
    EventKind.EXTENSION_REFUSED: lambda entry, data, names: entry.details.append(
        names.clock(data.get("clock", ""))
    ),
    EventKind.CLOCK_PAUSED: _clocks,
    EventKind.CLOCK_RESUMED: _clocks,
    EventKind.APPROVAL_REQUESTED: _approval_requested,
    EventKind.APPROVAL_DECIDED: _approval_decided,
    EventKind.APPROVAL_OVERDUE: _approval_overdue,
}
