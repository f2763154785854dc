"""Lesson 07's exercise checks: the model answers pass. (The contract every check keeps, for
every exercise, is in tests/test_exercise_contract.py.)

Model answers are computed the way solutions/07_fmri_evoked_pain.ipynb computes them, and
checked against independent references: the paper (TR 460 ms, trials of 37 s;
t(133.48) = -1.73; t(120.1) = -2.34 and the one-tailed p's .04, .03, .01; 50 randomized
to PRT and 50 to usual care), Lakens (2013) for d from a two-group t, statsmodels
OLS for the simulated voxel, and scipy's one-sample t test and t distribution.
"""

import math

import pytest
from scipy import stats

from prtlib import fmri
from prtlib import published as pub
from prtlib.checks import check, exercise_ids
from prtlib.exercise_sets import lesson07 as ex

IDS = exercise_ids("07")


def _model_answers():
    design = fmri.design_matrix(fmri.task_events(seed=7))
    y = fmri.simulate_voxel(design, {"pain": 0.6, "pain_x_level": 0.2, "constant": 100.0},
                            noise_sd=2.0, seed=11)
    brain = fmri.simulate_null_brain((100, 100), n_subjects=20, fwhm=2.0, seed=3)
    roi = "fmri.roi.{}.{}"
    table = fmri.trial_roi_results(n_tests=14)
    return {
        "07.scans_per_trial": pub.get("fmri.evoked.trial_s") / (pub.get("fmri.tr_ms") / 1000),
        "07.level_t": fmri.fit_glm(y, design).contrast("pain_x_level").t,
        "07.false_positives": fmri.threshold_uncorrected(brain.p, 0.001).n_rejected,
        "07.two_tailed_p": fmri.t_to_p(pub.get(roi.format("amcc.prt_vs_placebo", "t")),
                                       pub.get(roi.format("amcc.prt_vs_placebo", "df"))),
        "07.bonferroni_survivors": int(table["passes_bonferroni"].sum()),
        "07.insula_d": pub.get(roi.format("left_ains.prt_vs_usual_care", "t"))
        * math.sqrt(1 / pub.get("n.randomized.prt") + 1 / pub.get("n.randomized.usual_care")),
    }


MODEL = _model_answers()


def test_there_are_at_least_four_checked_exercises():
    assert set(IDS) == set(MODEL) and len(IDS) >= 4


def test_model_answers_match_independent_references():
    from statsmodels.regression.linear_model import OLS

    # the paper: 37 s / 0.46 s
    assert MODEL["07.scans_per_trial"] == pytest.approx(37 / 0.46)
    # statsmodels OLS t of the pain_x_level column
    design, y = ex.exercise_voxel()
    col = list(design.columns).index("pain_x_level")
    assert MODEL["07.level_t"] == pytest.approx(OLS(y, design.to_numpy()).fit().tvalues[col])
    # scipy one-sample t test on the simulated subjects' maps
    brain = ex.exercise_brain()
    p = stats.ttest_1samp(brain.data, 0.0, axis=0).pvalue
    assert MODEL["07.false_positives"] == int((p <= 0.001).sum())
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


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_check_accepts_the_model_answer(exercise_id):
    feedback = check(exercise_id, MODEL[exercise_id])
    assert feedback.correct, feedback


def test_counts_must_be_whole_numbers():
    assert check("07.false_positives", MODEL["07.false_positives"] + 0.5).status == "wrong_type"
