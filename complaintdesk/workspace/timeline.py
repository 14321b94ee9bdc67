"""The complaint's timeline as its reader reads it: one describer per event kind.

Events store codes, ids and numbers (complaints/events.py); here they become sentences in the
language of the page, with the names of categories, units, people and clocks looked up now,
in that language. Names are fetched once per page for all events together, so the page costs
the same few queries whether the timeline has five events or five hundred.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.accounts.roles import role_label
from complaintdesk.complaints.choices import (
    Channel,
    ComplainantResponse,
    FollowUpResult,
    HandlingStep,
    ReplyChannel,
    Status,
)
from complaintdesk.complaints.events import COMPLAINANT, EscalationCause, EventKind
from complaintdesk.complaints.models import Category, Complaint, ComplaintEvent, RootCause
from complaintdesk.complaints.transitions import transition_for
from complaintdesk.correspondence.models import LetterChannel, LetterKind
from complaintdesk.customers.models import Complainant

from .timeline_policy import POLICY_DESCRIBERS, label, when

# Fields of the complaint whose recorded values are rows of these models, by id.
_RELATED: dict[str, type[models.Model]] = {
    "category": Category,
    "root_cause": RootCause,
    "site": OrgUnit,
    "unit": OrgUnit,
    "responsible_unit": OrgUnit,
    "handler": User,
}


@dataclass
class Entry:
    """One line of the timeline, ready for the template."""

    event: ComplaintEvent
    title: str
    status_change: str = ""
    details: list[str] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def by(self) -> str:
        """Who did it: a colleague, the complainant on the tracking page, or the system."""
        if self.event.actor is not None:
            return str(self.event.actor)
        data = self.event.data or {}
        if data.get("by") == COMPLAINANT:
            if data.get("channel") == "email":
                return _("The complainant (by e-mail)")
            return _("The complainant (tracking page)")
        if data.get("by") == "triage":
            return _("Triage, on the words")
        if self.event.kind == EventKind.REGISTERED:
            # Nobody took it down: the complainant sent it (the public form, a mail).
            return _("The complainant (%(channel)s)") % {
                "channel": label(Channel, data.get("channel"))
            }
        return _("System")


@dataclass
class Names:
    """Names looked up once for the whole timeline, in the reader's language."""

    clocks: dict[str, str]
    currency: str
    rows: dict[tuple[type[models.Model], Any], models.Model] = field(default_factory=dict)

    def of(self, model: type[models.Model], value: Any) -> str:
        pk = value.get("id") if isinstance(value, dict) else value
        row = self.rows.get((model, pk))
        if row is None:
            return "—" if pk is None else f"#{pk}"
        return str(row)

    def clock(self, name: str) -> str:
        return self.clocks.get(name, name)


def _ids(value: Any) -> int | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, int) else None


def _wanted(events: Iterable[ComplaintEvent]) -> dict[type[models.Model], set[int]]:
    """Which related rows the events name."""
    wanted: dict[type[models.Model], set[int]] = {model: set() for model in set(_RELATED.values())}
    for event in events:
        for change in event.changes or []:
            model = _RELATED.get(change.get("field", ""))
            if model is not None:
                for side in ("before", "after"):
                    if (pk := _ids(change.get(side))) is not None:
                        wanted[model].add(pk)
        data = event.data or {}
        for key in ("handler", "previous_handler", "approved_by", "on_behalf_of"):
            if (pk := _ids(data.get(key))) is not None:
                wanted[User].add(pk)
        for key, model in (("category", Category), ("unit", OrgUnit)):
            matched = (data.get("routing") or {}).get("matched_on") or {}
            if (pk := _ids(matched.get(key))) is not None:
                wanted[model].add(pk)
    return wanted


def _names(complaint: Complaint, events: list[ComplaintEvent], clocks: dict[str, str]) -> Names:
    names = Names(clocks=clocks, currency=complaint.organisation.currency)
    for model, ids in _wanted(events).items():
        if ids:
            for row in model._default_manager.filter(pk__in=ids):
                names.rows[(model, row.pk)] = row
    return names


def _value(field_name: str, value: Any, names: Names) -> str:
    """One side of a recorded change, as the reader's language names it."""
    if field_name in _RELATED:
        return names.of(_RELATED[field_name], value) if value not in (None, "") else "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value in (None, ""):
        return "—"
    try:
        model_field = Complaint._meta.get_field(field_name)
    except FieldDoesNotExist:
        return str(value)
    if not isinstance(model_field, models.Field):
        return str(value)  # a reverse relation: changes record only the complaint's own fields
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.DateTimeField) and isinstance(value, str):
        return when(value)
    return str(value)


def _field_label(field_name: str) -> str:
    try:
        model_field = Complaint._meta.get_field(field_name)
    except FieldDoesNotExist:
        return field_name
    # A reverse relation has no verbose name: changes record only the complaint's own fields.
    return str(model_field.verbose_name) if isinstance(model_field, models.Field) else field_name


# --- one describer per kind -----------------------------------------------------------------


def _moved(entry: Entry, data: dict, names: Names) -> None:
    event = entry.event
    if event.action:
        try:
            entry.title = str(transition_for(event.action).label)
        except KeyError:
            entry.title = event.action
    if event.status_before and event.status_before != event.status_after:
        entry.status_change = (
            f"{label(Status, event.status_before)} → {label(Status, event.status_after)}"
        )
    if data.get("handler"):
        entry.details.append(_("Handler: %(name)s") % {"name": names.of(User, data["handler"])})
    if data.get("previous_handler"):
        entry.details.append(
            _("Previous handler: %(name)s") % {"name": names.of(User, data["previous_handler"])}
        )
    routing = data.get("routing")
    if routing:
        load = routing.get("open_load", 0)
        entry.details.append(
            ngettext(
                "Routed by rule “%(rule)s”: the handler had %(load)s open complaint before "
                "this one.",
                "Routed by rule “%(rule)s”: the handler had %(load)s open complaints before "
                "this one.",
                load,
            )
            % {"rule": routing["rule"]["name"], "load": load}
        )
    if data.get("into"):
        entry.details.append(_("Merged into %(ref)s.") % {"ref": data["into"]})
    if data.get("answer"):
        entry.details.append(data["answer"])


