"""`manage.py load_demo [--if-empty]`: two demo organisations, their staff and ~300 complaints."""

import time

from django.core.management.base import BaseCommand, CommandError

from complaintdesk.accounts.models import Organisation
from complaintdesk.demo.loader import demo_conflicts, engine_lines, load_demo, summary_lines
from complaintdesk.demo.org import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Load demo data once: Harbour View Property Management and Huaxin Bank, their staff "
        f"(password {DEMO_PASSWORD}), time standards, authority limits and assignment rules, "
        "and about 300 complaints in every state."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and say so) when any organisation already exists.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Organisation.objects.exists():
            self.stdout.write("Organisations already exist: demo data not loaded.")
            return
        conflicts = demo_conflicts()
        if conflicts:
            shown = ", ".join(conflicts[:6]) + (" …" if len(conflicts) > 6 else "")
            raise CommandError(f"Demo data is already loaded or would clash with: {shown}")
        started = time.monotonic()
        counts = load_demo()
        elapsed = time.monotonic() - started
        for line in summary_lines(counts) + engine_lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {elapsed:.1f} s. Log in as admin, hk.receiver, cn.handler… "
                f"with password {DEMO_PASSWORD}."
            )
        )
