"""Tests of prtlib.trial.designs: confounding, regression to the mean, allocation, ITT, CONSORT.

Independent references, named again at each test:

- scipy.stats.truncnorm (the mean of a truncated normal), for regression to the mean and the
  confounding bias;
- Barnett, van der Pols & Dobson, Int J Epidemiol 2005;34:215-220, doi:10.1093/ije/dyh299:
  equation 1, typed here from the authors' published R code (population mean 60, SD 15,
  entry at or below 40, m baseline measurements);
- brute-force Monte Carlo written here with numpy (no code shared with the module);
- a plain-Python, one-person-at-a-time reimplementation of the Pocock-Simon range criterion
  (Pocock & Simon, Biometrics 1975;31:103-115, doi:10.2307/2529712);
- the paper's Figure 1, Table 1, Table 2 and Results text (Ashar et al., JAMA Psychiatry
  2022;79(1):13-23), whose numbers are typed here as printed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from prtlib.course.figures.designs import consort_figure
from prtlib.trial import designs
from prtlib.trial.designs import allocation, confounding

FAST = settings(max_examples=30, deadline=None)


# ---------------------------------------------------------------------------------------
# Regression to the mean
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("threshold, mean, sd, reliability", [
    (4.0, 3.5, 2.0, 0.6), (4.0, 5.0, 1.5, 0.8), (7.0, 3.0, 2.0, 0.3), (0.0, 4.0, 2.0, 0.9),
])
def test_rtm_matches_the_truncated_normal_mean(threshold, mean, sd, reliability):
    """Source: scipy.stats.truncnorm. The later score of entrants regresses by (1 - r) times
    the gap between the entrants' mean and the population mean."""
    res = designs.regression_to_mean(threshold, mean, sd, reliability)
    a = (threshold - mean) / sd
    entry = stats.truncnorm.mean(a, np.inf, loc=mean, scale=sd)
    assert res.entry_mean == pytest.approx(entry, rel=1e-9)
    assert res.effect == pytest.approx((1 - reliability) * (entry - mean), rel=1e-9)
    assert res.selected_fraction == pytest.approx(stats.norm.sf(a), rel=1e-9)


def _barnett_r_code(mu, sigma, cut, rho, m):
    """Barnett et al. (2005), equation 1, as in the authors' R code (entry at or below cut)."""
    sigma2_w = (1 - rho) * sigma ** 2
    sigma2_b = rho * sigma ** 2
    z = (mu - cut) / math.sqrt(sigma2_b + sigma2_w / m)
    cz = stats.norm.pdf(z) / (1 - stats.norm.cdf(z))
    return (sigma2_w / m) / math.sqrt(sigma2_b + sigma2_w / m) * cz


