from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    """Corrective and preventive actions: what is changed so a cause of complaints stops."""

    name = "complaintdesk.prevention"
    verbose_name = _("Corrective and preventive actions")
