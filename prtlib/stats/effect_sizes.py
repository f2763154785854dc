"""Standardized mean differences: Cohen's d and Hedges' g, with their confidence intervals.

This module answers the question "how big is the difference between two groups?" in the
units the course uses:

- Cohen's d and Hedges' g, from raw data (:func:`cohens_d`, :func:`hedges_g`) or from the
  means, SDs and sizes a paper prints (:func:`cohens_d_from_summary`,
  :func:`hedges_g_from_summary`), with exact confidence intervals;
- the change-score g that the PRT trial reports (:func:`change_score_g`);
- how compatible each value inside an interval is with the data, relative to the point
  estimate (:func:`relative_likelihood`).

Plain-language translations of d live in :mod:`prtlib.stats.overlap`, comparisons of two
proportions in :mod:`prtlib.stats.proportions`.

Sign convention, everywhere: **group 1 minus group 2**. In the course group 1 is PRT, so on
the pain scale (lower is better) a helpful treatment gives a *negative* d.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special, stats

from prtlib import _validate
from prtlib.stats.intervals import Interval

__all__ = [
    "EffectSize",
    "change_score_g",
    "cohens_d",
    "exact_j",
    "cohens_d_from_summary",
    "hedges_correction",
    "hedges_g",
    "hedges_g_from_summary",
    "relative_likelihood",
]

#: Interval methods of :meth:`EffectSize.confidence_interval`, with the name the Interval
#: carries.
_CI_METHODS = {"noncentral": "noncentral t", "normal": "normal approximation"}


@dataclass(frozen=True)
class EffectSize:
    """A standardized mean difference (group 1 minus group 2) and what is needed for its CI.

    Attributes
    ----------
    estimate : float
        The effect size: Cohen's d, or Hedges' g = J * d.
    se : float
        Large-sample standard error of ``estimate`` (Borenstein et al. 2009, eq. 4.20,
        times J for g).
    n1, n2 : int
        Sizes of group 1 and group 2 (complete pairs, for a change-score g).
    df : int
        Degrees of freedom of the pooled SD, ``n1 + n2 - 2``.
    measure : str
        "Cohen's d", "Hedges' g" or "change-score Hedges' g".
    j : float
        Hedges' small-sample correction factor (1 for Cohen's d).
    n_omitted : tuple of int
        Missing values (NaN) dropped from group 1 and group 2 before computing (for a
        change-score g: incomplete pairs); ``(0, 0)`` for summary statistics.
    """

    estimate: float
    se: float
    n1: int
    n2: int
    df: int
    measure: str
    j: float = 1.0
    n_omitted: tuple[int, int] = (0, 0)

    @property
    def d(self) -> float:
        """The uncorrected standardized difference, ``estimate / j``."""
        return self.estimate / self.j

    @property
    def t_statistic(self) -> float:
        """Student's two-sample t (pooled SD) that goes with d: ``d / sqrt(1/n1 + 1/n2)``."""
        return self.d / math.sqrt(1.0 / self.n1 + 1.0 / self.n2)

    def confidence_interval(self, confidence_level: float = 0.95,
                            method: str = "noncentral") -> Interval:
        """Confidence interval for the effect size.

        Parameters
        ----------
        confidence_level : float, default 0.95
            Coverage of the interval, strictly between 0 and 1.
        method : {"noncentral", "normal"}, default "noncentral"
            "noncentral" inverts the noncentral t distribution (exact under normality
            with equal SDs); "normal" is ``estimate +/- z * se``.

        Returns
        -------
        Interval
            ``(low, high)``, with its ``level`` and ``method`` ("noncentral t" or "normal
            approximation").

        Raises
        ------
        ValueError
            If ``confidence_level`` is not in (0, 1) or ``method`` is unknown.

        Notes
        -----
        The observed t is ``t = d / sqrt(1/n1 + 1/n2)``. If the true standardized
        difference is delta, t follows a noncentral t distribution with ``df`` degrees of
        freedom and noncentrality ``ncp = delta / sqrt(1/n1 + 1/n2)``. The limits are the
        two ncp values that make the observed t sit exactly at the upper and lower
        ``alpha/2`` tails::

            nct.cdf(t, df, ncp_low)  = 1 - alpha/2
            nct.cdf(t, df, ncp_high) = alpha/2

        and each is turned back into d by multiplying by ``sqrt(1/n1 + 1/n2)``. For g the
        d limits are multiplied by J. This is the interval of R's effectsize and MBESS
        packages (Steiger & Fouladi 1997).

        References
        ----------
        Steiger JH, Fouladi RT. Noncentrality interval estimation and the evaluation of
        statistical models. In: Harlow LL, Mulaik SA, Steiger JH, eds. What If There Were
        No Significance Tests? Erlbaum; 1997:221-257.

        Examples
        --------
        >>> g = hedges_g_from_summary(103, 5.5, 50, 100, 4.5, 50)
        >>> low, high = g.confidence_interval()
        >>> print(f"{low:.3f} to {high:.3f}")
        0.193 to 0.989
        >>> print(g.confidence_interval(0.9))
        0.26 to 0.92 (90% CI, noncentral t)
        >>> low, high = g.confidence_interval(method="normal")
        >>> print(f"{low:.3f} to {high:.3f}")
        0.195 to 0.990
        """
        level = _validate.probability("confidence_level", confidence_level,
                                      open_interval=True)
        _validate.choice("method", method, tuple(_CI_METHODS))
        alpha = 1.0 - level
        if method == "normal":
            z = float(stats.norm.ppf(1.0 - alpha / 2.0))
            ends = (self.estimate - z * self.se, self.estimate + z * self.se)
        else:
            scale = math.sqrt(1.0 / self.n1 + 1.0 / self.n2)
            t = self.t_statistic
            ncp_low = _ncp_at_cdf(t, self.df, 1.0 - alpha / 2.0)
            ncp_high = _ncp_at_cdf(t, self.df, alpha / 2.0)
            ends = (self.j * ncp_low * scale, self.j * ncp_high * scale)
        return Interval(*ends, level=level, method=_CI_METHODS[method])

    def __str__(self) -> str:
        return (f"{self.measure} = {self.estimate:.2f} (SE {self.se:.2f}), "
                f"n = {self.n1} vs {self.n2}")


