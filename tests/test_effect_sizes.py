"""Tests for prtlib.stats.effect_sizes.

Every reference value comes from a source independent of this module, named next to the
test: a published worked example, R package documentation, the trial paper (through
/work/shared/reference/trial-facts.md), or another Python library (scipy, statsmodels).
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

import numpy as np
import pytest
from _shared import DATA_FILE
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, special, stats

from prtlib.stats import effect_sizes as es
from prtlib.stats import overlap as ov
from prtlib.stats import proportions as pr

# ---------------------------------------------------------------------------------------
# Public data used below
# ---------------------------------------------------------------------------------------

# Lakens (2013), Front Psychol 4:863, doi:10.3389/fpsyg.2013.00863: ratings of two movies
# by two independent groups of ten (the article's running example).
MOVIE_1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
MOVIE_2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]

# R's built-in mtcars data set (Henderson & Velleman 1981), columns mpg and am
# (0 = automatic, 1 = manual), in row order.
MTCARS_MPG = [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3,
              15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3,
              26.0, 30.4, 15.8, 19.7, 15.0, 21.4]
MTCARS_WT = [2.620, 2.875, 2.320, 3.215, 3.440, 3.460, 3.570, 3.190, 3.150, 3.440, 3.440,
             4.070, 3.730, 3.780, 5.250, 5.424, 5.345, 2.200, 1.615, 1.835, 2.465, 3.520,
             3.435, 3.840, 3.845, 1.935, 2.140, 1.513, 3.170, 2.770, 3.570, 2.780]
MTCARS_AM = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1,
             1, 1, 1, 1, 1]



def _mtcars_groups(column=MTCARS_MPG):
    """(automatic, manual): R's formula interface puts am = 0 first."""
    values = np.array(column)
    am = np.array(MTCARS_AM)
    return values[am == 0], values[am == 1]


def _trial_data_path() -> Path | None:
    return DATA_FILE if DATA_FILE.is_file() else None


# ---------------------------------------------------------------------------------------
# Published worked examples
# ---------------------------------------------------------------------------------------


def test_borenstein_chapter_4_example():
    """Borenstein, Hedges, Higgins & Rothstein (2009), Introduction to Meta-Analysis, ch. 4:
    means 103 vs 100, SDs 5.5 vs 4.5, n = 50 each give S_within = 5.0249, d = 0.5970,
    V_d = 0.0418, J = 0.9923, g = 0.5924, V_g = 0.0411 (SE_g = 0.2028)."""
    d = es.cohens_d_from_summary(103, 5.5, 50, 100, 4.5, 50)
    assert d.estimate == pytest.approx(0.5970, abs=5e-5)
    assert d.se**2 == pytest.approx(0.0418, abs=5e-5)
    assert d.j == 1.0
    assert d.df == 98

    g = es.hedges_g_from_summary(103, 5.5, 50, 100, 4.5, 50)
    assert g.j == pytest.approx(0.9923, abs=5e-5)
    assert g.estimate == pytest.approx(0.5924, abs=5e-5)
    assert g.se**2 == pytest.approx(0.0411, abs=5e-5)
    assert g.se == pytest.approx(0.2029, abs=5e-4)
    assert es.hedges_correction(98, exact=False) == pytest.approx(0.9923, abs=5e-5)


def test_lakens_2013_movie_example():
    """Lakens (2013), doi:10.3389/fpsyg.2013.00863: independent-groups d_s = 1.13 and
    g_s = 1.08 for the movie ratings (the same two values are the expected results of an
    R package's testthat suite that reproduces the article's example)."""
    d = es.cohens_d(MOVIE_1, MOVIE_2)
    g = es.hedges_g(MOVIE_1, MOVIE_2)
    assert round(d.estimate, 2) == 1.13
    assert round(g.estimate, 2) == 1.08
    assert (d.n1, d.n2, d.df) == (10, 10, 18)


def test_t_statistic_matches_scipy_ttest():
    """scipy.stats.ttest_ind (pooled variance): t = d / sqrt(1/n1 + 1/n2)."""
    d = es.cohens_d(MOVIE_1, MOVIE_2)
    reference = stats.ttest_ind(MOVIE_1, MOVIE_2, equal_var=True).statistic
    assert d.t_statistic == pytest.approx(reference, rel=1e-12)


def test_effectsize_mtcars_cohens_d_and_hedges_g():
    """R package effectsize documentation (README, rdocumentation.org effectsize 0.7.0):
    cohens_d(mpg ~ am, data = mtcars) prints -1.48, 95% CI [-2.27, -0.67];
    hedges_g(mpg ~ am, data = mtcars) prints -1.44, 95% CI [-2.21, -0.65].
    R orders the groups am = 0 then am = 1, so group 1 is automatic."""
    automatic, manual = _mtcars_groups()
    d = es.cohens_d(automatic, manual)
    low, high = d.confidence_interval(0.95)
    assert round(d.estimate, 2) == -1.48
    assert (round(low, 2), round(high, 2)) == (-2.27, -0.67)

    g = es.hedges_g(automatic, manual)
    low, high = g.confidence_interval(0.95)
    assert round(g.estimate, 2) == -1.44
    assert (round(low, 2), round(high, 2)) == (-2.21, -0.65)


