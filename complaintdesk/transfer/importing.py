"""Writes for imports: a file taken in, and its columns mapped before the worker reads it.

The worker's reading of the file is running.py's.
"""

import hashlib
from typing import Any
from zoneinfo import available_timezones

from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import Organisation, User
from complaintdesk.complaints.choices import Channel, Language, Status
from complaintdesk.core.errors import GuardFailed, NotPermitted

from . import selectors
from .fields import FIELD_LABELS, FIELD_NAMES, REQUIRED, mapping_guess
from .models import ImportMode, ImportRun, ImportSource, ImportStatus
from .reading import EXTENSIONS, UnreadableFile, extension_of, table_read
from .tasks import import_run_task

DEFAULT_KEYS = ("unit", "channel", "status", "language", "time_zone", "day_first")


def import_run_start(
    *, by: User, organisation: Organisation, source_name: str, upload: File, language: str
) -> ImportRun:
    """Keep the file, read its header row and propose a mapping: the source's saved one where
    its headers are in the file, a guess from the header names for the rest."""
    if not selectors.may_import(by, organisation.pk):
        raise NotPermitted(_("You may not import complaints for this organisation."))
    name = source_name.strip()
    if not name:
        raise GuardFailed(_("Name the system the file comes from."))
    if extension_of(upload.name or "") not in EXTENSIONS:
        raise UnreadableFile(_("Only CSV and Excel (.xlsx) files can be imported."))
    if upload.size and upload.size > settings.IMPORT_MAX_BYTES:
        raise GuardFailed(
            _("The file is larger than %(mb)d MB: split it in parts.")
            % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    headers = table_read(upload, upload.name or "").headers  # type: ignore[arg-type]
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        source, _created = ImportSource.objects.get_or_create(
            organisation=organisation, name=name[:100], defaults={"created_by": by}
        )
        mapping = mapping_guess(headers)
        mapping.update({k: v for k, v in source.mapping.items() if v in headers})
        return ImportRun.objects.create(
            organisation=organisation,
            source=source,
            file=upload,
            file_name=(upload.name or "")[:255],
            file_sha256=digest.hexdigest(),
            headers=headers,
            mapping=mapping,
            defaults=dict(source.defaults),
            language=language,
            started_by=by,
        )


def mapping_problems(
    run: ImportRun, mapping: dict[str, str], defaults: dict[str, Any]
) -> list[str]:
    """What is wrong with a mapping before any row is read, in the user's language."""
    problems = []
    unknown = sorted(set(mapping) - set(FIELD_NAMES))
    if unknown:
        problems.append(_("Unknown fields: %(names)s") % {"names": ", ".join(unknown)})
    missing_headers = sorted(h for h in mapping.values() if h not in run.headers)
    if missing_headers:
        problems.append(
            _("The file has no column %(names)s.") % {"names": ", ".join(missing_headers)}
        )
    for name in REQUIRED:
        if not mapping.get(name):
            problems.append(_("Choose the column for “%(field)s”.") % {"field": FIELD_LABELS[name]})
    if not (mapping.get("phone") or mapping.get("email")):
        problems.append(_("Choose the column of the phone number or of the e-mail address."))
    if not mapping.get("unit") and not defaults.get("unit"):
        problems.append(_("Choose the unit column, or a unit for every row."))
    if defaults.get("unit") and not run.organisation.units.filter(code=defaults["unit"]).exists():
        problems.append(_("No unit with the code “%(value)s”.") % {"value": defaults["unit"]})
    checks: list[tuple[str, type[models.TextChoices], str]] = [
        ("channel", Channel, _("Unknown channel “%(value)s”.")),
        ("status", Status, _("Unknown status “%(value)s”.")),
        ("language", Language, _("Unknown language “%(value)s”.")),
    ]
    for key, choices, message in checks:
        if defaults.get(key) and defaults[key] not in choices:
            problems.append(message % {"value": defaults[key]})
    if defaults.get("time_zone") and defaults["time_zone"] not in available_timezones():
        problems.append(_("Unknown time zone “%(value)s”.") % {"value": defaults["time_zone"]})
    return problems


def import_run_configure(
    run: ImportRun,
    *,
    by: User,
    mapping: dict[str, str],
    defaults: dict[str, Any],
    mode: str,
    dry_run: bool,
    enqueue: bool = True,
) -> ImportRun:
    """Fix the mapping and the mode, remember the mapping for the source's next file, and
    queue the run for the worker. A finished run may be run again (a dry run, then the real
    one): the file is the same, and rows already imported are recognised."""
    if not selectors.may_import(by, run.organisation_id):
        raise NotPermitted(_("You may not import complaints for this organisation."))
    if run.is_active:
        raise GuardFailed(_("This import is already running."))
    if mode not in ImportMode.values:
        raise GuardFailed(_("Choose all or nothing, or valid rows only."))
    mapping = {k: v for k, v in mapping.items() if v}
    defaults = {k: v for k, v in defaults.items() if k in DEFAULT_KEYS and v not in ("", None)}
    problems = mapping_problems(run, mapping, defaults)
    if problems:
        raise GuardFailed(_("The column mapping is not complete:"), details=problems)
    with transaction.atomic():
        ImportSource.objects.filter(pk=run.source_id).update(mapping=mapping, defaults=defaults)
        run.mapping, run.defaults, run.mode, run.dry_run = mapping, defaults, mode, dry_run
        run.status = ImportStatus.QUEUED
        run.started_by = by
        run.total_rows = run.processed_rows = run.invalid_count = 0
        run.created_count = run.already_imported_count = run.problems_not_kept = 0
        run.problems, run.failure, run.finished_at = [], "", None
        run.save()
        if enqueue:
            transaction.on_commit(lambda: import_run_task.enqueue(run.pk))
    return run