def _ncp_at_cdf(t: float, df: float, target: float) -> float:
    """The noncentrality parameter at which ``nct.cdf(t, df, ncp)`` equals ``target``.

    The CDF at a fixed t falls steadily as ncp grows, so one root exists. We bracket it
    around t, with a step set by the large-sample SD of a noncentral t, widening the
    bracket until the CDF changes sign around the target, then let Brent's method finish.
    """

    def gap(ncp: float) -> float:
        return float(stats.nct.cdf(t, df, ncp)) - target

    step = 2.0 * math.sqrt(1.0 + t * t / (2.0 * df))
    low, high = t - step, t + step
    for _ in range(200):
        if gap(low) >= 0.0:
            break
        low -= step
        step *= 2.0
    step = 2.0 * math.sqrt(1.0 + t * t / (2.0 * df))
    for _ in range(200):
        if gap(high) <= 0.0:
            break
        high += step
        step *= 2.0
    return optimize.brentq(gap, low, high, xtol=1e-12, rtol=1e-12)


def hedges_correction(df: float, exact: bool = True) -> float:
    """Hedges' small-sample correction factor J, which turns d into the less biased g.

    Parameters
    ----------
    df : float
        Degrees of freedom of the pooled SD (``n1 + n2 - 2`` for two groups); must be
        greater than 1.
    exact : bool, default True
        Use the exact gamma-function formula; if False, the usual approximation.

    Returns
    -------
    float
        J, a number a little below 1 that approaches 1 as ``df`` grows.

    Raises
    ------
    ValueError
        If ``df`` is not a number greater than 1.

    Notes
    -----
    Exact (Hedges 1981)::

        J = Gamma(df/2) / (sqrt(df/2) * Gamma((df - 1)/2))

    computed on the log scale with ``scipy.special.gammaln`` so that it does not overflow
    for large df. Approximation (Hedges 1981; Borenstein et al. 2009, eq. 4.22)::

        J = 1 - 3 / (4 df - 1)

    References
    ----------
    Hedges LV. Distribution theory for Glass's estimator of effect size and related
    estimators. J Educ Stat. 1981;6(2):107-128. doi:10.3102/10769986006002107

    Borenstein M, Hedges LV, Higgins JPT, Rothstein HR. Introduction to Meta-Analysis.
    Wiley; 2009. Chapter 4. doi:10.1002/9780470743386

    Examples
    --------
    >>> print(f"{hedges_correction(98):.4f}")
    0.9923
    >>> print(f"{hedges_correction(98, exact=False):.4f}")
    0.9923
    >>> print(f"{hedges_correction(4):.4f} vs {hedges_correction(4, exact=False):.4f}")
    0.7979 vs 0.8000
    """
    df = _validate.number("df", df, minimum=1, min_inclusive=False)
    if not exact:
        return 1.0 - 3.0 / (4.0 * df - 1.0)
    return float(exact_j(df))


