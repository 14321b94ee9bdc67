from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The staff web UI: the queue, the complaint page and the inbox, composed from every
    app's selectors and calling their services; no business rule lives here."""

    name = "complaintdesk.workspace"
    verbose_name = _("Staff workspace")
