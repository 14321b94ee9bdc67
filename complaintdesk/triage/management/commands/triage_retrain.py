"""Retrain an organisation's triage models from its confirmed labels now (the task worker
does it weekly): `triage_retrain ORG-CODE …`, or every organisation."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from complaintdesk.accounts.models import Organisation
from complaintdesk.triage.current import models_forget
from complaintdesk.triage.learning import retrain


class Command(BaseCommand):
    help = "Retrain organisations' triage models; the new ones are used only if better"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("codes", nargs="*", help="organisation codes (none: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.order_by("code")
        if options["codes"]:
            organisations = organisations.filter(code__in=options["codes"])
        for organisation in organisations:
            outcome = retrain(organisation)
            name = outcome.model.name if outcome.model else "—"
            scores = outcome.model.scores if outcome.model else {}
            self.stdout.write(f"{organisation.code}: {name}, {outcome.reason} {scores}")
        models_forget()
