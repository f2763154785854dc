"""Follow-up, attrition and missing data in the PRT trial, and what each analysis assumes.

People leave trials. In the PRT trial the usual-care arm was still being measured in 36 of
its 50 people a year later, the PRT arm in 45 of 50. This module holds the logic of
lesson 05:

- :func:`attrition` and :func:`published_trajectories`: who was seen when, and Table 2's
  pain trajectories with their uncertainty;
- a simulation laboratory: :func:`simulate_complete_trials` (many complete trials whose
  true effect is known), :func:`impose_dropout` (dropout that is MCAR, MAR or MNAR),
  three estimators of the 12-month effect (:func:`completers_effect`,
  :func:`locf_effect`, :func:`mixed_model_effect`, the last a fast, vectorized REML fit
  of a random-intercept model, :func:`fit_random_intercept`) and :func:`dropout_study`,
  which puts them side by side;
- the trial's own analysis on a cohort: :func:`fit_trial_model` (a linear mixed model
  with group x time interactions, age and sex, and a random intercept per participant,
  fitted with statsmodels), :func:`completers_ttest`, :func:`carry_forward` and
  :func:`cohort_estimates`;
- responders when outcomes are missing: :func:`responder_sensitivity`.

Sign convention: PRT minus control. On the pain scale a benefit of PRT is negative.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from prtlib import _validate
from prtlib.trial.constants import ARMS, COMPARISONS, TIMES

__all__ = [
    "MECHANISMS",
    "METHODS",
    "OUTCOMES",
    "SD_PERSON",
    "SD_VISIT",
    "CompleteTrials",
    "CompletersTest",
    "DropoutStudy",
    "RandomInterceptFit",
    "ResponderSensitivity",
    "TrialModel",
    "attrition",
    "carry_forward",
    "cohort_estimates",
    "completers_effect",
    "completers_ttest",
    "dropout_study",
    "fit_random_intercept",
    "fit_trial_model",
    "impose_dropout",
    "locf_effect",
    "mixed_model_effect",
    "published_trajectories",
    "responder_sensitivity",
    "simulate_complete_trials",
]

MECHANISMS = ("MCAR", "MAR", "MNAR")
"""Dropout that depends on nothing, on the last pain seen, or on the pain not seen."""

METHODS = ("completers", "locf", "mixed_model")
"""Estimators compared by :func:`dropout_study`."""

OUTCOMES = ("level", "change")
"""Compare pain at a visit, or its change from baseline."""

METHOD_LABELS = {
    "completers": "Completers only",
    "locf": "Last observation carried forward",
    "mixed_model": "Mixed model, all available data",
}

MECHANISM_LABELS = {
    "MCAR": "missing completely at random",
    "MAR": "missing at random (depends on the last pain seen)",
    "MNAR": "missing not at random (depends on the pain that would have been seen)",
}

SD_PERSON = 1.15
"""SD of the person-level random intercept in the simulation (pain points; a modelling
choice, not a number from the paper). With :data:`SD_VISIT` it gives a total SD of about
1.6, like Table 2's, and a correlation of 0.5 between two visits of one person."""

SD_VISIT = 1.15
"""SD of visit-to-visit noise around a person's level in the simulation (a modelling
choice)."""

_LOG_LAMBDA_GRID = np.linspace(-7.0, 5.0, 10)
_GOLDEN_STEPS = 24
_BISECTION_STEPS = 26
_CALIBRATION_TRIALS = 50


def _published():
    from prtlib.trial import published

    return published


def _control(comparison: str) -> str:
    _validate.choice("comparison", comparison, COMPARISONS)
    return comparison.removeprefix("prt_vs_")


def _readonly(array) -> np.ndarray:
    out = np.array(array, dtype=float)
    out.setflags(write=False)
    return out


# ---------------------------------------------------------------------------------------
# Who was seen, and Table 2 with its uncertainty
# ---------------------------------------------------------------------------------------


def attrition(df=None) -> pd.DataFrame:
    """How many people of each arm were assessed at each time, and the share of those
    randomized.

    Parameters
    ----------
    df : pandas.DataFrame, optional
        A long table from :func:`prtlib.trial.cohort.synthetic_trial` or
        :func:`prtlib.trial.cohort.public_trial`. Default: the published counts (Figure 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``arm``, ``time``); columns ``randomized``, ``seen``, ``missing`` and
        ``percent_seen`` (100 x seen / randomized).

    Raises
    ------
    ValueError
        If ``df`` is not such a table.

    Notes
    -----
    Everyone randomized was assessed at baseline. Later counts are the numbers Figure 1
    reports as monitored (published) or the non-missing pain values (a table). The
    denominator is always everyone randomized, as an intention-to-treat analysis has it.

    References
    ----------
    Ashar YK, Gordon A, Schubiner H, et al. Effect of pain reprocessing therapy vs placebo
    and usual care for patients with chronic back pain: a randomized clinical trial. JAMA
    Psychiatry. 2022;79(1):13-23, Figure 1. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> a = attrition()
    >>> print(a.loc[("usual_care", "12mo"), ["seen", "missing"]].astype(int).to_dict())
    {'seen': 36, 'missing': 14}
    >>> print(a.loc[("usual_care", "12mo"), "percent_seen"])
    72.0
    """
    rows = []
    if df is None:
        get = _published().get
        for arm in ARMS:
            n = int(get(f"n.randomized.{arm}"))
            for time in TIMES:
                seen = n if time == "baseline" else int(get(f"n.monitored.{time}.{arm}"))
                rows.append((arm, time, n, seen))
    else:
        from prtlib.trial.cohort import wide

        w = wide(df, "pain")
        for arm in ARMS:
            group = w[w["arm"] == arm]
            if group.empty:
                continue
            for time in [t for t in TIMES if t in w.columns]:
                rows.append((arm, time, len(group), int(group[time].notna().sum())))
    out = pd.DataFrame(rows, columns=["arm", "time", "randomized", "seen"])
    out["missing"] = out["randomized"] - out["seen"]
    out["percent_seen"] = 100.0 * out["seen"] / out["randomized"]
    return out.set_index(["arm", "time"])


def published_trajectories(confidence_level=0.95) -> pd.DataFrame:
    """Table 2's mean pain per arm and time, with a t-based confidence interval.

    Parameters
    ----------
    confidence_level : float, default 0.95
        Coverage of the interval, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``arm``, ``time``); columns ``months`` (since baseline), ``mean``,
        ``sd``, ``n`` (randomized at baseline, monitored later), ``se``, ``ci_low`` and
        ``ci_high``.

    Raises
    ------
    ValueError
        If ``confidence_level`` is not in (0, 1).

    Notes
    -----
    ``se = sd / sqrt(n)`` and the interval is ``mean +- t_{1-alpha/2, n-1} se``: the
    interval of one arm's mean, treating those seen as a random sample of the arm. That
    is only true if the people who were missed resemble those who were seen (see the
    lesson on missing data).

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Table 2 and Figure 1.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> t = published_trajectories()
    >>> print(t.loc[("prt", "12mo"), ["mean", "n", "ci_low", "ci_high"]].round(2).to_dict())
    {'mean': 1.51, 'n': 45.0, 'ci_low': 1.03, 'ci_high': 1.99}
    """
    from scipy import stats

    from prtlib.trial.constants import MONTHS_AFTER_BASELINE

    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    seen = attrition()
    get = _published().get
    rows = []
    for arm in ARMS:
        for time in TIMES:
            mean = float(get(f"pain.{time}.{arm}.mean"))
            sd = float(get(f"pain.{time}.{arm}.sd"))
            n = int(seen.loc[(arm, time), "seen"])
            se = sd / math.sqrt(n)
            half = float(stats.t.ppf(0.5 + level / 2.0, n - 1)) * se
            rows.append((arm, time, MONTHS_AFTER_BASELINE[time], mean, sd, n, se,
                         mean - half, mean + half))
    out = pd.DataFrame(rows, columns=["arm", "time", "months", "mean", "sd", "n", "se",
                                      "ci_low", "ci_high"])
    return out.set_index(["arm", "time"])


