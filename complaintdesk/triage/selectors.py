"""The triage panel of the complaint page: each suggestion with its confidence and reasons,
whether the complaint already holds it, and the one-click answers a person may give."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaintdesk.accounts.models import User
from complaintdesk.complaints import permissions
from complaintdesk.complaints.choices import Grade, Language
from complaintdesk.complaints.models import Complaint
from complaintdesk.complaints.record_rules import Record, record_check
from complaintdesk.core.errors import DomainError
from complaintdesk.incidents.models import IncidentComplaint, IncidentStatus

from .current import models_for
from .engine import triage_text
from .mapping import categories_for
from .models import IS_COMPLAINT_ANSWER, Field, TriageLabel, TriageSuggestion
from .services import FLAG_OF_KIND, suggested_value

RISK_KINDS = {
    "media": gettext_lazy("media"),
    "regulator": gettext_lazy("regulator"),
    "police": gettext_lazy("police"),
    "legal": gettext_lazy("legal action"),
    "safety": gettext_lazy("safety or injury"),
    "compensation": gettext_lazy("demand for compensation"),
}

# What made the grade, as the engine names it (engine._grade).
GRADE_REASONS = {
    "vip": gettext_lazy("VIP"),
    "repeat": gettext_lazy("repeat complainant"),
    "anger 4": gettext_lazy("anger 4"),
    "anger 5": gettext_lazy("anger 5"),
    **RISK_KINDS,
}


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    suggested: bool


@dataclass
class Row:
    name: str  # a Field
    title: str
    suggested: str
    confidence: int  # percent
    reasons: list[str]
    # The complaint holds the suggested value already (applied, or given at intake).
    holds: bool
    answered: str
    choices: list[Choice] = field(default_factory=list)


@dataclass(frozen=True)
class Alike:
    """An open complaint that may be about the same matter, as the viewer may see it."""

    reference: str
    subject: str
    percent: int
    same_complainant: bool
    # Its open incident, which this complaint could join in one click (None: none).
    incident_id: int | None
    incident_title: str


@dataclass
class TriagePanel:
    rows: list[Row]
    alike: list[Alike]
    risks: list[tuple[str, list[str]]]
    raised: list[str]
    language: str
    model: str
    may_answer: bool
    # No suggestion yet (taken before the triage existed): the panel offers to ask for one.
    missing: bool = False


def triage_panel(user: User, complaint: Complaint) -> TriagePanel | None:
    suggestion = TriageSuggestion.objects.filter(complaint=complaint).first()
    if suggestion is None:
        if not _may_answer(user, complaint):
            return None
        return TriagePanel([], [], [], [], "", "", may_answer=True, missing=True)
    answers = {
        label.field: label.chosen for label in TriageLabel.objects.filter(complaint=complaint)
    }
    reasons = dict(suggestion.reasons or {})
    grade_reasons = reasons.get(Field.GRADE, [])
    reasons[Field.GRADE] = [str(GRADE_REASONS.get(r, r)) for r in grade_reasons]
    rows = [
        _category_row(suggestion, complaint, answers, reasons),
        _row(
            Field.ANGER, str(suggestion.anger), suggestion.anger_confidence, reasons,
            holds=complaint.anger_score == suggestion.anger, answers=answers,
            choices=[(str(score), str(score)) for score in range(1, 6)],
        ),
        _row(
            Field.GRADE, suggestion.grade, 0.0, reasons,
            holds=complaint.grade == suggestion.grade, answers=answers,
            choices=[(g.value, str(g.label)) for g in Grade],
        ),
        _row(
            Field.IS_COMPLAINT, suggested_value(suggestion, Field.IS_COMPLAINT),
            suggestion.complaint_confidence, reasons, holds=False, answers=answers,
            choices=[
                (IS_COMPLAINT_ANSWER[True], _("A complaint")),
                (IS_COMPLAINT_ANSWER[False], _("Not a complaint")),
            ],
        ),
    ]  # fmt: skip
    return TriagePanel(
        rows=rows,
        alike=_alike(user, suggestion),
        risks=[(str(RISK_KINDS.get(k, k)), words) for k, words in suggestion.risks.items()],
        raised=suggestion.raised,
        language=str(Language(suggestion.language).label)
        if suggestion.language in Language.values
        else suggestion.language,
        model=suggestion.model,
        may_answer=_may_answer(user, complaint),
    )


def similar_in_sight(
    user: User, suggestion: TriageSuggestion
) -> list[tuple[Complaint, float, bool]]:
    """(complaint, score, same complainant) for the similar complaints kept at intake that
    are still open and in the user's sight, most alike first."""
    scores = {pk: (score, same) for pk, _reference, score, same in suggestion.similar}
    if not scores:
        return []
    # "Still open" is asked of the few rows found, not of the query: with it there SQLite
    # walked every open complaint (the index on finality) instead of these few by key.
    shown = {
        c.pk: c
        for c in permissions.visible_complaints(user).filter(pk__in=scores)
        if not c.is_final
    }
    return [(shown[pk], score, same) for pk, (score, same) in scores.items() if pk in shown]


