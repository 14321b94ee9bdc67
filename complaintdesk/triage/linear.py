"""A linear model over named features, as the web worker uses it: weights in plain Python
(a dict per class), scored by a softmax. scikit-learn trains it (training.py) in the task
worker; the web worker never imports scikit-learn, numpy or scipy, which would add tens of
megabytes to every worker for a sum of a few dozen numbers per complaint."""

import base64
import math
import zlib
from array import array
from bisect import bisect_left
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
    """One weight per class for each feature, in the order of `labels`. A feature is known by
    the CRC-32 of its name: the web worker holds a sorted array of those (4 bytes a feature)
    and a table of 4-byte floats, instead of a dictionary of ten thousand strings, and finds
    a feature's row by bisection. Two names with one checksum (about one pair in ten models of
    this size) share a row, their weights added: a rounding error, not a fault."""

    def __init__(
        self, labels: list[str], bias: list[float], weights: dict[str, list[float]]
    ) -> None:
        self.labels, self.bias = list(labels), list(bias)
        width = len(self.labels)
        rows: dict[int, list[float]] = {}
        for feature, row in weights.items():
            summed = rows.setdefault(_key(feature), [0.0] * width)
            for index, weight in enumerate(row):
                summed[index] += weight
        self.keys = array("I", sorted(rows))
        self.table = array("f", (w for key in self.keys for w in rows[key]))

    def _row(self, feature: str) -> list[float] | None:
        key = _key(feature)
        at = bisect_left(self.keys, key)
        if at == len(self.keys) or self.keys[at] != key:
            return None
        width = len(self.labels)
        return list(self.table[at * width : (at + 1) * width])

    def predict(self, features: list[str], *, reasons: int = 4) -> Prediction:
        totals = list(self.bias)
        seen = [(feature, row) for feature in features if (row := self._row(feature)) is not None]
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
        """As JSON holds it: the keys and the table as base64 of their bytes, which load
        without making a Python object of each."""
        return {
            "labels": self.labels,
            "bias": self.bias,
            "keys": base64.b64encode(self.keys.tobytes()).decode("ascii"),
            "table": base64.b64encode(self.table.tobytes()).decode("ascii"),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "LinearModel":
        model = cls(labels=data["labels"], bias=data["bias"], weights={})
        model.keys = array("I", base64.b64decode(data["keys"]))
        model.table = array("f", base64.b64decode(data["table"]))
        return model


def _key(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8"))
