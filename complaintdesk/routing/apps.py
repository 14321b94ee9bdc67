from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "complaintdesk.routing"
    verbose_name = _("Routing")

    def ready(self) -> None:
        # Routing on arrival, through the complaint's events (subscribers.py).
        import_module(f"{self.name}.subscribers").connect()
