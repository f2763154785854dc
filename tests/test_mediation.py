"""Tests of prtlib.stats.mediation: paths, the bootstrap, summaries and confounding.

Independent references:
- statsmodels ``OLS`` on the same data (coefficients, standard errors, p-values);
- ``statsmodels.stats.mediation.Mediation`` (the Imai-Keele-Tingley estimator,
  doi:10.1037/a0020761) on statsmodels' own "framing" example data, whose ACME, ADE and
  total effect equal ab, c' and c for linear models;
- ``scipy.stats.bootstrap`` (paired, percentile) for the bootstrap interval;
- the population regression computed from the covariance matrix that the confounded
  model implies (normal equations solved with numpy), for the bias formula;
- the exact OLS identity c = c' + ab (MacKinnon, Fairchild & Fritz 2007,
  doi:10.1146/annurev.psych.58.110405.085542).

Whether the simulated cohort's TSK-11 and standardized paths meet eTable 5/6 for many
seeds is tested in tests/test_cohort.py (``test_tsk11_and_mediation``,
``test_total_and_direct_effects_near_etable5``, ``test_every_requirement_holds_for_any_seed``);
here the module's functions are checked against independent fits of the same data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from prtlib.stats import mediation as me
from prtlib.stats.intervals import Interval
from prtlib.trial import cohort, mechanisms, published

FRAMING = Path(statsmodels.__file__).parent / "stats" / "tests" / "results" / "framing.csv"


@pytest.fixture(scope="module")
def trial():
    return cohort.synthetic_trial(0)


def _z(v):
    v = np.asarray(v, dtype=float)
    return (v - v.mean()) / v.std(ddof=1)


def _ols(y, *columns):
    return sm.OLS(np.asarray(y, float), sm.add_constant(np.column_stack(columns))).fit()


# ---------------------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("standardize", [False, True])
def test_paths_equal_statsmodels_ols(trial, standardize):
    d = mechanisms.mediation_data(trial, "prt_vs_placebo", "12mo")
    x, m, y = d["x"].to_numpy(), d["m"].to_numpy(), d["y"].to_numpy()
    if standardize:
        m, y = _z(m), _z(y)
    p = me.mediation_paths(d["x"], d["m"], d["y"], standardize=standardize)
    fit_m, fit_y, fit_c = _ols(m, x), _ols(y, x, m), _ols(y, x)
    assert p.a == pytest.approx(fit_m.params[1]) and p.se_a == pytest.approx(fit_m.bse[1])
    assert p.c_prime == pytest.approx(fit_y.params[1])
    assert p.b == pytest.approx(fit_y.params[2]) and p.se_b == pytest.approx(fit_y.bse[2])
    assert p.c == pytest.approx(fit_c.params[1]) and p.se_c == pytest.approx(fit_c.bse[1])
    assert p.se_c_prime == pytest.approx(fit_y.bse[1])
    assert p.p_a == pytest.approx(fit_m.pvalues[1]) and p.p_b == pytest.approx(fit_y.pvalues[2])
    sobel = p.ab / np.sqrt(p.b ** 2 * p.se_a ** 2 + p.a ** 2 * p.se_b ** 2)
    assert p.sobel_z == pytest.approx(sobel)
    assert p.n == len(d)


def test_cohort_paths_are_etable5s(trial):
    """The cohort is built so that a and b are eTable 5's (see tests/test_cohort.py)."""
    d = mechanisms.mediation_data(trial)
    p = me.mediation_paths(d["x"], d["m"], d["y"])
    assert p.a == pytest.approx(published.get("mediation.tsk11.12mo.a"), abs=0.05)
    assert p.b == pytest.approx(published.get("mediation.tsk11.12mo.b"), abs=0.03)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(8, 60), a=st.floats(-3, 3),
       b=st.floats(-3, 3))
