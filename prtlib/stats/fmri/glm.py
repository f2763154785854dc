"""The general linear model of fMRI: an ordinary least-squares fit, voxel by voxel
(:func:`fit_glm`, :class:`GLMResult`), and t tests of linear contrasts of its effects
(:class:`ContrastResult`, with its confidence interval)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from prtlib import _validate
from prtlib.stats.fmri._shared import scalar_or_array, t_interval, t_p_value
from prtlib.stats.fmri.design import _design_values
from prtlib.stats.intervals import Interval

if TYPE_CHECKING:  # pragma: no cover
    pass

__all__ = ["ContrastResult", "GLMResult", "fit_glm"]


@dataclass(frozen=True, repr=False)
class ContrastResult:
    """A linear contrast of GLM effects (see :meth:`GLMResult.contrast`).

    Attributes
    ----------
    weights : numpy.ndarray
        The contrast vector ``c``, one weight per design column.
    effect : float or numpy.ndarray
        ``c @ beta`` for each voxel.
    se : float or numpy.ndarray
        Its standard error.
    t : float or numpy.ndarray
        ``effect / se``.
    df : int
        Residual degrees of freedom.
    p_two_sided, p_greater, p_less : float or numpy.ndarray
        p-values against the alternatives effect != 0, effect > 0 and effect < 0 (scipy's
        "two-sided", "greater" and "less").

    Examples
    --------
    >>> from prtlib.stats.fmri import design_matrix, simulate_voxel, task_events
    >>> X = design_matrix(task_events(20, 37.0, 4, seed=1), tr=0.46)
    >>> y = simulate_voxel(X, {"pain": 0.5, "constant": 100.0}, seed=3)
    >>> res = fit_glm(y, X).contrast("pain")
    >>> print(res.confidence_interval())
    0.44 to 0.67 (95% CI, t)
    """

    weights: np.ndarray
    effect: float | np.ndarray
    se: float | np.ndarray
    t: float | np.ndarray
    df: int
    p_two_sided: float | np.ndarray
    p_greater: float | np.ndarray
    p_less: float | np.ndarray

    def __repr__(self) -> str:
        if np.ndim(self.t) == 0:
            return (f"ContrastResult(effect={self.effect:.4g}, se={self.se:.4g}, "
                    f"t={self.t:.3f}, df={self.df}, p_two_sided={self.p_two_sided:.3g})")
        return f"ContrastResult(n_voxels={np.size(self.t)}, df={self.df})"

    def __str__(self) -> str:
        if np.ndim(self.t) == 0:
            return (f"effect = {self.effect:.3f} (SE {self.se:.3f}), t({self.df}) = "
                    f"{self.t:.2f}, p = {self.p_two_sided:.3g} two-sided, "
                    f"{self.p_greater:.3g} one-sided (effect > 0)")
        n_sig = int(np.sum(np.asarray(self.p_two_sided) < 0.05))
        return (f"contrast over {np.size(self.t)} voxels, df = {self.df}: {n_sig} with "
                f"two-sided p < .05")

    def confidence_interval(self, confidence_level: float = 0.95):
        """The t interval of the contrast: ``effect`` plus or minus ``t_crit * se``.

        Parameters
        ----------
        confidence_level : float, default 0.95
            In (0, 1).

        Returns
        -------
        Interval or pandas.DataFrame
            An :class:`~prtlib.stats.intervals.Interval` (method ``"t"``) for one voxel; for
            many voxels a DataFrame with one row per voxel and columns ``effect``,
            ``ci_low`` and ``ci_high``.

        Raises
        ------
        ValueError
            If ``confidence_level`` is not in (0, 1).

        Notes
        -----
        :math:`c'\\hat\\beta \\pm t_{(1+L)/2,\\,df}\\, SE` for level *L*: the interval that
        matches the two-sided t test of the contrast, under the same independence
        assumption as :func:`fit_glm`.
        """
        level, low, high = t_interval(self.effect, self.se, self.df, confidence_level)
        if np.ndim(self.effect) == 0:
            return Interval(float(low), float(high), level, "t")
        import pandas as pd

        return pd.DataFrame({"effect": self.effect, "ci_low": low, "ci_high": high})


@dataclass(frozen=True, repr=False)
class GLMResult:
    """An ordinary least-squares GLM fit (see :func:`fit_glm`).

    Attributes
    ----------
    betas : numpy.ndarray
        Estimated effects, shape (n_regressors,) for one voxel or (n_regressors, n_voxels).
    columns : tuple of str
        Names of the design columns, in the order of ``betas``.
    sigma2 : float or numpy.ndarray
        Residual variance per voxel, ``RSS / df``.
    df : int
        Residual degrees of freedom, ``n_scans - rank(X)``.
    n_scans : int
        Number of time points.
    xtx_inv : numpy.ndarray
        ``(X'X)^+``, the (pseudo-)inverse used for standard errors.
    """

    betas: np.ndarray
    columns: tuple
    sigma2: float | np.ndarray
    df: int
    n_scans: int
    xtx_inv: np.ndarray = field(repr=False)

    def __repr__(self) -> str:
        n_vox = 1 if self.betas.ndim == 1 else self.betas.shape[1]
        return (f"GLMResult(n_scans={self.n_scans}, n_regressors={len(self.columns)}, "
                f"n_voxels={n_vox}, df={self.df})")

    def beta(self, name: str):
        """The estimated effect of one design column.

        Parameters
        ----------
        name : str
            A column of the design matrix, e.g. ``"pain"``.

        Returns
        -------
        float or numpy.ndarray
            A float for one voxel, one value per voxel otherwise.

        Raises
        ------
        ValueError
            If ``name`` is not a design column.

        Notes
        -----
        Row ``columns.index(name)`` of :math:`\\hat B = X^+ Y`.

        Examples
        --------
        >>> from prtlib.stats.fmri import design_matrix, simulate_voxel, task_events
        >>> X = design_matrix(task_events(20, 37.0, 4, seed=1), tr=0.46)
        >>> y = simulate_voxel(X, {"pain": 2.0, "constant": 100.0}, seed=3)
        >>> round(fit_glm(y, X).beta("constant"), 1)
        100.0
        """
        _validate.choice("name", name, self.columns)
        return scalar_or_array(self.betas[self.columns.index(name)])

    def contrast(self, c) -> ContrastResult:
        """Test a linear combination of the effects.

        Parameters
        ----------
        c : str, mapping or array
            A column name (weight 1 on it), a mapping from column names to weights, or one
            weight per column.

        Returns
        -------
        ContrastResult

        Raises
        ------
        ValueError
            If ``c`` names an unknown column, has the wrong length or is all zeros.

        Notes
        -----
        With :math:`\\hat\\beta = (X'X)^{-1}X'y` and :math:`\\hat\\sigma^2 = RSS/df`,

        .. math:: t = \\frac{c'\\hat\\beta}{\\sqrt{\\hat\\sigma^2\\, c'(X'X)^{-1}c}}

        follows a t distribution with ``df`` degrees of freedom when the true contrast is
        0 and the noise is independent and normal [1]_.

        References
        ----------
        .. [1] Friston KJ, Holmes AP, Worsley KJ, Poline JP, Frith CD, Frackowiak RSJ.
           Statistical parametric maps in functional imaging: a general linear approach.
           Hum Brain Mapp. 1995;2(4):189-210. doi:10.1002/hbm.460020402

        Examples
        --------
        >>> from prtlib.stats.fmri import design_matrix, simulate_voxel, task_events
        >>> X = design_matrix(task_events(20, 37.0, 4, seed=1), tr=0.46)
        >>> y = simulate_voxel(X, {"pain": 0.5, "constant": 100.0}, seed=3)
        >>> res = fit_glm(y, X).contrast("pain")
        >>> round(res.effect, 2), res.df
        (0.55, 1638)
        """
        p = len(self.columns)
        if isinstance(c, str):
            _validate.choice("c", c, self.columns)
            w = np.zeros(p)
            w[self.columns.index(c)] = 1.0
        elif isinstance(c, Mapping):
            unknown = [k for k in c if k not in self.columns]
            if unknown:
                raise ValueError(f"c must name design columns {list(self.columns)}; got "
                                 f"unknown names {unknown}.")
            w = np.array([float(c.get(name, 0.0)) for name in self.columns])
            w = _validate.finite_array("c", w)
        else:
            w = _validate.finite_array("c", c, ndim=(1,))
            if w.size != p:
                raise ValueError(f"c must hold one weight per design column ({p}); got "
                                 f"{w.size}.")
        if not np.any(w):
            raise ValueError("c must have at least one non-zero weight; got all zeros.")
        effect = w @ self.betas
        var = float(w @ self.xtx_inv @ w) * np.asarray(self.sigma2)
        with np.errstate(divide="ignore", invalid="ignore"):
            se = np.sqrt(var)
            t = effect / se
        p = {alt: scalar_or_array(t_p_value(t, self.df, alt))
             for alt in ("two-sided", "greater", "less")}
        return ContrastResult(w, scalar_or_array(effect), scalar_or_array(se),
                              scalar_or_array(t), self.df, p["two-sided"], p["greater"],
                              p["less"])


def fit_glm(y, design) -> GLMResult:
    """Fit the general linear model by ordinary least squares, voxel by voxel.

    Parameters
    ----------
    y : array of shape (n_scans,) or (n_scans, n_voxels)
        One time series, or one column per voxel.
    design : pandas.DataFrame or array of shape (n_scans, n_regressors)
        The design matrix (see :func:`design_matrix`).

    Returns
    -------
    GLMResult
        Betas, residual variance, degrees of freedom and a :meth:`GLMResult.contrast`
        method.

    Raises
    ------
    ValueError
        If ``y`` or ``design`` is not finite, their numbers of scans differ, or the design
        leaves no residual degrees of freedom.

    Notes
    -----
    For all voxels at once, :math:`\\hat B = X^+ Y` (Moore-Penrose pseudo-inverse, equal
    to :math:`(X'X)^{-1}X'Y` for a full-rank design), residual variance
    :math:`\\hat\\sigma^2_v = \\lVert y_v - X\\hat\\beta_v \\rVert^2 / (n - \\mathrm{rank}\\,X)`
    [1]_. This is plain OLS: it assumes independent noise across scans. fMRI noise is
    autocorrelated, so the standard errors here are too small for real data (nilearn and
    SPM prewhiten with an AR model first); the simulations of this module make the
    assumption visible by letting ``ar1`` vary in :func:`simulate_voxel`.

    References
    ----------
    .. [1] Friston KJ, Holmes AP, Worsley KJ, Poline JP, Frith CD, Frackowiak RSJ.
       Statistical parametric maps in functional imaging: a general linear approach.
       Hum Brain Mapp. 1995;2(4):189-210. doi:10.1002/hbm.460020402

    Examples
    --------
    >>> from prtlib.stats.fmri import design_matrix, simulate_voxel, task_events
    >>> X = design_matrix(task_events(20, 37.0, 4, seed=1), tr=0.46)
    >>> Y = simulate_voxel(X, {"pain": 1.0, "pain_x_level": 0.5}, n_voxels=100, seed=2)
    >>> fit = fit_glm(Y, X)
    >>> fit
    GLMResult(n_scans=1653, n_regressors=15, n_voxels=100, df=1638)
    >>> round(float(fit.beta("pain").mean()), 1), round(float(fit.beta("pain_x_level").mean()), 1)
    (1.0, 0.5)
    """
    X, names = _design_values(design)
    Y = _validate.finite_array("y", y, ndim=(1, 2))
    if Y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have one row per scan of design ({X.shape[0]}); got "
                         f"{Y.shape[0]}.")
    pinv, rank = np.linalg.pinv(X), np.linalg.matrix_rank(X)
    df = X.shape[0] - int(rank)
    if df < 1:
        raise ValueError(f"design must leave residual degrees of freedom; it has rank {rank} "
                         f"with {X.shape[0]} scans.")
    B = pinv @ Y
    resid = Y - X @ B
    sigma2 = np.einsum("i...,i...->...", resid, resid) / df
    return GLMResult(B, names, scalar_or_array(sigma2), df, X.shape[0], pinv @ pinv.T)


