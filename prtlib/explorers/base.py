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
"""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from prtlib.plotting import describe_figure, render_png

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

    # -- the wire ---------------------------------------------------------------------
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self) -> None:
        """Recompute, redraw and rewrite the readout for the current control values."""
        self.state = self.compute(**self.values())
        self.draw(self.state)
        self.image.value = render_png(self.figure)
        self.readout.value = self.describe(self.state)

    def _on_change(self, change) -> None:
        self.update()

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
