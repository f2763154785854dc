"""Lesson 07's exercise checks: the model answers pass. (The contract every check keeps, for
every exercise, is in tests/test_exercise_contract.py.)

Model answers are computed the way solutions/07_fmri_evoked_pain.ipynb computes them (the
learner's own numpy and scipy code), and checked against independent references: the paper
(TR 460 ms, trials of 37 s; t(133.48) = -1.73; t(120.1) = -2.34 and the one-tailed p's .04,
.03, .01; 50 randomized to PRT and 50 to usual care), Lakens (2013) for d from a two-group t,
statsmodels OLS for the simulated voxel, scipy's one-sample t test and t distribution, and
the family-wise error of m independent tests, 1 - (1 - alpha)^m (Sidak 1967).
"""

import math

import numpy as np
import pytest
from scipy import stats

from prtlib.course.checks import check, exercise_ids, get_exercise, hint, reset_hints
from prtlib.course.exercise_sets import lesson07 as ex
from prtlib.stats import fmri
from prtlib.trial import published as pub
from prtlib.trial import scanning

IDS = exercise_ids("07")
PREDICTIONS = [i for i in IDS if get_exercise(i).kind == "prediction"]


def _model_answers():
    """The master's solutions, as a learner writes them."""
    design = scanning.design_matrix(scanning.task_events(seed=7))
    y = fmri.simulate_voxel(design, {"pain": 0.6, "pain_x_level": 0.2, "constant": 100.0},
                            noise_sd=2.0, seed=11)
    X = design.to_numpy()
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    residuals = y - X @ beta
    s2 = residuals @ residuals / (X.shape[0] - X.shape[1])
    j = design.columns.get_loc("pain_x_level")
    brain = fmri.simulate_null_brain((100, 100), n_subjects=20, fwhm=2.0, seed=3)
    p_voxels = stats.ttest_1samp(brain.data, 0.0, axis=0).pvalue
    roi = "fmri.roi.{}.{}"
    alpha = pub.get("fmri.roi.alpha_one_tailed")
    t = pub.get(roi.format("amcc.prt_vs_placebo", "t"))
    df = pub.get(roi.format("amcc.prt_vs_placebo", "df"))
    results = ["amcc.prt_vs_placebo", "apfc.prt_vs_placebo", "left_ains.prt_vs_usual_care"]
    p_one = [stats.t.cdf(pub.get(roi.format(k, "t")), pub.get(roi.format(k, "df")))
             for k in results]
    return {
        "07.scans_per_trial": pub.get("fmri.evoked.trial_s") / (pub.get("fmri.tr_ms") / 1000),
        "07.level_t": beta[j] / np.sqrt(s2 * np.linalg.inv(X.T @ X)[j, j]),
        "07.false_positives": int((p_voxels <= 0.001).sum()),
        "07.familywise": 1 - (1 - alpha) ** 14,
        "07.two_tailed_p": 2 * stats.t.sf(abs(t), df),
        "07.bonferroni_survivors": sum(p <= 0.05 / 14 for p in p_one),
        "07.insula_d": pub.get(roi.format("left_ains.prt_vs_usual_care", "t"))
        * math.sqrt(1 / pub.get("n.randomized.prt") + 1 / pub.get("n.randomized.usual_care")),
        "07.whole_brain": "not detected",
    }


MODEL = _model_answers()


def test_there_are_at_least_four_checked_exercises():
    assert set(IDS) - set(PREDICTIONS) == set(MODEL) and len(MODEL) >= 4
    assert set(PREDICTIONS) == {"07.predict_autocorrelation", "07.predict_false_positives"}


