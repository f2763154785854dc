"""Lesson 08's exercise checks: the model answers pass. (The contract every check keeps, for
every exercise, is in tests/test_exercise_contract.py.)

Model answers are computed the way solutions/08_fmri_connectivity_and_inference.ipynb
computes them, and checked against independent references: numpy corrcoef and arctanh,
scipy.stats.ttest_ind, Bayes' rule by hand, the normal-approximation sample size for a
correlation (Cohen 1988), and eTable 8 of the paper (no cluster for aPFC vs usual care
and for aMCC vs placebo).
"""

import math

import numpy as np
import pytest
from scipy import stats

from prtlib import fmri
from prtlib import published as pub
from prtlib.checks import check, exercise_ids

IDS = exercise_ids("08")


def _model_answers():
    pair = fmri.simulate_resting_pair(0.3, seed=5)
    study = fmri.simulate_connectivity_study(45, 0.1, seed=8)
    data = study.data
    prt = data[data.group == "prt"]
    placebo = data[data.group == "placebo"]
    res = fmri.circular_analysis(effect=0.3, n_studies=200, seed=1)
    table = pub.fmri_connectivity()
    return {
        "08.fisher_z": fmri.seed_connectivity(pair["seed"].to_numpy(),
                                              pair["target"].to_numpy()).z,
        "08.change_t": stats.ttest_ind(prt["change_z"], placebo["change_z"],
                                       equal_var=False).statistic,
        "08.posterior": fmri.reverse_inference(0.9, 0.6, prior_pain=0.3),
        "08.circular_ratio": res.circular_estimate.mean() / res.circular_truth.mean(),
        "08.n_for_small_r": fmri.correlation_sample_size(0.1, power=0.8, alpha=0.05),
        "08.empty_pairs": int((~table["cluster"]).sum()),
    }


MODEL = _model_answers()


def test_there_are_at_least_four_checked_exercises():
    assert set(IDS) == set(MODEL) and len(IDS) >= 4


def test_model_answers_match_independent_references():
    pair = fmri.simulate_resting_pair(0.3, seed=5)
    r = np.corrcoef(pair["seed"], pair["target"])[0, 1]
    assert MODEL["08.fisher_z"] == pytest.approx(np.arctanh(r))
    assert MODEL["08.change_t"] == pytest.approx(fmri.simulate_connectivity_study(
        45, 0.1, seed=8).t)
    assert MODEL["08.posterior"] == pytest.approx(0.27 / (0.27 + 0.42))
    assert MODEL["08.circular_ratio"] > 2  # Kriegeskorte et al. 2009: selection inflates
    approx = ((stats.norm.isf(0.025) + stats.norm.isf(0.2)) / math.atanh(0.1)) ** 2 + 3
    assert abs(MODEL["08.n_for_small_r"] - approx) <= 2
    # eTable 8: aPFC vs usual care and aMCC vs placebo have no surviving cluster
    assert MODEL["08.empty_pairs"] == 2


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_check_accepts_the_model_answer(exercise_id):
    feedback = check(exercise_id, MODEL[exercise_id])
    assert feedback.correct, feedback
