"""The common frame of every explorer: controls, one figure, one plain-language readout.

An explorer is a thin wire. Its controls are ipywidgets; when one changes, the explorer
calls a tested ``prtlib`` function (``compute``), redraws its figure in place (``draw``)
and rewrites its readout (``describe``). Tests drive it without a browser by setting
``explorer.controls[name].value`` and reading ``explorer.state``, ``explorer.readout_text``
and ``explorer.image.value``.

Displayed in a notebook, an explorer's output carries three things side by side: the live
widget, the PNG of its current figure and its readout as text. JupyterLab shows the live
widget once the cell has run. Anything that cannot run widgets shows the snapshot instead:
GitHub, nbviewer, the course website, and JupyterLab itself for a notebook that is not yet
trusted (a fresh clone opened before it runs), because it then renders only safe outputs,
and a PNG is one. The output's metadata gives the image its alternative text
(``figure_alt``).

Drawing only what changed. An explorer may name the artists a move changes
(``moving_artists``); everything else in its figure is its static layer (axes, ticks,
labels, legends, reference lines). The base class then renders the static layer once per
layout, in two parts: what is drawn below the moving artists (kept as an Agg background
with ``copy_from_bbox``) and what is drawn above them (kept as a transparent overlay).
A move restores the background, draws the moving artists (``draw_artist``), lays the
overlay on top and encodes the PNG, which gives the full redraw's pixels (up to rounding
of antialiased edges). The static layer is followed per axes: when a move changes one
axes' static layer (its limits, ticks, a title or label that is not declared moving, an
artist added or removed, a static artist changed), that axes alone is drawn whole, on
pixels of its own, over the layers kept for the others; when it then stays the same on
the next move, its new static layer is kept in turn. The figure is drawn whole again when
its own static layer changes (its size, its own texts, axes added or removed), or when the
changed axes overlaps another or reaches beyond its pixels (tick labels that grew). An
explorer that declares nothing (or sets ``draw_whole``) is always drawn whole.

Following a drag. A change that comes from the browser (a slider being dragged) is drawn
by a worker thread, and changes that arrive while it draws only update the controls: when
the drawing ends, the worker draws the latest values, so a fast drag never builds a queue
of stale frames and the last image is the one for the last value. A change made in Python
(tests, notebooks) is drawn at once, before the assignment returns.
"""

from __future__ import annotations

import base64
import html
import re
import threading
import traceback
from typing import Any