# ---------------------------------------------------------------------------------------
# The simulation laboratory: complete trials, dropout, estimators
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False, eq=False)
class CompleteTrials:
    """Many simulated two-arm trials with pain at every visit (nothing missing yet).

    Attributes
    ----------
    pain : numpy.ndarray
        Shape (n_trials, n_people, n_times): pain on the 0-10 scale's units (not clipped).
    treated : numpy.ndarray
        Shape (n_people,), True for the PRT arm.
    means : numpy.ndarray
        Shape (2, n_times): the true mean trajectory of the control arm (row 0) and of
        PRT (row 1), Table 2's means.
    true_effect : numpy.ndarray
        Shape (n_times,): the true difference in mean change from baseline, PRT minus
        control, at each time (0 at baseline).
    comparison : str
    sd_person, sd_visit : float
    seed : int
    """

    pain: np.ndarray
    treated: np.ndarray
    means: np.ndarray
    true_effect: np.ndarray
    comparison: str
    sd_person: float
    sd_visit: float
    seed: int

    @property
    def n_trials(self) -> int:
        return self.pain.shape[0]

    def __repr__(self) -> str:
        r, n, t = self.pain.shape
        return (f"CompleteTrials({r} trials of {n} people x {t} visits, "
                f"{self.comparison}, true 12-month effect {self.true_effect[-1]:.2f})")


def simulate_complete_trials(comparison="prt_vs_placebo", n_trials=200, sd_person=SD_PERSON,
                             sd_visit=SD_VISIT, seed=0) -> CompleteTrials:
    """Simulate complete two-arm trials whose mean trajectories are Table 2's.

    Parameters
    ----------
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
        PRT against which control arm (sets the arm sizes and the control's means).
    n_trials : int, default 200
        Number of simulated trials (1 to 5000).
    sd_person : float, default :data:`SD_PERSON`
        SD of each person's stable level (random intercept), in pain points.
    sd_visit : float, default :data:`SD_VISIT`
        SD of the visit-to-visit noise, in pain points.
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    CompleteTrials

    Raises
    ------
    ValueError
        For an unknown comparison or a bad size, SD or seed.

    Notes
    -----
    Person i of arm g at visit t has ``y_it = mu_gt + u_i + e_it`` with
    ``u_i ~ N(0, sd_person^2)`` and ``e_it ~ N(0, sd_visit^2)``, all independent;
    ``mu_gt`` are Table 2's means after baseline; at baseline both arms get the
    size-weighted mean of the two arms' baselines, because randomization draws both from
    one population. The arm sizes are the numbers randomized. This is exactly the
    random-intercept model, so a mixed model fitted to it is correctly specified. Values
    are not rounded or clipped to 0-10, so that the true means stay exactly Table 2's.
    The true effect at time t is ``(mu_prt,t - mu_prt,0) - (mu_control,t - mu_control,0)``,
    which with equal baselines is also the true difference at t, ``mu_prt,t -
    mu_control,t``.

    References
    ----------
    Laird NM, Ware JH. Random-effects models for longitudinal data. Biometrics.
    1982;38(4):963-974. doi:10.2307/2529876

    Examples
    --------
    >>> trials = simulate_complete_trials(n_trials=3, seed=1)
    >>> trials.pain.shape
    (3, 101, 7)
    >>> round(float(trials.true_effect[-1]), 2)
    -1.28
    """
    control = _control(comparison)
    n_trials = _validate.integer("n_trials", n_trials, minimum=1, maximum=5000)
    sd_person = _validate.number("sd_person", sd_person, minimum=0)
    sd_visit = _validate.positive("sd_visit", sd_visit)
    seed = _validate.integer("seed", seed, minimum=0)
    get = _published().get
    arms = (control, "prt")
    means = np.array([[float(get(f"pain.{t}.{arm}.mean")) for t in TIMES] for arm in arms])
    sizes = [int(get(f"n.randomized.{arm}")) for arm in arms]
    means[:, 0] = np.dot(sizes, means[:, 0]) / sum(sizes)  # randomized: one population
    treated = np.repeat([False, True], sizes)
    rng = np.random.default_rng(seed)
    n_people, n_times = treated.size, len(TIMES)
    person = rng.standard_normal((n_trials, n_people, 1)) * sd_person
    visit = rng.standard_normal((n_trials, n_people, n_times)) * sd_visit
    pain = means[treated.astype(int)][None, :, :] + person + visit
    change = means - means[:, :1]
    return CompleteTrials(pain=_readonly(pain), treated=np.asarray(treated),
                          means=_readonly(means), true_effect=_readonly(change[1] - change[0]),
                          comparison=comparison, sd_person=sd_person, sd_visit=sd_visit,
                          seed=seed)


def _as_trials(pain, observed=None):
    """Promote (n_people, n_times) inputs to (1, n_people, n_times); check shapes."""
    y = np.asarray(pain, dtype=float)
    if y.ndim == 2:
        y = y[None]
    if y.ndim != 3 or y.shape[-1] < 2:
        raise ValueError(f"pain must be an array of shape (n_people, n_times) or (n_trials, "
                         f"n_people, n_times) with at least 2 times; got shape {y.shape}.")
    if observed is None:
        return y, None
    o = np.asarray(observed)
    if o.ndim == 2:
        o = o[None]
    if o.shape != y.shape:
        raise ValueError(f"observed must have the shape of pain {y.shape}; got {o.shape}.")
    if o.dtype != bool:
        raise ValueError("observed must be a boolean array (True = seen); got dtype "
                         f"{o.dtype}.")
    if np.any(o & ~np.isfinite(y)):
        raise ValueError("observed marks a value as seen where pain is NaN or infinite; "
                         "every observed value must be a finite number.")
    return y, o


