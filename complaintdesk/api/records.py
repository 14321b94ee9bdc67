"""/api/v1: a complaint's complainant (read, corrected) and its evidence files (listed,
uploaded, downloaded); complainants found by phone, e-mail, name or account. Thin: the same
services and selectors as the pages."""

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status, UploadedFile

from complaintdesk.accounts.models import Organisation, User
from complaintdesk.complaints import permissions, selectors, services
from complaintdesk.complaints.models import Attachment
from complaintdesk.customers import services as customers
from complaintdesk.customers.models import Complainant
from complaintdesk.customers.selectors import complainant_search, mask

from .errors import ApiError
from .schemas import (
    AttachmentOut,
    ComplainantIn,
    ComplainantOut,
    ComplainantPatch,
    ComplainantSearch,
    ErrorOut,
)

router = Router(tags=["complainants and evidence"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
ERRORS |= {422: ErrorOut, 429: ErrorOut}


def _complainant_out(person: Complainant, shown: bool) -> dict:
    def value(text: str) -> str:
        return text if shown else mask(text)

    return {
        "id": person.pk,
        "name": person.name,
        "phone": value(person.phone),
        "email": value(person.email),
        "preferred_language": person.preferred_language,
        "tier": person.tier,
        "account_reference": person.account_reference,
    }


@router.get("/complainants", response={200: list[ComplainantOut], **ERRORS})
def complainants_search(request: HttpRequest, params: Query[ComplainantSearch]):
    """Complainants of the organisations the user registers complaints in (contacts in full:
    they take calls), as the capture page's look-up finds them."""
    user: User = request.user  # type: ignore[assignment]
    organisations = set(
        permissions.registration_units(user).values_list("organisation_id", flat=True)
    )
    found = complainant_search(organisations, params.q)
    return [_complainant_out(person, True) for person in found]


@router.post("/complainants", response={200: ComplainantOut, 201: ComplainantOut, **ERRORS})
def complainant_create(request: HttpRequest, payload: ComplainantIn):
    """Put a complainant on file before their complaint arrives (a bank's core system sending
    its customers). Someone already on file with the same phone or e-mail is not recorded twice:
    their record comes back with 200, a new one with 201."""
    user: User = request.user  # type: ignore[assignment]
    organisations = Organisation.objects.filter(
        pk__in=permissions.registration_units(user).values("organisation_id")
    )
    if payload.organisation:
        organisations = organisations.filter(code=payload.organisation)
    found = list(organisations[:2])
    if len(found) != 1:
        message = (
            _("Say which organisation the complainant belongs to.")
            if len(found) > 1
            else _("You may not register complainants there.")
        )
        raise ApiError(422, "invalid", message, "organisation")
    values = payload.dict(exclude={"organisation"})
    person, created = customers.complainant_create(found[0], **values)
    return Status(201 if created else 200, _complainant_out(person, True))


@router.get("/complaints/{reference}/complainant", response={200: ComplainantOut, **ERRORS})
def complaint_complainant(request: HttpRequest, reference: str):
    user: User = request.user  # type: ignore[assignment]
    complaint = selectors.complaint_get(user, reference)
    shown = permissions.can_view_sensitive(user, complaint)
    return _complainant_out(complaint.complainant, shown)


@router.patch("/complaints/{reference}/complainant", response={200: ComplainantOut, **ERRORS})
def complaint_complainant_correct(request: HttpRequest, reference: str, payload: ComplainantPatch):
    """Correct the complainant's details from this complaint (the tier takes a manager); the
    change is kept on their history."""
    user: User = request.user  # type: ignore[assignment]
    complaint = selectors.complaint_get(user, reference)
    values = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    services.complainant_update(complaint, user, values)
    complaint.complainant.refresh_from_db()
    return _complainant_out(complaint.complainant, True)


def _attachment_out(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "name": attachment.original_name,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "uploaded_at": attachment.uploaded_at,
    }


@router.get("/complaints/{reference}/attachments", response={200: list[AttachmentOut], **ERRORS})
def attachments_list(request: HttpRequest, reference: str):
    complaint = selectors.complaint_get(request.user, reference)  # type: ignore[arg-type]
    return [_attachment_out(a) for a in complaint.attachments.all()]


@router.post("/complaints/{reference}/attachments", response={201: AttachmentOut, **ERRORS})
def attachment_upload(request: HttpRequest, reference: str, file: File[UploadedFile]):
    """One file (multipart/form-data, field "file"), checked as the page checks it."""
    user: User = request.user  # type: ignore[assignment]
    complaint = selectors.complaint_get(user, reference)
    if not file.name:
        raise ApiError(422, "invalid", _("The file needs a name."), "file")
    return Status(201, _attachment_out(services.complaint_attach(complaint, user, file)))


@router.get(
    "/complaints/{reference}/attachments/{attachment_id}",
    response={200: None, **ERRORS},
    openapi_extra={
        "responses": {200: {"description": "The file", "content": {"application/octet-stream": {}}}}
    },
)
def attachment_download(request: HttpRequest, reference: str, attachment_id: int):
    complaint = selectors.complaint_get(request.user, reference)  # type: ignore[arg-type]
    attachment = get_object_or_404(Attachment, pk=attachment_id, complaint=complaint)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/octet-stream",
    )
