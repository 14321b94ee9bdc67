from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaintdesk.complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        # Complaints follow their units when the tree is reorganised (subscribers.py).
        import_module(f"{self.name}.subscribers").connect()
