"""The course's own estimators against statsmodels, on exactly the data the lessons show.

Lesson 05 runs its dropout explorer on a vectorized REML fit written for the course
(``prtlib.stats.missing_data.fit_random_intercept``, 200 trials at a time) and tells the learner
that it agrees with statsmodels' ``MixedLM``, the routine the lesson itself uses for the
trial's model; it used to show that check in a lesson cell. Lesson 06 computes its mediation
paths with ``prtlib.stats.mediation.mediation_paths`` and says the function does what its
statsmodels cell does. These tests hold both claims.

Reference values: statsmodels (``MixedLM`` fitted by REML to the long data with one fixed
mean per arm and visit; ``OLS`` for the three mediation regressions), an implementation
independent of prtlib. The data are the lessons' own: lesson 05's one simulated trial
(``simulate_complete_trials("prt_vs_placebo", n_trials=1, seed=8)`` with MAR dropout,
strength 2, 30% missing at 12 months, seed 8) and lesson 06's mediation sample of the
simulated cohort (seed 0, PRT vs placebo, pain at 12 months).
"""

import numpy as np
import pytest
import statsmodels.api as sm

from prtlib.stats.mediation import mediation_paths
from prtlib.stats.missing_data import (
    fit_random_intercept,
    impose_dropout,
    mixed_model_effect,
)
from prtlib.trial.cohort import synthetic_trial
from prtlib.trial.followup import simulate_complete_trials
from prtlib.trial.mechanisms import mediation_data


@pytest.fixture(scope="module")
def lesson05_trial():
    """Lesson 05, section 2: one trial of PRT against placebo after MAR dropout."""
    one = simulate_complete_trials("prt_vs_placebo", n_trials=1, seed=8)
    pain, treated = one.pain[0], one.treated
    kept = impose_dropout(pain, "MAR", strength=2.0, rate=0.3, seed=8)
    return pain, kept, treated


@pytest.fixture(scope="module")
def statsmodels_fit(lesson05_trial):
    """statsmodels' REML fit of the same model: one mean per arm and visit, a random
    intercept per person, every observed value."""
    pain, kept, treated = lesson05_trial
    n_people, n_times = pain.shape
    person, visit = np.meshgrid(np.arange(n_people), np.arange(n_times), indexing="ij")
    rows = kept.ravel()
    cell = (treated.astype(int)[person] * n_times + visit).ravel()[rows]
    design = np.zeros((rows.sum(), 2 * n_times))
    design[np.arange(rows.sum()), cell] = 1.0
    return sm.MixedLM(pain.ravel()[rows], design, groups=person.ravel()[rows]).fit(reml=True)


def test_the_lessons_trial_has_people_missing(lesson05_trial):
    pain, kept, treated = lesson05_trial
    assert kept[:, 0].all()  # everyone is measured at baseline
    missing_12mo = 1 - kept[:, -1]
    assert 0.1 < missing_12mo.mean() < 0.4
    assert missing_12mo[~treated].mean() > missing_12mo[treated].mean()  # MAR: placebo loses more


def test_fast_reml_gives_statsmodels_group_means(lesson05_trial, statsmodels_fit):
    pain, kept, treated = lesson05_trial
    fast = fit_random_intercept(pain, kept, treated.astype(int))
    np.testing.assert_allclose(fast.means[0].ravel(), statsmodels_fit.fe_params, atol=1e-5)


def test_fast_reml_gives_statsmodels_variance_components(lesson05_trial, statsmodels_fit):
    pain, kept, treated = lesson05_trial
    fast = fit_random_intercept(pain, kept, treated.astype(int))
    assert fast.tau2[0] == pytest.approx(float(np.asarray(statsmodels_fit.cov_re)[0, 0]),
                                         rel=1e-3)
    assert fast.sigma2[0] == pytest.approx(float(statsmodels_fit.scale), rel=1e-3)
    assert fast.n_obs[0] == statsmodels_fit.nobs


def test_the_lessons_mixed_model_estimate_is_statsmodels_contrast(lesson05_trial,
                                                                  statsmodels_fit):
    pain, kept, treated = lesson05_trial
    means = np.asarray(statsmodels_fit.fe_params).reshape(2, pain.shape[1])
    level = means[1, -1] - means[0, -1]  # PRT minus placebo at 12 months
    change = (means[1, -1] - means[1, 0]) - (means[0, -1] - means[0, 0])
    assert mixed_model_effect(pain, kept, treated, outcome="level") == pytest.approx(level,
                                                                                     abs=1e-5)
    assert mixed_model_effect(pain, kept, treated) == pytest.approx(change, abs=1e-5)


def test_mediation_paths_are_statsmodels_ols():
    d = mediation_data(synthetic_trial(seed=0), "prt_vs_placebo", "12mo")
    x = d["x"].to_numpy()
    m = ((d["m"] - d["m"].mean()) / d["m"].std(ddof=1)).to_numpy()
    y = ((d["y"] - d["y"].mean()) / d["y"].std(ddof=1)).to_numpy()
    a = sm.OLS(m, sm.add_constant(x)).fit()
    full = sm.OLS(y, sm.add_constant(np.column_stack([x, m]))).fit()
    total = sm.OLS(y, sm.add_constant(x)).fit()
    paths = mediation_paths(d["x"], d["m"], d["y"])
    assert paths.a == pytest.approx(a.params[1], abs=1e-10)
    assert paths.b == pytest.approx(full.params[2], abs=1e-10)
    assert paths.c_prime == pytest.approx(full.params[1], abs=1e-10)
    assert paths.c == pytest.approx(total.params[1], abs=1e-10)
    assert paths.ab == pytest.approx(a.params[1] * full.params[2], abs=1e-10)
    assert paths.n == len(d) == int(total.nobs)
    # Classical OLS standard errors and t-test p-values, as statsmodels computes them.
    assert paths.se_a == pytest.approx(a.bse[1], rel=1e-8)
    assert paths.se_b == pytest.approx(full.bse[2], rel=1e-8)
    assert paths.se_c_prime == pytest.approx(full.bse[1], rel=1e-8)
    assert paths.se_c == pytest.approx(total.bse[1], rel=1e-8)
    assert paths.p_b == pytest.approx(full.pvalues[2], rel=1e-6)
