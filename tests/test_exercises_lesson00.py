"""Lesson 00's warm-up checks: the model answers pass, wrong answers get the nudge, and the
concept check and predictions behave as the exercise set promises. (The contract every
check keeps is in tests/test_exercise_contract.py.)

Reference values from the paper (Ashar et al. 2022, Table 2 and Figure 1): pain 4.22 -> 1.18
with PRT, 4.16 -> 2.84 with placebo, 3.91 -> 3.13 with usual care; 33 of the 50 randomized
to PRT rated their pain 0 or 1 after treatment.
"""

import pytest

from prtlib.course.checks import check, exercise_ids, get_exercise, hint, reset_hints


def test_the_set_has_its_exercises():
    assert exercise_ids("00") == ["00.drop_is_effect", "00.least_improved", "00.pain_drop",
                                  "00.percent_pain_free", "00.predict_placebo_drop",
                                  "00.predict_prt_post"]


def test_model_answers_from_the_paper():
    assert check("00.pain_drop", 4.22 - 1.18).correct
    assert check("00.percent_pain_free", 100 * 33 / 50).correct
    assert check("00.least_improved", "usual_care").correct


@pytest.mark.parametrize("exercise_id, wrong", [("00.pain_drop", 7.5),
                                                ("00.percent_pain_free", 20.0)])
def test_a_wrong_answer_gets_the_nudge_and_never_the_recipe(exercise_id, wrong):
    exercise = get_exercise(exercise_id)
    feedback = check(exercise_id, wrong)
    assert feedback.status == "wrong"
    assert exercise.nudge in feedback.message
    assert exercise.method not in feedback.message
    assert exercise.recipe not in feedback.message


def test_hints_come_one_level_per_call():
    reset_hints("00.pain_drop")
    exercise = get_exercise("00.pain_drop")
    assert exercise.nudge in hint("00.pain_drop")
    assert exercise.method in hint("00.pain_drop")
    assert exercise.recipe in hint("00.pain_drop")
    reset_hints("00.pain_drop")


def test_the_concept_check_gives_a_reason_for_every_option():
    exercise = get_exercise("00.drop_is_effect")
    assert {o for o, _ in exercise.reasons} == set(exercise.choices)
    assert check("00.drop_is_effect", "no: compare it with a control arm").correct
    wrong = check("00.drop_is_effect", "only if the drop is statistically significant")
    assert wrong.status == "wrong"
    assert exercise.reason("only if the drop is statistically significant") in wrong.message
    assert check("00.drop_is_effect", "yes").mistake == "took the drop for the effect"


def test_predictions_record_any_number():
    assert get_exercise("00.predict_placebo_drop").expected() == pytest.approx(4.16 - 2.84)
    assert get_exercise("00.predict_prt_post").expected() == pytest.approx(1.18)
    feedback = check("00.predict_prt_post", 3)
    assert feedback.status == "prediction" and "above by" in feedback.message
    assert check("00.predict_placebo_drop", ...).status == "unanswered"