def test_effectsize_test_suite_mtcars_weight():
    """easystats/effectsize, tests/testthat/test-cohens_d.R: cohens_d(wt ~ am, mtcars,
    pooled_sd = TRUE) = 1.892, CI 1.030 to 2.732; hedges_g(wt ~ am) = 1.844, CI 1.004 to
    2.664 (noncentral-t intervals)."""
    automatic, manual = _mtcars_groups(MTCARS_WT)
    d = es.cohens_d(automatic, manual)
    assert d.estimate == pytest.approx(1.892, abs=1e-3)
    assert d.confidence_interval() == pytest.approx((1.030, 2.732), abs=1e-3)
    g = es.hedges_g(automatic, manual)
    assert g.estimate == pytest.approx(1.844, abs=1e-3)
    assert g.confidence_interval() == pytest.approx((1.004, 2.664), abs=1e-3)


# ---------------------------------------------------------------------------------------
# The noncentral-t interval
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "level"),
    [
        ((103, 5.5, 50, 100, 4.5, 50), 0.95),
        ((3.0, 1.0, 50, 0.0, 1.0, 50), 0.95),  # d = 3: |t| = 15
        ((0.0, 1.0, 12, 0.0, 1.0, 9), 0.90),  # d = 0
        ((-2.0, 1.0, 4, 0.0, 1.0, 3), 0.99),  # tiny groups, df = 5
        ((8.0, 1.0, 200, 0.0, 1.0, 200), 0.95),  # |t| = 80
    ],
)
@pytest.mark.parametrize("hedges", [False, True])
def test_noncentral_interval_defining_property(summary, level, hedges):
    """scipy.stats.nct: at the returned limits the observed t sits exactly at the
    1 - alpha/2 and alpha/2 points of the noncentral t (the definition of the interval)."""
    make = es.hedges_g_from_summary if hedges else es.cohens_d_from_summary
    result = make(*summary)
    alpha = 1 - level
    low, high = result.confidence_interval(level)
    scale = math.sqrt(1 / result.n1 + 1 / result.n2)
    t_obs = result.t_statistic
    ncp_low = low / result.j / scale
    ncp_high = high / result.j / scale
    assert stats.nct.cdf(t_obs, result.df, ncp_low) == pytest.approx(1 - alpha / 2, abs=1e-7)
    assert stats.nct.cdf(t_obs, result.df, ncp_high) == pytest.approx(alpha / 2, abs=1e-7)
    assert low < result.estimate < high


def test_noncentral_interval_approaches_normal_for_large_samples():
    """For large n the noncentral t is nearly normal, so the exact interval and the
    large-sample interval estimate +/- z * SE agree."""
    result = es.cohens_d_from_summary(0.5, 1.0, 20000, 0.0, 1.0, 20000)
    exact = result.confidence_interval(method="noncentral")
    normal = result.confidence_interval(method="normal")
    z = stats.norm.ppf(0.975)
    assert normal == pytest.approx((result.estimate - z * result.se,
                                    result.estimate + z * result.se))
    assert exact == pytest.approx(normal, abs=1e-4)


def test_noncentral_interval_is_fast_and_robust_for_large_t():
    """d = 3 with n = 50 per group (t = 15) must work, and quickly (it sits behind a
    slider): well under 50 ms per interval even on a busy machine."""
    result = es.cohens_d_from_summary(3.0, 1.0, 50, 0.0, 1.0, 50)
    start = time.perf_counter()
    for _ in range(10):
        low, high = result.confidence_interval()
    per_call = (time.perf_counter() - start) / 10
    assert per_call < 0.05
    assert math.isfinite(low) and math.isfinite(high)
    assert 2.0 < low < 3.0 < high < 4.0


# ---------------------------------------------------------------------------------------
# Hedges' correction
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("df", [2, 3, 5, 10.5, 38, 98, 150])
def test_hedges_correction_matches_gamma_formula(df):
    """scipy.special.gamma evaluated directly: J = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))."""
    direct = special.gamma(df / 2) / (math.sqrt(df / 2) * special.gamma((df - 1) / 2))
    assert es.hedges_correction(df) == pytest.approx(direct, rel=1e-12)


def test_hedges_correction_is_stable_for_huge_df():
    """Gamma(df/2) overflows a float for df > about 340; the log-scale formula must not.
    Both forms tend to 1 - 3/(4 df) (Hedges 1981)."""
    for df in (400, 1e4, 1e8):
        exact = es.hedges_correction(df)
        assert math.isfinite(exact)
        assert exact == pytest.approx(1 - 3 / (4 * df - 1), abs=1e-6)


def test_hedges_correction_approximation():
    """Hedges (1981) approximation J = 1 - 3 / (4 df - 1), e.g. df = 18 gives 69/71."""
    assert es.hedges_correction(18, exact=False) == pytest.approx(1 - 3 / 71)


# ---------------------------------------------------------------------------------------
# The PRT trial
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("control", "expected"),
    [((2.84, 1.64, 44), -1.13), ((3.13, 1.45, 47), -1.43)],
)
def test_trial_post_only_g_from_table_2(control, expected):
    """Ashar et al. 2022 Table 2, post-treatment pain: PRT 1.18 (1.24), n = 44; placebo
    2.84 (1.64), n = 44; usual care 3.13 (1.45), n = 47. trial-facts.md: g from post
    means and SDs alone is about -1.13 (vs placebo) and -1.43 (vs usual care)."""
    g = es.hedges_g_from_summary(1.18, 1.24, 44, *control)
    assert g.estimate == pytest.approx(expected, abs=0.01)
    assert g.measure == "Hedges' g"


