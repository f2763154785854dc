"""Lesson 04's exercise checks: the model answers, computed independently, pass.

(The contract every check keeps, for every exercise, is in tests/test_exercise_contract.py.)
"""

import pytest

from prtlib.course.checks import check, exercise_ids

IDS = exercise_ids("04")


# --- the model answers, with references independent of prtlib.stats.power --------------------


def test_n_per_arm_model_answer():
    """statsmodels TTestIndPower: d = 0.62, 80%, alpha .05 two-sided -> 41.8, so 42."""
    import math

    from statsmodels.stats.power import TTestIndPower

    n = TTestIndPower().solve_power(effect_size=0.62, power=0.8, alpha=0.05)
    assert n == pytest.approx(41.8, abs=0.05)
    assert check("04.n_per_arm", math.ceil(n)).correct
    assert check("04.n_per_arm", 42.5).status == "wrong_type"


def test_mde_model_answer():
    from statsmodels.stats.power import TTestIndPower

    d = TTestIndPower().solve_power(nobs1=44, power=0.8, alpha=0.05)
    assert check("04.mde", d).correct


def test_power_corrected_model_answer():
    from statsmodels.stats.power import TTestIndPower

    p = TTestIndPower().power(effect_size=0.62, nobs1=50, alpha=0.025)
    assert check("04.power_corrected", p).correct


def test_exaggeration_model_answer():
    """A Monte Carlo design analysis in the way of Gelman & Carlin's retrodesign(): simulate
    t statistics exactly, keep the significant ones, average |d| / true d."""
    import numpy as np
    from scipy import stats

    rng = np.random.default_rng(0)
    n, d = 44, 0.5
    df = 2 * n - 2
    t = (rng.standard_normal(400_000) + d * np.sqrt(n / 2)) / np.sqrt(rng.chisquare(df, 400_000) / df)
    sig = np.abs(t) > stats.t.isf(0.025, df)
    ratio = np.abs(t[sig] * np.sqrt(2 / n)).mean() / d
    assert check("04.exaggeration", ratio).correct


def test_power_by_hand_with_scipy_nct_matches_statsmodels():
    """The exercise's formula (Cohen 1988, ch. 2): power = P(T > t_crit) + P(T < -t_crit), T
    noncentral t with 2n - 2 df and ncp d sqrt(n / 2); statsmodels' TTestIndPower agrees."""
    import numpy as np
    from scipy import stats
    from statsmodels.stats.power import TTestIndPower

    df, ncp = 98, 0.62 * np.sqrt(25)
    t_crit = stats.t.ppf(1 - 0.025 / 2, df)
    by_hand = stats.nct.sf(t_crit, df, ncp) + stats.nct.cdf(-t_crit, df, ncp)
    assert by_hand == pytest.approx(TTestIndPower().power(0.62, 50, 0.025), abs=1e-6)
    assert check("04.power_corrected", by_hand).correct


def test_exaggeration_by_simulating_whole_trials():
    """The exercise's own route: 50,000 simulated trials of 44 per arm at true d = 0.5
    (seed 2014), significant at two-sided .05; Gelman & Carlin (2014)'s type M ratio."""
    import numpy as np
    from scipy import stats

    rng = np.random.default_rng(2014)
    a = rng.normal(0.5, 1.0, (50_000, 44))
    b = rng.normal(0.0, 1.0, (50_000, 44))
    d = (a.mean(1) - b.mean(1)) / np.sqrt((a.var(1, ddof=1) + b.var(1, ddof=1)) / 2)
    sig = np.abs(d * np.sqrt(22)) > stats.t.ppf(0.975, 86)
    assert check("04.exaggeration", np.abs(d[sig]).mean() / 0.5).correct


def test_predictions_accept_any_number():
    assert check("04.predict_exaggeration", 2).status == "prediction"
    # The lesson's simulation of null three-arm trials lands near, and a little below, the
    # 1 - 0.95^2 = 9.75% of two independent tests (shared PRT arm).
    feedback = check("04.predict_familywise", 10)
    assert feedback.status == "prediction"
    from prtlib.course.checks import get_exercise

    assert 8.0 < get_exercise("04.predict_familywise").expected() < 9.75


def test_power_meaning_gives_a_reason_for_every_option():
    from prtlib.course.checks import get_exercise

    exercise = get_exercise("04.power_meaning")
    assert check("04.power_meaning", "the design").correct
    assert all(exercise.reason(option) for option in exercise.choices)
    assert check("04.power_meaning", "PRT works").status == "mistake"
    assert check("04.power_meaning", "replication").status == "wrong"


def test_replication_n_model_answer():
    """statsmodels: n for d = 0.71 (the CI bound printed with -1.14) at 90% power."""
    import math

    from statsmodels.stats.power import TTestIndPower

    n = TTestIndPower().solve_power(effect_size=0.71, power=0.9, alpha=0.05)
    assert check("04.replication_n", math.ceil(n)).correct
