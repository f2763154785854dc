"""Many simulated k-arm randomized trials at once, each testing pairs of arms.

:func:`simulate_trials` runs thousands of whole trials in one vectorized call, so that
power, the familywise error of several comparisons and the effect of a multiplicity
correction (:mod:`prtlib.stats.multiplicity`) can be seen as frequencies.

Sign convention: a comparison ``(a, b)`` estimates ``mean[a] - mean[b]``. With pain as the
outcome and PRT as arm 0, a benefit of PRT is a *negative* difference.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from prtlib import _validate
from prtlib.stats.multiplicity import METHODS, adjust, reject

__all__ = ["CORRECTIONS", "SimulatedTrials", "simulate_trials"]

CORRECTIONS = (None, *METHODS)
"""Multiplicity corrections understood by :func:`simulate_trials` (None: no correction)."""


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
        Rejected by the correction at ``alpha`` (:func:`prtlib.stats.multiplicity.reject`;
        ``p <= alpha`` without one).
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
               f"indices between 0 and {k - 1}; got {_validate._short(comparisons)}.")
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
    correction : {None, "bonferroni", "holm", "fdr_bh"}, default None
        Multiplicity correction across the comparisons of one trial, by
        :func:`prtlib.stats.multiplicity.adjust` (one family per trial).
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
    prtlib.stats.power.power_two_groups : the analytic power the simulation should
        reproduce.

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
    two arms, matching :func:`prtlib.stats.power.power_two_groups`:

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
    Benjamini-Hochberg (``"fdr_bh"``) bounds the false discovery rate instead. A
    comparison is significant when its adjusted p-value is at most ``alpha``.

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
    >>> from prtlib.stats.simulation import simulate_trials
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
        raise ValueError(f"n_per_arm must list at least two arms; got "
                         f"{_validate._short(n_per_arm)}.")
    mean_seq = _sequence("means", means)
    if len(mean_seq) != k:
        raise ValueError(
            f"means must give one number per arm ({k} arms); got {_validate._short(means)}."
        )
    mu = np.asarray([_validate.number("means", m) for m in mean_seq], dtype=float)
    sd = _validate.positive("sd", sd)
    n_trials = _validate.integer("n_trials", n_trials, minimum=1)
    pairs = _comparisons(comparisons, k)
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    _validate.choice("correction", correction, CORRECTIONS)
    seed = _validate.seed(seed)

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
    p_adjusted = p.copy() if correction is None else adjust(p, correction, axis=1)
    return SimulatedTrials(
        estimates=diff, d=d, t=t, p=p, p_adjusted=p_adjusted,
        significant=p <= alpha if correction is None else reject(p, correction, alpha, axis=1),
        df=df, comparisons=pairs, n_per_arm=tuple(int(n) for n in n_arr),
        means=tuple(float(m) for m in mu), sd=sd, alpha=alpha, correction=correction,
        seed=seed,
    )


def _sequence(name: str, value) -> tuple:
    if isinstance(value, str | bytes) or np.ndim(value) != 1:
        raise ValueError(f"{name} must be a sequence with one entry per arm; got "
                         f"{_validate._short(value)}.")
    return tuple(value)
