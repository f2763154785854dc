"""Exercise checks: right answers pass, named mistakes get their hint, nothing crashes."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prtlib.course.checks import (
    STATUSES,
    Exercise,
    Feedback,
    check,
    exercise_ids,
    get_exercise,
    hint,
    register,
    reset_hints,
)
from prtlib.trial import published


def test_lesson00_expected_answers_come_from_the_paper():
    # Reference: Ashar et al. 2022, Table 2 (PRT pain 4.22 at baseline, 1.18 post) and the
    # Results text (33 of 50 randomized to PRT reported pain 0 or 1 after treatment).
    assert get_exercise("00.pain_drop").expected() == pytest.approx(4.22 - 1.18)
    assert get_exercise("00.percent_pain_free").expected() == pytest.approx(66.0)
    # Table 2: usual care fell 3.91 -> 3.13, placebo 4.16 -> 2.84, PRT 4.22 -> 1.18.
    assert get_exercise("00.least_improved").expected() == "usual_care"


def test_wrong_answers_are_rejected_with_the_general_hint():
    feedback = check("00.pain_drop", 7.5)
    assert feedback.status == "wrong" and not feedback.correct
    assert get_exercise("00.pain_drop").first_hint() in feedback.message
    assert check("00.least_improved", "placebo").status == "wrong"


def test_close_answers_point_at_rounding():
    feedback = check("00.pain_drop", 3.0)
    assert feedback.status == "close"
    assert "rounding" in feedback.message


def test_percent_within_half_a_point_is_accepted():
    assert check("00.percent_pain_free", 66.3).correct
    assert not check("00.percent_pain_free", 67.0).correct


@pytest.mark.parametrize("answer, fragment", [
    (..., "Not answered yet"),
    (None, "Not answered yet"),
    ("3.04", "Remove the quotes"),
    ("three", "Compute the value"),
    (True, "True/False"),
    (np.array([1.0, 2.0]), "holding 2 values"),
    (pd.Series([3.04, 1.0]), "holding 2 values"),
    ([3.04], "list with 1 items"),
    (math.nan, "NaN"),
    (math.inf, "infinite"),
    (object(), "expects a number"),
])
def test_wrong_kinds_of_answer_are_explained(answer, fragment):
    feedback = check("00.pain_drop", answer)
    assert feedback.status in {"wrong_type", "unanswered"}
    assert fragment in feedback.message


def test_one_element_containers_are_read_as_numbers():
    drop = published.get("pain.baseline.prt.mean") - published.get("pain.post.prt.mean")
    assert check("00.pain_drop", np.float64(drop)).correct
    assert check("00.pain_drop", np.array([drop])).correct
    assert check("00.pain_drop", pd.Series([drop])).correct


def test_choice_answers_are_forgiving_about_case_and_space():
    assert check("00.least_improved", " Usual_Care ").correct
    assert check("00.least_improved", "surgery").status == "wrong_type"
    assert check("00.least_improved", 3).status == "wrong_type"


def test_unknown_exercise_is_explained_not_raised():
    feedback = check("00.no_such_thing", 1)
    assert feedback.status == "unknown_exercise"
    assert "00.pain_drop" in feedback.message
    assert check(12345, 1).status == "unknown_exercise"


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
                 st.lists(st.floats()), st.dictionaries(st.text(), st.integers()),
                 st.complex_numbers(), st.binary()))
def test_a_check_never_raises(answer):
    for exercise_id in exercise_ids("00"):
        feedback = check(exercise_id, answer)
        assert isinstance(feedback, Feedback)
        assert feedback.status in STATUSES
        assert feedback.message


def test_feedback_renders_as_text_and_html():
    feedback = check("00.pain_drop", -1 * get_exercise("00.pain_drop").expected())
    assert str(feedback).startswith("✎ Not quite.")
    assert "<div" in feedback._repr_html_()


# ---- hint levels, judgements, concept checks and predictions (made-up exercises) ----------

def _tiered() -> Exercise:
    return Exercise(
        id="99.tiered", title="the mean of 2 and 4", expected=lambda: 3.0,
        nudge="A mean balances the values around it.",
        method="Add the values and divide by how many there are.",
        recipe="(2 + 4) / 2 = 3.")


def test_a_far_off_answer_gets_the_nudge_never_the_recipe():
    register(_tiered())
    feedback = check("99.tiered", 10.0)
    assert feedback.status == "wrong"
    assert "balances" in feedback.message
    assert "(2 + 4) / 2" not in feedback.message
    assert "Add the values" not in feedback.message


def test_each_call_to_hint_reveals_the_next_level_then_stays_on_the_last():
    register(_tiered())
    reset_hints("99.tiered")
    shown = [hint("99.tiered") for _ in range(4)]
    assert "nudge" in shown[0] and "balances" in shown[0] and "(2 + 4)" not in shown[0]
    assert "method" in shown[1] and "Add the values" in shown[1]
    assert "recipe" in shown[2] and "(2 + 4) / 2 = 3." in shown[2]
    assert shown[3] == shown[2]
    assert "again" in shown[0] and "again" not in shown[2]
    assert "Add the values" in hint("99.tiered", level="method")
    assert "no 'other' hint" in hint("99.tiered", level="other")
    reset_hints()
    assert "nudge" in hint("99.tiered")


def test_a_judgement_accepts_every_defensible_option_and_engages_with_it():
    register(Exercise(
        id="99.judge", title="a judgement", kind="judgement", expected=lambda: "low",
        choices=("low", "some concerns", "high"), accepted=("some concerns",),
        reasons=(("low", "The protocol was registered."),
                 ("some concerns", "A 'probably no' answer points here."),
                 ("high", "Nothing here reaches high risk.")),
        nudge="Which signalling question decides this domain?"))
    assert check("99.judge", "low").correct
    accepted = check("99.judge", "Some concerns")
    assert accepted.correct and "defensible" in accepted.message
    assert "probably no" in accepted.message
    rejected = check("99.judge", "high")
    assert rejected.status == "wrong"
    assert "Nothing here reaches high risk" in rejected.message
    assert "signalling" in rejected.message


def test_a_prediction_accepts_any_number_and_says_how_far_off_it_was():
    register(Exercise(id="99.predict", title="a prediction", kind="prediction",
                      expected=lambda: 0.8, explanation="Power rises with n."))
    far = check("99.predict", 0.2)
    assert far.status == "prediction" and not far.correct
    assert "below by 0.6" in far.message and "0.8" in far.message
    assert "spot on" in check("99.predict", 0.8).message
    assert "close: above" in check("99.predict", 0.85).message
    assert check("99.predict", "lots").status == "wrong_type"
    assert check("99.predict", ...).status == "unanswered"


def test_an_unknown_kind_is_refused_with_a_sentence_naming_it():
    with pytest.raises(ValueError, match="kind must be one of .* got 'essay'"):
        Exercise(id="99.bad", title="bad", expected=lambda: 1, kind="essay")
