"""Tests for prtlib.stats.bootstrap.

The independent reference is ``scipy.stats.bootstrap`` (its own resampling code), run on
the same data with the same statistic; the two bootstraps use different random draws, so
they are compared within Monte Carlo error. The change-score estimate is checked against
``prtlib.stats.effect_sizes.change_score_g`` and the public trial data (when available) against
the facts file's values.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from prtlib.stats import bootstrap as bs
from prtlib.stats import effect_sizes as es

# Lakens (2013), Front Psychol 4:863, doi:10.3389/fpsyg.2013.00863: two groups of ten.
MOVIE_1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
MOVIE_2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]


def _scipy_g(x, y, axis=-1):
    """Hedges' g written out independently for scipy.stats.bootstrap (vectorized)."""
    n1, n2 = x.shape[axis], y.shape[axis]
    df = n1 + n2 - 2
    pooled = ((n1 - 1) * x.var(axis=axis, ddof=1) + (n2 - 1) * y.var(axis=axis, ddof=1)) / df
    j = 1 - 3 / (4 * df - 1)  # Hedges' approximation; differs from exact J by < 1e-4 here
    return j * (x.mean(axis=axis) - y.mean(axis=axis)) / np.sqrt(pooled)


@pytest.fixture(scope="module")
def normal_groups():
    rng = np.random.default_rng(20220101)
    return rng.normal(0.0, 1.0, 50), rng.normal(-0.8, 1.2, 45)


def test_estimate_equals_hedges_g(normal_groups):
    x, y = normal_groups
    res = bs.bootstrap_g(x, y, n_resamples=500)
    assert res.estimate == pytest.approx(es.hedges_g(x, y).estimate, rel=1e-12)
    assert res.distribution.shape == (500,)
    assert (res.n1, res.n2) == (50, 45)


def test_percentile_interval_matches_scipy(normal_groups):
    """scipy.stats.bootstrap, method='percentile', 20000 resamples, as the reference."""
    x, y = normal_groups
    ours = bs.bootstrap_g(x, y, n_resamples=20000, seed=3)
    ref = stats.bootstrap((x, y), _scipy_g, n_resamples=20000, method="percentile",
                          vectorized=True, rng=np.random.default_rng(4))
    assert ours.ci.low == pytest.approx(ref.confidence_interval.low, abs=0.02)
    assert ours.ci.high == pytest.approx(ref.confidence_interval.high, abs=0.02)
    assert ours.se == pytest.approx(ref.standard_error, rel=0.03)


def test_basic_interval_matches_scipy(normal_groups):
    x, y = normal_groups
    ours = bs.bootstrap_g(x, y, n_resamples=20000, method="basic", seed=5)
    ref = stats.bootstrap((x, y), _scipy_g, n_resamples=20000, method="basic",
                          vectorized=True, rng=np.random.default_rng(6))
    assert ours.ci.low == pytest.approx(ref.confidence_interval.low, abs=0.02)
    assert ours.ci.high == pytest.approx(ref.confidence_interval.high, abs=0.02)


def test_bootstrap_se_is_close_to_the_large_sample_formula(normal_groups):
    """For normal data the bootstrap SE should approach Borenstein's formula (eq. 4.20)."""
    x, y = normal_groups
    res = bs.bootstrap_g(x, y, n_resamples=20000, seed=7)
    assert res.se == pytest.approx(es.hedges_g(x, y).se, rel=0.1)


def test_same_seed_same_resamples_and_different_seed_differs():
    a = bs.bootstrap_g(MOVIE_1, MOVIE_2, seed=11)
    b = bs.bootstrap_g(MOVIE_1, MOVIE_2, seed=11)
    c = bs.bootstrap_g(MOVIE_1, MOVIE_2, seed=12)
    np.testing.assert_array_equal(a.distribution, b.distribution)
    assert not np.array_equal(a.distribution, c.distribution)


