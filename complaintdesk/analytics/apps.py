from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    """Management information: the roll-up kept by complaint events, dashboards, exports."""

    name = "complaintdesk.analytics"
    verbose_name = _("Management information")

    def ready(self) -> None:
        import_module(f"{self.name}.subscribers").connect()