def test_total_effect_is_direct_plus_indirect(seed, n, a, b):
    rng = np.random.default_rng(seed)
    x = np.repeat([0.0, 1.0], [n // 2, n - n // 2])
    m = a * x + rng.standard_normal(n)
    y = b * m + rng.standard_normal(n)
    for standardize in (False, True):
        p = me.mediation_paths(x, m, y, standardize=standardize)
        assert p.c == pytest.approx(p.c_prime + p.ab, abs=1e-9)


def test_statsmodels_mediation_class_agrees_on_the_framing_data():
    """For linear mediator and outcome models without interaction, the average causal
    mediation effect is ab, the direct effect c' and the total effect c."""
    if not FRAMING.is_file():
        pytest.skip("statsmodels' framing example data is not installed")
    from statsmodels.stats.mediation import Mediation

    data = pd.read_csv(FRAMING)
    x, m, y = (data[c].to_numpy(float) for c in ("treat", "emo", "immigr"))
    ours = me.mediation_paths(x, m, y, standardize=False)
    outcome = sm.OLS(y, sm.add_constant(np.column_stack([x, m])))
    mediator = sm.OLS(m, sm.add_constant(x))
    result = Mediation(outcome, mediator, (1, 1), 2).fit(
        method="parametric", n_rep=500, rng=np.random.default_rng(2))
    table = result.summary()
    # Monte Carlo error of these simulation averages is about 0.005.
    assert table.loc["ACME (average)", "Estimate"] == pytest.approx(ours.ab, abs=0.02)
    assert table.loc["ADE (average)", "Estimate"] == pytest.approx(ours.c_prime, abs=0.03)
    assert table.loc["Total effect", "Estimate"] == pytest.approx(ours.c, abs=0.03)


def test_mediation_data_definitions(trial):
    pain, tsk = cohort.wide(trial, "pain"), cohort.wide(trial, "tsk11")
    d = mechanisms.mediation_data(trial, "prt_vs_usual_care", "post")
    person = d.index[0]
    assert d.loc[person, "m"] == tsk.loc[person, "post"] - tsk.loc[person, "baseline"]
    assert d.loc[person, "y"] == pain.loc[person, "post"]
    assert set(pain.loc[d.index, "arm"]) == {"prt", "usual_care"}
    assert d["x"].eq(pain.loc[d.index, "arm"].eq("prt").astype(float)).all()
    r = mechanisms.mediation_data(trial, "prt_vs_placebo", "post", direction="reverse")
    person = r.index[-1]
    assert r.loc[person, "m"] == pain.loc[person, "post"] - pain.loc[person, "baseline"]
    assert r.loc[person, "y"] == tsk.loc[person, "post"]
    # Complete cases: everyone with TSK-11 change and 12-month pain, PRT and placebo.
    full = mechanisms.mediation_data(trial)
    both = pain["arm"].isin(["prt", "placebo"]) & tsk["post"].notna() & pain["12mo"].notna()
    assert len(full) == int(both.sum())


# ---------------------------------------------------------------------------------------
# The bootstrap
# ---------------------------------------------------------------------------------------


def _ab_statistic(x, m, y, axis=-1):
    """ab by the normal equations, written out independently of prtlib."""
    x, m, y = (np.moveaxis(v, axis, -1) for v in (x, m, y))
    xc, mc, yc = (v - v.mean(-1, keepdims=True) for v in (x, m, y))
    sxx, smm = (xc ** 2).sum(-1), (mc ** 2).sum(-1)
    sxm, sxy, smy = (xc * mc).sum(-1), (xc * yc).sum(-1), (mc * yc).sum(-1)
    return sxm / sxx * (sxx * smy - sxm * sxy) / (sxx * smm - sxm ** 2)


def test_bootstrap_interval_matches_scipy(trial):
    d = mechanisms.mediation_data(trial, "prt_vs_placebo", "post")
    x, m, y = d["x"].to_numpy(), _z(d["m"]), _z(d["y"])
    ours = me.bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=20000, seed=3)
    ref = stats.bootstrap((x, m, y), _ab_statistic, paired=True, vectorized=True,
                          n_resamples=20000, method="percentile",
                          rng=np.random.default_rng(4))
    assert ours.estimate == pytest.approx(_ab_statistic(x, m, y))
    assert ours.ci.low == pytest.approx(ref.confidence_interval.low, abs=0.03)
    assert ours.ci.high == pytest.approx(ref.confidence_interval.high, abs=0.03)
    assert ours.distribution.std(ddof=1) == pytest.approx(ref.standard_error, rel=0.05)


def test_bootstrap_interval_is_an_interval_with_its_level(trial):
    d = mechanisms.mediation_data(trial)
    res = me.bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=1000,
                                confidence_level=0.9, seed=0)
    assert isinstance(res.ci, Interval)
    assert (res.ci.level, res.ci.method) == (0.9, "percentile bootstrap")
    # the percentile interval is numpy's quantiles of the resampled products
    low, high = np.quantile(res.distribution, [0.05, 0.95])
    assert tuple(res.ci) == pytest.approx((low, high))


def test_bootstrap_is_seeded(trial):
    d = mechanisms.mediation_data(trial)
    one = me.bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=500, seed=1)
    again = me.bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=500, seed=1)
    other = me.bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=500, seed=2)
    np.testing.assert_array_equal(one.distribution, again.distribution)
    assert not np.array_equal(one.distribution, other.distribution)
    assert one.estimate == pytest.approx(me.mediation_paths(d["x"], d["m"], d["y"]).ab)
    assert one.distribution.flags.writeable is False


