"""The course's figure style: a colour-blind-safe palette and readable defaults.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common
forms of colour-vision deficiency (Okabe & Ito 2008, https://jfly.uni-koeln.de/color/).
Each arm keeps its colour in every lesson, so a learner can follow it across figures.
"""

from __future__ import annotations

import io

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

ARM_COLORS = {
    "prt": OKABE_ITO["blue"],
    "placebo": OKABE_ITO["orange"],
    "usual_care": OKABE_ITO["grey"],
}
"""One colour per arm, used in every figure of the course."""

HIGHLIGHT = OKABE_ITO["vermillion"]
MUTED = "#D9D9D9"

STYLE = {
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.hashsalt": "prt-course",
}
"""Matplotlib settings for readable figures: 11-13 pt text, no top and right spines."""


def new_figure(width: float = 8.0, height: float = 4.0, *, nrows: int = 1, ncols: int = 1,
               **subplot_kw):
    """Create a figure and its axes outside pyplot, styled for the course.

    A figure made this way is never shown automatically by Jupyter, so an explorer can
    redraw it and decide itself when to render it.

    Parameters
    ----------
    width, height : float
        Size in inches.
    nrows, ncols : int
        Grid of axes, as in ``Figure.subplots``.
    **subplot_kw
        Passed to ``Figure.subplots`` (for example ``sharey=True``).

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes or array of Axes

    Examples
    --------
    >>> fig, ax = new_figure(6, 3)
    >>> fig.get_size_inches().tolist()
    [6.0, 3.0]
    >>> fig._repr_png_()[:4]
    b'\x89PNG'
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with mpl.rc_context(STYLE):
        fig = _course_figure_class()(figsize=(width, height), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


_FIGURE_CLASS = None


def _course_figure_class():
    """A Figure that Jupyter shows as a PNG when it is a cell's last expression.

    Figures made outside pyplot are not known to the inline backend, so they would show
    only their text repr; ``_repr_png_`` lets ``fig`` at the end of a cell draw the picture.
    """
    global _FIGURE_CLASS
    if _FIGURE_CLASS is None:
        from matplotlib.figure import Figure

        class CourseFigure(Figure):
            def _repr_png_(self):
                return render_png(self)

        _FIGURE_CLASS = CourseFigure
    return _FIGURE_CLASS


def apply_style(ax) -> None:
    """Apply the course style to axes made elsewhere (for example with pyplot)."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=STYLE["xtick.labelsize"])
    ax.xaxis.label.set_size(STYLE["axes.labelsize"])
    ax.yaxis.label.set_size(STYLE["axes.labelsize"])


def freeze_layout(fig) -> None:
    """Lay a figure out once (constrained layout), then keep that layout for every redraw.

    For explorers whose updates move artists inside fixed axes: the layout computed for the
    first drawing stays right, and each later rendering skips the layout pass. The engine
    is removed altogether (``None``, not ``"none"``, which would leave a placeholder).
    A figure already frozen (or never given a layout engine) is left as it is, so an
    explorer may call it on every update and the first one lays the figure out.

    Examples
    --------
    >>> fig, ax = new_figure(4, 3)
    >>> freeze_layout(fig)
    >>> fig.get_layout_engine() is None
    True
    >>> freeze_layout(fig)  # already frozen: nothing to do
    >>> fig.get_layout_engine() is None
    True
    """
    import matplotlib as mpl
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = fig.get_layout_engine()
    if engine is None or isinstance(engine, PlaceHolderLayoutEngine):
        return
    fig.draw_without_rendering()
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)


def snap_limits(low: float, high: float, step: float) -> tuple[float, float]:
    """Widen axis limits outward to multiples of ``step``.

    Explorers whose axes follow the data use it so that small moves of a control keep the
    same limits: the axis then stays part of the static layer, and a move redraws only the
    moving artists instead of the whole figure.

    Examples
    --------
    >>> snap_limits(-0.37, 1.42, 0.1)
    (-0.4, 1.5)
    >>> snap_limits(0.0, 2.0, 0.5)
    (0.0, 2.0)
    """
    import math

    if not step > 0:
        raise ValueError(f"step must be a positive number; got {step!r}.")
    if not low <= high:
        raise ValueError(f"low must not exceed high; got low={low!r}, high={high!r}.")
    snapped_low = round(math.floor(round(low / step, 9)) * step, 10)
    snapped_high = round(math.ceil(round(high / step, 9)) * step, 10)
    return snapped_low, snapped_high


