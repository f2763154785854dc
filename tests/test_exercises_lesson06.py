"""Lesson 06's exercise checks: each accepts the worked answer (computed here the way the
solution notebook computes it, with numpy). (The contract every check keeps, for every
exercise, is in tests/test_exercise_contract.py.)

Reference values: the ledger (eTables 5-6, Table 2, Figure 1), numpy least squares on the
simulated cohort (seed 0), a bootstrap loop written here with numpy (Preacher & Hayes 2008),
and the omitted-confounder formula b + g_m g_y / (g_m^2 + 1).
"""

import numpy as np
import pytest

from prtlib.course.checks import check, exercise_ids, get_exercise
from prtlib.trial import published
from prtlib.trial.cohort import synthetic_trial
from prtlib.trial.mechanisms import mediation_data

IDS = exercise_ids("06")


def _model_answers():
    """The worked answers, computed as in solutions/06_mechanisms_and_mediation.ipynb."""
    d = mediation_data(synthetic_trial(seed=0), "prt_vs_placebo", "12mo")
    x, m_raw, y_raw = d["x"].to_numpy(), d["m"].to_numpy(), d["y"].to_numpy()
    change = {arm: published.get(f"tsk11.post.{arm}.mean")
              - published.get(f"tsk11.baseline.{arm}.mean") for arm in ("prt", "placebo")}
    m = (m_raw - m_raw.mean()) / m_raw.std(ddof=1)
    y = (y_raw - y_raw.mean()) / y_raw.std(ddof=1)
    path_a = np.polyfit(x, m, 1)[0]
    path_b = np.linalg.lstsq(np.column_stack([np.ones_like(x), x, m]), y, rcond=None)[0][2]
    mean1, sd1, n1 = (published.get(k) for k in ("pain.12mo.prt.mean", "pain.12mo.prt.sd",
                                                 "n.monitored.12mo.prt"))
    mean0, sd0, n0 = (published.get(k) for k in ("pain.12mo.placebo.mean",
                                                 "pain.12mo.placebo.sd",
                                                 "n.monitored.12mo.placebo"))
    rng = np.random.default_rng(0)
    products = []
    for _ in range(5000):
        rows = rng.integers(0, len(x), len(x))
        a_star = np.polyfit(x[rows], m[rows], 1)[0]
        b_star = np.linalg.lstsq(np.column_stack([np.ones(len(rows)), x[rows], m[rows]]),
                                 y[rows], rcond=None)[0][2]
        products.append(a_star * b_star)
    n = n1 + n0
    sd_total = np.sqrt(((n1 - 1) * sd1 ** 2 + (n0 - 1) * sd0 ** 2
                        + n1 * n0 / n * (mean1 - mean0) ** 2) / (n - 1))
    return {
        "06.tsk_change_difference": change["prt"] - change["placebo"],
        "06.path_a": path_a,
        "06.indirect": path_a * path_b,
        "06.implied_c": (mean1 - mean0) / sd_total,
        "06.confounded_b": 0.6 * 0.5 / (0.6 ** 2 + 1),
        "06.predict_bootstrap_se": 0.15,
        "06.bootstrap_se": np.std(products, ddof=1),
        "06.randomized_paths": "a and c",
        "06.is_it_mediation": "consistent with it, not shown",
        "06.predict_confounded_significant": 20,
    }


def test_every_exercise_has_a_worked_answer():
    assert set(IDS) == set(_model_answers())
    assert len(IDS) >= 4


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_worked_answer_is_accepted(exercise_id):
    feedback = check(exercise_id, _model_answers()[exercise_id])
    if get_exercise(exercise_id).kind == "prediction":
        assert feedback.status == "prediction", feedback
    else:
        assert feedback.correct, feedback


def test_every_defensible_reading_is_accepted_and_engaged_with():
    exercise = get_exercise("06.is_it_mediation")
    assert exercise.kind == "judgement"
    for option in ("consistent with it, not shown", "uninformative"):
        feedback = check("06.is_it_mediation", option)
        assert feedback.correct, feedback
        assert exercise.reason(option) in feedback.message
    for option in ("beliefs drove the relief", "pain relief drove the beliefs"):
        assert not check("06.is_it_mediation", option).correct
    assert {o for o, _ in exercise.reasons} == set(exercise.choices)


def test_the_concept_check_gives_a_reason_for_every_option():
    exercise = get_exercise("06.randomized_paths")
    assert {o for o, _ in exercise.reasons} == set(exercise.choices)


def test_a_learners_bootstrap_with_another_seed_is_still_accepted():
    # Monte Carlo error of an SD from 5000 resamples is a few thousandths: inside the
    # tolerance, so the check does not depend on the learner reproducing seed 0's draws.
    from prtlib.stats.mediation import bootstrap_indirect

    d = mediation_data(synthetic_trial(seed=0), "prt_vs_placebo", "12mo")
    for seed in (1, 2):
        boot = bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=5000, seed=seed)
        assert check("06.bootstrap_se", boot.distribution.std(ddof=1)).correct


def test_expected_values_against_the_paper():
    # eTable 6: (16.41 - 23.62) - (22.16 - 23.10) = -6.27.
    assert get_exercise("06.tsk_change_difference").expected() == pytest.approx(-6.27)
    # The cohort's a is eTable 5's -1.41 (built in), and Table 2 allows c of about -0.71.
    assert get_exercise("06.path_a").expected() == pytest.approx(
        published.get("mediation.tsk11.12mo.a"), abs=0.05)
    assert get_exercise("06.implied_c").expected() == pytest.approx(-0.71, abs=0.01)
    assert get_exercise("06.confounded_b").expected() == pytest.approx(0.3 / 1.36)
    # The hand-written bootstrap loop (seed 0) draws the same rows as
    # prtlib.stats.mediation.bootstrap_indirect, so the SDs agree to machine precision.
    assert get_exercise("06.bootstrap_se").expected() == pytest.approx(
        _model_answers()["06.bootstrap_se"], abs=1e-9)
