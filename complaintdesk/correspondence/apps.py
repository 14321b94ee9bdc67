from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    """What the organisation writes to the complainant: templates, mails and letters."""

    name = "complaintdesk.correspondence"
    verbose_name = _("Correspondence")

    def ready(self) -> None:
        import_module(f"{self.name}.subscribers").connect()
