"""Enqueue the SLA sweep every minute for the task workers (one beat is enough; a second one
is harmless, because every firing happens exactly once whoever sweeps)."""

import time

from django.core.management.base import BaseCommand

from complaintdesk.sla.tasks import sla_sweep_task


class Command(BaseCommand):
    help = "Enqueue the time-standards sweep every --interval seconds (default 60)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--once", action="store_true", help="enqueue one sweep and exit")

    def handle(self, *args, **options):
        while True:
            result = sla_sweep_task.enqueue()
            self.stdout.write(f"sla sweep enqueued: {result.id}")
            if options["once"]:
                return
            time.sleep(options["interval"])
