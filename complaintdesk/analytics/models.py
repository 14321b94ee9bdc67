"""The roll-ups behind the dashboards and each complaint's tally of what it added to them;
the executives' read receipts; the recurring-issue alerts; the report subscriptions.

The roll-ups and tallies are derived data: kept by the analytics subscribers in the
transaction of every change to a complaint, and rebuilt from the raw table by
`manage.py analytics_rebuild`. Their ids are plain integers, not foreign keys: nothing must
stop a unit or category being retired, and a roll-up row joins to nothing when a page reads it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.models import Complaint


class ComplaintTally(models.Model):
    """What one complaint added to the roll-up last time (measures.Snapshot, as columns)."""

    # No constraint in the database, like the ids below: derived rows never hold up a write
    # of the record they are derived from.
    complaint = models.OneToOneField(
        Complaint,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        related_name="tally",
        db_constraint=False,
    )
    organisation_id = models.IntegerField()
    counted = models.BooleanField()
    received_day = models.DateField()
    unit_id = models.IntegerField()
    site_id = models.IntegerField()
    category_id = models.IntegerField()
    channel = models.CharField(max_length=20)
    grade = models.CharField(max_length=12)
    is_open = models.BooleanField()
    closed_day = models.DateField(null=True)
    closed_hours = models.IntegerField()
    reopened = models.BooleanField()
    appealed = models.BooleanField()
    breached = models.BooleanField()
    # The risk flags set, as comma-separated codes ("media,vip"); anger 0: no score.
    risks = models.CharField(max_length=80)
    anger = models.SmallIntegerField()
    root_cause_id = models.IntegerField(default=0)
    remedy_type = models.CharField(max_length=16, default="")
    remedy_minor = models.BigIntegerField(default=0)
    handler_id = models.IntegerField(default=0)
    satisfaction = models.SmallIntegerField(default=0)
    first_contact = models.BooleanField(default=False)
    staff_fault = models.BooleanField(default=False)
    # Each time standard as "name:met on time:late", joined by ";".
    clocks = models.TextField(default="", blank=True)

    def __str__(self) -> str:
        return f"tally of complaint {self.complaint_id}"


class Measures(models.Model):
    """The counts of the fine roll-up and of the lattice's cells (measures.MEASURES)."""

    received = models.IntegerField(default=0)
    open = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    closed_hours = models.BigIntegerField(default=0)
    # Remedies offered for the complaints closed that day (minor units, as the causes' rows).
    remedy_minor = models.BigIntegerField(default=0)
    reopened = models.IntegerField(default=0)
    appealed = models.IntegerField(default=0)
    breached = models.IntegerField(default=0)
    # Complaints received with each risk flag, and with each anger score.
    risk_media = models.IntegerField(default=0)
    risk_regulator = models.IntegerField(default=0)
    risk_legal = models.IntegerField(default=0)
    risk_safety = models.IntegerField(default=0)
    risk_vip = models.IntegerField(default=0)
    risk_repeat = models.IntegerField(default=0)
    anger_1 = models.IntegerField(default=0)
    anger_2 = models.IntegerField(default=0)
    anger_3 = models.IntegerField(default=0)
    anger_4 = models.IntegerField(default=0)
    anger_5 = models.IntegerField(default=0)
    # Of the complaints closed: with a satisfaction score, its sum, those satisfied (4–5),
    # settled by the first answer, with a staff member found responsible.
    rated = models.IntegerField(default=0)
    rating_sum = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    first_contact = models.IntegerField(default=0)
    staff_fault = models.IntegerField(default=0)
    # Time standards of the complaints received, met on time and late.
    clocks_met = models.IntegerField(default=0)
    clocks_late = models.IntegerField(default=0)

    class Meta:
        abstract = True


class DailyFigure(Measures):
    """Counts per organisation, day, handling unit, site, category, channel, grade and
    handler, the fine roll-up: with eight dimensions it holds about a row per complaint, so a
    dashboard reads it only when narrowed to a category, grade or channel, and the cells
    (RollupCell) else. A missing site, category or handler is 0."""

    organisation_id = models.IntegerField()
    day = models.DateField()
    unit_id = models.IntegerField()
    site_id = models.IntegerField()
    category_id = models.IntegerField()
    channel = models.CharField(max_length=20)
    grade = models.CharField(max_length=12)
    handler_id = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organisation_id",
                    "day",
                    "unit_id",
                    "site_id",
                    "category_id",
                    "channel",
                    "grade",
                    "handler_id",
                ],
                name="daily_figure_key_by_handler",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} unit {self.unit_id}: {self.received} received"