def describe_figure(fig) -> str:
    """A plain-text description of a figure built from the text it draws.

    It joins the figure's title, each panel's title, axis labels and legend entries (and, for
    a panel without axis labels, such as a diagram, the text it draws) into one sentence. It is a default for the figure's alternative text (what a screen reader
    says in place of the picture) when no description was written by hand; an empty
    figure gives an empty string.

    Examples
    --------
    >>> fig, ax = new_figure(4, 3)
    >>> _ = ax.plot([0, 1], [2, 3], label="PRT")
    >>> _ = ax.set(title="Pain by month", xlabel="Month", ylabel="Pain (0-10)")
    >>> _ = ax.legend()
    >>> describe_figure(fig)
    'Figure: Pain by month, x axis: Month, y axis: Pain (0-10), legend: PRT.'
    >>> fig, ax = new_figure(4, 3)
    >>> _ = ax.text(0, 0, "Pain"), ax.text(1, 0, "Fear")
    >>> describe_figure(fig)
    'Figure: labels: Pain; Fear.'
    >>> describe_figure(new_figure(2, 2)[0])
    ''
    """

    def clean(text) -> str:
        return " ".join(str(text or "").split())

    parts = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and clean(suptitle.get_text()):
        parts.append(clean(suptitle.get_text()))
    panels = [ax for ax in fig.get_axes() if ax.get_visible()]
    for number, ax in enumerate(panels, start=1):
        bits = []
        title = " ".join(clean(ax.get_title(loc)) for loc in ("left", "center", "right")
                         if clean(ax.get_title(loc)))
        if title:
            bits.append(title)
        for name, label in (("x axis", ax.get_xlabel()), ("y axis", ax.get_ylabel())):
            if clean(label):
                bits.append(f"{name}: {clean(label)}")
        legend = ax.get_legend()
        if legend is not None:
            entries = [clean(t.get_text()) for t in legend.get_texts() if clean(t.get_text())]
            if entries:
                bits.append("legend: " + ", ".join(entries))
        if not (clean(ax.get_xlabel()) or clean(ax.get_ylabel())):
            # A diagram (boxes and arrows) says what it shows in the text of its boxes.
            labels = [clean(t.get_text()) for t in ax.texts if clean(t.get_text())]
            if labels:
                bits.append("labels: " + "; ".join(labels[:8]))
        if bits:
            prefix = f"panel {number}: " if len(panels) > 1 else ""
            parts.append(prefix + ", ".join(bits))
    texts = [clean(t.get_text()) for t in fig.texts if t is not suptitle and clean(t.get_text())]
    parts.extend(texts[:3])
    return f"Figure: {'; '.join(parts)}." if parts else ""


def render_png(fig) -> bytes:
    """Render a figure to PNG bytes (for an ``ipywidgets.Image``).

    The figure is drawn once on its Agg canvas and the pixels are encoded directly, which
    skips ``savefig``'s extra work (a second drawing pass, metadata); figures on another
    canvas fall back to ``savefig``. The PNG's ``Description`` text holds
    :func:`describe_figure`, which the course website uses as the image's alternative text
    when nothing better was written. The bytes depend only on the pixels and that text, so
    the same figure always gives the same PNG.

    Examples
    --------
    >>> fig, ax = new_figure(2, 2)
    >>> _ = ax.set_title("Pain")
    >>> png = render_png(fig)
    >>> png[:4], png == render_png(fig)
    (b'\\x89PNG', True)
    >>> png_description(png)
    'Figure: Pain.'
    """
    buf = io.BytesIO()
    canvas = fig.canvas
    description = describe_figure(fig)
    if not hasattr(canvas, "buffer_rgba"):
        metadata = {"Software": None}
        if description:
            metadata["Description"] = description
        fig.savefig(buf, format="png", dpi=fig.dpi, metadata=metadata)
        return buf.getvalue()
    import numpy as np

    canvas.draw()
    return encode_png(fig, np.asarray(canvas.buffer_rgba()), description=description)


def encode_png(fig, pixels, *, description: str | None = None) -> bytes:
    """Encode RGBA pixels (height x width x 4, uint8) drawn from ``fig`` as PNG bytes, with
    the figure's :func:`describe_figure` text, exactly as :func:`render_png` does.

    Explorers that redraw only their moving artists encode their pixels with it.

    Examples
    --------
    >>> import numpy as np
    >>> fig, ax = new_figure(1, 1)
    >>> encode_png(fig, np.zeros((100, 100, 4), dtype=np.uint8))[:4]
    b'\\x89PNG'
    """
    from PIL import Image, PngImagePlugin

    if description is None:
        description = describe_figure(fig)
    info = None
    if description:
        info = PngImagePlugin.PngInfo()
        info.add_itxt("Description", description)
    buf = io.BytesIO()
    # Compression level 3 encodes about twice as fast as the default 6 for PNGs a few
    # per cent larger, on the course's flat-coloured plots.
    Image.fromarray(pixels).save(buf, format="png", compress_level=3, pnginfo=info)
    return buf.getvalue()


def png_description(png: bytes) -> str:
    """The ``Description`` text stored in PNG bytes, or an empty string when there is none.

    Examples
    --------
    >>> fig, ax = new_figure(2, 2)
    >>> png_description(render_png(fig))
    ''
    """
    from PIL import Image

    if not isinstance(png, bytes | bytearray | memoryview):
        raise ValueError(f"png must be the bytes of a PNG image; got {type(png).__name__}.")
    with Image.open(io.BytesIO(bytes(png))) as image:
        return str(image.info.get("Description", ""))
