"""`triage_train --seed`: build the seed models from the shipped corpus (`make install` runs
it, as it compiles the translations)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from complaintdesk.triage.seeding import seed_build


class Command(BaseCommand):
    help = "Train the triage's seed models from seed/corpus.jsonl"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", action="store_true", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        path = seed_build()
        self.stdout.write(f"seed models written to {path}")
