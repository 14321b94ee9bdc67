"""The queue page's filters, read from its address (GET), as the page, its counts, its saved
views and its downloads all read them."""

from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import User
from complaintdesk.complaints import selectors
from complaintdesk.complaints.choices import Channel, Grade, RiskFlag, Status
from complaintdesk.complaints.queues import QueueOptions, QueueView, queue_filter_options
from complaintdesk.core.widgets import quick_selects
from complaintdesk.sla.choices import ClockState
from complaintdesk.sla.selectors import clock_names

ANY: list[tuple[str, Any]] = [("", _("Any"))]
ORDERS = [
    ("received", _("Newest first")),
    ("due", _("Earliest deadline first")),
    ("activity", _("Latest activity first")),
    ("relevance", _("Best match (with a search)")),
]
STATUS_GROUPS = [("open", _("All open")), ("final", _("All finished")), ("", _("Everything"))]
# Parameters that say which queue is shown; a cursor only says how far down it.
QUEUE_PARAMETERS = (
    "view",
    "status",
    "sla",
    "order",
    "q",
    "grade",
    "category",
    "root_cause",
    "channel",
    "risk",
    "anger",
    "clock",
    "clock_outcome",
    "unit",
    "site",
    "handler",
    "received_from",
    "received_to",
)

# Always in sight; the rest folds away under "More filters".
MAIN_FILTERS = ("status", "sla", "order", "q")
MORE_FILTERS = tuple(n for n in QUEUE_PARAMETERS if n not in MAIN_FILTERS and n != "view")


class QueueForm(forms.Form):
    view = forms.ChoiceField(label=_("View"), choices=QueueView.choices, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_GROUPS + list(Status.choices), required=False
    )
    sla = forms.ChoiceField(label=_("Time standard"), required=False)
    order = forms.ChoiceField(label=_("Order"), choices=ORDERS, required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Reference, subject or complainant"),
                # "/" jumps to the search, as in most web applications people know.
                "data-shortcut": "/",
                "aria-keyshortcuts": "/",
            }
        ),
    )
    grade = forms.ChoiceField(label=_("Grade"), choices=ANY + list(Grade.choices), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    root_cause = forms.ChoiceField(label=_("Root cause"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=ANY + list(Channel.choices), required=False
    )
    risk = forms.ChoiceField(
        label=_("Risk flag"), choices=ANY + list(RiskFlag.choices), required=False
    )
    anger = forms.TypedChoiceField(
        label=_("Anger score"),
        choices=ANY + [(score, str(score)) for score in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    clock = forms.ChoiceField(label=_("Which time standard"), required=False)
    clock_outcome = forms.ChoiceField(
        label=_("Met on time or late"),
        choices=[*ANY, ("met", _("Met on time")), ("late", _("Late"))],
        required=False,
    )
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    site = forms.ChoiceField(label=_("Site"), required=False)
    handler = forms.ChoiceField(label=_("Handler"), required=False)
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: QueryDict, *, options: QueueOptions) -> None:
        self.options = options
        # Fields left out of the address take their defaults, as the page always did.
        given = data.copy()
        given.setdefault("status", "open")
        super().__init__(given)
        offered: dict[str, list[tuple[str, Any]]] = {
            "sla": [(state, ClockState(state).label) for state in selectors.SLA_FILTERS],
            "category": [(c.code, f"{c.code} · {c.label}") for c in options.categories],
            "unit": [(u.code, u.name) for u in options.units],
            "site": [(s.code, s.name) for s in options.sites],
            "handler": [(str(u.pk), str(u)) for u in options.handlers],
        }
        for name, choices in offered.items():
            cast(forms.ChoiceField, self.fields[name]).choices = ANY + choices
        # Read when shown or used, as the root causes are: the views' counts build this
        # form too and show neither.
        cast(forms.ChoiceField, self.fields["root_cause"]).choices = lambda: (
            ANY + [(r.code, f"{r.code} · {r.label}") for r in options.root_causes()]
        )
        clocks = cache(lambda: ANY + clock_names(options.organisation_ids))
        cast(forms.ChoiceField, self.fields["clock"]).choices = clocks
        quick_selects(self.fields)
        self.is_valid()  # a wrong value is shown as an error and filters nothing

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) or ""

    def queue_arguments(self) -> dict[str, Any]:
        """The keyword arguments of selectors.complaint_queue (and of an export's QueueQuery)."""
        return {
            "status": selectors.queue_status(self.cleaned_data.get("status", "open")),
            "search": self.value("q"),
            "sla": self.value("sla"),
            "order": self.value("order") or "received",
            "filters": selectors.QueueFilters(
                view=self.value("view"),
                unit=self.value("unit"),
                site=self.value("site"),
                handler_id=int(self.value("handler")) if self.value("handler") else None,
                category=self.value("category"),
                root_cause=self.value("root_cause"),
                grade=self.value("grade"),
                channel=self.value("channel"),
                risk=self.value("risk"),
                anger=self.cleaned_data.get("anger"),
                clock=self.value("clock"),
                clock_outcome=self.value("clock_outcome"),
                received_from=_start_of(self.cleaned_data.get("received_from")),
                received_to=_start_of(self.cleaned_data.get("received_to"), days_after=1),
            ),
        }

    def address(self, **changes: str) -> str:
        """This queue's parameters as an address's query string, with `changes` made: the
        links to other views, to the next rows, and what a saved view keeps."""
        parameters = QueryDict(mutable=True)
        for name in QUEUE_PARAMETERS:
            value = changes.get(name, self.data.get(name, ""))
            if value:
                parameters[name] = value
        # What is not a filter (the cursor of the next rows) is added as given.
        for name, value in changes.items():
            if name not in QUEUE_PARAMETERS and value:
                parameters[name] = value
        return parameters.urlencode()

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in MAIN_FILTERS]

    def more_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in MORE_FILTERS]

    def more_filters_used(self) -> bool:
        return any(self.data.get(name) for name in MORE_FILTERS)


def queue_form(request_get: QueryDict, user: User) -> QueueForm:
    return QueueForm(request_get, options=queue_filter_options(user))


def _start_of(day: date | None, *, days_after: int = 0) -> datetime | None:
    """The first moment of that day (or of the day `days_after` it) on the site's clock, where
    the pages show times: "until 3 March" takes in the whole of 3 March."""
    if day is None:
        return None
    moment = datetime.combine(day + timedelta(days=days_after), time.min)
    return timezone.make_aware(moment)
