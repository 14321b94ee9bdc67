"""Any lifecycle move by its action name, for the callers that take the action as data (the
complaint page's forms, the API): one table of which service each action calls, so that no
caller keeps a copy of its own."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.core.errors import GuardFailed, NotFound

from .. import selectors
from ..models import Complaint
from ..transitions import Action
from . import handling, lifecycle


def _merge(complaint: Complaint, by: User, data: dict[str, Any]) -> object:
    into = selectors.complaint_get(by, str(data.get("into", "")).strip())
    return lifecycle.complaint_merge(complaint, by, into)


def _handler(data: dict[str, Any]) -> User:
    handler = data.get("handler")
    if not isinstance(handler, User):
        raise GuardFailed(_("Choose who handles it."))
    return handler


_CALLS: dict[str, Callable[[Complaint, User, dict[str, Any]], object]] = {
    Action.ACKNOWLEDGE: lambda c, u, d: lifecycle.complaint_acknowledge(c, u),
    Action.ASSIGN: lambda c, u, d: lifecycle.complaint_assign(c, u, _handler(d)),
    Action.TAKE: lambda c, u, d: lifecycle.complaint_take(c, u),
    Action.REASSIGN: lambda c, u, d: lifecycle.complaint_reassign(
        c, u, _handler(d), d.get("reason", "")
    ),
    Action.START_INVESTIGATION: lambda c, u, d: lifecycle.complaint_start_investigation(c, u),
    Action.REQUEST_INFORMATION: lambda c, u, d: lifecycle.complaint_request_information(
        c, u, d.get("reason", "")
    ),
    Action.RESUME: lambda c, u, d: lifecycle.complaint_resume(c, u),
    Action.PROPOSE: lambda c, u, d: handling.complaint_propose(
        c,
        u,
        remedy_type=d.get("remedy_type", ""),
        reasons=d.get("reasons", ""),
        amount=d.get("amount"),
        description=d.get("description", ""),
    ),
    Action.REPLY: lambda c, u, d: handling.complaint_reply(
        c,
        u,
        channel=d.get("channel", ""),
        text=d.get("text", ""),
        reasons=d.get("reasons", ""),
        appeal_route=d.get("appeal_route", ""),
        letter_subject=d.get("letter_subject", ""),
        letter_body=d.get("letter_body", ""),
    ),
    Action.START_FOLLOW_UP: lambda c, u, d: lifecycle.complaint_start_follow_up(c, u),
    Action.CLOSE: lambda c, u, d: lifecycle.complaint_close(c, u),
    Action.REOPEN: lambda c, u, d: lifecycle.complaint_reopen(c, u, d.get("reason", "")),
    Action.APPEAL: lambda c, u, d: lifecycle.complaint_appeal(c, u, d.get("reason", "")),
    Action.WITHDRAW: lambda c, u, d: lifecycle.complaint_withdraw(c, u, d.get("reason", "")),
    Action.REJECT: lambda c, u, d: lifecycle.complaint_reject(c, u, d.get("reason", "")),
    Action.MERGE: _merge,
}

MOVES = frozenset(_CALLS)


def complaint_move(complaint: Complaint, by: User, action: str, data: dict[str, Any]) -> object:
    """Make the move `action` with what the caller parsed (`handler`, `reason`, `into`, the
    proposal's or the reply's fields); refused as its own service refuses it."""
    call = _CALLS.get(action)
    if call is None:
        raise NotFound(_("No such action."))
    return call(complaint, by, data)
