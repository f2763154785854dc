"""Small helpers shared by the fmri submodules: scalar-or-array results and t-test p-values."""

from __future__ import annotations

import numpy as np


def scalar_or_array(arr):
    """Return a Python float for a 0-d result and the array otherwise."""
    arr = np.asarray(arr)
    return float(arr) if arr.ndim == 0 else arr


def t_p_value(t, df, alternative: str):
    """p-value of ``t`` with ``df`` degrees of freedom, no input checks (NaN passes through).

    ``alternative`` is one of scipy's names: "two-sided", "greater" (effect > 0) or "less".
    """
    from scipy import stats

    if alternative == "greater":
        return stats.t.sf(t, df)
    if alternative == "less":
        return stats.t.sf(-np.asarray(t), df)
    return np.minimum(1.0, 2.0 * stats.t.sf(np.abs(t), df))


def t_interval(estimate, se, df, confidence_level: float):
    """``(level, low, high)`` of the t interval ``estimate -/+ t_crit(df) * se``.

    ``confidence_level`` is checked to lie in (0, 1); ``estimate`` and ``se`` may be arrays.
    """
    from scipy import stats

    from prtlib import _validate

    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    half = float(stats.t.isf((1.0 - level) / 2.0, df)) * np.asarray(se)
    return level, np.asarray(estimate) - half, np.asarray(estimate) + half
