"""/api/v1/complaints: create (idempotent), read, list, timeline, notes. Thin: the same
services and selectors as the pages; scope and roles are the token's user's."""

import hashlib
import json
from typing import Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.complaints import permissions, selectors, services
from complaintdesk.complaints.choices import Channel, EventKind, Language, RiskFlag
from complaintdesk.complaints.events import CONTACT_KINDS
from complaintdesk.complaints.models import Category, Complaint
from complaintdesk.sla.selectors import ClockRow, clock_rows, clock_rows_of
from complaintdesk.transfer import export_responses, exporting
from complaintdesk.transfer.export_responses import XLSX_CONTENT_TYPE
from complaintdesk.triage.models import TriageSuggestion
from complaintdesk.triage.selectors import similar_in_sight

from .corrections import patch_values
from .errors import ApiError
from .models import IdempotencyKey
from .schemas import (
    ActionIn,
    ComplaintIn,
    ComplaintOut,
    ComplaintPage,
    ComplaintPatch,
    ErrorOut,
    EventOut,
    NoteIn,
    QueueParams,
)

router = Router(tags=["complaints"])
ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def complaint_out(
    request: HttpRequest, complaint: Complaint, rows: list[ClockRow] | None = None
) -> dict:
    """`rows`: the complaint's clocks when the caller read many at once (a list, which
    leaves out the triage's suggestion too: one complaint's answer carries it)."""
    listed = rows is not None
    rows = clock_rows(complaint) if rows is None else rows
    return {
        "triage": None if listed else triage_out(request.user, complaint),  # type: ignore[arg-type]
        "reference": complaint.reference,
        "status": complaint.status,
        "channel": complaint.channel,
        "subject": complaint.subject,
        "description": complaint.description,
        "language": complaint.language,
        "received_at": complaint.received_at,
        "unit": {"code": complaint.unit.code, "name": complaint.unit.name},
        "handler": (
            {"id": complaint.handler.pk, "name": str(complaint.handler)}
            if complaint.handler
            else None
        ),
        "category": complaint.category.code if complaint.category else None,
        "grade": complaint.grade,
        "risk_flags": [str(flag) for flag in complaint.risk_flags],
        "sla_state": complaint.sla_state,
        "sla_due_at": complaint.sla_due_at,
        "clocks": [
            {
                "name": row.clock.name,
                "label": row.label,
                "state": row.clock.state,
                "due_at": row.clock.due_at,
            }
            for row in rows
        ],
        "external_id": complaint.external_id,
        "url": request.build_absolute_uri(
            reverse("api:complaint_get", kwargs={"reference": complaint.reference})
        ),
    }


def triage_out(user: User, complaint: Complaint) -> dict | None:
    try:
        suggestion = complaint.triage  # at hand when the complaint was registered just now
    except TriageSuggestion.DoesNotExist:
        return None
    return {
        "category": suggestion.category,
        "category_confidence": round(suggestion.category_confidence, 3),
        "alternatives": suggestion.alternatives,
        "is_complaint": suggestion.is_complaint,
        "is_complaint_confidence": round(suggestion.complaint_confidence, 3),
        "anger": suggestion.anger,
        "anger_confidence": round(suggestion.anger_confidence, 3),
        "grade": suggestion.grade,
        "escalation_risk": bool(suggestion.risks),
        "risk_kinds": suggestion.risks,
        "raised": suggestion.raised,
        "language": suggestion.language,
        "reasons": suggestion.reasons,
        "model": suggestion.model,
        "similar": [
            {"reference": c.reference, "score": score, "same_complainant": same}
            for c, score, same in similar_in_sight(user, suggestion)
        ],
    }


def _unit(user: User, code: str | None) -> OrgUnit:
    units = permissions.registration_units(user)
    if code:
        unit = units.filter(code=code).first()
        if unit is None:
            raise ApiError(422, "invalid", _("You may not register complaints there."), "org_unit")
        return unit
    first_two = list(units[:2])
    if len(first_two) == 1:
        return first_two[0]
    home = units.filter(pk=user.home_unit_id).first()
    if home is None:
        raise ApiError(422, "invalid", _("Say which unit handles it."), "org_unit")
    return home


def _record(payload: ComplaintIn, unit: OrgUnit) -> dict:
    if payload.channel not in Channel.values:
        raise ApiError(422, "invalid", _("Unknown channel."), "channel")
    record: dict = {}
    if payload.language:
        if payload.language not in Language.values:
            raise ApiError(422, "invalid", _("Unknown language."), "language")
        record["language"] = payload.language
    if payload.category:
        category = Category.objects.filter(
            organisation_id=unit.organisation_id, code=payload.category, is_active=True
        ).first()
        if category is None:
            raise ApiError(422, "invalid", _("Unknown category."), "category")
        record["category"] = category
    for flag in payload.risk_flags:
        if flag not in RiskFlag.values:
            raise ApiError(422, "invalid", _("Unknown risk flag."), "risk_flags")
        record[f"risk_{flag}"] = True
    return record


