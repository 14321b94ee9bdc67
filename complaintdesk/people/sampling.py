"""Which closed complaints a quality reviewer is given: pure functions over candidate rows.

At random, every complaint has the same chance. Weighted by risk, a complaint's chance grows
with what makes a bad answer costly (ISO 10002's "proportionate to seriousness"): its grade,
the complainant's anger, a risk flag, a breached time standard, a reopening or an appeal, a
staff member found responsible. The weighted draw is without replacement: each candidate gets
the key u^(1/weight) for a uniform u, and the largest keys are taken (Efraimidis and Spirakis,
2006), so a complaint of weight 4 is about four times as likely to be drawn first as one of 1.
"""

import random
from dataclasses import dataclass

GRADE_WEIGHT = {"general": 0.0, "significant": 1.0, "major": 2.0, "urgent": 3.0}


@dataclass(frozen=True)
class Candidate:
    pk: int
    grade: str
    anger: int
    risky: bool
    breached: bool
    reopened_or_appealed: bool
    staff_fault: bool
    # Who handled it: the person its review will be of.
    handler_id: int | None = None


def risk_weight(candidate: Candidate) -> float:
    weight = 1.0 + GRADE_WEIGHT.get(candidate.grade, 0.0)
    weight += max(0, candidate.anger - 3)  # 4 and 5 only
    weight += 2.0 * candidate.risky
    weight += 2.0 * candidate.breached
    weight += 1.0 * candidate.reopened_or_appealed
    weight += 1.0 * candidate.staff_fault
    return weight


def sample_at_random(candidates: list[Candidate], size: int, rng: random.Random) -> list[int]:
    return [c.pk for c in rng.sample(candidates, min(size, len(candidates)))]


def sample_by_risk(candidates: list[Candidate], size: int, rng: random.Random) -> list[int]:
    keyed = sorted(
        candidates,
        key=lambda c: rng.random() ** (1.0 / risk_weight(c)),
        reverse=True,
    )
    return [c.pk for c in keyed[:size]]
