"""Lesson 10's exercise checks: the model answers pass, on whichever table the set analyses.

(The contract every check keeps, for every exercise, is in tests/test_exercise_contract.py;
the expected values against the paper, with the public data, are in tests/test_lesson10.py.)

The model answers are computed here the way solutions/10_reanalyse_the_trial.ipynb computes
them (the learner's own pandas, numpy and statsmodels code) and compared with independent
references: statsmodels' OLS for the ANCOVA (Vickers and Altman 2001), prtlib's tested
``change_score_g`` with the exact Hedges J (Hedges 1981), ``cohort.summarize`` and
``cohort.responders`` for Table 2 and eTable 2. Every test runs twice: on the simulated
cohort (an empty data folder) and, when ../shared/data holds it, on the public file.
"""

import math
import re

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from _shared import DATA_DIR, DATA_FILE

from prtlib.course.checks import check, exercise_ids, get_exercise, hint, reset_hints
from prtlib.course.exercise_sets import lesson10 as ex
from prtlib.stats.effect_sizes import change_score_g
from prtlib.trial import cohort
from prtlib.trial.published import PUBLIC_DATA

IDS = exercise_ids("10")
PREDICTIONS = {"10.predict_baseline_sd", "10.predict_ancova"}
CHOICES = {"10.why_g_differs": "baseline", "10.most_precise": "ancova"}
TERM = "C(arm, Treatment('prt'))[T.{}]"


@pytest.fixture(params=["simulated", "public"])
def source(request, monkeypatch, tmp_path):
    """Point PRTLIB_DATA_DIR at an empty folder (simulated cohort) or at the public data."""
    if request.param == "public":
        if not DATA_FILE.is_file():
            pytest.skip(f"the public trial data is not at {DATA_FILE}")
        monkeypatch.setenv("PRTLIB_DATA_DIR", str(DATA_DIR))
    else:
        monkeypatch.setenv("PRTLIB_DATA_DIR", str(tmp_path))
    return request.param


def _model_answers() -> dict:
    """The master's solutions, as a learner writes them."""
    df, _ = ex.trial_data()
    people = cohort.wide(df)[["arm", "baseline", "post"]]
    post_table = people.groupby("arm", observed=True)["post"].agg(["count", "mean", "std"])
    placebo = people[people["arm"] == "placebo"]
    change = people["post"] - people["baseline"]

    def g_of_changes(control):
        c1 = change[people["arm"] == "prt"].dropna()
        c2 = change[people["arm"] == control].dropna()
        n1, n2 = len(c1), len(c2)
        pooled = np.sqrt(((n1 - 1) * c1.var() + (n2 - 1) * c2.var()) / (n1 + n2 - 2))
        return (1 - 3 / (4 * (n1 + n2 - 2) - 1)) * (c1.mean() - c2.mean()) / pooled

    complete = people.dropna()
    fit = smf.ols("post ~ C(arm, Treatment('prt')) + baseline", data=complete).fit()
    filled = people["post"].fillna(people["baseline"]).groupby(people["arm"],
                                                                observed=True).mean()
    return {
        "10.post_sd_placebo": post_table.loc["placebo", "std"],
        "10.responder_percent_placebo": 100 * (placebo["post"] <= 1).sum() / len(placebo),
        "10.g_placebo": g_of_changes("placebo"),
        "10.g_usual_care": g_of_changes("usual_care"),
        "10.ancova_usual_care": -fit.params[TERM.format("usual_care")],
        "10.bocf_placebo": filled["prt"] - filled["placebo"],
        **CHOICES,
    }


def test_the_set_has_the_exercises_the_master_checks():
    assert set(IDS) == set(_model_answers_ids()) | PREDICTIONS
    for exercise_id in PREDICTIONS:
        assert get_exercise(exercise_id).kind == "prediction"
    for exercise_id in CHOICES:
        exercise = get_exercise(exercise_id)
        assert exercise.kind == "choice"
        assert {option for option, _ in exercise.reasons} == set(exercise.choices)


def _model_answers_ids():
    return [
        "10.post_sd_placebo", "10.responder_percent_placebo", "10.g_placebo",
        "10.g_usual_care", "10.ancova_usual_care", "10.bocf_placebo", *CHOICES,
    ]


def test_the_model_answers_pass(source):
    for exercise_id, answer in _model_answers().items():
        feedback = check(exercise_id, answer)
        assert feedback.correct, (source, exercise_id, feedback)


def test_expected_values_match_independent_references(source):
    df, is_real = ex.trial_data()
    assert is_real == (source == "public")
    people = cohort.wide(df)
    prt = people[people["arm"] == "prt"]
    # Table 2's available-case summary, as prtlib.trial.cohort.summarize computes it.
    summary = cohort.summarize(df).xs("post", level="time")
    assert ex.post_summary()["sd"].to_numpy() == pytest.approx(summary["sd"].to_numpy())
    assert ex.post_summary()["mean"].to_numpy() == pytest.approx(summary["mean"].to_numpy())
    # eTable 2's rule, as prtlib.trial.cohort.responders computes it (missed visit = no response).
    table = cohort.responders(df)
    assert ex.responder_table()["percent"].to_numpy() == pytest.approx(
        table["percent"].to_numpy())
    for control in ex.CONTROLS:
        other = people[people["arm"] == control]
        # The change-score g with the exact J (Hedges 1981), prtlib's tested function.
        reference = change_score_g(prt["baseline"], prt["post"], other["baseline"],
                                   other["post"]).estimate
        assert ex.change_g(control) == pytest.approx(reference)
        # ANCOVA: statsmodels OLS of post on arm and baseline, all three arms.
        complete = people[["arm", "baseline", "post"]].dropna()
        fit = smf.ols("post ~ C(arm, Treatment('prt')) + baseline", data=complete).fit()
        assert ex.ancova_difference(control) == pytest.approx(-fit.params[TERM.format(control)])
        # Baseline carried forward, by hand for one arm pair.
        a = prt["post"].fillna(prt["baseline"]).mean()
        b = other["post"].fillna(other["baseline"]).mean()
        assert ex.baseline_carried_forward_difference(control) == pytest.approx(a - b)


