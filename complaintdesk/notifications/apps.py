from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "complaintdesk.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # The receiver's confirmation request follows the reply move (subscribers.py).
        import_module(f"{self.name}.subscribers").connect()
