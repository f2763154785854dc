"""Standardized mean differences, their intervals, and comparisons of proportions.

This module answers the question "how big is the difference between two groups?" in the
units the course uses:

- Cohen's d and Hedges' g, from raw data (:func:`cohens_d`, :func:`hedges_g`) or from the
  means, SDs and sizes a paper prints (:func:`cohens_d_from_summary`,
  :func:`hedges_g_from_summary`), with exact confidence intervals;
- the change-score g that the PRT trial reports (:func:`change_score_g`);
- plain-language translations of d: overlap, probability of superiority and the number
  needed to treat (:func:`overlap_stats`);
- how compatible each value inside an interval is with the data, relative to the point
  estimate (:func:`relative_likelihood`);
- risk difference, risk ratio, odds ratio, NNT and Cohen's h for yes/no outcomes
  (:func:`compare_proportions`).

Sign convention, everywhere: **group 1 minus group 2**. In the course group 1 is PRT, so on
the pain scale (lower is better) a helpful treatment gives a *negative* d.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special, stats

from prtlib import _validate

__all__ = [
    "EffectSize",
    "OverlapStats",
    "ProportionComparison",
    "change_score_g",
    "cohens_d",
    "cohens_d_from_summary",
    "compare_proportions",
    "hedges_correction",
    "hedges_g",
    "hedges_g_from_summary",
    "overlap_stats",
    "relative_likelihood",
    "wilson_interval",
]

_CI_METHODS = ("noncentral", "normal")


# ---------------------------------------------------------------------------------------
# Standardized mean differences
# ---------------------------------------------------------------------------------------


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
    """

    estimate: float
    se: float
    n1: int
    n2: int
    df: int
    measure: str
    j: float = 1.0

    @property
    def d(self) -> float:
        """The uncorrected standardized difference, ``estimate / j``."""
        return self.estimate / self.j

    @property
    def t_statistic(self) -> float:
        """Student's two-sample t (pooled SD) that goes with d: ``d / sqrt(1/n1 + 1/n2)``."""
        return self.d / math.sqrt(1.0 / self.n1 + 1.0 / self.n2)

    def confidence_interval(self, confidence_level: float = 0.95,
                            method: str = "noncentral") -> tuple[float, float]:
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
        tuple of float
            ``(low, high)``.

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
        >>> low, high = g.confidence_interval(method="normal")
        >>> print(f"{low:.3f} to {high:.3f}")
        0.195 to 0.990
        """
        level = _validate.probability("confidence_level", confidence_level,
                                      open_interval=True)
        _validate.choice("method", method, _CI_METHODS)
        alpha = 1.0 - level
        if method == "normal":
            z = float(stats.norm.ppf(1.0 - alpha / 2.0))
            return (self.estimate - z * self.se, self.estimate + z * self.se)
        scale = math.sqrt(1.0 / self.n1 + 1.0 / self.n2)
        t = self.t_statistic
        ncp_low = _ncp_at_cdf(t, self.df, 1.0 - alpha / 2.0)
        ncp_high = _ncp_at_cdf(t, self.df, alpha / 2.0)
        return (float(self.j * ncp_low * scale), float(self.j * ncp_high * scale))

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
    log_j = special.gammaln(df / 2.0) - 0.5 * math.log(df / 2.0) - special.gammaln(
        (df - 1.0) / 2.0)
    return float(math.exp(log_j))


def _standardized_difference(mean1: float, var1: float, n1: int, mean2: float, var2: float,
                             n2: int, *, hedges: bool, measure: str,
                             names: str) -> EffectSize:
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
                      measure=measure, j=j)


def _from_samples(x, y, *, hedges: bool, measure: str) -> EffectSize:
    a = _validate.sample("x", x, min_n=2)
    b = _validate.sample("y", y, min_n=2)
    return _standardized_difference(float(a.mean()), float(a.var(ddof=1)), a.size,
                                    float(b.mean()), float(b.var(ddof=1)), b.size,
                                    hedges=hedges, measure=measure, names="x and y")


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


def cohens_d(x, y) -> EffectSize:
    """Cohen's d for two independent samples: (mean x - mean y) / pooled SD.

    Parameters
    ----------
    x, y : array_like
        The scores of group 1 and group 2. NaNs (missing values) are dropped; each group
        needs at least 2 values left.

    Returns
    -------
    EffectSize
        ``estimate`` is d, ``j`` is 1. Call ``.confidence_interval()`` for its CI.

    Raises
    ------
    ValueError
        If a group holds fewer than 2 non-missing values, holds an infinite value, or
        both groups are constant (pooled SD 0).

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
    return _from_samples(x, y, hedges=False, measure="Cohen's d")


