"""The recurring-issue rule on synthetic weekly series: a known spike is found, ordinary weeks
and small numbers are not."""

import random

import pytest

from complaintdesk.analytics.spikes import SpikeRule, poisson_tail, spike_in

RULE = SpikeRule()


def _steady(mean: float, weeks: int, seed: int) -> list[int]:
    """Weekly counts of complaints arriving at random at `mean` a week (Poisson, by Knuth)."""
    rng = random.Random(seed)
    counts = []
    for _ in range(weeks):
        k, p, limit = 0, 1.0, pow(2.718281828459045, -mean)
        while True:
            p *= rng.random()
            if p <= limit:
                break
            k += 1
        counts.append(k)
    return counts


def test_the_poisson_tail_matches_known_values():
    # P(X >= 1) = 1 - e^-2; P(X >= 10 | mean 4) is about 0.00813 (tables)
    assert poisson_tail(1, 2.0) == pytest.approx(1 - pow(2.718281828459045, -2), rel=1e-9)
    assert poisson_tail(10, 4.0) == pytest.approx(0.008132, abs=1e-5)
    assert poisson_tail(0, 3.0) == 1.0


def test_a_week_four_times_the_usual_is_a_spike():
    history = [4, 5, 3, 4, 6, 4, 3, 5]  # about four a week

    spike = spike_in([*history, 17], RULE)

    assert spike is not None
    assert spike.observed == 17
    assert spike.baseline == 4.25
    assert spike.chance < 1e-5


def test_ordinary_weeks_of_a_steady_rate_raise_nothing():
    # Given 500 series of nine weeks of complaints arriving at a steady six a week
    series = [_steady(6.0, 9, seed) for seed in range(500)]

    # Then not one of them raises an alert
    assert [weeks for weeks in series if spike_in(weeks, RULE)] == []


def test_a_rise_that_chance_explains_raises_nothing():
    assert spike_in([4, 5, 3, 4, 6, 4, 3, 5, 8], RULE) is None


def test_a_handful_where_there_were_none_is_below_the_minimum():
    assert spike_in([0, 0, 0, 0, 0, 0, 0, 0, 4], RULE) is None
    assert spike_in([0, 0, 0, 0, 0, 0, 0, 0, 6], RULE) is not None


def test_the_organisations_thresholds_apply():
    strict = SpikeRule(min_count=20)
    assert spike_in([4, 5, 3, 4, 6, 4, 3, 5, 17], strict) is None


def test_without_history_there_is_no_judgement():
    assert spike_in([12], RULE) is None