@pytest.fixture(scope="module")
def trial_pain():
    """Pre and post pain_avg per person, paired by id, from the public CC0 data file."""
    path = _trial_data_path()
    if path is None:
        pytest.skip(f"{DATA_FILE} not found (set PRTLIB_TEST_DATA_DIR)")
    pd = pytest.importorskip("pandas")
    data = pd.read_csv(path, na_values=["<undefined>", "NaN"])
    patients = data[data["group"].notna()]
    wide = patients.pivot(index="id", columns="time", values="pain_avg")
    wide["group"] = patients.groupby("id")["group"].first()
    return {arm: (wide.loc[wide["group"] == code, 1].to_numpy(),
                  wide.loc[wide["group"] == code, 2].to_numpy())
            for arm, code in (("prt", 1), ("placebo", 2), ("usual_care", 3))}


@pytest.mark.parametrize(("control", "expected", "n2"),
                         [("placebo", -1.15, 44), ("usual_care", -1.78, 47)])
def test_trial_change_score_g_from_public_data(trial_pain, control, expected, n2):
    """trial-facts.md: the change-score g from the public data is about -1.15 (PRT vs
    placebo) and -1.78 (PRT vs usual care); the paper's Table 2 prints -1.14 and -1.75.
    Complete pairs: 44 PRT, 44 placebo, 47 usual care (post counts of Table 2)."""
    g = es.change_score_g(*trial_pain["prt"], *trial_pain[control])
    assert g.estimate == pytest.approx(expected, abs=0.01)
    assert (g.n1, g.n2) == (44, n2)
    assert g.measure == "change-score Hedges' g"


def test_change_score_g_matches_hand_computation_and_drops_incomplete_pairs():
    """numpy by hand: drop pairs with a missing value, pool the SDs of the changes with
    n - 1 weights, multiply by the exact J (scipy.special.gamma)."""
    pre1 = np.array([6.0, 5.0, np.nan, 7.0, 6.0, 4.0])
    post1 = np.array([3.0, 2.0, 1.0, 3.0, np.nan, 1.0])
    pre2 = np.array([6.0, 6.0, 5.0, 7.0, 5.0])
    post2 = np.array([5.0, 4.0, 5.0, 6.0, 4.5])
    keep = ~(np.isnan(pre1) | np.isnan(post1))
    c1, c2 = (post1 - pre1)[keep], post2 - pre2
    n1, n2 = c1.size, c2.size
    pooled = math.sqrt(((n1 - 1) * c1.var(ddof=1) + (n2 - 1) * c2.var(ddof=1)) / (n1 + n2 - 2))
    df = n1 + n2 - 2
    j = special.gamma(df / 2) / (math.sqrt(df / 2) * special.gamma((df - 1) / 2))

    g = es.change_score_g(pre1, post1, pre2, post2)
    assert (g.n1, g.n2) == (4, 5)
    assert g.estimate == pytest.approx(j * (c1.mean() - c2.mean()) / pooled, rel=1e-12)


def test_str_is_readable():
    """The format the course prints: "Hedges' g = -1.13 (SE 0.23), n = 44 vs 44"."""
    text = str(es.hedges_g_from_summary(1.18, 1.24, 44, 2.84, 1.64, 44))
    assert text.startswith("Hedges' g = -1.13 (SE 0.")
    assert text.endswith("n = 44 vs 44")


# ---------------------------------------------------------------------------------------
# Overlap, superiority and NNT
# ---------------------------------------------------------------------------------------


def _density_overlap(d):
    """OVL by numerical integration of min(phi(x), phi(x - d)) (scipy.integrate)."""
    value, _ = integrate.quad(lambda x: min(stats.norm.pdf(x), stats.norm.pdf(x, loc=d)),
                              -12, 12 + abs(d), points=[d / 2], limit=200)
    return value


@pytest.mark.parametrize("d", [-1.5, -0.3, 0.0, 0.2, 0.8, 2.5])
def test_overlap_stats_match_their_definitions(d):
    """Definitions, evaluated with scipy independently of the closed forms:
    U3 = P(treated > control mean); OVL = shared area of the two densities;
    CL = P(random treated > random control) by integration; NNT from Furukawa &
    Leucht (2011): the response threshold that a share CER of controls passes, the share
    of treated that passes it, and 1 / (difference)."""
    cer = 0.2
    s = ov.overlap_stats(d, control_event_rate=cer)
    assert s.u3 == pytest.approx(stats.norm.sf(0, loc=d), abs=1e-12)
    assert s.overlap == pytest.approx(_density_overlap(d), abs=1e-7)
    cl, _ = integrate.quad(lambda x: stats.norm.pdf(x) * stats.norm.sf(x, loc=d), -12, 12)
    assert s.prob_superiority == pytest.approx(cl, abs=1e-7)

    threshold = stats.norm.isf(cer)  # control responders: above this line
    treated_rate = stats.norm.sf(threshold, loc=d)
    assert s.treated_event_rate == pytest.approx(treated_rate, abs=1e-12)
    if d == 0:
        assert s.nnt == math.inf and s.nnt_kind == "none"
    else:
        assert s.nnt == pytest.approx(1 / abs(treated_rate - cer), rel=1e-9)
        assert s.nnt_kind == ("benefit" if d > 0 else "harm")


