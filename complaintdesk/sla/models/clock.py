"""Each complaint's clocks, their stored state, and what has fired for them.

The state and deadlines are columns, not computations: queues sort on them and the sweep finds
what is due with one partial-index range scan, at any number of complaints.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaintdesk.complaints.models import Complaint
from complaintdesk.core.models import AppendOnlyQuerySet

from ..choices import OPEN_CLOCK_STATES, SWEPT_CLOCK_STATES, ClockState, ClockUnit, FiringKind
from .policy import ClockRule

# The sweep's filter, written identically there, so both databases use these partial indexes.
_SWEPT = Q(state__in=SWEPT_CLOCK_STATES)


class ComplaintClock(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="clocks")
    rule = models.ForeignKey(ClockRule, on_delete=models.PROTECT, related_name="+")
    # Copies of the rule at start: editing a pack never moves a running deadline.
    name = models.SlugField(_("clock"), max_length=40)
    unit = models.CharField(_("unit"), max_length=16, choices=ClockUnit.choices)
    amount = models.PositiveIntegerField(_("time allowed"))
    # 1, 2, 3… for a repeating clock's periods and for clocks restarted on reopening.
    cycle = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(
        _("state"), max_length=10, choices=ClockState.choices, default=ClockState.RUNNING
    )
    started_at = models.DateTimeField(_("started"))
    due_at = models.DateTimeField(_("due"))
    next_warning_at = models.DateTimeField(null=True, blank=True)
    warnings_fired = models.PositiveSmallIntegerField(default=0)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_total = models.DurationField(default=timedelta(0))
    extensions_used = models.PositiveSmallIntegerField(default=0)
    ended_at = models.DateTimeField(_("met or stopped at"), null=True, blank=True)
    breached_at = models.DateTimeField(_("breached at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint clock")
        verbose_name_plural = _("complaint clocks")
        ordering = ["complaint", "started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "name", "cycle"], name="complaint_clock_unique_cycle"
            ),
        ]
        indexes = [
            # The sweep's two questions: which open clocks are past a warning or a deadline.
            models.Index(fields=["next_warning_at"], condition=_SWEPT, name="clk_open_warning"),
            models.Index(fields=["due_at"], condition=_SWEPT, name="clk_open_due"),
        ]

    def __str__(self) -> str:
        return f"{self.name} #{self.cycle} {self.state} {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_CLOCK_STATES

    def next_extension(self) -> dict | None:
        """The policy's next extension step ({"amount": new total, "approval_role": …}), if
        the clock is open and has one left."""
        steps = self.rule.extensions or []
        if not self.is_open or self.extensions_used >= len(steps):
            return None
        return steps[self.extensions_used]


class ClockExtension(models.Model):
    """A deadline moved later: who asked, who approved, why. Never edited."""

    clock = models.ForeignKey(
        ComplaintClock, on_delete=models.PROTECT, related_name="extension_log"
    )
    amount_before = models.PositiveIntegerField()
    amount_after = models.PositiveIntegerField()
    due_before = models.DateTimeField()
    due_after = models.DateTimeField()
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.clock.name}: {self.amount_before} → {self.amount_after}"


class SlaFiring(models.Model):
    """The proof that a warning, breach or escalation happened: inserted in the same
    transaction as its effects, and unique, so a second sweep (another worker, the same
    minute) fails the insert and does nothing."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="+")
    clock = models.ForeignKey(ComplaintClock, on_delete=models.PROTECT, related_name="firings")
    kind = models.CharField(max_length=16, choices=FiringKind.choices)
    level = models.PositiveSmallIntegerField()
    fired_at = models.DateTimeField()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("warning or escalation sent")
        verbose_name_plural = _("warnings and escalations sent")
        constraints = [
            models.UniqueConstraint(
                fields=["clock", "kind", "level"], name="sla_firing_once_per_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clock_id} {self.kind} {self.level}"
