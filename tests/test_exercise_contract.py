"""The contract every exercise check keeps, for every exercise of every lesson.

A check accepts the answer it computes itself, reports an unanswered stub as such, gives
each named common mistake its own hint, and answers a far-off value with the general
hint. The tests of each lesson (tests/test_exercises_lessonNN.py) add what is particular
to it: worked answers computed independently, and expected values against the paper.
"""

import pytest

from prtlib.course.catalogue import LESSONS
from prtlib.course.checks import check, exercise_ids, get_exercise

IDS = [i for lesson in LESSONS for i in exercise_ids(lesson.number)]
# A prediction accepts any number (it records a guess and says how far off it was), so the
# contract of right, named-mistake and far-off answers applies to every other exercise.
JUDGED = [i for i in IDS if get_exercise(i).kind != "prediction"]
PREDICTIONS = [i for i in IDS if get_exercise(i).kind == "prediction"]


@pytest.mark.parametrize("lesson", [lesson.number for lesson in LESSONS])
def test_every_lesson_has_its_exercise_set(lesson):
    # Lesson 00 has warm-ups; every other lesson has at least four checked exercises.
    assert len(exercise_ids(lesson)) >= (1 if lesson == "00" else 4)


@pytest.mark.parametrize("exercise_id", IDS)
def test_unanswered_stub_is_reported(exercise_id):
    assert check(exercise_id, ...).status == "unanswered"
    assert check(exercise_id, None).status == "unanswered"


@pytest.mark.parametrize("exercise_id", JUDGED)
def test_the_checks_own_answer_is_correct(exercise_id):
    exercise = get_exercise(exercise_id)
    assert check(exercise_id, exercise.expected()).correct


@pytest.mark.parametrize("exercise_id", JUDGED)
def test_each_named_mistake_gets_its_hint(exercise_id):
    exercise = get_exercise(exercise_id)
    assert exercise.mistakes, "every exercise needs at least one named common mistake"
    for mistake in exercise.mistakes:
        feedback = check(exercise_id, mistake.value())
        assert feedback.status == "mistake", (mistake.name, feedback)
        assert feedback.mistake == mistake.name
        assert mistake.hint in feedback.message


@pytest.mark.parametrize("exercise_id", JUDGED)
def test_a_far_off_answer_is_wrong_with_the_first_hint(exercise_id):
    exercise = get_exercise(exercise_id)
    assert exercise.first_hint(), "every exercise needs a hint"
    if exercise.kind in ("choice", "judgement"):
        taken = {str(exercise.expected()).lower()} | {a.lower() for a in exercise.accepted}
        taken |= {str(m.value()).lower() for m in exercise.mistakes}
        others = [c for c in exercise.choices if c.lower() not in taken]
        if not others:
            pytest.skip("every option is either the answer or a named mistake")
        wrong = others[0]
        assert check(exercise_id, "not an option").status == "wrong_type"
    else:
        wrong = round(float(exercise.expected()) * 3 + 17)
    feedback = check(exercise_id, wrong)
    assert feedback.status == "wrong", feedback
    assert exercise.first_hint() in feedback.message


@pytest.mark.parametrize("exercise_id", PREDICTIONS)
def test_a_prediction_is_recorded_with_how_far_off_it_was(exercise_id):
    exercise = get_exercise(exercise_id)
    expected = float(exercise.expected())
    feedback = check(exercise_id, expected + max(1.0, 2 * abs(expected)))
    assert feedback.status == "prediction" and "above by" in feedback.message
    assert "spot on" in check(exercise_id, expected).message
    assert exercise.explanation, "a prediction must say why the value is what it is"
