"""`manage.py analytics_rebuild [--organisation CODE]`: count the dashboards' roll-up again."""

from time import monotonic

from django.core.management.base import BaseCommand, CommandError, CommandParser

from complaintdesk.accounts.models import Organisation
from complaintdesk.analytics.models import ComplaintTally
from complaintdesk.analytics.rebuild import analytics_rebuild


class Command(BaseCommand):
    help = "Count the dashboards' roll-ups and the complaints' tallies again from the complaints."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="An organisation's code; all when left out.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only when nothing is counted yet (a database from before the dashboards).",
        )

    def handle(
        self, *args, organisation: str | None = None, if_empty: bool = False, **options
    ) -> None:
        if if_empty and ComplaintTally.objects.exists():
            return
        chosen = None
        if organisation:
            chosen = Organisation.objects.filter(code=organisation).first()
            if chosen is None:
                raise CommandError(f"No organisation with the code {organisation!r}.")
        started = monotonic()
        read = analytics_rebuild(chosen)
        self.stdout.write(f"{read} complaints counted in {monotonic() - started:.1f} s.")
