"""People: quality reviews of closed complaints, scored on an organisation's scorecard, and
the decisions managers record about a person's handling over a period.

The figures a decision rests on come from the roll-ups (selectors.py); the decision itself is
a person's, with their reasons, never the system's."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.models import TranslatedName


class Scorecard(models.Model):
    """What a quality reviewer checks in a closed complaint; one in use per organisation."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="scorecard",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quality scorecard")
        verbose_name_plural = _("quality scorecards")

    def __str__(self) -> str:
        return f"{self.organisation}"


class ScorecardItem(TranslatedName):
    """One question of the scorecard, answered yes, partly, no or does not apply; a weight
    says how much it counts in the review's score."""

    scorecard = models.ForeignKey(
        Scorecard, on_delete=models.CASCADE, related_name="items", verbose_name=_("scorecard")
    )
    code = models.SlugField(_("code"), max_length=40)
    guidance = models.TextField(_("what the reviewer looks for"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("scorecard question")
        verbose_name_plural = _("scorecard questions")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "code"], name="scorecard_item_code"),
        ]

    def __str__(self) -> str:
        return self.label


class SampledBy(models.TextChoices):
    RANDOM = "random", _("At random")
    RISK = "risk", _("Weighted by risk")
    CHOSEN = "chosen", _("Chosen by the reviewer")


class QualityReview(models.Model):
    """A closed complaint picked for review, and, once done, its scores. The person reviewed
    is whoever handled the complaint when it was picked."""

    complaint = models.OneToOneField(
        Complaint, on_delete=models.PROTECT, related_name="quality_review",
        verbose_name=_("complaint"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="quality_reviews_received", verbose_name=_("handler reviewed"),
    )  # fmt: skip
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quality_reviews",
        verbose_name=_("reviewer"),
    )  # fmt: skip
    sampled_by = models.CharField(_("picked"), max_length=10, choices=SampledBy.choices)
    sampled_at = models.DateTimeField(_("picked at"))
    done_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # The weighted share of the points available (0–100), questions that do not apply left out.
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    training_need = models.TextField(_("training needed"), blank=True)

    class Meta:
        verbose_name = _("quality review")
        verbose_name_plural = _("quality reviews")
        indexes = [
            models.Index(fields=["organisation", "done_at"], name="quality_review_done"),
        ]

    def __str__(self) -> str:
        return f"review of {self.complaint_id}: {self.score if self.score is not None else '…'}"


class Answer(models.IntegerChoices):
    NO = 0, _("No")
    PARTLY = 1, _("Partly")
    YES = 2, _("Yes")


class QualityScore(models.Model):
    """The answer to one question of the scorecard; no answer: it does not apply."""

    review = models.ForeignKey(QualityReview, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(ScorecardItem, on_delete=models.PROTECT, related_name="+")
    answer = models.PositiveSmallIntegerField(choices=Answer.choices, null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="quality_score_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.answer}"


class Decision(models.TextChoices):
    COMMEND = "commend", _("Commend or reward")
    NO_ACTION = "no_action", _("No action needed")
    COACHING = "coaching", _("Coaching")
    TRAINING = "training", _("Training")
    CORRECTION = "correction", _("Formal correction")


class PerformanceDecision(models.Model):
    """A manager's decision about a person's handling over a period, with reasons."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="performance_decisions",
        verbose_name=_("person"),
    )  # fmt: skip
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    reasons = models.TextField(_("reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("performance decision")
        verbose_name_plural = _("performance decisions")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.person} {self.period_start}–{self.period_end}: {self.decision}"
