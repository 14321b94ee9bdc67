"""python manage.py search_reindex [--missing]: write the search index's documents again.

The index is kept current as complaints change (complaints/search_index.py); this puts it
right after a failed write, a restored backup or a new version of the text analysis (a new
dictionary), in batches, while the system runs. --missing writes only the complaints that
have no document yet.
"""

import time

from django.core.management.base import BaseCommand, CommandParser

from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.search_index import search_index_write
from complaintdesk.search.models import Document

BATCH = 5000


class Command(BaseCommand):
    help = "Write the search documents of every complaint (or of those missing one) again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--missing", action="store_true")

    def handle(self, *args, missing: bool, **options) -> None:
        began, done, after = time.monotonic(), 0, 0
        while True:
            ids = list(
                Complaint.objects.filter(pk__gt=after)
                .order_by("pk")
                .values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                break
            after = ids[-1]
            if missing:
                held = set(Document.objects.filter(id__in=ids).values_list("id", flat=True))
                ids = [pk for pk in ids if pk not in held]
            search_index_write(ids)
            done += len(ids)
            rate = done / max(time.monotonic() - began, 1e-6)
            self.stdout.write(f"{done:,} documents written ({rate:,.0f}/s)")
        self.stdout.write(f"search index: {done:,} documents written")
