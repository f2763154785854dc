"""Lesson 01's exercise checks: the model answers pass, wrong answers fail, and particular
mistakes are recognized. (The contract every check keeps, for every exercise, is in
tests/test_exercise_contract.py.)

The model answers are computed here the way ``solutions/01_chronic_back_pain.ipynb`` computes
them, from the ledger and the simulated cohort. Reference values from the paper (Ashar et al.
2022): 5 + 2 + 2 opioid users of 151 (Table 1); TSK-11 23.62 -> 16.41 with PRT and 23.10 ->
22.16 with placebo on a scale of 11-44 (supplement); Table 2's usual-care baseline ODI 23.26.
"""

import pytest

from prtlib.course.checks import check, exercise_ids, get_exercise
from prtlib.course.exercise_sets.lesson01 import APPLICANTS
from prtlib.trial import cohort, published
from prtlib.trial.painscience import check_eligibility

ARMS = ["prt", "placebo", "usual_care"]


def model_answers():
    users = sum(published.get(f"baseline.opioid_use.{arm}.n") for arm in ARMS)
    low, high = published.get("tsk11.scale_min"), published.get("tsk11.scale_max")
    score = published.get("tsk11.baseline.prt.mean")

    def tsk_change(arm):
        return published.get(f"tsk11.post.{arm}.mean") - published.get(
            f"tsk11.baseline.{arm}.mean")

    df = cohort.synthetic_trial(seed=0)
    at_baseline = df[(df["arm"] == "usual_care") & (df["time"] == "baseline")]
    # The master applies the criteria by hand; check_eligibility must agree with it.
    results = {name: check_eligibility(**person) for name, person in APPLICANTS.items()}
    return {
        "01.opioid_percent": 100 * users / published.get("n.randomized.total"),
        "01.tsk_position": 100 * (score - low) / (high - low),
        "01.tsk_change_vs_placebo": tsk_change("prt") - tsk_change("placebo"),
        "01.cohort_odi": at_baseline["odi"].mean(),
        "01.eligible_applicant": [n for n, r in results.items() if r.eligible][0],
    }


WRONG = {
    "01.opioid_percent": 25.0,
    "01.tsk_position": 80.0,
    "01.tsk_change_vs_placebo": 3.0,
    "01.cohort_odi": 40.0,
}


def test_the_set_has_its_exercises():
    assert exercise_ids("01") == sorted(
        [*model_answers(), "01.fear_disability_reading", "01.predict_odi_above_20",
         "01.predict_pain_sd"])


def test_eligibility_by_hand_matches_the_helper():
    # The criteria as the paper's Methods state them: age 21-70, pain >= 4/10, >= 6 months
    # on >= half the days, leg pain not worse than back pain (bounds included).
    by_hand = [name for name, a in APPLICANTS.items()
               if 21 <= a["age"] <= 70 and a["screening_pain"] >= 4
               and a["months_with_pain"] >= 6 and a["share_of_days"] >= 0.5
               and not a["leg_pain_worse"]]
    assert by_hand == ["D"]
    assert check("01.eligible_applicant", by_hand[0]).correct


def test_expected_values_match_the_paper():
    assert get_exercise("01.opioid_percent").expected() == pytest.approx(100 * 9 / 151)
    assert get_exercise("01.tsk_position").expected() == pytest.approx(
        100 * (23.62 - 11) / 33)
    assert get_exercise("01.tsk_change_vs_placebo").expected() == pytest.approx(
        (16.41 - 23.62) - (22.16 - 23.10))
    assert get_exercise("01.cohort_odi").expected() == pytest.approx(23.26, abs=0.05)
    assert get_exercise("01.eligible_applicant").expected() == "D"


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
    exercise = get_exercise("01.fear_disability_reading")
    assert {o for o, _ in exercise.reasons} == set(exercise.choices)
    right = "they go together; the direction is unknown"
    assert check("01.fear_disability_reading", right).correct
    wrong = check("01.fear_disability_reading", "disability causes fear")
    assert wrong.status == "wrong"
    assert exercise.reason("disability causes fear") in wrong.message
    assert check("01.fear_disability_reading", "fear causes disability").mistake == \
        "read the correlation as a cause"


def test_predictions_record_any_number():
    # Table 2: baseline pain SD 1.21 in the PRT arm.
    assert get_exercise("01.predict_pain_sd").expected() == pytest.approx(1.21)
    assert check("01.predict_pain_sd", 2).status == "prediction"
    # The simulated usual-care arm, counted with pandas.
    df = cohort.synthetic_trial(seed=0)
    odi = df[(df["arm"] == "usual_care") & (df["time"] == "baseline")]["odi"]
    share = 100 * (odi > 20).sum() / len(odi)
    assert get_exercise("01.predict_odi_above_20").expected() == pytest.approx(share)
    assert check("01.predict_odi_above_20", 90).status == "prediction"


def test_wrong_choice_is_rejected():
    assert check("01.eligible_applicant", "E").status == "wrong_type"
    assert check("01.eligible_applicant", 4).status == "wrong_type"


def test_specific_mistakes():
    # comparing post-treatment means only: 16.41 - 22.16
    assert check("01.tsk_change_vs_placebo", 16.41 - 22.16).mistake == \
        "compared post-treatment scores only"
    # forgetting that the TSK-11 starts at 11: 23.62 / 44
    assert check("01.tsk_position", 100 * 23.62 / 44).mistake == "ignored the scale's minimum"
    assert check("01.eligible_applicant", "B").mistake == "forgot the leg-pain rule"
    assert check("01.opioid_percent", 9).mistake == "gave the count"
