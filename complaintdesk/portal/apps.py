from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The complainant's side, with no login: the public form and the tracking page."""

    name = "complaintdesk.portal"
    verbose_name = _("Public form and tracking")