def _escalated(entry: Entry, data: dict, names: Names) -> None:
    entry.title = str(EventKind.ESCALATED.label)
    line = _("Level %(before)s → %(after)s") % {
        "before": data.get("level_before", 0),
        "after": data.get("level", 0),
    }
    if data.get("role"):
        line += f" · {role_label(data['role'])}"
    entry.details.append(line)
    cause = data.get("cause", "")
    if cause == EscalationCause.CLOCK_BREACHED or (not cause and data.get("clock")):
        entry.details.append(
            _("“%(clock)s” was not met in time.") % {"clock": names.clock(data.get("clock", ""))}
        )
    elif cause == EscalationCause.CLASSIFICATION:
        entry.details.append(str(EscalationCause.CLASSIFICATION.label))


def _changes(entry: Entry, data: dict, names: Names) -> None:
    for change in entry.event.changes or []:
        name = change.get("field", "")
        entry.changes.append(
            (
                _field_label(name),
                _value(name, change.get("before"), names),
                _value(name, change.get("after"), names),
            )
        )


def _step(entry: Entry, data: dict, names: Names) -> None:
    entry.title = f"{entry.title}: {label(HandlingStep, data.get('step'))}"


def _channel(entry: Entry, data: dict, names: Names) -> None:
    if entry.event.kind == EventKind.REGISTERED:
        entry.details.append(label(Channel, data.get("channel")))
    else:
        entry.details.append(label(ReplyChannel, data.get("channel")))


def _response(entry: Entry, data: dict, names: Names) -> None:
    entry.details.append(label(ComplainantResponse, data.get("response", "")))


def _complainant_changed(entry: Entry, data: dict, names: Names) -> None:
    """Which details were corrected; the values are in the complainant's own history."""
    entry.details.append(
        ", ".join(Complainant.field_label(str(name)) for name in data.get("fields", []))
    )


def _correspondence(entry: Entry, data: dict, names: Names) -> None:
    entry.details.append(
        f"{label(LetterKind, data.get('kind'))} · {label(LetterChannel, data.get('channel'))}"
    )
    if entry.event.kind == EventKind.CORRESPONDENCE_FAILED:
        entry.details.append(data.get("subject", ""))


def _rated(entry: Entry, data: dict, names: Names) -> None:
    entry.details.append(_("Rating: %(score)s out of 5") % {"score": data.get("score", "?")})


def _follow_up(entry: Entry, data: dict, names: Names) -> None:
    line = label(FollowUpResult, data.get("result"))
    if data.get("outcome_satisfaction"):
        line += " · " + _("Satisfaction %(score)s/5") % {"score": data["outcome_satisfaction"]}
    entry.details.append(line)


def _merged_in(entry: Entry, data: dict, names: Names) -> None:
    entry.details.append(
        _("Duplicate %(ref)s merged into this complaint.") % {"ref": data.get("merged", "")}
    )


def _receipt_confirmed(entry: Entry, data: dict, names: Names) -> None:
    if data.get("on_behalf_of"):
        entry.details.append(
            _("On behalf of the receiver, %(name)s")
            % {"name": names.of(User, data["on_behalf_of"])}
        )


def _amount_cleared(entry: Entry, data: dict, names: Names) -> None:
    what = _("the proposal's amount") if data.get("record") == "proposal" else _("the claimed loss")
    entry.details.append(
        _("%(what)s (%(value)s) had more than 12 digits and could not be kept: record it again.")
        % {"what": what, "value": data.get("value", "")}
    )


_DESCRIBERS: dict[str, Callable[[Entry, dict, Names], None]] = {
    EventKind.REGISTERED: _channel,
    EventKind.STATUS_CHANGED: _moved,
    EventKind.ESCALATED: _escalated,
    EventKind.RECORD_CHANGED: _changes,
    EventKind.CLASSIFIED: _changes,
    EventKind.INVESTIGATION_RECORDED: _changes,
    EventKind.STEP_RECORDED: _step,
    EventKind.REPLY_SENT: _channel,
    EventKind.RESPONSE_RECORDED: _response,
    EventKind.RECEIPT_CONFIRMED: _receipt_confirmed,
    EventKind.AMOUNT_CLEARED: _amount_cleared,
    EventKind.FOLLOW_UP_RECORDED: _follow_up,
    EventKind.MERGED_IN: _merged_in,
    EventKind.RATED: _rated,
    EventKind.CORRESPONDENCE_SENT: _correspondence,
    EventKind.CORRESPONDENCE_FAILED: _correspondence,
    EventKind.COMPLAINANT_CHANGED: _complainant_changed,
    **POLICY_DESCRIBERS,
}


def timeline_entries(
    complaint: Complaint, events: Iterable[ComplaintEvent], clock_labels: dict[str, str]
) -> list[Entry]:
    """The events as the reader's language says them; `clock_labels` names the complaint's
    clocks (from its time-standards panel, already read)."""
    events = list(events)
    names = _names(complaint, events, clock_labels)
    entries = []
    for event in events:
        entry = Entry(event=event, title=label(EventKind, event.kind))
        describe = _DESCRIBERS.get(event.kind)
        if describe is not None:
            describe(entry, event.data or {}, names)
        entries.append(entry)
    return entries
