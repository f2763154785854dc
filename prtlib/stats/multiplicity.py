"""Multiple-comparison corrections (Bonferroni, Holm, Benjamini-Hochberg) for any array of p-values.

One implementation serves every caller: the simulated trials of :mod:`prtlib.stats.power`
adjust the p-values of each trial's comparisons row by row, and the brain maps of
:mod:`prtlib.stats.fmri` adjust every voxel of a map at once.
"""

from __future__ import annotations

import numpy as np

from prtlib import _validate

#: The corrections :func:`adjust` knows, and what each controls.
METHODS = {
    "bonferroni": "family-wise error rate, under any dependence",
    "holm": "family-wise error rate, under any dependence (uniformly more powerful than "
            "Bonferroni)",
    "fdr_bh": "false discovery rate, for independent or positively dependent tests",
}


def adjust(p, method: str, *, axis: int | None = None) -> np.ndarray:
    """Adjusted p-values: reject where the adjusted value is at most the chosen level.

    Parameters
    ----------
    p : array of float
        p-values in [0, 1], any shape.
    method : {"bonferroni", "holm", "fdr_bh"}
        The correction (see :data:`METHODS`).
    axis : int or None, default None
        The family: None treats every value of ``p`` as one family (a brain map); an axis
        treats each slice along it as a family of its own (``axis=1``: one family per row,
        one row per simulated trial).

    Returns
    -------
    numpy.ndarray
        The adjusted p-values, same shape as ``p``, capped at 1.

    Raises
    ------
    ValueError
        If ``p`` holds values outside [0, 1], ``method`` is unknown or ``axis`` is not an
        axis of ``p``.

    Notes
    -----
    With *m* p-values sorted as :math:`p_{(1)} \\le \\dots \\le p_{(m)}`: Bonferroni gives
    :math:`\\min(1, m p_i)` [1]_; Holm the running maximum of
    :math:`(m - i + 1) p_{(i)}` [2]_; Benjamini-Hochberg the running minimum from the top of
    :math:`m p_{(i)} / i` [3]_.

    References
    ----------
    .. [1] Dunn OJ. Multiple comparisons among means. J Am Stat Assoc. 1961;56(293):52-64.
       doi:10.1080/01621459.1961.10482090
    .. [2] Holm S. A simple sequentially rejective multiple test procedure. Scand J Stat.
       1979;6(2):65-70. JSTOR 4615733
    .. [3] Benjamini Y, Hochberg Y. Controlling the false discovery rate: a practical and
       powerful approach to multiple testing. J R Stat Soc B. 1995;57(1):289-300.
       doi:10.1111/j.2517-6161.1995.tb02031.x

    Examples
    --------
    >>> adjust([0.01, 0.04, 0.03], "holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust([0.001, 0.008, 0.039, 0.041, 0.6], "fdr_bh").round(4).tolist()
    [0.005, 0.02, 0.0512, 0.0512, 0.6]
    >>> adjust([[0.01, 0.02], [0.5, 0.03]], "bonferroni", axis=1).tolist()
    [[0.02, 0.04], [1.0, 0.06]]
    """
    return _along(p, method, axis, lambda rows: _adjust_last(rows, method))


def _adjust_last(p: np.ndarray, method: str) -> np.ndarray:
    """Adjust each row of a 2-D array as one family."""
    m = p.shape[1]
    if method == "bonferroni":
        return np.minimum(1.0, m * p)
    order = np.argsort(p, axis=1, kind="stable")
    ranked = np.take_along_axis(p, order, axis=1)
    if method == "holm":
        stepped = np.maximum.accumulate((m - np.arange(m)) * ranked, axis=1)
    else:  # fdr_bh
        scaled = ranked * m / np.arange(1, m + 1)
        stepped = np.minimum.accumulate(scaled[:, ::-1], axis=1)[:, ::-1]
    adjusted = np.empty_like(p)
    np.put_along_axis(adjusted, order, np.minimum(1.0, stepped), axis=1)
    return adjusted


def reject(p, method: str, alpha: float = 0.05, *, axis: int | None = None) -> np.ndarray:
    """Which hypotheses the correction rejects at level ``alpha``.

    The decision compares the raw p-values with each procedure's cut-offs (Bonferroni
    ``alpha / m``; Holm's step-down ``alpha / (m - i + 1)``; Benjamini-Hochberg's step-up
    ``i alpha / m``), as the procedures are defined, rather than comparing adjusted
    p-values with ``alpha``: the two agree except where rounding puts a p-value exactly on
    a cut-off, and there the definition wins.

    Parameters
    ----------
    p, method, axis
        As for :func:`adjust`.
    alpha : float, default 0.05
        The family-wise error rate (Bonferroni, Holm) or false discovery rate (BH), in (0, 1).

    Returns
    -------
    numpy.ndarray of bool
        Same shape as ``p``.

    Examples
    --------
    >>> reject([0.001, 0.008, 0.039, 0.041, 0.6], "fdr_bh", 0.05).tolist()
    [True, True, False, False, False]
    >>> reject([0.0, 0.0, 0.05] + [1.0] * 9, "fdr_bh", 0.2).tolist()[:3]  # 0.05 = 3 x 0.2 / 12
    [True, True, True]
    """
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    return _along(p, method, axis, lambda rows: _reject_rows(rows, method, alpha))


def _along(p, method: str, axis, rowwise) -> np.ndarray:
    """Apply ``rowwise`` (2-D in, 2-D out, one family per row) to ``p`` as families."""
    arr = _validate.probability_array("p", p)
    _validate.choice("method", method, tuple(METHODS))
    if axis is None:
        return rowwise(arr.reshape(1, -1)).reshape(arr.shape)
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer) \
            or not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis must be None or an axis of p (from {-arr.ndim} to "
                         f"{arr.ndim - 1}); got {axis!r}.")
    moved = np.moveaxis(arr, axis, -1)
    flat = moved.reshape(-1, moved.shape[-1])
    return np.moveaxis(rowwise(flat).reshape(moved.shape), -1, axis)


def _reject_rows(p: np.ndarray, method: str, alpha: float) -> np.ndarray:
    m = p.shape[1]
    if method == "bonferroni":
        return p <= alpha / m
    order = np.argsort(p, axis=1, kind="stable")
    ranked = np.take_along_axis(p, order, axis=1)
    ranks = np.arange(1, m + 1)
    if method == "holm":
        passes = ranked <= alpha / (m - ranks + 1)
        # step down: reject the smallest ones until the first that fails
        n_rejected = np.where(passes.all(axis=1), m, np.argmin(passes, axis=1))
    else:  # fdr_bh, step up: the largest rank that passes, and all below it
        passes = ranked <= ranks * alpha / m
        n_rejected = np.where(passes.any(axis=1), m - np.argmax(passes[:, ::-1], axis=1), 0)
    sorted_reject = ranks[None, :] <= n_rejected[:, None]
    out = np.empty_like(sorted_reject)
    np.put_along_axis(out, order, sorted_reject, axis=1)
    return out
