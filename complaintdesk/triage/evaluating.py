"""Measuring the triage against a labelled set (evaluation/labelled.jsonl, held out from
training; its README says how it was made): per-category precision and recall and their macro
F1, complaint-or-not, anger's rank correlation, escalation risk's recall and precision, the
language, and the time per complaint after the models are loaded. Run by `triage_evaluate`;
scikit-learn and scipy do the sums."""

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import Triage, triage_text
from .linear import LinearModel
from .seeding import seed_models

LABELLED = Path(__file__).resolve().parent / "evaluation" / "labelled.jsonl"
CATEGORIES = ("product", "service", "price", "logistics", "facilities", "safety", "other")


@dataclass(frozen=True)
class Case:
    row: dict[str, Any]
    found: Triage


def evaluate(
    path: Path = LABELLED, models: tuple[str, dict[str, LinearModel]] | None = None
) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    models = models or seed_models()
    triage_text("warm-up 预热", models=models)
    cases = [Case(row, triage_text(row["text"], models=models)) for row in rows]
    return {
        "model": models[0],
        "items": len(cases),
        "category": _category(cases),
        "is_complaint": _binary(
            [c.row["is_complaint"] for c in cases], [c.found.is_complaint.value for c in cases]
        ),
        "anger_spearman": _spearman(cases),
        "escalation_risk": _binary(
            [c.row["escalation_risk"] for c in cases], [c.found.escalation_risk for c in cases]
        ),
        "risk_kinds": _kinds(cases),
        "language_accuracy": round(
            statistics.fmean(
                c.row["language"].casefold() == c.found.language.casefold() for c in cases
            ),
            3,
        ),
        "ms_mean": round(statistics.fmean(c.found.ms for c in cases), 3),
        "ms_p95": round(statistics.quantiles([c.found.ms for c in cases], n=20)[-1], 3),
    }


def _category(cases: list[Case]) -> dict[str, Any]:
    from sklearn.metrics import f1_score, precision_recall_fscore_support  # type: ignore[import-untyped]

    truth = [c.row["category"] for c in cases]
    guess = [c.found.category.value for c in cases]
    precision, recall, _f1, support = precision_recall_fscore_support(
        truth, guess, labels=list(CATEGORIES), zero_division=0
    )
    macro = f1_score(truth, guess, labels=list(CATEGORIES), average="macro")
    return {
        "macro_f1": round(float(macro), 3),
        "per_class": {
            label: {"precision": round(float(p), 3), "recall": round(float(r), 3), "n": int(n)}
            for label, p, r, n in zip(CATEGORIES, precision, recall, support, strict=True)
        },
    }


def _binary(truth: list[bool], guess: list[Any]) -> dict[str, float]:
    from sklearn.metrics import precision_recall_fscore_support  # type: ignore[import-untyped]

    precision, recall, f1, _support = precision_recall_fscore_support(
        truth, [bool(g) for g in guess], average="binary", zero_division=0
    )
    return {"precision": round(float(precision), 3), "recall": round(float(recall), 3),
            "f1": round(float(f1), 3)}  # fmt: skip


def _spearman(cases: list[Case]) -> float:
    from scipy.stats import spearmanr  # type: ignore[import-untyped]

    result = spearmanr([c.row["anger"] for c in cases], [c.found.anger.value for c in cases])
    return round(float(result.statistic), 3)


def _kinds(cases: list[Case]) -> dict[str, dict[str, float]]:
    kinds = sorted({kind for c in cases for kind in c.row["risk_kinds"]})
    return {
        kind: _binary(
            [kind in c.row["risk_kinds"] for c in cases], [kind in c.found.risks for c in cases]
        )
        for kind in kinds
    }
