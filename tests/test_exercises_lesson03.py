"""Lesson 03's exercise checks: the model answers, computed independently, pass.

(The contract every check keeps, for every exercise, is in tests/test_exercise_contract.py.)
"""

import pytest

from prtlib.course.checks import check, exercise_ids

IDS = exercise_ids("03")


# --- the model answers, computed the way the solutions notebook does -------------------


def test_post_only_g_model_answer():
    """Table 2 (Ashar et al. 2022): PRT 1.18 (SD 1.24), usual care 3.13 (SD 1.45), with 44 and
    47 seen after treatment (Figure 1). Pooled SD, d and J = 1 - 3 / (4 df - 1) as in
    Borenstein et al. (2009, ch. 4), written out here without prtlib: about -1.43."""
    n1, n2 = 44, 47
    pooled = (((n1 - 1) * 1.24**2 + (n2 - 1) * 1.45**2) / (n1 + n2 - 2)) ** 0.5
    answer = (1 - 3 / (4 * (n1 + n2 - 2) - 1)) * (1.18 - 3.13) / pooled
    assert round(answer, 2) == -1.43
    assert check("03.post_only_g", answer).correct
    # Without J it is Cohen's d, a named mistake
    assert check("03.post_only_g", (1.18 - 3.13) / pooled).mistake == "no small-sample correction"


def test_change_score_g_model_answer():
    """The cohort promises Table 2's change-score g (-1.75) within about 0.03; computed here
    with pandas and numpy only, as the exercise asks."""
    import numpy as np

    from prtlib.trial.cohort import synthetic_trial, wide

    w = wide(synthetic_trial(seed=0))
    w["change"] = w["post"] - w["baseline"]
    a = w.loc[w["arm"] == "prt", "change"].dropna()
    b = w.loc[w["arm"] == "usual_care", "change"].dropna()
    df = a.size + b.size - 2
    pooled = np.sqrt(((a.size - 1) * a.var() + (b.size - 1) * b.var()) / df)
    answer = (1 - 3 / (4 * df - 1)) * (a.mean() - b.mean()) / pooled
    assert answer == pytest.approx(-1.75, abs=0.03)
    assert check("03.change_score_g", answer).correct


def test_nnt_model_answer():
    """Paper: 33 of 50 vs 5 of 50 -> NNT = 1 / 0.56 = 1.79."""
    assert check("03.nnt", 1 / (33 / 50 - 5 / 50)).correct
    assert check("03.nnt", 1.79).correct


def test_superiority_model_answer():
    """McGraw & Wong (1992): CL = Phi(d / sqrt(2)); for |g| = 1.14, 0.79."""
    from scipy.stats import norm

    assert check("03.superiority", norm.cdf(1.14 / 2 ** 0.5)).correct
    assert check("03.superiority", 0.79).correct


def test_superiority_prediction_accepts_any_number():
    feedback = check("03.predict_superiority", 0.6)
    assert feedback.status == "prediction" and "0.79" in feedback.message


def test_overlap_prediction_matches_the_normal_overlap():
    """Inman & Bradley (1989): overlap of two equal-SD normals = 2 Phi(-|d| / 2); 57% at 1.14."""
    from scipy.stats import norm

    assert 100 * 2 * norm.cdf(-1.14 / 2) == pytest.approx(56.9, abs=0.1)
    assert "56.9" in check("03.predict_overlap", 50).message


def test_which_g_to_pool_gives_a_reason_for_every_option():
    from prtlib.course.checks import get_exercise

    exercise = get_exercise("03.which_g_to_pool")
    assert check("03.which_g_to_pool", "post-only g").correct
    for option in exercise.choices:
        assert exercise.reason(option)
    assert check("03.which_g_to_pool", "the larger one").status == "wrong"


def test_a_far_off_nnt_sees_only_the_nudge():
    from prtlib.course.checks import get_exercise

    exercise = get_exercise("03.nnt")
    message = check("03.nnt", 9).message
    assert exercise.nudge in message
    assert "1 / (p1 - p2)" not in message and "0.56" not in message


def test_ci_12mo_model_answer():
    """Table 2: g = -0.70, SE 0.21 -> -0.70 - 1.96 x 0.21 = -1.1116."""
    assert check("03.ci_12mo", -0.70 - 1.96 * 0.21).correct
