"""Tests for prtlib.trial.trial_effects.

Reference values: the trial paper and its supplement (through the facts file,
/work/shared/reference/trial-facts.md), Morris (2008) Table 5 (as reproduced by the
metafor project's documentation of that article), and independent implementations in
statsmodels (2x2 tables, OLS, normal-approximation power).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from prtlib.trial import cohort
from prtlib.trial import trial_effects as te

# --- responders ---------------------------------------------------------------------------


def test_pain01_post_counts_are_the_papers():
    """Paper: 33 of 50, 10 of 51 and 5 of 50 had pain 0 or 1 after treatment."""
    r = te.responder_counts("pain01", "post")
    assert r.counts == {"prt": 33, "placebo": 10, "usual_care": 5}
    assert r.randomized == {"prt": 50, "placebo": 51, "usual_care": 50}


@pytest.mark.parametrize("rule", te.RESPONDER_RULES)
@pytest.mark.parametrize("time", te.RESPONDER_TIMES)
def test_counts_reproduce_etable2_percentages(rule, time):
    """eTable 2 (facts file): e.g. >=30% reduction post 78 / 49 / 38 %."""
    printed = {
        ("reduction30", "post"): (78, 49, 38), ("reduction30", "12mo"): (70, 49, 30),
        ("reduction50", "post"): (70, 29, 16), ("reduction50", "12mo"): (60, 35, 20),
        ("pain01", "post"): (66, 20, 10), ("pain01", "12mo"): (52, 27, 16),
    }[(rule, time)]
    r = te.responder_counts(rule, time)
    for arm, pct in zip(("prt", "placebo", "usual_care"), printed, strict=True):
        assert round(r.percent(arm)) == pct
        assert r.printed_percent[arm] == pct


def test_compare_responders_matches_statsmodels_2x2():
    """statsmodels Table2x2: risk ratio with log interval, odds ratio with Woolf interval."""
    from statsmodels.stats.contingency_tables import Table2x2

    c = te.compare_responders("prt_vs_placebo", "reduction50", "12mo")
    ref = Table2x2(np.array([[30, 20], [18, 33]]))
    assert c.risk_ratio == pytest.approx(ref.riskratio)
    assert c.odds_ratio == pytest.approx(ref.oddsratio)
    np.testing.assert_allclose(c.risk_ratio_ci, ref.riskratio_confint(), rtol=1e-9)
    np.testing.assert_allclose(c.odds_ratio_ci, ref.oddsratio_confint(), rtol=1e-9)
    assert c.nnt == pytest.approx(1 / (30 / 50 - 18 / 51))


def test_compare_responders_pain01_post_vs_usual_care():
    """Paper counts 33/50 vs 5/50: RD 0.56, so NNT 1/0.56."""
    c = te.compare_responders("prt_vs_usual_care")
    assert c.risk_difference == pytest.approx(0.56)
    assert c.nnt == pytest.approx(1 / 0.56)
    assert c.cohens_h == pytest.approx(2 * math.asin(math.sqrt(0.66))
                                       - 2 * math.asin(math.sqrt(0.10)))


# --- Table 2 ------------------------------------------------------------------------------


def test_table2_effects_reads_the_table_and_adds_post_only_g():
    """Table 2: -1.14 (0.24) and -1.75 (0.24) post; -0.70 (0.21) and -1.05 (0.24) at 12 mo.
    Facts file: post-only g from the post means and SDs is about -1.13 and -1.43."""
    placebo = te.table2_effects("prt_vs_placebo")
    usual = te.table2_effects("prt_vs_usual_care")
    assert list(placebo.index) == ["post", "1mo", "2mo", "3mo", "6mo", "12mo"]
    assert placebo.loc["post", "g"] == -1.14 and placebo.loc["post", "se"] == 0.24
    assert usual.loc["12mo", "g"] == -1.05 and usual.loc["12mo", "se"] == 0.24
    assert round(placebo.loc["post", "post_only_g"], 2) == -1.13
    assert round(usual.loc["post", "post_only_g"], 2) == -1.43
    assert placebo.loc["post", "ci_low"] == pytest.approx(-1.14 - 1.959964 * 0.24, abs=1e-6)
    assert (placebo["n_prt"].tolist() == [44, 38, 37, 37, 41, 45])  # Figure 1


# --- which standardized difference -------------------------------------------------------


def test_pretest_sd_d_matches_morris_table5():
    """Morris (2008), Table 5, study 5: d_ppc2 = 0.44 (Carlson & Schmidt training data)."""
    assert te.pretest_sd_d(35.6, 36.0, 4.7, 14, 34.8, 33.4, 3.1, 14) == pytest.approx(
        0.44, abs=0.005)


def test_effect_size_variants_on_the_cohort():
    df = cohort.synthetic_trial(seed=0)
    v = te.effect_size_variants(df, "prt_vs_placebo")
    w = cohort.wide(df)
    a, b = w[w.arm == "prt"], w[w.arm == "placebo"]
    from prtlib.stats.effect_sizes import change_score_g, hedges_g

    assert v.loc["change-score g", "estimate"] == pytest.approx(
        change_score_g(a.baseline, a.post, b.baseline, b.post).estimate)
    assert v.loc["post-only g", "estimate"] == pytest.approx(hedges_g(a.post, b.post).estimate)
    # the cohort reproduces Table 2's change-score g within 0.03 (its documented promise)
    assert v.loc["change-score g", "estimate"] == pytest.approx(-1.14, abs=0.03)
    from prtlib.stats.effect_sizes import hedges_correction

    d_row = v.loc["change-score d"]
    assert d_row.estimate == pytest.approx(d_row.difference / d_row.yardstick)
    for name in ("change-score g", "post-only g"):
        row = v.loc[name]
        j = hedges_correction(row.n_prt + row.n_control - 2)
        assert row.estimate == pytest.approx(j * row.difference / row.yardstick)


def test_baseline_adjusted_g_uses_the_ols_coefficient(public_trial_data):
    """statsmodels OLS of post on arm and baseline gives the same adjusted difference."""
    import statsmodels.api as sm

    v = te.effect_size_variants(public_trial_data, "prt_vs_usual_care")
    w = cohort.wide(public_trial_data)
    both = w[w.arm.isin(["prt", "usual_care"])][["arm", "baseline", "post"]].dropna()
    x = sm.add_constant(np.column_stack([(both.arm == "prt").astype(float), both.baseline]))
    fit = sm.OLS(both.post.to_numpy(), x).fit()
    assert v.loc["baseline-adjusted g", "difference"] == pytest.approx(fit.params[1])


def test_public_data_variants_agree_with_the_facts_file(public_trial_data):
    """Facts file: change-score g from the public file about -1.15 and -1.78; its post
    means and SDs reproduce Table 2, so its post-only g is about -1.13 and -1.43."""
    for cmp, change, post in (("prt_vs_placebo", -1.15, -1.13),
                              ("prt_vs_usual_care", -1.78, -1.43)):
        v = te.effect_size_variants(public_trial_data, cmp)
        assert round(v.loc["change-score g", "estimate"], 2) == change
        # -1.42 from the raw file, -1.43 from Table 2's rounded means and SDs
        assert v.loc["post-only g", "estimate"] == pytest.approx(post, abs=0.011)


# --- dichotomizing -----------------------------------------------------------------------


def test_efficiency_at_the_median_is_two_over_pi():
    """The asymptotic relative efficiency of a median split under normality is 2/pi."""
    assert te.dichotomization_efficiency(0.5) == pytest.approx(2 / math.pi)


@pytest.mark.parametrize("rate", [0.1, 0.2, 0.5, 0.8])
def test_efficiency_matches_the_sample_size_ratio_for_a_small_effect(rate):
    """statsmodels NormalIndPower: n for Cohen's h over n for d, as d -> 0."""
    from statsmodels.stats.power import NormalIndPower

    d = 0.02
    p1 = stats.norm.cdf(d + stats.norm.ppf(rate))
    h = 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(rate))
    solver = NormalIndPower()
    n_means = solver.solve_power(effect_size=d, power=0.8, alpha=0.05)
    n_props = solver.solve_power(effect_size=h, power=0.8, alpha=0.05)
    assert te.dichotomization_efficiency(rate) == pytest.approx(n_means / n_props, rel=0.02)