def test_overlap_stats_cohen_u3_table():
    """Cohen (1988), Table 2.2.1: U3 = 78.8% at d = 0.8 and 69.1% at d = 0.5."""
    assert ov.overlap_stats(0.8).u3 == pytest.approx(0.788, abs=5e-4)
    assert ov.overlap_stats(0.5).u3 == pytest.approx(0.691, abs=5e-4)


def test_overlap_stats_lower_is_better_mirrors_sign():
    """For pain (lower is better) a d of -x carries the benefit that +x carries on a
    higher-is-better scale; the sentence says so."""
    pain = ov.overlap_stats(-1.14, lower_is_better=True)
    mood = ov.overlap_stats(1.14)
    for name in ("u3", "overlap", "prob_superiority", "treated_event_rate", "nnt"):
        assert getattr(pain, name) == pytest.approx(getattr(mood, name))
    assert pain.nnt_kind == "benefit"
    assert "below the control group's mean" in pain.sentence()
    assert "scores lower than a random control" in pain.sentence()


def test_overlap_sentence_content():
    """The slider readout: numbers as percentages and an infinite NNT spelled out at 0."""
    text = ov.overlap_stats(0.8).sentence()
    assert text.startswith("With d = 0.80, 79% of the treated group sits above")
    assert "overlap by 69%" in text and "71% of the time" in text
    assert "treating 3.5 people yields one more good outcome" in text
    assert "20% of controls" in text
    zero = ov.overlap_stats(0.0).sentence()
    assert "infinite" in zero
    harm = ov.overlap_stats(-0.5).sentence()
    assert "number needed to harm" in harm


# ---------------------------------------------------------------------------------------
# Two proportions
# ---------------------------------------------------------------------------------------


def test_newcombe_1998_worked_examples():
    """Newcombe (1998), Stat Med 17:873-890, method 10, as reproduced in the tests of the R
    package propint (m-Py/propint, "results reported in Newcombe1998"):
    56/70 - 48/80 = 0.2000, 95% CI 0.0524 to 0.3339; 9/10 - 3/10 = 0.6, 0.1705 to 0.8090."""
    r = pr.compare_proportions(56, 70, 48, 80)
    assert r.risk_difference == pytest.approx(0.2)
    assert r.risk_difference_ci == pytest.approx((0.0524, 0.3339), abs=5e-5)
    r = pr.compare_proportions(9, 10, 3, 10)
    assert r.risk_difference == pytest.approx(0.6)
    assert r.risk_difference_ci == pytest.approx((0.1705, 0.8090), abs=5e-5)


@pytest.mark.parametrize(
    ("counts", "level"),
    [((33, 50, 10, 51), 0.95), ((33, 50, 5, 50), 0.90), ((12, 50, 10, 51), 0.99),
     ((0, 20, 5, 20), 0.95), ((20, 20, 19, 20), 0.95), ((1, 1, 0, 3), 0.95)],
)
def test_risk_difference_matches_statsmodels_newcomb(counts, level):
    """statsmodels.stats.proportion.confint_proportions_2indep(method="newcomb")."""
    from statsmodels.stats.proportion import confint_proportions_2indep

    reference = confint_proportions_2indep(*counts, method="newcomb", compare="diff",
                                           alpha=1 - level)
    r = pr.compare_proportions(*counts, confidence_level=level)
    assert r.risk_difference_ci == pytest.approx(tuple(map(float, reference)), abs=1e-10)


@pytest.mark.parametrize(("events", "n"), [(0, 10), (3, 10), (33, 50), (50, 50), (1, 1)])
def test_wilson_interval_matches_statsmodels(events, n):
    """statsmodels.stats.proportion.proportion_confint(method="wilson")."""
    from statsmodels.stats.proportion import proportion_confint

    reference = proportion_confint(events, n, alpha=0.05, method="wilson")
    assert pr.wilson_interval(events, n) == pytest.approx(tuple(map(float, reference)),
                                                          abs=1e-12)


@pytest.mark.parametrize("counts", [(33, 50, 10, 51), (33, 50, 5, 50), (7, 34, 1, 34)])
def test_ratios_match_statsmodels_table2x2(counts):
    """statsmodels.stats.contingency_tables.Table2x2: risk ratio and odds ratio with their
    log-scale (Katz, Woolf) intervals."""
    from statsmodels.stats.contingency_tables import Table2x2

    e1, n1, e2, n2 = counts
    table = Table2x2(np.array([[e1, n1 - e1], [e2, n2 - e2]]), shift_zeros=False)
    r = pr.compare_proportions(*counts)
    assert r.risk_ratio == pytest.approx(table.riskratio)
    assert r.risk_ratio_ci == pytest.approx(tuple(map(float, table.riskratio_confint())))
    assert r.odds_ratio == pytest.approx(table.oddsratio)
    assert r.odds_ratio_ci == pytest.approx(tuple(map(float, table.oddsratio_confint())))
    assert not r.zero_cell_correction


