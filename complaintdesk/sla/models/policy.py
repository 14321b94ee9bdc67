"""Policy packs: which clocks run on a complaint, how long each allows, and what happens.

Shipped as data (migration 0002 seeds the four packs of regulations.md) and edited by
administrators in the admin; nothing in the code knows a pack by name.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.roles import Role
from complaintdesk.complaints.choices import Channel, Grade, ReplyChannel
from complaintdesk.core.models import TranslatedName

from ..choices import BreachAction, ClockUnit, StopOn


class Policy(TranslatedName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    description = models.TextField(_("description"), blank=True)
    # Text the reply must carry where a regulator requires it (FCA referral rights, the CN
    # review route); shown to the handler who writes the reply.
    reply_wording = models.TextField(_("wording the final reply must include"), blank=True)
    review_window_days = models.PositiveSmallIntegerField(
        _("days the complainant has to ask for a review"), null=True, blank=True
    )
    # ISO 10002 and the FCA: a complaint made in writing is acknowledged promptly in writing.
    acknowledge_in_writing = models.BooleanField(
        _("acknowledge written complaints by e-mail at once"),
        default=False,
        help_text=_(
            "A complaint that arrives in writing (letter, e-mail, web form, API) from someone "
            "with an e-mail address is sent the acknowledgement with its reference and due "
            "date as soon as it is registered."
        ),
    )

    class Meta:
        verbose_name = _("time-standard policy")
        verbose_name_plural = _("time-standard policies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ClockRule(TranslatedName):
    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="clocks", verbose_name=_("policy")
    )
    name = models.SlugField(_("clock"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    amount = models.PositiveIntegerField(_("time allowed"))
    unit = models.CharField(_("unit"), max_length=16, choices=ClockUnit.choices)
    # Empty list = every channel / every grade.
    channels = models.JSONField(_("channels"), default=list, blank=True)
    grades = models.JSONField(_("grades"), default=list, blank=True)
    # Empty = runs from receipt; a level number = starts when the complaint reaches that rung
    # of the escalation ladder (the board office's report to the executives).
    starts_at_level = models.PositiveSmallIntegerField(
        _("starts when escalated to level"), null=True, blank=True
    )
    stops_on = models.CharField(_("met by"), max_length=20, choices=StopOn.choices)
    pauses_when_awaiting = models.BooleanField(
        _("pauses while waiting for the complainant"), default=True
    )
    repeats = models.BooleanField(
        _("repeats"),
        default=False,
        help_text=_("After it is met a new period starts, until the complaint is answered."),
    )
    warnings = models.JSONField(
        _("warning points"),
        default=list,
        blank=True,
        help_text=_(
            'For example [{"percent": 75}, {"working_days_before": 1}] or [{"minutes_before": 3}].'
        ),
    )
    on_breach = models.CharField(
        _("at breach"), max_length=10, choices=BreachAction.choices, default=BreachAction.ESCALATE
    )
    # For a clock met by the reply: the reply channels that meet it (a written complaint needs
    # a written reply, domain.md); empty = any reply.
    reply_channels = models.JSONField(
        _("reply channels that meet it"),
        default=list,
        blank=True,
        help_text=_('For a clock met by the reply, e.g. ["letter", "email"]; empty: any reply.'),
    )
    extensions = models.JSONField(
        _("extensions allowed"),
        default=list,
        blank=True,
        help_text=_(
            "Steps in order, each the new total time allowed and the role that must approve "
            '(empty: the handler may extend), e.g. [{"amount": 30}, {"amount": 60, '
            '"approval_role": "regional_gm"}].'
        ),
    )

    class Meta:
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")
        ordering = ["policy", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "name"], name="clock_rule_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.policy.code}:{self.name}"

    def clean(self) -> None:
        """Refuse a pack the engine could not run, with the reason, in the admin's language."""
        errors = {}
        if not isinstance(self.channels, list) or set(self.channels) - set(Channel.values):
            errors["channels"] = _('A list of channel codes, e.g. ["letter", "email"].')
        if not isinstance(self.grades, list) or set(self.grades) - set(Grade.values):
            errors["grades"] = _('A list of grade codes, e.g. ["major"].')
        if not isinstance(self.reply_channels, list) or set(self.reply_channels) - set(
            ReplyChannel.values
        ):
            errors["reply_channels"] = _('A list of reply channel codes, e.g. ["letter", "email"].')
        known = {"percent", "working_days_before", "hours_before", "minutes_before"}
        if not isinstance(self.warnings, list) or any(
            not isinstance(point, dict) or len(point) != 1 or not set(point) <= known
            for point in self.warnings
        ):
            errors["warnings"] = _(
                "A list of points, each one of percent, working_days_before, hours_before "
                "or minutes_before."
            )
        steps = self.extensions if isinstance(self.extensions, list) else None
        raw_totals = [step.get("amount") for step in steps or [] if isinstance(step, dict)]
        # Whole numbers only: a step that is no dict, or has no such total, leaves fewer totals.
        totals = [total for total in raw_totals if isinstance(total, int)]
        if (
            steps is None
            or len(totals) != len(steps)
            or totals != sorted(set(totals))
            or any(total <= self.amount for total in totals)
            or any(step.get("approval_role", "") not in {"", *Role.values} for step in steps)
        ):
            errors["extensions"] = _(
                "Steps with growing totals above the time allowed, each with an optional "
                "approval role."
            )
        if errors:
            raise ValidationError(errors)

    def applies_to(self, channel: str, grade: str) -> bool:
        return (not self.channels or channel in self.channels) and (
            not self.grades or grade in self.grades
        )
