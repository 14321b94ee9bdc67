"""The worker's reading of an import run, chunk by chunk.

A dry run only checks: every invalid row with its reason, and how many rows are already held
(re-running a file creates nothing twice). "Valid rows only" writes each chunk's valid rows as
it goes; "all or nothing" checks the whole file first and then writes all of it in one
transaction, or nothing when a single row is invalid.
"""

import logging
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaintdesk.complaints.services import (
    HistoricalComplaint,
    PreparedComplaint,
    complaints_import,
    historical_prepare,
)
from complaintdesk.core.errors import DomainError, GuardFailed

from .models import ImportMode, ImportRun, ImportStatus
from .read_ahead import read_ahead
from .reading import Table, table_read
from .row_reading import Problem, RowReader

log = logging.getLogger(__name__)

CHUNK_ROWS = 2000
# Enough to show and to download every invalid row of any file a person will correct by hand;
# beyond it the rows are counted, not listed.
PROBLEMS_KEPT = 10_000


def import_run_execute(run_id: int) -> ImportRun:
    """The worker's part. Safe to run twice: only the call that moves the run from queued to
    running reads the file."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    run = ImportRun.objects.select_related("organisation", "started_by").get(pk=run_id)
    if not claimed:
        return run
    with translation.override(run.language):
        try:
            _execute(run)
        except DomainError as error:  # an unreadable file, a row no longer valid
            _fail(run, str(error))
        except Exception:
            log.exception("Import run %s failed", run.pk)
            _fail(run, _("The import stopped on an unexpected error; nothing more was written."))
            raise
    return run


class _Tally:
    def __init__(self, run: ImportRun) -> None:
        self.run = run
        self.seen: set[str] = set()
        self.problems: list[dict[str, Any]] = []
        self.not_kept = self.invalid = self.held = self.created = self.processed = 0

    def add_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            if len(self.problems) < PROBLEMS_KEPT:
                self.problems.append(problem.as_dict())
            else:
                self.not_kept += 1

    def progress(self) -> None:
        ImportRun.objects.filter(pk=self.run.pk).update(processed_rows=self.processed)


Read = list[tuple[int, PreparedComplaint]]


def _chunks(run: ImportRun) -> Iterator[tuple[Read, list[Problem], int]]:
    """((row number, prepared complaint) of the rows whose cells could be read, the problems
    of those that could not, rows read) a chunk at a time, read ahead in another thread."""
    reader = RowReader(run.organisation, run.mapping, run.defaults)
    with run.file.open("rb") as file:
        table = table_read(file, run.file_name)
        ImportRun.objects.filter(pk=run.pk).update(total_rows=table.estimated_rows)
        run.total_rows = table.estimated_rows
        yield from read_ahead(lambda: _read(run, reader, table), language=run.language)


def _read(
    run: ImportRun, reader: RowReader, table: Table
) -> Iterator[tuple[Read, list[Problem], int]]:
    """The reading thread's part: cells to records, checked (no query)."""
    numbers: list[int] = []
    items: list[HistoricalComplaint] = []
    problems: list[Problem] = []
    count = 0
    for number, cells in table.rows:
        result = reader.read(number, cells)
        count += 1
        if result.complaint is not None:
            numbers.append(number)
            items.append(result.complaint)
        problems += result.problems
        if count == CHUNK_ROWS:
            prepared = historical_prepare(run.organisation, items)
            yield list(zip(numbers, prepared, strict=True)), problems, count
            numbers, items, problems, count = [], [], [], 0
    prepared = historical_prepare(run.organisation, items)
    yield list(zip(numbers, prepared, strict=True)), problems, count


def _import(tally: _Tally, read: Read, problems: list[Problem], *, write: bool) -> None:
    """One chunk through the import service (which checks each row by the record rules and
    skips what is already held); a row repeated from an earlier chunk is skipped here, since
    a dry run writes nothing the service could find it by."""
    run = tally.run
    rows = []
    for number, row in read:
        if row.item.identity in tally.seen:
            tally.held += 1
        else:
            tally.seen.add(row.item.identity)
            rows.append((number, row))
    outcome = complaints_import(
        run.started_by,
        run.organisation,
        [row for _number, row in rows],
        source=run.source.name,
        write=write,
    )
    for position, messages in outcome.problems.items():
        problems += [Problem(rows[position][0], "", message) for message in messages]
    problems.sort(key=lambda problem: problem.row)
    tally.invalid += len({problem.row for problem in problems})
    tally.add_problems(problems)
    tally.created += outcome.created
    tally.held += outcome.already_imported


def _execute(run: ImportRun) -> None:
    tally = _Tally(run)
    write_as_we_go = not run.dry_run and run.mode == ImportMode.VALID_ONLY
    for read, problems, count in _chunks(run):
        tally.processed += count
        _import(tally, read, problems, write=write_as_we_go)
        tally.progress()
    if not run.dry_run and run.mode == ImportMode.ALL_OR_NOTHING:
        if tally.invalid:
            tally.created = 0  # the valid rows were counted, and are not written
        else:
            _write_all(run, tally)
    _finish(run, tally)


def _write_all(run: ImportRun, tally: _Tally) -> None:
    """The second pass of "all or nothing": every row was valid a moment ago; should one
    not be now (another import wrote the same complaint meanwhile), the transaction takes
    nothing and the run fails saying so."""
    again = _Tally(run)
    with transaction.atomic():
        for read, problems, _count in _chunks(run):
            _import(again, read, problems, write=True)
            if again.invalid:
                raise GuardFailed(
                    _("A row became invalid while the file was imported; nothing was written."),
                    details=[p["message"] for p in again.problems[:5]],
                )
    tally.created, tally.held = again.created, again.held


def _finish(run: ImportRun, tally: _Tally) -> None:
    run.status = ImportStatus.DONE
    run.total_rows = run.processed_rows = tally.processed
    run.created_count, run.already_imported_count = tally.created, tally.held
    run.invalid_count, run.problems, run.problems_not_kept = (
        tally.invalid,
        tally.problems,
        tally.not_kept,
    )
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "status",
            "total_rows",
            "processed_rows",
            "created_count",
            "already_imported_count",
            "invalid_count",
            "problems",
            "problems_not_kept",
            "finished_at",
        ]
    )


def _fail(run: ImportRun, reason: str) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.FAILED, failure=reason, finished_at=timezone.now()
    )
    run.refresh_from_db()