def _treated_vector(treated, n_people):
    t = np.asarray(treated)
    if t.shape != (n_people,) or t.dtype != bool:
        raise ValueError(f"treated must be a boolean array with one entry per person "
                         f"({n_people}); got {t.dtype} of shape {t.shape}.")
    if t.all() or not t.any():
        raise ValueError("treated must mark some people True (PRT) and some False (control).")
    return t


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def impose_dropout(pain, mechanism="MAR", strength=1.0, rate=0.2, seed=0) -> np.ndarray:
    """Make people drop out of complete trials: MCAR, MAR or MNAR.

    Parameters
    ----------
    pain : array_like
        Complete pain, shape (n_people, n_times) or (n_trials, n_people, n_times); the
        first time is baseline.
    mechanism : {"MCAR", "MAR", "MNAR"}, default "MAR"
        What the chance of leaving depends on: nothing; the pain seen at the previous
        visit; the pain at the visit itself (which is then never seen).
    strength : float, default 1.0
        Change in the log-odds of leaving per SD of pain (0 to 5). Ignored under MCAR.
    rate : float, default 0.2
        Expected share of people missing at the last visit, in (0, 0.9].
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    numpy.ndarray
        Boolean, same shape as ``pain``: True where the value is seen. Dropout is
        monotone (who leaves does not come back) and baseline is always seen.

    Raises
    ------
    ValueError
        For a bad mechanism, strength, rate, seed or array.

    Notes
    -----
    A person still in the trial before visit k (k >= 1) leaves, and misses visits k and
    later, with probability ``sigmoid(alpha + strength * z)``; ``z`` is 0 (MCAR), the
    standardized pain at visit k - 1 (MAR: it was observed) or at visit k (MNAR: it is
    not). Pain is standardized by its mean and SD at that visit over everyone. ``alpha``
    is found by bisection so that the expected share missing at the last visit, over the
    people of the first 50 trials, is ``rate``; the dropouts are then drawn with one
    uniform number per person and visit.

    References
    ----------
    Rubin DB. Inference and missing data. Biometrika. 1976;63(3):581-592.
    doi:10.1093/biomet/63.3.581

    Examples
    --------
    >>> trials = simulate_complete_trials(n_trials=50, seed=2)
    >>> seen = impose_dropout(trials.pain, "MNAR", strength=1.5, rate=0.3, seed=2)
    >>> print(f"{1 - seen[..., -1].mean():.2f}")
    0.30
    >>> bool(seen[..., 0].all())
    True
    """
    mechanism = _validate.choice("mechanism", mechanism, MECHANISMS)
    strength = _validate.number("strength", strength, minimum=0, maximum=5)
    rate = _validate.number("rate", rate, minimum=0, maximum=0.9, min_inclusive=False)
    seed = _validate.integer("seed", seed, minimum=0)
    y, _ = _as_trials(pain)
    squeeze = np.asarray(pain).ndim == 2
    if not np.all(np.isfinite(y)):
        raise ValueError("pain must be complete (finite everywhere) before dropout is "
                         "imposed.")
    n_times = y.shape[-1]
    mean = y.mean(axis=(0, 1))
    sd = y.std(axis=(0, 1))
    z = (y - mean) / np.where(sd > 0, sd, 1.0)
    if mechanism == "MCAR" or strength == 0:
        drive = np.zeros(y.shape[:-1] + (n_times - 1,))
    elif mechanism == "MAR":
        drive = strength * z[..., :-1]
    else:
        drive = strength * z[..., 1:]

    calibration = drive[:_CALIBRATION_TRIALS]

    def expected_missing(alpha):
        stay = np.prod(1.0 - _sigmoid(alpha + calibration), axis=-1)
        return 1.0 - float(stay.mean())

    lo, hi = -25.0, 15.0
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        if expected_missing(mid) < rate:
            lo = mid
        else:
            hi = mid
    alpha = 0.5 * (lo + hi)
    leave = np.random.default_rng(seed).random(drive.shape) < _sigmoid(alpha + drive)
    gone = np.cumsum(leave, axis=-1) > 0
    observed = np.concatenate([np.ones(y.shape[:-1] + (1,), dtype=bool), ~gone], axis=-1)
    return observed[0] if squeeze else observed


def _arm_means(values, mask, treated):
    """Mean of ``values`` over masked people, per trial, for control and treated."""
    out = []
    for arm in (~treated, treated):
        m = mask & arm[None, :]
        count = m.sum(axis=1)
        if np.any(count == 0):
            raise ValueError("an arm has nobody with the values needed at that time in at "
                             "least one trial.")
        out.append(np.where(m, values, 0.0).sum(axis=1) / count)
    return out


def _time_index(time_index, n_times):
    k = _validate.integer("time_index", time_index, minimum=-(n_times - 1),
                          maximum=n_times - 1)
    k = k % n_times
    if k == 0:
        raise ValueError("time_index must name a visit after baseline; got 0 (baseline).")
    return k


def _outcome(outcome):
    return _validate.choice("outcome", outcome, OUTCOMES)


def _estimator_inputs(pain, observed, treated, time_index, outcome):
    """The validated inputs every estimator starts from: the outcome, pain and seen as
    (trials, people, visits) arrays, the treated vector and the visit index."""
    outcome = _outcome(outcome)
    y, o = _as_trials(pain, observed)
    t = _treated_vector(treated, y.shape[1])
    return outcome, y, o, t, _time_index(time_index, y.shape[-1])


def _per_trial(estimates, pain):
    """One estimate per trial, or a float when ``pain`` held a single trial."""
    return float(estimates[0]) if np.asarray(pain).ndim == 2 else estimates


def completers_effect(pain, observed, treated, time_index=-1, outcome="level"):
    """PRT minus control among the people seen at the chosen visit (a completers' analysis).

    Parameters
    ----------
    pain : array_like
        Shape (n_people, n_times) or (n_trials, n_people, n_times); column 0 is baseline.
    observed : array_like of bool
        Same shape: True where the value was seen.
    treated : array_like of bool
        Shape (n_people,): True for PRT.
    time_index : int, default -1
        The visit (not 0); negative values count from the end.
    outcome : {"level", "change"}, default "level"
        Compare pain at the visit (what a completers' t-test at 12 months does), or the
        change from baseline.

    Returns
    -------
    numpy.ndarray or float
        One estimate per trial (a float for a single trial): PRT minus control.

    Raises
    ------
    ValueError
        For arrays of the wrong shape, an unknown outcome or an arm with nobody seen.

    Notes
    -----
    ``mean_{PRT, seen at t}(v) - mean_{control, seen at t}(v)`` with ``v = y_t`` (level)
    or ``v = y_t - y_0`` (change): a complete-case analysis. It is unbiased if those seen
    are a random subset of each arm (MCAR, or missingness that depends on the arm alone).
    A complete-case regression is also unbiased when missingness depends only on
    covariates it includes (White & Carlin 2010); this comparison includes none, so if
    people in more pain leave, those left look better than their arm and it is biased.

    References
    ----------
    Little RJA, Rubin DB. Statistical Analysis with Missing Data. 3rd ed. Wiley; 2019.
    doi:10.1002/9781119482260
    White IR, Carlin JB. Bias and efficiency of multiple imputation compared with
    complete-case analysis for missing covariate values. Stat Med. 2010;29(28):2920-2931.
    doi:10.1002/sim.3944

    Examples
    --------
    >>> y = [[4, 2], [6, 3], [5, 5], [3, 4]]
    >>> seen = [[True, True], [True, False], [True, True], [True, True]]
    >>> completers_effect(y, seen, [True, True, False, False])
    -2.5
    >>> completers_effect(y, seen, [True, True, False, False], outcome="change")
    -2.5
    """
    outcome, y, o, t, k = _estimator_inputs(pain, observed, treated, time_index, outcome)
    if outcome == "change":
        value, mask = y[..., k] - y[..., 0], o[..., 0] & o[..., k]
    else:
        value, mask = y[..., k], o[..., k]
    control, prt = _arm_means(value, mask, t)
    return _per_trial(prt - control, pain)


def _last_observed(y, o):
    """Each person's last seen value at or before each visit (NaN if none yet)."""
    idx = np.where(o, np.arange(y.shape[-1]), -1)
    idx = np.maximum.accumulate(idx, axis=-1)
    filled = np.take_along_axis(y, np.maximum(idx, 0), axis=-1)
    return np.where(idx >= 0, filled, np.nan)


def locf_effect(pain, observed, treated, time_index=-1, outcome="level"):
    """PRT minus control when each missing value is the person's last seen value.

    Parameters
    ----------
    pain, observed, treated, time_index, outcome
        As in :func:`completers_effect`.

    Returns
    -------
    numpy.ndarray or float
        One estimate per trial (a float for a single trial): PRT minus control.

    Raises
    ------
    ValueError
        For arrays of the wrong shape or an arm with nobody seen at baseline.

    Notes
    -----
    Last observation carried forward (LOCF): ``y*_it = y_is`` with s the last visit at or
    before t at which person i was seen; then the difference in mean ``y*_t`` (level) or
    ``y*_t - y_0`` (change) over everyone seen at baseline. It pretends that a person's
    pain froze when they left, so it is biased whenever pain would have kept changing,
    even under MCAR: someone who left before the treatment worked is counted as never
    improving.

    References
    ----------
    Little RJ, D'Agostino R, Cohen ML, et al. The prevention and treatment of missing
    data in clinical trials. N Engl J Med. 2012;367(14):1355-1360.
    doi:10.1056/NEJMsr1203730

    Examples
    --------
    >>> y = [[4, 2], [6, 3], [5, 5], [3, 4]]
    >>> seen = [[True, True], [True, False], [True, True], [True, True]]
    >>> locf_effect(y, seen, [True, True, False, False])
    -0.5
    >>> locf_effect(y, seen, [True, True, False, False], outcome="change")
    -1.5
    """
    outcome, y, o, t, k = _estimator_inputs(pain, observed, treated, time_index, outcome)
    carried = _last_observed(y, o)[..., k]
    value = carried - y[..., 0] if outcome == "change" else carried
    control, prt = _arm_means(value, o[..., 0], t)
    return _per_trial(prt - control, pain)