def test_a_null_indirect_effect_is_rarely_significant():
    """With b = 0 and no confounding, a 95% interval should exclude 0 in few datasets."""
    rng = np.random.default_rng(8)
    hits = 0
    for _ in range(40):
        x = np.repeat([0.0, 1.0], 40)
        m = -1.0 * x + rng.standard_normal(80)
        y = -0.5 * x + rng.standard_normal(80)
        hits += me.bootstrap_indirect(x, m, y, n_resamples=400, seed=1).excludes_zero
    assert hits <= 6


# ---------------------------------------------------------------------------------------
# Total effect from summaries
# ---------------------------------------------------------------------------------------


def test_total_effect_from_summary_equals_ols_on_matching_data(trial):
    d = mechanisms.mediation_data(trial)
    groups = [d.loc[d["x"] == g, "y"] for g in (1.0, 0.0)]
    expected = me.mediation_paths(d["x"], d["m"], d["y"]).c
    got = me.total_effect_from_summary(groups[0].mean(), groups[0].std(), len(groups[0]),
                                       groups[1].mean(), groups[1].std(), len(groups[1]))
    assert got == pytest.approx(expected, abs=1e-12)


def test_table2_allows_a_total_effect_near_minus_0_71():
    """Two groups built with exactly Table 2's 12-month means, SDs and Figure 1's n give,
    by OLS, the same c as the formula: about -0.71, not eTable 5's -0.81."""
    rng = np.random.default_rng(0)
    summary = {}
    values = []
    for arm in ("prt", "placebo"):
        n = published.get(f"n.monitored.12mo.{arm}")
        mean = published.get(f"pain.12mo.{arm}.mean")
        sd = published.get(f"pain.12mo.{arm}.sd")
        values.append(mean + sd * _z(rng.standard_normal(n)))
        summary[arm] = (mean, sd, n)
    x = np.repeat([1.0, 0.0], [values[0].size, values[1].size])
    y = _z(np.concatenate(values))
    ols_c = _ols(y, x).params[1]
    c = me.total_effect_from_summary(*summary["prt"], *summary["placebo"])
    assert c == pytest.approx(ols_c, abs=1e-12)
    assert c == pytest.approx(-0.71, abs=0.01)
    assert abs(c - published.get("mediation.tsk11.12mo.c")) > 0.08


# ---------------------------------------------------------------------------------------
# Confounding
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, gm, gy, sm_, sy", [(-1.41, 0.5, 0.5, 1.0, 1.0),
                                                 (0.8, -1.2, 0.4, 0.7, 1.5),
                                                 (-0.3, 2.0, -1.0, 1.3, 0.5)])
def test_confounding_bias_is_the_population_regression(a, gm, gy, sm_, sy):
    """Build Cov(X, M, Y) implied by the model (X ~ Bernoulli(1/2), U ~ N(0,1)) and solve
    the normal equations for the regression of Y on X and M."""
    b, cp = 0.3, -0.2
    var_x = 0.25
    # Columns of the loadings on (X, U, e_M, e_Y).
    load_x = np.array([1.0, 0.0, 0.0, 0.0])
    load_m = np.array([a, gm, sm_, 0.0])
    load_y = cp * load_x + b * load_m + np.array([0.0, gy, 0.0, sy])
    scale = np.diag([var_x, 1.0, 1.0, 1.0])
    cov = np.array([[u @ scale @ v for v in (load_x, load_m, load_y)]
                    for u in (load_x, load_m, load_y)])
    coef = np.linalg.solve(cov[:2, :2], cov[:2, 2])
    bias = me.confounding_bias(a, gm, gy, sm_, sy)
    assert coef[1] - b == pytest.approx(bias.b_bias)
    assert coef[0] - cp == pytest.approx(-a * bias.b_bias)
    resid_m = load_m - a * load_x
    resid_y = load_y - (cp + a * b) * load_x - b * resid_m
    corr = (resid_m @ resid_y) / np.sqrt((resid_m @ resid_m) * (resid_y @ resid_y))
    assert bias.residual_correlation == pytest.approx(corr)
    assert bias.ab_bias == pytest.approx(a * bias.b_bias)


def test_simulation_converges_to_the_analytic_bias():
    sim = me.simulate_confounded_mediation(a=-1.41, b=0.2, u_to_m=0.7, u_to_y=-0.6, n=600,
                                           n_trials=2000, seed=1)
    expected = me.confounding_bias(-1.41, 0.7, -0.6)
    assert sim.a_hat.mean() == pytest.approx(-1.41, abs=0.01)
    assert sim.b_hat.mean() == pytest.approx(0.2 + expected.b_bias, abs=0.01)
    assert sim.mean_ab == pytest.approx(sim.expected_ab, abs=0.015)
    assert sim.expected_ab == pytest.approx(-1.41 * 0.2 + expected.ab_bias)