def test_zero_cell_uses_haldane_anscombe_correction():
    """With a zero cell, 0.5 is added to all four cells (Haldane-Anscombe); compared with
    statsmodels Table2x2 on the shifted table. (statsmodels' own shift_zeros replaces only
    the zero cells, so it is switched off here.) RD keeps the raw counts."""
    from statsmodels.stats.contingency_tables import Table2x2

    table = Table2x2(np.array([[0, 20], [5, 15]]) + 0.5, shift_zeros=False)
    r = pr.compare_proportions(0, 20, 5, 20)
    assert r.zero_cell_correction
    assert r.odds_ratio == pytest.approx(table.oddsratio)
    assert r.odds_ratio_ci == pytest.approx(tuple(map(float, table.oddsratio_confint())))
    assert r.risk_ratio == pytest.approx(table.riskratio)
    assert r.risk_ratio_ci == pytest.approx(tuple(map(float, table.riskratio_confint())))
    assert r.risk_difference == pytest.approx(-0.25)
    assert "0.5 added" in str(r)


@pytest.mark.parametrize(("p1", "p2"), [(0.66, 0.196), (0.1, 0.5), (0.0, 1.0), (0.3, 0.3)])
def test_cohens_h_matches_statsmodels(p1, p2):
    """statsmodels.stats.proportion.proportion_effectsize (Cohen's h)."""
    from statsmodels.stats.proportion import proportion_effectsize

    n = 1000
    r = pr.compare_proportions(round(p1 * n), n, round(p2 * n), n)
    assert r.cohens_h == pytest.approx(proportion_effectsize(r.p1, r.p2), abs=1e-12)


def test_nnt_interval_altman_style():
    """Altman (1998), BMJ 317:1309, as summarized by Newcombe's reply (BMJ 1999): an ARR
    interval from -5% to +25% becomes NNT benefit 4 through infinity to NNT harm 20.
    Barrowman (2002), CMAJ 166:1676: ARR 0.9% to 32.2% gives NNT 3.1 to 111.1."""
    (benefit, harm), crosses = pr._nnt_from_rd_interval(-0.05, 0.25)
    assert crosses
    assert (benefit, harm) == pytest.approx((4.0, 20.0))
    (low, high), crosses = pr._nnt_from_rd_interval(0.009, 0.322)
    assert not crosses
    assert (round(low, 1), round(high, 1)) == (3.1, 111.1)


def test_nnt_from_compare_proportions_inverts_newcombe_limits():
    """NNT = 1/RD and its limits are 1/(RD limits) from statsmodels' Newcombe interval."""
    from statsmodels.stats.proportion import confint_proportions_2indep

    low, high = map(float, confint_proportions_2indep(33, 50, 10, 51, method="newcomb"))
    r = pr.compare_proportions(33, 50, 10, 51)
    assert r.nnt == pytest.approx(1 / (33 / 50 - 10 / 51))
    assert r.nnt_kind == "benefit" and not r.nnt_ci_crosses_infinity
    assert r.nnt_ci == pytest.approx((1 / high, 1 / low))

    low, high = map(float, confint_proportions_2indep(12, 50, 10, 51, method="newcomb"))
    r = pr.compare_proportions(12, 50, 10, 51)
    assert low < 0 < high and r.nnt_ci_crosses_infinity
    assert r.nnt_ci == pytest.approx((1 / high, 1 / abs(low)))
    summary = r.nnt_summary()
    assert "NNT harm" in summary and "infinity" in summary and "NNT benefit" in summary


def test_event_is_good_flips_the_nnt_label():
    """Fewer adverse events in group 1 is a benefit; fewer good outcomes is a harm."""
    adverse = pr.compare_proportions(5, 50, 15, 50, event_is_good=False)
    assert adverse.nnt_kind == "benefit" and adverse.nnt == pytest.approx(5.0)
    good = pr.compare_proportions(5, 50, 15, 50)
    assert good.nnt_kind == "harm" and good.nnt == pytest.approx(5.0)
    same = pr.compare_proportions(10, 50, 10, 50)
    assert same.nnt == math.inf and same.nnt_kind == "none"


# ---------------------------------------------------------------------------------------
# Properties (hypothesis)
# ---------------------------------------------------------------------------------------

means = st.floats(-10, 10, allow_nan=False)
sds = st.floats(0.2, 5, allow_nan=False)
sizes = st.integers(2, 300)
levels = st.floats(0.5, 0.999)


@settings(max_examples=60, deadline=None)
@given(m1=means, s1=sds, n1=sizes, m2=means, s2=sds, n2=sizes, level=levels,
       method=st.sampled_from(["noncentral", "normal"]))