# ---------------------------------------------------------------------------------------
# A vectorized REML fit of the random-intercept model with group x time means
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False, eq=False)
class RandomInterceptFit:
    """REML fit of ``y_it = mu_{g(i), t} + u_i + e_it`` for one or many trials.

    Attributes
    ----------
    means : numpy.ndarray
        Shape (n_trials, n_groups, n_times): the fitted mean of each group at each time.
    tau2 : numpy.ndarray
        Shape (n_trials,): variance of the random intercept.
    sigma2 : numpy.ndarray
        Shape (n_trials,): residual variance.
    reml_criterion : numpy.ndarray
        Shape (n_trials,): ``-2`` x the restricted log-likelihood, up to a constant.
    n_obs : numpy.ndarray
        Shape (n_trials,): number of observed values used.
    """

    means: np.ndarray
    tau2: np.ndarray
    sigma2: np.ndarray
    reml_criterion: np.ndarray
    n_obs: np.ndarray

    def effect(self, time_index=-1, treated_group=1, control_group=0, outcome="change"):
        """Treated minus control at a visit, per trial: the difference in fitted change
        from baseline (the group x time interaction) or in the fitted level."""
        outcome = _outcome(outcome)
        mu = self.means
        k = _time_index(time_index, mu.shape[-1])
        value = mu[..., k] - mu[..., 0] if outcome == "change" else mu[..., k]
        return value[:, treated_group] - value[:, control_group]

    @property
    def icc(self) -> np.ndarray:
        """Share of variance between people: ``tau2 / (tau2 + sigma2)``."""
        return self.tau2 / (self.tau2 + self.sigma2)

    def __repr__(self) -> str:
        r, g, t = self.means.shape
        return (f"RandomInterceptFit({r} trial(s), {g} groups x {t} times, "
                f"median ICC {float(np.median(self.icc)):.2f})")


class _RemlStats:
    """Sufficient statistics of the random-intercept model, grouped by arm and by the
    number of values each person contributes (the weights depend only on that number)."""

    def __init__(self, y, o, groups, n_groups):
        r, n, t = y.shape
        of = o.astype(float)
        y0 = np.where(o, y, 0.0)
        counts = o.sum(axis=-1)
        totals = y0.sum(axis=-1)
        k = n_groups * (t + 1)
        key = groups[None, :] * (t + 1) + counts
        onehot = (key[..., None] == np.arange(k)).astype(float).transpose(0, 2, 1)
        outer = (of[..., :, None] * of[..., None, :]).reshape(r, n, t * t)
        self.shape = (r, n_groups, t)
        self.m = (onehot @ outer).reshape(r, n_groups, t + 1, t, t)
        self.v = (onehot @ (of * totals[..., None])).reshape(r, n_groups, t + 1, t)
        self.s2 = (onehot @ (totals ** 2)[..., None]).reshape(r, n_groups, t + 1)
        self.people = onehot.sum(axis=-1).reshape(r, n_groups, t + 1)
        member = (groups[:, None] == np.arange(n_groups)).astype(float)
        self.c = np.einsum("ng,rnt->rgt", member, of)
        self.sy = np.einsum("ng,rnt->rgt", member, y0)
        self.syy = np.einsum("ng,rnt->rgt", member, y0 ** 2)
        self.diag = np.einsum("rgt,ts->rgts", self.c, np.eye(t))
        self.syy_total = self.syy.sum(axis=(1, 2))
        self.s2_by_size = self.s2.sum(axis=1)
        self.people_by_size = self.people.sum(axis=1)
        self.n_obs = of.sum(axis=(1, 2))
        self.dof = self.n_obs - n_groups * t
        self.sizes = np.arange(t + 1, dtype=float)
        if np.any(self.c == 0):
            raise ValueError("every group must have at least one observed value at every "
                             "time in every trial; some group x time cell is empty.")
        if np.any(self.dof <= 0):
            raise ValueError("there are not more observed values than group x time means; "
                             "the model cannot be fitted.")

    def solve(self, log_lambda):
        """Means, Q and the REML criterion at ``lambda = tau2 / sigma2`` (per trial).

        At the GLS solution ``Q = y'H^-1 y - b' mu``, with ``b = sum X_i' H_i^-1 y_i``.
        """
        lam = np.exp(log_lambda)
        w = lam[:, None] / (1.0 + self.sizes[None, :] * lam[:, None])
        a = self.diag - np.einsum("rn,rgnts->rgts", w, self.m)
        b = self.sy - np.einsum("rn,rgnt->rgt", w, self.v)
        mu = np.linalg.solve(a, b[..., None])[..., 0]
        yhy = self.syy_total - np.einsum("rn,rn->r", w, self.s2_by_size)
        q = yhy - (b * mu).sum(axis=(1, 2))
        q = np.maximum(q, 1e-12 * (self.syy_total + 1.0))  # a perfect fit
        log_h = np.einsum("rn,rn->r", self.people_by_size,
                          np.log1p(self.sizes[None, :] * lam[:, None]))
        _, logdet = np.linalg.slogdet(a)
        crit = self.dof * np.log(q / self.dof) + log_h + logdet.sum(axis=1)
        return mu, q, crit


