"""`manage.py import_complaints FILE --organisation CODE --user NAME`: an import run from the
shell, read at once rather than by the worker (for very large files and for scripts)."""

import time
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from complaintdesk.accounts.models import Organisation, User
from complaintdesk.core.errors import DomainError

from ...importing import import_run_configure, import_run_start
from ...models import ImportMode
from ...running import import_run_execute

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = "Import historical complaints from a CSV or Excel file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="The organisation's code.")
        parser.add_argument("--user", required=True, help="Who imports (their username).")
        parser.add_argument("--source", default="", help="The system the file comes from.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--all-or-nothing",
            action="store_true",
            help="Write nothing if any row is invalid (default: import the valid rows).",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help="Map a column by hand (repeatable); the rest is the source's or guessed.",
        )
        parser.add_argument(
            "--default",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="unit, channel, status, language, time_zone or day_first=1 for every row.",
        )
        parser.add_argument("--language", default="en", help="The language of the report.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            organisation = Organisation.objects.get(code=options["organisation"])
            user = User.objects.get(username=options["user"])
        except (Organisation.DoesNotExist, User.DoesNotExist) as missing:
            raise CommandError(str(missing)) from None
        translation.activate(options["language"])
        started = time.monotonic()
        try:
            with path.open("rb") as handle:
                run = import_run_start(
                    by=user,
                    organisation=organisation,
                    source_name=options["source"] or path.stem,
                    upload=File(handle, name=path.name),
                    language=options["language"],
                )
            mapping = dict(run.mapping, **_pairs(options["map"]))
            import_run_configure(
                run,
                by=user,
                mapping=mapping,
                defaults=_pairs(options["default"]),
                mode=ImportMode.ALL_OR_NOTHING
                if options["all_or_nothing"]
                else ImportMode.VALID_ONLY,
                dry_run=options["dry_run"],
                enqueue=False,
            )
        except DomainError as error:
            raise CommandError(str(error)) from None
        run = import_run_execute(run.pk)
        seconds = time.monotonic() - started
        for problem in run.problems[:SHOWN_PROBLEMS]:
            self.stderr.write(f"row {problem['row']} {problem['column']}: {problem['message']}")
        if run.failure:
            raise CommandError(run.failure)
        rate = run.processed_rows / seconds if seconds else 0
        self.stdout.write(
            f"run {run.pk}: {run.processed_rows} rows in {seconds:.1f} s ({rate:,.0f} rows/s); "
            f"created {run.created_count}, already imported {run.already_imported_count}, "
            f"invalid {run.invalid_count}{' (dry run)' if run.dry_run else ''}"
        )


def _pairs(items: list[str]) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise CommandError(f"Expected KEY=VALUE, got {item!r}")
        pairs[key.strip()] = value.strip()
    return pairs
