"""Lesson 05's exercise checks: each accepts the worked answer (computed here the way the
solution notebook computes it, with pandas and statsmodels). (The contract every check
keeps, for every exercise, is in tests/test_exercise_contract.py.)

Reference values: the ledger (Figure 1's counts, eTable 2's percentages), independent
computations on the simulated cohort (seed 0), and a Monte Carlo simulation with numpy of
the MNAR exercise (the check itself integrates numerically with scipy).
"""

import numpy as np
import pytest
import statsmodels.formula.api as smf

from prtlib.course.checks import check, exercise_ids, get_exercise
from prtlib.trial import published
from prtlib.trial.cohort import synthetic_trial, wide

IDS = exercise_ids("05")


@pytest.fixture(scope="module")
def df():
    return synthetic_trial(seed=0)


def _model_answers(df):
    """The worked answers, computed as in solutions/05_durability_and_missing_data.ipynb."""
    w = wide(df)
    answers = {
        "05.percent_seen": 100 * published.get("n.monitored.12mo.usual_care")
        / published.get("n.randomized.usual_care"),
        "05.mechanism": "MAR",
        "05.mar_or_mnar_test": "none of them",
        "05.predict_mnar_bias": -0.3,
        "05.predict_completers_mar": -1.0,
        "05.completers_difference": (w.loc[w["arm"] == "prt", "12mo"].dropna().mean()
                                     - w.loc[w["arm"] == "placebo", "12mo"].dropna().mean()),
    }
    visits = [c for c in w.columns if c != "arm"]
    filled = w[visits].ffill(axis=1)
    change = filled["12mo"] - filled["baseline"]
    answers["05.locf_difference"] = (change[w["arm"] == "prt"].mean()
                                     - change[w["arm"] == "placebo"].mean())
    data = df.dropna(subset=["pain"]).astype({"arm": str, "time": str, "sex": str})
    formula = ("pain ~ C(arm, Treatment('placebo')) * C(time, Treatment('baseline')) "
               "+ age + sex")
    fit = smf.mixedlm(formula, data, groups="participant").fit(reml=True)
    answers["05.mixed_model_12mo"] = fit.params[
        "C(arm, Treatment('placebo'))[T.prt]:C(time, Treatment('baseline'))[T.12mo]"]
    rates = {}
    for arm in ("prt", "usual_care"):
        n = published.get(f"n.randomized.{arm}")
        responders = round(published.get(f"responders.reduction30.12mo.{arm}.percent") / 100 * n)
        rates[arm] = 100 * responders / published.get(f"n.monitored.12mo.{arm}")
    answers["05.completers_responders"] = rates["prt"] - rates["usual_care"]
    answers["05.mnar_bias"] = _simulated_mnar_bias(seed=0)
    return answers


def _simulated_mnar_bias(seed, n=1_000_000):
    """The MNAR exercise as the solution computes it: a million draws, logistic skipping."""
    mean = published.get("pain.12mo.placebo.mean")
    sd = published.get("pain.12mo.placebo.sd")
    rng = np.random.default_rng(seed)
    pain = rng.normal(mean, sd, n)
    missing = rng.random(n) < 1 / (1 + np.exp(-(-1 + (pain - mean) / sd)))
    return pain[~missing].mean() - mean


def test_every_exercise_has_a_worked_answer(df):
    assert set(IDS) == set(_model_answers(df))
    assert len(IDS) >= 4


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_worked_answer_is_accepted(df, exercise_id):
    feedback = check(exercise_id, _model_answers(df)[exercise_id])
    if get_exercise(exercise_id).kind == "prediction":
        assert feedback.status == "prediction", feedback
    else:
        assert feedback.correct, feedback


def test_the_mnar_simulation_is_accepted_whatever_the_seed():
    # A learner's own seed or order of draws must not matter: the Monte Carlo error of a
    # million draws (about 0.002 points) is well inside the tolerance.
    for seed in (1, 2, 3):
        assert check("05.mnar_bias", _simulated_mnar_bias(seed)).correct


def test_hints_climb_from_nudge_to_recipe_and_a_far_off_answer_sees_only_the_nudge():
    from prtlib.course.checks import hint, reset_hints

    reset_hints("05.mnar_bias")
    exercise = get_exercise("05.mnar_bias")
    assert "Hint 1 of 3 (nudge)" in hint("05.mnar_bias")
    assert "Hint 2 of 3 (method)" in hint("05.mnar_bias")
    assert "default_rng(0)" in hint("05.mnar_bias")
    feedback = check("05.mnar_bias", 5.0)
    assert exercise.nudge in feedback.message and "default_rng" not in feedback.message


def test_the_concept_check_gives_a_reason_for_every_option():
    for exercise_id in ("05.mechanism", "05.mar_or_mnar_test"):
        exercise = get_exercise(exercise_id)
        assert {o for o, _ in exercise.reasons} == set(exercise.choices)


def test_expected_values_against_the_paper():
    # Figure 1: usual care measured in 36 of 50 at 12 months.
    assert get_exercise("05.percent_seen").expected() == pytest.approx(72.0)
    # eTable 2 (30% reduction, 12 months): PRT 70% and usual care 30% of 50 randomized,
    # i.e. 35 and 15 responders, of 45 and 36 measured (Figure 1).
    assert get_exercise("05.completers_responders").expected() == pytest.approx(
        100 * 35 / 45 - 100 * 15 / 36)
    # The cohort reproduces Table 2's 12-month means among those measured.
    assert get_exercise("05.completers_difference").expected() == pytest.approx(
        published.get("pain.12mo.prt.mean") - published.get("pain.12mo.placebo.mean"),
        abs=0.02)
    # MNAR: the quadrature agrees with 4 million simulated people (Monte Carlo SE ~0.001).
    assert get_exercise("05.mnar_bias").expected() == pytest.approx(
        _simulated_mnar_bias(seed=11, n=4_000_000), abs=0.005)
    # The prediction before the dropout explorer is the explorer's own completers average.
    from prtlib.course.explorers.lesson05 import dropout_summary
    assert get_exercise("05.predict_completers_mar").expected() == pytest.approx(
        dropout_summary("MAR", 2.0, 0.3)["methods"]["completers"]["mean"])
