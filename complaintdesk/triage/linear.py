"""A linear model over named features, as the web worker uses it: weights in plain Python
(a dict per class), scored by a softmax. scikit-learn trains it (training.py) in the task
worker; the web worker never imports scikit-learn, numpy or scipy, which would add tens of
megabytes to every worker for a sum of a few dozen numbers per complaint."""

import base64
import math
from array import array
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float
    # The features that pushed hardest toward the label, strongest first.
    because: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


class LinearModel:
    """One weight per class for each feature, in the order of `labels`; held as a table of
    4-byte floats with the features' rows found by name, since a model has some ten thousand
    features and Python lists of floats would hold each in 24 bytes or more."""

    def __init__(
        self, labels: list[str], bias: list[float], weights: dict[str, list[float]]
    ) -> None:
        self.labels, self.bias = list(labels), list(bias)
        self.rows = {feature: index for index, feature in enumerate(weights)}
        self.table = array("f", (w for row in weights.values() for w in row))

    def _row(self, feature: str) -> list[float]:
        width = len(self.labels)
        start = self.rows[feature] * width
        return list(self.table[start : start + width])

    def predict(self, features: list[str], *, reasons: int = 4) -> Prediction:
        totals = list(self.bias)
        seen = [(feature, self._row(feature)) for feature in features if feature in self.rows]
        for _feature, row in seen:
            for index, weight in enumerate(row):
                totals[index] += weight
        top = max(totals)
        exps = [math.exp(total - top) for total in totals]
        whole = sum(exps)
        probabilities = {label: e / whole for label, e in zip(self.labels, exps, strict=True)}
        best = max(range(len(self.labels)), key=lambda index: totals[index])
        pushing = sorted(
            ((row[best], feature) for feature, row in seen if row[best] > 0), reverse=True
        )
        return Prediction(
            label=self.labels[best],
            confidence=probabilities[self.labels[best]],
            because=[feature for _weight, feature in pushing[:reasons]],
            scores=probabilities,
        )

    def as_data(self) -> dict[str, Any]:
        """As JSON holds it: the table as base64 of its 4-byte floats, which loads without
        making a Python float of each weight on the way."""
        return {
            "labels": self.labels,
            "bias": self.bias,
            "features": list(self.rows),
            "table": base64.b64encode(self.table.tobytes()).decode("ascii"),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "LinearModel":
        model = cls(labels=data["labels"], bias=data["bias"], weights={})
        model.rows = {feature: index for index, feature in enumerate(data["features"])}
        model.table = array("f", base64.b64decode(data["table"]))
        return model
