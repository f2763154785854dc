"""The trial's mediation data: who enters a mediation analysis of PRT, and their X, M and Y.

The trial's supplement (eTable 5) reports that the pre-to-post change in fear-of-movement
beliefs (TSK-11) mediated PRT's effect on pain. :func:`mediation_data` builds that
analysis sample from a cohort table (X = PRT or not, M = TSK-11 change, Y = pain at a
visit), or the reverse model (M = pain change, Y = TSK-11); the paths, the bootstrap and
the confounding of the mediator are general statistics, in :mod:`prtlib.stats.mediation`.
"""

from __future__ import annotations

import pandas as pd

from prtlib import _validate
from prtlib.trial.cohort import wide
from prtlib.trial.constants import TIMES, control_arm

__all__ = ["DIRECTIONS", "mediation_data"]

DIRECTIONS = ("forward", "reverse")
"""``forward``: TSK-11 change mediates PRT -> pain. ``reverse``: pain change mediates
PRT -> TSK-11 (the alternative the paper also tested)."""


def mediation_data(df, comparison="prt_vs_placebo", time="12mo", direction="forward"):
    """The people, and their X, M and Y, that a mediation analysis of the cohort uses.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :func:`prtlib.trial.cohort.synthetic_trial` or
        :func:`prtlib.trial.cohort.public_trial` (columns ``participant``, ``arm``, ``time``,
        ``pain``, ``tsk11``).
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "12mo"
        Forward: the visit whose pain is the outcome. Reverse: the visit up to which pain
        change is the mediator.
    direction : {"forward", "reverse"}, default "forward"
        Forward: M = TSK-11 post minus baseline, Y = pain at ``time``. Reverse: M = pain
        at ``time`` minus baseline, Y = TSK-11 at post.

    Returns
    -------
    pandas.DataFrame
        Indexed by participant; columns ``x`` (1 = PRT, 0 = control), ``m`` and ``y`` in
        raw units, complete cases only.

    Raises
    ------
    ValueError
        For a bad argument, or a table without the needed columns or visit.

    Notes
    -----
    TSK-11 is measured at baseline and post only, so its change always spans the
    treatment month. Y is a level, as eTable 5 names its outcome; standardizing is left
    to :func:`prtlib.stats.mediation.mediation_paths`.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, eTable 5.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> d = mediation_data(synthetic_trial(seed=0))
    >>> len(d), int(d["x"].sum())
    (79, 40)
    >>> list(d.columns)
    ['x', 'm', 'y']
    """
    control = control_arm(comparison)
    time = _validate.choice("time", time, TIMES[1:])
    direction = _validate.choice("direction", direction, DIRECTIONS)
    if not isinstance(df, pd.DataFrame) or not {"tsk11", "pain"} <= set(df.columns):
        raise ValueError("df must be a cohort table (pandas DataFrame) with the columns "
                         "pain and tsk11.")
    pain = wide(df, "pain")
    tsk = wide(df, "tsk11")
    for table, name, visit in ((pain, "pain", time), (tsk, "tsk11", "post")):
        if visit not in table.columns or "baseline" not in table.columns:
            raise ValueError(f"df must hold {name} at baseline and {visit}.")
    if direction == "forward":
        m = tsk["post"] - tsk["baseline"]
        y = pain[time]
    else:
        m = pain[time] - pain["baseline"]
        y = tsk["post"]
    out = pd.DataFrame({"x": (pain["arm"] == "prt").astype(float), "m": m, "y": y})
    out = out[pain["arm"].isin(["prt", control])].dropna()
    out.index.name = "participant"
    return out
