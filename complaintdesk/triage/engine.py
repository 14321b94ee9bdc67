"""The triage of one text: what it is about, whether it is a complaint at all, how angry it
sounds, what escalation it threatens, its language, and the grade those suggest, each with a
confidence and the words that drove it. Pure Python over the models' weights: well under a
millisecond a complaint after the first (which loads the models)."""

import time
from dataclasses import dataclass, field

from complaintdesk.complaints.choices import Grade

from .language import language_of
from .linear import LinearModel, Prediction
from .seeding import seed_models
from .signals import Signals, signals_of

# Risks that make a complaint major at once; a hazard to people makes it urgent.
MAJOR_RISKS = frozenset({"media", "regulator", "legal", "police"})


@dataclass(frozen=True)
class Suggestion:
    value: str | int | bool
    confidence: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Triage:
    category: Suggestion
    # The next most likely categories after it: [(code, probability), …].
    alternatives: list[tuple[str, float]]
    is_complaint: Suggestion
    anger: Suggestion
    # Kind of escalation threatened or happened (lexicons.RISK_WORDS) → the words found.
    risks: dict[str, list[str]]
    language: str
    grade: Suggestion
    model: str
    ms: float

    @property
    def escalation_risk(self) -> bool:
        return bool(self.risks)


def triage_text(
    text: str,
    *,
    vip: bool = False,
    repeat: bool = False,
    models: tuple[str, dict[str, LinearModel]] | None = None,
) -> Triage:
    """`vip` / `repeat`: what is known of the complainant, which weighs on the grade.
    `models`: (name, {kind: model}), the seed models when None."""
    started = time.perf_counter()
    name, chosen = models or seed_models()
    signals = signals_of(text)
    features = signals.features()
    category = chosen["category"].predict(features)
    complaint = chosen["complaint"].predict(features)
    anger = _anger(chosen["anger"].predict(features), signals)
    is_complaint = complaint.label == "True"
    if not is_complaint:
        anger = Suggestion(1, complaint.confidence, [])
    risks = {kind: [signals.as_typed(w) for w in words] for kind, words in signals.risks.items()}
    return Triage(
        category=Suggestion(category.label, category.confidence, _reasons(signals, category)),
        alternatives=sorted(
            ((code, p) for code, p in category.scores.items() if code != category.label),
            key=lambda pair: -pair[1],
        )[:2],
        is_complaint=Suggestion(is_complaint, complaint.confidence, _reasons(signals, complaint)),
        anger=anger,
        risks=risks,
        language=language_of(text),
        grade=_grade(risks, int(anger.value), vip=vip, repeat=repeat),
        model=name,
        ms=(time.perf_counter() - started) * 1000,
    )


def _anger(prediction: Prediction, signals: Signals) -> Suggestion:
    """The expected score over the five (an ordinal scale: 40 % on 4 and 40 % on 2 is a 3,
    not a coin toss), with the angry words and the shouting as its reasons."""
    expected = sum(int(label) * p for label, p in prediction.scores.items())
    score = min(5, max(1, round(expected)))
    reasons = list(dict.fromkeys(signals.anger_words))[:4]
    if signals.exclaimed >= 3:
        reasons.append("!" * min(signals.exclaimed, 5))
    if signals.shouted:
        reasons.append("CAPITALS")
    return Suggestion(score, prediction.scores.get(str(score), 0.0), reasons)


def _grade(risks: dict[str, list[str]], anger: int, *, vip: bool, repeat: bool) -> Suggestion:
    """As domain.md grades: a hazard to people is urgent; legal, media or regulator risk, a
    VIP, a repeat or fury is major; anger or a demand for compensation is significant."""
    if "safety" in risks:
        return Suggestion(Grade.URGENT.value, 0.9, ["safety"])
    major = [kind for kind in risks if kind in MAJOR_RISKS]
    major += ["vip"] * vip + ["repeat"] * repeat + ["anger 5"] * (anger >= 5)
    if major:
        return Suggestion(Grade.MAJOR.value, 0.8, major)
    significant = ["anger 4"] * (anger == 4) + ["compensation"] * ("compensation" in risks)
    if significant:
        return Suggestion(Grade.SIGNIFICANT.value, 0.7, significant)
    return Suggestion(Grade.GENERAL.value, 0.6, [])


def _reasons(signals: Signals, prediction: Prediction) -> list[str]:
    """The features behind a prediction as a person reads them: the words as typed."""
    shown: list[str] = []
    for feature in prediction.because:
        kind, _colon, value = feature.partition(":")
        if kind in ("w", "c", "angry"):
            shown.append(signals.as_typed(value))
        elif kind == "calm":
            shown.extend(signals.as_typed(word) for word in signals.calm_words[:2])
        elif kind == "asked":
            shown.append("?")
        elif kind == "exclaimed":
            shown.append("!" * min(signals.exclaimed, 5))
        elif kind == "risk":
            shown.extend(signals.risks.get(value, [])[:1])
    return list(dict.fromkeys(word for word in shown if word.strip()))
