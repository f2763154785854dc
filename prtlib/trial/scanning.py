"""The trial's fMRI: its scanning protocol, thin wrappers of :mod:`prtlib.stats.fmri` that fill
in that protocol, and its region-of-interest results re-expressed.

- :func:`protocol` reads the protocol from the ledger (:mod:`prtlib.trial.published`): TR
  460 ms; an evoked back-pain run of 20 trials of 37 s at 4 inflation levels of a pneumatic
  bladder, with the mean baseline rating of each level; an 8-minute spontaneous-pain
  (resting) scan.
- :func:`hrf`, :func:`task_events`, :func:`design_matrix` and :func:`simulate_resting_pair`
  call the general functions of :mod:`prtlib.stats.fmri` with the trial's values (every
  other argument is passed through).
- :func:`trial_roi_results` re-expresses the paper's region-of-interest group x time
  tests (one-tailed p, two-tailed p, approximate d), and :func:`trial_effects_by_measure`
  sets them beside the self-reported effects.

Timings inside a trial (how long the bladder stays inflated, when the rating comes) are not
in the trial's reports; the defaults of :func:`prtlib.stats.fmri.task_events` are teaching
assumptions and are labelled as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prtlib import _validate
from prtlib.stats.fmri import circularity, connectivity, design
from prtlib.trial import published
from prtlib.trial.constants import COMPARISONS

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

__all__ = ["Protocol", "design_matrix", "hrf", "protocol", "simulate_resting_pair",
           "task_events", "trial_effects_by_measure", "trial_roi_results"]


@dataclass(frozen=True)
class Protocol:
    """The trial's scanning protocol, as the ledger records it.

    Attributes
    ----------
    tr_s : float
        Repetition time in seconds (``fmri.tr_ms`` / 1000).
    n_trials : int
        Trials of the evoked back-pain run (``fmri.evoked.trials``).
    trial_s : float
        Seconds from the start of one trial to the next (``fmri.evoked.trial_s``).
    levels : int
        Inflation levels of the bladder (``fmri.evoked.levels``).
    baseline_ratings : tuple of float
        Mean baseline pain rating (0-100) of each level, level 1 first
        (``fmri.evoked.baseline_rating.level<i>``).
    spontaneous_minutes : float
        Length of the spontaneous-pain (resting) scan (``fmri.spontaneous.minutes``).
    """

    tr_s: float
    n_trials: int
    trial_s: float
    levels: int
    baseline_ratings: tuple
    spontaneous_minutes: float


def protocol() -> Protocol:
    """The trial's scanning protocol, read from the ledger.

    Examples
    --------
    >>> p = protocol()
    >>> p.tr_s, p.n_trials, p.trial_s, p.levels, p.spontaneous_minutes
    (0.46, 20, 37.0, 4, 8.0)
    >>> p.baseline_ratings
    (32.15, 37.91, 46.7, 52.73)
    """
    levels = published.get("fmri.evoked.levels")
    return Protocol(
        tr_s=published.get("fmri.tr_ms") / 1000.0,
        n_trials=published.get("fmri.evoked.trials"),
        trial_s=float(published.get("fmri.evoked.trial_s")),
        levels=levels,
        baseline_ratings=tuple(float(published.get(f"fmri.evoked.baseline_rating.level{i}"))
                               for i in range(1, levels + 1)),
        spontaneous_minutes=float(published.get("fmri.spontaneous.minutes")),
    )


def hrf(duration: float = 32.0, oversampling: int = 1) -> np.ndarray:
    """The canonical HRF (:func:`prtlib.stats.fmri.hrf`) sampled at the trial's TR.

    Examples
    --------
    >>> len(hrf()), len(hrf(oversampling=50))  # 32 s at 0.46 s, then at 0.46 / 50 s
    (70, 3478)
    """
    return design.hrf(protocol().tr_s, duration, oversampling)


def task_events(n_trials=None, trial_duration=None, levels=None, seed=0, *,
                stimulation_duration: float = 15.0, rating_onset: float = 20.0,
                rating_duration: float = 5.0) -> pd.DataFrame:
    """An evoked back-pain run like the trial's (:func:`prtlib.stats.fmri.task_events`).

    ``n_trials``, ``trial_duration`` and ``levels`` default to the trial's 20, 37 s and 4;
    with the trial's 4 levels, ``expected_rating`` holds the trial's mean baseline rating of
    each level (32.15, 37.91, 46.70 and 52.73), otherwise it is missing. The timings inside
    a trial are teaching assumptions (see :func:`prtlib.stats.fmri.task_events`).

    Examples
    --------
    >>> ev = task_events(seed=0)
    >>> ev.shape, float(ev.loc[0, "expected_rating"])  # level 1 first with seed 0
    ((40, 7), 32.15)
    """
    p = protocol()
    levels = p.levels if levels is None else levels
    return design.task_events(
        p.n_trials if n_trials is None else n_trials,
        p.trial_s if trial_duration is None else trial_duration, levels, seed,
        level_ratings=p.baseline_ratings if levels == p.levels else None,
        stimulation_duration=stimulation_duration, rating_onset=rating_onset,
        rating_duration=rating_duration)


def design_matrix(events, n_scans=None, parametric=True, **options) -> pd.DataFrame:
    """The design matrix of a run at the trial's TR (:func:`prtlib.stats.fmri.design_matrix`;
    ``options`` are its keyword arguments).

    Examples
    --------
    >>> design_matrix(task_events(seed=1)).shape  # 1653 scans of 0.46 s
    (1653, 15)
    """
    return design.design_matrix(events, protocol().tr_s, n_scans, parametric, **options)


def simulate_resting_pair(true_r: float = 0.4, minutes=None, seed=0) -> pd.DataFrame:
    """A seed and a target series of the trial's resting scan, 8 minutes at TR 0.46 s
    unless ``minutes`` is given (:func:`prtlib.stats.fmri.simulate_resting_pair`).

    Examples
    --------
    >>> simulate_resting_pair(0.4, seed=1).shape
    (1043, 2)
    """
    p = protocol()
    return connectivity.simulate_resting_pair(
        true_r, p.spontaneous_minutes if minutes is None else minutes, p.tr_s, seed)


_ROI_LABELS = {
    "amcc": "anterior midcingulate (aMCC)",
    "apfc": "anterior prefrontal (aPFC)",
    "left_ains": "left anterior insula",
}


def trial_roi_results(n_tests=None) -> pd.DataFrame:
    """The trial's region-of-interest treatment effects, re-expressed.

    Parameters
    ----------
    n_tests : int, optional
        Number of tests to spread the one-tailed alpha over (Bonferroni). When given, the
        table says whether each result survives ``alpha / n_tests``.

    Returns
    -------
    pandas.DataFrame
        One row per ROI result the paper reports (``fmri.roi.*`` in the ledger), with
        columns ``region``, ``key`` (ledger prefix), ``comparison``, ``t``, ``df``,
        ``p_reported`` (one-tailed, as printed), ``p_one_tailed`` (recomputed),
        ``p_two_tailed``, ``n_prt`` and ``n_control`` (people randomized to the two arms
        compared), ``d`` (approximate standardized effect from t and the arm sizes,
        :func:`prtlib.stats.fmri.t_to_d` with ``n1``, ``n2``), ``d_from_df`` (the cruder
        ``2 t / sqrt(df)`` with the mixed model's df, kept for comparison), ``alpha`` (the
        paper's one-tailed .05) and ``passes``; with ``n_tests`` also ``alpha_bonferroni``
        and ``passes_bonferroni``.

    Raises
    ------
    ValueError
        If ``n_tests`` is not a whole number of at least 1.

    Notes
    -----
    Each result is a group x time interaction from a mixed model: the change in the
    evoked-pain response of a region from before to after treatment, PRT minus a control
    arm. The paper tested these one-tailed (a reduction predicted), so the one-tailed p
    is :math:`F_{df}(t)` for a negative t and the two-tailed p is twice that.

    The effect size is :math:`d = t\\sqrt{1/n_1 + 1/n_2}` with the people randomized to
    the two arms [2]_. The shortcut :math:`2t/\\sqrt{df}` assumes
    :math:`df = n_1 + n_2 - 2`; a mixed model's Satterthwaite df (133.48 and 120.1 here)
    count sessions as well as people and exceed that, so the shortcut shrinks d. The
    ledger does not record how many people per arm had usable scans; fewer people than
    were randomized would make d larger still, so these d's are, if anything, too small. For a
    group x time test, d is in units of the SD of the change. The paper reports that no
    effect survived whole-brain correction [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669
    .. [2] Lakens D. Calculating and reporting effect sizes to facilitate cumulative
       science: a practical primer for t-tests and ANOVAs. Front Psychol. 2013;4:863.
       doi:10.3389/fpsyg.2013.00863

    Examples
    --------
    >>> table = trial_roi_results()
    >>> table[["region", "t", "p_reported"]].to_string(index=False)
    '                      region     t  p_reported\\nanterior midcingulate (aMCC) -1.73        0.04\\n  anterior prefrontal (aPFC) -1.85        0.03\\n        left anterior insula -2.34        0.01'
    >>> trial_roi_results(n_tests=14)["passes_bonferroni"].tolist()
    [False, False, False]
    >>> table[["n_prt", "n_control", "d_from_df", "d"]].round(2).values.tolist()
    [[50.0, 51.0, -0.3, -0.34], [50.0, 51.0, -0.32, -0.37], [50.0, 50.0, -0.43, -0.47]]
    """
    import pandas as pd

    alpha = float(published.get("fmri.roi.alpha_one_tailed"))
    rows = []
    for key in published.keys("fmri.roi."):
        if not key.endswith(".t"):
            continue
        base = key[: -len(".t")]
        _, _, region, comparison = base.split(".")
        t = float(published.get(f"{base}.t"))
        df = float(published.get(f"{base}.df"))
        p_one = circularity.t_to_p(t, df, alternative="less")
        n_prt = int(published.get("n.randomized.prt"))
        n_control = int(published.get(f"n.randomized.{comparison.removeprefix('prt_vs_')}"))
        rows.append({
            "region": _ROI_LABELS.get(region, region),
            "key": base,
            "comparison": comparison,
            "t": t,
            "df": df,
            "p_reported": float(published.get(f"{base}.p")),
            "p_one_tailed": p_one,
            "p_two_tailed": circularity.t_to_p(t, df),
            "n_prt": n_prt,
            "n_control": n_control,
            "d_from_df": circularity.t_to_d(t, df),
            "d": circularity.t_to_d(t, n1=n_prt, n2=n_control),
            "alpha": alpha,
            "passes": p_one <= alpha,
        })
    table = pd.DataFrame(rows)
    if n_tests is not None:
        n_tests = _validate.integer("n_tests", n_tests, minimum=1)
        table["alpha_bonferroni"] = alpha / n_tests
        table["passes_bonferroni"] = table["p_one_tailed"] <= alpha / n_tests
    return table



def trial_effects_by_measure() -> pd.DataFrame:
    """The trial's treatment effects on self-reported pain and on brain responses, side by
    side as standardized effects.

    Returns
    -------
    pandas.DataFrame
        One row per measure and comparison: ``measure``, ``kind`` (``"self-report"`` or
        ``"brain"``), ``comparison``, ``estimate``, ``ci_low``, ``ci_high``, ``metric``
        and ``source``. Negative values favour PRT.

    Notes
    -----
    Self-reported pain: the change-score Hedges g of the 1-week average pain after
    treatment with the 95% interval the Results text prints beside it (-1.14, -1.65 to
    -0.71; -1.74, -2.28 to -1.32). Those intervals come from the paper's bootstrap and are
    not symmetric around g; :math:`g \\pm 1.96\\,SE` from Table 2 would be a normal
    approximation, not the paper's interval. (Table 2 prints -1.75 for the second g; the
    text's -1.74 is used here because the interval is printed with it.) Pain rated in the
    scanner (evoked and spontaneous): the g's and intervals the paper prints. Brain: the
    three region-of-interest group x time results as :math:`d = t\\sqrt{1/n_1 + 1/n_2}`
    with the people randomized to the two arms (:func:`trial_roi_results`), with the
    interval :math:`(t \\pm 1.96)\\sqrt{1/n_1 + 1/n_2}` implied by a t whose standard
    error is 1. The two kinds are on comparable standardized scales, but the brain values
    are rough conversions and exist only for the region/comparison pairs the paper
    reports [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> table = trial_effects_by_measure()
    >>> table.groupby("kind").size().to_dict()
    {'brain': 3, 'self-report': 6}
    >>> row = table.loc[0]
    >>> row["measure"], row["comparison"], float(row["estimate"])
    ('Pain, 1-week average (BPI)', 'prt_vs_placebo', -1.14)
    >>> table.loc[1, ["estimate", "ci_low", "ci_high"]].tolist()  # Results text
    [-1.74, -2.28, -1.32]
    """
    import pandas as pd

    rows = []
    for cmp in COMPARISONS:
        base = f"g.pain.post.{cmp}.text"
        rows.append(_printed_g("Pain, 1-week average (BPI)", cmp, base, "Hedges g (change score)",
                               f"{published.source(f'{base}.ci_low')} (g, 95% CI)"))
    for kind, label in (("evoked", "Evoked back pain, rated in scanner"),
                        ("spontaneous", "Spontaneous pain, rated in scanner")):
        for cmp in COMPARISONS:
            base = f"g.scanner_{kind}.post.{cmp}"
            rows.append(_printed_g(label, cmp, base, "Hedges g", published.source(base)))
    for row in trial_roi_results().itertuples(index=False):
        scale = math.sqrt(1.0 / row.n_prt + 1.0 / row.n_control)
        rows.append({"measure": f"Brain response, {row.region}", "kind": "brain",
                     "comparison": row.comparison, "estimate": row.d,
                     "ci_low": (row.t - 1.96) * scale, "ci_high": (row.t + 1.96) * scale,
                     "metric": "d from t and arm sizes",
                     "source": "Results text (t); Figure 1 (n)"})
    return pd.DataFrame(rows)


def _printed_g(measure: str, comparison: str, base: str, metric: str, source: str) -> dict:
    """A self-reported effect the paper prints with its interval, as a row of
    :func:`trial_effects_by_measure`."""
    return {"measure": measure, "kind": "self-report", "comparison": comparison,
            "estimate": float(published.get(base)),
            "ci_low": float(published.get(f"{base}.ci_low")),
            "ci_high": float(published.get(f"{base}.ci_high")),
            "metric": metric, "source": source}
