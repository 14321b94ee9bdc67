"""The escalation ladder: who owns or watches a complaint as it climbs the organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, Grade, RiskFlag
from complaintdesk.core.models import TranslatedName

from ..choices import LadderScope


class EscalationLevel(TranslatedName):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="escalation_levels"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    scope = models.CharField(
        _("people found in"), max_length=12, choices=LadderScope.choices, default=LadderScope.ABOVE
    )

    class Meta:
        verbose_name = _("escalation level")
        verbose_name_plural = _("escalation ladder")
        ordering = ["organisation", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "level"], name="escalation_level_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level}: {self.label}"


class LadderStartRule(models.Model):
    """A complaint matching every condition set here starts at `level` (or higher)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ladder_start_rules"
    )
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True)
    risk_flag = models.CharField(
        _("risk flag"), max_length=12, choices=RiskFlag.choices, blank=True
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    level = models.PositiveSmallIntegerField(_("start at level"))

    class Meta:
        verbose_name = _("ladder start rule")
        verbose_name_plural = _("ladder start rules")

    def __str__(self) -> str:
        conditions = [c for c in (self.grade, self.risk_flag, self.channel) if c]
        return f"{' + '.join(conditions) or '*'} → {self.level}"

    def matches(self, complaint) -> bool:
        if self.grade and complaint.grade != self.grade:
            return False
        if self.risk_flag and not getattr(complaint, f"risk_{self.risk_flag}", False):
            return False
        return not (self.channel and complaint.channel != self.channel)