def test_percentile_and_basic_are_mirror_images():
    p = bs.bootstrap_g(MOVIE_1, MOVIE_2, seed=1, method="percentile")
    b = bs.bootstrap_g(MOVIE_1, MOVIE_2, seed=1, method="basic")
    assert b.ci.low == pytest.approx(2 * p.estimate - p.ci.high)
    assert b.ci.high == pytest.approx(2 * p.estimate - p.ci.low)


def test_change_score_bootstrap_estimate_and_pairs():
    pre1, post1 = [6, 5, 7, 6, 5, 7, np.nan], [3, 2, 3, 4, 2, 5, 1]
    pre2, post2 = [6, 6, 5, 7, 5, 6], [5, 4, 5, 6, 5, np.nan]
    res = bs.bootstrap_change_score_g(pre1, post1, pre2, post2, n_resamples=300)
    assert res.estimate == pytest.approx(es.change_score_g(pre1, post1, pre2, post2).estimate)
    assert (res.n1, res.n2) == (6, 5)
    assert res.measure == "change-score Hedges' g"


def test_change_score_bootstrap_resamples_people_not_scores():
    """The change-score g of the resampled people must equal g of resampled changes:
    scipy.stats.bootstrap on the change scores is the reference."""
    rng = np.random.default_rng(8)
    pre1 = rng.normal(4, 1.2, 44)
    post1 = 0.4 * pre1 + rng.normal(-0.5, 1.0, 44)
    pre2 = rng.normal(4, 1.2, 47)
    post2 = 0.4 * pre2 + rng.normal(1.2, 1.0, 47)
    ours = bs.bootstrap_change_score_g(pre1, post1, pre2, post2, n_resamples=20000, seed=9)
    ref = stats.bootstrap((post1 - pre1, post2 - pre2), _scipy_g, n_resamples=20000,
                          method="percentile", vectorized=True, rng=np.random.default_rng(10))
    assert ours.ci.low == pytest.approx(ref.confidence_interval.low, abs=0.02)
    assert ours.ci.high == pytest.approx(ref.confidence_interval.high, abs=0.02)


def test_public_data_change_score_g(public_trial_data):
    """Facts file: change-score g from the public file is about -1.15 and -1.78; the
    paper's bootstrap SEs (Table 2) are 0.24 for both post-treatment comparisons."""
    from prtlib.trial import cohort

    w = cohort.wide(public_trial_data)
    prt = w[w["arm"] == "prt"]
    for arm, g_ref in (("placebo", -1.15), ("usual_care", -1.78)):
        other = w[w["arm"] == arm]
        res = bs.bootstrap_change_score_g(prt["baseline"], prt["post"], other["baseline"],
                                          other["post"], seed=0)
        assert res.estimate == pytest.approx(g_ref, abs=0.005)
        assert res.se == pytest.approx(0.24, abs=0.05)




@settings(max_examples=40, deadline=None)
@given(scale=st.floats(0.1, 10), shift=st.floats(-5, 5), seed=st.integers(0, 1000))
def test_g_is_invariant_to_a_change_of_units(scale, shift, seed):
    """g has no units: a linear change of scale (a > 0) leaves every resampled g as is."""
    x = np.array(MOVIE_1, float)
    y = np.array(MOVIE_2, float)
    a = bs.bootstrap_g(x, y, n_resamples=200, seed=seed)
    b = bs.bootstrap_g(scale * x + shift, scale * y + shift, n_resamples=200, seed=seed)
    np.testing.assert_allclose(a.distribution, b.distribution, rtol=1e-9, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 1000), level=st.floats(0.5, 0.99))
def test_reflecting_the_scores_reflects_the_interval(seed, level):
    x = np.array(MOVIE_1, float)
    y = np.array(MOVIE_2, float)
    a = bs.bootstrap_g(x, y, n_resamples=200, seed=seed, confidence_level=level)
    b = bs.bootstrap_g(-x, -y, n_resamples=200, seed=seed, confidence_level=level)
    assert b.estimate == pytest.approx(-a.estimate)
    assert b.ci.low == pytest.approx(-a.ci.high)
    assert b.ci.high == pytest.approx(-a.ci.low)
    assert a.ci.low <= a.ci.high


