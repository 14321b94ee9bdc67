"""What the API takes and gives. Inputs are bounded (lengths, list sizes); outputs are built
from the complaint by `complaint_out`, so nothing the caller may not see leaks by a field."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError


class CallerText(Schema):
    """Anything a caller sends, in a query or a body: text holding a NUL character is refused
    (422, code string_nul). PostgreSQL cannot store it, and a search for it would fail half-way
    through a streamed export."""

    @field_validator("*", mode="before")
    @classmethod
    def _without_nul(cls, value: Any) -> Any:
        parts = value if isinstance(value, list | tuple) else [value]
        if any(isinstance(part, str) and "\x00" in part for part in parts):
            raise PydanticCustomError("string_nul", "Text cannot contain the NUL character.")
        return value


class ComplainantSearch(CallerText):
    """The complainant look-up's query string."""

    q: str = Field(..., min_length=1, max_length=100)


class StrictIn(CallerText):
    """What callers send: a field we do not know is refused (422, code extra_forbidden), never
    dropped, so that a misspelt "unit" cannot quietly file a complaint under the default unit."""

    model_config = ConfigDict(extra="forbid")


class CustomerIn(StrictIn):
    name: str = Field(..., min_length=1, max_length=200)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)


class ComplaintIn(StrictIn):
    channel: str = Field(..., max_length=20, description="phone, email, letter, web_form, api…")
    subject: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=20000)
    customer: CustomerIn
    received_at: datetime | None = None
    category: str | None = Field(None, max_length=40, description="a category code")
    org_unit: str | None = Field(None, max_length=40, description="the handling unit's code")
    language: str | None = Field(None, max_length=10, description="zh-hans, zh-hant or en")
    risk_flags: list[str] = Field(default_factory=list, max_length=6)
    external_id: str = Field("", max_length=100)


class ComplaintPatch(StrictIn):
    """The record and classification fields to change; those left out stay as they are. The
    record rules decide who may change what in which state (409 when refused)."""

    subject: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, min_length=1, max_length=20000)
    language: str | None = Field(None, max_length=10, description="zh-hans, zh-hant or en")
    site: str | None = Field(None, max_length=40, description="the site's unit code; '' for none")
    incident_at: datetime | None = None
    incident_place: str | None = Field(None, max_length=255)
    persons_involved: str | None = Field(None, max_length=255)
    demand: str | None = Field(None, max_length=5000)
    claimed_loss_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    claimed_loss_currency: str | None = Field(None, max_length=3)
    claimed_loss_items: str | None = Field(None, max_length=5000)
    evidence_description: str | None = Field(None, max_length=5000)
    category: str | None = Field(None, max_length=40, description="a category code; '' for none")
    grade: str | None = Field(None, max_length=12, description="general, significant, major…")
    anger_score: int | None = Field(None, ge=1, le=5)
    risk_flags: list[str] | None = Field(
        None, max_length=6, description="the complete set of risk flags after the change"
    )


class ComplainantIn(StrictIn):
    name: str = Field(..., min_length=1, max_length=200)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=2000)
    preferred_language: str = Field("", max_length=10)
    account_reference: str = Field("", max_length=80)
    organisation: str = Field(
        "", max_length=40, description="the organisation's code, when you register in several"
    )


class UnitOut(Schema):
    code: str
    name: str


class PersonOut(Schema):
    id: int
    name: str


class ClockOut(Schema):
    name: str
    label: str
    state: str
    due_at: datetime


class SimilarOut(Schema):
    reference: str
    score: float = Field(description="shared words and character pairs, 0–1")
    same_complainant: bool


class TriageOut(Schema):
    """What the triage suggested at intake. Nothing here is applied to the complaint except
    `raised`: the risk flags its words called for. Each confidence is 0–1."""

    category: str = Field(description="one of the seven default codes (or the organisation's)")
    category_confidence: float
    alternatives: list[tuple[str, float]]
    is_complaint: bool
    is_complaint_confidence: float
    anger: int
    anger_confidence: float
    grade: str
    escalation_risk: bool
    risk_kinds: dict[str, list[str]] = Field(description="kind of risk → the words found")
    raised: list[str]
    language: str
    reasons: dict[str, list[str]]
    model: str
    similar: list[SimilarOut] = Field(
        description="open complaints in the caller's sight that may be the same matter"
    )


