"""What the triage suggested for a complaint at intake, and what people decided about it: the
decisions are the confirmed labels an organisation's own models learn from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.models import Complaint


class Field(models.TextChoices):
    """The suggestions a person confirms or corrects."""

    CATEGORY = "category", _("Category")
    ANGER = "anger", _("Anger score")
    GRADE = "grade", _("Grade")
    IS_COMPLAINT = "is_complaint", _("Is it a complaint?")


# How a person answers "is it a complaint?", as a label keeps it.
IS_COMPLAINT_ANSWER = {True: "yes", False: "no"}


class TriageSuggestion(models.Model):
    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="triage")
    made_at = models.DateTimeField(_("suggested at"))
    # Which models: "seed-…" or an organisation's own.
    model = models.CharField(_("model"), max_length=60)
    category = models.CharField(_("category code"), max_length=40)
    category_confidence = models.FloatField()
    # The next most likely codes after the first, [[code, probability], …].
    alternatives = models.JSONField(default=list)
    is_complaint = models.BooleanField(_("a complaint at all"))
    complaint_confidence = models.FloatField()
    anger = models.PositiveSmallIntegerField(_("anger score"))
    anger_confidence = models.FloatField()
    grade = models.CharField(_("grade"), max_length=12)
    language = models.CharField(_("language"), max_length=8)
    # Kind of escalation → the words found; and the words behind each suggestion, by Field.
    risks = models.JSONField(default=dict)
    reasons = models.JSONField(default=dict)
    # Risk flags the triage raised on the complaint at intake (RiskFlag values).
    raised = models.JSONField(default=list)
    # Open complaints that may be about the same matter (similarity.py), most alike first:
    # [[id, reference, score 0–1, same complainant], …].
    similar = models.JSONField(default=list)

    class Meta:
        verbose_name = _("triage suggestion")
        verbose_name_plural = _("triage suggestions")

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.category} / {self.anger} / {self.grade}"


class TriageLabel(models.Model):
    """A person's answer to one suggestion: confirmed (chosen = suggested) or corrected."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(_("what"), max_length=16, choices=Field.choices)
    suggested = models.CharField(_("suggested"), max_length=40)
    chosen = models.CharField(_("chosen"), max_length=40)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("triage label")
        verbose_name_plural = _("triage labels")
        constraints = [
            # The latest answer counts: a second one replaces the first.
            models.UniqueConstraint(
                fields=["complaint", "field"], name="triage_label_one_per_field"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "at"], name="triage_label_org_at")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.field}: {self.suggested} → {self.chosen}"

    @property
    def corrected(self) -> bool:
        return self.suggested != self.chosen


class CategoryMapping(models.Model):
    """Which of an organisation's own categories a default code stands for (the seed models
    know only the seven; an organisation's own models learn its codes). Without a row the
    triage guesses (mapping.py)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("suggested code"), max_length=40)
    category = models.ForeignKey(
        "complaints.Category",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("the organisation's category"),
    )

    class Meta:
        verbose_name = _("triage category mapping")
        verbose_name_plural = _("triage category mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="triage_map_one_per_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.category}"


class TriageModel(models.Model):
    """An organisation's own models, trained from its confirmed labels (learning.py): kept
    whether or not they beat the ones in use, so administrators see every attempt and why."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=60)
    created_at = models.DateTimeField(_("trained at"))
    trained_on = models.PositiveIntegerField(_("labelled complaints learnt from"))
    held_out = models.PositiveIntegerField(_("labelled complaints held back to test"))
    # {"candidate": {metric: value}, "incumbent": {…}, "incumbent_name": …}: both measured on
    # the same held-back labels.
    scores = models.JSONField(_("scores"), default=dict)
    data = models.JSONField(default=dict)
    in_use = models.BooleanField(_("in use"), default=False)

    class Meta:
        verbose_name = _("triage model")
        verbose_name_plural = _("triage models")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(in_use=True), name="triage_one_in_use"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TriageTraining(models.Model):
    """The last week an organisation's models were retrained for, claimed by one worker's
    beat (every worker's beat asks; a conditional update answers yes once)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    last_week = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.last_week}"
