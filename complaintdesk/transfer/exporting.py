"""What a queue export holds: the rows (exactly the queue's, in its order, within the user's
sight), the columns, and the masking of contact data the user may not see.

The file formats are export_formats.py's; this module yields plain values (text, numbers,
datetimes naive in the organisation's time zone) so that CSV and Excel show the same thing.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import cast

from django.conf import settings
from django.db import models
from django.db.models import Field, QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import User
from complaintdesk.complaints import permissions, selectors
from complaintdesk.complaints.choices import Channel, Grade, RiskFlag, Status
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.workbooks import Cell
from complaintdesk.core.zones import zone_named
from complaintdesk.customers.selectors import mask
from complaintdesk.sla.choices import ClockState

# Rows are read from the database this many at a time: memory stays flat however long the
# queue, and the number of queries does not grow with it.
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class QueueQuery:
    """The queue's filters as the page or the API received them."""

    status: str = "open"
    search: str = ""
    sla: str = ""
    order: str = "received"
    filters: selectors.QueueFilters | None = None


@dataclass(frozen=True)
class Column:
    header: str | Promise
    # In characters, for the spreadsheet; CSV has no widths.
    width: int
    # (complaint, whether this user may see its complainant's contacts) -> the cell.
    value: Callable[[Complaint, bool], Cell]


def _local(moment: datetime | None, complaint: Complaint) -> datetime | None:
    """Naive, on the organisation's clock: how its staff read a time, and what a spreadsheet
    (which has no time zones) can hold as a date."""
    if moment is None:
        return None
    return moment.astimezone(zone_named(complaint.organisation.time_zone)).replace(tzinfo=None)


def _contact(value: str, sensitive: bool) -> str:
    return value if sensitive else mask(value)


def _field(name: str) -> str | Promise:
    """The model's own name for the field, already translated for the pages."""
    return cast(Field, Complaint._meta.get_field(name)).verbose_name


@lru_cache(maxsize=1024)
def _label_in(language: str | None, choices: type[models.TextChoices], value: str) -> str:
    if value not in choices:
        return value
    with translation.override(language):
        return str(choices(value).label)


def _label(choices: type[models.TextChoices], value: str) -> str:
    """A choice's label in the active language, translated once per export rather than once
    per row: get_FOO_display() translates every label of the field on each call, which at
    100,000 rows is most of an export's time."""
    return _label_in(translation.get_language(), choices, value)


def _risk_flags(complaint: Complaint) -> str:
    return ", ".join(_label(RiskFlag, flag) for flag in complaint.risk_flags)


def _sla_state(complaint: Complaint) -> str:
    return _label(ClockState, complaint.sla_state)


# The identity document number and the address are never exported: nobody's export needs
# them, and a file, once out, cannot be recalled.
COLUMNS: tuple[Column, ...] = (
    Column(_("Reference"), 18, lambda c, s: c.reference),
    Column(_field("received_at"), 18, lambda c, s: _local(c.received_at, c)),
    Column(_field("channel"), 12, lambda c, s: _label(Channel, c.channel)),
    Column(_field("status"), 16, lambda c, s: _label(Status, c.status)),
    Column(_("Unit"), 24, lambda c, s: c.unit.name),
    Column(_field("site"), 24, lambda c, s: c.site.name if c.site else ""),
    Column(_field("category"), 20, lambda c, s: c.category.label if c.category else ""),
    Column(_field("grade"), 12, lambda c, s: _label(Grade, c.grade)),
    Column(_field("anger_score"), 8, lambda c, s: c.anger_score),
    Column(_("Risk flags"), 20, lambda c, s: _risk_flags(c)),
    Column(_field("handler"), 18, lambda c, s: str(c.handler) if c.handler else ""),
    Column(_field("subject"), 40, lambda c, s: c.subject),
    Column(_("Complainant"), 18, lambda c, s: c.complainant.name),
    Column(_("Phone"), 16, lambda c, s: _contact(c.complainant.phone, s)),
    Column(_("E-mail"), 28, lambda c, s: _contact(c.complainant.email, s)),
    Column(_field("sla_state"), 14, lambda c, s: _sla_state(c)),
    Column(_("Next deadline"), 18, lambda c, s: _local(c.sla_due_at, c)),
    Column(_("Closed at"), 18, lambda c, s: _local(c.closed_at, c)),
    Column(_field("external_id"), 18, lambda c, s: c.external_id),
)

# Exactly what the columns and the sight of contacts read, so that no row costs a query.
_FIELDS = (
    "reference",
    "received_at",
    "channel",
    "status",
    "subject",
    "grade",
    "anger_score",
    *(f"risk_{flag}" for flag in RiskFlag.values),
    "sla_state",
    "sla_due_at",
    "closed_at",
    "external_id",
    # roles_on's, for the sight of contacts.
    "unit_path",
    "escalation_level",
    "received_by",
    "organisation__time_zone",
    "unit__name",
    "site__name",
    "category__name_en",
    "category__name_zh_hans",
    "category__name_zh_hant",
    "handler__display_name",
    "handler__first_name",
    "handler__last_name",
    "handler__username",
    "complainant__name",
    "complainant__phone",
    "complainant__email",
)


def export_headers() -> list[str]:
    """The header row in the language active now (the user's)."""
    return [capfirst(str(column.header)) for column in COLUMNS]


def export_widths() -> list[int]:
    return [column.width for column in COLUMNS]


def _matching(user: User, query: QueueQuery) -> QuerySet:
    return selectors.complaint_queue_matching(
        user, status=query.status, search=query.search, sla=query.sla, filters=query.filters
    )


def too_many_for_xlsx(user: User, query: QueueQuery) -> bool:
    """Whether the export would pass EXPORT_XLSX_MAX_ROWS: one COUNT that stops at the
    ceiling, so that asking costs little even of a queue of millions."""
    ceiling = settings.EXPORT_XLSX_MAX_ROWS
    return _matching(user, query).order_by()[: ceiling + 1].count() > ceiling


def export_rows(user: User, query: QueueQuery) -> Iterator[list[Cell]]:
    """The queue's complaints as rows of cells, in the queue's order, read lazily: a CSV
    streams them out while they are read.

    The language is the caller's (the user's), held here because a streamed response reads
    the rows after the view has returned.
    """
    language = translation.get_language()
    sensitive = permissions.sensitive_sight(user)
    matching = (
        _matching(user, query)
        .select_related("organisation", "unit", "site", "category", "handler", "complainant")
        .only(*_FIELDS)
    )
    parts = selectors.complaint_queue_in_order(matching, query.order)
    return _rows(parts, sensitive, language)


def _rows(
    parts: list[QuerySet], sensitive: Callable[[Complaint], bool], language: str | None
) -> Iterator[list[Cell]]:
    for part in parts:
        for complaint in part.iterator(chunk_size=CHUNK_SIZE):
            shown = sensitive(complaint)
            # The row is made, not yielded, inside the override: a yield inside it would
            # leave the user's language active in whatever code the consumer runs meanwhile.
            with translation.override(language):
                row = [column.value(complaint, shown) for column in COLUMNS]
            yield row