def fit_random_intercept(pain, observed, groups) -> RandomInterceptFit:
    """Fit a linear mixed model with a mean per group and time and a random intercept, by
    REML, to one trial or to many trials at once.

    Parameters
    ----------
    pain : array_like
        Shape (n_people, n_times) or (n_trials, n_people, n_times).
    observed : array_like of bool
        Same shape: True where the value was seen (any pattern of missing values).
    groups : array_like of int
        Shape (n_people,): each person's group, coded 0, 1, ..., n_groups - 1.

    Returns
    -------
    RandomInterceptFit

    Raises
    ------
    ValueError
        For arrays of the wrong shape, or a group x time cell with no observed value.

    Notes
    -----
    The model is ``y_it = mu_{g(i),t} + u_i + e_it``, ``u_i ~ N(0, tau2)``,
    ``e_it ~ N(0, sigma2)``: the same fixed effects as group, time and group x time
    terms. With ``lambda = tau2 / sigma2`` the covariance of person i's ``n_i`` values is
    ``sigma2 H_i`` with ``H_i = I + lambda J``, whose inverse is
    ``I - lambda / (1 + n_i lambda) J``. For a given lambda the means are generalized
    least squares, ``mu = (sum X_i' H_i^-1 X_i)^-1 sum X_i' H_i^-1 y_i``; sigma2 is profiled
    out, leaving the REML criterion

    ``-2 l_R(lambda) = (N - p) log(Q / (N - p)) + sum_i log(1 + n_i lambda)
    + log det(sum_i X_i' H_i^-1 X_i)`` (+ constant),

    with ``Q = sum_i r_i' H_i^-1 r_i`` and p the number of means. It is minimized over
    ``log lambda`` in [-7, 5] by a grid then golden-section search, for all trials at
    once (arrays, no loop over trials). Every sum depends on the data only through
    per-group, per-pattern-size totals, so the fit of 200 trials takes milliseconds.
    With data that are missing at random and a correctly specified model, this
    likelihood-based estimate is unbiased; statsmodels' ``MixedLM(reml=True)`` gives the
    same numbers (see the tests).

    References
    ----------
    Laird NM, Ware JH. Random-effects models for longitudinal data. Biometrics.
    1982;38(4):963-974. doi:10.2307/2529876

    Examples
    --------
    >>> trials = simulate_complete_trials(n_trials=200, seed=3)
    >>> seen = impose_dropout(trials.pain, "MAR", strength=1.0, rate=0.25, seed=3)
    >>> fit = fit_random_intercept(trials.pain, seen, trials.treated.astype(int))
    >>> fit.means.shape
    (200, 2, 7)
    >>> print(f"{fit.effect().mean():.2f} (truth {trials.true_effect[-1]:.2f})")
    -1.24 (truth -1.28)
    """
    y, o = _as_trials(pain, observed)
    g = np.asarray(groups)
    if g.shape != (y.shape[1],) or not np.issubdtype(g.dtype, np.integer):
        raise ValueError(f"groups must be whole-number codes 0, 1, ... with one entry per "
                         f"person ({y.shape[1]}); got {g.dtype} of shape {g.shape}.")
    if g.min() < 0:
        raise ValueError("groups must be coded 0, 1, ..., n_groups - 1; got a negative code.")
    n_groups = int(g.max()) + 1
    stats = _RemlStats(np.where(o, y, 0.0), o, g.astype(int), n_groups)
    r = y.shape[0]
    grid = np.array([stats.solve(np.full(r, u))[2] for u in _LOG_LAMBDA_GRID])
    best = np.argmin(grid, axis=0)
    lo = _LOG_LAMBDA_GRID[np.maximum(best - 1, 0)]
    hi = _LOG_LAMBDA_GRID[np.minimum(best + 1, _LOG_LAMBDA_GRID.size - 1)]
    ratio = (math.sqrt(5.0) - 1.0) / 2.0
    x1, x2 = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    f1, f2 = stats.solve(x1)[2], stats.solve(x2)[2]
    for _ in range(_GOLDEN_STEPS):
        left = f1 < f2
        hi = np.where(left, x2, hi)
        lo = np.where(left, lo, x1)
        new1 = hi - ratio * (hi - lo)
        new2 = lo + ratio * (hi - lo)
        x1, x2 = np.where(left, new1, x2), np.where(left, x1, new2)
        f_new = stats.solve(np.where(left, new1, new2))[2]
        f1, f2 = np.where(left, f_new, f2), np.where(left, f1, f_new)
    u = 0.5 * (lo + hi)
    mu, q, crit = stats.solve(u)
    sigma2 = q / stats.dof
    return RandomInterceptFit(means=_readonly(mu), tau2=_readonly(np.exp(u) * sigma2),
                              sigma2=_readonly(sigma2), reml_criterion=_readonly(crit),
                              n_obs=_readonly(stats.n_obs))


def mixed_model_effect(pain, observed, treated, time_index=-1, outcome="change"):
    """PRT minus control estimated by the random-intercept mixed model (REML).

    Parameters
    ----------
    pain, observed, treated, time_index
        As in :func:`completers_effect`.
    outcome : {"change", "level"}, default "change"
        The group x time interaction (difference in fitted change from baseline, the
        trial's estimand) or the difference in fitted means at the visit.

    Returns
    -------
    numpy.ndarray or float
        One estimate per trial (a float for a single trial): PRT minus control.

    Raises
    ------
    ValueError
        As :func:`fit_random_intercept`.

    Notes
    -----
    ``(mu_prt,t - mu_prt,0) - (mu_control,t - mu_control,0)`` (change) or
    ``mu_prt,t - mu_control,t`` (level) from :func:`fit_random_intercept`. It uses every
    observed value of everyone, including people who left before ``t``: their earlier
    values tell the model about their own level, and hence about what their later values
    would probably have been.

    References
    ----------
    Laird NM, Ware JH. Biometrics. 1982;38(4):963-974. doi:10.2307/2529876

    Examples
    --------
    >>> trials = simulate_complete_trials(n_trials=1, seed=4)
    >>> seen = np.ones(trials.pain.shape, dtype=bool)
    >>> mm = mixed_model_effect(trials.pain[0], seen[0], trials.treated)
    >>> cc = completers_effect(trials.pain[0], seen[0], trials.treated, outcome="change")
    >>> abs(mm - cc) < 1e-9  # with nothing missing both are the difference in mean change
    True
    """
    y, o = _as_trials(pain, observed)
    t = _treated_vector(treated, y.shape[1])
    fit = fit_random_intercept(y, o, t.astype(int))
    return _per_trial(fit.effect(time_index, outcome=outcome), pain)


# ---------------------------------------------------------------------------------------
# The three estimators side by side, under one dropout mechanism
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False, eq=False)
class DropoutStudy:
    """Estimates of the 12-month effect from many trials with the same kind of dropout.

    Attributes
    ----------
    mechanism : str
    strength, rate : float
        The dropout settings (see :func:`impose_dropout`).
    comparison : str
    truth : float
        The true 12-month effect, PRT minus control (difference in pain, equal to the
        difference in change because the arms share one true baseline).
    estimates : dict of str to numpy.ndarray
        One array of ``n_trials`` estimates per method in :data:`METHODS`.
    missing_share : dict of str to float
        Mean share missing at 12 months in the control arm ("control") and in PRT ("prt").
    true_means : numpy.ndarray
        Shape (2, n_times): true mean pain of control (row 0) and PRT (row 1).
    seen_means : numpy.ndarray
        Shape (2, n_times): mean pain of the people still seen, averaged over trials.
    """

    mechanism: str
    strength: float
    rate: float
    comparison: str
    truth: float
    estimates: dict
    missing_share: dict
    true_means: np.ndarray
    seen_means: np.ndarray
    n_trials: int = field(default=0)

    def bias(self, method: str) -> float:
        """Mean estimate minus the truth."""
        method = _validate.choice("method", method, METHODS)
        return float(np.mean(self.estimates[method]) - self.truth)

    def summary(self) -> pd.DataFrame:
        """Mean, bias, SD and root mean squared error of each method."""
        rows = {}
        for method in METHODS:
            est = self.estimates[method]
            rows[method] = {"mean": float(est.mean()), "bias": self.bias(method),
                            "sd": float(est.std(ddof=1)),
                            "rmse": float(np.sqrt(np.mean((est - self.truth) ** 2)))}
        out = pd.DataFrame(rows).T
        out.index.name = "method"
        return out

    def __repr__(self) -> str:
        biases = ", ".join(f"{m} {self.bias(m):+.2f}" for m in METHODS)
        return (f"DropoutStudy({self.mechanism}, strength {self.strength:g}, rate "
                f"{self.rate:g}: truth {self.truth:.2f}; bias {biases})")


@functools.lru_cache(maxsize=4)
def _complete(comparison, n_trials, seed):
    return simulate_complete_trials(comparison, n_trials=n_trials, seed=seed)


@functools.lru_cache(maxsize=512)
def _dropout_study(mechanism, strength, rate, comparison, n_trials, seed):
    trials = _complete(comparison, n_trials, seed)
    y, t = trials.pain, trials.treated
    seen = impose_dropout(y, mechanism, strength, rate, seed=seed + 1)
    estimates = {"completers": completers_effect(y, seen, t, outcome="level"),
                 "locf": locf_effect(y, seen, t, outcome="level"),
                 "mixed_model": mixed_model_effect(y, seen, t, outcome="level")}
    missing = 1.0 - seen[..., -1]
    share = {"control": float(missing[:, ~t].mean()), "prt": float(missing[:, t].mean())}
    seen_means = np.array([
        (np.where(seen[:, arm], y[:, arm], 0.0).sum(axis=(0, 1))
         / seen[:, arm].sum(axis=(0, 1)))
        for arm in (~t, t)])
    return DropoutStudy(mechanism=mechanism, strength=strength, rate=rate,
                        comparison=comparison, truth=float(trials.true_effect[-1]),
                        estimates={k: _readonly(v) for k, v in estimates.items()},
                        missing_share=share, true_means=trials.means,
                        seen_means=_readonly(seen_means), n_trials=n_trials)


