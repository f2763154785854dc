"""The fMRI figures of lessons 07 and 08: MNI coordinates drawn on nilearn's glass brain
(:func:`plot_peaks`), offline."""

from __future__ import annotations

import numpy as np

from prtlib import _validate
from prtlib.course.plotting import OKABE_ITO

__all__ = ["plot_peaks"]

_PEAK_COLORS = tuple(OKABE_ITO[name] for name in (
    "blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow",
    "black", "grey"))


def plot_peaks(coords, labels=None, values=None, *, colors=None, ax=None, figure=None,
               display_mode: str = "lzry", title=None, cmap=None,
               node_size: float = 60.0, legend: bool = True):
    """Draw MNI coordinates on nilearn's glass brain, offline.

    Parameters
    ----------
    coords : array of shape (n, 3) or pandas.DataFrame
        MNI x, y, z in mm, one row per peak. A DataFrame must have columns ``x``, ``y``,
        ``z`` (for example :func:`prtlib.trial.published.fmri_peaks` or ``fmri_connectivity``).
    labels : sequence of str, optional
        One label per peak for the legend. Default the DataFrame's ``region`` or
        ``target_region`` column, else "peak 1", "peak 2", ...
    values : sequence of float, optional
        A value per peak (a t or Z). Markers are then coloured by value with a colour bar,
        labelled with the name of ``values`` when it is a named pandas Series (such as a
        table's ``Z`` column); otherwise each peak gets its own colour. Peaks with close
        values get nearly the same colour; to tell every peak apart, give ``colors``
        instead and put the values in the labels.
    colors : sequence of matplotlib colours, optional
        One colour per peak (for example from :data:`prtlib.course.plotting.OKABE_ITO`), used for
        the markers and the legend. Cannot be combined with ``values``. Default: the
        Okabe-Ito colours in turn.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into (the glass brain replaces it). Default a new figure.
    figure : matplotlib.figure.Figure, optional
        Figure to draw into when ``ax`` is not given.
    display_mode : str, default "lzry"
        nilearn's projections: ``"lzry"`` (left, top, right, front), ``"ortho"``, ``"z"``...
    title : str, optional
        Title drawn on the brain.
    cmap : str, optional
        Colour map for ``values``. Default ``"RdBu_r"`` centred on 0 when the values have
        both signs, else ``"viridis"``.
    node_size : float, default 60.0
        Marker area in points squared.
    legend : bool, default True
        Add a legend of the labels under the brain.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``coords`` is not n x 3 finite numbers, ``labels``, ``values`` or ``colors`` has
        the wrong length, ``colors`` holds something that is not a colour or comes with
        ``values``, or ``display_mode`` is not accepted by nilearn.

    Notes
    -----
    The glass brain is a set of outlines of the MNI152 template that ships with nilearn,
    so nothing is downloaded; the drawing uses ``nilearn.plotting.plot_connectome`` with no
    edges [1]_. A figure is created without pyplot (Agg canvas), so it works in scripts,
    tests and explorers alike. MNI coordinates: x left (-) to right (+), y back (-) to
    front (+), z down (-) to up (+), in mm from the anterior commissure.

    References
    ----------
    .. [1] Abraham A, Pedregosa F, Eickenberg M, et al. Machine learning for neuroimaging
       with scikit-learn. Front Neuroinform. 2014;8:14. doi:10.3389/fninf.2014.00014

    Examples
    --------
    >>> from prtlib.trial.published import fmri_peaks
    >>> fig = plot_peaks(fmri_peaks())
    >>> type(fig).__name__, len(fig.legends[0].get_texts())
    ('Figure', 7)
    """
    import pandas as pd

    if isinstance(coords, pd.DataFrame):
        if not {"x", "y", "z"} <= set(coords.columns):
            raise ValueError("coords must have columns x, y and z; got columns "
                             f"{list(coords.columns)}.")
        if labels is None:
            for name in ("region", "target_region"):
                if name in coords.columns:
                    labels = [str(s) for s in coords[name]]
                    break
        xyz = _validate.finite_array("coords", coords[["x", "y", "z"]].to_numpy(dtype=float), ndim=(2,))
    else:
        xyz = _validate.finite_array("coords", coords, ndim=(1, 2))
        xyz = xyz.reshape(1, -1) if xyz.ndim == 1 else xyz
    if xyz.shape[1] != 3:
        raise ValueError(f"coords must have 3 columns (x, y, z); got shape {xyz.shape}.")
    n = xyz.shape[0]
    if labels is None:
        labels = [f"peak {i + 1}" for i in range(n)]
    labels = [str(s) for s in labels]
    if len(labels) != n:
        raise ValueError(f"labels must hold one label per peak ({n}); got {len(labels)}.")
    if not isinstance(legend, bool | np.bool_):
        raise ValueError(f"legend must be True or False; got {legend!r}.")
    node_size = _validate.positive("node_size", node_size)

    import matplotlib as mpl
    from matplotlib.lines import Line2D

    if colors is not None:
        if values is not None:
            raise ValueError("colors cannot be combined with values (which colour the peaks "
                             "by a colour bar); give one of them.")
        if isinstance(colors, str):
            raise ValueError(f"colors must hold one colour per peak ({n}); got the single "
                             f"string {colors!r}.")
        colors = list(colors)
        if len(colors) != n:
            raise ValueError(f"colors must hold one colour per peak ({n}); got {len(colors)}.")
        bad = [c for c in colors if not mpl.colors.is_color_like(c)]
        if bad:
            raise ValueError(f"colors must be matplotlib colours such as '#0072B2'; got "
                             f"{bad[0]!r}.")
        entries = labels
    elif values is not None:
        vals = _validate.finite_array("values", values, ndim=(1,))
        if vals.size != n:
            raise ValueError(f"values must hold one value per peak ({n}); got {vals.size}.")
        if vals.min() < 0 < vals.max():
            vmax = float(np.abs(vals).max())
            norm = mpl.colors.Normalize(-vmax, vmax)
            cmap = "RdBu_r" if cmap is None else cmap
        else:
            lo, hi = float(vals.min()), float(vals.max())
            norm = mpl.colors.Normalize(lo, hi if hi > lo else lo + 1.0)
            cmap = "viridis" if cmap is None else cmap
        if cmap not in mpl.colormaps:
            raise ValueError(f"cmap must be a matplotlib colour map name; got {cmap!r}.")
        colormap = mpl.colormaps[cmap]
        colors = [colormap(norm(v)) for v in vals]
        entries = [f"{lab} ({v:.2f})" for lab, v in zip(labels, vals, strict=True)]
    else:
        colors = [_PEAK_COLORS[i % len(_PEAK_COLORS)] for i in range(n)]
        entries = labels
    entries = [f"{e}: {x:.0f}, {y:.0f}, {z:.0f}" for e, (x, y, z) in zip(entries, xyz,
                                                                          strict=True)]

    if ax is not None:
        fig = ax.figure
        rect = ax.get_position().bounds
        ax.remove()
    else:
        if figure is None:
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            rows = -(-n // 2) if legend else 0
            figure = Figure(figsize=(10.0, 3.2 + 0.28 * rows))
            FigureCanvasAgg(figure)
        fig = figure
        legend_height = (1.0 - 3.2 / fig.get_size_inches()[1]) if legend else 0.0
        right = 0.92 if values is not None else 1.0
        rect = (0.0, legend_height, right, 1.0 - legend_height)

    from nilearn import plotting

    try:
        display = plotting.plot_connectome(
            np.zeros((n, n)), xyz, node_color=colors, node_size=node_size,
            display_mode=display_mode, figure=fig, axes=rect, title=title,
            colorbar=False, annotate=True,
            node_kwargs={"edgecolors": "#333333", "linewidths": 0.6})
    except (ValueError, TypeError) as err:  # nilearn rejects the display mode
        raise ValueError(f"display_mode must be a nilearn glass-brain mode such as 'lzry', "
                         f"'ortho' or 'z'; got {display_mode!r} ({err}).") from None
    del display
    if values is not None:
        x0, y0, w, h = rect
        cax = fig.add_axes((x0 + w + 0.01, y0 + 0.15 * h, 0.015, 0.7 * h))
        bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax)
        if getattr(values, "name", None) is not None:
            bar.set_label(str(values.name))
    if legend:
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8,
                          markerfacecolor=c, markeredgecolor="#333333") for c in colors]
        fig.legend(handles, entries, loc="lower center", ncol=2 if n > 1 else 1,
                   frameon=False, fontsize=10)
    return fig


