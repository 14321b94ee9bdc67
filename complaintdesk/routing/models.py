"""Assignment rules and staff absences: the data that decides who handles a new complaint.

Rules are rows an administrator edits, not code: each names the complaints it applies to
(category, unit, grade, language, channel; a blank condition matches anything) and the pool of
people who may handle them. `selectors.rule_matching` is the only place they are evaluated.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation, OrgUnit
from complaintdesk.accounts.roles import HANDLING_ROLES, Role
from complaintdesk.complaints.choices import Channel, Grade, Language
from complaintdesk.complaints.models import Category

# The match conditions, in the order the admin and the timeline list them.
CONDITION_FIELDS = ("category", "unit", "grade", "language", "channel")

# Only someone who can be assigned a complaint belongs in a pool (lifecycle._check_handler).
POOL_ROLE_CHOICES = [(role.value, role.label) for role in Role if role in HANDLING_ROLES]


class Strategy(models.TextChoices):
    LEAST_LOADED = "least_loaded", _("Least loaded (fewest open complaints)")
    ROUND_ROBIN = "round_robin", _("Round robin (in turn)")


class AssignmentRule(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="assignment_rules",
        verbose_name=_("organisation"),
    )
    priority = models.PositiveIntegerField(
        _("priority"),
        default=100,
        help_text=_("Rules are tried from the lowest number up; the first that matches applies."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Shown on the complaint's timeline as the reason it was routed."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    # Match conditions: each left blank matches every complaint.
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignment_rules",
        verbose_name=_("category"),
        help_text=_("Matches this category and every category below it."),
    )
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignment_rules",
        verbose_name=_("unit"),
        help_text=_("Matches complaints filed at this unit or any unit below it."),
    )
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)

    # Where the handler comes from and how one is chosen.
    pool_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignment_pools",
        verbose_name=_("handlers from unit"),
        help_text=_(
            "People holding the role at this unit or any unit below it. "
            "Blank: at the complaint's own unit or below it."
        ),
    )
    pool_role = models.CharField(
        _("handlers' role"), max_length=30, choices=POOL_ROLE_CHOICES, default=Role.HANDLER
    )
    strategy = models.CharField(
        _("strategy"), max_length=16, choices=Strategy.choices, default=Strategy.LEAST_LOADED
    )
    # Round robin's cursor: the next turn goes to the first eligible person after this one.
    last_assigned = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("last assigned"),
    )

    class Meta:
        verbose_name = _("assignment rule")
        verbose_name_plural = _("assignment rules")
        ordering = ["organisation", "priority", "id"]
        indexes = [
            models.Index(fields=["organisation", "is_active", "priority"], name="rule_org_order"),
        ]

    def __str__(self) -> str:
        return f"{self.priority} · {self.name}"

    def clean(self) -> None:
        # A rule must not reach into another organisation's categories or units: its complaints
        # could never match, and its pool would hand them to strangers.
        if self.organisation_id is None:
            return  # the form reports the missing organisation itself
        errors = {}
        for field in ("category", "unit", "pool_unit"):
            value = getattr(self, field)
            if value is not None and self.organisation_id != value.organisation_id:
                errors[field] = _("Choose one of this organisation's own.")
        if errors:
            raise ValidationError(errors)

    def set_conditions(self) -> list[str]:
        """The names of the conditions this rule sets; the others match anything."""
        # attname: the raw column (category_id, grade…), so no related row is fetched.
        attnames = {field.name: field.attname for field in self._meta.concrete_fields}
        return [f for f in CONDITION_FIELDS if getattr(self, attnames[f])]


class Absence(models.Model):
    """Leave, training, sick days: nobody is routed a complaint while away."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="absences",
        verbose_name=_("person"),
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["-starts_at", "id"]
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="absence_window")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="absence_ends_after_start",
                violation_error_message=_("The absence must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.starts_at:%Y-%m-%d %H:%M} – {self.ends_at:%Y-%m-%d %H:%M}"