@pytest.mark.parametrize("rho", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("m", [1, 2, 4])
def test_rtm_reproduces_barnett_equation_1(rho, m):
    """Source: Barnett et al. 2005, eq. 1 and their worked example (mean 60, SD 15, people
    selected at or below 40): scores of those selected low rise by the RTM effect."""
    res = designs.regression_to_mean(40, 60, 15, rho, n_baseline=m, direction="below")
    assert -res.effect == pytest.approx(_barnett_r_code(60, 15, 40, rho, m), rel=1e-9)
    assert res.later_mean > res.entry_mean


def test_rtm_matches_brute_force_monte_carlo():
    """Source: a direct simulation (numpy) of true level + noise, selection on the first
    rating, mean of the second rating among the selected."""
    rng = np.random.default_rng(123)
    n, mu, sd, rel, cut = 400_000, 3.5, 2.0, 0.6, 4.0
    level = mu + math.sqrt(rel) * sd * rng.standard_normal(n)
    first = level + math.sqrt(1 - rel) * sd * rng.standard_normal(n)
    second = level + math.sqrt(1 - rel) * sd * rng.standard_normal(n)
    keep = first >= cut
    res = designs.regression_to_mean(cut, mu, sd, rel)
    assert res.effect == pytest.approx(first[keep].mean() - second[keep].mean(), abs=0.01)


@FAST
@given(st.floats(-2, 3), st.floats(1, 6), st.floats(0.5, 3), st.floats(0.05, 0.95))
def test_rtm_effect_is_positive_and_shrinks_with_reliability(z, mean, sd, rel):
    threshold = mean + z * sd
    low = designs.regression_to_mean(threshold, mean, sd, rel)
    high = designs.regression_to_mean(threshold, mean, sd, min(rel + 0.04, 1.0))
    assert low.effect > 0
    assert high.effect < low.effect
    assert low.later_mean > low.mean  # entrants stay above the mean, just less so


def test_perfect_reliability_means_no_regression():
    assert designs.regression_to_mean(4, 3.5, 2, 1.0).effect == pytest.approx(0.0, abs=1e-12)


def test_simulated_rtm_study_shows_the_artefact_and_the_control_cancels_it():
    sim = designs.simulate_regression_to_mean(threshold=4, mean=3.5, sd=2, reliability=0.6)
    formula = designs.regression_to_mean(4, 3.5, 2, 0.6)
    assert sim.expected_change == pytest.approx(-formula.effect)
    # About 800 entrants per arm: the SE of a mean change is about 0.06.
    assert sim.single_arm_change == pytest.approx(-formula.effect, abs=0.2)
    assert abs(sim.controlled_difference) < 0.25
    assert sim.n_entered == int((sim.screening >= 4).sum())
    screening, base, later = sim.arm_means(0)
    assert screening == base  # the screening score doubles as baseline
    assert later - base == pytest.approx(sim.single_arm_change)


def test_with_separate_baseline_sessions_no_change_is_expected():
    sim = designs.simulate_regression_to_mean(baseline="sessions")
    assert sim.expected_change == 0.0
    assert abs(sim.single_arm_change) < 0.2
    screening, base, _ = sim.arm_means(0)
    assert base < screening - 0.3  # the fall happened before baseline


def test_simulation_is_reproducible_and_reuses_the_same_people():
    a = designs.simulate_regression_to_mean(threshold=4)
    b = designs.simulate_regression_to_mean(threshold=5)
    np.testing.assert_array_equal(a.screening, b.screening)
    assert b.n_entered < a.n_entered


@pytest.mark.parametrize("kwargs, name", [
    ({"sd": 0}, "sd"), ({"reliability": 0}, "reliability"), ({"reliability": 1.2},
                                                              "reliability"),
    ({"threshold": "4"}, "threshold"), ({"n_baseline": 0}, "n_baseline"),
    ({"direction": "up"}, "direction"),
])
def test_rtm_bad_inputs_name_the_parameter(kwargs, name):
    args = {"threshold": 4, "mean": 3.5, "sd": 2, "reliability": 0.6, **kwargs}
    with pytest.raises(ValueError, match=name):
        designs.regression_to_mean(**args)


def test_rtm_simulation_bad_inputs():
    with pytest.raises(ValueError, match="baseline"):
        designs.simulate_regression_to_mean(baseline="both")
    with pytest.raises(ValueError, match="threshold"):
        designs.simulate_regression_to_mean(threshold=60)
    with pytest.raises(ValueError, match="n_people"):
        designs.simulate_regression_to_mean(n_people=10)


# ---------------------------------------------------------------------------------------
# Confounding
# ---------------------------------------------------------------------------------------


def test_confounding_bias_formula_matches_monte_carlo():
    """Source: brute-force simulation with scipy's probit: P(therapy) = Phi(-s z)."""
    rng = np.random.default_rng(7)
    n, s, stability = 1_000_000, 1.5, 0.6
    z = rng.standard_normal(n)
    therapy = rng.random(n) < stats.norm.cdf(-s * z)
    sd = confounding._pain_population()[1]
    gap = stability * sd * (z[therapy].mean() - z[~therapy].mean())
    assert designs.expected_confounding_bias(s, stability) == pytest.approx(gap, abs=0.01)


def test_confounding_bias_from_the_truncated_normal():
    """Source: scipy.stats.truncnorm. U = -s z + e ~ N(0, 1 + s^2); E[z | U > 0] equals
    cov(z, U) / sd(U) times the mean of a standard normal truncated at 0."""
    s, stability = 2.0, 0.5
    half_mean = stats.truncnorm.mean(0, np.inf)
    expected = stability * confounding._pain_population()[1] * 2 * (-s / math.sqrt(1 + s * s)) \
        * half_mean
    assert designs.expected_confounding_bias(s, stability) == pytest.approx(expected)


def test_randomization_removes_the_bias_on_average():
    res = designs.simulate_confounding(selection=2.0, true_effect=-1.0, n_studies=2000)
    se = res.randomized.std(ddof=1) / math.sqrt(res.n_studies)
    assert abs(res.randomized_mean - (-1.0)) < 4 * se
    assert res.bias == pytest.approx(res.expected_bias, abs=0.05)
    assert res.observational_mean < res.randomized_mean - 0.8


def test_without_self_selection_observational_is_unbiased():
    res = designs.simulate_confounding(selection=0.0, true_effect=-0.5, n_studies=2000)
    assert res.expected_bias == 0.0
    assert abs(res.bias) < 0.03


def test_observational_study_table():
    df = designs.observational_study(seed=1)
    assert list(df.columns) == ["participant", "baseline_pain", "therapy", "followup_pain"]
    assert len(df) == 151 and df["participant"].is_unique
    assert df.loc[df["therapy"], "baseline_pain"].mean() < df.loc[
        ~df["therapy"], "baseline_pain"].mean() - 1
    rand = designs.observational_study(seed=1, randomized=True)
    np.testing.assert_array_equal(rand["baseline_pain"], df["baseline_pain"])
    gap = rand.loc[rand["therapy"], "baseline_pain"].mean() - rand.loc[
        ~rand["therapy"], "baseline_pain"].mean()
    assert abs(gap) < 0.5


def test_confounding_bad_inputs_name_the_parameter():
    with pytest.raises(ValueError, match="selection"):
        designs.simulate_confounding(selection=-1)
    with pytest.raises(ValueError, match="stability"):
        designs.expected_confounding_bias(1, stability=1.0)
    with pytest.raises(ValueError, match="randomized"):
        designs.observational_study(randomized="yes")
    with pytest.raises(ValueError, match="n_studies"):
        designs.simulate_confounding(n_studies=2)
    with pytest.raises(ValueError, match="seed"):
        designs.observational_study(seed=-1)


# ---------------------------------------------------------------------------------------
# Allocation
# ---------------------------------------------------------------------------------------


def test_simple_randomization_is_fair():
    cov = designs.trial_covariates(n=151, n_trials=2000, seed=3)
    arms = designs.allocate(cov, "simple", seed=3)
    share = np.bincount(arms.ravel(), minlength=3) / arms.size
    np.testing.assert_allclose(share, 1 / 3, atol=0.005)


@FAST
@given(st.sampled_from([3, 6, 9, 12]), st.integers(3, 200), st.integers(0, 50))
def test_permuted_blocks_cap_the_running_imbalance(block_size, n, seed):
    cov = designs.trial_covariates(n=n, n_trials=4, seed=seed)
    arms = designs.allocate(cov, "block", block_size=block_size, seed=seed)
    running = designs.running_imbalance(arms)
    assert running.max() <= block_size // 3
    ends = np.arange(block_size - 1, n, block_size)
    assert (running[:, ends] == 0).all()  # level at the end of every block


def _pocock_simon_range(counts, levels, n_arms):
    """Plain-Python G_k of Pocock & Simon (range criterion) for one new person."""
    g = []
    for k in range(n_arms):
        total = 0
        for f, level in enumerate(levels):
            row = [counts[(f, level, a)] + (1 if a == k else 0) for a in range(n_arms)]
            total += max(row) - min(row)
        g.append(total)
    return g


def test_deterministic_minimization_always_picks_a_minimizing_arm():
    """Source: Pocock & Simon 1975, range criterion, recomputed person by person in plain
    Python. With p_best = 1 every allocation must minimize G (ties broken at random)."""
    cov = designs.trial_covariates(n=151, n_trials=5, seed=11)
    arms = designs.allocate(cov, "minimization", p_best=1.0, seed=11)
    levels = allocation._minimization_levels(cov)
    for t in range(5):
        counts = {(f, lv, a): 0 for f in range(4) for lv in (0, 1) for a in range(3)}
        for j in range(151):
            g = _pocock_simon_range(counts, levels[t, j].tolist(), 3)
            if len(set(g)) > 1:
                assert g[arms[t, j]] == min(g), (t, j, g, arms[t, j])
            for f, lv in enumerate(levels[t, j].tolist()):
                counts[(f, lv, arms[t, j])] += 1


def test_minimization_balances_the_factors_better_than_randomization():
    simple = designs.simulate_allocation("simple", n_trials=1000)
    block = designs.simulate_allocation("block", n_trials=1000)
    minim = designs.simulate_allocation("minimization", n_trials=1000)
    for measure in ("female", "opioid", "age", "pain"):
        # Continuous factors are balanced only above/below their mean, so less tightly.
        assert minim.quantile(measure, 0.95) < 0.7 * simple.quantile(measure, 0.95)
        # blocks fix arm sizes only, not covariates
        assert block.imbalance[measure].mean() == pytest.approx(
            simple.imbalance[measure].mean(), rel=0.2)
    assert block.quantile("size", 1.0) == 1  # 151 = 25 blocks of 6 + 1
    assert simple.quantile("size", 0.5) > 5


def test_minimization_with_more_randomness_balances_less():
    strict = designs.simulate_allocation("minimization", n_trials=1000, p_best=1.0)
    loose = designs.simulate_allocation("minimization", n_trials=1000, p_best=0.6)
    assert strict.quantile("female", 0.95) < loose.quantile("female", 0.95)


def test_imbalance_measures_recomputed_by_hand():
    """The module's vectorized ranges against a direct computation for one trial."""
    study = designs.simulate_allocation("simple", n_trials=10, seed=5)
    cov = designs.trial_covariates(n=151, n_trials=10, seed=5)
    arms = designs.allocate(cov, "simple", seed=5)[0]
    pct = [100 * cov["female"][0][arms == a].mean() for a in range(3)]
    ages = [cov["age"][0][arms == a].mean() for a in range(3)]
    sizes = np.bincount(arms, minlength=3)
    assert study.imbalance["female"][0] == pytest.approx(max(pct) - min(pct))
    assert study.imbalance["age"][0] == pytest.approx(max(ages) - min(ages))
    assert study.imbalance["size"][0] == sizes.max() - sizes.min()


def test_trial_covariates_follow_table_1():
    """Source: Table 1 of the paper: 41.1 (15.6) years, 54% women, 9 of 151 on opioids,
    ages 21-70."""
    cov = designs.trial_covariates(n=151, n_trials=3000)
    assert cov["female"].mean() == pytest.approx(0.54, abs=0.005)
    assert cov["opioid"].mean() == pytest.approx(9 / 151, abs=0.003)
    assert cov["age"].min() >= 21 and cov["age"].max() <= 70
    assert cov["pain"].mean() == pytest.approx(4.10, abs=0.02)


def test_running_imbalance_by_hand():
    assert designs.running_imbalance([1, 1, 1]).tolist() == [1, 2, 3]
    assert designs.running_imbalance([[0, 1], [1, 1]], n_arms=2).tolist() == [[1, 0], [1, 2]]


def test_published_imbalance_from_the_paper():
    """Source: Figure 1 (50/51/50), Table 1 (women 29/50, 25/51, 27/50; opioid users 5/2/2;
    ages 42.6/39.4/41.3) and Table 2 (baseline pain 4.22/4.16/3.91)."""
    got = designs.published_imbalance()
    assert got["size"] == 1
    assert got["female"] == pytest.approx(100 * 29 / 50 - 100 * 25 / 51)
    assert got["opioid"] == 3
    assert got["age"] == pytest.approx(42.6 - 39.4)
    assert got["pain"] == pytest.approx(4.22 - 3.91)


def test_allocation_bad_inputs_name_the_parameter():
    cov = designs.trial_covariates(n=12)
    with pytest.raises(ValueError, match="method"):
        designs.allocate(cov, "coin")
    with pytest.raises(ValueError, match="block_size"):
        designs.allocate(cov, "block", block_size=4)
    with pytest.raises(ValueError, match="p_best"):
        designs.allocate(cov, "minimization", p_best=0.2)
    with pytest.raises(ValueError, match="covariates"):
        designs.allocate([1, 2, 3])
    with pytest.raises(ValueError, match="arms"):
        designs.running_imbalance([0, 3])
    with pytest.raises(ValueError, match="n_trials"):
        designs.simulate_allocation(n_trials=1)
    with pytest.raises(ValueError, match="measure"):
        designs.simulate_allocation("simple", n_trials=10).quantile("height")


# ---------------------------------------------------------------------------------------
# Intention to treat and CONSORT
# ---------------------------------------------------------------------------------------


def test_responder_rates_reproduce_the_paper():
    """Source: the paper: 33 of 50 randomized to PRT (66%) had pain 0 or 1 after treatment,
    73% of the 45 who started; placebo 10 of 51 (20%), usual care 5 of 50 (10%)."""
    prt = designs.responder_rates("prt")
    assert prt.itt_percent == pytest.approx(66.0)
    assert round(prt.per_protocol_percent) == 73
    assert prt.complete_case_percent == pytest.approx(100 * 33 / 44)
    assert prt.best_case_percent == pytest.approx(100 * (33 + 6) / 50)
    assert round(designs.responder_rates("placebo").itt_percent) == 20
    usual = designs.responder_rates("usual_care")
    assert usual.itt_percent == pytest.approx(10.0) and usual.started == usual.randomized
    assert "ITT 66%" in str(prt)
    with pytest.raises(ValueError, match="arm"):
        designs.responder_rates("surgery")


def test_consort_flow_is_figure_1():
    """Source: Figure 1 of the paper (1321 screened, 218 assessed, 152 completed the
    pretreatment assessment, 151 randomized 50/51/50; 12-month data 45/43/36)."""
    flow = designs.consort_flow()
    assert (flow.screened, flow.assessed_in_person, flow.completed_pretreatment) == (
        1321, 218, 152)
    assert flow.randomized == {"prt": 50, "placebo": 51, "usual_care": 50}
    assert flow.missing("12mo") == {"prt": 5, "placebo": 8, "usual_care": 14}
    assert flow.excluded_low_pain == (192, 24)
    assert flow.check() == []
    with pytest.raises(ValueError, match="time"):
        flow.missing("baseline")


def test_consort_check_catches_arithmetic_errors():
    from dataclasses import replace

    broken = replace(designs.consort_flow(), prt_initiated=46)
    assert any("PRT" in p for p in broken.check())


def test_consort_figure_shows_every_count():
    fig = consort_figure(time="12mo")
    text = " ".join(t.get_text() for t in fig.axes[0].texts)
    for fragment in ("Screened online: 1321", "Assessed in person: 218", "Randomized: 151",
                     "randomized: 50", "randomized: 51", "started: 45", "never started: 5",
                     "measured 45, missing 5", "measured 36, missing 14",
                     "Analysed (ITT): 51", "192 + 24", "Not continued: 1103"):
        assert fragment in text, fragment
    with pytest.raises(ValueError, match="time"):
        consort_figure(time="2yr")
    with pytest.raises(ValueError, match="flow"):
        consort_figure(flow={"screened": 1})
