"""The figure of the pain-science lesson: the fear-avoidance cycle, with the exit that a safety appraisal opens."""

from __future__ import annotations

from prtlib import _validate
from prtlib.trial.painscience import FEAR_AVOIDANCE_CYCLE

__all__ = ["fear_avoidance_figure"]


def fear_avoidance_figure(highlight: str | None = "appraisal"):
    """Draw the fear-avoidance cycle, with the exit route that a safety appraisal opens.

    Parameters
    ----------
    highlight : {"pain", "appraisal", "fear", "avoidance", "disability"} or None
        The step to mark in colour, default the appraisal of pain as a threat (the step
        that pain reprocessing targets); None marks nothing. The steps are those of
        :data:`prtlib.trial.painscience.FEAR_AVOIDANCE_CYCLE`.

    Returns
    -------
    matplotlib.figure.Figure
        An 8 x 5.2 inch figure. Labels are text artists on ``fig.axes[0]`` (the arrows are
        annotations with empty text).

    Raises
    ------
    ValueError
        For an unknown step.

    Notes
    -----
    After Vlaeyen and Linton (2000): pain that is appraised as a sign of damage feeds
    fear, fear feeds avoidance and vigilance, these lead to disuse, disability and low
    mood, which sustain the pain. Pain appraised as safe leads instead to confronting
    activities and to recovery.

    References
    ----------
    Vlaeyen JWS, Linton SJ. Fear-avoidance and its consequences in chronic musculoskeletal
    pain: a state of the art. Pain. 2000;85(3):317-332. doi:10.1016/S0304-3959(99)00242-0

    Examples
    --------
    >>> fig = fear_avoidance_figure()
    >>> labels = [t.get_text() for t in fig.axes[0].texts if t.get_text()]
    >>> len(labels), labels[0]
    (8, 'Pain experienced')
    """
    import numpy as np

    from prtlib.course.plotting import HIGHLIGHT, OKABE_ITO, new_figure

    cycle = FEAR_AVOIDANCE_CYCLE
    if highlight is not None:
        _validate.choice("highlight", highlight, [key for key, _ in cycle])
    fig, ax = new_figure(8, 5.2)
    ax.set_xlim(-1.9, 2.9)
    ax.set_ylim(-1.55, 1.5)
    ax.set_aspect("equal")
    ax.axis("off")
    angles = np.pi / 2 - 2 * np.pi * np.arange(len(cycle)) / len(cycle)
    radius = 1.05
    points = [(radius * np.cos(a), radius * np.sin(a)) for a in angles]
    boxes = []
    for (key, label), (x, y) in zip(cycle, points, strict=True):
        chosen = key == highlight
        boxes.append(ax.text(x, y, label, ha="center", va="center", fontsize=10.5,
                             fontweight="bold" if chosen else "normal",
                             bbox={"boxstyle": "round,pad=0.45", "facecolor": "white",
                                   "edgecolor": HIGHLIGHT if chosen else "#555555",
                                   "linewidth": 2.2 if chosen else 1.0}))

    def connect(start, end, colour, rad=0.0, width=1.4):
        # Centre to centre, clipped at both boxes' edges: no arrow crosses a label.
        ax.annotate("", xy=end.get_position(), xytext=start.get_position(),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "lw": width,
                                "connectionstyle": f"arc3,rad={rad}",
                                "patchA": start.get_bbox_patch(),
                                "patchB": end.get_bbox_patch(), "shrinkA": 4, "shrinkB": 4})

    for i, start in enumerate(boxes):
        connect(start, boxes[(i + 1) % len(boxes)], "#555555", rad=-0.2)
    safe = OKABE_ITO["bluish_green"]
    safe_box = ax.text(2.15, 0.85, "Appraised as safe", ha="center", va="center",
                       fontsize=10.5, bbox={"boxstyle": "round,pad=0.45",
                                            "facecolor": "white", "edgecolor": safe})
    recovery = ax.text(2.15, -0.35, "Confronting activity,\nrecovery", ha="center",
                       va="center", fontsize=10.5,
                       bbox={"boxstyle": "round,pad=0.45", "facecolor": "white",
                             "edgecolor": safe})
    connect(boxes[0], safe_box, safe, width=1.6)
    connect(safe_box, recovery, safe, width=1.6)
    ax.text(0, -1.45, "The fear-avoidance cycle (after Vlaeyen & Linton 2000)",
            ha="center", fontsize=10, color="#555555", fontstyle="italic")
    return fig
