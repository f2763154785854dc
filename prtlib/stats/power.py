"""Power, sample size, simulated trials and design analysis for comparing two groups.

The trial planned its size with a classic power analysis: 80% power at an alpha of .05 to
detect a standardized difference of d = 0.62 between two arms (paper, Methods; the course
reads the alpha as two-sided).
This module lets a learner redo that calculation and then look beyond it:

- :func:`power_two_groups`, :func:`sample_size_two_groups` and
  :func:`minimum_detectable_effect` solve the power equation of the two-sample Student
  t test exactly, with the noncentral t distribution.
- :func:`simulate_trials` runs many whole three-arm trials at once (vectorized), so that
  power, the familywise error of several comparisons and the effect of a multiplicity
  correction can be seen as frequencies.
- :func:`retrodesign` and :func:`design_analysis` follow Gelman & Carlin (2014): besides
  power they report how often a significant estimate has the wrong sign (type S) and by
  how much a significant estimate overstates the true effect on average (the
  exaggeration ratio, or type M error).
- :func:`say_probability` writes a probability the way a reader says it ("about 1 in
  1,100", "fewer than 1 in 10,000") for explorer readouts and printed summaries.

Sign convention, used throughout: ``d = (mean of group 1 - mean of group 2) / sigma``. In
:func:`simulate_trials` a comparison ``(a, b)`` estimates ``mean[a] - mean[b]``. With pain
as the outcome and PRT as arm 0, a benefit of PRT is a *negative* difference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import integrate, optimize, special, stats

from prtlib import _validate

__all__ = [
    "ALTERNATIVES",
    "CORRECTIONS",
    "DesignAnalysis",
    "DesignSample",
    "RetrodesignResult",
    "SampleSizeResult",
    "SimulatedTrials",
    "design_analysis",
    "minimum_detectable_effect",
    "power_two_groups",
    "retrodesign",
    "sample_size_two_groups",
    "say_probability",
    "simulate_trials",
]

ALTERNATIVES = ("two-sided", "larger", "smaller")
"""Alternative hypotheses: d != 0, d > 0 and d < 0 (the names statsmodels uses)."""

CORRECTIONS = (None, "bonferroni", "holm")
"""Multiplicity corrections understood by :func:`simulate_trials`."""

_N_MAX = 1e12  # beyond this many per group we stop searching for a sample size


# ---------------------------------------------------------------------------
# input checks for arrays (the scalar checks live in prtlib._validate)
# ---------------------------------------------------------------------------


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _real_array(name: str, value, *, minimum=None) -> tuple[np.ndarray, bool]:
    """Return ``value`` as a float array (and whether it was a scalar), or raise ValueError."""
    if np.ndim(value) == 0:
        if isinstance(value, np.ndarray):
            value = value[()]
        x = _validate.number(name, value, minimum=minimum)
        return np.asarray(x, dtype=float), True
    try:
        raw = np.asarray(value)
        if raw.dtype == bool:
            raise TypeError
        arr = raw.astype(float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a number or an array of numbers; got {_short(value)}."
        ) from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must hold finite numbers only; got {_short(value)}.")
    if minimum is not None and np.any(arr < minimum):
        raise ValueError(f"{name} must hold numbers at least {minimum:g}; got {_short(value)}.")
    return arr, False


def _alpha(alpha) -> float:
    return _validate.probability("alpha", alpha, open_interval=True)


def _seed(seed):
    if seed is None:
        return None
    return _validate.integer("seed", seed, minimum=0)


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
        result = _upper_tail(crit, df, ncp if alternative == "larger" else -ncp)
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
    alternative : {"two-sided", "larger", "smaller"}, default "two-sided"
        The alternative hypothesis. ``"two-sided"``: ``d != 0``, rejecting in both tails
        (so a negative ``d`` has the same power as ``-d``). ``"larger"``: ``d > 0``,
        one-sided, rejecting only when group 1 scores higher; a negative ``d`` then has
        power below ``alpha``. ``"smaller"``: ``d < 0``, the mirror image; this is the
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
        \\text{larger: } P(T > t_{1-\\alpha}), \\quad
        \\text{smaller: } P(T < -t_{1-\\alpha}),

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

    >>> print(f"{power_two_groups(-0.62, 42, alternative='smaller'):.3f}")
    0.880
    >>> print(f"{power_two_groups(-0.62, 42, alternative='larger'):.1e}")
    4.0e-06
    """
    d_arr, d_scalar = _real_array("d", d)
    n_arr, n_scalar = _real_array("n_per_group", n_per_group, minimum=2)
    alpha = _alpha(alpha)
    _validate.choice("alternative", alternative, ALTERNATIVES)
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
        one-sided ``alternative`` (positive for ``"larger"``, negative for ``"smaller"``).
    power : float, default 0.8
        Target power, above ``alpha`` and below 1.
    alpha : float, default 0.05
        Significance level, in (0, 1).
    alternative : {"two-sided", "larger", "smaller"}, default "two-sided"
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
    _validate.choice("alternative", alternative, ALTERNATIVES)
    if d == 0:
        raise ValueError("d must be a non-zero number (no sample size detects d = 0); got 0.")
    if alternative == "larger" and d < 0:
        raise ValueError(f"d must be positive when alternative is 'larger'; got {d!r}.")
    if alternative == "smaller" and d > 0:
        raise ValueError(f"d must be negative when alternative is 'smaller'; got {d!r}.")

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
    alternative : {"two-sided", "larger", "smaller"}, default "two-sided"
        As in :func:`power_two_groups`. The result is positive for ``"two-sided"`` (read
        it as a magnitude: ``-d`` has the same power) and ``"larger"``, and negative for
        ``"smaller"``.

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
    >>> print(f"{minimum_detectable_effect(50, alternative='smaller'):.3f}")
    -0.501
    """
    n_arr, n_scalar = _real_array("n_per_group", n_per_group, minimum=2)
    alpha = _alpha(alpha)
    target = _target_power(power, alpha)
    _validate.choice("alternative", alternative, ALTERNATIVES)
    sign = -1.0 if alternative == "smaller" else 1.0
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


# ---------------------------------------------------------------------------
# simulated trials
# ---------------------------------------------------------------------------


@dataclass(frozen=True, repr=False, eq=False)
class SimulatedTrials:
    """Many simulated k-arm trials, one row per trial (see :func:`simulate_trials`).

    Attributes
    ----------
    estimates : numpy.ndarray, shape (n_trials, n_comparisons)
        Mean differences ``mean[a] - mean[b]`` for each comparison ``(a, b)``.
    d : numpy.ndarray
        The same differences divided by the pooled SD of the two arms (Cohen's d).
    t, p : numpy.ndarray
        Pooled Student t statistics and their two-sided p-values.
    p_adjusted : numpy.ndarray
        p-values after the correction (equal to ``p`` when ``correction`` is None).
    significant : numpy.ndarray of bool
        ``p_adjusted <= alpha``.
    df : numpy.ndarray, shape (n_comparisons,)
        Degrees of freedom of each comparison, ``n_a + n_b - 2``.
    comparisons, n_per_arm, means, sd, alpha, correction, seed
        The inputs.
    """

    estimates: np.ndarray
    d: np.ndarray
    t: np.ndarray
    p: np.ndarray
    p_adjusted: np.ndarray
    significant: np.ndarray
    df: np.ndarray
    comparisons: tuple
    n_per_arm: tuple
    means: tuple
    sd: float
    alpha: float
    correction: str | None
    seed: int | None

    @property
    def n_trials(self) -> int:
        """Number of simulated trials."""
        return int(self.estimates.shape[0])

    @property
    def power(self) -> np.ndarray:
        """Share of trials in which each comparison is significant (after correction)."""
        return self.significant.mean(axis=0)

    @property
    def power_se(self) -> np.ndarray:
        """Monte Carlo standard error of :attr:`power`, ``sqrt(p (1 - p) / n_trials)``."""
        p = self.power
        return np.sqrt(p * (1.0 - p) / self.n_trials)

    @property
    def power_any(self) -> float:
        """Share of trials with at least one significant comparison.

        Under the null hypothesis of no difference this is the familywise error rate.
        """
        return float(self.significant.any(axis=1).mean())

    @property
    def power_all(self) -> float:
        """Share of trials in which every comparison is significant."""
        return float(self.significant.all(axis=1).mean())

    @property
    def true_d(self) -> np.ndarray:
        """True standardized difference of each comparison, ``(mu_a - mu_b) / sd``."""
        means = np.asarray(self.means, dtype=float)
        return np.array([(means[a] - means[b]) / self.sd for a, b in self.comparisons])

    def __repr__(self) -> str:
        return (
            f"SimulatedTrials(n_trials={self.n_trials}, n_per_arm={self.n_per_arm}, "
            f"means={self.means}, sd={self.sd:g}, comparisons={self.comparisons}, "
            f"alpha={self.alpha:g}, correction={self.correction!r}, seed={self.seed!r})"
        )

    def __str__(self) -> str:
        label = self.correction or "no correction"
        lines = [
            f"{self.n_trials} simulated trials, n per arm {self.n_per_arm}, "
            f"alpha {self.alpha:g} ({label})",
            f"{'comparison':>12} {'true d':>8} {'power':>7} {'MC SE':>7}",
        ]
        for (a, b), true_d, pw, se in zip(self.comparisons, self.true_d, self.power,
                                          self.power_se, strict=True):
            lines.append(f"{f'{a} vs {b}':>12} {true_d:8.3f} {pw:7.3f} {se:7.3f}")
        lines.append(f"at least one significant: {self.power_any:.3f}; "
                     f"all significant: {self.power_all:.3f}")
        return "\n".join(lines)


def _comparisons(comparisons, k: int) -> tuple:
    message = (f"comparisons must be a non-empty sequence of pairs (a, b) of different arm "
               f"indices between 0 and {k - 1}; got {_short(comparisons)}.")
    try:
        pairs = tuple(tuple(pair) for pair in comparisons)
    except TypeError:
        raise ValueError(message) from None
    if not pairs:
        raise ValueError(message)
    clean = []
    for pair in pairs:
        if len(pair) != 2:
            raise ValueError(message)
        try:
            a, b = (_validate.integer("comparisons", x, minimum=0, maximum=k - 1) for x in pair)
        except ValueError:
            raise ValueError(message) from None
        if a == b:
            raise ValueError(message)
        clean.append((a, b))
    return tuple(clean)


def _adjust(p: np.ndarray, correction: str | None) -> np.ndarray:
    """Bonferroni or Holm adjusted p-values, row by row (one row per trial)."""
    m = p.shape[1]
    if correction is None or m == 1:
        return p.copy()
    if correction == "bonferroni":
        return np.minimum(1.0, m * p)
    order = np.argsort(p, axis=1)
    ranked = np.take_along_axis(p, order, axis=1)
    stepped = np.maximum.accumulate((m - np.arange(m)) * ranked, axis=1)
    adjusted = np.empty_like(p)
    np.put_along_axis(adjusted, order, np.minimum(1.0, stepped), axis=1)
    return adjusted


def simulate_trials(n_per_arm=(50, 50, 50), means=(0.0, 0.0, 0.0), sd=1.0, n_trials=10_000,
                    comparisons=((0, 1), (0, 2)), alpha=0.05, correction=None, seed=0):
    """Simulate many k-arm randomized trials at once and test pairs of arms in each.

    Parameters
    ----------
    n_per_arm : sequence of int, default (50, 50, 50)
        Participants per arm (at least 2 each, at least two arms). The trial randomized
        50, 51 and 50.
    means : sequence of float, default (0.0, 0.0, 0.0)
        True mean of each arm, one per arm.
    sd : float, default 1.0
        True standard deviation, common to all arms (the pooled t test assumes it). With
        ``sd = 1`` the means are in d units.
    n_trials : int, default 10000
        Number of simulated trials.
    comparisons : sequence of (int, int), default ((0, 1), (0, 2))
        Pairs of arm indices ``(a, b)``; each estimates ``mean[a] - mean[b]``. The
        default compares arm 0 (PRT) with arms 1 (placebo) and 2 (usual care), as the
        trial did.
    alpha : float, default 0.05
        Significance level for the whole family after correction, in (0, 1).
    correction : {None, "bonferroni", "holm"}, default None
        Multiplicity correction across the comparisons of one trial.
    seed : int or None, default 0
        Seed for ``numpy.random.default_rng``; the same seed gives the same trials.
        None draws fresh entropy from the operating system.

    Returns
    -------
    SimulatedTrials
        Arrays ``estimates``, ``d``, ``t``, ``p``, ``p_adjusted`` and ``significant``
        (n_trials x n_comparisons), and the summaries ``power`` (per comparison),
        ``power_se``, ``power_any`` and ``power_all``.

    Raises
    ------
    ValueError
        If an arm has fewer than 2 participants, ``means`` does not give one number per
        arm, ``sd`` is not positive, ``n_trials`` is not a positive whole number, a
        comparison is not a pair of different arm indices, ``alpha`` is outside (0, 1),
        ``correction`` is unknown or ``seed`` is not a non-negative whole number.

    See Also
    --------
    power_two_groups : the analytic power the simulation should reproduce.

    Notes
    -----
    **Sufficient statistics, not raw data.** For normal data with :math:`n_j`
    participants in arm :math:`j`, the sample mean and the sample variance are
    independent, with

    .. math::

        \\bar y_j \\sim N(\\mu_j, \\sigma^2 / n_j), \\qquad
        (n_j - 1) s_j^2 / \\sigma^2 \\sim \\chi^2_{n_j - 1}.

    Every statistic computed here (difference, pooled SD, t, p, d) is a function of the
    means and variances alone, so drawing these two numbers per arm gives exactly the
    same joint distribution as drawing :math:`n_j` raw observations and summarizing
    them. It is not an approximation; it only replaces :math:`\\sum_j n_j` normal draws
    per trial with :math:`2k` draws (150 versus 6 for the trial's design). The draws
    are ``rng.standard_normal((n_trials, k))`` followed by
    ``rng.chisquare(n_per_arm - 1, size=(n_trials, k))``.

    **Test.** Each comparison ``(a, b)`` is a pooled two-sample Student t test on those
    two arms, matching :func:`power_two_groups`:

    .. math::

        s_p^2 = \\frac{(n_a - 1)s_a^2 + (n_b - 1)s_b^2}{n_a + n_b - 2}, \\quad
        t = \\frac{\\bar y_a - \\bar y_b}{s_p\\sqrt{1/n_a + 1/n_b}}, \\quad
        d = \\frac{\\bar y_a - \\bar y_b}{s_p},

    with :math:`n_a + n_b - 2` degrees of freedom and a two-sided p-value. Welch's test
    (which the trial's mixed model resembles more) would differ little here because the
    simulated arms share one SD and nearly equal sizes; the pooled test is chosen so that
    the simulation can be checked against the exact noncentral t power.

    **Corrections.** Bonferroni multiplies each p-value by the number of comparisons
    :math:`m`. Holm's step-down method multiplies the :math:`i`-th smallest p-value by
    :math:`m - i + 1` and takes running maxima, which rejects everything Bonferroni
    rejects and sometimes more, while still bounding the familywise error by ``alpha``.
    A comparison is significant when its adjusted p-value is at most ``alpha``.

    References
    ----------
    .. [1] Holm S. A simple sequentially rejective multiple test procedure.
       Scand J Stat. 1979;6(2):65-70.
    .. [2] Morris TP, White IR, Crowther MJ. Using simulation studies to evaluate
       statistical methods. Stat Med. 2019;38(11):2074-2102. doi:10.1002/sim.8086

    Examples
    --------
    The trial's design with a true d of 0.62 against both control arms:

    >>> import numpy as np
    >>> from prtlib.stats.power import simulate_trials
    >>> sim = simulate_trials(means=(0.0, 0.62, 0.62), seed=1)
    >>> np.round(sim.power, 2).tolist()
    [0.87, 0.87]
    >>> sim.estimates.shape
    (10000, 2)

    Under the null hypothesis, two comparisons inflate the familywise error and Holm's
    correction brings it back under alpha:

    >>> null = simulate_trials(seed=2)
    >>> held = simulate_trials(seed=2, correction="holm")
    >>> print(f"{null.power_any:.3f} {held.power_any:.3f}")
    0.091 0.047
    """
    n_arr = np.asarray(
        [_validate.integer("n_per_arm", n, minimum=2) for n in _sequence("n_per_arm", n_per_arm)]
    )
    k = n_arr.size
    if k < 2:
        raise ValueError(f"n_per_arm must list at least two arms; got {_short(n_per_arm)}.")
    mean_seq = _sequence("means", means)
    if len(mean_seq) != k:
        raise ValueError(
            f"means must give one number per arm ({k} arms); got {_short(means)}."
        )
    mu = np.asarray([_validate.number("means", m) for m in mean_seq], dtype=float)
    sd = _validate.positive("sd", sd)
    n_trials = _validate.integer("n_trials", n_trials, minimum=1)
    pairs = _comparisons(comparisons, k)
    alpha = _alpha(alpha)
    _validate.choice("correction", correction, CORRECTIONS)
    seed = _seed(seed)

    rng = np.random.default_rng(seed)
    z = rng.standard_normal((n_trials, k))
    chi2 = rng.chisquare(n_arr - 1, size=(n_trials, k))

    arm_means = mu + (sd / np.sqrt(n_arr)) * z
    sum_squares = (sd * sd) * chi2  # (n_j - 1) s_j^2 for each arm

    a = np.array([pair[0] for pair in pairs])
    b = np.array([pair[1] for pair in pairs])
    n_a, n_b = n_arr[a], n_arr[b]
    df = (n_a + n_b - 2).astype(float)
    pooled_sd = np.sqrt((sum_squares[:, a] + sum_squares[:, b]) / df)
    diff = arm_means[:, a] - arm_means[:, b]
    d = diff / pooled_sd
    t = d / np.sqrt(1.0 / n_a + 1.0 / n_b)
    p = 2.0 * special.stdtr(df, -np.abs(t))
    p_adjusted = _adjust(p, correction)
    return SimulatedTrials(
        estimates=diff, d=d, t=t, p=p, p_adjusted=p_adjusted, significant=p_adjusted <= alpha,
        df=df, comparisons=pairs, n_per_arm=tuple(int(n) for n in n_arr),
        means=tuple(float(m) for m in mu), sd=sd, alpha=alpha, correction=correction,
        seed=seed,
    )


def _sequence(name: str, value) -> tuple:
    if isinstance(value, str | bytes) or np.ndim(value) != 1:
        raise ValueError(f"{name} must be a sequence with one entry per arm; got "
                         f"{_short(value)}.")
    return tuple(value)


# ---------------------------------------------------------------------------
# design analysis: power, type S and type M (Gelman & Carlin 2014)
# ---------------------------------------------------------------------------


@dataclass(frozen=True, repr=False, eq=False)
class DesignSample:
    """Simulated replications of a design, for plotting a sampling distribution.

    Attributes
    ----------
    estimates : numpy.ndarray
        Simulated estimates (in the units of ``true_effect``).
    significant : numpy.ndarray of bool
        Whether each estimate is statistically significant.
    true_effect : float
        The true effect the estimates scatter around.
    """

    estimates: np.ndarray
    significant: np.ndarray
    true_effect: float

    @property
    def wrong_sign(self) -> np.ndarray:
        """Significant estimates whose sign is opposite to the true effect (type S)."""
        return self.significant & (np.sign(self.estimates) == -np.sign(self.true_effect))

    @property
    def power(self) -> float:
        """Share of significant estimates."""
        return float(self.significant.mean())

    @property
    def type_s(self) -> float:
        """Share of significant estimates with the wrong sign (NaN if none is significant)."""
        n_sig = int(self.significant.sum())
        return float(self.wrong_sign.sum() / n_sig) if n_sig else math.nan

    @property
    def exaggeration(self) -> float:
        """Mean absolute significant estimate over the absolute true effect (NaN if none)."""
        if not self.significant.any():
            return math.nan
        return float(np.abs(self.estimates[self.significant]).mean() / abs(self.true_effect))

    def __repr__(self) -> str:
        return (f"DesignSample(n={self.estimates.size}, true_effect={self.true_effect:g}, "
                f"power={self.power:.3f}, type_s={self.type_s:.3f}, "
                f"exaggeration={self.exaggeration:.3f})")


def _student_partial(c: float, df: float) -> float:
    """g(c) = integral from c to infinity of u f(u) du for the t (or normal) density f.

    For the t distribution with df > 1 this is f(c) (df + c^2) / (df - 1); for the
    normal distribution it is the density at c. It is even in c.
    """
    if math.isinf(df):
        return float(stats.norm.pdf(c))
    return float(stats.t.pdf(c, df) * (df + c * c) / (df - 1.0))


@dataclass(frozen=True)
class RetrodesignResult:
    """Power, type S error rate and exaggeration ratio of one design (:func:`retrodesign`).

    Attributes
    ----------
    true_effect, se, alpha, df
        The inputs.
    critical_value : float
        Significance threshold for ``|estimate| / se``.
    power : float
        Probability that the estimate is significant.
    p_right_sign, p_wrong_sign : float
        Probabilities of a significant estimate with the sign of the true effect and with
        the opposite sign; they add up to ``power``.
    type_s : float
        ``p_wrong_sign / power``: share of significant estimates with the wrong sign.
    exaggeration : float
        Expected ``|estimate|`` given significance, over ``|true_effect|`` (type M).
    """

    true_effect: float
    se: float
    alpha: float
    df: float
    critical_value: float
    power: float
    p_right_sign: float
    p_wrong_sign: float
    type_s: float
    exaggeration: float

    def sample(self, n: int = 10_000, seed: int | None = 0) -> DesignSample:
        """Draw ``n`` replicated estimates ``true_effect + se * T`` with their significance.

        ``T`` is standard normal when ``df`` is infinite and Student t otherwise, as in the
        model behind :func:`retrodesign`. Seeded with ``numpy.random.default_rng(seed)``.
        """
        n = _validate.integer("n", n, minimum=1)
        rng = np.random.default_rng(_seed(seed))
        if math.isinf(self.df):
            noise = rng.standard_normal(n)
        else:
            noise = rng.standard_t(self.df, n)
        estimates = self.true_effect + self.se * noise
        significant = np.abs(estimates) > self.se * self.critical_value
        return DesignSample(estimates=estimates, significant=significant,
                            true_effect=self.true_effect)

    def __str__(self) -> str:
        return (f"True effect {self.true_effect:g}, SE {self.se:g}: power {self.power:.3f}, "
                f"type S {self.type_s:.3g}, exaggeration ratio {self.exaggeration:.3g}")


def retrodesign(true_effect, se, alpha=0.05, df=np.inf):
    """Design analysis of Gelman & Carlin (2014): power, type S and exaggeration ratio.

    Parameters
    ----------
    true_effect : float
        Hypothesized true effect ``D``, not zero, in the units of the estimate. It should
        come from outside the study at hand (other studies, a meta-analysis), not from
        the study's own estimate.
    se : float
        Standard error of the estimate, positive.
    alpha : float, default 0.05
        Two-sided significance level, in (0, 1).
    df : float, default numpy.inf
        Degrees of freedom of the t sampling distribution; infinite means normal.

    Returns
    -------
    RetrodesignResult
        With ``power``, ``type_s``, ``exaggeration``, the two signed rejection
        probabilities and ``critical_value``; its ``sample(n, seed)`` method draws
        replicated estimates for a plot.

    Raises
    ------
    ValueError
        If ``true_effect`` is zero or not finite, ``se`` is not positive, ``alpha`` is
        outside (0, 1) or ``df`` is not positive.

    See Also
    --------
    design_analysis : the same questions in d units for a two-group trial.

    Notes
    -----
    As in Gelman & Carlin, a replicated estimate is :math:`D + sT` with :math:`T`
    Student t with ``df`` degrees of freedom (standard normal if infinite), and it is
    significant when :math:`|\\text{estimate}| / s > c = t_{1-\\alpha/2,\\,df}`. With
    :math:`\\lambda = |D|/s`, :math:`F` the CDF of :math:`T` and :math:`S = 1 - F`:

    .. math::

        \\text{power} = S(c - \\lambda) + F(-c - \\lambda), \\qquad
        \\text{type S} = F(-c - \\lambda) / \\text{power}.

    The exaggeration ratio is computed **analytically**, not by simulation as in the
    paper's R function. With :math:`g(u) = \\int_u^\\infty x f(x)\\,dx`, which is
    :math:`\\phi(u)` for the normal and :math:`f(u)(\\nu + u^2)/(\\nu - 1)` for Student
    t with :math:`\\nu > 1` degrees of freedom,

    .. math::

        E\\left[\\,|D + sT| \\;\\middle|\\; \\text{significant}\\right] / |D|
        = \\frac{\\lambda S(c - \\lambda) + g(c - \\lambda)
                 - \\lambda F(-c - \\lambda) + g(c + \\lambda)}
               {\\lambda \\, \\text{power}},

    the mean of a normal (or t) distribution truncated to the significance region (the
    closed form of Lu, Qiu & Deng, 2019). For :math:`\\nu \\le 1` the mean does not exist
    and the ratio is infinite. Results depend on ``true_effect`` only through
    :math:`|D|`; a negative effect gives the same numbers.

    References
    ----------
    .. [1] Gelman A, Carlin J. Beyond power calculations: assessing type S (sign) and
       type M (magnitude) errors. Perspect Psychol Sci. 2014;9(6):641-651.
       doi:10.1177/1745691614551642
    .. [2] Lu J, Qiu Y, Deng A. A note on type S/M errors in hypothesis testing.
       Br J Math Stat Psychol. 2019;72(1):1-17. doi:10.1111/bmsp.12132

    Examples
    --------
    Gelman & Carlin's second example, a true difference of 2 percentage points measured
    with a standard error of 8.1:

    >>> from prtlib.stats.power import retrodesign
    >>> res = retrodesign(2, 8.1)
    >>> print(f"power {res.power:.3f}, type S {res.type_s:.3f}, "
    ...       f"exaggeration {res.exaggeration:.2f}")
    power 0.057, type S 0.240, exaggeration 9.54

    A design with 80% power (true effect 2.8 standard errors from zero) is safe:

    >>> print(f"{retrodesign(2.8, 1).exaggeration:.3f}")
    1.125
    """
    true_effect = _validate.number("true_effect", true_effect)
    if true_effect == 0:
        raise ValueError("true_effect must be a non-zero number (type S and the "
                         "exaggeration ratio are undefined for a zero effect); got 0.")
    se = _validate.positive("se", se)
    alpha = _alpha(alpha)
    if isinstance(df, bool) or not isinstance(df, int | float | np.integer | np.floating):
        raise ValueError(f"df must be a positive number or numpy.inf; got {df!r}.")
    df = float(df)
    if not (df > 0):  # also catches NaN
        raise ValueError(f"df must be a positive number or numpy.inf; got {df!r}.")
    dist = stats.norm() if math.isinf(df) else stats.t(df)

    lam = abs(true_effect) / se
    crit = float(dist.isf(alpha / 2.0))
    p_right = float(dist.sf(crit - lam))
    p_wrong = float(dist.cdf(-crit - lam))
    power = p_right + p_wrong
    if df <= 1:
        exaggeration = math.inf
    else:
        mean_abs = (lam * p_right + _student_partial(crit - lam, df)
                    - lam * p_wrong + _student_partial(crit + lam, df))
        exaggeration = mean_abs / (lam * power)
    return RetrodesignResult(true_effect=true_effect, se=se, alpha=alpha, df=df,
                             critical_value=crit, power=power, p_right_sign=p_right,
                             p_wrong_sign=p_wrong, type_s=p_wrong / power,
                             exaggeration=float(exaggeration))


def _nct_mean_abs_beyond(c: float, df: float, ncp: float) -> float:
    """E[|T| ; |T| > c] for T ~ noncentral t(df, ncp), ncp >= 0, by quadrature.

    Writes T = (Z + ncp) / W with W = sqrt(V / df), V ~ chi-square(df). Given W = w,
    the normal partial expectation is closed-form:
    E[|Z + ncp| ; |Z + ncp| > c w] = ncp (Phi(ncp - cw) - Phi(-ncp - cw))
                                     + phi(cw - ncp) + phi(cw + ncp).
    Averaging that times 1/w over W leaves a smooth one-dimensional integral; the factor
    1/w cancels the w in the density of W, so the integrand has no singularity at 0.
    """
    half = df / 2.0
    log_const = math.log(2.0 * df) - half * math.log(2.0) - special.gammaln(half)

    def integrand(w: float) -> float:
        v = df * w * w
        weight = math.exp(log_const + (half - 1.0) * math.log(v) - v / 2.0)
        u = c * w
        inner = (ncp * (special.ndtr(ncp - u) - special.ndtr(-ncp - u))
                 + math.exp(-0.5 * (u - ncp) ** 2) / math.sqrt(2.0 * math.pi)
                 + math.exp(-0.5 * (u + ncp) ** 2) / math.sqrt(2.0 * math.pi))
        return weight * inner

    lower = math.sqrt(stats.chi2.ppf(1e-15, df) / df)
    upper = math.sqrt(stats.chi2.isf(1e-15, df) / df)
    value, _ = integrate.quad(integrand, lower, upper, points=[1.0], epsabs=0.0,
                              epsrel=1e-10, limit=200)
    return float(value)


@dataclass(frozen=True, repr=False, eq=False)
class DesignAnalysis:
    """Design analysis of a two-group trial in d units (see :func:`design_analysis`).

    Attributes
    ----------
    true_d, n_per_group, alpha
        The inputs.
    df : float
        ``2 n - 2``.
    se : float
        ``sqrt(2 / n)``, the factor turning a t statistic into Cohen's d (and the standard
        error of d when the true d is 0).
    critical_d : float
        Smallest ``|d|`` estimate that is significant: ``t_(1 - alpha/2, df) * se``.
    power, type_s, exaggeration : float
        Exact (analytic) values; see :func:`design_analysis`.
    estimates, significant : numpy.ndarray
        ``n_sims`` simulated d estimates (seeded) and their significance, for plots.
    seed : int or None
        The seed of the simulated estimates.
    """

    true_d: float
    n_per_group: int
    alpha: float
    df: float
    se: float
    critical_d: float
    power: float
    type_s: float
    exaggeration: float
    estimates: np.ndarray
    significant: np.ndarray
    seed: int | None

    @property
    def n_sims(self) -> int:
        """Number of simulated estimates stored."""
        return int(self.estimates.size)

    @property
    def simulated(self) -> DesignSample:
        """The stored simulation as a :class:`DesignSample` (with its own summaries)."""
        return DesignSample(estimates=self.estimates, significant=self.significant,
                            true_effect=self.true_d)

    def sample(self, n: int = 10_000, seed: int | None = 0) -> DesignSample:
        """Draw ``n`` new d estimates of this design, with their significance.

        Exact draws: ``t = (Z + ncp) / sqrt(V / df)`` with ``Z`` standard normal and ``V``
        chi-square, then ``d = t * se``. Seeded with ``numpy.random.default_rng(seed)``.
        """
        n = _validate.integer("n", n, minimum=1)
        estimates, significant = _draw_d(self.true_d, self.n_per_group, self.alpha, n,
                                         _seed(seed))
        return DesignSample(estimates=estimates, significant=significant,
                            true_effect=self.true_d)

    def prob_at_least(self, value) -> float:
        """Exact probability that one trial's d estimate is at least ``value``.

        ``P(d_hat >= value) = P(T >= value / se)`` with ``T`` noncentral t (``df``,
        ``true_d / se``), whatever the estimate's significance. Unlike a share of the
        stored simulations it is never exactly 0, so it can say how rare an estimate is
        (use :func:`say_probability` to write it).

        Examples
        --------
        >>> from prtlib.stats.power import design_analysis
        >>> res = design_analysis(0.5, 44)
        >>> print(f"{res.prob_at_least(1.14):.4f} {res.prob_at_least(-10):.1f}")
        0.0028 1.0
        """
        value = _validate.number("value", value)
        return float(_upper_tail(value / self.se, self.df, self.true_d / self.se))

    def __repr__(self) -> str:
        return (f"DesignAnalysis(true_d={self.true_d:g}, n_per_group={self.n_per_group}, "
                f"alpha={self.alpha:g}, power={self.power:.4f}, type_s={self.type_s:.4g}, "
                f"exaggeration={self.exaggeration:.4f}, n_sims={self.n_sims})")

    def __str__(self) -> str:
        return (
            f"True d {self.true_d:g} with {self.n_per_group} per group: power "
            f"{self.power:.3f}; significant only when |d| > {self.critical_d:.3f}; "
            f"type S {self.type_s:.3g}; significant estimates exaggerate |d| "
            f"{self.exaggeration:.2f}-fold on average."
        )


def _draw_d(true_d: float, n: int, alpha: float, size: int, seed):
    df = 2.0 * n - 2.0
    ncp = true_d * math.sqrt(n / 2.0)
    crit = float(stats.t.isf(alpha / 2.0, df))
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(size)
    v = rng.chisquare(df, size)
    t = (z + ncp) / np.sqrt(v / df)
    return t * math.sqrt(2.0 / n), np.abs(t) > crit


def design_analysis(true_d, n_per_group, alpha=0.05, n_sims=10_000, seed=0):
    """Power, type S error and exaggeration ratio of a two-group trial, in d units.

    Parameters
    ----------
    true_d : float
        Hypothesized true standardized difference, not zero. Take it from outside the
        trial (earlier studies, meta-analyses), not from the trial's own estimate.
    n_per_group : int
        Participants per group, at least 2.
    alpha : float, default 0.05
        Two-sided significance level, in (0, 1).
    n_sims : int, default 10000
        Number of simulated estimates stored with the result (for plots and as a Monte
        Carlo check of the analytic values).
    seed : int or None, default 0
        Seed of the simulated estimates (``numpy.random.default_rng``).

    Returns
    -------
    DesignAnalysis
        Analytic ``power``, ``type_s`` and ``exaggeration``, the significance threshold
        ``critical_d``, the simulated ``estimates`` with their ``significant`` mask, and a
        ``sample(n, seed)`` method that draws more.

    Raises
    ------
    ValueError
        If ``true_d`` is zero or not finite, ``n_per_group`` is not a whole number of at
        least 2, ``alpha`` is outside (0, 1), ``n_sims`` is not a positive whole number
        or ``seed`` is not a non-negative whole number.

    See Also
    --------
    retrodesign : the general version for any estimate with a standard error.

    Notes
    -----
    The estimate is Cohen's d with the pooled SD, :math:`\\hat d = t\\sqrt{2/n}`, and it
    is significant when :math:`|t| > c = t_{1-\\alpha/2,\\,2n-2}`, i.e. when
    :math:`|\\hat d| > c\\sqrt{2/n}`. Rather than approximating :math:`\\hat d` as normal
    with standard error :math:`\\sqrt{2/n}`, the calculation uses its exact sampling
    distribution: :math:`t \\sim t_{\\nu}(\\delta)`, noncentral t with
    :math:`\\nu = 2n - 2` and :math:`\\delta = |d|\\sqrt{n/2}`. Then, all analytically,

    .. math::

        \\text{power} = P(T > c) + P(T < -c), \\qquad
        \\text{type S} = P(T < -c) / \\text{power},

    (the power equals :func:`power_two_groups`), and

    .. math::

        \\text{exaggeration} = \\frac{\\sqrt{2/n}\\; E[\\,|T|\\,;\\ |T| > c\\,]}
                                    {|d| \\cdot \\text{power}},

    where the partial expectation of the noncentral t is one deterministic integral
    (over the chi-square variable, given which the normal part is closed-form), computed
    with ``scipy.integrate.quad``. Because :math:`\\hat d` is slightly biased upwards in
    small samples (the reason for Hedges' correction), the ratio is a little above 1
    even at high power. The simulated ``estimates`` follow the same exact model and are
    only for plots and checks. For large ``n`` the results approach
    ``retrodesign(true_d, sqrt(2 / n))``.

    References
    ----------
    .. [1] Gelman A, Carlin J. Beyond power calculations: assessing type S (sign) and
       type M (magnitude) errors. Perspect Psychol Sci. 2014;9(6):641-651.
       doi:10.1177/1745691614551642
    .. [2] Hedges LV. Distribution theory for Glass's estimator of effect size and related
       estimators. J Educ Stat. 1981;6(2):107-128. doi:10.3102/10769986006002107

    Examples
    --------
    If PRT's true advantage were a modest d = 0.3, a 50-per-arm trial would rarely reach
    significance, and when it did the estimate would overstate d by about 77%:

    >>> from prtlib.stats.power import design_analysis
    >>> res = design_analysis(0.3, 50)
    >>> print(f"power {res.power:.3f}, type S {res.type_s:.4f}, "
    ...       f"exaggeration {res.exaggeration:.2f}, threshold {res.critical_d:.3f}")
    power 0.318, type S 0.0009, exaggeration 1.77, threshold 0.397
    >>> sig = res.estimates[res.significant]
    >>> print(f"{res.significant.mean():.2f} {abs(sig).min() > res.critical_d}")
    0.32 True
    """
    true_d = _validate.number("true_d", true_d)
    if true_d == 0:
        raise ValueError("true_d must be a non-zero number (type S and the exaggeration "
                         "ratio are undefined for a zero effect); got 0.")
    n = _validate.integer("n_per_group", n_per_group, minimum=2)
    alpha = _alpha(alpha)
    n_sims = _validate.integer("n_sims", n_sims, minimum=1)
    seed = _seed(seed)

    df = 2.0 * n - 2.0
    se = math.sqrt(2.0 / n)
    ncp = abs(true_d) / se
    crit = float(stats.t.isf(alpha / 2.0, df))
    p_right = float(_upper_tail(crit, df, ncp))
    p_wrong = float(_upper_tail(crit, df, -ncp))
    power = p_right + p_wrong
    mean_abs_t = _nct_mean_abs_beyond(crit, df, ncp)
    exaggeration = se * mean_abs_t / (abs(true_d) * power)
    estimates, significant = _draw_d(true_d, n, alpha, n_sims, seed)
    return DesignAnalysis(true_d=true_d, n_per_group=n, alpha=alpha, df=df, se=se,
                          critical_d=crit * se, power=power, type_s=p_wrong / power,
                          exaggeration=float(exaggeration), estimates=estimates,
                          significant=significant, seed=seed)


# ---------------------------------------------------------------------------
# writing a probability for a reader
# ---------------------------------------------------------------------------


def _grouped(n: float) -> str:
    return f"{int(n):,}"


def say_probability(p) -> str:
    """Write a probability the way a reader would say it, never in e-notation.

    Parameters
    ----------
    p : float
        A probability in [0, 1].

    Returns
    -------
    str
        ``"0%"`` and ``"100%"`` for the two certainties; below 1 in 10,000, ``"fewer than 1
        in 10,000"`` (or ``"fewer than 1 in a million"`` below 1 in 1,000,000); below 1%,
        ``"about 1 in N"`` with N rounded to two significant figures; from 1% up, a
        percentage (one decimal below 10%, whole percent above, and ``"more than 99.9%"``
        for the near-certain).

    Raises
    ------
    ValueError
        If ``p`` is not a number in [0, 1].

    Notes
    -----
    Readouts used to print small probabilities as ``4.5e-06``, which a learner cannot
    say aloud. "About 1 in 1,100" can be said and pictured, and below 1 in 10,000 a bound
    says all that matters for a design analysis.

    Examples
    --------
    >>> from prtlib.stats.power import say_probability
    >>> [say_probability(p) for p in (4.5e-06, 0.00091, 0.037, 0.64, 0.99995)]
    ['fewer than 1 in 10,000', 'about 1 in 1,100', '3.7%', '64%', 'more than 99.9%']
    """
    p = _validate.probability("p", p)
    if p == 0.0:
        return "0%"
    if p == 1.0:
        return "100%"
    if p < 1e-6:
        return "fewer than 1 in a million"
    if p < 1e-4:
        return "fewer than 1 in 10,000"
    if p < 0.01:
        inverse = 1.0 / p
        digits = int(math.floor(math.log10(inverse))) - 1
        rounded = round(inverse, -digits)
        return f"about 1 in {_grouped(rounded)}"
    if p < 0.0995:
        return f"{100 * p:.1f}%"
    if p < 0.995:
        return f"{100 * p:.0f}%"
    if p < 0.999:
        return f"{100 * p:.1f}%"
    return "more than 99.9%"
