"""Two proportions compared: risk difference, risk ratio, odds ratio, NNT and Cohen's h.

For yes/no outcomes (pain-free or not, an adverse event or not) the course compares two
groups' proportions in every usual currency (:func:`compare_proportions`), each with its
interval, and gives the Wilson interval of a single proportion (:func:`wilson_interval`).

Sign convention, everywhere: **group 1 versus group 2** (difference ``p1 - p2``, ratios
``p1 / p2``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from prtlib import _validate
from prtlib.stats.intervals import Interval

__all__ = ["ProportionComparison", "compare_proportions", "wilson_interval"]


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


def wilson_interval(events, n, confidence_level=0.95) -> Interval:
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
    Interval
        ``(low, high)``, always inside [0, 1], with method "Wilson score".

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
    >>> print(wilson_interval(33, 50))
    0.52 to 0.78 (95% CI, Wilson score)
    """
    count, total = _counts("events", events, "n", n)
    level, z = _level(confidence_level)
    return Interval(*_wilson(count, total, z), level=level, method="Wilson score")


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
    risk_difference_ci : Interval
        Newcombe's hybrid score interval (method 10).
    risk_ratio, odds_ratio : float
        ``p1 / p2`` and the odds ratio (with 0.5 added to every cell if one is 0).
    risk_ratio_ci, odds_ratio_ci : Interval
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
        The inverted RD interval, a plain pair rather than an :class:`Interval` because
        it may run through infinity. If ``nnt_ci_crosses_infinity`` is False: the NNT
        limits (low, high) in the direction of ``nnt_kind``. If True (the RD interval
        includes zero): ``(NNT benefit limit, NNT harm limit)``; the interval runs from
        the first through infinity to the second (Altman 1998).
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
    risk_difference_ci: Interval
    risk_ratio: float
    risk_ratio_ci: Interval
    odds_ratio: float
    odds_ratio_ci: Interval
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


def _log_scale(log_estimate: float, se: float, z: float, level: float,
               method: str) -> Interval:
    """``exp(log estimate -/+ z SE)``: a ratio's interval from its log-scale standard error."""
    return Interval(math.exp(log_estimate - z * se), math.exp(log_estimate + z * se), level,
                    method)


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
        risk_difference_ci=Interval(rd_low, rd_high, level, "Newcombe hybrid score"),
        risk_ratio=math.exp(log_rr),
        risk_ratio_ci=_log_scale(log_rr, se_log_rr, z, level, "Katz log"),
        odds_ratio=math.exp(log_or),
        odds_ratio_ci=_log_scale(log_or, se_log_or, z, level, "Woolf log"),
        zero_cell_correction=corrected,
        cohens_h=2.0 * math.asin(math.sqrt(p1)) - 2.0 * math.asin(math.sqrt(p2)),
        event_is_good=bool(event_is_good),
        nnt=nnt,
        nnt_kind=kind,
        nnt_ci=nnt_ci,
        nnt_ci_crosses_infinity=crosses,
    )
