"""Tests of prtlib.stats.missing_data (the dropout laboratory and its estimators) and of
prtlib.trial.followup (attrition, Table 2's trajectories, the trial's mixed model and
responders with missing outcomes).

Independent references:
- the paper (Ashar et al. 2022, doi:10.1001/jamapsychiatry.2021.2669) through the ledger:
  Figure 1's monitored counts, Table 2's means and SDs, eTable 2's responder percentages;
- statsmodels: ``MixedLM(reml=True)`` fitted to the same data (array and formula
  interfaces), for the vectorized REML fit and for the trial model's contrasts;
- scipy: ``stats.t`` intervals and ``stats.ttest_ind(equal_var=False)`` (Welch's test);
- algebraic facts: with nothing missing, completers, LOCF and a saturated mixed model all
  give the difference in means; LOCF worked out by hand on small tables;
- missing-data theory (Rubin 1976, doi:10.1093/biomet/63.3.581; Little & Rubin 2019,
  doi:10.1002/9781119482260): complete cases are unbiased under MCAR and biased under MAR
  and MNAR; likelihood methods with a correct model are unbiased under MAR but not MNAR.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from prtlib.stats import missing_data as md
from prtlib.stats.missing_data.estimators import _last_observed
from prtlib.trial import cohort, published
from prtlib.trial import followup as fu
from prtlib.trial.constants import ARMS, TIMES


@pytest.fixture(scope="module")
def trial():
    return cohort.synthetic_trial(0)


# ---------------------------------------------------------------------------------------
# Attrition and Table 2
# ---------------------------------------------------------------------------------------


def test_attrition_reproduces_figure1():
    a = fu.attrition()
    for arm in ARMS:
        n = published.get(f"n.randomized.{arm}")
        assert a.loc[(arm, "baseline"), "seen"] == n
        for time in TIMES[1:]:
            seen = published.get(f"n.monitored.{time}.{arm}")
            assert a.loc[(arm, time), "seen"] == seen
            assert a.loc[(arm, time), "missing"] == n - seen
            assert a.loc[(arm, time), "percent_seen"] == pytest.approx(100 * seen / n)
    # Figure 1: usual care keeps 36 of 50 at 12 months.
    assert a.loc[("usual_care", "12mo"), "percent_seen"] == pytest.approx(72.0)


def test_attrition_of_the_cohort_equals_the_published_counts(trial):
    """The simulated cohort is built to have Figure 1's counts, so both tables agree."""
    pd.testing.assert_frame_equal(fu.attrition(trial), fu.attrition(), check_dtype=False)


def test_published_trajectories_use_t_intervals():
    t = fu.published_trajectories(0.9)
    for arm in ARMS:
        for time in ("baseline", "post", "12mo"):
            row = t.loc[(arm, time)]
            mean = published.get(f"pain.{time}.{arm}.mean")
            sd = published.get(f"pain.{time}.{arm}.sd")
            n = (published.get(f"n.randomized.{arm}") if time == "baseline"
                 else published.get(f"n.monitored.{time}.{arm}"))
            low, high = stats.t.interval(0.9, n - 1, loc=mean, scale=sd / np.sqrt(n))
            assert row["n"] == n
            assert row["ci_low"] == pytest.approx(low) and row["ci_high"] == pytest.approx(high)


# ---------------------------------------------------------------------------------------
# Simulated complete trials and dropout
# ---------------------------------------------------------------------------------------


def test_complete_trials_have_table2_means_and_the_chosen_variances():
    trials = fu.simulate_complete_trials(n_trials=1500, seed=11)
    t = trials.treated
    # Table 2 after baseline; at baseline one shared mean (randomization).
    for k, time in enumerate(TIMES[1:], start=1):
        prt = trials.pain[:, t, k].mean()
        placebo = trials.pain[:, ~t, k].mean()
        assert prt == pytest.approx(published.get(f"pain.{time}.prt.mean"), abs=0.02)
        assert placebo == pytest.approx(published.get(f"pain.{time}.placebo.mean"), abs=0.02)
    assert trials.pain[:, t, 0].mean() == pytest.approx(trials.pain[:, ~t, 0].mean(), abs=0.03)
    within = trials.pain - trials.means[t.astype(int)]  # remove each arm's true means
    corr = np.corrcoef(within[..., 1].ravel(), within[..., 6].ravel())[0, 1]
    assert corr == pytest.approx(md.SD_PERSON ** 2 / (md.SD_PERSON ** 2 + md.SD_VISIT ** 2),
                                 abs=0.02)
    # The truth: Table 2's 12-month difference (1.51 - 2.79), baselines being equal.
    truth = published.get("pain.12mo.prt.mean") - published.get("pain.12mo.placebo.mean")
    assert trials.true_effect[-1] == pytest.approx(truth)
    assert trials.pain.flags.writeable is False


