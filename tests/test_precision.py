"""Tests for prtlib.stats.precision.

References: Borenstein et al. (2009), Introduction to Meta-Analysis, ch. 4 worked example
(n = 50 per group, d = 0.5970, V_g = 0.0411); scipy's noncentral t distribution for the
sampling distribution of t; Hedges (1981) for the unbiasedness of g.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from prtlib.stats import precision as pr


def test_halfwidth_matches_borenstein_example():
    """Borenstein ch. 4: V_g = 0.0411 for d = 0.5970 with 50 per group, so the 95%
    half-width is 1.959964 * sqrt(0.0411)."""
    assert pr.g_interval_halfwidth(50, d=0.5970) == pytest.approx(
        1.959964 * math.sqrt(0.0411), abs=5e-4)


def test_halfwidth_shrinks_like_one_over_root_n():
    widths = pr.g_interval_halfwidth(np.array([25.0, 100.0, 400.0]))
    # four times the people, about half the width (J moves it a hair)
    assert widths[0] / widths[1] == pytest.approx(2.0, rel=0.015)
    assert widths[1] / widths[2] == pytest.approx(2.0, rel=0.005)


def test_halfwidth_matches_effect_size_normal_interval():
    from prtlib.stats.effect_sizes import hedges_g_from_summary

    g = hedges_g_from_summary(1.0, 1.0, 44, 0.0, 1.0, 44)  # d = 1 exactly
    low, high = g.confidence_interval(method="normal")
    assert pr.g_interval_halfwidth(44, d=1.0) == pytest.approx((high - low) / 2)


@settings(max_examples=60, deadline=None)
@given(target=st.floats(0.05, 1.5), d=st.floats(-2, 2), level=st.sampled_from([0.8, 0.95]))
def test_n_for_halfwidth_is_the_smallest_n_that_reaches_the_target(target, d, level):
    n = pr.n_for_halfwidth(target, d=d, confidence_level=level)
    assert pr.g_interval_halfwidth(n, d=d, confidence_level=level) <= target
    if n > 2:
        assert pr.g_interval_halfwidth(n - 1, d=d, confidence_level=level) > target


def test_simulated_t_follows_the_noncentral_t():
    """The replications' t = d_hat sqrt(n/2) must follow scipy's noncentral t."""
    n, d = 30, 0.5
    dance = pr.simulate_g_intervals(d, n, n_trials=4000, seed=3)
    from prtlib.stats.effect_sizes import hedges_correction

    t = dance.estimates / hedges_correction(2 * n - 2) * math.sqrt(n / 2)
    result = stats.kstest(t, stats.nct(2 * n - 2, d * math.sqrt(n / 2)).cdf)
    assert result.pvalue > 0.001


def test_g_is_unbiased_and_intervals_cover_near_nominal():
    """Hedges (1981): g is (nearly) unbiased; the normal interval covers about 95%."""
    dance = pr.simulate_g_intervals(0.8, 20, n_trials=40000, seed=4)
    assert dance.estimates.mean() == pytest.approx(0.8, abs=0.01)
    assert dance.coverage == pytest.approx(0.95, abs=0.01)
    assert dance.covers.shape == (40000,)


def test_significance_share_equals_power_roughly():
    from prtlib.stats.power import power_two_groups

    dance = pr.simulate_g_intervals(0.62, 42, n_trials=20000, seed=5)
    assert dance.excludes_zero.mean() == pytest.approx(power_two_groups(0.62, 42), abs=0.02)


def test_same_seed_same_dance():
    a = pr.simulate_g_intervals(0.5, 30, seed=9)
    b = pr.simulate_g_intervals(0.5, 30, seed=9)
    np.testing.assert_array_equal(a.estimates, b.estimates)
    assert "IntervalDance(" in repr(a)


@pytest.mark.parametrize("call, name", [
    (lambda: pr.g_interval_halfwidth(1), "n_per_group"),
    (lambda: pr.g_interval_halfwidth([10, 1]), "n_per_group"),
    (lambda: pr.g_interval_halfwidth(["a"]), "n_per_group"),
    (lambda: pr.g_interval_halfwidth(10, d=math.inf), "d"),
    (lambda: pr.g_interval_halfwidth(10, confidence_level=1), "confidence_level"),
    (lambda: pr.n_for_halfwidth(0), "halfwidth"),
    (lambda: pr.n_for_halfwidth(1e-9), "halfwidth"),
    (lambda: pr.simulate_g_intervals(0.5, 1), "n_per_group"),
    (lambda: pr.simulate_g_intervals(0.5, 10, n_trials=0), "n_trials"),
    (lambda: pr.simulate_g_intervals(0.5, 10, seed=-3), "seed"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_dance_interval_of_one_replication_is_an_interval():
    from prtlib.stats.intervals import Interval

    dance = pr.simulate_g_intervals(0.5, 30, n_trials=10, confidence_level=0.9, seed=2)
    ci = dance.ci(3)
    assert isinstance(ci, Interval) and ci.level == 0.9
    assert (ci.low, ci.high) == (dance.ci_low[3], dance.ci_high[3])
    assert dance.covers[3] == ci.contains(0.5)
    with pytest.raises(ValueError, match="^i must be"):
        dance.ci(10)
