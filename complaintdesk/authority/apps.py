from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorityConfig(AppConfig):
    name = "complaintdesk.authority"
    verbose_name = _("Authority limits")

    def ready(self) -> None:
        # Proposals beyond authority, the reply's guard and late decisions, through the
        # complaint's events (subscribers.py); loaded once the models are.
        import_module(f"{self.name}.subscribers").connect()
