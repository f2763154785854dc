"""Lesson 09's checks: model answers pass and wrong ones fail. (The contract every check
keeps, for every exercise, is in tests/test_exercise_contract.py.)

Each model answer is computed the way the solutions notebook computes it. References: the
ledger (Ashar et al. 2022, Figure 1, Table 2, Results text), hand arithmetic written out in
the comments, scipy/statsmodels as independent solvers, and the RoB 2 algorithms (Sterne
et al. BMJ 2019;366:l4898).
"""

import math

import pytest
from scipy import stats

from prtlib import appraisal, evidence, published
from prtlib.checks import check, exercise_ids, get_exercise, hint
from prtlib.exercise_sets.lesson09 import MODEL_ANSWERS

IDS = exercise_ids("09")


def test_the_set_has_six_checked_exercises():
    assert IDS == ["09.ci_se", "09.news_chi2", "09.odi_se_needed", "09.replication_n",
                   "09.rob_domain4", "09.rob_overall"]


def test_news_chi2_model_answer():
    claimed = [published.get(f"news_summary.claimed_randomized.{a}")
               for a in ("prt", "placebo", "usual_care")]
    answer = stats.chisquare(claimed).statistic
    # By hand: expected 16 each; (17^2 + 6^2 + 11^2) / 16 = 27.875.
    assert answer == pytest.approx(27.875)
    assert check("09.news_chi2", answer).correct
    assert check("09.news_chi2", 446 / 16).correct
    assert not check("09.news_chi2", 12.0).correct


def test_ci_se_model_answer():
    low = published.get("g.pain.post.prt_vs_usual_care.text.ci_low")
    high = published.get("g.pain.post.prt_vs_usual_care.text.ci_high")
    answer = (high - low) / (2 * stats.norm.isf(0.025))
    assert answer == pytest.approx(0.96 / 3.919928, rel=1e-6)
    assert check("09.ci_se", answer).correct
    assert check("09.ci_se", 0.1).status == "wrong"


def test_odi_se_needed_model_answer():
    g = published.get("g.odi.12mo.prt_vs_placebo")
    answer = abs(g) / stats.norm.isf(0.001 / 2)
    # z for two-sided .001 is 3.2905 (tables): 0.23 / 3.2905 = 0.0699.
    assert answer == pytest.approx(0.0699, abs=1e-4)
    assert check("09.odi_se_needed", answer).correct
    assert check("09.odi_se_needed", 0.5).status == "wrong"


def test_replication_n_model_answer():
    from statsmodels.stats.power import TTestIndPower

    g = evidence.bound_nearest_zero(published.get("g.pain.12mo.prt_vs_placebo"),
                                    published.get("g.pain.12mo.prt_vs_placebo.se"))
    answer = evidence.replication_plan(g, power=0.9).n_per_arm
    assert answer == math.ceil(TTestIndPower().solve_power(effect_size=abs(g), power=0.9,
                                                           alpha=0.05))
    assert check("09.replication_n", answer).correct
    assert check("09.replication_n", 100).status == "wrong"
    assert check("09.replication_n", answer + 0.5).status == "wrong_type"


def test_rob_model_answers():
    d4 = {q: MODEL_ANSWERS[q] for q in appraisal.question_ids("D4")}
    # 4.1 N, 4.2 N -> 4.3 Y -> 4.4 Y -> 4.5 PY: high (guidance flowchart, domain 4).
    assert appraisal.judge_domain("D4", d4).judgement == "high"
    assert check("09.rob_domain4", "high").correct
    result = appraisal.assess(MODEL_ANSWERS)
    assert {d: j.judgement for d, j in result.domains.items()} == {
        "D1": "low", "D2": "low", "D3": "some concerns", "D4": "high", "D5": "low"}
    assert check("09.rob_overall", result.overall.judgement).correct
    assert check("09.rob_overall", " High ").correct
    assert check("09.rob_overall", "moderate").status == "wrong_type"


NUMERIC = [i for i in IDS if get_exercise(i).kind != "choice"]


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_wrong_answers_get_the_general_hint(exercise_id):
    # (In the two choice exercises every other option is a named mistake.)
    feedback = check(exercise_id, 1e6)
    assert feedback.status == "wrong"
    assert hint(exercise_id) in feedback.message


def test_choice_exercises_name_every_wrong_option():
    for exercise_id in ("09.rob_domain4", "09.rob_overall"):
        exercise = get_exercise(exercise_id)
        named = {m.value() for m in exercise.mistakes}
        assert named | {exercise.expected()} == set(exercise.choices)
