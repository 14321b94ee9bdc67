"""Training the triage's three models (category, complaint or not, anger) with scikit-learn's
logistic regression, and measuring them: run by the task worker and the commands only.

Every feature is binary (present or not), as short complaints rarely repeat a word; the
weights kept are those that matter (|w| ≥ 0.05), which keeps a model to a few hundred
kilobytes of JSON."""

from collections.abc import Iterable
from dataclasses import dataclass

from .linear import LinearModel
from .signals import signals_of

# Regularisation: small corpora (a few hundred confirmed labels) overfit without it.
STRENGTH = 4.0
SMALLEST_WEIGHT = 0.05


@dataclass(frozen=True)
class Example:
    """A labelled text; a label left None was not given (a person answered one suggestion
    of a complaint's three), and that model does not learn from it."""

    text: str
    category: str | None
    is_complaint: bool | None
    anger: int | None


def fit(features: list[list[str]], labels: list[str]) -> LinearModel:
    """A multinomial logistic regression over the features; two classes are written as two
    rows (the first all zeros), so the web worker scores every model the same way."""
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform([dict.fromkeys(row, 1) for row in features])
    model = LogisticRegression(C=STRENGTH, max_iter=2000)
    model.fit(matrix, labels)
    classes = [str(label) for label in model.classes_]
    if len(classes) == 2:
        coefficients = [[0.0] * matrix.shape[1], list(model.coef_[0])]
        bias = [0.0, float(model.intercept_[0])]
    else:
        coefficients = [list(row) for row in model.coef_]
        bias = [float(b) for b in model.intercept_]
    names = vectoriser.get_feature_names_out()
    weights: dict[str, list[float]] = {}
    for column, name in enumerate(names):
        row = [round(float(c[column]), 4) for c in coefficients]
        if any(abs(w) >= SMALLEST_WEIGHT for w in row):
            weights[str(name)] = row
    return LinearModel(labels=classes, bias=bias, weights=weights)


def train(examples: Iterable[Example]) -> dict[str, LinearModel]:
    """The three models from labelled examples; "anger" learns from the complaints only (a
    thank-you has no anger to learn from)."""
    examples = list(examples)
    features = {id(e): signals_of(e.text).features() for e in examples}
    categorised = [e for e in examples if e.category is not None]
    judged = [e for e in examples if e.is_complaint is not None]
    angry = [e for e in examples if e.anger is not None and e.is_complaint is not False]
    return {
        "category": fit(
            [features[id(e)] for e in categorised], [str(e.category) for e in categorised]
        ),
        "complaint": fit([features[id(e)] for e in judged], [str(e.is_complaint) for e in judged]),
        "anger": fit([features[id(e)] for e in angry], [str(e.anger) for e in angry]),
    }