def _alike(user: User, suggestion: TriageSuggestion) -> list[Alike]:
    """The similar complaints in the viewer's sight, each with its open incident if any."""
    found = similar_in_sight(user, suggestion)
    if not found:
        return []
    incidents = {
        link.complaint_id: link.incident
        for link in IncidentComplaint.objects.filter(
            complaint_id__in=[c.pk for c, _score, _same in found],
            incident__status=IncidentStatus.OPEN,
        ).select_related("incident")
    }
    return [
        Alike(
            reference=complaint.reference,
            subject=complaint.subject,
            percent=_percent(score),
            same_complainant=same,
            incident_id=incidents[complaint.pk].pk if complaint.pk in incidents else None,
            incident_title=incidents[complaint.pk].title if complaint.pk in incidents else "",
        )
        for complaint, score, same in found
    ]


def _category_row(suggestion, complaint, answers, reasons) -> Row:
    """The seed models' codes shown as the organisation's own categories (mapping.py); a
    code it has no category for is shown by the code and offered for no click."""
    mapped = categories_for(complaint.organisation_id)
    codes = [suggestion.category, *(code for code, _p in suggestion.alternatives)]
    choices = [(code, mapped[code].label if code in mapped else code) for code in codes]
    found = mapped.get(suggestion.category)
    row = _row(
        Field.CATEGORY, suggestion.category, suggestion.category_confidence, reasons,
        holds=found is not None and complaint.category_id == found.pk, answers=answers,
        choices=[(value, label) for value, label in choices if value in mapped],
    )  # fmt: skip
    row.suggested = choices[0][1]
    return row


def _row(field, suggested, confidence, reasons, *, holds, answers, choices) -> Row:
    labels = dict(choices)
    return Row(
        name=field,
        title=str(Field(field).label),
        suggested=labels.get(suggested, suggested),
        confidence=_percent(confidence),
        reasons=reasons.get(field, []),
        holds=holds,
        answered=labels.get(answers.get(field, ""), ""),
        choices=[Choice(value, label, value == suggested) for value, label in choices],
    )


def _may_answer(user: User, complaint: Complaint) -> bool:
    """Whoever may classify the complaint now (the record-rules table)."""
    try:
        record_check(user, complaint, Record.CLASSIFICATION)
    except DomainError:
        return False
    return True


@dataclass(frozen=True)
class Fill:
    """One click that puts a suggestion into the capture form: `field`, set to `value`."""

    field: str
    value: str
    label: str
    confidence: int
    title: str = ""


@dataclass
class CaptureSuggestion:
    fills: list[Fill]
    risks: list[tuple[str, str, list[str]]]  # (RiskFlag value or "", label, words)
    is_complaint: bool
    complaint_confidence: int
    reasons: list[str]


def capture_suggestion(organisation_id: int, text: str) -> CaptureSuggestion | None:
    """What the triage makes of what a receiver is typing, as the capture form offers it:
    the organisation's own category, the anger score, the grade, and the risk flags whose
    boxes to tick. Nothing is kept: the registration keeps its own suggestion."""
    if len(text.strip()) < 4:
        return None
    found = triage_text(text, models=models_for(organisation_id))
    fills = []
    category = categories_for(organisation_id).get(str(found.category.value))
    if category is not None:
        confidence = _percent(found.category.confidence)
        title = str(Field.CATEGORY.label)
        fills.append(Fill("category", str(category.pk), category.label, confidence, title))
    if found.is_complaint.value:
        anger, confidence = str(found.anger.value), _percent(found.anger.confidence)
        fills.append(Fill("anger_score", anger, anger, confidence, str(Field.ANGER.label)))
    grade = Grade(str(found.grade.value))
    fills.append(Fill("grade", grade.value, str(grade.label), 0, str(Field.GRADE.label)))
    return CaptureSuggestion(
        fills=fills,
        risks=[
            (FLAG_OF_KIND.get(kind, ""), str(RISK_KINDS.get(kind, kind)), words)
            for kind, words in found.risks.items()
        ],
        is_complaint=bool(found.is_complaint.value),
        complaint_confidence=_percent(found.is_complaint.confidence),
        reasons=found.category.reasons,
    )


def _percent(confidence: float) -> int:
    return round(100 * confidence)
