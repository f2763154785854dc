"""Single-mediator analysis: regression paths, the bootstrap indirect effect, and how a
hidden common cause of mediator and outcome manufactures one.

Everything here takes plain arrays (X a 0/1 treatment code, M the mediator, Y the
outcome) and explicit parameters; the trial's analysis sample (PRT against a control,
TSK-11 change as M) is built in the trial layer, by ``trial.mechanisms.mediation_data``.

- :func:`mediation_paths`: paths a, b, c, c' and the indirect effect ab by least squares,
  standardized as eTable 5 is;
- :func:`bootstrap_indirect`: a seeded, vectorized percentile bootstrap interval for ab;
- :func:`total_effect_from_summary`: the standardized total effect c that a table of
  means and SDs allows;
- :func:`confounding_bias` and :func:`simulate_confounded_mediation`: how an unmeasured
  common cause of mediator and outcome manufactures an indirect effect.

Notation (Baron & Kenny 1986; MacKinnon et al. 2007): ``M = i_M + a X + e_M``,
``Y = i_Y + c' X + b M + e_Y`` and ``Y = i + c X + e``; by least squares ``c = c' + a b``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from prtlib import _validate
from prtlib.stats.intervals import Interval

__all__ = [
    "ConfoundedMediation",
    "ConfoundingBias",
    "IndirectEffect",
    "MediationPaths",
    "bootstrap_indirect",
    "confounding_bias",
    "mediation_paths",
    "simulate_confounded_mediation",
    "total_effect_from_summary",
]

def _zscore(v):
    v = np.asarray(v, dtype=float)
    sd = v.std(ddof=1, axis=-1, keepdims=True)
    return (v - v.mean(axis=-1, keepdims=True)) / sd


def _triple(x, m, y, min_n=4):
    """Three equal-length 1-D float arrays; rows with any NaN dropped; X must vary."""
    arrays = []
    for name, v in (("x", x), ("m", m), ("y", y)):
        try:
            arr = np.asarray(v, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a sequence of numbers; got {v!r:.60}.") from None
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional; got shape {arr.shape}.")
        if np.isinf(arr).any():
            raise ValueError(f"{name} must hold finite numbers (NaN marks a missing value).")
        arrays.append(arr)
    if not arrays[0].size == arrays[1].size == arrays[2].size:
        raise ValueError(f"x, m and y must have the same length; got {arrays[0].size}, "
                         f"{arrays[1].size} and {arrays[2].size}.")
    keep = ~np.isnan(np.column_stack(arrays)).any(axis=1)
    x, m, y = (a[keep] for a in arrays)
    if x.size < min_n:
        raise ValueError(f"x, m and y must hold at least {min_n} complete rows; got {x.size}.")
    for name, v in (("x", x), ("m", m), ("y", y)):
        if np.ptp(v) == 0:
            raise ValueError(f"{name} must vary; all its values are {v[0]:g}.")
    _not_collinear(x, m)
    return x, m, y


# 1 - r^2 below this counts as a mediator that is a straight-line function of x.
_COLLINEAR_TOL = 1e-10


def _not_collinear(x, m) -> None:
    """Refuse a mediator that x predicts exactly: b and c' are then undefined."""
    xc, mc = x - x.mean(), m - m.mean()
    r = float((xc * mc).sum() / math.sqrt((xc * xc).sum() * (mc * mc).sum()))
    if 1.0 - r * r <= _COLLINEAR_TOL:
        raise ValueError(
            f"m must not be a straight-line function of x (collinear: r(x, m) = {r:.6f}, "
            f"m = {np.array2string(m, threshold=8, precision=4)}); allowed is a mediator "
            "that varies apart from x (with a 0/1 x: varies within at least one arm), "
            "so that b and c' can be separated.")


