"""Registering a complaint and keeping its structured record (domain.md steps 1, 2 and 4)."""

import hashlib
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import PurePath
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import ForeignKey
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import OrgUnit, UnitKind, User
from complaintdesk.core import hooks as core_hooks
from complaintdesk.core.errors import DomainError, GuardFailed
from complaintdesk.core.money import amount_problems
from complaintdesk.customers.models import Complainant

from .. import hooks, permissions
from ..choices import Channel, Grade, Language, RiskFlag
from ..events import (
    EventKind,
    attachment_added_event,
    field_changes,
    record_changed_event,
    registered_event,
)
from ..models import Attachment, Complaint
from ..record_rules import Record, complainant_record_check, record_check
from ..search_index import search_index_now
from ..tracking import tracking_key_new
from .lifecycle import activity_touch, complaint_lock, complaint_lock_for
from .numbering import reference_allocate

# The structured record a receiver fills in and a handler may correct later.
RECORD_FIELDS = (
    "subject",
    "description",
    "language",
    "site",
    "incident_at",
    "incident_place",
    "persons_involved",
    "demand",
    "claimed_loss_amount",
    "claimed_loss_currency",
    "claimed_loss_items",
    "evidence_description",
)
CLASSIFICATION_FIELDS = (
    "category",
    "grade",
    "anger_score",
    *(f"risk_{flag.value}" for flag in RiskFlag),
)
REPEAT_WINDOW = timedelta(days=365)


# The values of each choice, once: `x in Channel` builds a set of them on every call, and
# `Channel.values` goes through the labels; an import of 100,000 rows checks each row.
_CHANNELS = frozenset(member.value for member in Channel)
_GRADES = frozenset(member.value for member in Grade)
_LANGUAGES = frozenset(member.value for member in Language)


def _validate(complaint: Complaint) -> None:
    problems = []
    if not complaint.subject.strip():
        problems.append(_("The subject is required."))
    if not complaint.description.strip():
        problems.append(_("What happened is required."))
    if complaint.anger_score is not None and not 1 <= complaint.anger_score <= 5:
        problems.append(_("The anger score must be between 1 and 5."))
    if complaint.claimed_loss_amount is not None and complaint.claimed_loss_amount < Decimal(0):
        problems.append(_("The claimed loss cannot be negative."))
    else:
        problems += amount_problems(complaint.claimed_loss_amount)
    if complaint.channel not in _CHANNELS:
        problems.append(_("Unknown channel."))
    if complaint.grade not in _GRADES:
        problems.append(_("Unknown grade."))
    if complaint.language not in _LANGUAGES:
        problems.append(_("Unknown language."))
    organisation_id = complaint.organisation_id
    if complaint.site is not None and (
        complaint.site.kind != UnitKind.SITE or complaint.site.organisation_id != organisation_id
    ):
        problems.append(_("The site concerned must be a site of the same organisation."))
    if complaint.category is not None and complaint.category.organisation_id != organisation_id:
        problems.append(_("The category belongs to another organisation."))
    if problems:
        raise GuardFailed(_("The complaint record is not valid:"), details=problems)


def complaint_register(
    *,
    by: User,
    unit: OrgUnit,
    complainant: Complainant,
    channel: str,
    subject: str,
    description: str,
    received_unit: OrgUnit | None = None,
    received_at: datetime | None = None,
    note: str = "",
    intake_key: str = "",
    external_id: str = "",
    **record,
) -> Complaint:
    """Register a complaint the day it arrives; it gets its reference in the same transaction.

    `record` takes the other RECORD_FIELDS and CLASSIFICATION_FIELDS. A VIP complainant, or one
    who complained within the last year, sets the VIP or repeat risk flag by itself.
    `intake_key` identifies the submission (an API idempotency key), `external_id` the sending
    system's own id; each makes a second registration of the same complaint fail.
    """
    permissions.require_register_in(by, unit)
    return register(
        by=by,
        unit=unit,
        complainant=complainant,
        channel=channel,
        subject=subject,
        description=description,
        received_unit=received_unit,
        received_at=received_at,
        note=note,
        intake_key=intake_key,
        external_id=external_id,
        **record,
    )