def test_model_answers_match_independent_references():
    from statsmodels.regression.linear_model import OLS

    # the paper: 37 s / 0.46 s
    assert MODEL["07.scans_per_trial"] == pytest.approx(37 / 0.46)
    # statsmodels OLS t of the pain_x_level column
    design, y = ex.exercise_voxel()
    col = list(design.columns).index("pain_x_level")
    assert MODEL["07.level_t"] == pytest.approx(OLS(y, design.to_numpy()).fit().tvalues[col])
    # the voxel-wise t by hand: mean / (SD / sqrt(n)) over the 20 simulated people
    brain = ex.exercise_brain()
    n = brain.data.shape[0]
    t_by_hand = brain.data.mean(axis=0) / (brain.data.std(axis=0, ddof=1) / math.sqrt(n))
    p_by_hand = 2 * stats.t.sf(np.abs(t_by_hand), n - 1)
    assert MODEL["07.false_positives"] == int((p_by_hand <= 0.001).sum())
    # 14 independent tests at .05: 1 - 0.95^14, about 0.512
    assert MODEL["07.familywise"] == pytest.approx(1 - 0.95 ** 14)
    assert MODEL["07.familywise"] == pytest.approx(0.5123, abs=1e-4)
    # scipy t distribution, t(133.48) = -1.73
    assert MODEL["07.two_tailed_p"] == pytest.approx(2 * stats.t.cdf(-1.73, 133.48))
    # paper's one-tailed p's (.04, .03, .01) are all above .05 / 14
    assert MODEL["07.bonferroni_survivors"] == sum(p <= 0.05 / 14 for p in
                                                  (0.04, 0.03, 0.01)) == 0
    # paper: t(120.1) = -2.34; Figure 1: 50 randomized to PRT, 50 to usual care;
    # d = t sqrt(1/n1 + 1/n2) (Lakens 2013, eq. 2)
    assert MODEL["07.insula_d"] == pytest.approx(-2.34 * math.sqrt(1 / 50 + 1 / 50))
    # the mixed model's df would give the smaller 2t / sqrt(df), a named mistake
    assert check("07.insula_d", 2 * -2.34 / math.sqrt(120.1)).status == "mistake"


def test_the_learners_computations_agree_with_the_prtlib_helpers():
    design, y = ex.exercise_voxel()
    assert MODEL["07.level_t"] == pytest.approx(fmri.fit_glm(y, design)
                                                .contrast("pain_x_level").t)
    brain = ex.exercise_brain()
    assert MODEL["07.false_positives"] == fmri.threshold_uncorrected(brain.p, 0.001).n_rejected
    assert MODEL["07.two_tailed_p"] == pytest.approx(fmri.t_to_p(-1.73, 133.48))
    assert MODEL["07.bonferroni_survivors"] == int(
        scanning.trial_roi_results(n_tests=14)["passes_bonferroni"].sum())


@pytest.mark.parametrize("exercise_id", sorted(MODEL))
def test_each_check_accepts_the_model_answer(exercise_id):
    feedback = check(exercise_id, MODEL[exercise_id])
    assert feedback.correct, feedback


def test_counts_must_be_whole_numbers():
    assert check("07.false_positives", MODEL["07.false_positives"] + 0.5).status == "wrong_type"


def test_familywise_mistakes_are_named():
    assert check("07.familywise", 14 * 0.05).mistake == "gave the expected number"
    assert check("07.familywise", 0.95 ** 14).mistake == "gave the chance of none"


def test_the_concept_check_explains_every_option():
    exercise = get_exercise("07.whole_brain")
    assert {o for o, _ in exercise.reasons} == set(exercise.choices)
    assert "absence of evidence" in check("07.whole_brain", "no effect").message
    wrong = check("07.whole_brain", "false positives")
    assert wrong.status == "wrong" and "separate tests" in wrong.message


def test_the_recipe_is_only_reached_through_hint():
    reset_hints("07.level_t")
    far = check("07.level_t", 40.0)
    assert "lstsq" not in far.message and "(X'X)^-1" not in far.message
    shown = [hint("07.level_t") for _ in range(3)]
    assert "(X'X)^-1" in shown[1] and "lstsq" in shown[2]
    reset_hints("07.level_t")


def test_predictions_say_how_far_off_and_why():
    # the lesson's autocorrelation demonstration: independent noise gives about 5%, lag-1
    # correlation 0.5 far more (Woolrich et al. 2001: OLS standard errors are too small)
    value = get_exercise("07.predict_autocorrelation").expected()
    assert value > 15
    feedback = check("07.predict_autocorrelation", 5)
    assert feedback.status == "prediction" and "below" in feedback.message
    assert "prewhitening" in feedback.message
    # the null brain at p < .05: near m x alpha = 10,000 x .05 = 500
    count = get_exercise("07.predict_false_positives").expected()
    assert 350 <= count <= 650
    assert "spot on" in check("07.predict_false_positives", count).message
