"""Analytic power, sample size and minimum detectable effect of the two-sample t test.

The trial planned its size with a classic power analysis: 80% power at an alpha of .05 to
detect a standardized difference of d = 0.62 between two arms (paper, Methods; the course
reads the alpha as two-sided).
This module lets a learner redo that calculation:
:func:`power_two_groups`, :func:`sample_size_two_groups` and
:func:`minimum_detectable_effect` solve the power equation of the two-sample Student t test
exactly, with the noncentral t distribution.

Many whole trials simulated at once are in :mod:`prtlib.stats.simulation`; power, type S
and exaggeration ratios of a design (Gelman & Carlin 2014) in
:mod:`prtlib.stats.design_analysis`.

Sign convention, used throughout: ``d = (mean of group 1 - mean of group 2) / sigma``. With
pain as the outcome and PRT as group 1, a benefit of PRT is a *negative* d. The
``alternative`` names are scipy's (:data:`prtlib._validate.ALTERNATIVES`): "greater" means
d > 0, "less" d < 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from prtlib import _validate

__all__ = [
    "SampleSizeResult",
    "minimum_detectable_effect",
    "power_two_groups",
    "sample_size_two_groups",
]

_N_MAX = 1e12  # beyond this many per group we stop searching for a sample size


def _alpha(alpha) -> float:
    return _validate.probability("alpha", alpha, open_interval=True)


# ---------------------------------------------------------------------------
# analytic power of the two-sample t test
# ---------------------------------------------------------------------------


def _upper_tail(x, df, ncp):
    """P(T > x) for T ~ noncentral t(df, ncp).

    The lower tail P(T < -x) is computed as ``_upper_tail(x, df, -ncp)``: scipy's survival
    function stays accurate (and free of NaN) far into the tails, where its CDF does not.
    """
    return stats.nct.sf(x, df, ncp)


def _power(d, n, alpha: float, alternative: str):
    """Power of the pooled two-sample t test with n per group (arrays broadcast)."""
    df = 2.0 * n - 2.0
    ncp = d * np.sqrt(n / 2.0)
    if alternative == "two-sided":
        crit = stats.t.isf(alpha / 2.0, df)
        result = _upper_tail(crit, df, ncp) + _upper_tail(crit, df, -ncp)
    else:
        crit = stats.t.isf(alpha, df)
        result = _upper_tail(crit, df, ncp if alternative == "greater" else -ncp)
    return np.clip(result, 0.0, 1.0)


def power_two_groups(d, n_per_group, alpha=0.05, alternative="two-sided"):
    """Power of the two-sample Student t test with equal group sizes.

    Parameters
    ----------
    d : float or array_like
        True standardized mean difference, ``(mu_1 - mu_2) / sigma``, with ``sigma`` the
        common within-group standard deviation.
    n_per_group : float or array_like
        Participants per group, at least 2. Broadcast against ``d``, so a power curve
        is one call. Non-integer values are allowed (the power equation is smooth in
        ``n``), which is how :func:`sample_size_two_groups` finds its exact solution.
    alpha : float, default 0.05
        Significance level, in (0, 1).
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        The alternative hypothesis (scipy's names). ``"two-sided"``: ``d != 0``, rejecting
        in both tails (so a negative ``d`` has the same power as ``-d``). ``"greater"``:
        ``d > 0``, one-sided, rejecting only when group 1 scores higher; a negative ``d``
        then has power below ``alpha``. ``"less"``: ``d < 0``, the mirror image; this is the
        direction of a benefit when group 1 is PRT and the outcome is pain.

    Returns
    -------
    float or numpy.ndarray
        The probability of rejecting the null hypothesis: a float when both ``d`` and
        ``n_per_group`` are scalars, otherwise an array of their broadcast shape.

    Raises
    ------
    ValueError
        If ``d`` is not finite, ``n_per_group`` is below 2, ``alpha`` is outside (0, 1),
        ``alternative`` is unknown, or ``d`` and ``n_per_group`` do not broadcast.

    See Also
    --------
    sample_size_two_groups : the ``n`` that reaches a target power.
    minimum_detectable_effect : the ``d`` that reaches a target power.

    Notes
    -----
    Under the alternative, the pooled t statistic follows a noncentral t distribution
    with :math:`\\nu = 2n - 2` degrees of freedom and noncentrality
    :math:`\\delta = d\\sqrt{n/2}`. With :math:`t_{q}` the :math:`q` quantile of the
    central t distribution with :math:`\\nu` degrees of freedom, the power is

    .. math::

        \\text{two-sided: } P(T > t_{1-\\alpha/2}) + P(T < -t_{1-\\alpha/2}), \\quad
        \\text{greater: } P(T > t_{1-\\alpha}), \\quad
        \\text{less: } P(T < -t_{1-\\alpha}),

    with :math:`T \\sim t_{\\nu}(\\delta)`. The two-sided power counts rejections in the
    wrong tail too, as G*Power and statsmodels do; at ``d = 0`` it equals ``alpha``.

    References
    ----------
    .. [1] Cohen J. *Statistical Power Analysis for the Behavioral Sciences*. 2nd ed.
       Hillsdale, NJ: Lawrence Erlbaum; 1988. doi:10.4324/9780203771587
    .. [2] Faul F, Erdfelder E, Lang AG, Buchner A. G*Power 3: a flexible statistical
       power analysis program for the social, behavioral, and biomedical sciences.
       Behav Res Methods. 2007;39(2):175-191. doi:10.3758/BF03193146

    Examples
    --------
    Cohen's medium effect with 64 per group, the textbook 80% design:

    >>> from prtlib.stats.power import power_two_groups
    >>> print(f"{power_two_groups(0.5, 64):.4f}")
    0.8015

    A power curve for the trial's planning effect, d = 0.62, in one call:

    >>> import numpy as np
    >>> np.round(power_two_groups(0.62, np.array([20, 42, 50, 100])), 3).tolist()
    [0.481, 0.802, 0.866, 0.992]

    One-sided tests only have power in their own direction:

    >>> print(f"{power_two_groups(-0.62, 42, alternative='less'):.3f}")
    0.880
    >>> print(f"{power_two_groups(-0.62, 42, alternative='greater'):.1e}")
    4.0e-06
    """
    d_arr, d_scalar = _validate.number_or_array("d", d)
    n_arr, n_scalar = _validate.number_or_array("n_per_group", n_per_group, minimum=2)
    alpha = _alpha(alpha)
    _validate.alternative(alternative)
    try:
        d_arr, n_arr = np.broadcast_arrays(d_arr, n_arr)
    except ValueError:
        raise ValueError(
            "d and n_per_group must broadcast to one shape; got shapes "
            f"{np.shape(d)} and {np.shape(n_per_group)}."
        ) from None
    result = _power(d_arr, n_arr, alpha, alternative)
    if d_scalar and n_scalar:
        return float(result)
    return np.asarray(result, dtype=float)


# ---------------------------------------------------------------------------
# sample size and minimum detectable effect
# ---------------------------------------------------------------------------


def _target_power(power, alpha: float) -> float:
    return _validate.number("power", power, minimum=alpha, maximum=1, min_inclusive=False,
                            max_inclusive=False)


def _z_sum(power: float, alpha: float, alternative: str) -> float:
    """z_(1-alpha/sides) + z_power: the normal-approximation constant of the power equation."""
    sides = 2.0 if alternative == "two-sided" else 1.0
    return float(stats.norm.isf(alpha / sides) + stats.norm.ppf(power))


@dataclass(frozen=True)
class SampleSizeResult:
    """Per-group sample size of a two-sample t test (see :func:`sample_size_two_groups`).

    Attributes
    ----------
    d, target_power, alpha, alternative
        The inputs.
    n_exact : float
        The unrounded per-group ``n`` at which the power equals ``target_power``.
    n_per_group : int
        ``n_exact`` rounded up: the smallest whole ``n`` whose power is at least the target.
    achieved_power : float
        The power at ``n_per_group`` (at least ``target_power``).
    """

    d: float
    target_power: float
    alpha: float
    alternative: str
    n_exact: float
    n_per_group: int
    achieved_power: float

    @property
    def n_total(self) -> int:
        """Participants in both groups together."""
        return 2 * self.n_per_group

    def __str__(self) -> str:
        return (
            f"Two-sample t test, d = {self.d:g}, {self.alternative} alpha = {self.alpha:g}, "
            f"target power {self.target_power:.2f}: n = {self.n_exact:.2f} per group "
            f"exactly, so {self.n_per_group} per group ({self.n_total} in all), "
            f"which gives power {self.achieved_power:.4f}."
        )


def sample_size_two_groups(d, power=0.8, alpha=0.05, alternative="two-sided"):
    """Participants per group that a two-sample t test needs to reach a given power.

    Parameters
    ----------
    d : float
        Assumed true standardized mean difference, not zero. Its sign must agree with a
        one-sided ``alternative`` (positive for ``"greater"``, negative for ``"less"``).
    power : float, default 0.8
        Target power, above ``alpha`` and below 1.
    alpha : float, default 0.05
        Significance level, in (0, 1).
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        As in :func:`power_two_groups`.

    Returns
    -------
    SampleSizeResult
        With ``n_exact`` (unrounded), ``n_per_group`` (rounded up), ``achieved_power``
        (at the rounded ``n``) and ``n_total``.

    Raises
    ------
    ValueError
        If ``d`` is zero, not finite, of the wrong sign for a one-sided test, or too
        small to reach the power with at most 10**12 per group; if ``power`` is not
        in (``alpha``, 1); if ``alpha`` is outside (0, 1); or if ``alternative`` is unknown.

    See Also
    --------
    power_two_groups : the power equation solved here.

    Notes
    -----
    ``n_exact`` solves :math:`\\text{power}(d, n) = 1 - \\beta` for real :math:`n \\ge 2`,
    with the noncentral t power of :func:`power_two_groups`, by Brent's method
    (``scipy.optimize.brentq``). The bracket starts from the normal approximation
    :math:`n \\approx 2 (z_{1-\\alpha/2} + z_{1-\\beta})^2 / d^2`, which is a little too
    small because it ignores the uncertainty of the estimated standard deviation. If two
    per group already give the target power, ``n_exact`` is 2, the smallest design a
    pooled t test allows.

    References
    ----------
    .. [1] Cohen J. *Statistical Power Analysis for the Behavioral Sciences*. 2nd ed.
       Hillsdale, NJ: Lawrence Erlbaum; 1988. doi:10.4324/9780203771587
    .. [2] Ashar YK, Gordon A, Schubiner H, et al. Effect of pain reprocessing therapy vs
       placebo and usual care for patients with chronic back pain: a randomized clinical
       trial. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    The trial's planning assumptions (d = 0.62, 80% power, alpha .05, two-sided):

    >>> from prtlib.stats.power import sample_size_two_groups
    >>> plan = sample_size_two_groups(0.62)
    >>> print(f"{plan.n_exact:.2f} -> {plan.n_per_group} per arm, "
    ...       f"power {plan.achieved_power:.3f}")
    41.82 -> 42 per arm, power 0.802

    Cohen's medium effect:

    >>> print(sample_size_two_groups(0.5))  # doctest: +NORMALIZE_WHITESPACE
    Two-sample t test, d = 0.5, two-sided alpha = 0.05, target power 0.80:
    n = 63.77 per group exactly, so 64 per group (128 in all), which gives power 0.8015.
    """
    d = _validate.number("d", d)
    alpha = _alpha(alpha)
    target = _target_power(power, alpha)
    _validate.alternative(alternative)
    if d == 0:
        raise ValueError("d must be a non-zero number (no sample size detects d = 0); got 0.")
    if alternative == "greater" and d < 0:
        raise ValueError(f"d must be positive when alternative is 'greater'; got {d!r}.")
    if alternative == "less" and d > 0:
        raise ValueError(f"d must be negative when alternative is 'less'; got {d!r}.")

    def gap(n):
        return float(_power(d, n, alpha, alternative)) - target

    if gap(2.0) >= 0:
        n_exact = 2.0
    else:
        too_small = ValueError(
            f"d must be large enough to reach power {target:g} with at most 1e12 per "
            f"group; got {d!r}."
        )
        n_normal = 2.0 * (_z_sum(target, alpha, alternative) / d) ** 2
        if n_normal > _N_MAX:
            raise too_small
        upper = max(4.0, 2.0 * n_normal + 4.0)
        while gap(upper) < 0:
            upper *= 4.0
            if upper > 16.0 * _N_MAX:
                raise too_small
        n_exact = optimize.brentq(gap, 2.0, upper, xtol=1e-10, rtol=1e-14)
        if n_exact > _N_MAX:
            raise too_small
    n_int = max(2, math.ceil(n_exact))
    if n_int > 2 and gap(n_int - 1) >= 0:  # guard against rounding just above an integer
        n_int -= 1
    achieved = float(_power(d, float(n_int), alpha, alternative))
    return SampleSizeResult(d=d, target_power=target, alpha=alpha, alternative=alternative,
                            n_exact=float(n_exact), n_per_group=int(n_int),
                            achieved_power=achieved)


def minimum_detectable_effect(n_per_group, power=0.8, alpha=0.05, alternative="two-sided"):
    """Smallest standardized difference a two-sample t test detects with a given power.

    Parameters
    ----------
    n_per_group : float or array_like
        Participants per group, at least 2. An array gives one effect per entry.
    power : float, default 0.8
        Target power, above ``alpha`` and below 1.
    alpha : float, default 0.05
        Significance level, in (0, 1).
    alternative : {"two-sided", "less", "greater"}, default "two-sided"
        As in :func:`power_two_groups`. The result is positive for ``"two-sided"`` (read
        it as a magnitude: ``-d`` has the same power) and ``"greater"``, and negative for
        ``"less"``.

    Returns
    -------
    float or numpy.ndarray
        The minimum detectable effect ``d``; a float for a scalar ``n_per_group``.

    Raises
    ------
    ValueError
        If ``n_per_group`` is below 2, ``power`` is not in (``alpha``, 1), ``alpha`` is
        outside (0, 1) or ``alternative`` is unknown.

    See Also
    --------
    power_two_groups : the power equation solved here.

    Notes
    -----
    Solves :math:`\\text{power}(d, n) = 1 - \\beta` for :math:`|d|` by Brent's method.
    Power rises from ``alpha`` (two-sided) or below (one-sided) at :math:`d = 0`
    towards 1, so the root is unique. A useful approximation is
    :math:`|d| \\approx (z_{1-\\alpha/2} + z_{1-\\beta}) \\sqrt{2/n}`: the detectable
    effect shrinks like :math:`1/\\sqrt{n}`.

    References
    ----------
    .. [1] Cohen J. *Statistical Power Analysis for the Behavioral Sciences*. 2nd ed.
       Hillsdale, NJ: Lawrence Erlbaum; 1988. doi:10.4324/9780203771587

    Examples
    --------
    With the trial's 50 per arm, 80% power and alpha .05:

    >>> from prtlib.stats.power import minimum_detectable_effect
    >>> print(f"{minimum_detectable_effect(50):.3f}")
    0.566
    >>> print(f"{minimum_detectable_effect(50, alternative='less'):.3f}")
    -0.501
    """
    n_arr, n_scalar = _validate.number_or_array("n_per_group", n_per_group, minimum=2)
    alpha = _alpha(alpha)
    target = _target_power(power, alpha)
    _validate.alternative(alternative)
    sign = -1.0 if alternative == "less" else 1.0
    z_sum = _z_sum(target, alpha, alternative)

    def solve(n: float) -> float:
        def gap(magnitude):
            return float(_power(sign * magnitude, n, alpha, alternative)) - target

        upper = 2.0 * z_sum * math.sqrt(2.0 / n) + 1.0
        while gap(upper) < 0:
            upper *= 2.0
        return sign * optimize.brentq(gap, 0.0, upper, xtol=1e-12, rtol=1e-12)

    flat = np.array([solve(float(n)) for n in n_arr.ravel()])
    result = flat.reshape(n_arr.shape)
    return float(result) if n_scalar else result
