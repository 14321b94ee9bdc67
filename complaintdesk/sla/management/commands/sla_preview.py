"""Check a policy before switching it on: the deadlines it would set for one complaint."""

import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from complaintdesk.complaints.choices import Channel, Grade
from complaintdesk.core.errors import DomainError
from complaintdesk.sla.preview import policy_preview


class Command(BaseCommand):
    help = "Print, as JSON, the deadlines a policy pack sets for a complaint received at a time."

    def add_arguments(self, parser):
        parser.add_argument("--policy", required=True, help="policy code, e.g. cn-banking-2020")
        parser.add_argument("--calendar", required=True, choices=["CN", "HK", "GB", "US"])
        parser.add_argument("--channel", default=Channel.LETTER, choices=Channel.values)
        parser.add_argument("--grade", default=Grade.GENERAL, choices=Grade.values)
        parser.add_argument(
            "--received", required=True, help="ISO 8601 with offset, e.g. 2026-09-30T10:00+08:00"
        )

    def handle(self, *args, **options):
        try:
            received = datetime.fromisoformat(options["received"])
        except ValueError as error:
            raise CommandError(f"--received is not an ISO 8601 date-time: {error}") from error
        try:
            result = policy_preview(
                options["policy"],
                options["calendar"],
                options["channel"],
                options["grade"],
                received,
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