def test_the_laboratory_takes_explicit_means_and_sizes():
    # The trial's version is the general one fed with Table 2's means and the arm sizes.
    trial_version = fu.simulate_complete_trials("prt_vs_usual_care", n_trials=4, seed=2)
    arms = ("usual_care", "prt")
    means = [[published.get(f"pain.{t}.{a}.mean") for t in TIMES] for a in arms]
    sizes = [published.get(f"n.randomized.{a}") for a in arms]
    general = md.simulate_complete_trials(means, sizes, n_trials=4, seed=2)
    np.testing.assert_array_equal(general.pain, trial_version.pain)
    assert trial_version.label == "prt_vs_usual_care" and general.label == ""
    short = md.simulate_complete_trials([[5.0, 3.0], [5.0, 1.0]], [30, 20], n_trials=2)
    assert short.pain.shape == (2, 50, 2)
    np.testing.assert_allclose(short.true_effect, [0.0, -2.0])
    with pytest.raises(ValueError, match="means"):
        md.simulate_complete_trials([1.0, 2.0, 3.0], [10, 10])
    with pytest.raises(ValueError, match="sizes"):
        md.simulate_complete_trials([[5.0, 3.0], [5.0, 1.0]], [30])


def test_the_general_dropout_study_is_the_trials_with_explicit_means():
    arms = ("placebo", "prt")
    means = [[published.get(f"pain.{t}.{a}.mean") for t in TIMES] for a in arms]
    sizes = [published.get(f"n.randomized.{a}") for a in arms]
    general = md.dropout_study(means, sizes, "MNAR", 1.0, 0.3, n_trials=10, seed=3)
    trial = fu.dropout_study("MNAR", 1.0, 0.3, "prt_vs_placebo", n_trials=10, seed=3)
    for method in md.METHODS:
        np.testing.assert_array_equal(general.estimates[method], trial.estimates[method])
    assert general.truth == trial.truth
    assert (general.label, trial.label) == ("", "prt_vs_placebo")
    with pytest.raises(ValueError, match="means"):
        md.dropout_study([[1.0, 2.0]], [10, 10])


@pytest.mark.parametrize("mechanism", md.MECHANISMS)
def test_dropout_is_monotone_and_hits_the_rate(mechanism):
    trials = fu.simulate_complete_trials(n_trials=300, seed=1)
    seen = md.impose_dropout(trials.pain, mechanism, strength=2.0, rate=0.3, seed=4)
    assert seen[..., 0].all()
    assert not np.any(seen[..., 1:] & ~seen[..., :-1])  # nobody comes back
    assert 1 - seen[..., -1].mean() == pytest.approx(0.3, abs=0.02)


def test_what_each_mechanism_depends_on():
    """MCAR: leavers look like stayers. MAR: leavers had more pain at the last visit seen.
    MNAR: leavers have more pain at the visit they miss, beyond what their last seen
    value predicts."""
    trials = fu.simulate_complete_trials(n_trials=300, seed=2)
    y = trials.pain
    out = {}
    for mech in md.MECHANISMS:
        seen = md.impose_dropout(y, mech, strength=2.0, rate=0.4, seed=5)
        # People still in at post (visit 1) who are gone at visit 2:
        at_risk = seen[..., 1]
        left = at_risk & ~seen[..., 2]
        stayed = at_risk & seen[..., 2]
        out[mech] = {"previous": y[..., 1][left].mean() - y[..., 1][stayed].mean(),
                     "current": y[..., 2][left].mean() - y[..., 2][stayed].mean()}
    assert abs(out["MCAR"]["previous"]) < 0.1 and abs(out["MCAR"]["current"]) < 0.1
    assert out["MAR"]["previous"] > 0.5
    assert out["MNAR"]["current"] > out["MNAR"]["previous"] > 0