def _digest(payload: ComplaintIn) -> str:
    canonical = json.dumps(payload.dict(), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replayed(user: User, key: str, digest: str) -> Complaint | None:
    earlier = IdempotencyKey.objects.filter(user=user, key=key).select_related("complaint").first()
    if earlier is None:
        return None
    if earlier.body_sha256 != digest:
        raise ApiError(
            409,
            "idempotency_key_reused",
            _("This Idempotency-Key was used with another request body."),
        )
    return earlier.complaint


def _queue_arguments(params: QueueParams) -> dict:
    """The list's filters as the queue selectors take them (and exporting.QueueQuery)."""
    return {
        "status": params.status,
        "search": params.q,
        "sla": params.sla,
        "order": params.order if params.order in selectors.QUEUE_ORDER_NAMES else "received",
        "filters": selectors.QueueFilters(
            unit=params.unit,
            handler_id=params.handler,
            category=params.category,
            grade=params.grade,
            channel=params.channel,
            risk=params.risk,
            anger=params.anger,
            clock=params.clock,
            clock_outcome=params.clock_outcome,
            received_from=params.received_from,
            received_to=params.received_to,
            updated_from=params.updated_from,
            updated_to=params.updated_to,
        ),
    }


@router.post(
    "/complaints",
    response={200: ComplaintOut, 201: ComplaintOut, **ERRORS},
    url_name="complaint_create",
)
def complaint_create(
    request: HttpRequest,
    payload: ComplaintIn,
    idempotency_key: str = Header("", alias="Idempotency-Key", max_length=200),
):
    """Register a complaint. With an `Idempotency-Key`, a retry with the same body returns the
    complaint made the first time (200); the key with another body is refused (409)."""
    user: User = request.user  # type: ignore[assignment]
    digest = _digest(payload)
    if idempotency_key:
        earlier = _replayed(user, idempotency_key, digest)
        if earlier is not None:
            return Status(200, complaint_out(request, earlier))
    unit = _unit(user, payload.org_unit)
    record = _record(payload, unit)
    customer = payload.customer
    try:
        with transaction.atomic():
            complaint = services.complaint_capture(
                by=user,
                unit=unit,
                new_complainant={
                    "name": customer.name,
                    "phone": customer.phone,
                    "email": customer.email,
                },
                channel=payload.channel,
                subject=payload.subject,
                description=payload.description,
                received_at=payload.received_at,
                backdating_reason=_("Received earlier (as sent through the API).")
                if payload.received_at
                else "",
                intake_key=f"api:{user.pk}:{idempotency_key}" if idempotency_key else "",
                external_id=payload.external_id,
                **record,
            )
            if idempotency_key:
                IdempotencyKey.objects.create(
                    user=user, key=idempotency_key, body_sha256=digest, complaint=complaint
                )
    except IntegrityError:
        # The same key at the same moment from a second client: the first one's complaint.
        earlier = _replayed(user, idempotency_key, digest) if idempotency_key else None
        if earlier is not None:
            return Status(200, complaint_out(request, earlier))
        if payload.external_id:
            raise ApiError(
                409, "duplicate", _("A complaint with this external id exists."), "external_id"
            ) from None
        raise
    return Status(201, complaint_out(request, complaint))


# What the export answers with: a file, not JSON, so its 200 is declared here by hand.
EXPORT_RESPONSE = {
    "description": "The queue as a file: CSV (UTF-8 with a byte-order mark) or an Excel workbook.",
    "content": {
        "text/csv": {"schema": {"type": "string"}},
        XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
    },
}


# Before "/complaints/{reference}": "export" is not a reference.
@router.get(
    "/complaints/export",
    response=ERRORS,
    url_name="complaint_export",
    openapi_extra={"responses": {200: EXPORT_RESPONSE}},
)
def complaint_export(
    request: HttpRequest,
    params: Query[QueueParams],
    file_format: Literal["csv", "xlsx"] = Query("csv", alias="format"),
):
    """Every complaint of the list with the same filters, in its order, as one file: a CSV
    streams whatever the length; an Excel workbook holds at most the server's ceiling of rows
    (422 `too_many_rows` above it: ask for the CSV). Contacts are masked where the user's
    role may not see them."""
    user: User = request.user  # type: ignore[assignment]
    query = exporting.QueueQuery(**_queue_arguments(params))
    if file_format == "csv":
        return export_responses.csv_response(user, query)
    if exporting.too_many_for_xlsx(user, query):
        raise ApiError(
            422,
            "too_many_rows",
            _("More than %(limit)s complaints: too many for an Excel file; ask for CSV.")
            % {"limit": settings.EXPORT_XLSX_MAX_ROWS},
            "format",
        )
    return export_responses.xlsx_response(user, query)


@router.get(
    "/complaints/{reference}", response={200: ComplaintOut, **ERRORS}, url_name="complaint_get"
)
def complaint_get(request: HttpRequest, reference: str):
    return complaint_out(request, selectors.complaint_get(request.user, reference))  # type: ignore[arg-type]


@router.patch(
    "/complaints/{reference}", response={200: ComplaintOut, **ERRORS}, url_name="complaint_patch"
)
def complaint_patch(request: HttpRequest, reference: str, payload: ComplaintPatch):
    """Correct the record or the classification: the same services, record rules and timeline
    entries (before and after) as the complaint page; the clocks and the rung follow a new grade
    or risk flag. Both parts change together or not at all."""
    user: User = request.user  # type: ignore[assignment]
    complaint = selectors.complaint_get(user, reference)
    record, classification = patch_values(complaint, payload)
    with transaction.atomic():
        if record:
            complaint = services.complaint_update_record(complaint, user, **record)
        if classification:
            complaint = services.complaint_classify(complaint, user, **classification)
    return complaint_out(request, selectors.complaint_get(user, reference))


@router.get("/complaints", response={200: ComplaintPage, **ERRORS}, url_name="complaint_list")
def complaint_list(
    request: HttpRequest,
    params: Query[QueueParams],
    cursor: str = Query("", max_length=200),
):
    """The complaints the token's user may see, newest first (or the earliest deadline
    first), a page at a time: pass `next_cursor` back as `cursor` for the next."""
    page = selectors.complaint_queue(
        request.user,  # type: ignore[arg-type]
        cursor=cursor,
        **_queue_arguments(params),
    )
    clocks = clock_rows_of(page.rows)
    return {
        "items": [complaint_out(request, c, clocks[c.pk]) for c in page.rows],
        "next_cursor": page.next_cursor,
    }


@router.get(
    "/complaints/{reference}/timeline",
    response={200: list[EventOut], **ERRORS},
    url_name="complaint_timeline",
)
def complaint_timeline(request: HttpRequest, reference: str):
    complaint = selectors.complaint_get(request.user, reference)  # type: ignore[arg-type]
    return [
        {
            "kind": event.kind,
            "at": event.created_at,
            "by": str(event.actor) if event.actor else None,
            "status_before": event.status_before,
            "status_after": event.status_after,
            "text": event.text,
            "visibility": event.visibility,
        }
        for event in selectors.complaint_timeline(complaint)
    ]


@router.post(
    "/complaints/{reference}/actions/{action}",
    response={200: ComplaintOut, **ERRORS},
    url_name="complaint_action",
)
def complaint_action(request: HttpRequest, reference: str, action: str, payload: ActionIn):
    """Any move of the transitions table this user may make now (the same services as the
    complaint page): refused with 409 and what is missing, or 404 out of sight."""
    user: User = request.user  # type: ignore[assignment]
    complaint = selectors.complaint_get(user, reference)
    if action not in services.MOVES:
        raise ApiError(404, "not_found", _("No such action."), "action")
    data = payload.dict()
    handler_id = data.pop("handler_id")
    if handler_id is not None:
        data["handler"] = User.objects.filter(pk=handler_id, is_active=True).first()
        if data["handler"] is None:
            raise ApiError(422, "invalid", _("No such person."), "handler_id")
    services.complaint_move(complaint, user, action, data)
    return complaint_out(request, selectors.complaint_get(user, reference))


@router.post(
    "/complaints/{reference}/notes",
    response={201: list[EventOut], **ERRORS},
    url_name="complaint_note",
)
def complaint_note(request: HttpRequest, reference: str, payload: NoteIn):
    complaint = selectors.complaint_get(request.user, reference)  # type: ignore[arg-type]
    if payload.kind != EventKind.NOTE and payload.kind not in CONTACT_KINDS:
        raise ApiError(422, "invalid", _("Unknown kind of note."), "kind")
    services.complaint_add_note(complaint, request.user, payload.text, kind=payload.kind)  # type: ignore[arg-type]
    return Status(201, complaint_timeline(request, reference)[-1:])