def exact_j(df):
    """Hedges' exact J for ``df`` (a number or an array, each above 1; not checked).

    The arithmetic of :func:`hedges_correction`, vectorized, for callers that have already
    checked their degrees of freedom (interval widths over a grid of sample sizes).
    """
    df = np.asarray(df, dtype=float)
    return np.exp(special.gammaln(df / 2.0) - 0.5 * np.log(df / 2.0)
                  - special.gammaln((df - 1.0) / 2.0))


def _standardized_difference(mean1: float, var1: float, n1: int, mean2: float, var2: float,
                             n2: int, *, hedges: bool, measure: str, names: str,
                             n_omitted: tuple[int, int] = (0, 0)) -> EffectSize:
    """Shared arithmetic: pooled SD, d, J and the standard error."""
    df = n1 + n2 - 2
    pooled_var = ((n1 - 1) * var1 + (n2 - 1) * var2) / df
    if not pooled_var > 0.0:
        raise ValueError(f"{names} must vary: the pooled standard deviation is 0, so a "
                         "standardized difference is undefined.")
    d = (mean1 - mean2) / math.sqrt(pooled_var)
    j = hedges_correction(df) if hedges else 1.0
    var_d = (n1 + n2) / (n1 * n2) + d * d / (2.0 * (n1 + n2))
    return EffectSize(estimate=j * d, se=j * math.sqrt(var_d), n1=n1, n2=n2, df=df,
                      measure=measure, j=j, n_omitted=n_omitted)


def _from_arrays(a: np.ndarray, b: np.ndarray, *, hedges: bool, measure: str, names: str,
                 n_omitted: tuple[int, int]) -> EffectSize:
    return _standardized_difference(float(a.mean()), float(a.var(ddof=1)), a.size,
                                    float(b.mean()), float(b.var(ddof=1)), b.size,
                                    hedges=hedges, measure=measure, names=names,
                                    n_omitted=n_omitted)


def _two_samples(x, y, nan_policy) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """The two groups' scores (checked, NaNs handled by ``nan_policy``) and the NaNs dropped."""
    a, a_omitted = _validate.sample("x", x, nan_policy=nan_policy, return_omitted=True)
    b, b_omitted = _validate.sample("y", y, nan_policy=nan_policy, return_omitted=True)
    return a, b, (a_omitted, b_omitted)


def _two_change_scores(pre1, post1, pre2, post2,
                       nan_policy) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """Each group's complete ``post - pre`` changes and the incomplete pairs dropped."""
    change1, omitted1 = _validate.paired_differences("pre1", pre1, "post1", post1,
                                                     nan_policy=nan_policy,
                                                     return_omitted=True)
    change2, omitted2 = _validate.paired_differences("pre2", pre2, "post2", post2,
                                                     nan_policy=nan_policy,
                                                     return_omitted=True)
    return change1, change2, (omitted1, omitted2)