def test_without_a_confounder_the_estimate_is_unbiased_and_rarely_significant():
    for gm, gy in ((0.0, 0.9), (0.9, 0.0)):
        sim = me.simulate_confounded_mediation(b=0.0, u_to_m=gm, u_to_y=gy, n_trials=4000)
        assert abs(sim.mean_ab) < 0.01
        assert sim.share_significant < 0.07
    strong = me.simulate_confounded_mediation(b=0.0, u_to_m=1.0, u_to_y=1.0, n_trials=4000)
    assert strong.share_significant > 0.7  # no mechanism, yet "significant mediation"


def test_simulation_is_cached_and_read_only():
    one = me.simulate_confounded_mediation(u_to_m=0.3)
    assert me.simulate_confounded_mediation(u_to_m=0.3) is one
    assert one.ab_hat.flags.writeable is False


# ---------------------------------------------------------------------------------------
# Bad inputs
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("call, name", [
    (lambda: me.mediation_paths([0, 1, 0, 1], [1, 2, 3], [1, 2, 3, 4]), "same length"),
    (lambda: me.mediation_paths([0, 0, 0, 0, 0], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]), "x"),
    (lambda: me.mediation_paths([[0, 1]], [1, 2], [1, 2]), "x"),
    (lambda: me.mediation_paths(["a"] * 5, [1] * 5, [1] * 5), "x"),
    (lambda: me.mediation_paths([0, 1, 0, 1, 0], [1, 2, 3, 4, 5], [1, 2, np.inf, 4, 5]), "y"),
    (lambda: me.mediation_paths([0, 1, 0], [1, 2, 3], [3, 1, 2]), "at least 4"),
    (lambda: me.mediation_paths([0, 1, 0, 1], [1, 2, 3, 4], [3, 1, 2, 4], standardize=1),
     "standardize"),
    (lambda: me.bootstrap_indirect([0, 1, 0, 1, 0], [1, 2, 3, 4, 5], [2, 1, 3, 5, 4],
                                   n_resamples=10), "n_resamples"),
    (lambda: me.bootstrap_indirect([0, 1, 0, 1, 0], [1, 2, 3, 4, 5], [2, 1, 3, 5, 4],
                                   confidence_level=95), "confidence_level"),
    (lambda: me.total_effect_from_summary(1, -1, 10, 2, 1, 10), "sd1"),
    (lambda: me.total_effect_from_summary(1, 1, 1, 2, 1, 10), "n1"),
    (lambda: me.confounding_bias(1.0, 0.5, 0.5, sd_m_error=0), "sd_m_error"),
    (lambda: me.simulate_confounded_mediation(u_to_y=9), "u_to_y"),
    (lambda: me.simulate_confounded_mediation(n=5), "n"),
    (lambda: mechanisms.mediation_data(cohort.synthetic_trial(0), direction="sideways"), "direction"),
    (lambda: mechanisms.mediation_data(cohort.synthetic_trial(0), comparison="placebo"), "comparison"),
    (lambda: mechanisms.mediation_data(pd.DataFrame({"pain": [1]})), "df"),
])
def test_bad_inputs_name_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("m", [
    [0, 0, 0, 0, 1, 1, 1, 1],            # m equal to x
    [1, 1, 1, 1, 3, 3, 3, 3],            # m = 2x + 1
    [0.5, 0.5, 0.5, 0.5, -2, -2, -2, -2],  # m = 0.5 - 2.5x, negative slope
])
@pytest.mark.parametrize("call", [me.mediation_paths, me.bootstrap_indirect])
def test_mediator_collinear_with_x_is_refused(call, m):
    # With M an exact straight-line function of X, the regression Y ~ X + M has a
    # singular design (X'X not invertible, e.g. Fox 2016, Applied Regression Analysis,
    # 3rd ed., sec. 13.1), so b and c' do not exist: a ValueError that names m, shows
    # its values and says what is allowed, not a ZeroDivisionError.
    x = [0, 0, 0, 0, 1, 1, 1, 1]
    y = [1, 2, 3, 4, 3, 5, 6, 7]
    with pytest.raises(ValueError, match=r"^m must not be a straight-line function of x") \
            as info:
        call(x, m, y)
    message = str(info.value)
    assert "r(x, m) = " in message and "m = [" in message
    assert "allowed is a mediator that varies apart from x" in message


def test_mediator_nearly_collinear_is_still_fitted():
    # One person off the line is enough for the model to exist; a and ab stay finite.
    x = [0, 0, 0, 0, 1, 1, 1, 1]
    m = [1, 1, 1, 1.1, 3, 3, 3, 3]
    p = me.mediation_paths(x, m, [1, 2, 3, 4, 3, 5, 6, 7], standardize=False)
    assert np.isfinite([p.a, p.b, p.c_prime, p.ab]).all()
