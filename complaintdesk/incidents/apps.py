from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    """One cause behind many complaints (a lift out of service in one block, a billing run
    gone wrong): handled once, and every linked complainant answered and put right in one run,
    each complaint through its own services."""

    name = "complaintdesk.incidents"
    verbose_name = _("Incidents")
