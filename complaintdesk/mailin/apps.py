from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailinConfig(AppConfig):
    """Mail in: complaints and complainants' answers arriving by e-mail."""

    name = "complaintdesk.mailin"
    verbose_name = _("Mail intake")

    def ready(self) -> None:
        import_module(f"{self.name}.subscribers").connect()