def test_swapping_groups_flips_sign_and_mirrors_interval(m1, s1, n1, m2, s2, n2, level,
                                                         method):
    forward = es.hedges_g_from_summary(m1, s1, n1, m2, s2, n2)
    backward = es.hedges_g_from_summary(m2, s2, n2, m1, s1, n1)
    assert backward.estimate == pytest.approx(-forward.estimate, abs=1e-12)
    assert backward.se == pytest.approx(forward.se)
    low, high = forward.confidence_interval(level, method)
    back_low, back_high = backward.confidence_interval(level, method)
    assert back_low == pytest.approx(-high, abs=1e-7)
    assert back_high == pytest.approx(-low, abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(m1=means, s1=sds, n1=sizes, m2=means, s2=sds, n2=sizes, level=levels,
       hedges=st.booleans())
def test_interval_contains_estimate(m1, s1, n1, m2, s2, n2, level, hedges):
    make = es.hedges_g_from_summary if hedges else es.cohens_d_from_summary
    result = make(m1, s1, n1, m2, s2, n2)
    for method in ("noncentral", "normal"):
        low, high = result.confidence_interval(level, method)
        assert low <= result.estimate <= high


@settings(max_examples=100, deadline=None)
@given(m1=means, s1=sds, n1=sizes, m2=means, s2=sds, n2=sizes)
def test_g_is_smaller_than_d_in_magnitude(m1, s1, n1, m2, s2, n2):
    d = es.cohens_d_from_summary(m1, s1, n1, m2, s2, n2)
    g = es.hedges_g_from_summary(m1, s1, n1, m2, s2, n2)
    if d.estimate == 0:
        assert g.estimate == 0
    else:
        assert abs(g.estimate) < abs(d.estimate)
        assert math.copysign(1, g.estimate) == math.copysign(1, d.estimate)


@settings(max_examples=100, deadline=None)
@given(a=st.floats(1.01, 1e6), b=st.floats(1.01, 1e6), exact=st.booleans())
def test_correction_increases_toward_one(a, b, exact):
    low_df, high_df = sorted((a, b))
    j_low = es.hedges_correction(low_df, exact=exact)
    j_high = es.hedges_correction(high_df, exact=exact)
    assert 0 < j_low <= j_high < 1


@settings(max_examples=50, deadline=None)
@given(m1=means, s1=sds, n1=sizes, m2=means, s2=sds, n2=sizes,
       a=st.floats(0.5, 0.99), b=st.floats(0.5, 0.99),
       method=st.sampled_from(["noncentral", "normal"]))
def test_intervals_widen_with_confidence_level(m1, s1, n1, m2, s2, n2, a, b, method):
    result = es.hedges_g_from_summary(m1, s1, n1, m2, s2, n2)
    narrow_level, wide_level = sorted((a, b))
    narrow = result.confidence_interval(narrow_level, method)
    wide = result.confidence_interval(wide_level, method)
    assert wide[0] <= narrow[0] + 1e-9
    assert narrow[1] <= wide[1] + 1e-9


@settings(max_examples=100, deadline=None)
@given(a=st.floats(-4, 4), b=st.floats(-4, 4), cer=st.floats(0.01, 0.99))
def test_overlap_stats_monotone_in_d(a, b, cer):
    d_low, d_high = sorted((a, b))
    low = ov.overlap_stats(d_low, control_event_rate=cer)
    high = ov.overlap_stats(d_high, control_event_rate=cer)
    assert low.u3 <= high.u3
    assert low.prob_superiority <= high.prob_superiority
    assert low.treated_event_rate <= high.treated_event_rate
    if abs(d_low) <= abs(d_high):
        assert low.overlap >= high.overlap
    if 0 < d_low and low.nnt_kind == high.nnt_kind == "benefit":
        assert high.nnt <= low.nnt


@settings(max_examples=100, deadline=None)
@given(n1=st.integers(1, 200), n2=st.integers(1, 200), data=st.data())
def test_compare_proportions_symmetric_in_sign(n1, n2, data):
    e1 = data.draw(st.integers(0, n1))
    e2 = data.draw(st.integers(0, n2))
    forward = pr.compare_proportions(e1, n1, e2, n2)
    backward = pr.compare_proportions(e2, n2, e1, n1)
    assert backward.risk_difference == pytest.approx(-forward.risk_difference, abs=1e-12)
    low, high = forward.risk_difference_ci
    assert backward.risk_difference_ci == pytest.approx((-high, -low), abs=1e-12)
    assert low <= forward.risk_difference <= high
    assert backward.risk_ratio == pytest.approx(1 / forward.risk_ratio)
    assert backward.odds_ratio == pytest.approx(1 / forward.odds_ratio)
    rr_low, rr_high = forward.risk_ratio_ci
    assert backward.risk_ratio_ci == pytest.approx((1 / rr_high, 1 / rr_low))
    assert backward.cohens_h == pytest.approx(-forward.cohens_h, abs=1e-12)
    assert backward.nnt == forward.nnt
    flipped = {"benefit": "harm", "harm": "benefit", "none": "none"}
    assert backward.nnt_kind == flipped[forward.nnt_kind]


# ---------------------------------------------------------------------------------------
# Bad input: a ValueError that names the parameter
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: es.cohens_d_from_summary(1, -1.0, 10, 0, 1, 10), "sd1"),
        (lambda: es.hedges_g_from_summary(1, 1, 10, 0, 0.0, 10), "sd2"),
        (lambda: es.cohens_d_from_summary(1, 1, 1, 0, 1, 10), "n1"),
        (lambda: es.hedges_g_from_summary(1, 1, 10, 0, 1, 9.5), "n2"),
        (lambda: es.cohens_d_from_summary(float("nan"), 1, 10, 0, 1, 10), "mean1"),
        (lambda: es.cohens_d_from_summary(1, 1, 10, "zero", 1, 10), "mean2"),
        (lambda: es.cohens_d([1.0], [1.0, 2.0]), "x"),
        (lambda: es.hedges_g([1.0, 2.0], [3.0, float("nan")]), "y"),
        (lambda: es.cohens_d([1.0, 1.0], [2.0, 2.0]), "x and y"),
        (lambda: es.hedges_correction(1), "df"),
        (lambda: es.hedges_correction("ten"), "df"),
        (lambda: es.change_score_g([1, 2, 3], [1, 2], [1, 2], [1, 2]), "pre1"),
        (lambda: es.change_score_g([1, 2], [1, 2], [1, 2, 3], [1, 2]), "pre2"),
        (lambda: es.change_score_g([1, np.nan], [1, 2], [1, 2], [1, 3]), "pre1/post1"),
        (lambda: es.hedges_g_from_summary(1, 1, 10, 0, 1, 10).confidence_interval(1.5),
         "confidence_level"),
        (lambda: es.cohens_d(MOVIE_1, MOVIE_2).confidence_interval(method="exact"),
         "method"),
        (lambda: ov.overlap_stats(0.5, control_event_rate=0.0), "control_event_rate"),
        (lambda: ov.overlap_stats(0.5, control_event_rate=1.2), "control_event_rate"),
        (lambda: ov.overlap_stats(math.inf), "d"),
        (lambda: ov.overlap_stats(0.5, lower_is_better="yes"), "lower_is_better"),
        (lambda: pr.compare_proportions(11, 10, 5, 10), "events1"),
        (lambda: pr.compare_proportions(1, 10, -1, 10), "events2"),
        (lambda: pr.compare_proportions(1, 0, 1, 10), "n1"),
        (lambda: pr.compare_proportions(1, 10, 1.5, 10), "events2"),
        (lambda: pr.compare_proportions(1, 10, 1, 10, confidence_level=0), "confidence_level"),
        (lambda: pr.wilson_interval(3, 2), "events"),
        (lambda: pr.wilson_interval(1, 2.5), "n"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name.replace("/", ".")):
        call()


