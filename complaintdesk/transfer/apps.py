from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    """Complaints in and out in bulk: historical imports from CSV and Excel, queue exports."""

    name = "complaintdesk.transfer"
    verbose_name = _("Import and export")
