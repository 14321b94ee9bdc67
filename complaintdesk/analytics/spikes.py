"""The recurring-issue rule: is this week's count of complaints (of a category, at a site)
a rise against its own history? Pure functions, no database.

The rule (documented for administrators, thresholds per organisation):

- The baseline is the mean weekly count over the `history_weeks` weeks before the week looked
  at, and never below `FLOOR` (half a complaint a week): a category that had none still needs
  a real rise, not one complaint, to count as one.
- Complaints arriving independently at a steady rate are Poisson distributed, so the chance of
  seeing at least this week's count by luck is the Poisson upper tail at the baseline. The
  week is a spike when that chance is below `p_value` (default 0.001: a dashboard tests every
  category and site every week, so a looser threshold would cry wolf every week somewhere),
  the count is at least `min_count`, and at least `min_ratio` times the baseline.
"""

import math
from dataclasses import dataclass

FLOOR = 0.5


@dataclass(frozen=True)
class SpikeRule:
    history_weeks: int = 8
    p_value: float = 0.001
    min_count: int = 5
    min_ratio: float = 2.0


@dataclass(frozen=True)
class Spike:
    observed: int
    baseline: float
    chance: float


def poisson_tail(at_least: int, mean: float) -> float:
    """P(X >= at_least) for X ~ Poisson(mean), summed in log space (stable for big counts)."""
    if at_least <= 0:
        return 1.0
    below = 0.0
    log_term = -mean  # log P(X = 0)
    for k in range(at_least):
        if k:
            log_term += math.log(mean) - math.log(k)
        below += math.exp(log_term)
    return max(0.0, 1.0 - below)


def spike_in(weeks: list[int], rule: SpikeRule) -> Spike | None:
    """`weeks`: complaints per week, oldest first, the week looked at last. A spike, or None
    when the week is within what its history explains (or there is too little history)."""
    if len(weeks) < 2:
        return None
    observed = weeks[-1]
    history = weeks[-1 - rule.history_weeks : -1]
    baseline = max(FLOOR, sum(history) / len(history))
    if observed < rule.min_count or observed < rule.min_ratio * baseline:
        return None
    chance = poisson_tail(observed, baseline)
    return Spike(observed, round(baseline, 2), chance) if chance < rule.p_value else None