# ---------------------------------------------------------------------------------------
# Relative likelihood inside an interval (Cumming 2014's cat's eye)
# ---------------------------------------------------------------------------------------


def test_relative_likelihood_is_a_ratio_of_normal_densities():
    # scipy's normal density, written independently: L(value) / L(estimate)
    for value in (-0.9, -0.71, -1.65, -1.14):
        ref = stats.norm.pdf(-1.14, loc=value, scale=0.24) / stats.norm.pdf(-1.14, loc=-1.14,
                                                                              scale=0.24)
        assert es.relative_likelihood(value, -1.14, 0.24) == pytest.approx(ref, rel=1e-12)
    # issue 12: with SE 0.24, -0.9 has about 0.6 of the likelihood of -1.14
    assert es.relative_likelihood(-0.9, -1.14, 0.24) == pytest.approx(math.exp(-0.5))


def test_relative_likelihood_at_the_ends_of_a_95_interval():
    # Cumming (2014): the ends of a 95% CI are about one seventh as plausible as the point
    ends = es.relative_likelihood(np.array([-1.96, 1.96]), 0.0, 1.0)
    assert ends == pytest.approx([math.exp(-1.96**2 / 2)] * 2)
    assert 1 / 7.5 < ends[0] < 1 / 6.5


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"value": 0.0, "estimate": 0.0, "se": 0.0}, "se must be a number greater than 0"),
    ({"value": 0.0, "estimate": float("inf"), "se": 1.0}, "estimate must be a finite number"),
    ({"value": [0.0, float("nan")], "estimate": 0.0, "se": 1.0},
     "value must be a number or an array of finite numbers"),
    ({"value": "far", "estimate": 0.0, "se": 1.0}, "value must be a number"),
])
def test_relative_likelihood_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        es.relative_likelihood(**kwargs)


def test_overlap_stats_a_tiny_benefit_is_never_called_harm():
    # Found by the property test above: Phi(Phi^-1(cer)) != cer in floating point, so a
    # d of 6e-280 came out as a "harm" with an NNT of 2.9e17.
    s = ov.overlap_stats(6.123214690536909e-280, control_event_rate=0.03125)
    assert s.nnt_kind != "harm" and s.treated_event_rate >= 0.03125
    assert ov.overlap_stats(0.0, control_event_rate=0.03125).treated_event_rate == 0.03125


# ---------------------------------------------------------------------------------------
# Missing values: nan_policy (reference: scipy.stats.ttest_ind with nan_policy="omit")
# ---------------------------------------------------------------------------------------

X_WITH_NAN = np.array([5.1, np.nan, 6.3, 4.8, 7.0, 5.9, np.nan, 6.6])
Y_WITH_NAN = np.array([4.2, 5.0, np.nan, 3.9, 4.7, 5.5])


def _d_from_scipy(x, y):
    """Cohen's d from scipy's pooled t with NaNs omitted: t * sqrt(1/n1 + 1/n2)."""
    t = stats.ttest_ind(x, y, nan_policy="omit").statistic
    n1, n2 = np.count_nonzero(~np.isnan(x)), np.count_nonzero(~np.isnan(y))
    return float(t) * math.sqrt(1 / n1 + 1 / n2), n1, n2


