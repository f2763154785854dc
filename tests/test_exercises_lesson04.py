"""Lesson 04's exercise checks: the model answers, computed independently, pass.

(The contract every check keeps, for every exercise, is in tests/test_exercise_contract.py.)
"""

import pytest

from prtlib.checks import check, exercise_ids

IDS = exercise_ids("04")


# --- the model answers, with references independent of prtlib.power --------------------


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


def test_replication_n_model_answer():
    """statsmodels: n for d = 0.71 (the CI bound printed with -1.14) at 90% power."""
    import math

    from statsmodels.stats.power import TTestIndPower

    n = TTestIndPower().solve_power(effect_size=0.71, power=0.9, alpha=0.05)
    assert check("04.replication_n", math.ceil(n)).correct