def dropout_study(mechanism="MAR", strength=1.0, rate=0.2, comparison="prt_vs_placebo",
                  n_trials=200, seed=0) -> DropoutStudy:
    """Simulate many trials, impose one kind of dropout, and estimate the 12-month effect
    three ways.

    Parameters
    ----------
    mechanism : {"MCAR", "MAR", "MNAR"}, default "MAR"
        See :func:`impose_dropout`.
    strength : float, default 1.0
        Log-odds of leaving per SD of pain (0 to 5; ignored under MCAR).
    rate : float, default 0.2
        Expected share missing at 12 months, in (0, 0.9].
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
    n_trials : int, default 200
        Number of simulated trials (1 to 5000).
    seed : int, default 0
        The complete data use ``seed``, the dropout ``seed + 1``; the same complete
        trials serve every mechanism, so differences between settings are not noise.

    Returns
    -------
    DropoutStudy

    Raises
    ------
    ValueError
        For any argument outside its allowed values.

    Notes
    -----
    Complete trials from :func:`simulate_complete_trials`, dropout from
    :func:`impose_dropout`, then three estimates at 12 months: the completers' difference
    in pain (what a t-test on those seen at 12 months estimates), the same difference
    after last observation carried forward, and the mixed model's difference between the
    arms' fitted 12-month means, from all available data. Because the simulated arms
    share one true baseline, this is also the true group x time interaction, the trial's
    estimand; comparing levels lets the three methods share the same sampling noise, so
    that their differences show bias rather than chance. The bias of
    a method is the mean of its estimates minus the truth. Results are cached per
    setting; each call returns new ``estimates`` and ``missing_share`` dicts over
    read-only arrays, so changing a result never changes the next one.

    References
    ----------
    Sterne JAC, White IR, Carlin JB, et al. Multiple imputation for missing data in
    epidemiological and clinical research: potential and pitfalls. BMJ. 2009;338:b2393.
    doi:10.1136/bmj.b2393

    Examples
    --------
    >>> study = dropout_study("MAR", strength=2.0, rate=0.3, n_trials=100)
    >>> print(f"truth {study.truth:.2f}")
    truth -1.28
    >>> abs(study.bias("mixed_model")) < abs(study.bias("completers"))
    True
    """
    mechanism = _validate.choice("mechanism", mechanism, MECHANISMS)
    strength = _validate.number("strength", strength, minimum=0, maximum=5)
    rate = _validate.number("rate", rate, minimum=0, maximum=0.9, min_inclusive=False)
    _control(comparison)
    n_trials = _validate.integer("n_trials", n_trials, minimum=1, maximum=5000)
    seed = _validate.integer("seed", seed, minimum=0)
    study = _dropout_study(mechanism, float(strength), float(rate), comparison, n_trials,
                           seed)
    return dataclasses.replace(study, estimates=dict(study.estimates),
                               missing_share=dict(study.missing_share))


# ---------------------------------------------------------------------------------------
# The trial's analysis on a cohort table
# ---------------------------------------------------------------------------------------


def _check_long(df, need=("participant", "arm", "time", "pain")):
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"df must be a pandas DataFrame from prtlib.trial.cohort; got "
                         f"{type(df).__name__}.")
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise ValueError(f"df must have the columns {', '.join(need)}; missing "
                         f"{', '.join(missing)}.")


@dataclass(frozen=True, repr=False, eq=False)
class TrialModel:
    """The trial's linear mixed model, fitted to a cohort table.

    Attributes
    ----------
    contrasts : pandas.DataFrame
        Indexed by (``comparison``, ``time``): ``estimate`` (PRT minus control, difference
        in mean change from baseline: the group x time interaction), ``se``, ``z``, ``p``,
        ``ci_low``, ``ci_high``.
    fixed_effects : pandas.Series
        Every fixed-effect coefficient, by name.
    participant_var, residual_var : float
        Variance of the random intercept and of the residual.
    n_obs, n_participants : int
    covariates : bool
        Whether age and sex were in the model.
    converged : bool
    """

    contrasts: pd.DataFrame
    fixed_effects: pd.Series
    participant_var: float
    residual_var: float
    n_obs: int
    n_participants: int
    covariates: bool
    converged: bool
    confidence_level: float = 0.95

    def estimate(self, comparison="prt_vs_placebo", time="12mo") -> float:
        """The group x time contrast for one comparison and time."""
        _control(comparison)
        _validate.choice("time", time, TIMES[1:])
        return float(self.contrasts.loc[(comparison, time), "estimate"])

    def __str__(self) -> str:
        table = self.contrasts[["estimate", "se", "ci_low", "ci_high"]].round(3)
        table["p"] = [("< 0.001" if p < 0.001 else f"{p:.3f}") for p in self.contrasts["p"]]
        return (f"Linear mixed model (REML), {self.n_obs} observations of "
                f"{self.n_participants} participants; random-intercept variance "
                f"{self.participant_var:.2f}, residual variance {self.residual_var:.2f}.\n"
                f"PRT minus control, change from baseline:\n{table.to_string()}")

    def __repr__(self) -> str:
        return (f"TrialModel({self.n_obs} observations, {self.n_participants} participants, "
                f"12-month PRT vs placebo {self.estimate():.2f})")