def test_mcar_ignores_strength():
    trials = fu.simulate_complete_trials(n_trials=20, seed=3)
    a = md.impose_dropout(trials.pain, "MCAR", strength=0.0, rate=0.3, seed=1)
    b = md.impose_dropout(trials.pain, "MCAR", strength=4.0, rate=0.3, seed=1)
    np.testing.assert_array_equal(a, b)


# ---------------------------------------------------------------------------------------
# The three estimators
# ---------------------------------------------------------------------------------------


def test_estimators_by_hand():
    # Two PRT people (rows 0-1) and two controls; row 1 leaves after baseline, row 3
    # misses only the middle visit.
    y = np.array([[5.0, 2.0, 1.0], [6.0, 3.0, 9.0], [4.0, 4.0, 3.0], [5.0, 0.0, 6.0]])
    seen = np.array([[1, 1, 1], [1, 0, 0], [1, 1, 1], [1, 0, 1]], dtype=bool)
    treated = np.array([True, True, False, False])
    # Completers at the last visit: PRT {1}, controls {3, 6}.
    assert md.completers_effect(y, seen, treated) == pytest.approx(1.0 - 4.5)
    assert md.completers_effect(y, seen, treated, outcome="change") == pytest.approx(
        (1 - 5) - ((3 - 4) + (6 - 5)) / 2)
    # LOCF: row 1 carries its baseline 6 forward.
    assert md.locf_effect(y, seen, treated) == pytest.approx((1 + 6) / 2 - (3 + 6) / 2)
    assert md.locf_effect(y, seen, treated, time_index=1) == pytest.approx(
        (2 + 6) / 2 - (4 + 5) / 2)  # row 3's post is its baseline carried
    filled = _last_observed(y, seen)
    np.testing.assert_array_equal(filled[1], [6.0, 6.0, 6.0])
    np.testing.assert_array_equal(filled[3], [5.0, 5.0, 6.0])


@settings(max_examples=25, deadline=None)
@given(arrays(np.float64, (12, 4), elements=st.floats(-5, 15, allow_nan=False)))
def test_with_nothing_missing_all_methods_agree(pain):
    """Complete data: every method is the difference in means (a saturated mixed model
    reproduces the cell means whatever its variance estimates)."""
    treated = np.arange(12) < 5
    seen = np.ones(pain.shape, dtype=bool)
    direct = pain[treated, -1].mean() - pain[~treated, -1].mean()
    assert md.completers_effect(pain, seen, treated) == pytest.approx(direct, abs=1e-9)
    assert md.locf_effect(pain, seen, treated) == pytest.approx(direct, abs=1e-9)
    assert md.mixed_model_effect(pain, seen, treated, outcome="level") == pytest.approx(
        direct, abs=1e-6)
    change = pain[:, -1] - pain[:, 0]
    assert md.mixed_model_effect(pain, seen, treated) == pytest.approx(
        change[treated].mean() - change[~treated].mean(), abs=1e-6)


def _statsmodels_cell_means(y, o, groups, n_groups):
    """REML fit of the same model with statsmodels, on long data (the reference)."""
    n, t = y.shape
    person, time = np.meshgrid(np.arange(n), np.arange(t), indexing="ij")
    keep = o.ravel()
    cell = (groups[person] * t + time).ravel()[keep]
    exog = np.zeros((keep.sum(), n_groups * t))
    exog[np.arange(keep.sum()), cell] = 1.0
    result = sm.MixedLM(y.ravel()[keep], exog, groups=person.ravel()[keep]).fit(reml=True)
    return (result.fe_params.reshape(n_groups, t), float(np.asarray(result.cov_re)[0, 0]),
            float(result.scale))


@pytest.mark.parametrize("mechanism", ["MAR", "MNAR"])
def test_vectorized_reml_equals_statsmodels_mixedlm(mechanism):
    trials = fu.simulate_complete_trials(n_trials=3, seed=7)
    seen = md.impose_dropout(trials.pain, mechanism, strength=1.5, rate=0.35, seed=8)
    groups = trials.treated.astype(int)
    fit = md.fit_random_intercept(trials.pain, seen, groups)
    for r in range(3):
        means, tau2, sigma2 = _statsmodels_cell_means(trials.pain[r], seen[r], groups, 2)
        np.testing.assert_allclose(fit.means[r], means, atol=1e-4)
        assert fit.tau2[r] == pytest.approx(tau2, rel=1e-3)
        assert fit.sigma2[r] == pytest.approx(sigma2, rel=1e-3)


