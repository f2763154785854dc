"""Tests of prtlib.course.figures.fmri: the glass-brain figure of MNI peaks, drawn offline.

Sources of reference values: the trial's localizer peaks (eTable 7) and connectivity
clusters (eTable 8), read through prtlib.trial.published; nilearn draws the brain.
"""

import re
import socket

import numpy as np
import pytest

from prtlib.course.figures.fmri import plot_peaks
from prtlib.trial import published as pub


@pytest.mark.parametrize(("call", "name"), [
    (lambda: plot_peaks([[0, 0]]), "coords"),
    (lambda: plot_peaks([[0, 0, 0]], labels=["a", "b"]), "labels"),
    (lambda: plot_peaks([[0, 0, 0]], values=[1.0, 2.0]), "values"),
    (lambda: plot_peaks([[0, 0, 0]], colors=["#0072B2", "#E69F00"]), "colors"),
    (lambda: plot_peaks([[0, 0, 0]], colors=["not a colour"]), "colors"),
    (lambda: plot_peaks([[0, 0, 0]], colors="#0072B2"), "colors"),
    (lambda: plot_peaks([[0, 0, 0]], values=[1.0], colors=["#0072B2"]), "colors"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match="^" + re.escape(name)):
        call()


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every outgoing connection while the test runs."""

    def refuse(*args, **kwargs):
        raise OSError("network access is disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_plot_peaks_runs_offline(no_network):
    """Reference: the trial's localizer peaks (eTable 7, via prtlib.trial.published.fmri_peaks)."""
    from matplotlib.figure import Figure

    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80))
    peaks = pub.fmri_peaks()
    fig = plot_peaks(peaks)
    assert isinstance(fig, Figure)
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert len(texts) == len(peaks) == 7
    assert texts[0].startswith("aMCC") and texts[0].endswith("-1, 31, 34")
    fig.canvas.draw()  # renders with the Agg canvas

    conn = pub.fmri_connectivity()
    conn = conn[conn["cluster"]]
    n_axes = len(plot_peaks(conn, legend=False).axes)
    fig = plot_peaks(conn, values=conn["Z"], title="connectivity change")
    assert len(fig.axes) == n_axes + 1  # a colour bar, named after the column it shows
    assert fig.axes[-1].get_ylabel() == "Z"
    assert fig.legends[0].get_texts()[0].get_text().startswith("BA2")


def test_plot_peaks_colors_give_each_peak_its_own_colour(no_network):
    """Reference: eTable 8 (via prtlib.trial.published.fmri_connectivity): the two anterior-insula
    clusters have Z 3.55 and 3.58, so a Z colour scale draws them almost alike; with
    ``colors`` every marker and its legend entry carry the colour asked for."""
    import matplotlib as mpl

    conn = pub.fmri_connectivity()
    conn = conn[conn["cluster"]]
    by_z = plot_peaks(conn, values=conn["Z"])
    handles = by_z.legends[0].legend_handles
    first, second = (np.array(mpl.colors.to_rgb(h.get_markerfacecolor())) for h in handles[:2])
    assert np.abs(first - second).max() < 0.1  # nearly the same colour: the defect
    asked = ["#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7"]
    fig = plot_peaks(conn, labels=[f"cluster {i}" for i in range(5)], colors=asked)
    legend = fig.legends[0]
    assert [mpl.colors.to_hex(h.get_markerfacecolor()) for h in legend.legend_handles] == [
        c.lower() for c in asked]
    drawn = set()
    for ax in fig.axes:
        for coll in ax.collections:
            drawn |= {mpl.colors.to_hex(c) for c in coll.get_facecolors()}
    assert {c.lower() for c in asked} <= drawn  # the markers on the brain, not only the legend
    assert len(fig.axes) == len(plot_peaks(conn, legend=False).axes)  # no colour bar


def test_plot_peaks_into_existing_axes(no_network):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 6))
    FigureCanvasAgg(fig)
    axes = fig.subplots(2, 1)
    axes[0].plot([0, 1], [0, 1])
    out = plot_peaks([[-29, 29, 3], [35, -30, 57]], ["aIns", "S1"], ax=axes[1],
                     display_mode="z", legend=False)
    assert out is fig
    assert axes[0] in fig.axes and axes[1] not in fig.axes
