"""Lesson 02's exercise checks: the model answers pass, wrong answers fail, and particular
mistakes are recognized. (The contract every check keeps, for every exercise, is in
tests/test_exercise_contract.py.)

The model answers are computed here the way ``solutions/02_randomized_designs.ipynb``
computes them. Independent references: scipy.stats.truncnorm for regression to the mean
(Barnett et al. 2005); the paper's counts (33 of 50 and 10 of 51 pain-free or nearly so
after treatment, 45 and 44 started; 38 + 44 + 41 measured at 1 month of 151 randomized).
"""

import numpy as np
import pytest
from scipy import stats

from prtlib.course.checks import check, exercise_ids, get_exercise
from prtlib.course.exercise_sets.lesson02 import (
    BLOCK_SETTINGS,
    OBSERVATIONAL_SETTINGS,
    RTM_SETTINGS,
)
from prtlib.trial import designs, published

ARMS = ["prt", "placebo", "usual_care"]


def model_answers():
    z = (RTM_SETTINGS["threshold"] - RTM_SETTINGS["mean"]) / RTM_SETTINGS["sd"]
    c_of_z = stats.norm.pdf(z) / stats.norm.sf(z)
    study = designs.observational_study(**OBSERVATIONAL_SETTINGS)
    chose = study["therapy"]

    def itt_percent(arm):
        return 100 * published.get(f"responders.pain01.post.{arm}") / published.get(
            f"n.randomized.{arm}")

    measured = sum(published.get(f"n.monitored.1mo.{arm}") for arm in ARMS)
    people = designs.trial_covariates(n=published.get("n.randomized.total"),
                                      seed=BLOCK_SETTINGS["seed"])
    arms = designs.allocate(people, method="block", block_size=BLOCK_SETTINGS["block_size"],
                            seed=BLOCK_SETTINGS["seed"])[0]
    return {
        "02.rtm_drop": (1 - RTM_SETTINGS["reliability"]) * RTM_SETTINGS["sd"] * c_of_z,
        "02.naive_difference": (study.loc[chose, "followup_pain"].mean()
                                - study.loc[~chose, "followup_pain"].mean()),
        "02.itt_difference": itt_percent("prt") - itt_percent("placebo"),
        "02.missing_1mo": published.get("n.randomized.total") - measured,
        "02.block_max_imbalance": int(designs.running_imbalance(arms).max()),
    }


WRONG = {
    "02.rtm_drop": 3.0,
    "02.naive_difference": 0.5,
    "02.itt_difference": 20.0,
    "02.missing_1mo": 40,
    "02.block_max_imbalance": 4,
}


def test_the_set_has_its_exercises():
    assert exercise_ids("02") == sorted(
        [*model_answers(), "02.baseline_imbalance", "02.predict_simple_imbalance",
         "02.predict_usual_care_fall"])


def test_expected_values_from_independent_sources():
    a = (4 - 3.5) / 2
    entry = stats.truncnorm.mean(a, np.inf, loc=3.5, scale=2)
    assert get_exercise("02.rtm_drop").expected() == pytest.approx((1 - 0.6) * (entry - 3.5))
    assert get_exercise("02.itt_difference").expected() == pytest.approx(
        100 * 33 / 50 - 100 * 10 / 51)
    assert get_exercise("02.missing_1mo").expected() == 151 - (38 + 44 + 41)
    assert get_exercise("02.block_max_imbalance").expected() == 6 // 3


@pytest.mark.parametrize("exercise_id", sorted(model_answers()))
def test_model_answer_is_accepted(exercise_id):
    feedback = check(exercise_id, model_answers()[exercise_id])
    assert feedback.correct, feedback


@pytest.mark.parametrize("exercise_id", sorted(WRONG))
def test_wrong_answer_gets_the_nudge_and_never_the_recipe(exercise_id):
    exercise = get_exercise(exercise_id)
    feedback = check(exercise_id, WRONG[exercise_id])
    assert feedback.status == "wrong" and not feedback.correct
    assert exercise.nudge and exercise.nudge in feedback.message
    assert exercise.recipe not in feedback.message
    assert exercise.method not in feedback.message


def test_the_concept_check_gives_a_reason_for_every_option():
    exercise = get_exercise("02.baseline_imbalance")
    assert {o for o, _ in exercise.reasons} == set(exercise.choices)
    assert check("02.baseline_imbalance", "chance: adjust for baseline pain").correct
    wrong = check("02.baseline_imbalance", "randomization failed")
    assert wrong.status == "wrong"
    assert exercise.reason("randomization failed") in wrong.message
    assert check("02.baseline_imbalance",
                 "test the difference for significance").mistake == "tested a baseline difference"


def test_predictions_record_any_number():
    # Usual care: 3.91 at baseline, 3.13 after treatment (Table 2): a fall of 0.78.
    assert get_exercise("02.predict_usual_care_fall").expected() == pytest.approx(0.78)
    assert check("02.predict_usual_care_fall", 0).status == "prediction"
    # Simple randomization of the same 151 people: the running imbalance, counted by hand
    # from the allocation with numpy (largest arm minus smallest after each person).
    people = designs.trial_covariates(n=published.get("n.randomized.total"),
                                      seed=BLOCK_SETTINGS["seed"])
    arms = np.asarray(designs.allocate(people, method="simple",
                                       seed=BLOCK_SETTINGS["seed"])[0])
    counts = np.stack([np.cumsum(arms == a) for a in range(3)])
    by_hand = int((counts.max(axis=0) - counts.min(axis=0)).max())
    assert get_exercise("02.predict_simple_imbalance").expected() == by_hand
    assert by_hand > 2  # far more drift than blocks of 6 allow
    assert check("02.predict_simple_imbalance", 3).status == "prediction"


def test_specific_mistakes():
    # per-protocol denominators: 33/45 and 10/44
    assert check("02.itt_difference", 100 * 33 / 45 - 100 * 10 / 44).mistake == \
        "divided by those who started"
    assert check("02.missing_1mo", 38 + 44 + 41).mistake == "gave those measured"
    assert check("02.block_max_imbalance", 1).mistake == "looked only at the end"
    # forgetting the (1 - reliability) factor
    z = 0.25
    assert check("02.rtm_drop", 2 * stats.norm.pdf(z) / stats.norm.sf(z)).mistake == \
        "left out the within-person share"


def test_integer_answers_must_be_whole():
    assert check("02.missing_1mo", 28.5).status == "wrong_type"
    assert check("02.missing_1mo", 28.0).correct
