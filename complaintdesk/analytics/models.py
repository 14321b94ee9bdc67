"""The roll-up behind the dashboards, and each complaint's tally of what it added to it.

Both are derived data: kept by the analytics subscribers in the transaction of every change
to a complaint, and rebuilt from the raw table by `manage.py analytics_rebuild`. Their ids
are plain integers, not foreign keys: nothing must stop a unit or category being retired,
and a roll-up row joins to nothing when a page reads it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    def __str__(self) -> str:
        return f"tally of complaint {self.complaint_id}"


class DailyFigure(models.Model):
    """Counts per organisation, day, handling unit, site, category, channel and grade: a
    dashboard sums a few thousand of these rather than reading a million complaints. A missing
    site or category is 0."""

    organisation_id = models.IntegerField()
    day = models.DateField()
    unit_id = models.IntegerField()
    site_id = models.IntegerField()
    category_id = models.IntegerField()
    channel = models.CharField(max_length=20)
    grade = models.CharField(max_length=12)

    received = models.IntegerField(default=0)
    open = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    closed_hours = models.BigIntegerField(default=0)
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
                ],
                name="daily_figure_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} unit {self.unit_id}: {self.received} received"


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