def fit_trial_model(df, covariates=True, confidence_level=0.95) -> TrialModel:
    """Fit the trial's analysis: a linear mixed model with group x time interactions, age
    and sex, and a random intercept per participant, on all available pain values.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :func:`prtlib.trial.cohort.synthetic_trial` (or any table with its
        columns ``participant``, ``arm``, ``time``, ``pain`` and, if ``covariates``,
        ``age`` and ``sex``), with at least two arms one of which is PRT.
    covariates : bool, default True
        Include age (years, centred) and sex, as the paper did.
    confidence_level : float, default 0.95
        Coverage of the Wald intervals.

    Returns
    -------
    TrialModel

    Raises
    ------
    ValueError
        If ``df`` lacks a column, has no PRT arm or no control arm, or an argument is bad.

    Notes
    -----
    Design (fitted with ``statsmodels.regression.mixed_linear_model.MixedLM``, REML):
    ``pain_it = b0 + sum_g arm_g + sum_t time_t + sum_{g,t} arm_g x time_t
    [+ b_age age_i + b_female female_i] + u_i + e_it``, with placebo (or the only
    control present) as the reference arm and baseline as the reference time. The
    contrast "PRT vs control at t" is the difference between the two arms' changes from
    baseline to t, ``L beta`` for the matching vector L; its SE is
    ``sqrt(L Cov(beta) L')`` and the interval is Wald's. Rows with missing pain are left
    out, and everyone else's rows are used: that is "all available data".

    References
    ----------
    Laird NM, Ware JH. Random-effects models for longitudinal data. Biometrics.
    1982;38(4):963-974. doi:10.2307/2529876

    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23 (Methods: statistical analysis).
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> model = fit_trial_model(synthetic_trial(seed=0))
    >>> print(f"{model.estimate('prt_vs_placebo', '12mo'):.2f}")
    -1.33
    >>> model.n_participants
    151
    """
    import statsmodels.api as sm
    from scipy import stats

    need = ("participant", "arm", "time", "pain") + (("age", "sex") if covariates else ())
    _check_long(df, need)
    if not isinstance(covariates, bool | np.bool_):
        raise ValueError(f"covariates must be True or False; got {covariates!r}.")
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    data = df.dropna(subset=["pain"] + (["age", "sex"] if covariates else []))
    arms = [a for a in ARMS if (data["arm"] == a).any()]
    if "prt" not in arms or len(arms) < 2:
        raise ValueError(f"df must hold the PRT arm and at least one control arm; it holds "
                         f"{', '.join(arms) or 'no known arm'}.")
    controls = [a for a in arms if a != "prt"]
    reference = "placebo" if "placebo" in controls else controls[0]
    others = [a for a in arms if a != reference]
    times = [t for t in TIMES[1:] if (data["time"] == t).any()]
    arm = data["arm"].astype(str).to_numpy()
    time = data["time"].astype(str).to_numpy()
    columns = {"const": np.ones(len(data))}
    for a in others:
        columns[a] = (arm == a).astype(float)
    for t in times:
        columns[t] = (time == t).astype(float)
    for a in others:
        for t in times:
            columns[f"{a}:{t}"] = columns[a] * columns[t]
    if covariates:
        age = data["age"].to_numpy(float)
        columns["age"] = age - age.mean()
        columns["female"] = (data["sex"].astype(str).to_numpy() == "female").astype(float)
    exog = pd.DataFrame(columns, index=data.index)
    model = sm.MixedLM(data["pain"].to_numpy(float), exog,
                       groups=data["participant"].astype(str).to_numpy())
    result = model.fit(reml=True)
    beta = result.fe_params
    cov = result.cov_params().loc[beta.index, beta.index].to_numpy()
    z_crit = float(stats.norm.ppf(0.5 + level / 2.0))
    rows = []
    for control in controls:
        comparison = f"prt_vs_{control}"
        for t in times:
            weights = pd.Series(0.0, index=beta.index)
            weights[f"prt:{t}"] += 1.0
            if control != reference:
                weights[f"{control}:{t}"] -= 1.0
            vec = weights.to_numpy()
            est = float(vec @ beta.to_numpy())
            se = float(np.sqrt(vec @ cov @ vec))
            z = est / se
            rows.append((comparison, t, est, se, z, float(2.0 * stats.norm.sf(abs(z))),
                         est - z_crit * se, est + z_crit * se))
    contrasts = pd.DataFrame(rows, columns=["comparison", "time", "estimate", "se", "z", "p",
                                            "ci_low", "ci_high"])
    return TrialModel(contrasts=contrasts.set_index(["comparison", "time"]),
                      fixed_effects=beta, participant_var=float(result.cov_re.iloc[0, 0]),
                      residual_var=float(result.scale), n_obs=int(len(data)),
                      n_participants=int(data["participant"].nunique()),
                      covariates=bool(covariates), converged=bool(result.converged),
                      confidence_level=level)


@dataclass(frozen=True)
class CompletersTest:
    """Welch's t-test of PRT against a control among the people seen at one visit.

    Attributes
    ----------
    comparison, time, outcome : str
    difference : float
        Mean of PRT minus mean of control (change from baseline, or the level).
    t, df, p : float
        Welch's statistic, its degrees of freedom and the two-sided p-value.
    ci_low, ci_high : float
        Confidence interval of the difference.
    n_prt, n_control : int
        People analysed in each arm.
    """

    comparison: str
    time: str
    outcome: str
    difference: float
    t: float
    df: float
    p: float
    ci_low: float
    ci_high: float
    n_prt: int
    n_control: int

    def __str__(self) -> str:
        return (f"Completers, {self.outcome} at {self.time}, {self.comparison}: difference "
                f"{self.difference:.2f} ({self.ci_low:.2f} to {self.ci_high:.2f}), "
                f"t({self.df:.1f}) = {self.t:.2f}, p = {self.p:.2g}; n = {self.n_prt} vs "
                f"{self.n_control}")


def completers_ttest(df, comparison="prt_vs_placebo", time="12mo", outcome="change",
                     confidence_level=0.95) -> CompletersTest:
    """Welch's two-sample t-test on the people seen at one visit (a completers' analysis).

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :mod:`prtlib.trial.cohort`.
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "12mo"
    outcome : {"change", "level"}, default "change"
        Pain at ``time`` minus baseline, or pain at ``time``.
    confidence_level : float, default 0.95

    Returns
    -------
    CompletersTest

    Raises
    ------
    ValueError
        For a bad argument or a table without the needed columns.

    Notes
    -----
    ``t = (mean_1 - mean_2) / sqrt(s_1^2/n_1 + s_2^2/n_2)`` with Welch-Satterthwaite
    degrees of freedom ``(s_1^2/n_1 + s_2^2/n_2)^2 / ((s_1^2/n_1)^2/(n_1-1) +
    (s_2^2/n_2)^2/(n_2-1))``. Only people with a value at ``time`` (and at baseline for a
    change) count.

    References
    ----------
    Welch BL. The generalization of "Student's" problem when several different
    population variances are involved. Biometrika. 1947;34(1-2):28-35.
    doi:10.1093/biomet/34.1-2.28

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> res = completers_ttest(synthetic_trial(seed=0), "prt_vs_placebo", "12mo")
    >>> res.n_prt, res.n_control
    (45, 43)
    >>> print(f"{res.difference:.2f}")
    -1.41
    """
    from scipy import stats

    from prtlib.trial.cohort import wide

    control = _control(comparison)
    time = _validate.choice("time", time, TIMES[1:])
    outcome = _validate.choice("outcome", outcome, ("change", "level"))
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    _check_long(df)
    w = wide(df, "pain")
    if time not in w.columns:
        raise ValueError(f"time must be a visit present in df; {time!r} has no rows.")
    value = w[time] - w["baseline"] if outcome == "change" else w[time]
    x = value[w["arm"] == "prt"].dropna().to_numpy(float)
    y = value[w["arm"] == control].dropna().to_numpy(float)
    if x.size < 2 or y.size < 2:
        raise ValueError("each arm needs at least two people seen at that visit.")
    v1, v2 = x.var(ddof=1) / x.size, y.var(ddof=1) / y.size
    diff = float(x.mean() - y.mean())
    se = math.sqrt(v1 + v2)
    dof = (v1 + v2) ** 2 / (v1 ** 2 / (x.size - 1) + v2 ** 2 / (y.size - 1))
    t_stat = diff / se
    half = float(stats.t.ppf(0.5 + level / 2.0, dof)) * se
    return CompletersTest(comparison=comparison, time=time, outcome=outcome, difference=diff,
                          t=t_stat, df=float(dof), p=float(2.0 * stats.t.sf(abs(t_stat), dof)),
                          ci_low=diff - half, ci_high=diff + half, n_prt=int(x.size),
                          n_control=int(y.size))


def carry_forward(df, value="pain") -> pd.DataFrame:
    """The wide table of a measure with each missing visit filled by the last value seen.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :mod:`prtlib.trial.cohort`.
    value : str, default "pain"
        The numeric column.

    Returns
    -------
    pandas.DataFrame
        As :func:`prtlib.trial.cohort.wide`, with NaNs after a person's first seen value
        replaced by their last seen value (last observation carried forward).

    Raises
    ------
    ValueError
        If ``df`` is not such a table or ``value`` is not one of its numeric columns.

    Notes
    -----
    Along each row, in time order: ``y*_t = y_t`` if seen, else ``y*_{t-1}``.

    References
    ----------
    Little RJ, et al. N Engl J Med. 2012;367(14):1355-1360. doi:10.1056/NEJMsr1203730

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> filled = carry_forward(synthetic_trial(seed=0))
    >>> int(filled["12mo"].isna().sum())
    0
    """
    from prtlib.trial.cohort import wide

    w = wide(df, value)
    times = [c for c in w.columns if c != "arm"]
    w[times] = w[times].ffill(axis=1)
    return w