def test_vectorized_reml_with_three_groups_and_intermittent_gaps():
    rng = np.random.default_rng(3)
    n, t = 45, 4
    groups = np.repeat([0, 1, 2], 15)
    y = (rng.standard_normal((n, 1)) * 1.3 + rng.standard_normal((n, t))
         + np.array([[3, 2, 2, 1], [3, 3, 3, 3], [3, 1, 0.5, 0.5]])[groups])
    seen = rng.random((n, t)) > 0.25
    seen[:, 0] = True
    fit = md.fit_random_intercept(y, seen, groups)
    means, tau2, sigma2 = _statsmodels_cell_means(y, seen, groups, 3)
    np.testing.assert_allclose(fit.means[0], means, atol=1e-4)
    assert fit.tau2[0] == pytest.approx(tau2, rel=1e-3)
    assert fit.sigma2[0] == pytest.approx(sigma2, rel=1e-3)


def test_dropout_study_shows_what_theory_predicts():
    """MCAR: no method is biased. MAR: completers and LOCF are, the mixed model is not.
    MNAR: the mixed model is biased too. (Monte Carlo SE of a bias here is about 0.025.)"""
    mcar = fu.dropout_study("MCAR", 0.0, 0.3)
    for method in ("completers", "mixed_model"):
        assert abs(mcar.bias(method)) < 0.06
    mar = fu.dropout_study("MAR", 2.0, 0.3)
    assert mar.bias("completers") > 0.15  # the PRT advantage shrinks
    assert mar.bias("locf") < -0.1
    assert abs(mar.bias("mixed_model")) < 0.05
    mnar = fu.dropout_study("MNAR", 2.0, 0.3)
    assert mnar.bias("mixed_model") > 0.08
    assert mnar.bias("completers") > mnar.bias("mixed_model")
    # Pain-driven dropout hits the arm in more pain harder.
    assert mar.missing_share["control"] > mar.missing_share["prt"]
    # Those still seen look better than their arm really is.
    assert np.all(mar.seen_means[:, -1] < mar.true_means[:, -1])
    summary = mar.summary()
    assert summary.loc["mixed_model", "rmse"] < summary.loc["completers", "rmse"]
    again = fu.dropout_study("MAR", 2.0, 0.3)
    # Cached: the same read-only arrays come back, inside a new result and new dicts
    # (so that a caller cannot corrupt the cache; see tests/test_cached_results.py).
    assert again.estimates["locf"] is mar.estimates["locf"]
    assert again is not mar and again.estimates is not mar.estimates


# ---------------------------------------------------------------------------------------
# The trial's model on the cohort
# ---------------------------------------------------------------------------------------


def _formula_fit(df, reference):
    data = df.dropna(subset=["pain"]).copy()
    for col in ("arm", "time", "sex"):
        data[col] = data[col].astype(str)
    data["age_c"] = data["age"] - data["age"].mean()
    formula = (f"pain ~ C(arm, Treatment('{reference}')) * C(time, Treatment('baseline')) "
               "+ age_c + C(sex, Treatment('male'))")
    return smf.mixedlm(formula, data, groups="participant").fit(reml=True)


def test_trial_model_equals_the_statsmodels_formula_fit(trial):
    model = fu.fit_trial_model(trial)
    for reference in ("placebo", "usual_care"):
        result = _formula_fit(trial, reference)
        for time in TIMES[1:]:
            name = (f"C(arm, Treatment('{reference}'))[T.prt]:"
                    f"C(time, Treatment('baseline'))[T.{time}]")
            row = model.contrasts.loc[(f"prt_vs_{reference}", time)]
            assert row["estimate"] == pytest.approx(result.params[name], abs=1e-4)
            assert row["se"] == pytest.approx(result.bse[name], rel=1e-3)
    assert model.participant_var == pytest.approx(float(result.cov_re.iloc[0, 0]), rel=1e-3)
    assert model.n_obs == int(trial["pain"].notna().sum())
    assert model.converged


