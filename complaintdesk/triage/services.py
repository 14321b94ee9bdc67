"""The triage's writes: what it suggested for a complaint at intake (with the risk flags it
raises at once), and a person's answer to a suggestion, applied to the complaint through the
complaints core and kept as a confirmed label for the organisation's own models."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaintdesk.accounts.models import User
from complaintdesk.complaints import services as complaints
from complaintdesk.complaints.choices import OPEN_STATUSES, Grade, RiskFlag
from complaintdesk.complaints.models import Category, Complaint
from complaintdesk.core.errors import DomainError

from .current import models_for
from .engine import Triage, triage_text
from .mapping import categories_for
from .models import IS_COMPLAINT_ANSWER, Field, TriageLabel, TriageSuggestion
from .similarity import similar_open

# The kinds of escalation that have a risk flag of their own; a threat to call the police is
# a legal risk to the organisation. A demand for compensation raises none: it is common, and
# the grade suggestion weighs it.
FLAG_OF_KIND = {
    "media": RiskFlag.MEDIA,
    "regulator": RiskFlag.REGULATOR,
    "legal": RiskFlag.LEGAL,
    "police": RiskFlag.LEGAL,
    "safety": RiskFlag.SAFETY,
}


def text_of(complaint: Complaint) -> str:
    return f"{complaint.subject}\n{complaint.description}"


def triage_on_intake(complaint: Complaint, at: datetime) -> TriageSuggestion:
    """Suggest, keep the suggestion, and raise the risk flags the words call for, in the
    registration's transaction: a threat to go to the press is flagged before anyone reads
    it. Nothing else is applied: category, anger and grade wait for a person, as does what to
    do about the open complaints it resembles (similarity.py)."""
    return _suggest(complaint, at)


def triage_again(complaint: Complaint, by: User, *, at: datetime | None = None) -> TriageSuggestion:
    """On demand: read the complaint as it stands now (its record corrected since, or taken
    before the triage existed), by whoever may classify it. The new suggestion replaces the
    old; the answers given to the old one stay, as labels of what people decided."""
    at = at or timezone.now()
    with transaction.atomic():
        # Checks the permission and locks the row, as it stands now: nothing is changed.
        locked = complaints.complaint_classify(complaint, by, at=at)
        TriageSuggestion.objects.filter(complaint=locked).delete()
        return _suggest(locked, at)


def _suggest(complaint: Complaint, at: datetime) -> TriageSuggestion:
    found = _triage(complaint)
    flags = list(dict.fromkeys(FLAG_OF_KIND[k].value for k in found.risks if k in FLAG_OF_KIND))
    raised = [flag for flag in flags if not getattr(complaint, f"risk_{flag}")]
    similar = [
        [s.complaint_id, s.reference, s.score, s.same_complainant]
        for s in similar_open(complaint, text_of(complaint))
    ]
    suggestion = TriageSuggestion.objects.create(
        complaint=complaint, made_at=at, raised=raised, similar=similar, **_suggested(found)
    )
    if raised:
        words = [
            w for k, found_words in found.risks.items() if k in FLAG_OF_KIND for w in found_words
        ]
        complaints.complaint_risks_raise(complaint, raised, at, by_policy="triage", words=words)
    return suggestion


def triage_on_import(complaints_written: list[Complaint], at: datetime) -> int:
    """Suggestions for the complaints of a history import still open (those closed long ago
    need none), in one insert; no flag is raised, as nothing else is started for an imported
    complaint (complaints.services.complaints_import says why). Returns how many."""
    still_open = [c for c in complaints_written if c.status in OPEN_STATUSES]
    TriageSuggestion.objects.bulk_create(
        TriageSuggestion(complaint=c, made_at=at, raised=[], **_suggested(_triage(c)))
        for c in still_open
    )
    return len(still_open)


def _triage(complaint: Complaint) -> Triage:
    return triage_text(
        text_of(complaint),
        vip=complaint.risk_vip,
        repeat=complaint.risk_repeat,
        models=models_for(complaint.organisation_id),
    )


def _suggested(found: Triage) -> dict:
    return {
        "model": found.model,
        "category": str(found.category.value),
        "category_confidence": found.category.confidence,
        "alternatives": [[code, round(p, 3)] for code, p in found.alternatives],
        "is_complaint": bool(found.is_complaint.value),
        "complaint_confidence": found.is_complaint.confidence,
        "anger": int(found.anger.value),
        "anger_confidence": found.anger.confidence,
        "grade": str(found.grade.value),
        "language": found.language,
        "risks": found.risks,
        "reasons": {
            Field.CATEGORY: found.category.reasons,
            Field.IS_COMPLAINT: found.is_complaint.reasons,
            Field.ANGER: found.anger.reasons,
            Field.GRADE: found.grade.reasons,
        },
    }


def triage_answer(
    suggestion: TriageSuggestion, by: User, field: str, chosen: str, *, at: datetime | None = None
) -> TriageLabel:
    """A person confirms a suggestion (`chosen` is what was suggested) or corrects it: the
    complaint takes the value through the core's classification (its permission, its timeline,
    the policies that follow a grade), and the answer is kept as a label. Whether it is a
    complaint at all is only kept: what to do with a message that is not is the person's move
    (reply, withdraw, merge)."""
    at = at or timezone.now()
    complaint = suggestion.complaint
    suggested = suggested_value(suggestion, field)
    values = _values(complaint, field, chosen)
    with transaction.atomic():
        if values:
            reason = (
                _("Triage suggestion confirmed")
                if chosen == suggested
                else _("Triage suggestion corrected")
            )
            complaints.complaint_classify(complaint, by, at=at, reason=reason, **values)
        else:
            # Nothing to change: the same permission all the same, under the same lock.
            complaints.complaint_classify(complaint, by, at=at)
        label, _created = TriageLabel.objects.update_or_create(
            complaint=complaint,
            field=field,
            defaults={
                "organisation_id": complaint.organisation_id,
                "suggested": suggested,
                "chosen": chosen,
                "by": by,
                "at": at,
            },
        )
    return label


def suggested_value(suggestion: TriageSuggestion, field: str) -> str:
    """What was suggested for `field`, as an answer to it is written."""
    return {
        Field.CATEGORY: suggestion.category,
        Field.ANGER: str(suggestion.anger),
        Field.GRADE: suggestion.grade,
        Field.IS_COMPLAINT: IS_COMPLAINT_ANSWER[suggestion.is_complaint],
    }[Field(field)]


def _values(complaint: Complaint, field: str, chosen: str) -> dict:
    """The complaint's fields for an answer; a value that is not one is refused in words."""
    if field == Field.CATEGORY:
        category = _category_for(complaint, chosen)
        return {"category": category} if complaint.category_id != category.pk else {}
    if field == Field.ANGER and chosen in {"1", "2", "3", "4", "5"}:
        return {"anger_score": int(chosen)} if complaint.anger_score != int(chosen) else {}
    if field == Field.GRADE and chosen in Grade.values:
        return {"grade": chosen} if complaint.grade != chosen else {}
    if field == Field.IS_COMPLAINT and chosen in IS_COMPLAINT_ANSWER.values():
        return {}
    raise DomainError(_("That is not a value this suggestion can take."))


def _category_for(complaint: Complaint, code: str) -> Category:
    """The organisation's own category for a code: one of its own codes (what its own models
    suggest, and what a person picks), or a default code mapped to one (mapping.py)."""
    own = Category.objects.filter(
        organisation_id=complaint.organisation_id, code=code, is_active=True
    ).first()
    found = own or categories_for(complaint.organisation_id).get(code)
    if found is None:
        raise DomainError(_("This organisation has no category for that suggestion."))
    return found
