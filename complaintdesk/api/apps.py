from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """REST API v1 (django-ninja): other systems create, read and follow complaints."""

    name = "complaintdesk.api"
    verbose_name = _("REST API")