def hedges_g(x, y) -> EffectSize:
    """Hedges' g for two independent samples: Cohen's d times the correction J.

    Parameters
    ----------
    x, y : array_like
        The scores of group 1 and group 2. NaNs (missing values) are dropped; each group
        needs at least 2 values left.

    Returns
    -------
    EffectSize
        ``estimate`` is g, ``j`` the correction factor used.

    Raises
    ------
    ValueError
        If a group holds fewer than 2 non-missing values, holds an infinite value, or
        both groups are constant.

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
    return _from_samples(x, y, hedges=True, measure="Hedges' g")


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
    mean1, sd1, n1 : float, float, int
        Mean, standard deviation (n - 1 denominator) and size of group 1.
    mean2, sd2, n2 : float, float, int
        The same for group 2.

    Returns
    -------
    EffectSize
        ``estimate`` is g = J d (group 1 minus group 2).

    Raises
    ------
    ValueError
        If a mean is not a finite number, an SD is not positive, or a size is not a
        whole number of at least 2.

    Notes
    -----
    As :func:`cohens_d_from_summary`, then ``g = J d`` and ``SE(g) = J SE(d)`` with the
    exact ``J = hedges_correction(n1 + n2 - 2)``.

    References
    ----------
    Borenstein M, Hedges LV, Higgins JPT, Rothstein HR. Introduction to Meta-Analysis.
    Wiley; 2009. Chapter 4. doi:10.1002/9780470743386

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


def _complete_pairs(pre_name: str, pre, post_name: str, post) -> np.ndarray:
    """Post minus pre for every pair where both values are present."""
    arrays = []
    for name, values in ((pre_name, pre), (post_name, post)):
        try:
            arr = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a sequence of numbers; got "
                             f"{_validate._short(values)}.") from None
        if arr.ndim != 1:
            raise ValueError(f"{name} must be a one-dimensional sequence of numbers; got "
                             f"an array of shape {arr.shape}.")
        if np.isinf(arr).any():
            raise ValueError(f"{name} must hold finite numbers (NaN marks a missing value); "
                             "got an infinite value.")
        arrays.append(arr)
    before, after = arrays
    if before.size != after.size:
        raise ValueError(f"{pre_name} and {post_name} must have the same length (one pair "
                         f"per person); got {before.size} and {after.size}.")
    complete = ~(np.isnan(before) | np.isnan(after))
    return _validate.sample(f"{pre_name}/{post_name} (complete pairs)",
                            after[complete] - before[complete], min_n=2)


def change_score_g(pre1, post1, pre2, post2) -> EffectSize:
    """Hedges' g on change from baseline: the effect size the PRT trial reports.

    Parameters
    ----------
    pre1, post1 : array_like
        Baseline and follow-up scores of group 1, one pair per person, in the same order.
    pre2, post2 : array_like
        The same for group 2.

    Returns
    -------
    EffectSize
        ``estimate`` is the change-score g; ``n1`` and ``n2`` count complete pairs.

    Raises
    ------
    ValueError
        If pre and post of a group differ in length, fewer than 2 complete pairs remain in
        a group, or every change score is the same.

    Notes
    -----
    Each person's change is ``post - pre``; a pair with a missing value (NaN) at either
    time is dropped. Then, with ``c1``, ``c2`` the changes in the two groups::

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
    """
    change1 = _complete_pairs("pre1", pre1, "post1", post1)
    change2 = _complete_pairs("pre2", pre2, "post2", post2)
    return _standardized_difference(float(change1.mean()), float(change1.var(ddof=1)),
                                    change1.size, float(change2.mean()),
                                    float(change2.var(ddof=1)), change2.size, hedges=True,
                                    measure="change-score Hedges' g",
                                    names="the change scores")


# ---------------------------------------------------------------------------------------
# Plain-language translations of d
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverlapStats:
    """What a standardized difference d means for two normal distributions.

    All percentages are computed for the *benefit* direction: if ``lower_is_better`` is
    true (pain), a treated person "does better" by scoring lower.

    Attributes
    ----------
    d : float
        The effect size as given (group 1 = treated minus group 2 = control).
    lower_is_better : bool
        Whether lower scores are the good direction.
    control_event_rate : float
        Share of the control group with a good outcome (used for the NNT).
    u3 : float
        Cohen's U3: share of the treated group doing better than the control mean.
    overlap : float
        Overlapping coefficient OVL: shared area of the two distributions.
    prob_superiority : float
        Common-language effect size: chance that a random treated person does better than
        a random control.
    treated_event_rate : float
        Share of the treated group with a good outcome, implied by d.
    nnt : float
        Number needed to treat for one extra good outcome (``math.inf`` when d = 0);
        always positive: see ``nnt_kind``.
    nnt_kind : str
        "benefit" (treatment helps), "harm" (it hurts: the NNT is a number needed to
        harm) or "none" (d = 0).
    """

    d: float
    lower_is_better: bool
    control_event_rate: float
    u3: float
    overlap: float
    prob_superiority: float
    treated_event_rate: float
    nnt: float
    nnt_kind: str

    def sentence(self) -> str:
        """One plain-language sentence summarizing the numbers (for a slider readout).

        Returns
        -------
        str

        Examples
        --------
        >>> print(overlap_stats(0.8).sentence())  # doctest: +NORMALIZE_WHITESPACE
        With d = 0.80, 79% of the treated group sits above the control group's mean; the
        two distributions overlap by 69%; a random treated person scores higher than a
        random control 71% of the time; treating 3.5 people yields one more good outcome
        than control when 20% of controls have one.
        """
        side, verb = ("below", "lower") if self.lower_is_better else ("above", "higher")
        note = " (lower scores are better)" if self.lower_is_better else ""
        cer = f"{self.control_event_rate:.0%} of controls have one"
        if self.nnt_kind == "none":
            nnt_part = ("the treatment adds no good outcomes, so the number needed to "
                        "treat is infinite")
        elif self.nnt_kind == "benefit":
            nnt_part = (f"treating {self.nnt:.1f} people yields one more good outcome "
                        f"than control when {cer}")
        else:
            nnt_part = (f"treating {self.nnt:.1f} people yields one fewer good outcome "
                        f"than control (a number needed to harm) when {cer}")
        shown_d = 0.0 if round(self.d, 2) == 0 else self.d  # never print "-0.00"
        return (f"With d = {shown_d:.2f}{note}, {self.u3:.0%} of the treated group sits "
                f"{side} the control group's mean; the two distributions overlap by "
                f"{self.overlap:.0%}; a random treated person scores {verb} than a random "
                f"control {self.prob_superiority:.0%} of the time; {nnt_part}.")

    def __str__(self) -> str:
        return self.sentence()


def overlap_stats(d, control_event_rate=0.2, lower_is_better: bool = False) -> OverlapStats:
    """Translate a standardized difference into overlap, superiority and NNT.

    Parameters
    ----------
    d : float
        Standardized mean difference, treated (group 1) minus control (group 2).
    control_event_rate : float, default 0.2
        Share of the control group with a good outcome (a "responder"), strictly between
        0 and 1. Only the NNT depends on it.
    lower_is_better : bool, default False
        Set to True for outcomes such as pain, where lower scores are better. Then a
        negative d is a benefit: every statistic is computed for ``-d``, and the sentence
        speaks of scoring lower.

    Returns
    -------
    OverlapStats
        U3, OVL, probability of superiority, treated event rate and NNT, with
        ``.sentence()`` for a plain-language summary.

    Raises
    ------
    ValueError
        If ``d`` is not a finite number or ``control_event_rate`` is not in (0, 1).

    Notes
    -----
    Assume both groups are normal with the same SD, and let ``b = d`` (or ``b = -d``
    when lower is better) be the benefit in SD units; Phi is the standard normal CDF::

        U3  = Phi(b)                       (Cohen 1988)
        OVL = 2 Phi(-|d| / 2)
        CL  = Phi(b / sqrt(2))             (McGraw & Wong 1992)
        EER = Phi(b + Phi^-1(CER))         (Furukawa & Leucht 2011)
        NNT = 1 / (EER - CER)

    A good outcome means lying beyond the threshold that a share CER of the control group
    passes. When b = 0 the treated and control rates are equal and the NNT is infinite
    (``math.inf``); when b < 0 the treatment lowers the rate, ``nnt_kind`` is "harm" and
    ``nnt`` is the number needed to harm, ``1 / (CER - EER)``.

    References
    ----------
    Furukawa TA, Leucht S. How to obtain NNT from Cohen's d: comparison of two methods.
    PLoS One. 2011;6(4):e19070. doi:10.1371/journal.pone.0019070

    McGraw KO, Wong SP. A common language effect size statistic. Psychol Bull.
    1992;111(2):361-365. doi:10.1037/0033-2909.111.2.361

    Cohen J. Statistical Power Analysis for the Behavioral Sciences. 2nd ed. Erlbaum; 1988.

    Examples
    --------
    >>> s = overlap_stats(0.8)
    >>> print(f"U3 {s.u3:.3f}, OVL {s.overlap:.3f}, CL {s.prob_superiority:.3f}, "
    ...       f"NNT {s.nnt:.2f}")
    U3 0.788, OVL 0.689, CL 0.714, NNT 3.53

    Pain: a d of -1.14 (PRT minus placebo) is a benefit.

    >>> s = overlap_stats(-1.14, control_event_rate=0.2, lower_is_better=True)
    >>> print(s.nnt_kind, f"{s.u3:.0%}", f"{s.nnt:.1f}")
    benefit 87% 2.4
    """
    d = _validate.number("d", d)
    cer = _validate.probability("control_event_rate", control_event_rate,
                                open_interval=True)
    if not isinstance(lower_is_better, bool | np.bool_):
        raise ValueError(f"lower_is_better must be True or False; got {lower_is_better!r}.")
    benefit = -d if lower_is_better else d
    # The gain is Phi(benefit + z) - Phi(z) with both terms from the same z, so that it is
    # exactly 0 at d = 0 and never changes sign against d through rounding (Phi(Phi^-1(cer))
    # is not exactly cer in floating point).
    z = float(stats.norm.ppf(cer))
    gain = float(stats.norm.cdf(benefit + z) - stats.norm.cdf(z))
    eer = min(1.0, max(0.0, cer + gain))
    if gain > 0:
        nnt, kind = 1.0 / gain, "benefit"
    elif gain < 0:
        nnt, kind = -1.0 / gain, "harm"
    else:
        nnt, kind = math.inf, "none"
    return OverlapStats(
        d=d,
        lower_is_better=bool(lower_is_better),
        control_event_rate=cer,
        u3=float(stats.norm.cdf(benefit)),
        overlap=float(2.0 * stats.norm.cdf(-abs(d) / 2.0)),
        prob_superiority=float(stats.norm.cdf(benefit / math.sqrt(2.0))),
        treated_event_rate=eer,
        nnt=nnt,
        nnt_kind=kind,
    )


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
    if np.ndim(value) == 0:
        x = _validate.number("value", value)
        return math.exp(-0.5 * ((x - estimate) / se) ** 2)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"value must be a number or an array of numbers; got {value!r}.") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"value must hold finite numbers only; got {value!r}.")
    return np.exp(-0.5 * ((arr - estimate) / se) ** 2)


# ---------------------------------------------------------------------------------------
# Two proportions
# ---------------------------------------------------------------------------------------


def _level(confidence_level) -> tuple[float, float]:
    """Validated confidence level and its two-sided normal quantile z."""
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    return level, float(stats.norm.ppf(0.5 + level / 2.0))


def _counts(events_name: str, events, n_name: str, n) -> tuple[int, int]:
    total = _validate.integer(n_name, n, minimum=1)
    count = _validate.integer(events_name, events, minimum=0, maximum=total)
    return count, total


def _wilson(events: int, n: int, z: float) -> tuple[float, float]:
    p = events / n
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2.0 * n)) / denominator
    half_width = z * math.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denominator
    return max(0.0, centre - half_width), min(1.0, centre + half_width)


def wilson_interval(events, n, confidence_level=0.95) -> tuple[float, float]:
    """Wilson score confidence interval for a single proportion ``events / n``.

    Parameters
    ----------
    events : int
        Number of events (0 <= events <= n).
    n : int
        Number of people (at least 1).
    confidence_level : float, default 0.95
        Coverage, strictly between 0 and 1.

    Returns
    -------
    tuple of float
        ``(low, high)``, always inside [0, 1].

    Raises
    ------
    ValueError
        If a count is not a whole number, ``events`` is outside [0, n], ``n`` < 1, or
        ``confidence_level`` is not in (0, 1).

    Notes
    -----
    With ``p = events / n`` and z the two-sided normal quantile::

        centre = (p + z^2 / (2n)) / (1 + z^2 / n)
        half   = z sqrt(p (1 - p) / n + z^2 / (4 n^2)) / (1 + z^2 / n)

    Unlike the textbook ``p +/- z SE`` it never leaves [0, 1] and behaves well at 0 or n
    events.

    References
    ----------
    Wilson EB. Probable inference, the law of succession, and statistical inference. J Am
    Stat Assoc. 1927;22(158):209-212. doi:10.1080/01621459.1927.10502953

    Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of
    seven methods. Stat Med. 1998;17(8):857-872.
    doi:10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E

    Examples
    --------
    Pain-free or nearly so after PRT: 33 of 50 (Ashar et al. 2022).

    >>> low, high = wilson_interval(33, 50)
    >>> print(f"{low:.3f} to {high:.3f}")
    0.522 to 0.776
    """
    count, total = _counts("events", events, "n", n)
    _, z = _level(confidence_level)
    return _wilson(count, total, z)


def _nnt_from_rd_interval(low: float, high: float) -> tuple[tuple[float, float], bool]:
    """Invert a benefit-oriented risk-difference interval into an NNT interval.

    Returns ``((a, b), crosses)``. When the interval lies on one side of zero, ``(a, b)``
    are the NNT limits (smallest first) in the same direction as the estimate. When it
    includes zero (Altman 1998), ``a`` is the NNT-benefit limit ``1/high`` and ``b`` the
    NNT-harm limit ``1/|low|``, and the interval runs from one through infinity to the
    other.
    """

    def inverse(x: float) -> float:
        return math.inf if x == 0 else 1.0 / abs(x)

    if low < 0.0 < high:
        return (inverse(high), inverse(low)), True
    return tuple(sorted((inverse(low), inverse(high)))), False


@dataclass(frozen=True)
class ProportionComparison:
    """Two proportions compared in every usual way (group 1 versus group 2).

    Attributes
    ----------
    events1, n1, events2, n2 : int
        The counts.
    confidence_level : float
        Coverage of every interval below.
    p1, p2 : float
        The two proportions.
    risk_difference : float
        ``p1 - p2``.
    risk_difference_ci : tuple of float
        Newcombe's hybrid score interval (method 10).
    risk_ratio, odds_ratio : float
        ``p1 / p2`` and the odds ratio (with 0.5 added to every cell if one is 0).
    risk_ratio_ci, odds_ratio_ci : tuple of float
        Log-scale (Katz / Woolf) intervals.
    zero_cell_correction : bool
        Whether the 0.5 (Haldane-Anscombe) correction was applied to the ratios.
    cohens_h : float
        ``2 asin(sqrt(p1)) - 2 asin(sqrt(p2))``.
    event_is_good : bool
        Whether an event is a good outcome (it sets what "benefit" means for the NNT).
    nnt : float
        ``1 / |risk difference|`` (``math.inf`` when the difference is 0).
    nnt_kind : str
        "benefit" if group 1 does better, "harm" if worse, "none" if equal.
    nnt_ci : tuple of float
        The inverted RD interval. If ``nnt_ci_crosses_infinity`` is False: the NNT limits
        (low, high) in the direction of ``nnt_kind``. If True (the RD interval includes
        zero): ``(NNT benefit limit, NNT harm limit)``; the interval runs from the first
        through infinity to the second (Altman 1998).
    nnt_ci_crosses_infinity : bool
        Whether the RD interval includes zero.
    """

    events1: int
    n1: int
    events2: int
    n2: int
    confidence_level: float
    p1: float
    p2: float
    risk_difference: float
    risk_difference_ci: tuple[float, float]
    risk_ratio: float
    risk_ratio_ci: tuple[float, float]
    odds_ratio: float
    odds_ratio_ci: tuple[float, float]
    zero_cell_correction: bool
    cohens_h: float
    event_is_good: bool
    nnt: float
    nnt_kind: str
    nnt_ci: tuple[float, float]
    nnt_ci_crosses_infinity: bool

    def nnt_summary(self) -> str:
        """The NNT and its interval in words, in Altman's (1998) style.

        Returns
        -------
        str

        Examples
        --------
        >>> print(compare_proportions(33, 50, 10, 51).nnt_summary())
        NNT benefit 2.2 (95% CI 1.6 to 3.6)
        >>> print(compare_proportions(12, 50, 10, 51).nnt_summary())
        NNT benefit 22.8 (95% CI NNT harm 8.5 to infinity to NNT benefit 4.9)
        """
        pct = f"{self.confidence_level:.0%}"
        if self.nnt_kind == "none":
            head = "NNT infinite (no difference)"
        else:
            head = f"NNT {self.nnt_kind} {self.nnt:.1f}"
        first, second = self.nnt_ci
        if self.nnt_ci_crosses_infinity:
            # first is the NNT-benefit limit, second the NNT-harm limit
            return (f"{head} ({pct} CI NNT harm {second:.1f} to infinity to "
                    f"NNT benefit {first:.1f})")
        return f"{head} ({pct} CI {first:.1f} to {second:.1f})"

    def __str__(self) -> str:
        pct = f"{self.confidence_level:.0%}"
        rd_low, rd_high = self.risk_difference_ci
        rr_low, rr_high = self.risk_ratio_ci
        or_low, or_high = self.odds_ratio_ci
        lines = [
            f"Group 1: {self.events1}/{self.n1} ({self.p1:.1%}); "
            f"group 2: {self.events2}/{self.n2} ({self.p2:.1%})",
            f"Risk difference {self.risk_difference:.3f} ({pct} CI {rd_low:.3f} to "
            f"{rd_high:.3f})",
            f"Risk ratio {self.risk_ratio:.2f} ({pct} CI {rr_low:.2f} to {rr_high:.2f})",
            f"Odds ratio {self.odds_ratio:.2f} ({pct} CI {or_low:.2f} to {or_high:.2f})",
            f"Cohen's h {self.cohens_h:.2f}",
            self.nnt_summary(),
        ]
        if self.zero_cell_correction:
            lines.append("(0.5 added to every cell for the ratios, because one cell is 0)")
        return "\n".join(lines)


def compare_proportions(events1, n1, events2, n2, confidence_level=0.95,
                        event_is_good: bool = True) -> ProportionComparison:
    """Compare two proportions: risk difference, risk ratio, odds ratio, NNT, Cohen's h.

    Parameters
    ----------
    events1, n1 : int
        Events and size of group 1 (0 <= events1 <= n1, n1 >= 1).
    events2, n2 : int
        The same for group 2.
    confidence_level : float, default 0.95
        Coverage of every interval, strictly between 0 and 1.
    event_is_good : bool, default True
        True when an event is a good outcome (a responder, pain-free); False when it is a
        bad one (an adverse event). It only decides whether a positive risk difference is
        labelled an NNT "benefit" or "harm".

    Returns
    -------
    ProportionComparison
        Every estimate with its interval; ``print()`` it for a summary.

    Raises
    ------
    ValueError
        If a count is not a whole number, an ``n`` is below 1, ``events`` lies outside
        [0, n], or ``confidence_level`` is not in (0, 1).

    Notes
    -----
    With ``p1 = events1 / n1`` and ``p2 = events2 / n2``:

    - Risk difference ``RD = p1 - p2`` with Newcombe's hybrid score interval (his method
      10), built from the Wilson intervals ``(l1, u1)`` and ``(l2, u2)``::

          low  = RD - sqrt((p1 - l1)^2 + (u2 - p2)^2)
          high = RD + sqrt((u1 - p1)^2 + (p2 - l2)^2)

    - Risk ratio ``RR = p1 / p2``, interval ``exp(log RR +/- z SE)`` with
      ``SE = sqrt(1/a - 1/n1 + 1/c - 1/n2)`` (Katz et al. 1978).
    - Odds ratio ``OR = (a d) / (b c)``, interval ``exp(log OR +/- z SE)`` with
      ``SE = sqrt(1/a + 1/b + 1/c + 1/d)`` (Woolf 1955). Here a, b are the events and
      non-events of group 1, c, d those of group 2.
    - Zero cells: if any of a, b, c, d is 0 the ratios are undefined, so 0.5 is added to
      all four cells (the Haldane-Anscombe correction) for RR and OR only; RD, NNT and
      h always use the raw counts. ``zero_cell_correction`` records it.
    - NNT = 1 / |RD|, with its interval from inverting the RD limits (Altman 1998). When
      the RD interval includes 0 the NNT interval runs from an NNT benefit through
      infinity to an NNT harm.
    - Cohen's h = 2 asin(sqrt(p1)) - 2 asin(sqrt(p2)) (Cohen 1988).

    References
    ----------
    Newcombe RG. Interval estimation for the difference between independent proportions:
    comparison of eleven methods. Stat Med. 1998;17(8):873-890.
    doi:10.1002/(SICI)1097-0258(19980430)17:8<873::AID-SIM779>3.0.CO;2-I

    Altman DG. Confidence intervals for the number needed to treat. BMJ.
    1998;317(7168):1309-1312. doi:10.1136/bmj.317.7168.1309

    Katz D, Baptista J, Azen SP, Pike MC. Obtaining confidence intervals for the risk ratio
    in cohort studies. Biometrics. 1978;34(3):469-474. doi:10.2307/2530610

    Woolf B. On estimating the relation between blood group and disease. Ann Hum Genet.
    1955;19(4):251-253. doi:10.1111/j.1469-1809.1955.tb01348.x

    Examples
    --------
    Pain 0 or 1 out of 10 after treatment: PRT 33 of 50 vs placebo 10 of 51 (Ashar et
    al. 2022).

    >>> print(compare_proportions(33, 50, 10, 51))
    Group 1: 33/50 (66.0%); group 2: 10/51 (19.6%)
    Risk difference 0.464 (95% CI 0.275 to 0.608)
    Risk ratio 3.37 (95% CI 1.87 to 6.07)
    Odds ratio 7.96 (95% CI 3.22 to 19.69)
    Cohen's h 0.98
    NNT benefit 2.2 (95% CI 1.6 to 3.6)
    """
    a, total1 = _counts("events1", events1, "n1", n1)
    c, total2 = _counts("events2", events2, "n2", n2)
    level, z = _level(confidence_level)
    if not isinstance(event_is_good, bool | np.bool_):
        raise ValueError(f"event_is_good must be True or False; got {event_is_good!r}.")

    p1, p2 = a / total1, c / total2
    rd = p1 - p2
    l1, u1 = _wilson(a, total1, z)
    l2, u2 = _wilson(c, total2, z)
    rd_low = max(-1.0, rd - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2))
    rd_high = min(1.0, rd + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))

    # Ratios: add 0.5 to every cell when any cell is empty.
    cells = np.array([a, total1 - a, c, total2 - c], dtype=float)
    corrected = bool((cells == 0).any())
    if corrected:
        cells = cells + 0.5
    ca, cb, cc, cd = cells
    log_rr = math.log((ca / (ca + cb)) / (cc / (cc + cd)))
    se_log_rr = math.sqrt(1 / ca - 1 / (ca + cb) + 1 / cc - 1 / (cc + cd))
    log_or = math.log((ca * cd) / (cb * cc))
    se_log_or = math.sqrt(1 / ca + 1 / cb + 1 / cc + 1 / cd)

    # NNT, oriented so that "benefit" means group 1 has more good outcomes.
    sign = 1.0 if event_is_good else -1.0
    benefit = sign * rd
    benefit_low, benefit_high = sorted((sign * rd_low, sign * rd_high))
    if benefit > 0:
        kind = "benefit"
    elif benefit < 0:
        kind = "harm"
    else:
        kind = "none"
    nnt = math.inf if rd == 0 else 1.0 / abs(rd)
    nnt_ci, crosses = _nnt_from_rd_interval(benefit_low, benefit_high)

    return ProportionComparison(
        events1=a,
        n1=total1,
        events2=c,
        n2=total2,
        confidence_level=level,
        p1=p1,
        p2=p2,
        risk_difference=rd,
        risk_difference_ci=(rd_low, rd_high),
        risk_ratio=math.exp(log_rr),
        risk_ratio_ci=(math.exp(log_rr - z * se_log_rr), math.exp(log_rr + z * se_log_rr)),
        odds_ratio=math.exp(log_or),
        odds_ratio_ci=(math.exp(log_or - z * se_log_or), math.exp(log_or + z * se_log_or)),
        zero_cell_correction=corrected,
        cohens_h=2.0 * math.asin(math.sqrt(p1)) - 2.0 * math.asin(math.sqrt(p2)),
        event_is_good=bool(event_is_good),
        nnt=nnt,
        nnt_kind=kind,
        nnt_ci=nnt_ci,
        nnt_ci_crosses_infinity=crosses,
    )
