"""Responders in the PRT trial: the one rule that classifies a person as a responder, and
eTable 2's responders as counts.

- :data:`RESPONDER_RULES`, :data:`RESPONDER_TIMES` and :data:`RULE_LABELS`: eTable 2's
  three definitions and its two times;
- :func:`is_responder`: whether each person responded under a rule, from their baseline
  and later pain (a missed visit is no response). Every responder count that is computed
  from people (:func:`prtlib.trial.cohort.responders`, the lessons' exercises) uses it;
- :func:`responder_counts`: the responders per arm that the paper reports (eTable 2's
  percentages turned back into counts). Every responder count read from the paper
  (:func:`prtlib.trial.trial_effects.compare_responders`,
  :func:`prtlib.trial.designs.responder_rates`,
  :func:`prtlib.trial.followup.responder_sensitivity`) uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from prtlib import _validate
from prtlib.trial import published
from prtlib.trial.constants import ARMS

__all__ = [
    "RESPONDER_RULES",
    "RESPONDER_TIMES",
    "RULE_LABELS",
    "ResponderCounts",
    "is_responder",
    "responder_counts",
]

RESPONDER_RULES = ("pain01", "reduction30", "reduction50")
"""Responder definitions of eTable 2: pain 0 or 1; at least a 30% or a 50% drop in pain."""

RESPONDER_TIMES = ("post", "12mo")
"""The two times at which eTable 2 reports responders."""

RULE_LABELS = {
    "pain01": "pain 0 or 1 of 10",
    "reduction30": "pain down by at least 30%",
    "reduction50": "pain down by at least 50%",
}
"""What each rule in :data:`RESPONDER_RULES` means, for labels and readouts."""

PAIN01_MAX = 1.0
"""The ``pain01`` rule: pain at most this (0 or 1 of 10) is a response."""

_REDUCTIONS = {"reduction30": 0.30, "reduction50": 0.50}


def is_responder(baseline, later, rule="pain01") -> np.ndarray:
    """Whether each person responded under one of eTable 2's rules.

    Parameters
    ----------
    baseline, later : array_like
        Each person's pain at baseline and at the visit judged (0-10; NaN = not seen).
    rule : {"pain01", "reduction30", "reduction50"}, default "pain01"
        ``pain01``: later pain 0 or 1; ``reduction30`` / ``reduction50``: later pain at
        least 30% / 50% below the person's baseline.

    Returns
    -------
    numpy.ndarray of bool
        One entry per person; a missing later value (NaN) is no response.

    Raises
    ------
    ValueError
        For an unknown rule, or arrays of different shapes.

    Notes
    -----
    With ``x0`` the baseline and ``x`` the later pain, the reduction is
    ``(x0 - x) / x0``; a person responds under ``reductionP`` when it is at least P/100
    (within 1e-12, so that 7 -> 4.9 counts as a 30% drop); a baseline of 0 cannot fall,
    so it never counts. Counting the missing as non-responders is eTable 2's rule.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, eTable 2.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> is_responder([6, 5, 4, 0], [1, 3.5, np.nan, 0]).tolist()
    [True, False, False, True]
    >>> is_responder([6, 5, 4, 0], [1, 3.5, np.nan, 0], "reduction30").tolist()
    [True, True, False, False]
    """
    rule = _validate.choice("rule", rule, RESPONDER_RULES)
    base = np.asarray(baseline, dtype=float)
    after = np.asarray(later, dtype=float)
    if base.shape != after.shape:
        raise ValueError(f"baseline and later must have the same shape; got {base.shape} "
                         f"and {after.shape}.")
    with np.errstate(invalid="ignore", divide="ignore"):
        if rule == "pain01":
            hit = after <= PAIN01_MAX
        else:
            drop = (base - after) / base
            hit = (base > 0) & (drop >= _REDUCTIONS[rule] - 1e-12)
    return np.asarray(hit & np.isfinite(after), dtype=bool)


# ---------------------------------------------------------------------------------------
# eTable 2 as counts
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponderCounts:
    """Responders per arm for one definition and time (eTable 2 as counts).

    Attributes
    ----------
    rule, time : str
        The responder definition and the assessment.
    counts : dict of str to int
        Responders per arm.
    randomized : dict of str to int
        People randomized per arm (the denominator: missing counts as non-response).
    printed_percent : dict of str to float
        The percentages as eTable 2 prints them.
    """

    rule: str
    time: str
    counts: dict
    randomized: dict
    printed_percent: dict

    def percent(self, arm: str) -> float:
        """``100 * counts[arm] / randomized[arm]``, unrounded."""
        arm = _validate.choice("arm", arm, ARMS)
        return 100.0 * self.counts[arm] / self.randomized[arm]


def responder_counts(rule="pain01", time="post") -> ResponderCounts:
    """Number of responders per arm, recovered from eTable 2's rounded percentages.

    Parameters
    ----------
    rule : {"pain01", "reduction30", "reduction50"}, default "pain01"
        Pain 0 or 1 out of 10, or a drop of at least 30% / 50% from baseline.
    time : {"post", "12mo"}, default "post"
        Post-treatment or the 12-month follow-up.

    Returns
    -------
    ResponderCounts
        Counts, denominators (everyone randomized) and the printed percentages.

    Raises
    ------
    ValueError
        If ``rule`` or ``time`` is not one of the allowed values.
    RuntimeError
        If no whole count reproduces a printed percentage (a ledger error).

    Notes
    -----
    eTable 2 prints percentages of those randomized (50, 51, 50), with missing outcomes
    counted as non-response. The count is ``round(percent / 100 * n)``; with at most 51
    people per arm neighbouring counts differ by about 2 percentage points, so exactly one
    count rounds to each printed whole percentage, and the function checks that it does.
    Where the paper prints the counts themselves (pain 0 or 1 after treatment: 33, 10,
    5) they are read from the ledger directly.

    References
    ----------
    Ashar YK, Gordon A, Schubiner H, et al. Effect of pain reprocessing therapy vs placebo
    and usual care for patients with chronic back pain: a randomized clinical trial. JAMA
    Psychiatry. 2022;79(1):13-23, eTable 2. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> r = responder_counts("reduction50", "12mo")
    >>> r.counts
    {'prt': 30, 'placebo': 18, 'usual_care': 10}
    >>> r.randomized
    {'prt': 50, 'placebo': 51, 'usual_care': 50}
    """
    rule = _validate.choice("rule", rule, RESPONDER_RULES)
    time = _validate.choice("time", time, RESPONDER_TIMES)
    get = published.get
    counts, randomized, printed = {}, {}, {}
    for arm in ARMS:
        n = int(get(f"n.randomized.{arm}"))
        pct = float(get(f"responders.{rule}.{time}.{arm}.percent"))
        if rule == "pain01" and time == "post":
            count = int(get(f"responders.pain01.post.{arm}"))
        else:
            count = int(round(pct / 100.0 * n))
        if round(100.0 * count / n) != round(pct):
            raise RuntimeError(f"no whole count of {n} gives {pct}% ({rule}, {time}, {arm}).")
        counts[arm], randomized[arm], printed[arm] = count, n, pct
    return ResponderCounts(rule=rule, time=time, counts=counts, randomized=randomized,
                           printed_percent=printed)