def _paths(x, m, y):
    """OLS paths and classical SEs along the last axis (vectorized over leading axes)."""
    n = x.shape[-1]
    xc = x - x.mean(axis=-1, keepdims=True)
    mc = m - m.mean(axis=-1, keepdims=True)
    yc = y - y.mean(axis=-1, keepdims=True)
    sxx = (xc * xc).sum(-1)
    smm = (mc * mc).sum(-1)
    syy = (yc * yc).sum(-1)
    sxm = (xc * mc).sum(-1)
    sxy = (xc * yc).sum(-1)
    smy = (mc * yc).sum(-1)
    a = sxm / sxx
    c = sxy / sxx
    det = sxx * smm - sxm ** 2
    b = (sxx * smy - sxm * sxy) / det
    c_prime = (smm * sxy - sxm * smy) / det
    s2_m = (smm - a * sxm) / (n - 2)
    s2_c = (syy - c * sxy) / (n - 2)
    s2_y = (syy - c_prime * sxy - b * smy) / (n - 3)
    return {"a": a, "b": b, "c": c, "c_prime": c_prime,
            "se_a": np.sqrt(s2_m / sxx), "se_c": np.sqrt(s2_c / sxx),
            "se_b": np.sqrt(s2_y * sxx / det), "se_c_prime": np.sqrt(s2_y * smm / det)}


# ---------------------------------------------------------------------------------------
# Paths and the bootstrap
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MediationPaths:
    """The paths of a single-mediator model fitted by least squares.

    Attributes
    ----------
    a : float
        Effect of X on M.
    b : float
        Effect of M on Y, holding X fixed.
    c : float
        Total effect of X on Y.
    c_prime : float
        Direct effect of X on Y, holding M fixed.
    ab : float
        Indirect effect, ``a * b`` (equal to ``c - c_prime``).
    se_a, se_b, se_c, se_c_prime : float
        Classical OLS standard errors.
    p_a, p_b, p_c, p_c_prime : float
        Two-sided t-test p-values.
    sobel_z, sobel_p : float
        Sobel's test of ab, ``ab / sqrt(b^2 se_a^2 + a^2 se_b^2)``.
    n : int
        Complete cases used.
    standardized : bool
        Whether M and Y were z-scored (X is left 0/1).
    """

    a: float
    b: float
    c: float
    c_prime: float
    ab: float
    se_a: float
    se_b: float
    se_c: float
    se_c_prime: float
    p_a: float
    p_b: float
    p_c: float
    p_c_prime: float
    sobel_z: float
    sobel_p: float
    n: int
    standardized: bool

    @property
    def proportion_mediated(self) -> float:
        """``ab / c``: unstable when c is small; a description, not a causal share."""
        return self.ab / self.c

    def __str__(self) -> str:
        kind = "standardized" if self.standardized else "raw"
        return (f"Mediation paths ({kind}, n = {self.n}): a = {self.a:.2f}, b = {self.b:.2f}, "
                f"c = {self.c:.2f}, c' = {self.c_prime:.2f}, ab = {self.ab:.2f} "
                f"(Sobel z = {self.sobel_z:.2f}, p = {self.sobel_p:.2g})")