def test_trial_model_on_complete_balanced_data_is_the_difference_in_mean_change():
    """With every visit seen and no covariates, GLS with a random intercept equals OLS on
    the cell means, so each contrast is the difference in mean change."""
    trials = fu.simulate_complete_trials(n_trials=1, seed=5)
    y = trials.pain[0]
    people = [f"P{i:03d}" for i in range(y.shape[0])]
    arm = np.where(trials.treated, "prt", "placebo")
    df = pd.DataFrame({"participant": np.repeat(people, len(TIMES)),
                       "arm": np.repeat(arm, len(TIMES)),
                       "time": np.tile(TIMES, len(people)), "pain": y.ravel()})
    model = fu.fit_trial_model(df, covariates=False)
    change = y - y[:, :1]
    for k, time in enumerate(TIMES[1:], start=1):
        expected = change[trials.treated, k].mean() - change[~trials.treated, k].mean()
        assert model.estimate("prt_vs_placebo", time) == pytest.approx(expected, abs=1e-6)


def test_completers_ttest_is_welch(trial):
    w = cohort.wide(trial)
    for outcome in ("change", "level"):
        res = fu.completers_ttest(trial, "prt_vs_usual_care", "6mo", outcome, 0.9)
        value = w["6mo"] - w["baseline"] if outcome == "change" else w["6mo"]
        x = value[w["arm"] == "prt"].dropna()
        y = value[w["arm"] == "usual_care"].dropna()
        ref = stats.ttest_ind(x, y, equal_var=False)
        ci = ref.confidence_interval(0.9)
        assert res.t == pytest.approx(ref.statistic) and res.p == pytest.approx(ref.pvalue)
        assert res.df == pytest.approx(ref.df)
        assert tuple(res.ci) == pytest.approx((ci.low, ci.high))
        assert (res.ci.level, res.ci.method) == (0.9, "Welch t")
        assert (res.n_prt, res.n_control) == (len(x), len(y))


def test_carry_forward_by_hand():
    df = pd.DataFrame({
        "participant": ["A"] * 3 + ["B"] * 3,
        "arm": pd.Categorical(["prt"] * 3 + ["placebo"] * 3, categories=ARMS),
        "time": pd.Categorical(["baseline", "post", "1mo"] * 2, categories=TIMES,
                               ordered=True),
        "pain": [5.0, np.nan, np.nan, 4.0, 2.0, np.nan],
    })
    filled = fu.carry_forward(df)
    assert filled.loc["A", ["baseline", "post", "1mo"]].tolist() == [5.0, 5.0, 5.0]
    assert filled.loc["B", ["baseline", "post", "1mo"]].tolist() == [4.0, 2.0, 2.0]


def test_cohort_estimates_assemble_the_pieces(trial):
    est = fu.cohort_estimates(trial, "prt_vs_placebo", "12mo")
    ttest = fu.completers_ttest(trial, "prt_vs_placebo", "12mo", "change")
    assert est.loc["completers", "estimate"] == pytest.approx(ttest.difference)
    filled = fu.carry_forward(trial)
    change = filled["12mo"] - filled["baseline"]
    locf = change[filled["arm"] == "prt"].mean() - change[filled["arm"] == "placebo"].mean()
    assert est.loc["locf", "estimate"] == pytest.approx(locf)
    two = trial[trial["arm"].isin(["prt", "placebo"])]
    assert est.loc["mixed_model", "estimate"] == pytest.approx(
        fu.fit_trial_model(two).estimate("prt_vs_placebo", "12mo"))
    assert est.loc["mixed_model", "people"] == 101


# ---------------------------------------------------------------------------------------
# Responders
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["pain01", "reduction30", "reduction50"])
@pytest.mark.parametrize("time", ["post", "12mo"])
@pytest.mark.parametrize("comparison", ["prt_vs_placebo", "prt_vs_usual_care"])
def test_missing_as_non_responder_reproduces_etable2(rule, time, comparison):
    s = fu.responder_sensitivity(comparison, rule, time)
    control = comparison.removeprefix("prt_vs_")
    for arm in ("prt", control):
        printed = published.get(f"responders.{rule}.{time}.{arm}.percent")
        assert round(s.percent(arm, 0.0)) == round(printed)  # eTable 2 prints whole %
        assert s.seen[arm] == published.get(f"n.monitored.{time}.{arm}")
        assert s.missing[arm] == published.get(f"n.randomized.{arm}") - s.seen[arm]
        assert s.completers_percent(arm) == pytest.approx(
            100 * s.responders[arm] / s.seen[arm])