def test_cohens_d_omits_nan_like_scipy_ttest_ind_and_counts_them():
    expected, n1, n2 = _d_from_scipy(X_WITH_NAN, Y_WITH_NAN)
    d = es.cohens_d(X_WITH_NAN, Y_WITH_NAN)  # nan_policy="omit" is the default
    assert d.estimate == pytest.approx(expected, rel=1e-12)
    assert (d.n1, d.n2) == (n1, n2) == (6, 5)
    assert d.n_omitted == (2, 1)
    g = es.hedges_g(X_WITH_NAN, Y_WITH_NAN, nan_policy="omit")
    assert g.estimate == pytest.approx(es.hedges_correction(n1 + n2 - 2) * expected, rel=1e-12)
    assert g.n_omitted == (2, 1)
    assert es.hedges_g(MOVIE_1, MOVIE_2).n_omitted == (0, 0)


def test_change_score_g_omits_incomplete_pairs_like_scipy_and_counts_them():
    """scipy.stats.ttest_ind on post - pre (NaN wherever a pair is incomplete), omitted."""
    pre1 = np.array([6.0, 5.0, np.nan, 7.0, 6.0, 4.0, 5.0])
    post1 = np.array([3.0, 2.0, 1.0, 3.0, np.nan, 1.0, 4.0])
    pre2 = np.array([6.0, 6.0, 5.0, 7.0, 5.0])
    post2 = np.array([5.0, np.nan, 5.0, 6.0, 4.5])
    expected, n1, n2 = _d_from_scipy(post1 - pre1, post2 - pre2)
    g = es.change_score_g(pre1, post1, pre2, post2)
    assert g.estimate == pytest.approx(es.hedges_correction(n1 + n2 - 2) * expected, rel=1e-12)
    assert g.n_omitted == (2, 1)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: es.cohens_d(X_WITH_NAN, MOVIE_2, nan_policy="raise"), "x"),
    (lambda: es.hedges_g(MOVIE_1, Y_WITH_NAN, nan_policy="raise"), "y"),
    (lambda: es.change_score_g([1, 2, 3], [2, 3, 5], [1, 2, np.nan], [2, 2, 2],
                               nan_policy="raise"), "pre2"),
    (lambda: es.change_score_g([1, 2, 3], [2, np.nan, 5], [1, 2, 3], [2, 2, 3],
                               nan_policy="raise"), "post1"),
    (lambda: es.cohens_d(MOVIE_1, MOVIE_2, nan_policy="drop"), "nan_policy"),
])
def test_nan_policy_raise_refuses_missing_values_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=rf"^{re.escape(name)} must"):
        call()


def test_nan_policy_raise_accepts_complete_data():
    assert es.cohens_d(MOVIE_1, MOVIE_2, nan_policy="raise") == es.cohens_d(MOVIE_1, MOVIE_2)


def test_shared_validators_behind_nan_policy():
    from prtlib import _validate

    arr, dropped = _validate.sample("x", [1.0, np.nan, 3.0], return_omitted=True)
    assert arr.tolist() == [1.0, 3.0] and dropped == 1
    changes, dropped = _validate.paired_differences("pre", [1, 2, np.nan], "post", [3, 5, 1],
                                                    return_omitted=True)
    assert changes.tolist() == [2.0, 3.0] and dropped == 1
    with pytest.raises(ValueError, match="^pre and post must have the same length"):
        _validate.paired_differences("pre", [1, 2], "post", [1, 2, 3])
    assert _validate.number_or_array("n", 3) == (3.0, True)
    arr, scalar = _validate.number_or_array("n", [2, 5], minimum=2)
    assert arr.tolist() == [2.0, 5.0] and not scalar
    with pytest.raises(ValueError, match="^n must be a number or an array of numbers at least 2"):
        _validate.number_or_array("n", [2, 1], minimum=2)
    assert _validate.seed(None) is None and _validate.seed(3) == 3
    with pytest.raises(ValueError, match="^seed must be"):
        _validate.seed(-1)


# ---------------------------------------------------------------------------------------
# Intervals are prtlib.stats.intervals.Interval, with their level and method
# ---------------------------------------------------------------------------------------


def test_effect_size_interval_is_an_interval_with_level_and_method():
    from prtlib.stats.intervals import Interval

    g = es.hedges_g_from_summary(103, 5.5, 50, 100, 4.5, 50)
    exact = g.confidence_interval(0.9)
    assert isinstance(exact, Interval)
    assert (exact.level, exact.method) == (0.9, "noncentral t")
    normal = g.confidence_interval(method="normal")
    assert (normal.level, normal.method) == (0.95, "normal approximation")
    # still a (low, high) pair, so tuple code keeps working
    low, high = normal
    assert (low, high) == (normal.low, normal.high)


def test_proportion_intervals_are_intervals_and_nnt_stays_a_pair():
    from prtlib.stats.intervals import Interval

    w = pr.wilson_interval(33, 50, confidence_level=0.9)
    assert isinstance(w, Interval) and (w.level, w.method) == (0.9, "Wilson score")
    r = pr.compare_proportions(33, 50, 10, 51, confidence_level=0.9)
    for ci, method in ((r.risk_difference_ci, "Newcombe hybrid score"),
                       (r.risk_ratio_ci, "Katz log"), (r.odds_ratio_ci, "Woolf log")):
        assert isinstance(ci, Interval) and (ci.level, ci.method) == (0.9, method)
    # the NNT interval may run through infinity, so it is a plain pair, not an Interval
    crossing = pr.compare_proportions(12, 50, 10, 51)
    assert crossing.nnt_ci_crosses_infinity and not isinstance(crossing.nnt_ci, Interval)