def _from_samples(x, y, nan_policy, *, hedges: bool, measure: str) -> EffectSize:
    a, b, omitted = _two_samples(x, y, nan_policy)
    return _from_arrays(a, b, hedges=hedges, measure=measure, names="x and y",
                        n_omitted=omitted)


def _from_summary(mean1, sd1, n1, mean2, sd2, n2, *, hedges: bool,
                  measure: str) -> EffectSize:
    m1 = _validate.number("mean1", mean1)
    s1 = _validate.positive("sd1", sd1)
    k1 = _validate.integer("n1", n1, minimum=2)
    m2 = _validate.number("mean2", mean2)
    s2 = _validate.positive("sd2", sd2)
    k2 = _validate.integer("n2", n2, minimum=2)
    return _standardized_difference(m1, s1 * s1, k1, m2, s2 * s2, k2, hedges=hedges,
                                    measure=measure, names="sd1 and sd2")


def cohens_d(x, y, nan_policy="omit") -> EffectSize:
    """Cohen's d for two independent samples: (mean x - mean y) / pooled SD.

    Parameters
    ----------
    x, y : array_like
        The scores of group 1 and group 2; NaN marks a missing value. Each group needs
        at least 2 values left.
    nan_policy : {"omit", "raise"}, default "omit"
        "omit" drops missing values (the result's ``n_omitted`` counts them per group);
        "raise" refuses a group that holds one.

    Returns
    -------
    EffectSize
        ``estimate`` is d, ``j`` is 1. Call ``.confidence_interval()`` for its CI.

    Raises
    ------
    ValueError
        If a group holds fewer than 2 non-missing values, holds an infinite value (or a
        NaN under ``nan_policy="raise"``), or both groups are constant (pooled SD 0).

    Notes
    -----
    With ``s1``, ``s2`` the sample SDs (n - 1 in the denominator)::

        s_pooled = sqrt(((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2))
        d        = (mean1 - mean2) / s_pooled
        SE(d)    = sqrt((n1 + n2) / (n1 n2) + d^2 / (2 (n1 + n2)))

    (Borenstein et al. 2009, eqs. 4.18-4.20; Lakens 2013 calls this d_s.)

    References
    ----------
    Cohen J. Statistical Power Analysis for the Behavioral Sciences. 2nd ed. Erlbaum; 1988.

    Lakens D. Calculating and reporting effect sizes to facilitate cumulative science: a
    practical primer for t-tests and ANOVAs. Front Psychol. 2013;4:863.
    doi:10.3389/fpsyg.2013.00863

    Examples
    --------
    Lakens' (2013) ratings of two movies by two groups of ten people:

    >>> movie_1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
    >>> movie_2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]
    >>> print(cohens_d(movie_1, movie_2))
    Cohen's d = 1.13 (SE 0.48), n = 10 vs 10
    """
    return _from_samples(x, y, nan_policy, hedges=False, measure="Cohen's d")


def hedges_g(x, y, nan_policy="omit") -> EffectSize:
    """Hedges' g for two independent samples: Cohen's d times the correction J.

    Parameters
    ----------
    x, y, nan_policy
        As in :func:`cohens_d`, which also lists the errors raised.

    Returns
    -------
    EffectSize
        ``estimate`` is g, ``j`` the correction factor used.

    Notes
    -----
    ``g = J d`` with the exact ``J = hedges_correction(n1 + n2 - 2)``, and
    ``SE(g) = J SE(d)`` (Borenstein et al. 2009, eqs. 4.22-4.24). d overstates the
    population effect in small samples; g removes most of that bias.

    References
    ----------
    Hedges LV. Distribution theory for Glass's estimator of effect size and related
    estimators. J Educ Stat. 1981;6(2):107-128. doi:10.3102/10769986006002107

    Lakens D. Front Psychol. 2013;4:863. doi:10.3389/fpsyg.2013.00863

    Examples
    --------
    >>> movie_1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
    >>> movie_2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]
    >>> g = hedges_g(movie_1, movie_2)
    >>> print(g)
    Hedges' g = 1.08 (SE 0.46), n = 10 vs 10
    >>> print(f"J = {g.j:.4f}")
    J = 0.9576
    """
    return _from_samples(x, y, nan_policy, hedges=True, measure="Hedges' g")


