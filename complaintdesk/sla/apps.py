from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "complaintdesk.sla"
    verbose_name = _("Time standards")

    def ready(self) -> None:
        # The time standards follow the complaint through its events (the core knows nothing
        # of clocks). Loaded once the models are, as Django loads an app's admin module.
        import_module(f"{self.name}.subscribers").connect()
