"""Measure the triage against the held-out labelled set and print the figures as JSON."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from complaintdesk.triage.evaluating import LABELLED, evaluate


class Command(BaseCommand):
    help = "Precision, recall, macro-F1, anger Spearman, risk and latency on a labelled set"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--labelled", type=Path, default=LABELLED)

    def handle(self, *args: Any, **options: Any) -> None:
        figures = evaluate(options["labelled"])
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