def cohens_d_from_summary(mean1, sd1, n1, mean2, sd2, n2) -> EffectSize:
    """Cohen's d from the means, SDs and sizes of two groups (as printed in a paper).

    Parameters
    ----------
    mean1, sd1, n1 : float, float, int
        Mean, standard deviation (n - 1 denominator) and size of group 1.
    mean2, sd2, n2 : float, float, int
        The same for group 2.

    Returns
    -------
    EffectSize
        ``estimate`` is d (group 1 minus group 2).

    Raises
    ------
    ValueError
        If a mean is not a finite number, an SD is not positive, or a size is not a
        whole number of at least 2.

    Notes
    -----
    The pooled SD weights each group's variance by its n - 1::

        s_pooled = sqrt(((n1 - 1) sd1^2 + (n2 - 1) sd2^2) / (n1 + n2 - 2))
        d        = (mean1 - mean2) / s_pooled
        SE(d)    = sqrt((n1 + n2) / (n1 n2) + d^2 / (2 (n1 + n2)))

    References
    ----------
    Borenstein M, Hedges LV, Higgins JPT, Rothstein HR. Introduction to Meta-Analysis.
    Wiley; 2009. Chapter 4. doi:10.1002/9780470743386

    Examples
    --------
    The worked example of Borenstein et al. (2009), chapter 4:

    >>> d = cohens_d_from_summary(103, 5.5, 50, 100, 4.5, 50)
    >>> print(f"d = {d.estimate:.4f}, V = {d.se ** 2:.4f}")
    d = 0.5970, V = 0.0418
    """
    return _from_summary(mean1, sd1, n1, mean2, sd2, n2, hedges=False, measure="Cohen's d")


def hedges_g_from_summary(mean1, sd1, n1, mean2, sd2, n2) -> EffectSize:
    """Hedges' g from the means, SDs and sizes of two groups (as printed in a paper).

    Parameters
    ----------
    mean1, sd1, n1, mean2, sd2, n2
        As in :func:`cohens_d_from_summary`, which also lists the errors raised.

    Returns
    -------
    EffectSize
        ``estimate`` is g = J d (group 1 minus group 2).

    Notes
    -----
    As :func:`cohens_d_from_summary` (Borenstein et al. 2009, chapter 4), then
    ``g = J d`` and ``SE(g) = J SE(d)`` with the exact ``J = hedges_correction(n1 + n2 - 2)``.

    Examples
    --------
    Post-treatment pain in the PRT trial (Ashar et al. 2022, Table 2), PRT vs placebo.
    Post-treatment means alone give g of about -1.13; the paper's -1.14 is a change-score
    g (see :func:`change_score_g`):

    >>> g = hedges_g_from_summary(1.18, 1.24, 44, 2.84, 1.64, 44)
    >>> print(g)
    Hedges' g = -1.13 (SE 0.23), n = 44 vs 44
    """
    return _from_summary(mean1, sd1, n1, mean2, sd2, n2, hedges=True, measure="Hedges' g")


