from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "complaintdesk.triage"
    label = "triage"
    verbose_name = _("Triage: suggested category, grade, anger and risk")