def mediation_paths(x, m, y, standardize=True) -> MediationPaths:
    """Paths a, b, c, c' and the indirect effect ab of a single-mediator model.

    Parameters
    ----------
    x : array_like
        The randomized treatment, coded 1 / 0 (or any numeric exposure).
    m : array_like
        The mediator (for example TSK-11 change).
    y : array_like
        The outcome (for example pain at 12 months).
    standardize : bool, default True
        z-score M and Y (SD with ddof=1, over the complete cases) before fitting, leaving
        X as coded; this is how eTable 5's paths are scaled.

    Returns
    -------
    MediationPaths

    Raises
    ------
    ValueError
        If the inputs are not numeric 1-D sequences of one length, fewer than 4 complete
        rows remain, one of them does not vary, or ``m`` is collinear with ``x`` (a
        straight-line function of it, so b and c' are not identified).

    Notes
    -----
    Three least-squares regressions: ``M ~ X`` gives a; ``Y ~ X + M`` gives c' and b;
    ``Y ~ X`` gives c. Then ``ab = a b`` and, exactly, ``c = c' + a b``. With X coded 0/1
    and M, Y in SD units, a is the group difference in M in SDs of M (so ``|a| > 1`` is
    possible) and b is the change in Y, in SDs, per SD of M within an arm. Standard
    errors are the usual OLS ones, ``sqrt(s^2 (X'X)^-1)``; Sobel's z uses the first-order
    delta method. Rows with a missing value in any variable are dropped.

    References
    ----------
    Baron RM, Kenny DA. The moderator-mediator variable distinction in social
    psychological research: conceptual, strategic, and statistical considerations. J Pers
    Soc Psychol. 1986;51(6):1173-1182. doi:10.1037/0022-3514.51.6.1173

    MacKinnon DP, Fairchild AJ, Fritz MS. Mediation analysis. Annu Rev Psychol.
    2007;58:593-614. doi:10.1146/annurev.psych.58.110405.085542

    Examples
    --------
    >>> x = [0, 0, 0, 0, 1, 1, 1, 1]
    >>> m = [1, 2, 2, 3, 3, 4, 4, 5]
    >>> y = [2, 2, 3, 4, 4, 5, 6, 6]
    >>> p = mediation_paths(x, m, y, standardize=False)
    >>> print(f"a {p.a:.2f}, b {p.b:.2f}, c {p.c:.2f}, c' {p.c_prime:.2f}, ab {p.ab:.2f}")
    a 2.00, b 1.00, c 2.50, c' 0.50, ab 2.00
    >>> abs(p.c - (p.c_prime + p.ab)) < 1e-12
    True
    """
    from scipy import stats

    if not isinstance(standardize, bool | np.bool_):
        raise ValueError(f"standardize must be True or False; got {standardize!r}.")
    x, m, y = _triple(x, m, y)
    if standardize:
        m, y = _zscore(m), _zscore(y)
    n = x.size
    p = {k: float(v) for k, v in _paths(x, m, y).items()}
    ab = p["a"] * p["b"]

    def two_sided(est, se, dof):
        return float(2.0 * stats.t.sf(abs(est / se), dof))

    sobel_z = ab / math.sqrt(p["b"] ** 2 * p["se_a"] ** 2 + p["a"] ** 2 * p["se_b"] ** 2)
    return MediationPaths(
        a=p["a"], b=p["b"], c=p["c"], c_prime=p["c_prime"], ab=ab,
        se_a=p["se_a"], se_b=p["se_b"], se_c=p["se_c"], se_c_prime=p["se_c_prime"],
        p_a=two_sided(p["a"], p["se_a"], n - 2), p_b=two_sided(p["b"], p["se_b"], n - 3),
        p_c=two_sided(p["c"], p["se_c"], n - 2),
        p_c_prime=two_sided(p["c_prime"], p["se_c_prime"], n - 3),
        sobel_z=sobel_z, sobel_p=float(2.0 * stats.norm.sf(abs(sobel_z))), n=n,
        standardized=bool(standardize))


@dataclass(frozen=True, repr=False, eq=False)
class IndirectEffect:
    """A percentile bootstrap of the indirect effect ab.

    Attributes
    ----------
    estimate : float
        ab on the original data.
    distribution : numpy.ndarray
        ab on each resample (read-only).
    ci : Interval
        Percentile interval of ab, with its level (method "percentile bootstrap").
    n_resamples, seed, n : int
    standardized : bool
    """

    estimate: float
    distribution: np.ndarray
    ci: Interval
    n_resamples: int
    seed: int
    n: int
    standardized: bool

    @property
    def excludes_zero(self) -> bool:
        """True when the interval lies wholly on one side of zero."""
        low, high = self.ci
        return low > 0 or high < 0

    @property
    def share_beyond_zero(self) -> float:
        """Share of resampled ab on the other side of zero from the estimate."""
        d = self.distribution
        return float(np.mean(d >= 0) if self.estimate < 0 else np.mean(d <= 0))

    def __repr__(self) -> str:
        low, high = self.ci
        return (f"IndirectEffect(ab = {self.estimate:.3f}, {100 * self.ci.level:g}% "
                f"percentile interval {low:.3f} to {high:.3f}, {self.n_resamples} resamples)")


