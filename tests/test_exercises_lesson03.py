"""Lesson 03's exercise checks: the model answers, computed independently, pass.

(The contract every check keeps, for every exercise, is in tests/test_exercise_contract.py.)
"""

import pytest

from prtlib.checks import check, exercise_ids

IDS = exercise_ids("03")


# --- the model answers, computed the way the solutions notebook does -------------------


def test_post_only_g_model_answer():
    """Facts file: post-only g from Table 2's post means/SDs, PRT vs usual care, about -1.43."""
    from prtlib import published
    from prtlib.effect_sizes import hedges_g_from_summary

    args = []
    for arm in ("prt", "usual_care"):
        args += [published.get(f"pain.post.{arm}.mean"), published.get(f"pain.post.{arm}.sd"),
                 published.get(f"n.monitored.post.{arm}")]
    answer = hedges_g_from_summary(*args).estimate
    assert round(answer, 2) == -1.43
    assert check("03.post_only_g", answer).correct


def test_change_score_g_model_answer():
    """The cohort promises Table 2's change-score g (-1.75) within about 0.03."""
    from prtlib.cohort import synthetic_trial, wide
    from prtlib.effect_sizes import change_score_g

    w = wide(synthetic_trial(seed=0))
    prt, usual = w[w["arm"] == "prt"], w[w["arm"] == "usual_care"]
    answer = change_score_g(prt["baseline"], prt["post"], usual["baseline"],
                            usual["post"]).estimate
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


def test_ci_12mo_model_answer():
    """Table 2: g = -0.70, SE 0.21 -> -0.70 - 1.96 x 0.21 = -1.1116."""
    assert check("03.ci_12mo", -0.70 - 1.96 * 0.21).correct
