"""Lesson 05's exercise checks: each accepts the worked answer (computed here the way the
solution notebook computes it, with pandas and statsmodels). (The contract every check
keeps, for every exercise, is in tests/test_exercise_contract.py.)

Reference values: the ledger (Figure 1's counts, eTable 2's percentages) and independent
computations on the simulated cohort (seed 0).
"""

import pytest
import statsmodels.formula.api as smf

from prtlib import published
from prtlib.checks import check, exercise_ids, get_exercise
from prtlib.cohort import synthetic_trial, wide

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
    return answers


def test_every_exercise_has_a_worked_answer(df):
    assert set(IDS) == set(_model_answers(df))
    assert len(IDS) >= 4


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_worked_answer_is_accepted(df, exercise_id):
    feedback = check(exercise_id, _model_answers(df)[exercise_id])
    assert feedback.correct, feedback


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
