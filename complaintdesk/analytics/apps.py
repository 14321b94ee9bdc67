from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    """Management information: roll-ups kept by the complaint events, dashboards, alerts,
    reports and what reaches the top."""

    name = "complaintdesk.analytics"
    verbose_name = _("Management information")

    def ready(self) -> None:
        import_module(f"{self.name}.subscribers").connect()
