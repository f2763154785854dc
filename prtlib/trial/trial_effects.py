"""The PRT trial's effects in several currencies: responders, Table 2's g over time, and the
choices that move a standardized difference.

Lesson 03 asks how one result, "PRT lowered pain more than the control arms", turns into
numbers, and why honest analysts can get different numbers from the same data. This module
holds that logic:

- :func:`compare_responders`: the responder table of the supplement (eTable 2) as counts
  (:func:`prtlib.trial.responders.responder_counts`, re-exported here), compared by risk
  difference, ratios, NNT and Cohen's h;
- :func:`table2_effects`: the change-score g of Table 2 at every follow-up with its SE and
  interval, beside the post-only g that the printed means and SDs give;
- :func:`effect_size_variants`: from participant data, the same comparison standardized in
  the several reasonable ways (change score, post-only, pretest SD, baseline-adjusted);
- :func:`pretest_sd_d`: Morris's (2008) pretest-posttest-control effect size from summaries;
- :func:`dichotomization_efficiency` and :func:`responder_power`: what counting responders
  instead of comparing means costs.

Sign convention: PRT minus control, so on the pain scale a benefit of PRT is negative.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from prtlib import _validate
from prtlib.stats.effect_sizes import (
    change_score_g,
    hedges_correction,
    hedges_g,
    hedges_g_from_summary,
)
from prtlib.stats.proportions import ProportionComparison, compare_proportions
from prtlib.trial.constants import TIMES, control_arm
from prtlib.trial.responders import (
    RESPONDER_RULES,
    RESPONDER_TIMES,
    RULE_LABELS,
    ResponderCounts,
    responder_counts,
)

__all__ = [
    "RESPONDER_RULES",
    "RESPONDER_TIMES",
    "RULE_LABELS",
    "ResponderCounts",
    "compare_responders",
    "dichotomization_efficiency",
    "effect_size_variants",
    "pretest_sd_d",
    "responder_counts",
    "responder_power",
    "table2_effects",
]

def _published():
    from prtlib.trial import published

    return published


# ---------------------------------------------------------------------------------------
# Responders
# ---------------------------------------------------------------------------------------


def compare_responders(comparison="prt_vs_placebo", rule="pain01", time="post",
                       confidence_level=0.95) -> ProportionComparison:
    """PRT's responders against a control arm's: RD, RR, OR, NNT and Cohen's h with CIs.

    Parameters
    ----------
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
        Which control arm.
    rule : {"pain01", "reduction30", "reduction50"}, default "pain01"
        Responder definition (see :func:`responder_counts`).
    time : {"post", "12mo"}, default "post"
        Assessment.
    confidence_level : float, default 0.95
        Coverage of every interval.

    Returns
    -------
    prtlib.stats.proportions.ProportionComparison
        Group 1 is PRT; a responder is a good outcome.

    Raises
    ------
    ValueError
        For an unknown comparison, rule or time, or a level outside (0, 1).

    Notes
    -----
    Counts from :func:`responder_counts`, then
    :func:`prtlib.stats.proportions.compare_proportions` (Newcombe's interval for the risk
    difference, log-scale intervals for the ratios, the NNT as ``1 / RD``).

    References
    ----------
    Altman DG. Confidence intervals for the number needed to treat. BMJ.
    1998;317(7168):1309-1312. doi:10.1136/bmj.317.7168.1309

    Examples
    --------
    >>> c = compare_responders("prt_vs_usual_care", "pain01", "post")
    >>> print(f"RD {c.risk_difference:.2f}, NNT {c.nnt:.1f}, RR {c.risk_ratio:.1f}")
    RD 0.56, NNT 1.8, RR 6.6
    """
    control = control_arm(comparison)
    r = responder_counts(rule, time)
    return compare_proportions(r.counts["prt"], r.randomized["prt"], r.counts[control],
                               r.randomized[control], confidence_level=confidence_level)


# ---------------------------------------------------------------------------------------
# Table 2 over time
# ---------------------------------------------------------------------------------------


def table2_effects(comparison="prt_vs_placebo", confidence_level=0.95):
    """Table 2's change-score g at every follow-up, with its SE and interval, and the
    post-only g that the printed means and SDs give.

    Parameters
    ----------
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
        Which control arm.
    confidence_level : float, default 0.95
        Coverage of the normal-approximation interval ``g +/- z SE``.

    Returns
    -------
    pandas.DataFrame
        Indexed by time (post, 1mo, 2mo, 3mo, 6mo, 12mo), columns ``g`` and ``se``
        (Table 2), ``ci_low`` and ``ci_high``, ``post_only_g`` (Hedges' g of the time's
        means and SDs alone) and ``n_prt``, ``n_control`` (monitored at that time,
        Figure 1).

    Raises
    ------
    ValueError
        For an unknown comparison or a level outside (0, 1).

    Notes
    -----
    ``ci = g +/- z_(1 - alpha/2) SE`` with the bootstrap SE of Table 2. The post-only g is
    ``J (m_PRT - m_control) / s_pooled`` from the printed means and SDs with the monitored
    numbers as sizes (:func:`prtlib.stats.effect_sizes.hedges_g_from_summary`); it ignores
    baseline, so it differs from the paper's change-score g wherever the arms started at
    different levels or the change scores vary differently from the levels.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Table 2 and Figure 1.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> t = table2_effects("prt_vs_placebo")
    >>> for time in ("post", "12mo"):
    ...     row = t.loc[time]
    ...     print(f"{time}: g {row.g:.2f} (SE {row.se:.2f}), post-only {row.post_only_g:.2f}")
    post: g -1.14 (SE 0.24), post-only -1.13
    12mo: g -0.70 (SE 0.21), post-only -0.75
    """
    import pandas as pd

    control = control_arm(comparison)
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    get = _published().get
    rows = []
    for time in TIMES[1:]:
        g = float(get(f"g.pain.{time}.{comparison}"))
        se = float(get(f"g.pain.{time}.{comparison}.se"))
        n1 = int(get(f"n.monitored.{time}.prt"))
        n2 = int(get(f"n.monitored.{time}.{control}"))
        post_only = hedges_g_from_summary(
            get(f"pain.{time}.prt.mean"), get(f"pain.{time}.prt.sd"), n1,
            get(f"pain.{time}.{control}.mean"), get(f"pain.{time}.{control}.sd"), n2)
        rows.append({"time": time, "g": g, "se": se, "ci_low": g - z * se,
                     "ci_high": g + z * se, "post_only_g": post_only.estimate,
                     "n_prt": n1, "n_control": n2})
    return pd.DataFrame(rows).set_index("time")


# ---------------------------------------------------------------------------------------
# Which standardized difference?
# ---------------------------------------------------------------------------------------


def pretest_sd_d(pre_mean1, post_mean1, pre_sd1, n1, pre_mean2, post_mean2, pre_sd2, n2):
    """Morris's d_ppc2: difference in mean change divided by the pooled *baseline* SD.

    Parameters
    ----------
    pre_mean1, post_mean1, pre_sd1, n1 : float, float, float, int
        Baseline mean, follow-up mean, baseline SD and size of group 1 (treated).
    pre_mean2, post_mean2, pre_sd2, n2 : float, float, float, int
        The same for group 2 (control).

    Returns
    -------
    float
        ``d_ppc2``, group 1 minus group 2, with the small-sample correction.

    Raises
    ------
    ValueError
        If a mean is not finite, an SD is not positive or a size is below 2.

    Notes
    -----
    ::

        d_ppc2 = c(n1 + n2 - 2) * ((post1 - pre1) - (post2 - pre2)) / s_pre,pooled
        s_pre,pooled = sqrt(((n1 - 1) sd1^2 + (n2 - 1) sd2^2) / (n1 + n2 - 2))

    with the approximate correction ``c(m) = 1 - 3 / (4m - 1)`` that Morris uses. The
    numerator is the same as the change-score g's; only the yardstick differs: the spread
    of people at baseline instead of the spread of their changes. Morris (2008) found it
    the least biased and most precise of three pretest-posttest-control estimates.

    References
    ----------
    Morris SB. Estimating effect sizes from pretest-posttest-control group designs. Organ
    Res Methods. 2008;11(2):364-386. doi:10.1177/1094428106291059

    Examples
    --------
    Study 5 of Morris (2008), Table 5 (d_ppc2 = 0.44):

    >>> print(f"{pretest_sd_d(35.6, 36.0, 4.7, 14, 34.8, 33.4, 3.1, 14):.2f}")
    0.44
    """
    m1a = _validate.number("pre_mean1", pre_mean1)
    m1b = _validate.number("post_mean1", post_mean1)
    s1 = _validate.positive("pre_sd1", pre_sd1)
    k1 = _validate.integer("n1", n1, minimum=2)
    m2a = _validate.number("pre_mean2", pre_mean2)
    m2b = _validate.number("post_mean2", post_mean2)
    s2 = _validate.positive("pre_sd2", pre_sd2)
    k2 = _validate.integer("n2", n2, minimum=2)
    df = k1 + k2 - 2
    pooled = math.sqrt(((k1 - 1) * s1 * s1 + (k2 - 1) * s2 * s2) / df)
    return hedges_correction(df, exact=False) * ((m1b - m1a) - (m2b - m2a)) / pooled


def effect_size_variants(df, comparison="prt_vs_placebo", time="post"):
    """One comparison of participant data, standardized in five defensible ways.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :func:`prtlib.trial.cohort.synthetic_trial` or
        :func:`prtlib.trial.cohort.public_trial` (columns participant, arm, time, pain).
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
        Which control arm.
    time : str, default "post"
        A later assessment present in ``df``.

    Returns
    -------
    pandas.DataFrame
        One row per variant, indexed by a short name, with columns ``estimate``,
        ``difference`` (the raw numerator, pain points), ``yardstick`` (the SD it is
        divided by, pain points), ``n_prt``, ``n_control`` and ``description``.

    Raises
    ------
    ValueError
        If ``df`` is not such a table, ``comparison`` is unknown or ``time`` is not a
        later assessment present in ``df``.

    Notes
    -----
    With people seen at both baseline and ``time`` (complete pairs) for the change-based
    rows, and everyone seen at ``time`` for the post-only row:

    - ``change-score g``: Hedges' g of the change scores (the paper's Table 2);
    - ``change-score d``: the same without Hedges' correction J;
    - ``post-only g``: Hedges' g of the scores at ``time``, ignoring baseline;
    - ``pretest-SD d``: Morris's d_ppc2, difference in mean change over the pooled
      baseline SD (:func:`pretest_sd_d`);
    - ``baseline-adjusted g``: the arm coefficient of the least-squares fit
      ``post = a + b * arm + c * baseline`` (ANCOVA), times J, over the pooled SD at
      ``time``; this is closest in spirit to the trial's mixed model.

    References
    ----------
    Morris SB. Estimating effect sizes from pretest-posttest-control group designs. Organ
    Res Methods. 2008;11(2):364-386. doi:10.1177/1094428106291059

    Lakens D. Calculating and reporting effect sizes to facilitate cumulative science. Front
    Psychol. 2013;4:863. doi:10.3389/fpsyg.2013.00863

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> v = effect_size_variants(synthetic_trial(seed=0), "prt_vs_usual_care")
    >>> list(v.index)  # doctest: +NORMALIZE_WHITESPACE
    ['change-score g', 'change-score d', 'post-only g', 'pretest-SD d',
     'baseline-adjusted g']
    >>> bool(abs(v.loc["change-score g", "estimate"] - (-1.75)) < 0.03)  # Table 2: -1.75
    True
    """
    import pandas as pd

    from prtlib.trial.cohort import wide

    control = control_arm(comparison)
    w = wide(df, "pain")
    later = [c for c in w.columns if c not in ("arm", "baseline")]
    time = _validate.choice("time", time, later)
    if "baseline" not in w.columns:
        raise ValueError("df must hold baseline rows; it has none.")
    a = w[w["arm"] == "prt"]
    b = w[w["arm"] == control]
    change = change_score_g(a["baseline"], a[time], b["baseline"], b[time])
    post = hedges_g(a[time], b[time])

    pairs_a = a[["baseline", time]].dropna()
    pairs_b = b[["baseline", time]].dropna()
    diff_change = float((pairs_a[time] - pairs_a["baseline"]).mean()
                        - (pairs_b[time] - pairs_b["baseline"]).mean())
    n1, n2 = len(pairs_a), len(pairs_b)
    pre = pretest_sd_d(pairs_a["baseline"].mean(), pairs_a[time].mean(),
                       pairs_a["baseline"].std(ddof=1), n1, pairs_b["baseline"].mean(),
                       pairs_b[time].mean(), pairs_b["baseline"].std(ddof=1), n2)
    pre_sd = diff_change / pre * hedges_correction(n1 + n2 - 2, exact=False)

    y = np.concatenate([pairs_a[time], pairs_b[time]])
    arm = np.concatenate([np.ones(n1), np.zeros(n2)])
    base = np.concatenate([pairs_a["baseline"], pairs_b["baseline"]])
    design = np.column_stack([np.ones(n1 + n2), arm, base])
    coef = np.linalg.lstsq(design, y, rcond=None)[0]
    post_a, post_b = a[time].dropna(), b[time].dropna()
    post_sd = math.sqrt(((post.n1 - 1) * post_a.var(ddof=1) + (post.n2 - 1) * post_b.var(ddof=1))
                        / (post.n1 + post.n2 - 2))
    j_pairs = hedges_correction(n1 + n2 - 2)
    adjusted = j_pairs * float(coef[1]) / post_sd

    change_sd = abs(diff_change / change.d)
    post_diff = float(post_a.mean() - post_b.mean())
    rows = [
        ("change-score g", change.estimate, diff_change, change_sd, n1, n2,
         "difference in mean change over the pooled SD of change, times J (Table 2)"),
        ("change-score d", change.d, diff_change, change_sd, n1, n2,
         "the same without Hedges' small-sample correction"),
        ("post-only g", post.estimate, post_diff, post_sd, post.n1, post.n2,
         "difference in means at this time over their pooled SD, baseline ignored"),
        ("pretest-SD d", pre, diff_change, pre_sd, n1, n2,
         "difference in mean change over the pooled baseline SD (Morris d_ppc2)"),
        ("baseline-adjusted g", adjusted, float(coef[1]), post_sd, n1, n2,
         "ANCOVA difference adjusted for baseline, over the pooled SD at this time"),
    ]
    out = pd.DataFrame(rows, columns=["variant", "estimate", "difference", "yardstick",
                                      "n_prt", "n_control", "description"])
    return out.set_index("variant")


# ---------------------------------------------------------------------------------------
# The cost of dichotomizing
# ---------------------------------------------------------------------------------------


def dichotomization_efficiency(control_rate=0.5):
    """Share of the information kept when a normal outcome is cut into responders.

    Parameters
    ----------
    control_rate : float or array_like, default 0.5
        Share of the control group above the cut (the control "response" rate), in (0, 1).

    Returns
    -------
    float or numpy.ndarray
        The asymptotic relative efficiency of comparing responder proportions instead of
        means, for small effects: 1 means nothing lost; 0.64 means the responder analysis
        needs 1 / 0.64 = 1.57 times as many people for the same power.

    Raises
    ------
    ValueError
        If a ``control_rate`` is not strictly between 0 and 1.

    Notes
    -----
    With a normal outcome, a cut at ``c = Phi^-1(1 - p)`` (so that a share p of controls
    respond) and a small shift d, the responder rate rises by about ``phi(c) d``, with
    binomial variance ``p (1 - p)``; the mean rises by d with variance 1. The ratio of the
    two squared signal-to-noise ratios is::

        efficiency = phi(c)^2 / (p (1 - p))

    which peaks at ``2 / pi = 0.637`` for a cut at the median and falls quickly for
    extreme cuts (Cohen 1983).

    References
    ----------
    Cohen J. The cost of dichotomization. Appl Psychol Meas. 1983;7(3):249-253.
    doi:10.1177/014662168300700301

    Altman DG, Royston P. The cost of dichotomising continuous variables. BMJ.
    2006;332(7549):1080. doi:10.1136/bmj.332.7549.1080

    Examples
    --------
    >>> print(f"{dichotomization_efficiency(0.5):.3f} {dichotomization_efficiency(0.1):.3f}")
    0.637 0.342
    """
    p, scalar = _rates("control_rate", control_rate)
    c = stats.norm.isf(p)
    eff = stats.norm.pdf(c) ** 2 / (p * (1.0 - p))
    return float(eff) if scalar else eff


def _rates(name, value):
    if np.ndim(value) == 0:
        return _validate.probability(name, value, open_interval=True), True
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or an array of numbers strictly between "
                         f"0 and 1; got {_validate._short(value)}.") from None
    if not np.all((arr > 0) & (arr < 1)):
        raise ValueError(f"{name} must hold numbers strictly between 0 and 1; got "
                         f"{_validate._short(value)}.")
    return arr, False


def responder_power(d, n_per_group, control_rate=0.2, alpha=0.05):
    """Power of a responder analysis when a normal outcome with true effect d is cut.

    Parameters
    ----------
    d : float
        True standardized difference in the good direction (positive = benefit).
    n_per_group : int
        People per arm, at least 2.
    control_rate : float, default 0.2
        Share of controls counted as responders, in (0, 1).
    alpha : float, default 0.05
        Two-sided significance level, in (0, 1).

    Returns
    -------
    float
        Approximate power of the two-proportion z test on the responder counts.

    Raises
    ------
    ValueError
        If ``d`` is not finite, ``n_per_group`` < 2, or a rate or ``alpha`` is outside
        (0, 1).

    Notes
    -----
    The treated response rate is ``p1 = Phi(d + Phi^-1(p0))`` (the same conversion as
    :func:`prtlib.stats.overlap.overlap_stats`). With Cohen's
    ``h = 2 asin(sqrt(p1)) - 2 asin(sqrt(p0))`` the arcsine-transformed proportions have
    variance ``1/n`` each, so::

        power = Phi(|h| sqrt(n/2) - z) + Phi(-|h| sqrt(n/2) - z),  z = z_(1 - alpha/2)

    Compare it with :func:`prtlib.stats.power.power_two_groups` for the t test on the same
    outcome to see the cost of counting responders.

    References
    ----------
    Cohen J. Statistical Power Analysis for the Behavioral Sciences. 2nd ed. Erlbaum; 1988.
    Chapter 6. doi:10.4324/9780203771587

    Examples
    --------
    The trial's planning effect, d = 0.62, with 50 per arm and 20% of controls responding:

    >>> print(f"{responder_power(0.62, 50, control_rate=0.2):.2f}")
    0.65
    """
    d = _validate.number("d", d)
    n = _validate.integer("n_per_group", n_per_group, minimum=2)
    p0 = _validate.probability("control_rate", control_rate, open_interval=True)
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    p1 = float(stats.norm.cdf(d + stats.norm.ppf(p0)))
    h = abs(2.0 * math.asin(math.sqrt(p1)) - 2.0 * math.asin(math.sqrt(p0)))
    z = float(stats.norm.isf(alpha / 2.0))
    shift = h * math.sqrt(n / 2.0)
    return float(stats.norm.cdf(shift - z) + stats.norm.cdf(-shift - z))