class ComplaintOut(Schema):
    reference: str
    status: str
    channel: str
    subject: str
    description: str
    language: str
    received_at: datetime
    unit: UnitOut
    handler: PersonOut | None
    category: str | None
    grade: str
    risk_flags: list[str]
    sla_state: str
    sla_due_at: datetime | None
    clocks: list[ClockOut]
    external_id: str
    url: str
    triage: TriageOut | None = Field(
        None, description="in the create and single-complaint responses; null in lists"
    )


class ComplaintPage(Schema):
    items: list[ComplaintOut]
    next_cursor: str | None


class EventOut(Schema):
    kind: str
    at: datetime
    by: str | None
    status_before: str
    status_after: str
    text: str
    visibility: str


class ActionIn(StrictIn):
    """What a move needs, by action: `reason` (reassign, request information, reopen, appeal,
    withdraw, reject), `handler_id` (assign, reassign), `into` (merge: a reference), the
    proposal's fields (propose) or the reply's (reply; `letter_subject` and `letter_body`
    send the e-mail or letter as written, else it is drafted from the template)."""

    reason: str = Field("", max_length=5000)
    handler_id: int | None = Field(None, ge=1, le=2**62)
    into: str = Field("", max_length=32)
    remedy_type: str = Field("", max_length=16)
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    description: str = Field("", max_length=5000)
    reasons: str = Field("", max_length=5000)
    channel: str = Field("", max_length=16)
    text: str = Field("", max_length=20000)
    appeal_route: str = Field("", max_length=5000)
    letter_subject: str = Field("", max_length=200)
    letter_body: str = Field("", max_length=20000)


class NoteIn(StrictIn):
    text: str = Field(..., min_length=1, max_length=10000)
    kind: str = Field("note", description="note, call, letter, mail or visit")


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None
    details: list | None = None


class ErrorOut(Schema):
    error: ErrorDetail


class CategoryOut(Schema):
    code: str
    name: str
    parent: str | None


class UnitListOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None


class ComplainantOut(Schema):
    id: int
    name: str
    phone: str
    email: str
    preferred_language: str
    tier: str
    account_reference: str


class ComplainantPatch(StrictIn):
    name: str | None = Field(None, min_length=1, max_length=200)
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    address: str | None = Field(None, max_length=2000)
    preferred_language: str | None = Field(None, max_length=10)
    account_reference: str | None = Field(None, max_length=80)
    tier: str | None = Field(None, max_length=10)


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    sha256: str
    uploaded_at: datetime


class RoleOut(Schema):
    role: str
    unit: str


class UserOut(Schema):
    id: int
    name: str
    roles: list[RoleOut]


class QueueParams(CallerText):
    """The filters of the complaint list, which its export takes too."""

    status: str = Field("open", max_length=24, description="open, final, or a status")
    sla: str = Field("", max_length=10, description="breached, warning, running or paused")
    q: str = Field("", max_length=200, description="reference, subject or complainant")
    order: str = Field(
        "received",
        max_length=10,
        description="received (newest first), due (earliest deadline first), activity (latest "
        "activity first) or, with q, relevance (best match among the newest 1,000 matches)",
    )
    unit: str = Field("", max_length=40, description="a unit's code, its subtree included")
    handler: int | None = Field(None, ge=1, le=2**62, description="the handler's id")
    category: str = Field("", max_length=40)
    grade: str = Field("", max_length=12)
    channel: str = Field("", max_length=20)
    risk: str = Field("", max_length=12, description="a risk flag: media, regulator…")
    anger: int | None = Field(None, ge=1, le=5, description="the anger score, 1 calm – 5 furious")
    clock: str = Field("", max_length=40, description="the name of a time standard")
    clock_outcome: Literal["", "met", "late"] = Field(
        "", description="met (on time) or late (breached, met afterwards or not)"
    )
    received_from: datetime | None = None
    received_to: datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None

    @field_validator("received_from", "received_to", "updated_from", "updated_to")
    @classmethod
    def _in_utc(cls, moment: datetime | None) -> datetime | None:
        """As UTC, which every database holds: PostgreSQL refuses an offset beyond 15:59
        that Python accepts, and an instant near year 1 or 9999 may have no UTC at all
        (a bad date, 422, not a server error)."""
        if moment is None:
            return None
        try:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            return moment.astimezone(UTC)
        except (OverflowError, ValueError):
            raise PydanticCustomError("datetime_parsing", "Enter a valid date/time.") from None
