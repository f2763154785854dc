"""Lesson 08's exercise checks: the model answers pass. (The contract every check keeps, for
every exercise, is in tests/test_exercise_contract.py.)

Model answers are computed the way solutions/08_fmri_connectivity_and_inference.ipynb
computes them (the learner's own numpy and scipy code), and checked against independent
references: numpy corrcoef and arctanh, scipy.stats.ttest_ind, Bayes' rule with the counts
written out, the sample size for a correlation from Fisher's z (standard error
1/sqrt(n - 3), Fisher 1921) and the pwr package's refinement that prtlib follows, and
eTable 8 of the paper (no cluster for aPFC vs usual care and for aMCC vs placebo).
"""

import math

import numpy as np
import pytest
from scipy import stats

from prtlib.course.checks import check, exercise_ids, get_exercise, hint, reset_hints
from prtlib.course.exercise_sets import lesson08 as ex
from prtlib.stats import fmri
from prtlib.trial import published as pub
from prtlib.trial import scanning

IDS = exercise_ids("08")
PREDICTIONS = [i for i in IDS if get_exercise(i).kind == "prediction"]


def _model_answers():
    """The master's solutions, as a learner writes them."""
    pair = scanning.simulate_resting_pair(0.3, seed=5)
    r = np.corrcoef(pair["seed"], pair["target"])[0, 1]
    study = fmri.simulate_connectivity_study(45, 0.1, seed=8)
    data = study.data
    prt = data[data.group == "prt"]
    placebo = data[data.group == "placebo"]
    with_pain, without_pain = 0.9 * 0.2, 0.6 * (1 - 0.2)
    res = fmri.circular_analysis(effect=0.3, n_studies=200, seed=1)
    z_alpha, z_power = stats.norm.ppf(1 - 0.05 / 2), stats.norm.ppf(0.8)
    table = pub.fmri_connectivity()
    return {
        "08.fisher_z": 0.5 * np.log((1 + r) / (1 - r)),
        "08.change_t": stats.ttest_ind(prt["change_z"], placebo["change_z"],
                                       equal_var=False).statistic,
        "08.posterior": with_pain / (with_pain + without_pain),
        "08.circular_ratio": res.circular_estimate.mean() / res.circular_truth.mean(),
        "08.n_for_small_r": math.ceil(((z_alpha + z_power) / np.arctanh(0.15)) ** 2 + 3),
        "08.empty_pairs": int((~table["cluster"]).sum()),
        "08.selectivity": "more selective region",
    }


MODEL = _model_answers()


def test_there_are_at_least_four_checked_exercises():
    assert set(IDS) - set(PREDICTIONS) == set(MODEL) and len(MODEL) >= 4
    assert set(PREDICTIONS) == {"08.predict_posterior", "08.predict_n_medium_r"}


def test_model_answers_match_independent_references():
    pair = scanning.simulate_resting_pair(0.3, seed=5)
    r = pair.corr().iloc[0, 1]
    assert MODEL["08.fisher_z"] == pytest.approx(np.arctanh(r))
    assert MODEL["08.change_t"] == pytest.approx(fmri.simulate_connectivity_study(
        45, 0.1, seed=8).t)
    # in counts: of 100 scans, 20 with pain of which 18 active; 80 without, 48 active
    assert MODEL["08.posterior"] == pytest.approx(18 / (18 + 48))
    assert MODEL["08.circular_ratio"] > 2  # Kriegeskorte et al. 2009: selection inflates
    # Fisher's z with 1.96 and 0.8416 (normal quantiles, any table): 346.6 -> 347 people
    assert MODEL["08.n_for_small_r"] == math.ceil(
        ((1.959964 + 0.841621) / math.atanh(0.15)) ** 2 + 3) == 347
    # eTable 8: aPFC vs usual care and aMCC vs placebo have no surviving cluster
    assert MODEL["08.empty_pairs"] == 2


def test_the_learners_computations_agree_with_the_prtlib_helpers():
    pair = scanning.simulate_resting_pair(0.3, seed=5)
    helper = fmri.seed_connectivity(pair["seed"].to_numpy(), pair["target"].to_numpy())
    assert MODEL["08.fisher_z"] == pytest.approx(helper.z)
    assert MODEL["08.posterior"] == pytest.approx(fmri.reverse_inference(0.9, 0.6, 0.2))
    # prtlib follows the pwr package's refinement: within a person of Fisher's formula
    assert abs(fmri.correlation_sample_size(0.15) - MODEL["08.n_for_small_r"]) <= 1
    assert check("08.n_for_small_r", fmri.correlation_sample_size(0.15)).correct


@pytest.mark.parametrize("exercise_id", sorted(MODEL))
def test_each_check_accepts_the_model_answer(exercise_id):
    feedback = check(exercise_id, MODEL[exercise_id])
    assert feedback.correct, feedback


def test_sample_size_mistakes_are_named():
    z_power = stats.norm.ppf(0.8)
    one_sided = math.ceil(((stats.norm.ppf(0.95) + z_power) / math.atanh(0.15)) ** 2 + 3)
    assert check("08.n_for_small_r", one_sided).mistake == "used a one-sided test"
    no_three = math.ceil(((stats.norm.ppf(0.975) + z_power) / math.atanh(0.15)) ** 2)
    assert check("08.n_for_small_r", no_three).mistake == "left out the 3"


def test_the_concept_check_explains_every_option():
    exercise = get_exercise("08.selectivity")
    assert {o for o, _ in exercise.reasons} == set(exercise.choices)
    wrong = check("08.selectivity", "more scans")
    assert wrong.status == "wrong" and "selectivity" in wrong.message


def test_the_recipe_is_only_reached_through_hint():
    reset_hints("08.posterior")
    far = check("08.posterior", 0.05)
    assert far.status == "wrong"
    assert "0.9 * 0.2" not in far.message and "Poldrack" not in far.message
    shown = [hint("08.posterior") for _ in range(3)]
    assert "Poldrack" in shown[1] and "0.9 * 0.2" in shown[2]
    reset_hints("08.posterior")


def test_predictions_say_how_far_off_and_why():
    from prtlib.course.explorers.lesson08 import ReverseInferenceExplorer

    # the explorer's starting rates are the ones the prediction uses
    controls = ReverseInferenceExplorer().controls
    assert tuple(c.value for c in controls.values()) == ex.EXPLORER_RATES
    # Bayes' rule in counts: 27 of 100 with pain and active, 42 without pain and active
    assert get_exercise("08.predict_posterior").expected() == pytest.approx(27 / 69)
    feedback = check("08.predict_posterior", 0.9)
    assert feedback.status == "prediction" and "above" in feedback.message
    assert "forward" in feedback.message
    # r = 0.3: Fisher's formula gives 84.9 -> 85, the number lesson 08's table prints
    assert get_exercise("08.predict_n_medium_r").expected() == 85