def test_ancova_lies_between_the_post_only_and_the_change_score_differences(source):
    # ANCOVA's difference is the post difference minus slope x baseline difference; with a
    # slope between 0 and 1 it lies between the two unadjusted differences.
    people = cohort.wide(ex.trial_data()[0])[["arm", "baseline", "post"]].dropna()
    means = people.groupby("arm", observed=True).mean()
    post = means.loc["prt", "post"] - means.loc["usual_care", "post"]
    base = means.loc["prt", "baseline"] - means.loc["usual_care", "baseline"]
    slope = ex._ancova_slope()
    assert 0 < slope < 1
    assert ex.ancova_difference("usual_care") == pytest.approx(post - slope * base)
    assert min(post, post - base) < ex.ancova_difference("usual_care") < max(post, post - base)


def test_ancova_is_the_most_precise_of_the_three_comparisons(source):
    # The answer the concept check 10.most_precise accepts holds in the data analysed.
    people = cohort.wide(ex.trial_data()[0])[["arm", "baseline", "post"]].dropna()
    term = TERM.format("usual_care")
    se = {name: smf.ols(formula, data=people).fit().bse[term] for name, formula in {
        "post-only": "post ~ C(arm, Treatment('prt'))",
        "change score": "I(post - baseline) ~ C(arm, Treatment('prt'))",
        "ancova": "post ~ C(arm, Treatment('prt')) + baseline"}.items()}
    assert min(se, key=se.get) == get_exercise("10.most_precise").expected()


def test_predictions_report_the_distance_from_the_value(source):
    for exercise_id in PREDICTIONS:
        value = get_exercise(exercise_id).expected()
        assert check(exercise_id, value).status == "prediction"
        feedback = check(exercise_id, value + 1.0)
        assert feedback.status == "prediction" and "above by 1" in feedback.message


def test_the_hints_come_in_three_levels_and_teach_without_numbers():
    for exercise_id in sorted(set(IDS) - PREDICTIONS):
        exercise = get_exercise(exercise_id)
        reset_hints(exercise_id)
        shown = [hint(exercise_id) for _ in range(3)]
        assert [s.split(":", 1)[0] for s in shown] == [
            "Hint 1 of 3 (nudge)", "Hint 2 of 3 (method)", "Hint 3 of 3 (recipe)"]
        # The nudge names the idea, never a number from the data.
        assert not re.search(r"\d\.\d", exercise.nudge), exercise_id


def test_the_data_helpers_never_download(monkeypatch, tmp_path):
    import pooch

    def no_network(*args, **kwargs):
        raise AssertionError("lesson 10 tried to download the data")

    monkeypatch.setattr(pooch, "retrieve", no_network)
    monkeypatch.setenv("PRTLIB_DATA_DIR", str(tmp_path))
    df, is_real = ex.trial_data()
    assert not is_real and df.attrs["simulated"]
    message = ex.how_to_get_the_data()
    assert str(tmp_path) in message and PUBLIC_DATA["url"] in message
    for exercise_id in IDS:
        get_exercise(exercise_id).expected()


def test_bad_arguments_are_refused_with_the_allowed_values():
    with pytest.raises(ValueError, match="control must be one of"):
        ex.change_g("prt")
    with pytest.raises(ValueError, match="control"):
        ex.ancova_difference("usual care")
    with pytest.raises(ValueError, match="control"):
        ex.baseline_carried_forward_difference(3)
    with pytest.raises(ValueError, match="ddof"):
        ex.post_summary(ddof=2)


def test_far_off_answers_get_the_nudge_only():
    for exercise_id in sorted(set(IDS) - PREDICTIONS - set(CHOICES)):
        exercise = get_exercise(exercise_id)
        feedback = check(exercise_id, float(exercise.expected()) * 3 + 17)
        assert feedback.status == "wrong"
        assert exercise.nudge in feedback.message
        assert exercise.method not in feedback.message
        assert exercise.recipe not in feedback.message
    feedback = check("10.why_g_differs", "post")
    assert feedback.status == "wrong"
    assert dict(get_exercise("10.why_g_differs").reasons)["post"] in feedback.message


def test_percent_responders_rounded_as_etable_2_is_close_not_correct(source):
    feedback = check("10.responder_percent_placebo", 20)
    assert feedback.status == "close"
    assert math.isclose(ex.responder_table().loc["placebo", "percent"], 100 * 10 / 51)


def test_trial_data_returns_a_fresh_copy(source):
    first, _ = ex.trial_data()
    first.loc[:, "pain"] = -1
    second, _ = ex.trial_data()
    assert (second["pain"].dropna() >= 0).all()
    assert isinstance(second, pd.DataFrame)
