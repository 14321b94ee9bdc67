from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "complaintdesk.triage"
    label = "triage"
    verbose_name = _("Triage: suggested category, grade, anger and risk")

    def ready(self) -> None:
        import_module(f"{self.name}.subscribers").connect()
