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

from prtlib.course.checks import check, exercise_ids, get_exercise, hint, reset_hints
from prtlib.course.exercise_sets.lesson09 import MODEL_ANSWERS
from prtlib.trial import appraisal, evidence, published

IDS = exercise_ids("09")


def test_the_set_has_its_exercises():
    assert IDS == ["09.ci_se", "09.fund_replication", "09.news_chi2", "09.odi_se_needed",
                   "09.odi_what_to_quote", "09.predict_n_12mo", "09.predict_power_at_50",
                   "09.replication_n", "09.rob_domain4", "09.rob_overall"]


def test_news_chi2_model_answer():
    claimed = [published.get(f"news_summary.claimed_randomized.{a}")
               for a in ("prt", "placebo", "usual_care")]
    # The master computes Pearson's sum by hand; scipy's goodness-of-fit test agrees.
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


def _t_test_power(n, g, alpha=0.05):
    """Power of the two-sided two-sample t test from the noncentral t (Cohen 1988, ch. 2),
    written out as the master asks the learner to."""
    df = 2 * n - 2
    t_crit = stats.t.isf(alpha / 2, df)
    nc = abs(g) * math.sqrt(n / 2)
    return stats.nct.sf(t_crit, df, nc) + stats.nct.cdf(-t_crit, df, nc)


def test_replication_n_model_answer():
    from statsmodels.stats.power import TTestIndPower

    g_12 = published.get("g.pain.12mo.prt_vs_placebo")
    g = g_12 + stats.norm.isf(0.025) * published.get("g.pain.12mo.prt_vs_placebo.se")
    # -0.70 + 1.96 x 0.21 = -0.288 (hand arithmetic).
    assert g == pytest.approx(-0.2884, abs=1e-4)
    answer = 2
    while _t_test_power(answer, g) < 0.9:
        answer += 1
    # statsmodels solves the same power equation independently.
    assert answer == math.ceil(TTestIndPower().solve_power(effect_size=abs(g), power=0.9,
                                                           alpha=0.05))
    assert answer == evidence.replication_plan(g, power=0.9).n_per_arm
    assert check("09.replication_n", answer).correct
    assert check("09.replication_n", 100).status == "wrong"
    assert check("09.replication_n", answer + 0.5).status == "wrong_type"
    # The normal shortcut 2 (z_.975 + z_.9)^2 / g^2 = 2 x 10.507 / 0.0832 = 252.6 -> 253.
    shortcut = check("09.replication_n", answer - 1)
    assert shortcut.mistake == "used the normal approximation"


def test_predictions_record_any_number():
    g = evidence.bound_nearest_zero(published.get("g.pain.12mo.prt_vs_placebo"),
                                    published.get("g.pain.12mo.prt_vs_placebo.se"))
    # statsmodels' power for 50 per arm at |g| = 0.288: about 0.30.
    from statsmodels.stats.power import TTestIndPower

    power_50 = TTestIndPower().power(effect_size=abs(g), nobs1=50, alpha=0.05)
    assert get_exercise("09.predict_power_at_50").expected() == pytest.approx(power_50,
                                                                               abs=1e-4)
    assert check("09.predict_power_at_50", 0.5).status == "prediction"
    # 80% power at |g| = 0.70: statsmodels gives 33.0 -> 34 per arm.
    n_80 = math.ceil(TTestIndPower().solve_power(effect_size=0.70, power=0.8, alpha=0.05))
    assert get_exercise("09.predict_n_12mo").expected() == n_80
    feedback = check("09.predict_n_12mo", 100)
    assert feedback.status == "prediction" and "above" in feedback.message


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


def test_a_probably_no_on_4_5_is_accepted_as_a_judgement():
    # The master's own model answer: 4.5 PN gives "some concerns" (guidance flowchart).
    d4 = {"4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "Y", "4.5": "PN"}
    judged = appraisal.judge_domain("D4", d4).judgement
    assert judged == "some concerns"
    feedback = check("09.rob_domain4", judged)
    assert feedback.correct and "defensible" in feedback.message
    assert "4.5" in feedback.message
    # Then two domains at some concerns and none high: "some concerns" overall, unescalated.
    answers = dict(MODEL_ANSWERS) | d4
    overall = appraisal.assess(answers).overall.judgement
    assert overall == "some concerns"
    assert check("09.rob_overall", overall).correct
    # A blinded-assessor reading of a self-report stays wrong, with its targeted hint.
    assert check("09.rob_domain4", "low").mistake == "treated the outcome as blindly assessed"


def test_funding_decision_is_a_judgement():
    assert check("09.fund_replication", "fund if redesigned").correct
    declined = check("09.fund_replication", "do not fund")
    assert declined.correct and "defensible" in declined.message
    assert check("09.fund_replication", "fund as proposed").status == "mistake"


def test_the_concept_check_gives_a_reason_for_every_option():
    exercise = get_exercise("09.odi_what_to_quote")
    assert {o for o, _ in exercise.reasons} == set(exercise.choices)
    assert check("09.odi_what_to_quote", "a g recomputed from the means and SDs").correct
    wrong = check("09.odi_what_to_quote", "the printed g")
    assert wrong.status == "wrong" and exercise.reason("the printed g") in wrong.message


NUMERIC = [i for i in IDS if get_exercise(i).kind in ("number", "integer")]


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_wrong_answers_get_the_nudge_and_never_the_recipe(exercise_id):
    exercise = get_exercise(exercise_id)
    feedback = check(exercise_id, 1e6)
    assert feedback.status == "wrong"
    assert exercise.first_hint() == exercise.nudge
    assert exercise.nudge in feedback.message
    assert exercise.recipe not in feedback.message
    assert exercise.method not in feedback.message


def test_hint_levels_come_one_per_call():
    reset_hints("09.ci_se")
    exercise = get_exercise("09.ci_se")
    assert hint("09.ci_se").startswith("Hint 1 of 3 (nudge)")
    assert exercise.method in hint("09.ci_se")
    assert exercise.recipe in hint("09.ci_se")
    reset_hints("09.ci_se")


def test_choice_and_judgement_exercises_cover_every_option():
    for exercise_id in ("09.rob_domain4", "09.rob_overall", "09.fund_replication",
                        "09.odi_what_to_quote"):
        exercise = get_exercise(exercise_id)
        assert {o for o, _ in exercise.reasons} == set(exercise.choices), exercise_id
