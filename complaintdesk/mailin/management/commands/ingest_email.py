"""`manage.py ingest_email --organisation CODE < message.eml`: for an MTA's pipe (Postfix
`mailbox_command`, an alias to "|manage.py ingest_email ..."). Prints the reference the
message created or joined, or what it was taken for; exits 75 (EX_TEMPFAIL, "try again
later") when it could not be taken in, so that the MTA keeps the message and retries."""

import sys

from django.core.management.base import BaseCommand, CommandError

from complaintdesk.accounts.models import Organisation
from complaintdesk.core.errors import DomainError
from complaintdesk.mailin.models import Mailbox
from complaintdesk.mailin.services import mail_ingest

EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Take one RFC 822 message from standard input in as a complaint or an answer."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="the organisation's code")
        parser.add_argument("--mailbox", type=int, help="the mailbox it arrived at (its id)")

    def handle(self, *args, organisation: str, mailbox: int | None = None, **options) -> None:
        org = Organisation.objects.filter(code=organisation).first()
        if org is None:
            raise CommandError(f"No organisation with code {organisation!r}.")
        box = Mailbox.objects.filter(pk=mailbox, organisation=org).first() if mailbox else None
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            raise CommandError("No message on standard input.")
        try:
            result = mail_ingest(org, raw, mailbox=box)
        except DomainError as error:
            self.stderr.write(error.message)
            sys.exit(EX_TEMPFAIL)
        if result.complaint is not None:
            self.stdout.write(result.complaint.reference)
        else:
            self.stdout.write(result.outcome)
