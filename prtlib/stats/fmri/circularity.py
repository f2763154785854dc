"""Pitfalls of interpretation: selecting and measuring voxels on the same data
(:func:`circular_analysis`), reasoning from activation back to a mental state
(:func:`reverse_inference`), and re-expressing a reported t statistic as a standardized
effect and a p-value (:func:`t_to_d`, :func:`t_to_p`)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from prtlib import _validate
from prtlib.stats.fmri._shared import scalar_or_array, t_p_value

__all__ = ["CircularResult", "circular_analysis", "reverse_inference", "t_to_d", "t_to_p"]


@dataclass(frozen=True, repr=False)
class CircularResult:
    """Selection bias from double dipping (see :func:`circular_analysis`).

    All arrays have one value per simulated study.

    Attributes
    ----------
    circular_estimate : numpy.ndarray
        Mean effect in the voxels selected on all the data, measured on the same data.
    circular_truth : numpy.ndarray
        True mean effect of those same voxels.
    split_estimate : numpy.ndarray
        Mean effect in the voxels selected on the first half of subjects, measured on the
        second half.
    split_truth : numpy.ndarray
        True mean effect of the voxels selected on the first half.
    effect : float
        True effect in each active voxel (others 0), in noise SDs.
    n_selected, n_subjects, n_voxels : int
        The inputs.
    """

    circular_estimate: np.ndarray
    circular_truth: np.ndarray
    split_estimate: np.ndarray
    split_truth: np.ndarray
    effect: float
    n_selected: int
    n_subjects: int
    n_voxels: int

    @property
    def circular_bias(self) -> float:
        """Mean of circular estimate minus the truth of the selected voxels."""
        return float(np.mean(self.circular_estimate - self.circular_truth))

    @property
    def split_bias(self) -> float:
        """Mean of split-half estimate minus the truth of the selected voxels."""
        return float(np.mean(self.split_estimate - self.split_truth))

    def __repr__(self) -> str:
        return (f"CircularResult(n_studies={self.circular_estimate.size}, "
                f"circular_bias={self.circular_bias:.3f}, split_bias={self.split_bias:.3f})")

    def __str__(self) -> str:
        return (f"over {self.circular_estimate.size} simulated studies, selecting the "
                f"{self.n_selected} strongest of {self.n_voxels} voxels: circular estimate "
                f"{np.mean(self.circular_estimate):.3f} vs truth "
                f"{np.mean(self.circular_truth):.3f}; split-half estimate "
                f"{np.mean(self.split_estimate):.3f} vs truth {np.mean(self.split_truth):.3f}")


def circular_analysis(n_voxels: int = 1000, n_subjects: int = 20, n_selected: int = 10, *,
                      effect: float = 0.3, active_fraction: float = 0.05,
                      n_studies: int = 200, seed=0) -> CircularResult:
    """Simulate "double dipping": selecting voxels and measuring them on the same data.

    Parameters
    ----------
    n_voxels : int, default 1000
        Voxels in the search region.
    n_subjects : int, default 20
        Participants (at least 4, so that each half has 2).
    n_selected : int, default 10
        Voxels with the largest t selected as the "region of interest".
    effect : float, default 0.3
        True effect in each active voxel, in SDs of the subject-level noise.
    active_fraction : float, default 0.05
        Share of voxels that carry the effect (the rest have none).
    n_studies : int, default 200
        Simulated studies.
    seed : int, default 0
        Seed of the simulation.

    Returns
    -------
    CircularResult

    Raises
    ------
    ValueError
        If a count is out of range (``n_selected`` must not exceed ``n_voxels``) or
        ``active_fraction`` is not in [0, 1].

    Notes
    -----
    Subject *s*'s value at voxel *v* is :math:`x_{sv} = \\mu_v + e_{sv}`,
    :math:`e \\sim N(0, 1)`, with :math:`\\mu_v` equal to ``effect`` in the active voxels.
    *Circular*: select the ``n_selected`` voxels with the largest one-sample t over all
    subjects and report their mean :math:`\\bar x_v`. The selected voxels are those whose
    noise happened to be high, so the estimate exceeds their true mean
    :math:`\\bar\\mu_{sel}` on average (and is positive even when nothing is active).
    *Split half*: select on the first half of subjects and measure on the second, whose
    noise is independent of the selection, so the estimate is unbiased for the true mean of
    the selected voxels [1]_. The trial defined its regions with a separate localizer and
    then tested group x time effects in them [2]_.

    References
    ----------
    .. [1] Kriegeskorte N, Simmons WK, Bellgowan PSF, Baker CI. Circular analysis in
       systems neuroscience: the dangers of double dipping. Nat Neurosci.
       2009;12(5):535-540. doi:10.1038/nn.2303
    .. [2] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> res = circular_analysis(effect=0.3, n_studies=100, seed=1)
    >>> round(res.circular_bias, 2), round(res.split_bias, 2)
    (0.49, 0.0)
    """
    n_voxels = _validate.integer("n_voxels", n_voxels, minimum=1)
    n_subjects = _validate.integer("n_subjects", n_subjects, minimum=4)
    n_selected = _validate.integer("n_selected", n_selected, minimum=1, maximum=n_voxels)
    effect = _validate.number("effect", effect)
    frac = _validate.probability("active_fraction", active_fraction)
    n_studies = _validate.integer("n_studies", n_studies, minimum=1)
    rng = np.random.default_rng(seed)
    mu = np.zeros(n_voxels)
    mu[: int(round(frac * n_voxels))] = effect
    half = n_subjects // 2
    out = {k: np.empty(n_studies) for k in ("ce", "ct", "se", "st")}
    chunk = max(1, 2_000_000 // (n_subjects * n_voxels))
    for start in range(0, n_studies, chunk):
        stop = min(n_studies, start + chunk)
        x = mu + rng.standard_normal((stop - start, n_subjects, n_voxels))
        rows = np.arange(stop - start)[:, None]
        # circular: select and measure on all subjects
        t_all = x.mean(axis=1) / x.std(axis=1, ddof=1)
        sel = np.argpartition(-t_all, n_selected - 1, axis=1)[:, :n_selected]
        out["ce"][start:stop] = x.mean(axis=1)[rows, sel].mean(axis=1)
        out["ct"][start:stop] = mu[sel].mean(axis=1)
        # split half: select on the first half, measure on the second
        a, b = x[:, :half], x[:, half:]
        t_a = a.mean(axis=1) / a.std(axis=1, ddof=1)
        sel = np.argpartition(-t_a, n_selected - 1, axis=1)[:, :n_selected]
        out["se"][start:stop] = b.mean(axis=1)[rows, sel].mean(axis=1)
        out["st"][start:stop] = mu[sel].mean(axis=1)
    return CircularResult(out["ce"], out["ct"], out["se"], out["st"], effect, n_selected,
                          n_subjects, n_voxels)


def reverse_inference(p_activation_given_pain, p_activation_given_not_pain,
                      prior_pain=0.5):
    """Probability of pain given that a region is active, by Bayes' rule.

    Parameters
    ----------
    p_activation_given_pain : float or array
        How often the region activates when people are in pain (sensitivity).
    p_activation_given_not_pain : float or array
        How often it activates in other states (1 - specificity).
    prior_pain : float or array, default 0.5
        Probability of pain before looking at the brain.

    Returns
    -------
    float or numpy.ndarray
        :math:`P(\\text{pain} \\mid \\text{activation})`, broadcast over the inputs.

    Raises
    ------
    ValueError
        If an input is not a probability, the shapes do not broadcast, or activation has
        probability 0 (then the posterior is undefined).

    Notes
    -----
    .. math:: P(P \\mid A) = \\frac{P(A \\mid P)\\, P(P)}
              {P(A \\mid P)\\, P(P) + P(A \\mid \\neg P)\\, (1 - P(P))} .

    The posterior odds are the prior odds times the likelihood ratio
    :math:`P(A \\mid P) / P(A \\mid \\neg P)`. A region that activates in many states (the
    anterior insula and cingulate activate in pain but also in attention, salience and
    emotion) has a ratio near 1, so its activation adds little to the prior [1]_.

    References
    ----------
    .. [1] Poldrack RA. Can cognitive processes be inferred from neuroimaging data? Trends
       Cogn Sci. 2006;10(2):59-63. doi:10.1016/j.tics.2005.12.004

    Examples
    --------
    >>> round(reverse_inference(0.8, 0.4, prior_pain=0.5), 3)
    0.667
    >>> np.round(reverse_inference(0.8, [0.8, 0.4, 0.1]), 3).tolist()
    [0.5, 0.667, 0.889]
    """
    a = _validate.probability_array("p_activation_given_pain", p_activation_given_pain)
    b = _validate.probability_array("p_activation_given_not_pain", p_activation_given_not_pain)
    prior = _validate.probability_array("prior_pain", prior_pain)
    try:
        a, b, prior = np.broadcast_arrays(a, b, prior)
    except ValueError:
        raise ValueError(f"p_activation_given_pain, p_activation_given_not_pain and "
                         f"prior_pain must have shapes that broadcast; got {a.shape}, "
                         f"{b.shape} and {prior.shape}.") from None
    numerator = a * prior
    denominator = numerator + b * (1.0 - prior)
    if np.any(denominator == 0):
        raise ValueError("p_activation_given_pain and p_activation_given_not_pain give "
                         "activation a probability of 0 for some inputs, so the posterior "
                         "is undefined.")
    return scalar_or_array(numerator / denominator)


def t_to_d(t, df=None, *, n1=None, n2=None):
    """Approximate standardized effect (Cohen's d) of a two-group t statistic.

    Parameters
    ----------
    t : float or array
        The t statistic (for example a group x time interaction).
    df : float or array, optional
        Its degrees of freedom; used when the group sizes are not given.
    n1, n2 : int, optional
        Group sizes; when both are given they are used instead of ``df``.

    Returns
    -------
    float or numpy.ndarray
        ``2 t / sqrt(df)``, or ``t sqrt(1/n1 + 1/n2)`` with group sizes.

    Raises
    ------
    ValueError
        If neither ``df`` nor both group sizes are given, or a value is invalid.

    Notes
    -----
    For two independent groups of sizes :math:`n_1, n_2`,
    :math:`t = d / \\sqrt{1/n_1 + 1/n_2}`, so :math:`d = t\\sqrt{1/n_1 + 1/n_2}`. With equal
    groups and :math:`df = n_1 + n_2 - 2 \\approx 2n`, this becomes
    :math:`d \\approx 2t/\\sqrt{df}` [1]_. For a group x time test the "d" is a
    standardized difference in change scores, in units of the SD of change, not of the
    outcome itself. When the t comes from a mixed model with Satterthwaite df (as in the
    trial's ROI tests) the conversion is only a rough guide.

    References
    ----------
    .. [1] Rosenthal R. Meta-Analytic Procedures for Social Research. Rev. ed. Sage; 1991.
       doi:10.4135/9781412984997

    Examples
    --------
    >>> round(t_to_d(-1.73, 133.48), 2)  # aMCC, PRT vs placebo (paper, Results)
    -0.3
    >>> round(t_to_d(2.0, n1=50, n2=50), 2)
    0.4
    """
    t_arr = _validate.finite_array("t", t)
    if n1 is not None or n2 is not None:
        if n1 is None or n2 is None:
            raise ValueError(f"n1 and n2 must both be given; got n1={n1!r} and n2={n2!r}.")
        n1 = _validate.integer("n1", n1, minimum=1)
        n2 = _validate.integer("n2", n2, minimum=1)
        return scalar_or_array(t_arr * math.sqrt(1.0 / n1 + 1.0 / n2))
    if df is None:
        raise ValueError("df must be given when n1 and n2 are not; got None.")
    return scalar_or_array(2.0 * t_arr / np.sqrt(_degrees_of_freedom(df)))


def t_to_p(t, df, alternative: str = "two-sided"):
    """The p-value of a t statistic with given degrees of freedom.

    Parameters
    ----------
    t : float or array
        The t statistic.
    df : float or array
        Degrees of freedom (need not be whole: Welch and Satterthwaite df are fractional).
    alternative : {"two-sided", "greater", "less"}, default "two-sided"
        The alternative hypothesis (scipy's names): effect != 0, effect > 0 or effect < 0.
        The PRT trial's ROI tests were one-tailed in the direction of a reduction, that is
        "less".

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    ValueError
        If ``df`` is not positive or ``alternative`` is not one of the choices.

    Notes
    -----
    With :math:`F` the t distribution function with ``df`` degrees of freedom:
    two-sided :math:`p = 2(1 - F(|t|))`, greater :math:`p = 1 - F(t)`, less
    :math:`p = F(t)` (``scipy.stats.t``) [1]_. A one-tailed p is half the two-sided one
    when the effect goes in the predicted direction.

    References
    ----------
    .. [1] Student. The probable error of a mean. Biometrika. 1908;6(1):1-25.
       doi:10.1093/biomet/6.1.1

    Examples
    --------
    >>> round(t_to_p(-1.73, 133.48, alternative="less"), 3)  # paper prints p = .04
    0.043
    >>> round(t_to_p(-1.73, 133.48), 3)
    0.086
    """
    t_arr = _validate.finite_array("t", t)
    df_arr = _degrees_of_freedom(df)
    alternative = _validate.alternative(alternative)
    return scalar_or_array(t_p_value(t_arr, df_arr, alternative))


def _degrees_of_freedom(df) -> np.ndarray:
    """``df`` as an array of positive finite numbers, or ValueError."""
    df_arr = _validate.finite_array("df", df)
    if (df_arr <= 0).any():
        raise ValueError(f"df must be positive; got {df!r}.")
    return df_arr