class RollupCell(Measures):
    """The fine roll-up summed over every dimension but one (measures.py: the lattice), per
    unit and day or month: what a dashboard reads at a million complaints."""

    organisation_id = models.IntegerField()
    grain = models.CharField(max_length=1)  # "d" day, "m" month
    period = models.DateField()
    unit_id = models.IntegerField()
    dimension = models.CharField(max_length=12, blank=True)
    value = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "dimension", "grain", "period", "unit_id", "value"],
                name="rollup_cell_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.period} unit {self.unit_id} {self.dimension}={self.value}"


class CauseFigure(models.Model):
    """What closing complaints cost, per organisation, day of closing, handling unit,
    category, channel, grade, root cause and remedy: closed, the hours they took, and the
    remedies offered (minor units). A missing category or root cause is 0; no remedy is ""."""

    organisation_id = models.IntegerField()
    day = models.DateField()
    unit_id = models.IntegerField()
    category_id = models.IntegerField()
    channel = models.CharField(max_length=20)
    grade = models.CharField(max_length=12)
    root_cause_id = models.IntegerField()
    remedy_type = models.CharField(max_length=16)

    closed = models.IntegerField(default=0)
    closed_hours = models.BigIntegerField(default=0)
    remedy_minor = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organisation_id",
                    "day",
                    "unit_id",
                    "category_id",
                    "channel",
                    "grade",
                    "root_cause_id",
                    "remedy_type",
                ],
                name="cause_figure_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} unit {self.unit_id} cause {self.root_cause_id}: {self.closed}"


class ExecutiveRead(models.Model):
    """A named executive has read this complaint in full (their read receipt), and when."""

    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        related_name="executive_reads",
        verbose_name=_("complaint"),
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="complaints_read",
        verbose_name=_("executive"),
    )
    read_at = models.DateTimeField(_("read at"))

    class Meta:
        verbose_name = _("executive's read receipt")
        verbose_name_plural = _("executives' read receipts")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "reader"], name="executive_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} read by {self.reader_id} at {self.read_at:%Y-%m-%d %H:%M}"


class SpikeSettings(models.Model):
    """An organisation's thresholds for the recurring-issue rule (spikes.py explains them),
    and the last week its categories and sites were checked."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="spike_settings",
        verbose_name=_("organisation"),
    )
    history_weeks = models.PositiveSmallIntegerField(
        _("weeks of history"),
        default=8,
        validators=[MinValueValidator(2), MaxValueValidator(52)],
    )
    p_value = models.FloatField(
        _("chance below which a rise is an alert"),
        default=0.001,
        validators=[MinValueValidator(1e-9), MaxValueValidator(0.1)],
    )
    min_count = models.PositiveSmallIntegerField(_("fewest complaints in the week"), default=5)
    min_ratio = models.FloatField(
        _("at least this many times the usual"), default=2.0, validators=[MinValueValidator(1)]
    )
    last_week_checked = models.DateField(_("last week checked (its Sunday)"), null=True)

    class Meta:
        verbose_name = _("recurring-issue alert settings")
        verbose_name_plural = _("recurring-issue alert settings")

    def __str__(self) -> str:
        return f"{self.organisation}: p < {self.p_value}, at least {self.min_count}"


class SpikeDimension(models.TextChoices):
    CATEGORY = "category", _("Category")
    SITE = "site", _("Site")


class SpikeAlert(models.Model):
    """A week in which complaints of a category, or at a site, rose against their history."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="spike_alerts"
    )
    dimension = models.CharField(_("of"), max_length=10, choices=SpikeDimension.choices)
    # The category's or the site's id (a plain id, like the roll-up's).
    key_id = models.IntegerField()
    week_start = models.DateField(_("week from"))
    observed = models.PositiveIntegerField(_("complaints that week"))
    baseline = models.FloatField(_("usual weekly count"))
    chance = models.FloatField(_("chance of so many by luck"))
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)

    class Meta:
        verbose_name = _("recurring-issue alert")
        verbose_name_plural = _("recurring-issue alerts")
        ordering = ["-week_start", "-observed"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "dimension", "key_id", "week_start"],
                name="spike_alert_once_a_week",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.key_id}, week of {self.week_start}: {self.observed}"


class ReportFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly (Monday to Sunday)")
    MONTHLY = "monthly", _("Monthly")


class ReportSubscription(models.Model):
    """A person's standing order for the dashboard's figures by mail, as Excel and PDF, for
    each past week or month; `last_sent_until` is the last day of the last period sent."""

    subscriber = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("subscriber"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, verbose_name=_("organisation")
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=ReportFrequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_until = models.DateField(_("sent up to"), null=True, blank=True)

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "organisation", "frequency"], name="report_subscribed_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} · {self.organisation} · {self.frequency}"
