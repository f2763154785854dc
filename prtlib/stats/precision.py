"""Precision of a standardized difference: how wide its interval is, and how it dances.

Power asks "will the trial reach p < .05?". Precision asks "how well will it pin the effect
down?". For Hedges' g of two groups of n, the 95% interval is roughly ``g +/- 2.8 / sqrt(n)``
wide on each side, so halving its width takes four times the people.

- :func:`g_interval_halfwidth`: the expected half-width of the interval for g;
- :func:`n_for_halfwidth`: the people per group that a target half-width needs;
- :func:`simulate_g_intervals`: many replications of one trial, each with its own g and
  interval (Cumming's "dance of the confidence intervals").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from prtlib import _validate
from prtlib.stats.effect_sizes import exact_j, hedges_correction
from prtlib.stats.intervals import Interval

__all__ = ["IntervalDance", "g_interval_halfwidth", "n_for_halfwidth", "simulate_g_intervals"]


def _z(confidence_level) -> float:
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    return float(stats.norm.ppf(0.5 + level / 2.0))


def _halfwidth(n, d, z):
    """``z J SE(d)`` for equal groups of ``n`` (arrays broadcast)."""
    return z * exact_j(2.0 * n - 2.0) * np.sqrt(2.0 / n + d * d / (4.0 * n))


def g_interval_halfwidth(n_per_group, d=0.0, confidence_level=0.95):
    """Half-width of the normal-approximation confidence interval for Hedges' g.

    Parameters
    ----------
    n_per_group : float or array_like
        People per group (equal groups), at least 2.
    d : float, default 0.0
        The standardized difference around which the interval sits (its width grows
        slightly with ``|d|``).
    confidence_level : float, default 0.95
        Coverage, in (0, 1).

    Returns
    -------
    float or numpy.ndarray
        ``z * SE(g)``; a float for a scalar ``n_per_group``.

    Raises
    ------
    ValueError
        If ``n_per_group`` is below 2, ``d`` is not finite or ``confidence_level`` is not
        in (0, 1).

    Notes
    -----
    With equal groups of n, ``SE(d) = sqrt(2/n + d^2 / (4n))`` (Borenstein et al. 2009,
    eq. 4.20 with n1 = n2 = n) and ``SE(g) = J SE(d)`` with ``J`` Hedges' exact
    correction for ``2n - 2`` degrees of freedom, so the half-width is
    ``z_(1 - alpha/2) J sqrt(2/n + d^2 / (4n))``: it shrinks like ``1 / sqrt(n)``.

    References
    ----------
    Borenstein M, Hedges LV, Higgins JPT, Rothstein HR. Introduction to Meta-Analysis.
    Wiley; 2009. Chapter 4. doi:10.1002/9780470743386

    Cumming G. The new statistics: why and how. Psychol Sci. 2014;25(1):7-29.
    doi:10.1177/0956797613504966

    Examples
    --------
    >>> print(f"{g_interval_halfwidth(50, d=1.14):.2f}")
    0.42
    >>> import numpy as np
    >>> np.round(g_interval_halfwidth(np.array([25, 100, 400])), 2).tolist()
    [0.55, 0.28, 0.14]
    """
    n, is_scalar = _validate.number_or_array("n_per_group", n_per_group, minimum=2)
    d = _validate.number("d", d)
    z = _z(confidence_level)
    half = _halfwidth(n, d, z)
    return float(half) if is_scalar else half


def n_for_halfwidth(halfwidth, d=0.0, confidence_level=0.95):
    """Smallest number per group whose expected interval for g is no wider than asked.

    Parameters
    ----------
    halfwidth : float
        Target half-width of the interval, in g units, greater than 0.
    d : float, default 0.0
        Expected standardized difference.
    confidence_level : float, default 0.95
        Coverage, in (0, 1).

    Returns
    -------
    int
        The smallest whole ``n`` (at least 2) with
        ``g_interval_halfwidth(n, d, confidence_level) <= halfwidth``.

    Raises
    ------
    ValueError
        If ``halfwidth`` is not positive or is too small to reach with 10**9 per group,
        ``d`` is not finite or ``confidence_level`` is not in (0, 1).

    Notes
    -----
    The half-width falls steadily with n, so the answer is found by bisection on whole
    numbers, starting from the approximation ``n = z^2 (2 + d^2/4) / halfwidth^2``
    (Cumming 2014; see :func:`g_interval_halfwidth`).

    Examples
    --------
    To estimate g within +/- 0.25 (95%) when the true effect is near 0.6:

    >>> n_for_halfwidth(0.25, d=0.6)
    128
    """
    target = _validate.positive("halfwidth", halfwidth)
    d = _validate.number("d", d)
    z = _z(confidence_level)
    if _halfwidth(2.0, d, z) <= target:
        return 2
    high = max(4, math.ceil(2.0 * z * z * (2.0 + d * d / 4.0) / target ** 2))
    while high <= 1e9 and _halfwidth(float(high), d, z) > target:
        high *= 2
    if high > 1e9:
        if _halfwidth(1e9, d, z) > target:
            raise ValueError(f"halfwidth must be reachable with at most 1e9 per group; got "
                             f"{halfwidth!r}.")
        high = 10**9
    low = 2  # halfwidth(low) > target, halfwidth(high) <= target
    while high - low > 1:
        mid = (low + high) // 2
        if _halfwidth(float(mid), d, z) <= target:
            high = mid
        else:
            low = mid
    return int(high)


@dataclass(frozen=True, repr=False, eq=False)
class IntervalDance:
    """Replications of one two-group trial, each with its g and interval.

    Attributes
    ----------
    true_d, n_per_group, confidence_level, seed
        The inputs.
    estimates : numpy.ndarray
        Hedges' g of each replication.
    ci_low, ci_high : numpy.ndarray
        The ends of its normal-approximation interval (``g +/- z SE(g)``), one per
        replication, as in a table; :meth:`ci` gives one replication's as an Interval.
    """

    true_d: float
    n_per_group: int
    confidence_level: float
    seed: int | None
    estimates: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray

    def ci(self, i: int) -> Interval:
        """The interval of replication ``i`` (counted from 0)."""
        i = _validate.integer("i", i, minimum=0, maximum=self.estimates.size - 1)
        return Interval(self.ci_low[i], self.ci_high[i], self.confidence_level,
                        "normal approximation")

    @property
    def covers(self) -> np.ndarray:
        """Whether each interval contains the true d."""
        return (self.ci_low <= self.true_d) & (self.true_d <= self.ci_high)

    @property
    def coverage(self) -> float:
        """Share of intervals that contain the true d."""
        return float(self.covers.mean())

    @property
    def excludes_zero(self) -> np.ndarray:
        """Whether each interval lies entirely on one side of 0 ("significant")."""
        return (self.ci_low > 0) | (self.ci_high < 0)

    def __repr__(self) -> str:
        return (f"IntervalDance(true_d={self.true_d:g}, n_per_group={self.n_per_group}, "
                f"n_trials={self.estimates.size}, coverage={self.coverage:.3f})")


def simulate_g_intervals(true_d, n_per_group, n_trials=25, confidence_level=0.95, seed=0):
    """Replicate a two-group trial many times: each replication's g and its interval.

    Parameters
    ----------
    true_d : float
        True standardized difference.
    n_per_group : int
        People per group, at least 2.
    n_trials : int, default 25
        Number of replications, at least 1.
    confidence_level : float, default 0.95
        Coverage of each interval, in (0, 1).
    seed : int or None, default 0
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    IntervalDance
        ``estimates``, ``ci_low``, ``ci_high``, and ``covers`` / ``coverage`` /
        ``excludes_zero``; ``ci(i)`` is replication ``i``'s Interval.

    Raises
    ------
    ValueError
        If ``true_d`` is not finite, ``n_per_group`` < 2, ``n_trials`` < 1,
        ``confidence_level`` is not in (0, 1) or ``seed`` is not a non-negative integer.

    Notes
    -----
    Each replication draws the pooled t statistic exactly, ``t = (Z + delta) /
    sqrt(V / df)`` with ``Z`` standard normal, ``V`` chi-square with ``df = 2n - 2`` and
    ``delta = d sqrt(n/2)``, which is the sampling distribution of Student's t for two
    normal groups; then ``d_hat = t sqrt(2/n)``, ``g = J d_hat`` and the interval is
    ``g +/- z J sqrt(2/n + d_hat^2 / (4n))``. Vectorized: one call draws all trials.

    References
    ----------
    Cumming G. The new statistics: why and how. Psychol Sci. 2014;25(1):7-29.
    doi:10.1177/0956797613504966

    Examples
    --------
    >>> dance = simulate_g_intervals(0.6, 44, n_trials=20000, seed=1)
    >>> print(f"{dance.coverage:.2f}")
    0.95
    >>> print(dance.ci(0))
    0.27 to 1.12 (95% CI, normal approximation)
    """
    true_d = _validate.number("true_d", true_d)
    n = _validate.integer("n_per_group", n_per_group, minimum=2)
    n_trials = _validate.integer("n_trials", n_trials, minimum=1)
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    z = _z(level)
    seed = _validate.seed(seed)
    df = 2.0 * n - 2.0
    rng = np.random.default_rng(seed)
    t = (rng.standard_normal(n_trials) + true_d * math.sqrt(n / 2.0)) / np.sqrt(
        rng.chisquare(df, n_trials) / df)
    d_hat = t * math.sqrt(2.0 / n)
    j = hedges_correction(df)
    g = j * d_hat
    half = z * j * np.sqrt(2.0 / n + d_hat ** 2 / (4.0 * n))
    return IntervalDance(true_d=true_d, n_per_group=n, confidence_level=level, seed=seed,
                         estimates=g, ci_low=g - half, ci_high=g + half)
