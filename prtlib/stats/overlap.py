"""Plain-language translations of a standardized difference d: overlap, superiority and NNT.

A d of 0.8 means little to most readers. For two normal groups with the same SD it can be
said in words: the share of the treated group beyond the control mean (Cohen's U3), how
much the two distributions overlap, the chance that a random treated person does better
than a random control (the common-language effect size), and the number needed to treat
for one more good outcome (:func:`overlap_stats`).

Sign convention as in :mod:`prtlib.stats.effect_sizes`: group 1 (treated) minus group 2
(control).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from prtlib import _validate

__all__ = ["OverlapStats", "overlap_stats"]


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
