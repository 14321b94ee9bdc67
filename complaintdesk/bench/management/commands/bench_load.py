"""python manage.py bench_load N: make the benchmark's complaints (bench/dataset.py) on top of
the demo, until there are N; safe to run again (it goes on where it stopped)."""

import time

from django.core.management.base import BaseCommand, CommandParser

from complaintdesk.analytics.rebuild import analytics_rebuild
from complaintdesk.bench.dataset import bench_load, bench_loaded


class Command(BaseCommand):
    help = "Make N synthetic complaints for the benchmark (on top of the demo data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("n", type=int)
        parser.add_argument("--batch", type=int, default=10_000)

    def handle(self, *args, n: int, batch: int, **options) -> None:
        began, before = time.monotonic(), bench_loaded()
        for done in bench_load(n, batch=batch):
            rate = (done - before) / max(time.monotonic() - began, 1e-6)
            self.stdout.write(f"{done:,} complaints ({rate:,.0f}/s)")
        if bench_loaded() > before:
            # The data set's timelines and clocks are written around the services: the
            # dashboards' roll-up is counted again from the table.
            began = time.monotonic()
            analytics_rebuild()
            self.stdout.write(f"roll-up rebuilt in {time.monotonic() - began:.0f} s")
        self.stdout.write(f"benchmark data: {bench_loaded():,} complaints")
