"""An organisation's own models, learnt from the suggestions its people confirmed or
corrected (TriageLabel), on top of the seed corpus. A fifth of the labelled complaints is held
back; the new models are put in use only when they score better on those than the models in
use do (the mean of category macro-F1, complaint-or-not accuracy and, where the held-back
anger scores vary, anger's rank correlation). Run by the task worker; scikit-learn does the
work."""

from dataclasses import dataclass
from statistics import fmean

from django.db import transaction
from django.utils import timezone

from complaintdesk.accounts.models import Organisation
from complaintdesk.complaints.models import Complaint

from .current import models_for
from .engine import triage_text
from .linear import LinearModel
from .models import IS_COMPLAINT_ANSWER, Field, TriageLabel, TriageModel
from .seeding import corpus_examples
from .training import Example, train

# Fewer labelled complaints than this teach a model nothing it can be trusted with.
FEWEST_LABELLED = 30
# Every fifth labelled complaint (by id) is held back to test on.
HOLD_BACK_EVERY = 5


_AS_BOOLEAN = {answer: value for value, answer in IS_COMPLAINT_ANSWER.items()}


@dataclass(frozen=True)
class Outcome:
    model: TriageModel | None
    reason: str


def labelled_examples(organisation_id: int) -> list[Example]:
    """One example per complaint with answers, each label as the person chose it."""
    answers: dict[int, dict[str, str]] = {}
    for complaint_id, field, chosen in TriageLabel.objects.filter(
        organisation_id=organisation_id
    ).values_list("complaint_id", "field", "chosen"):
        answers.setdefault(complaint_id, {})[field] = chosen
    rows = Complaint.objects.filter(pk__in=answers).values_list("pk", "subject", "description")
    texts = {pk: f"{subject}\n{description}" for pk, subject, description in rows}
    return [
        Example(
            text=texts[pk],
            category=given.get(Field.CATEGORY),
            is_complaint=_AS_BOOLEAN.get(given.get(Field.IS_COMPLAINT, "")),
            anger=int(given[Field.ANGER]) if Field.ANGER in given else None,
        )
        for pk, given in sorted(answers.items())
        if pk in texts
    ]


def retrain(organisation: Organisation) -> Outcome:
    examples = labelled_examples(organisation.pk)
    if len(examples) < FEWEST_LABELLED:
        return Outcome(None, f"{len(examples)} labelled complaints; {FEWEST_LABELLED} needed")
    held = examples[::HOLD_BACK_EVERY]
    learnt = [e for index, e in enumerate(examples) if index % HOLD_BACK_EVERY]
    candidate = train([*corpus_examples(), *learnt])
    incumbent_name, incumbent = models_for(organisation.pk)
    mine, theirs = score(candidate, held), score(incumbent, held)
    better = fmean(mine.values()) > fmean(theirs.values())
    now = timezone.now()
    with transaction.atomic():
        if better:
            TriageModel.objects.filter(organisation=organisation, in_use=True).update(in_use=False)
        model = TriageModel.objects.create(
            organisation=organisation,
            name=f"{organisation.code}-{now:%Y%m%d-%H%M%S}",
            created_at=now,
            trained_on=len(learnt),
            held_out=len(held),
            scores={"candidate": mine, "incumbent": theirs, "incumbent_name": incumbent_name},
            data={kind: m.as_data() for kind, m in candidate.items()},
            in_use=better,
        )
    verdict = "better: in use" if better else "not better: the models in use stay"
    return Outcome(model, verdict)


def score(models: dict[str, LinearModel], held: list[Example]) -> dict[str, float]:
    """The measures both sets of models are compared on, over the held-back examples.
    scikit-learn and scipy are imported here, not at the top: the web worker imports this
    module's task to queue it, and must not carry them (linear.py says why)."""
    from scipy.stats import spearmanr  # type: ignore[import-untyped]
    from sklearn.metrics import accuracy_score, f1_score  # type: ignore[import-untyped]

    found = [(e, triage_text(e.text, models=("", models))) for e in held]
    scores: dict[str, float] = {}
    categorised = [(e.category, t.category.value) for e, t in found if e.category is not None]
    if categorised:
        truth, guess = zip(*categorised, strict=True)
        scores["category_macro_f1"] = round(float(f1_score(truth, guess, average="macro")), 3)
    judged = [
        (e.is_complaint, t.is_complaint.value) for e, t in found if e.is_complaint is not None
    ]
    if judged:
        truth, guess = zip(*judged, strict=True)
        scores["complaint_accuracy"] = round(float(accuracy_score(truth, guess)), 3)
    angry = [(e.anger, t.anger.value) for e, t in found if e.anger is not None]
    if len({a for a, _guess in angry}) > 1:
        truth, guess = zip(*angry, strict=True)
        scores["anger_spearman"] = round(float(spearmanr(truth, guess).statistic), 3)
    return scores