from prtlib.course.explorers.layers import (
    _MAX_KEPT_LAYERS,
    _ArtistTree,
    _Layers,
    _layout_frozen,
    _Titles,
    _why_whole,
)
from prtlib.course.plotting import describe_figure, render_png

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class Explorer:
    """Base class: subclasses define ``title``, ``make_controls``, ``setup_figure``,
    ``compute``, ``draw`` and ``describe``.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        The controls, by the name of the argument they feed.
    state : dict
        What ``compute`` returned for the current control values.
    image : ipywidgets.Image
        The rendered figure (PNG).
    readout : ipywidgets.HTML
        The sentence that says what the figure shows.
    """

    title = "Explorer"
    figure_alt = ""
    draw_whole = False
    """When true, every move draws the whole figure (benchmarks compare with it)."""

    def __init__(self, **initial: Any):
        import ipywidgets as widgets

        self.controls = self.make_controls()
        for name, value in initial.items():
            if name not in self.controls:
                allowed = ", ".join(sorted(self.controls))
                raise ValueError(
                    f"{name} is not a control of this explorer; its controls are {allowed}."
                )
            self.controls[name].value = value
        self.figure, self.axes = self.setup_figure()
        width_px = int(self.figure.get_figwidth() * self.figure.dpi)
        self.image = widgets.Image(format="png",
                                   layout=widgets.Layout(width=f"{width_px}px", max_width="100%"))
        self.readout = widgets.HTML()
        self.state: dict[str, Any] = {}
        self._render_lock = threading.RLock()
        self._queue_lock = threading.Lock()
        self._dirty = False
        self._worker: threading.Thread | None = None
        self._layers: dict[tuple, _Layers] = {}  # by drawing order of the moving artists
        self._drawn_whole: dict[tuple, int] = {}  # whole drawings per order, this layer
        self._blits = 0  # moves drawn over the layers kept for this static layer
        self._patience = 1  # whole drawings over one static layer before keeping layers
        self._signature = None
        self.render_count = {"full": 0, "blit": 0, "axes": 0}
        self.full_reason = ""  # why the last whole drawing was needed
        self.update()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self._widget = None

    # -- to be defined by each explorer ---------------------------------------------
    def make_controls(self) -> dict:
        raise NotImplementedError

    def setup_figure(self):
        raise NotImplementedError

    def compute(self, **values) -> dict:
        raise NotImplementedError

    def draw(self, state: dict) -> None:
        raise NotImplementedError

    def describe(self, state: dict) -> str:
        raise NotImplementedError

    def moving_artists(self) -> list:
        """The artists a move redraws; everything else is the static layer.

        Override to return them (lines, collections, patches, texts such as a title that
        changes with the controls). The default, an empty list, draws the whole figure on
        every move.
        """
        return []

    # -- the wire ---------------------------------------------------------------------
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self) -> None:
        """Recompute, redraw and rewrite the readout for the current control values."""
        with self._render_lock:
            self.state = self.compute(**self.values())
            self.draw(self.state)
            self.image.value = self.render()
            self.readout.value = self.describe(self.state)

    def render(self) -> bytes:
        """The PNG of the figure as it stands: only the moving artists redrawn when the
        static layer is unchanged since the last rendering, the whole figure otherwise."""
        with self._render_lock:
            figure = self.figure
            moving = [a for a in self.moving_artists() if a is not None]
            if (self.draw_whole or not moving or not _layout_frozen(figure)
                    or not hasattr(figure.canvas, "copy_from_bbox")):
                self.full_reason = ("draw_whole is set" if self.draw_whole else
                                    "no moving artists declared" if not moving else
                                    "the layout is not frozen, or the canvas is not Agg")
                self._layers, self._drawn_whole, self._blits = {}, {}, 0
                self._signature = None
                self.render_count["full"] += 1
                return render_png(figure)
            tree = _ArtistTree(figure, moving)
            signature, panels = tree.signature()
            reason = _why_whole(tree, signature, self._signature)
            if reason:
                self._forget(signature)
            layers = self._layers.get(tree.structure)
            if layers is not None:
                # Axes whose own static layer changed (limits or ticks that follow the
                # data, say) are drawn whole over the kept layers of the others.
                changed = layers.changed_panels(tree, panels)
                if changed and not layers.can_redraw_panels(figure, tree, changed):
                    reason = "a changed axes overlaps another part of the figure"
                    self._forget(signature)
                    layers = None
            if layers is None and self._drawn_whole.get(tree.structure, 0) >= self._patience:
                # Another move over this static layer in this drawing order: keep its layers.
                # (Moves that change the drawing order, such as bringing the chosen arm's
                # line to the front, keep one set of layers per order.)
                if len(self._layers) >= _MAX_KEPT_LAYERS:
                    self._layers.pop(next(iter(self._layers)))
                layers = self._layers[tree.structure] = _Layers.build(figure, tree, panels)
                tree.mark_clean()
                changed = {}
            if layers is None:
                self.full_reason = reason or "too few moves yet over this static layer"
                self._drawn_whole[tree.structure] = self._drawn_whole.get(tree.structure, 0) + 1
                png = render_png(figure)
                tree.mark_clean()
                self.render_count["full"] += 1
                return png
            png = layers.blit(figure, tree, changed)
            if png is None:
                # An axes drawn alone reached beyond its pixels (tick labels that grew):
                # draw the whole figure, and keep new layers later.
                self._forget(signature)
                self.full_reason = "an axes drawn alone reached beyond its own pixels"
                self._drawn_whole[tree.structure] = 1
                png = render_png(figure)
                tree.mark_clean()
                self.render_count["full"] += 1
                return png
            self.render_count["blit"] += 1
            self.render_count["axes"] += bool(changed)
            self._blits += 1
            tree.mark_clean()
            return png

    def _forget(self, signature) -> None:
        """Forget the layers kept for the old static layer. Keeping layers costs a few
        drawings; when the last ones served fewer than two moves each, wait for a longer
        run of moves before keeping them again, and when they served many, keep them
        sooner again."""
        if self._layers:
            if self._blits < 2 * len(self._layers):
                self._patience = min(self._patience + 1, 4)
            elif self._blits >= 4 * len(self._layers):
                self._patience = max(self._patience - 1, 1)
        self._layers, self._drawn_whole, self._blits = {}, {}, 0
        self._signature = signature

    def full_redraw_png(self) -> bytes:
        """The PNG of the whole figure drawn again, as if nothing were kept between moves
        (what :meth:`render` must match); the kept layers stay valid."""
        with self._render_lock:
            titles = _Titles(self.figure)
            png = render_png(self.figure)
            titles.restore()
            moving = [a for a in self.moving_artists() if a is not None]
            if moving:
                _ArtistTree(self.figure, moving).mark_clean()
            return png

    def _on_change(self, change) -> None:
        lock = getattr(change.get("owner"), "_property_lock", None) or {}
        if "value" in lock:
            # The browser sent this value: draw it off the kernel's main thread, so that
            # the next values of a drag are received while this one is drawn.
            self._request_update()
        else:
            self.update()

    def _request_update(self) -> None:
        with self._queue_lock:
            self._dirty = True
            if self._worker is not None:
                return
            self._worker = threading.Thread(target=self._drain, daemon=True,
                                            name=f"{type(self).__name__}-draw")
            worker = self._worker
        worker.start()

    def _drain(self) -> None:
        """Draw until no newer value is waiting; each pass draws the latest values."""
        while True:
            with self._queue_lock:
                if not self._dirty:
                    self._worker = None
                    return
                self._dirty = False
            try:
                self.update()
            except Exception:  # pragma: no cover - shown to the learner, not raised
                traceback.print_exc()

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the changes sent by the browser are drawn (for tests)."""
        with self._queue_lock:
            worker = self._worker
        if worker is not None:
            worker.join(timeout)

    @property
    def readout_text(self) -> str:
        """The readout as plain text (HTML tags removed)."""
        text = re.sub(r"<br\s*/?>", "\n", self.readout.value)
        return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()

    @property
    def widget(self):
        """The assembled widget: controls above, figure, then the readout."""
        import ipywidgets as widgets

        if self._widget is None:
            header = widgets.HTML(f"<b>{html.escape(self.title)}</b>")
            controls = widgets.HBox(
                list(self.controls.values()),
                layout=widgets.Layout(flex_flow="row wrap"),
            )
            self._widget = widgets.VBox([header, controls, self.image, self.readout])
            # Class names let browser tests and benchmarks find each part of an explorer.
            self._widget.add_class("prt-explorer")
            self._widget.add_class(f"prt-explorer-{type(self).__name__}")
            controls.add_class("prt-explorer-controls")
            self.image.add_class("prt-explorer-image")
            self.readout.add_class("prt-explorer-readout")
            for name, control in self.controls.items():
                control.add_class(f"prt-control-{name}")
        return self._widget

    @property
    def alt_text(self) -> str:
        """What the figure shows, for readers who cannot see it: ``figure_alt``, or a
        description built from the figure's titles and labels when none was written."""
        return " ".join(self.figure_alt.split()) or describe_figure(self.figure)

    @property
    def snapshot_text(self) -> str:
        """The plain-text stand-in for the explorer: what it is, then its current readout."""
        controls = ", ".join(self.controls)
        head = (f"{self.title}: an interactive explorer, shown as a snapshot. Run this "
                f"notebook in JupyterLab to move its controls ({controls}).")
        readout = self.readout_text
        return f"{head}\n{readout}" if readout else head

    def _repr_mimebundle_(self, **kwargs):
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["image/png"] = base64.b64encode(bytes(self.image.value)).decode("ascii")
        bundle["text/plain"] = self.snapshot_text
        return bundle

    def snapshot_metadata(self) -> dict:
        """The output metadata that goes with the snapshot: the image's alternative text,
        and the explorer's title and controls (the course website captions it with them)."""
        return {"image/png": {"alt": self.alt_text},
                "prtlib": {"explorer": self.title, "controls": list(self.controls)}}

    def _ipython_display_(self):
        from IPython.display import display

        display(self._repr_mimebundle_(), metadata=self.snapshot_metadata(), raw=True)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.values()}>"