def bootstrap_indirect(x, m, y, n_resamples=5000, confidence_level=0.95, seed=0,
                       standardize=True) -> IndirectEffect:
    """Percentile bootstrap interval of the indirect effect ab (resampling people).

    Parameters
    ----------
    x, m, y : array_like
        As in :func:`mediation_paths`.
    n_resamples : int, default 5000
        Number of bootstrap resamples (100 to 100000).
    confidence_level : float, default 0.95
        Coverage of the interval, in (0, 1).
    seed : int, default 0
        Seed of the random generator (``numpy.random.default_rng``).
    standardize : bool, default True
        z-score M and Y once, on the full sample, before resampling.

    Returns
    -------
    IndirectEffect

    Raises
    ------
    ValueError
        For inputs as in :func:`mediation_paths`, or a bad number of resamples, level or
        seed.

    Notes
    -----
    Each resample draws n people with replacement (their x, m and y together), refits
    ``M ~ X`` and ``Y ~ X + M`` and keeps ``a* b*``; the interval is the
    ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles of the ``a* b*``. All resamples
    are computed at once from sums of squares and cross-products (no loop). The product
    ab is not normally distributed in small samples, which is why a percentile bootstrap
    is preferred to Sobel's normal-theory test.

    References
    ----------
    Preacher KJ, Hayes AF. Asymptotic and resampling strategies for assessing and
    comparing indirect effects in multiple mediator models. Behav Res Methods.
    2008;40(3):879-891. doi:10.3758/BRM.40.3.879

    Examples
    --------
    >>> rng = np.random.default_rng(5)
    >>> x = np.repeat([0.0, 1.0], 50)
    >>> m = -1.0 * x + rng.standard_normal(100)
    >>> y = 0.5 * m + rng.standard_normal(100)
    >>> res = bootstrap_indirect(x, m, y, n_resamples=2000, seed=1)
    >>> print(f"{res.estimate:.2f} [{res.ci.low:.2f}, {res.ci.high:.2f}]")
    -0.31 [-0.53, -0.13]
    >>> res.excludes_zero
    True
    """
    if not isinstance(standardize, bool | np.bool_):
        raise ValueError(f"standardize must be True or False; got {standardize!r}.")
    n_resamples = _validate.integer("n_resamples", n_resamples, minimum=100, maximum=100_000)
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    seed = _validate.integer("seed", seed, minimum=0)
    x, m, y = _triple(x, m, y)
    if standardize:
        m, y = _zscore(m), _zscore(y)
    n = x.size
    full = _paths(x, m, y)
    estimate = float(full["a"] * full["b"])
    rng = np.random.default_rng(seed)
    draws = np.empty(n_resamples)
    chunk = max(1, 2_000_000 // n)
    for start in range(0, n_resamples, chunk):
        stop = min(n_resamples, start + chunk)
        idx = rng.integers(0, n, size=(stop - start, n))
        with np.errstate(divide="ignore", invalid="ignore"):
            p = _paths(x[idx], m[idx], y[idx])
        draws[start:stop] = p["a"] * p["b"]
    draws = draws[np.isfinite(draws)]  # a resample with one arm only has no slope
    low, high = np.quantile(draws, [(1 - level) / 2, (1 + level) / 2])
    draws.setflags(write=False)
    return IndirectEffect(estimate=estimate, distribution=draws,
                          ci=Interval(low, high, level, "percentile bootstrap"),
                          n_resamples=n_resamples, seed=seed, n=n,
                          standardized=bool(standardize))


def total_effect_from_summary(mean1, sd1, n1, mean0, sd0, n0) -> float:
    """The standardized total effect c that two groups' means and SDs imply.

    Parameters
    ----------
    mean1, sd1, n1 : float, float, int
        Outcome mean, SD (ddof=1) and size of the group coded X = 1 (PRT).
    mean0, sd0, n0 : float, float, int
        The same for the group coded X = 0.

    Returns
    -------
    float
        The slope of z-scored Y on X (0/1): ``(mean1 - mean0) / SD_total``.

    Raises
    ------
    ValueError
        For a negative SD or a group of fewer than 2.

    Notes
    -----
    The SD of Y over both groups together includes the gap between them:
    ``(n - 1) SD_total^2 = (n1 - 1) sd1^2 + (n0 - 1) sd0^2 + n1 n0 / n (mean1 - mean0)^2``
    with ``n = n1 + n0``. So c is fixed by the summaries alone, whatever the individual
    values; it is smaller in size than Cohen's d, which divides by the pooled within-group
    SD.

    References
    ----------
    MacKinnon DP, Fairchild AJ, Fritz MS. Mediation analysis. Annu Rev Psychol.
    2007;58:593-614. doi:10.1146/annurev.psych.58.110405.085542

    Examples
    --------
    >>> print(f"{total_effect_from_summary(1.0, 1.0, 50, 2.0, 1.0, 50):.3f}")
    -0.897
    """
    mean1 = _validate.number("mean1", mean1)
    mean0 = _validate.number("mean0", mean0)
    sd1 = _validate.number("sd1", sd1, minimum=0)
    sd0 = _validate.number("sd0", sd0, minimum=0)
    n1 = _validate.integer("n1", n1, minimum=2)
    n0 = _validate.integer("n0", n0, minimum=2)
    n = n1 + n0
    diff = mean1 - mean0
    ss = (n1 - 1) * sd1 ** 2 + (n0 - 1) * sd0 ** 2 + n1 * n0 / n * diff ** 2
    if ss == 0:
        raise ValueError("the outcome must vary: both SDs are 0 and the means are equal.")
    return diff / math.sqrt(ss / (n - 1))


# ---------------------------------------------------------------------------------------
# Unmeasured confounding of the mediator-outcome path
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfoundingBias:
    """What least squares finds, in the long run, when U drives both M and Y.

    Attributes
    ----------
    b_bias : float
        Limit of the estimated b minus the true b.
    ab_bias : float
        Limit of the estimated ab minus the true ab (``a * b_bias``).
    residual_correlation : float
        Correlation of the errors of the M and Y equations that U induces (the
        sensitivity parameter rho of Imai, Keele & Tingley 2010).
    """

    b_bias: float
    ab_bias: float
    residual_correlation: float


def confounding_bias(a, u_to_m, u_to_y, sd_m_error=1.0, sd_y_error=1.0) -> ConfoundingBias:
    """Bias of b and of ab from an unmeasured confounder of the mediator and outcome.

    Parameters
    ----------
    a : float
        True effect of X on M.
    u_to_m : float
        Effect of the confounder U (SD 1) on M.
    u_to_y : float
        Effect of U on Y.
    sd_m_error, sd_y_error : float, default 1.0
        SDs of the other, independent, errors of M and of Y.

    Returns
    -------
    ConfoundingBias

    Raises
    ------
    ValueError
        For a non-finite input or a non-positive error SD.

    Notes
    -----
    With X randomized (so independent of U), ``M = a X + g_m U + e_M`` and
    ``Y = c' X + b M + g_y U + e_Y``, the regression of Y on X and M converges to
    ``b + g_m g_y / (g_m^2 + s_M^2)``: within an arm, M and Y share U. The estimate of a
    stays unbiased (X is randomized), so ab is off by ``a g_m g_y / (g_m^2 + s_M^2)``, and
    c' by the opposite amount (c itself is unbiased). The induced residual correlation is
    ``g_m g_y / sqrt((g_m^2 + s_M^2)(g_y^2 + s_Y^2))``. Randomizing X protects a and c,
    never b.

    References
    ----------
    Imai K, Keele L, Tingley D. A general approach to causal mediation analysis. Psychol
    Methods. 2010;15(4):309-334. doi:10.1037/a0020761

    VanderWeele TJ. Explanation in Causal Inference: Methods for Mediation and
    Interaction. Oxford University Press; 2015.

    Examples
    --------
    >>> bias = confounding_bias(a=-1.41, u_to_m=0.5, u_to_y=0.5)
    >>> print(f"{bias.b_bias:.2f} {bias.ab_bias:.3f} {bias.residual_correlation:.2f}")
    0.20 -0.282 0.20
    """
    a = _validate.number("a", a)
    gm = _validate.number("u_to_m", u_to_m)
    gy = _validate.number("u_to_y", u_to_y)
    sm = _validate.positive("sd_m_error", sd_m_error)
    sy = _validate.positive("sd_y_error", sd_y_error)
    b_bias = gm * gy / (gm ** 2 + sm ** 2)
    rho = gm * gy / math.sqrt((gm ** 2 + sm ** 2) * (gy ** 2 + sy ** 2))
    return ConfoundingBias(b_bias=b_bias, ab_bias=a * b_bias, residual_correlation=rho)


@dataclass(frozen=True, repr=False, eq=False)
class ConfoundedMediation:
    """Mediation estimates from many simulated trials with an unmeasured confounder.

    Attributes
    ----------
    a_hat, b_hat, ab_hat : numpy.ndarray
        Per-trial estimates (read-only).
    significant : numpy.ndarray
        Per trial, True when both a and b differ from 0 at the 5% level (the joint
        significance test of the indirect effect).
    true_ab : float
        ``a * b`` of the simulation.
    expected_ab : float
        What the estimates converge to: ``true_ab`` plus :func:`confounding_bias`'s
        ``ab_bias``.
    a, b, c_prime, u_to_m, u_to_y : float
    n, n_trials, seed : int
    """

    a_hat: np.ndarray
    b_hat: np.ndarray
    ab_hat: np.ndarray
    significant: np.ndarray
    true_ab: float
    expected_ab: float
    a: float
    b: float
    c_prime: float
    u_to_m: float
    u_to_y: float
    n: int
    n_trials: int
    seed: int

    @property
    def share_significant(self) -> float:
        """Share of trials that would report a significant indirect effect."""
        return float(self.significant.mean())

    @property
    def mean_ab(self) -> float:
        return float(self.ab_hat.mean())

    def __repr__(self) -> str:
        return (f"ConfoundedMediation(true ab {self.true_ab:.2f}, mean estimate "
                f"{self.mean_ab:.2f}, {100 * self.share_significant:.0f}% significant, "
                f"{self.n_trials} trials of n = {self.n})")


@functools.lru_cache(maxsize=16)
def _confounded_draws(n, n_trials, seed):
    rng = np.random.default_rng(seed)
    x = np.zeros(n)
    x[: n // 2] = 1.0
    draws = rng.standard_normal((3, n_trials, n))
    draws.setflags(write=False)
    return x, draws


@functools.lru_cache(maxsize=256)
def _confounded(a, b, c_prime, u_to_m, u_to_y, n, n_trials, seed):
    from scipy import stats

    x, (u, e_m, e_y) = _confounded_draws(n, n_trials, seed)
    m = a * x + u_to_m * u + e_m
    y = c_prime * x + b * m + u_to_y * u + e_y
    xs = np.broadcast_to(x, m.shape)
    p = _paths(xs, m, y)
    t_a = stats.t.ppf(0.975, n - 2)
    t_b = stats.t.ppf(0.975, n - 3)
    significant = (np.abs(p["a"] / p["se_a"]) > t_a) & (np.abs(p["b"] / p["se_b"]) > t_b)
    ab_hat = p["a"] * p["b"]
    for arr in (p["a"], p["b"], ab_hat, significant):
        arr.setflags(write=False)
    bias = confounding_bias(a, u_to_m, u_to_y).ab_bias
    return ConfoundedMediation(a_hat=p["a"], b_hat=p["b"], ab_hat=ab_hat,
                               significant=significant, true_ab=a * b,
                               expected_ab=a * b + bias, a=a, b=b, c_prime=c_prime,
                               u_to_m=u_to_m, u_to_y=u_to_y, n=n, n_trials=n_trials,
                               seed=seed)


def simulate_confounded_mediation(a=-1.41, b=0.0, c_prime=0.0, u_to_m=0.5, u_to_y=0.5, n=88,
                                  n_trials=2000, seed=0) -> ConfoundedMediation:
    """Simulate randomized trials in which an unmeasured U drives both mediator and outcome.

    Parameters
    ----------
    a : float, default -1.41
        True effect of X on M (eTable 5's a, in SDs of M's error).
    b : float, default 0.0
        True effect of M on Y. The default 0 means beliefs do not affect pain at all.
    c_prime : float, default 0.0
        True direct effect of X on Y.
    u_to_m, u_to_y : float, default 0.5
        Effects of the confounder U (SD 1) on M and on Y.
    n : int, default 88
        People per trial, half given X = 1 (10 to 2000).
    n_trials : int, default 2000
        Number of simulated trials (10 to 20000).
    seed : int, default 0

    Returns
    -------
    ConfoundedMediation

    Raises
    ------
    ValueError
        For an argument outside its allowed values.

    Notes
    -----
    ``U, e_M, e_Y ~ N(0, 1)`` independent; ``M = a X + u_to_m U + e_M``;
    ``Y = c' X + b M + u_to_y U + e_Y``. Each trial is analysed as a mediation study that
    did not measure U: OLS of M on X and of Y on X and M (all trials at once, from sums of
    squares). "Significant" is the joint test: a and b both with two-sided p < .05.
    The random draws depend only on ``(n, n_trials, seed)``, so moving one effect changes
    the estimates smoothly (common random numbers); results are cached.

    References
    ----------
    Imai K, Keele L, Tingley D. Psychol Methods. 2010;15(4):309-334.
    doi:10.1037/a0020761

    MacKinnon DP, Fairchild AJ, Fritz MS. Annu Rev Psychol. 2007;58:593-614.
    doi:10.1146/annurev.psych.58.110405.085542

    Examples
    --------
    >>> sim = simulate_confounded_mediation(b=0.0, u_to_m=0.8, u_to_y=0.8, n_trials=2000)
    >>> print(f"true ab {sim.true_ab:.2f}, mean estimate {sim.mean_ab:.2f}, "
    ...       f"expected {sim.expected_ab:.2f}")
    true ab -0.00, mean estimate -0.55, expected -0.55
    """
    a = _validate.number("a", a, minimum=-5, maximum=5)
    b = _validate.number("b", b, minimum=-5, maximum=5)
    c_prime = _validate.number("c_prime", c_prime, minimum=-5, maximum=5)
    u_to_m = _validate.number("u_to_m", u_to_m, minimum=-5, maximum=5)
    u_to_y = _validate.number("u_to_y", u_to_y, minimum=-5, maximum=5)
    n = _validate.integer("n", n, minimum=10, maximum=2000)
    n_trials = _validate.integer("n_trials", n_trials, minimum=10, maximum=20000)
    seed = _validate.integer("seed", seed, minimum=0)
    return _confounded(a, b, c_prime, u_to_m, u_to_y, n, n_trials, seed)
