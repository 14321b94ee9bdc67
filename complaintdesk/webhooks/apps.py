from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Webhooks: other systems told of what happens to complaints, signed, retried, logged."""

    name = "complaintdesk.webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        import_module(f"{self.name}.subscribers").connect()