def register(
    *,
    by: User | None,
    unit: OrgUnit,
    complainant: Complainant,
    channel: str,
    subject: str,
    description: str,
    received_unit: OrgUnit | None = None,
    received_at: datetime | None = None,
    note: str = "",
    intake_key: str = "",
    external_id: str = "",
    **record,
) -> Complaint:
    """The registration itself, for `complaint_register` (a person who may register in the
    unit) and for the channels where the complainant wrote in themselves (`by` None)."""
    unknown = set(record) - set(RECORD_FIELDS) - set(CLASSIFICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown complaint fields: {sorted(unknown)}")
    if complainant.organisation_id != unit.organisation_id:
        raise DomainError(_("The complainant belongs to another organisation."))
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + timedelta(minutes=5):
        raise GuardFailed(
            _("The complaint record is not valid:"),
            details=[_("The time of receipt cannot be in the future.")],
        )
    organisation = unit.organisation
    complaint = Complaint(
        organisation=organisation,
        unit=unit,
        received_unit=received_unit or unit,
        received_by=by,
        received_at=received_at,
        last_activity_at=received_at,
        complainant=complainant,
        channel=channel,
        subject=subject.strip(),
        description=description.strip(),
        intake_key=intake_key,
        external_id=external_id.strip(),
        tracking_key=tracking_key_new(),
        **record,
    )
    complaint.language = complaint.language or Language.ZH_HANT
    if complainant.is_vip:
        complaint.risk_vip = True
    _validate(complaint)
    with transaction.atomic():
        if Complaint.objects.filter(
            complainant=complainant,
            received_at__gte=received_at - REPEAT_WINDOW,
            received_at__lte=received_at,
        ).exists():
            complaint.risk_repeat = True
        # The year of receipt where the organisation is: a complaint taken at 07:30 on
        # 1 January in Hong Kong is a new year's complaint even though UTC still says 31 Dec.
        year = received_at.astimezone(ZoneInfo(organisation.time_zone)).year
        complaint.reference = reference_allocate(organisation.reference_prefix, year)
        complaint.save(force_insert=True)
        registered_event(complaint, by, received_at, note=note.strip())
        # The time standards start their clocks here, in the same transaction.
        event = hooks.ComplaintRegistered(complaint, by, received_at)
        core_hooks.publish(event)
        search_index_now([complaint.pk])
    # After the registration's own transaction block: routing on arrival may fail or find no
    # rule without ever losing the complaint just taken.
    if core_hooks.has_after_subscribers(hooks.ComplaintRegistered):
        core_hooks.publish_after(event)
        _reloaded(complaint)
    return complaint


def _reloaded(complaint: Complaint) -> None:
    """The row as the after-subscribers left it (routing may have given it a handler), with
    the related rows already at hand kept where their keys did not change: whoever answers
    with the complaint then reads its organisation, unit or triage again for nothing."""
    meta = complaint._meta
    kept = {
        field: field.get_cached_value(complaint)
        for field in meta.concrete_fields
        if isinstance(field, ForeignKey) and field.is_cached(complaint)
    }
    kept_reverse = {
        rel: rel.get_cached_value(complaint)
        for rel in meta.related_objects
        if rel.one_to_one and rel.is_cached(complaint)
    }
    complaint.refresh_from_db()
    for field, value in kept.items():
        if value is not None and getattr(complaint, field.attname) == value.pk:
            field.set_cached_value(complaint, value)
    for rel, value in kept_reverse.items():
        rel.set_cached_value(complaint, value)


def complaint_update_record(
    complaint: Complaint, by: User, *, at: datetime | None = None, **values
) -> Complaint:
    """Correct or complete the structured record; the timeline keeps before and after."""
    return _update(complaint, by, values, RECORD_FIELDS, Record.RECORD, at)


def complaint_classify(
    complaint: Complaint, by: User, *, at: datetime | None = None, reason: str = "", **values
) -> Complaint:
    """Category code, grade, anger score and risk flags (screening, step 4), and why they were
    changed (kept on the timeline with the changes). The policies follow: a grade or risk flag
    may put the complaint higher on the ladder at once, and the clocks take the new grade's
    time standard."""
    return _update(
        complaint, by, values, CLASSIFICATION_FIELDS, Record.CLASSIFICATION, at, reason.strip()
    )


def _update(complaint, by, values, allowed, record, at, reason: str = "") -> Complaint:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Not editable here: {sorted(unknown)}")
    at = at or timezone.now()
    with transaction.atomic():
        locked = complaint_lock_for(complaint, by, record)
        changes = field_changes(locked, values)
        if not changes:
            return locked
        for field, value in values.items():
            setattr(locked, field, value)
        _validate(locked)
        locked.last_activity_at = max(at, locked.last_activity_at)
        locked.save()
        kind = EventKind.CLASSIFIED if record == Record.CLASSIFICATION else EventKind.RECORD_CHANGED
        record_changed_event(locked, by, at, changes, kind=kind, reason=reason)
        if record == Record.CLASSIFICATION:
            core_hooks.publish(hooks.ComplaintClassified(locked, by, at))
        else:
            core_hooks.publish(hooks.RecordWritten(locked, record, by, at))
    return locked


def complaint_attach(
    complaint: Complaint,
    by: User,
    upload: UploadedFile,
    *,
    description: str = "",
    at: datetime | None = None,
) -> Attachment:
    """Keep a piece of evidence with the record."""
    record_check(by, complaint, Record.ATTACHMENT)
    return attach(complaint, by, upload, description=description, at=at)


def attachment_problems(upload: UploadedFile) -> list[str]:
    """Why this file cannot be kept (its type, emptiness or size), in the user's language."""
    name = upload.name or ""  # a file without a name has no extension: refused below
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in settings.ATTACHMENT_ALLOWED_EXTENSIONS:
        return [_("Files of type “%(ext)s” are not accepted.") % {"ext": extension or "?"}]
    if not upload.size:
        return [_("The file is empty.")]
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        return [
            _("Files may be at most %(mb)d MB.")
            % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}
        ]
    return []


def attach(
    complaint: Complaint,
    by: User | None,
    upload: UploadedFile,
    *,
    description: str = "",
    at: datetime | None = None,
) -> Attachment:
    """Store the file, for a person whose right to attach is checked (`complaint_attach`) or
    for the complainant (`by` None). The file is stored under a random name and is only ever
    served as a download, so an uploaded HTML or script page cannot run in a browser."""
    problems = attachment_problems(upload)
    if problems:
        raise GuardFailed(_("This file cannot be attached."), details=problems)
    name = upload.name or ""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    at = at or timezone.now()
    with transaction.atomic():
        if by is None:
            locked = complaint_lock(complaint)
            complainant_record_check(locked, Record.ATTACHMENT)
        else:
            locked = complaint_lock_for(complaint, by, Record.ATTACHMENT)
        attachment = Attachment(
            complaint=complaint,
            original_name=PurePath(name).name[:255],
            content_type=(upload.content_type or "application/octet-stream")[:100],
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            description=description,
            uploaded_by=by,
            uploaded_at=at,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        activity_touch(complaint, at)
        attachment_added_event(complaint, attachment, by, at)
        if by is not None:
            core_hooks.publish(hooks.RecordWritten(locked, Record.ATTACHMENT, by, at))
    return attachment
