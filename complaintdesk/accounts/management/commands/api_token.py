"""`manage.py api_token <username>`: make an API token for that user and print it (once);
`--list` shows theirs, `--revoke cdk_1a2b3c4d` withdraws one."""

from django.core.management.base import BaseCommand, CommandError

from complaintdesk.accounts.models import ApiToken, User
from complaintdesk.accounts.tokens import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Create (and print), list or revoke a user's API tokens."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API", help="what will use it, e.g. 'call centre'")
        parser.add_argument("--list", action="store_true", help="list the user's tokens")
        parser.add_argument("--revoke", metavar="PREFIX", help="revoke the token starting so")

    def handle(self, *args, username: str, name: str, list: bool, revoke: str | None, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        if list:
            for token in ApiToken.objects.filter(user=user).order_by("created_at"):
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "live"
                self.stdout.write(f"{token}  {state}")
            return
        if revoke:
            lookup = revoke.removeprefix("cdk_")[:8]
            found = ApiToken.objects.filter(user=user, lookup=lookup).first()
            if found is None:
                raise CommandError(f"{username} has no token {revoke!r}.")
            api_token_revoke(found)
            self.stdout.write(f"Revoked {found}.")
            return
        _, raw = api_token_create(user, name)
        self.stdout.write(raw)
