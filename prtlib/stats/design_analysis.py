"""Design analysis (Gelman & Carlin 2014): power, type S and exaggeration of a design.

Besides power, a design analysis reports how often a significant estimate has the wrong
sign (type S) and by how much a significant estimate overstates the true effect on
average (the exaggeration ratio, or type M error):

- :func:`retrodesign`: any estimate with a standard error;
- :func:`design_analysis`: a two-group trial in d units, exactly (noncentral t);
- :func:`say_probability` writes a probability the way a reader says it ("about 1 in
  1,100", "fewer than 1 in 10,000") for explorer readouts and printed summaries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import integrate, special, stats

from prtlib import _validate

__all__ = [
    "DesignAnalysis",
    "DesignSample",
    "RetrodesignResult",
    "design_analysis",
    "retrodesign",
    "say_probability",
]


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
        rng = np.random.default_rng(_validate.seed(seed))
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

    >>> from prtlib.stats.design_analysis import retrodesign
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
    alpha = _validate.probability("alpha", alpha, open_interval=True)
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
                                         _validate.seed(seed))
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
        >>> from prtlib.stats.design_analysis import design_analysis
        >>> res = design_analysis(0.5, 44)
        >>> print(f"{res.prob_at_least(1.14):.4f} {res.prob_at_least(-10):.1f}")
        0.0028 1.0
        """
        value = _validate.number("value", value)
        return float(stats.nct.sf(value / self.se, self.df, self.true_d / self.se))

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

    >>> from prtlib.stats.design_analysis import design_analysis
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
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    n_sims = _validate.integer("n_sims", n_sims, minimum=1)
    seed = _validate.seed(seed)

    df = 2.0 * n - 2.0
    se = math.sqrt(2.0 / n)
    ncp = abs(true_d) / se
    crit = float(stats.t.isf(alpha / 2.0, df))
    p_right = float(stats.nct.sf(crit, df, ncp))
    p_wrong = float(stats.nct.sf(crit, df, -ncp))
    power = p_right + p_wrong
    mean_abs_t = _nct_mean_abs_beyond(crit, df, ncp)
    exaggeration = se * mean_abs_t / (abs(true_d) * power)
    estimates, significant = _draw_d(true_d, n, alpha, n_sims, seed)
    return DesignAnalysis(true_d=true_d, n_per_group=n, alpha=alpha, df=df, se=se,
                          critical_d=crit * se, power=power, type_s=p_wrong / power,
                          exaggeration=float(exaggeration), estimates=estimates,
                          significant=significant, seed=seed)


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
    >>> from prtlib.stats.design_analysis import say_probability
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