def cohort_estimates(df, comparison="prt_vs_placebo", time="12mo") -> pd.DataFrame:
    """The effect at one visit estimated three ways on one cohort table.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :mod:`prtlib.trial.cohort` (with ``age`` and ``sex``).
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "12mo"

    Returns
    -------
    pandas.DataFrame
        Indexed by method (``completers``, ``locf``, ``mixed_model``); columns
        ``estimate`` (PRT minus control, difference in mean change from baseline) and
        ``people`` (people whose data enter the estimate).

    Raises
    ------
    ValueError
        For a bad argument or table.

    Notes
    -----
    Completers: :func:`completers_ttest` on the change. LOCF: the difference in mean
    change on :func:`carry_forward`'s table, everyone with a baseline. Mixed model:
    :func:`fit_trial_model` on both arms' available data (age and sex included).

    References
    ----------
    Little RJA, Rubin DB. Statistical Analysis with Missing Data. 3rd ed. Wiley; 2019.
    doi:10.1002/9781119482260

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> est = cohort_estimates(synthetic_trial(seed=0))
    >>> est["people"].to_dict()
    {'completers': 88, 'locf': 101, 'mixed_model': 101}
    """
    control = _control(comparison)
    time = _validate.choice("time", time, TIMES[1:])
    _check_long(df, ("participant", "arm", "time", "pain", "age", "sex"))
    two = df[df["arm"].isin(["prt", control])]
    ttest = completers_ttest(two, comparison, time, "change")
    filled = carry_forward(two)
    change = filled[time] - filled["baseline"]
    locf = float(change[filled["arm"] == "prt"].mean() - change[filled["arm"] == control].mean())
    model = fit_trial_model(two)
    out = pd.DataFrame({
        "estimate": [ttest.difference, locf, model.estimate(comparison, time)],
        "people": [ttest.n_prt + ttest.n_control, int(change.notna().sum()),
                   model.n_participants],
    }, index=pd.Index(list(METHODS), name="method"))
    return out


# ---------------------------------------------------------------------------------------
# Responders when outcomes are missing
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponderSensitivity:
    """Responder percentages of PRT and one control under assumptions about the missing.

    Attributes
    ----------
    comparison, rule, time : str
    randomized, seen, responders, missing : dict of str to int
        Per arm ("prt" and the control): people randomized, seen at ``time``, responders
        among them (eTable 2), and people not seen.
    missing_response : float
        The assumed share of missing people who would have responded (0 to 1).

    Notes
    -----
    See :func:`responder_sensitivity`.
    """

    comparison: str
    rule: str
    time: str
    randomized: dict
    seen: dict
    responders: dict
    missing: dict
    missing_response: float

    @property
    def control(self) -> str:
        return self.comparison.removeprefix("prt_vs_")

    def percent(self, arm: str, missing_response=None) -> float:
        """Responders in percent of those randomized, if a share ``missing_response`` of
        the missing would have responded (default: this object's assumption)."""
        arm = _validate.choice("arm", arm, ("prt", self.control))
        p = self.missing_response if missing_response is None else _validate.probability(
            "missing_response", missing_response)
        return 100.0 * (self.responders[arm] + p * self.missing[arm]) / self.randomized[arm]

    def completers_percent(self, arm: str) -> float:
        """Responders in percent of those seen (the missing ignored)."""
        arm = _validate.choice("arm", arm, ("prt", self.control))
        return 100.0 * self.responders[arm] / self.seen[arm]

    def difference(self, missing_response=None) -> float:
        """PRT minus control, percentage points, under a shared ``missing_response``."""
        return self.percent("prt", missing_response) - self.percent(self.control,
                                                                      missing_response)

    @property
    def non_responder_difference(self) -> float:
        """PRT minus control when every missing person counts as a non-responder."""
        return self.difference(0.0)

    @property
    def completers_difference(self) -> float:
        """PRT minus control among those seen only."""
        return self.completers_percent("prt") - self.completers_percent(self.control)

    @property
    def worst_case_difference(self) -> float:
        """Missing PRT people all fail and missing controls all respond."""
        return (100.0 * self.responders["prt"] / self.randomized["prt"]
                - 100.0 * (self.responders[self.control] + self.missing[self.control])
                / self.randomized[self.control])

    @property
    def slope(self) -> float:
        """Change of :meth:`difference` (points) per unit of ``missing_response``."""
        return 100.0 * (self.missing["prt"] / self.randomized["prt"]
                        - self.missing[self.control] / self.randomized[self.control])

    @property
    def non_responder_is_conservative(self) -> bool:
        """True if counting the missing as non-responders gives the smallest PRT advantage
        among shared assumptions (PRT lost a larger share than the control)."""
        return self.slope > 0

    def __str__(self) -> str:
        return (f"{self.rule} at {self.time}, {self.comparison}: missing = non-responder "
                f"{self.non_responder_difference:.1f} points; completers only "
                f"{self.completers_difference:.1f}; with {100 * self.missing_response:.0f}% "
                f"of the missing responding {self.difference():.1f}")


def responder_sensitivity(comparison="prt_vs_usual_care", rule="pain01", time="12mo",
                          missing_response=0.0) -> ResponderSensitivity:
    """eTable 2's responder comparison under different assumptions about missing people.

    Parameters
    ----------
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_usual_care"
    rule : {"pain01", "reduction30", "reduction50"}, default "pain01"
    time : {"post", "12mo"}, default "12mo"
    missing_response : float, default 0.0
        Share of the people not seen who would have responded, the same in both arms.
        0 is the paper's rule (missing = non-responder).

    Returns
    -------
    ResponderSensitivity

    Raises
    ------
    ValueError
        For an argument outside its allowed values.
    RuntimeError
        If the ledger's counts are inconsistent (more responders than people seen).

    Notes
    -----
    Responders are recovered from eTable 2 by
    :func:`prtlib.trial.trial_effects.responder_counts` (percent of randomized, missing counted
    as non-response); the people seen are Figure 1's monitored counts. With ``r``
    responders among ``s`` seen of ``n`` randomized, an assumption ``p`` gives
    ``100 (r + p (n - s)) / n``. The PRT-minus-control difference is linear in ``p`` with
    slope ``100 (m_prt / n_prt - m_ctl / n_ctl)`` (``m`` = missing): counting the missing
    as non-responders is the cautious choice only when PRT lost the larger share; when
    the control arm lost more, it flatters PRT.

    References
    ----------
    White IR, Horton NJ, Carpenter J, Pocock SJ. Strategy for intention to treat analysis
    in randomised trials with missing outcome data. BMJ. 2011;342:d40.
    doi:10.1136/bmj.d40

    Examples
    --------
    >>> s = responder_sensitivity("prt_vs_usual_care", "pain01", "12mo")
    >>> s.responders, s.seen
    ({'prt': 26, 'usual_care': 8}, {'prt': 45, 'usual_care': 36})
    >>> print(f"{s.non_responder_difference:.1f} {s.completers_difference:.1f}")
    36.0 35.6
    >>> s.non_responder_is_conservative
    False
    """
    from prtlib.trial.trial_effects import RESPONDER_RULES, RESPONDER_TIMES, responder_counts

    control = _control(comparison)
    rule = _validate.choice("rule", rule, RESPONDER_RULES)
    time = _validate.choice("time", time, RESPONDER_TIMES)
    p = _validate.probability("missing_response", missing_response)
    counts = responder_counts(rule, time)
    get = _published().get
    arms = ("prt", control)
    seen = {a: int(get(f"n.monitored.{time}.{a}")) for a in arms}
    responders = {a: int(counts.counts[a]) for a in arms}
    randomized = {a: int(counts.randomized[a]) for a in arms}
    for a in arms:
        if responders[a] > seen[a]:
            raise RuntimeError(f"the ledger gives {responders[a]} responders but only "
                               f"{seen[a]} people seen ({rule}, {time}, {a}).")
    return ResponderSensitivity(comparison=comparison, rule=rule, time=time,
                                randomized=randomized, seen=seen, responders=responders,
                                missing={a: randomized[a] - seen[a] for a in arms},
                                missing_response=p)
