"""Lesson 09's critical-reading calculators, checked against independent references."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prtlib.stats.intervals import Interval
from prtlib.trial import evidence, published

Z975 = 1.959963984540054  # standard normal 97.5th percentile (statistical tables)


def test_news_misreading_against_hand_arithmetic():
    m = evidence.news_misreading()
    # Figure 1: 50/51/50 randomized, 151 in all; the summary's 33 + 10 + 5 = 48.
    assert m.randomized == {"prt": 50, "placebo": 51, "usual_care": 50}
    assert (m.claimed_total, m.randomized_total, m.left_out) == (48, 151, 103)
    # Pearson chi-square by hand: expected 16 per arm,
    # (17^2 + 6^2 + 11^2) / 16 = (289 + 36 + 121) / 16 = 27.875; with 2 df the
    # chi-square survival function is exactly exp(-x/2).
    assert m.chi2 == pytest.approx(27.875)
    assert m.p_value == pytest.approx(math.exp(-27.875 / 2), rel=1e-9)
    assert m.p_value_randomized == pytest.approx(math.exp(-m.chi2_randomized / 2), rel=1e-9)
    # eTable 2 prints the same percents, rounded: 66%, 20%, 10% (responders, pain 0-1).
    for arm in m.arms:
        assert round(m.response_percent[arm]) == published.get(
            f"responders.pain01.post.{arm}.percent")
        assert m.implied_response_percent[arm] == 100.0
    assert m.table().shape == (3, 5)


def test_read_interval_uses_the_normal_quantile():
    # Altman & Bland, BMJ 2011;343:d2304: SE = (upper - lower) / (2 x 1.96).
    r = evidence.read_interval(-2.28, -1.32)
    assert r.se == pytest.approx(0.96 / (2 * Z975))
    # The printed interval is kept as an Interval (the rule of prtlib.stats.intervals).
    assert isinstance(r.ci, Interval) and tuple(r.ci) == (-2.28, -1.32)
    assert (r.ci.level, r.ci.method) == (0.95, "as printed")
    assert r.midpoint == pytest.approx(-1.80)
    assert r.asymmetry(-1.80) == pytest.approx(0.0)
    # 90% interval: z = 1.644854 (tables).
    ninety = evidence.read_interval(0, 1, 0.90)
    assert ninety.se == pytest.approx(1 / (2 * 1.6448536269514722))
    assert ninety.ci.level == 0.90


def test_precision_check_reproduces_altman_and_bland():
    # Altman & Bland, BMJ 2011;343:d2090: difference 17 points with P = 0.032 gives
    # z = 2.141 by their approximation and SE = 7.94; the exact normal z is 2.144.
    check = evidence.precision_check(17, 0.032, 100, 100)
    assert check.z_needed == pytest.approx(2.144, abs=0.001)
    assert check.se_needed == pytest.approx(7.94, abs=0.02)


def test_precision_check_of_the_odi_g():
    # Table 2: g = -0.23 with P < .001; 45 and 43 measured at 12 months (Figure 1).
    check = evidence.precision_check(-0.23, 0.001, 45, 43)
    # z for two-sided .001 is 3.2905 (tables); SE by Borenstein eq. 4.20 by hand:
    # sqrt(88 / 1935 + 0.0529 / 176) = sqrt(0.0454780 + 0.0003006) = 0.21396.
    assert check.se_needed == pytest.approx(0.23 / 3.2905267, rel=1e-6)
    assert check.se_given_n == pytest.approx(0.21396, abs=1e-5)
    assert check.p_given_n == pytest.approx(0.2824, abs=0.001)
    assert not check.plausible
    assert check.n_per_group_needed == pytest.approx((2 + 0.23 ** 2 / 4) / (0.23 / 3.2905267) ** 2)
    assert "per group" in str(check)
    assert "|g| / SE >= 3.29" in str(check)


def test_bound_nearest_zero():
    # Table 2: 12-month g vs placebo -0.70 (SE 0.21); -0.70 + 1.96 x 0.21 = -0.2884.
    assert evidence.bound_nearest_zero(-0.70, 0.21) == pytest.approx(-0.70 + Z975 * 0.21)
    assert evidence.bound_nearest_zero(0.70, 0.21) == pytest.approx(0.70 - Z975 * 0.21)


def test_design_adjusted_effect_by_simulation():
    # Independent check: draw estimates around the adjusted effect, keep the significant
    # ones (|est| > 1.96 SE) and average their size: it should be the observed 0.70.
    adjusted = evidence.design_adjusted_effect(-0.70, 0.21)
    assert -0.70 < adjusted < 0
    rng = np.random.default_rng(20240901)
    draws = rng.normal(abs(adjusted), 0.21, 2_000_000)
    significant = np.abs(draws) > Z975 * 0.21
    assert np.abs(draws[significant]).mean() == pytest.approx(0.70, abs=0.002)


def test_design_adjustment_refuses_barely_significant_estimates():
    with pytest.raises(ValueError, match="estimate"):
        evidence.design_adjusted_effect(0.45, 0.21)


def test_replication_plan_matches_statsmodels():
    from statsmodels.stats.power import TTestIndPower

    for g, power, alpha in [(-0.2884, 0.9, 0.05), (-1.14, 0.8, 0.05), (0.62, 0.8, 0.01)]:
        plan = evidence.replication_plan(g, power=power, alpha=alpha)
        n = TTestIndPower().solve_power(effect_size=abs(g), power=power, alpha=alpha)
        assert plan.n_per_arm == math.ceil(n)
        reference = TTestIndPower().power(effect_size=abs(g), nobs1=50, alpha=alpha)
        assert plan.power_at_trial_size == pytest.approx(reference, abs=1e-6)
        assert plan.n_trial == published.get("n.randomized.prt")


def test_replication_targets_come_from_the_ledger():
    targets = {t.key: t for t in evidence.replication_targets()}
    assert targets["post_placebo"].g == published.get("g.pain.post.prt_vs_placebo")
    assert targets["12mo_placebo"].g == published.get("g.pain.12mo.prt_vs_placebo")
    assert targets["planning"].g == -published.get("power.target_d")
    assert targets["post_unblinded"].g == pytest.approx(-1.14 + 0.56)
    assert targets["12mo_placebo_bound"].g == pytest.approx(-0.70 + Z975 * 0.21)
    sizes = [abs(t.g) for t in evidence.replication_targets()]
    assert sizes == sorted(sizes, reverse=True)


# --- input checks --------------------------------------------------------------------


@pytest.mark.parametrize("call, name", [
    (lambda: evidence.read_interval(1, 0), "high"),
    (lambda: evidence.read_interval("a", 1), "low"),
    (lambda: evidence.read_interval(0, 1, 1.5), "confidence_level"),
    (lambda: evidence.precision_check(0, 0.01, 10, 10), "estimate"),
    (lambda: evidence.precision_check(0.3, 0, 10, 10), "p_value"),
    (lambda: evidence.precision_check(0.3, 0.01, 1, 10), "n1"),
    (lambda: evidence.precision_check(0.3, 0.01, 10, 2.5), "n2"),
    (lambda: evidence.bound_nearest_zero(0.3, -1), "se"),
    (lambda: evidence.design_adjusted_effect(0.7, 0.2, alpha=2), "alpha"),
    (lambda: evidence.replication_plan(0), "g"),
    (lambda: evidence.replication_plan(0.5, power=0.01), "power"),
    (lambda: evidence.replication_plan(0.5, n_trial=1), "n_trial"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError) as info:
        call()
    assert name in str(info.value)


@settings(max_examples=100, deadline=None)
@given(st.floats(0.1, 2.0), st.floats(0.001, 0.2))
def test_precision_check_is_consistent_with_its_own_p(g, p):
    # If the group sizes gave exactly the needed SE, the P value would be the printed one:
    # se_needed is where the Wald P equals p.
    from scipy import stats

    check = evidence.precision_check(g, p, 30, 30)
    assert 2 * stats.norm.sf(g / check.se_needed) == pytest.approx(p, rel=1e-6)
    assert check.plausible == (check.p_given_n <= p * (1 + 1e-9))


def test_unblinding_scenarios_quote_hrobjartsson_2014():
    # Hróbjartsson et al., Int J Epidemiol 2014;43(4):1272-1283, abstract: difference in
    # effect size -0.56 (95% CI -0.71 to -0.41) over 12 trials, -0.17 (-0.41 to 0.07) in
    # the two non-acupuncture trials.
    assert evidence.UNBLINDED_PRO_INFLATION == 0.56
    assert evidence.UNBLINDED_PRO_INFLATION_NON_ACUPUNCTURE == 0.17
    target = {t.key: t for t in evidence.replication_targets()}["post_unblinded"]
    assert "acupuncture" in target.rationale and "0.17" in target.rationale
