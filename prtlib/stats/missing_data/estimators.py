"""Estimators of a treatment effect from trials with missing values: completers only, last
observation carried forward, and a vectorized REML fit of the random-intercept mixed model.

Each takes pain as (n_people, n_times) or (n_trials, n_people, n_times), a boolean array
of the values seen and the treated vector; many simulated trials are estimated at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from prtlib import _validate
from prtlib.stats.missing_data.laboratory import (
    OUTCOMES,
    _as_trials,
    _readonly,
    _treated_vector,
)

__all__ = ["RandomInterceptFit", "completers_effect", "fit_random_intercept", "locf_effect",
           "mixed_model_effect"]

_LOG_LAMBDA_GRID = np.linspace(-7.0, 5.0, 10)
_GOLDEN_STEPS = 24


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
    filled = np.empty(np.broadcast_shapes(np.shape(y), np.shape(o)))
    last = np.full(filled.shape[:-1], np.nan)
    for k in range(filled.shape[-1]):  # visit by visit: a loop over a few visits only
        last = np.where(o[..., k], y[..., k], last)
        filled[..., k] = last
    return filled


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


def _column_sum(o, weights) -> np.ndarray:
    """``sum_s weights[s] * o[..., s]`` in whole numbers, visit by visit (a few visits)."""
    out = np.zeros(o.shape[:-1], dtype=np.int64)
    for s, weight in enumerate(weights):
        out += weight * o[..., s]
    return out


def _pattern_products(of, key, k) -> np.ndarray:
    """``sum_i o_i o_i'`` over the people i of each cell ``key`` (0 to k - 1) of each
    trial, shape (n_trials, k, t * t), from the few patterns of seen values that occur
    (whole numbers, so exactly what a sum over people gives)."""
    r, n, t = of.shape
    if t > 20:  # too many possible patterns: sum over people
        onehot = (key[..., None] == np.arange(k)).astype(float).transpose(0, 2, 1)
        return onehot @ (of[..., :, None] * of[..., None, :]).reshape(r, n, t * t)
    code = _column_sum(of.astype(bool), 2 ** np.arange(t))  # the pattern as a bit field
    present = np.zeros(2 ** t, dtype=bool)
    present[code] = True
    patterns = np.flatnonzero(present)
    position = np.zeros(2 ** t, dtype=np.int64)
    position[patterns] = np.arange(patterns.size)
    cell = (key + k * np.arange(r)[:, None]) * patterns.size + position[code]
    people = np.bincount(cell.ravel(), minlength=r * k * patterns.size)
    seen = (patterns[:, None] >> np.arange(t)) & 1
    outer = (seen[:, :, None] * seen[:, None, :]).reshape(patterns.size, t * t)
    # In whole numbers: numpy's own loop, not a multithreaded BLAS call whose threads would
    # keep a core busy for the small products that follow.
    return (people.reshape(r * k, patterns.size) @ outer).reshape(r, k, t * t).astype(float)


class _RemlStats:
    """Sufficient statistics of the random-intercept model, grouped by arm and by the
    number of values each person contributes (the weights depend only on that number)."""

    def __init__(self, y, o, groups, n_groups):
        r, n, t = y.shape
        of = o.astype(float)
        y0 = np.where(o, y, 0.0)
        counts = _column_sum(o, np.ones(t, dtype=np.int64))  # values seen per person
        totals = y0.sum(axis=-1)
        k = n_groups * (t + 1)
        key = groups[None, :] * (t + 1) + counts
        # onehot[r, j, i] = 1 if person i of trial r is in cell j (a transposed view, as
        # the matrix products below have always been given it).
        onehot = np.zeros((r, n, k))
        onehot.reshape(r * n, k)[np.arange(r * n), key.ravel()] = 1.0
        onehot = onehot.transpose(0, 2, 1)
        self.shape = (r, n_groups, t)
        # m and v by (trial, values per person, group, ...): the layout in which numpy's
        # einsum in solve() is fastest (and adds in the same order). m holds whole numbers
        # (people per cell and pattern), exact however they are summed.
        self.m = _pattern_products(of, counts * n_groups + groups[None, :], k).reshape(
            r, t + 1, n_groups, t, t)
        self.v = np.ascontiguousarray((onehot @ (of * totals[..., None])).reshape(
            r, n_groups, t + 1, t).transpose(0, 2, 1, 3))
        self.s2 = (onehot @ (totals ** 2)[..., None]).reshape(r, n_groups, t + 1)
        self.people = np.bincount((key + k * np.arange(r)[:, None]).ravel(),
                                  minlength=r * k).reshape(r, n_groups, t + 1).astype(float)
        self.c = np.einsum("rcgss->rgs", self.m)  # values seen per group and time
        # Sums over each group's people, one person after another (as the sums over all
        # people weighted 0 or 1 that these replace).
        self.sy = np.stack([y0[:, groups == g].sum(axis=1) for g in range(n_groups)], axis=1)
        self.syy = np.stack([(y0[:, groups == g] ** 2).sum(axis=1) for g in range(n_groups)],
                            axis=1)
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
        a = self.diag - np.einsum("rn,rngts->rgts", w, self.m)
        b = self.sy - np.einsum("rn,rngt->rgt", w, self.v)
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
    >>> from prtlib.stats.missing_data.laboratory import impose_dropout, simulate_complete_trials
    >>> means = [[6.0, 4.0, 4.0, 4.0], [6.2, 2.0, 2.5, 2.7]]
    >>> trials = simulate_complete_trials(means, [50, 51], n_trials=200, seed=3)
    >>> seen = impose_dropout(trials.pain, "MAR", strength=1.0, rate=0.25, seed=3)
    >>> fit = fit_random_intercept(trials.pain, seen, trials.treated.astype(int))
    >>> fit.means.shape
    (200, 2, 4)
    >>> print(f"{fit.effect().mean():.2f} (truth {trials.true_effect[-1]:.2f})")
    -1.31 (truth -1.30)
    """
    y, o = _as_trials(pain, observed)
    g = np.asarray(groups)
    if g.shape != (y.shape[1],) or not np.issubdtype(g.dtype, np.integer):
        raise ValueError(f"groups must be whole-number codes 0, 1, ... with one entry per "
                         f"person ({y.shape[1]}); got {g.dtype} of shape {g.shape}.")
    if g.min() < 0:
        raise ValueError("groups must be coded 0, 1, ..., n_groups - 1; got a negative code.")
    n_groups = int(g.max()) + 1
    stats = _RemlStats(y, o, g.astype(int), n_groups)
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
    >>> from prtlib.stats.missing_data.laboratory import simulate_complete_trials
    >>> means = [[6.0, 4.0, 4.0, 4.0], [6.2, 2.0, 2.5, 2.7]]
    >>> trials = simulate_complete_trials(means, [50, 51], n_trials=1, seed=4)
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
