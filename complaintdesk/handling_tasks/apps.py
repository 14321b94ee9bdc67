from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandlingTasksConfig(AppConfig):
    """Work another department does for a complaint (engineering repairs the lift, finance
    checks the charge): owner, unit, due date on that unit's calendar, the owners' queue, and
    a warning to the complaint's handler when a task runs late."""

    name = "complaintdesk.handling_tasks"
    verbose_name = _("Tasks for other departments")

    def ready(self) -> None:
        import_module(f"{self.name}.subscribers").connect()