def change_score_g(pre1, post1, pre2, post2, nan_policy="omit") -> EffectSize:
    """Hedges' g on change from baseline: the effect size the PRT trial reports.

    Parameters
    ----------
    pre1, post1 : array_like
        Baseline and follow-up scores of group 1, one pair per person, in the same order.
    pre2, post2 : array_like
        The same for group 2.
    nan_policy : {"omit", "raise"}, default "omit"
        "omit" drops a person with a missing value (NaN) at either time (``n_omitted``
        counts them per group); "raise" refuses any missing value.

    Returns
    -------
    EffectSize
        ``estimate`` is the change-score g; ``n1`` and ``n2`` count complete pairs.

    Raises
    ------
    ValueError
        If pre and post of a group differ in length, fewer than 2 complete pairs remain in
        a group, a value is infinite (or missing under ``nan_policy="raise"``), or every
        change score is the same.

    Notes
    -----
    Each person's change is ``post - pre``; under ``nan_policy="omit"`` a pair with a
    missing value at either time is dropped. Then, with ``c1``, ``c2`` the changes in the
    two groups::

        g = J * (mean(c1) - mean(c2)) / s_pooled(c1, c2)

    i.e. Hedges' g computed on the change scores, with ``J = hedges_correction(n1 + n2 -
    2)``. On the pain scale a larger drop under group 1 gives a negative g. This is the
    effect size of Table 2 of Ashar et al. (2022); the paper's SE came from a bootstrap,
    ours is the large-sample formula.

    References
    ----------
    Ashar YK, Gordon A, Schubiner H, et al. Effect of pain reprocessing therapy vs placebo
    and usual care for patients with chronic back pain: a randomized clinical trial. JAMA
    Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Borenstein M, Hedges LV, Higgins JPT, Rothstein HR. Introduction to Meta-Analysis.
    Wiley; 2009. Chapter 4. doi:10.1002/9780470743386

    Examples
    --------
    A toy example: group 1 improves by about 3 points, group 2 by about 1; the last person
    of group 2 missed the follow-up.

    >>> pre1, post1 = [6, 5, 7, 6], [3, 2, 3, 4]
    >>> pre2, post2 = [6, 6, 5, 7, 5], [5, 4, 5, 6, float("nan")]
    >>> g = change_score_g(pre1, post1, pre2, post2)
    >>> print(g)
    change-score Hedges' g = -2.13 (SE 0.81), n = 4 vs 4
    >>> g.n_omitted
    (0, 1)
    """
    change1, change2, omitted = _two_change_scores(pre1, post1, pre2, post2, nan_policy)
    return _from_arrays(change1, change2, hedges=True, measure="change-score Hedges' g",
                        names="the change scores", n_omitted=omitted)


def relative_likelihood(value, estimate, se):
    """Likelihood of a true effect ``value`` relative to that of the point estimate.

    Under the normal approximation the estimate is drawn from a normal distribution
    centred on the true effect with standard deviation ``se``; the likelihood of a
    candidate true effect, divided by its maximum (at the estimate), is

    .. math::

        \\frac{L(\\text{value})}{L(\\text{estimate})} =
        \\exp\\left(-\\frac{1}{2}\\left(\\frac{\\text{value} - \\text{estimate}}
        {\\text{SE}}\\right)^2\\right).

    It is 1 at the point estimate and falls to about 0.15 at the ends of a 95% interval
    (1.96 SE away): values near the point are more compatible with the data than values
    near the ends, which is what Cumming's "cat's eye" picture of an interval shows.

    Parameters
    ----------
    value : float or array_like
        Candidate true effect(s), in the estimate's units.
    estimate : float
        The point estimate.
    se : float
        Its standard error, greater than 0.

    Returns
    -------
    float or numpy.ndarray
        The relative likelihood, in (0, 1]; an array when ``value`` is one.

    Raises
    ------
    ValueError
        If ``estimate`` is not a finite number, ``se`` is not positive, or ``value``
        holds something other than finite numbers.

    References
    ----------
    .. [1] Cumming G. The new statistics: why and how. Psychol Sci. 2014;25(1):7-29.
       doi:10.1177/0956797613504966

    Examples
    --------
    Table 2's g of -1.14 (SE 0.24) for PRT vs placebo: a true g of -0.9 is one SE away,

    >>> from prtlib.stats.effect_sizes import relative_likelihood
    >>> print(f"{relative_likelihood(-0.9, -1.14, 0.24):.2f}")
    0.61
    >>> print(f"{relative_likelihood(-1.14 + 1.959964 * 0.24, -1.14, 0.24):.3f}")
    0.147
    """
    estimate = _validate.number("estimate", estimate)
    se = _validate.positive("se", se)
    arr, is_scalar = _validate.number_or_array("value", value)
    if is_scalar:
        return math.exp(-0.5 * ((float(arr) - estimate) / se) ** 2)
    return np.exp(-0.5 * ((arr - estimate) / se) ** 2)