@settings(max_examples=50, deadline=None)
@given(rate=st.floats(0.01, 0.99))
def test_efficiency_is_symmetric_and_below_the_median_split(rate):
    eff = te.dichotomization_efficiency(rate)
    assert eff == pytest.approx(te.dichotomization_efficiency(1 - rate), rel=1e-9)
    assert 0 < eff <= 2 / math.pi + 1e-12


def test_efficiency_accepts_arrays():
    out = te.dichotomization_efficiency([0.2, 0.5])
    assert out.shape == (2,) and out[1] == pytest.approx(2 / math.pi)


@pytest.mark.parametrize("d, n, rate", [(0.62, 50, 0.2), (0.3, 100, 0.5), (1.0, 20, 0.1)])
def test_responder_power_matches_statsmodels(d, n, rate):
    from statsmodels.stats.power import NormalIndPower

    p1 = stats.norm.cdf(d + stats.norm.ppf(rate))
    h = 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(rate))
    ref = NormalIndPower().power(effect_size=h, nobs1=n, alpha=0.05, ratio=1.0)
    assert te.responder_power(d, n, rate) == pytest.approx(ref, rel=1e-6)


def test_responder_analysis_has_less_power_than_the_t_test():
    from prtlib.stats.power import power_two_groups

    assert te.responder_power(0.62, 50, 0.2) < power_two_groups(0.62, 50)


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("call, name", [
    (lambda: te.responder_counts("pain02"), "rule"),
    (lambda: te.responder_counts("pain01", "6mo"), "time"),
    (lambda: te.compare_responders("prt_vs_nothing"), "comparison"),
    (lambda: te.table2_effects(confidence_level=2), "confidence_level"),
    (lambda: te.pretest_sd_d(1, 2, -1, 10, 1, 2, 1, 10), "pre_sd1"),
    (lambda: te.pretest_sd_d(1, 2, 1, 1, 1, 2, 1, 10), "n1"),
    (lambda: te.dichotomization_efficiency(1.0), "control_rate"),
    (lambda: te.dichotomization_efficiency([0.2, 1.5]), "control_rate"),
    (lambda: te.responder_power(0.5, 1), "n_per_group"),
    (lambda: te.responder_power(float("nan"), 10), "d"),
    (lambda: te.effect_size_variants(cohort.synthetic_trial(0), time="baseline"), "time"),
    (lambda: te.effect_size_variants("table"), "df"),
    (lambda: te.ResponderCounts("pain01", "post", {}, {}, {}).percent("surgery"), "arm"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