def test_str_and_repr_show_the_numbers():
    res = bs.bootstrap_g(MOVIE_1, MOVIE_2, seed=1, n_resamples=500)
    assert f"{res.estimate:.2f}" in str(res) and "percentile" in str(res)
    assert "BootstrapResult(" in repr(res) and "n_resamples=500" in repr(res)
    assert res.bias == pytest.approx(res.distribution.mean() - res.estimate)


@pytest.mark.parametrize("kwargs, name", [
    ({"n_resamples": 10}, "n_resamples"),
    ({"n_resamples": 2.5}, "n_resamples"),
    ({"confidence_level": 1.0}, "confidence_level"),
    ({"method": "bca"}, "method"),
    ({"seed": -1}, "seed"),
])
def test_bad_settings_name_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        bs.bootstrap_g(MOVIE_1, MOVIE_2, **kwargs)


def test_bad_data_name_the_parameter():
    with pytest.raises(ValueError, match="x"):
        bs.bootstrap_g([1.0], MOVIE_2)
    with pytest.raises(ValueError, match="y"):
        bs.bootstrap_g(MOVIE_1, [1.0, np.inf])
    with pytest.raises(ValueError, match="x and y must vary"):
        bs.bootstrap_g([3, 3, 3], [3, 3])
    with pytest.raises(ValueError, match="too little"):
        bs.bootstrap_g([1, 1, 1, 1, 2], [1, 1, 1, 1, 2], n_resamples=2000)
    with pytest.raises(ValueError, match="pre1 and post1"):
        bs.bootstrap_change_score_g([1, 2, 3], [1, 2], [1, 2], [2, 3])


def test_bootstrap_interval_is_an_interval_attribute():
    from prtlib.stats.intervals import Interval

    res = bs.bootstrap_g(MOVIE_1, MOVIE_2, seed=1, n_resamples=500, confidence_level=0.9,
                         method="basic")
    assert isinstance(res.ci, Interval)
    assert (res.ci.level, res.ci.method) == (0.9, "basic bootstrap")
    assert "ci=(" in repr(res) and f"{res.ci.low:.2f}" in str(res)


def test_bootstrap_nan_policy_omit_counts_and_matches_clean_data():
    """Omitting NaNs before resampling gives the very resamples of the clean data."""
    x = np.array([9, 7, np.nan, 8, 9, 8, 9, 9, 10, 9, 9])
    y = np.array([9, 6, 7, 8, 7, 9, 8, 8, 8, 7, np.nan, np.nan])
    res = bs.bootstrap_g(x, y, seed=4, n_resamples=300)
    clean = bs.bootstrap_g(MOVIE_1, MOVIE_2, seed=4, n_resamples=300)
    assert res.n_omitted == (1, 2) and clean.n_omitted == (0, 0)
    assert np.array_equal(res.distribution, clean.distribution) and res.ci == clean.ci
    pre1, post1 = [6, 5, 7, 6, 5, 7, np.nan], [3, 2, 3, 4, 2, 5, 1]
    pre2, post2 = [6, 6, 5, 7, 5, 6], [5, 4, 5, 6, 5, np.nan]
    paired = bs.bootstrap_change_score_g(pre1, post1, pre2, post2, n_resamples=300)
    assert paired.n_omitted == (1, 1)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: bs.bootstrap_g([1.0, np.nan, 3.0], MOVIE_2, nan_policy="raise"), "x"),
    (lambda: bs.bootstrap_change_score_g([1, 2, 3], [2, 3, 5], [1, 2, 3], [2, np.nan, 2],
                                         nan_policy="raise"), "post2"),
    (lambda: bs.bootstrap_g(MOVIE_1, MOVIE_2, nan_policy="ignore"), "nan_policy"),
])
def test_bootstrap_nan_policy_raise_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=f"^{name} must"):
        call()