def slider(value, low, high, step, description: str, **options):
    """A slider that follows the drag (``continuous_update``), its description shown in
    full: an ``IntSlider`` when every number is a whole one, a ``FloatSlider`` otherwise.
    ``options`` go to the widget (``readout_format``, ``style``, ``layout`` ...).

    Examples
    --------
    >>> s = slider(0.5, 0.1, 1.5, 0.05, "True d")
    >>> type(s).__name__, s.value, s.continuous_update
    ('FloatSlider', 0.5, True)
    >>> type(slider(20, 10, 150, 5, "n per arm")).__name__
    'IntSlider'
    """
    import ipywidgets as widgets

    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (value, low, high, step))
    options.setdefault("style", {"description_width": "initial"})
    kind = widgets.IntSlider if whole else widgets.FloatSlider
    return kind(value=value, min=low, max=high, step=step, description=description,
                continuous_update=True, **options)


def sweep_values(control, n: int = 5) -> list:
    """Up to ``n`` valid values of a control other than its current one, spread over its range.

    Benchmarks and browser tests use it to move any explorer's controls without knowing
    what they are.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> sweep_values(widgets.IntSlider(value=0, min=0, max=10, step=1), n=3)
    [3, 7, 10]
    >>> sweep_values(widgets.Dropdown(options=["a", "b", "c"], value="a"))
    ['b', 'c']
    """
    current = control.value
    if hasattr(control, "_options_values"):  # Dropdown, ToggleButtons, SelectionSlider ...
        return [v for v in control._options_values if v != current][:n]
    if isinstance(current, bool):
        return [not current]
    lo, hi = control.min, control.max
    step = getattr(control, "step", None) or (hi - lo) / 100
    values = []
    for i in range(1, n + 1):
        raw = lo + (hi - lo) * i / n
        snapped = lo + round((raw - lo) / step) * step
        snapped = min(max(snapped, lo), hi)
        if isinstance(current, int):
            snapped = int(round(snapped))
        else:
            snapped = round(snapped, 10)
        if snapped != current and snapped not in values:
            values.append(snapped)
    return values