def test_when_missing_as_non_response_is_conservative():
    """Post: PRT lost 6 of 50, usual care 3 of 50, so the rule penalizes PRT. 12 months:
    PRT lost 5, usual care 14, so the rule flatters PRT (Figure 1's counts)."""
    post = fu.responder_sensitivity("prt_vs_usual_care", "pain01", "post")
    late = fu.responder_sensitivity("prt_vs_usual_care", "pain01", "12mo")
    assert post.slope == pytest.approx(100 * (6 / 50 - 3 / 50))
    assert late.slope == pytest.approx(100 * (5 / 50 - 14 / 50))
    assert post.non_responder_is_conservative and not late.non_responder_is_conservative
    # 12 months, pain 0-1: 52% vs 16% of those randomized (eTable 2).
    assert late.non_responder_difference == pytest.approx(52 - 16)
    assert late.worst_case_difference == pytest.approx(52 - 100 * (8 + 14) / 50)


@given(p=st.floats(0, 1), q=st.floats(0, 1))
def test_the_difference_is_linear_in_the_assumption(p, q):
    s = fu.responder_sensitivity("prt_vs_placebo", "reduction30", "12mo", missing_response=p)
    assert s.difference() == pytest.approx(s.difference(p))
    assert s.difference(q) - s.difference(p) == pytest.approx(s.slope * (q - p), abs=1e-9)


# ---------------------------------------------------------------------------------------
# Bad inputs
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("call, name", [
    (lambda: fu.published_trajectories(1.0), "confidence_level"),
    (lambda: fu.simulate_complete_trials("prt_vs_surgery"), "comparison"),
    (lambda: fu.simulate_complete_trials(n_trials=0), "n_trials"),
    (lambda: fu.simulate_complete_trials(sd_visit=0), "sd_visit"),
    (lambda: md.impose_dropout(np.ones((4, 3)), "random"), "mechanism"),
    (lambda: md.impose_dropout(np.ones((4, 3)), "MAR", strength=-1), "strength"),
    (lambda: md.impose_dropout(np.ones((4, 3)), "MAR", rate=0.95), "rate"),
    (lambda: md.impose_dropout(np.ones(4)), "pain"),
    (lambda: md.completers_effect(np.ones((4, 3)), np.ones((4, 2), bool), [1, 1, 0, 0]),
     "observed"),
    (lambda: md.completers_effect(np.ones((4, 3)), np.ones((4, 3)), [1, 1, 0, 0]),
     "observed"),
    (lambda: md.completers_effect(np.ones((4, 3)), np.ones((4, 3), bool), [1, 1, 0, 0]),
     "treated"),
    (lambda: md.completers_effect(np.ones((4, 3)), np.ones((4, 3), bool),
                                  np.array([True] * 4)), "treated"),
    (lambda: md.completers_effect(np.ones((4, 3)), np.ones((4, 3), bool),
                                  np.array([True, True, False, False]), time_index=0),
     "time_index"),
    (lambda: md.locf_effect(np.ones((4, 3)), np.ones((4, 3), bool),
                            np.array([True, True, False, False]), outcome="ratio"), "outcome"),
    (lambda: md.fit_random_intercept(np.ones((4, 3)), np.ones((4, 3), bool), [0.0, 0, 1, 1]),
     "groups"),
    (lambda: fu.dropout_study(rate=0), "rate"),
    (lambda: fu.fit_trial_model("table"), "df"),
    (lambda: fu.fit_trial_model(cohort.synthetic_trial(0), covariates="yes"), "covariates"),
    (lambda: fu.completers_ttest(cohort.synthetic_trial(0), time="baseline"), "time"),
    (lambda: fu.completers_ttest(cohort.synthetic_trial(0), outcome="ratio"), "outcome"),
    (lambda: fu.responder_sensitivity(rule="pain2"), "rule"),
    (lambda: fu.responder_sensitivity(time="6mo"), "time"),
    (lambda: fu.responder_sensitivity(missing_response=1.5), "missing_response"),
])
def test_bad_inputs_name_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_empty_cells_are_refused():
    y = np.ones((4, 3))
    seen = np.ones((4, 3), dtype=bool)
    seen[:2, 2] = False  # nobody of group 0 at the last visit
    with pytest.raises(ValueError, match="cell is empty"):
        md.fit_random_intercept(y, seen, np.array([0, 0, 1, 1]))


def test_no_warnings_from_the_fits(trial):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fu.fit_trial_model(trial)
        fu.dropout_study("MNAR", 1.0, 0.4, n_trials=20)
