"""Which working calendar applies where, and an organisation's choice of policy."""

from datetime import time

from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation, OrgUnit

from ..choices import Region
from .policy import Policy


class Calendar(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="calendars"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    region = models.CharField(
        _("public holidays of"), max_length=2, choices=Region.choices, blank=True
    )
    time_zone = models.CharField(_("time zone"), max_length=64)
    opens = models.TimeField(_("business opens"), default=time(9))
    closes = models.TimeField(_("close of business"), default=time(18))

    class Meta:
        verbose_name = _("working calendar")
        verbose_name_plural = _("working calendars")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="calendar_unique_code"),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")),
                name="calendar_opens_before_closes",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CalendarDay(models.Model):
    """A day the organisation itself closes (typhoon signal 8, office move) or opens."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    is_working = models.BooleanField(_("working day"), default=False)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closure or extra working day")
        verbose_name_plural = _("closures and extra working days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="calendar_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"


class UnitCalendar(models.Model):
    """A unit's own calendar; units below it inherit it unless they have their own."""

    unit = models.OneToOneField(OrgUnit, on_delete=models.CASCADE, related_name="sla_calendar")
    calendar = models.ForeignKey(Calendar, on_delete=models.PROTECT, related_name="units")

    class Meta:
        verbose_name = _("unit calendar")
        verbose_name_plural = _("unit calendars")

    def __str__(self) -> str:
        return f"{self.unit}: {self.calendar}"


class OrganisationSla(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="sla_settings"
    )
    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("policy")
    )
    calendar = models.ForeignKey(
        Calendar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default calendar"),
    )

    class Meta:
        verbose_name = _("time-standard settings")
        verbose_name_plural = _("time-standard settings")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.policy}"
