"""Figures of lesson 02 (randomized designs): the trial's CONSORT flow diagram."""

from __future__ import annotations

from prtlib import _validate
from prtlib.course.plotting import ARM_COLORS, MUTED, new_figure
from prtlib.trial.constants import ARM_LABELS, ARMS, TIME_LABELS
from prtlib.trial.designs.flow import ConsortFlow, consort_flow

__all__ = ["consort_figure"]


def consort_figure(flow: ConsortFlow | None = None, time: str = "post"):
    """Draw the trial's CONSORT flow diagram from its counts.

    Parameters
    ----------
    flow : ConsortFlow, optional
        The counts; default :func:`prtlib.trial.designs.consort_flow`.
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "post"
        Which follow-up to show in the "measured" row.

    Returns
    -------
    matplotlib.figure.Figure
        A 10 x 7.6 inch figure; each box is a text artist with a box, so tests can read
        every label (``fig.texts`` is empty; use ``fig.axes[0].texts``).

    Raises
    ------
    ValueError
        If ``flow`` is not a ConsortFlow or ``time`` is unknown.

    Notes
    -----
    Rows follow CONSORT 2010: enrolment, allocation, follow-up, analysis. Numbers leaving
    the funnel are differences of the printed counts (for example 1321 - 218); the
    reasons are in the paper's Figure 1. The analysis row shows the intention-to-treat
    sample: everyone randomized.

    References
    ----------
    Schulz KF, Altman DG, Moher D; CONSORT Group. BMJ. 2010;340:c332. doi:10.1136/bmj.c332

    Examples
    --------
    >>> fig = consort_figure()
    >>> labels = [t.get_text() for t in fig.axes[0].texts]
    >>> any("Randomized: 151" in s for s in labels)
    True
    """
    flow = consort_flow() if flow is None else flow
    if not isinstance(flow, ConsortFlow):
        raise ValueError(f"flow must be a ConsortFlow from consort_flow(); got "
                         f"{type(flow).__name__}.")
    time = _validate.choice("time", time, tuple(flow.monitored))

    fig, ax = new_figure(10, 7.6)
    ax.set_xlim(0, 100)
    ax.set_ylim(5, 99)
    ax.axis("off")

    def box(x, y, text, colour="#F4F4F4", edge="#555555", size=10.5, weight="normal"):
        return ax.text(x, y, text, ha="center", va="center", fontsize=size,
                       fontweight=weight, bbox={"boxstyle": "round,pad=0.45",
                                                "facecolor": colour, "edgecolor": edge})

    def arrow(x0, y0, x1, y1, target=None):
        props = {"arrowstyle": "-|>", "color": "#555555", "lw": 1.2}
        if target is not None:  # end exactly at the target box's edge
            props.update(patchB=target.get_bbox_patch(), shrinkB=1)
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops=props)

    pain_first, pain_second = flow.excluded_low_pain
    box(40, 95, f"Screened online: {flow.screened}")
    box(40, 85, f"Assessed in person: {flow.assessed_in_person}")
    box(40, 75, f"Completed pretreatment assessment: {flow.completed_pretreatment}")
    box(40, 65, f"Randomized: {flow.randomized_total}", weight="bold")
    for y0, y1 in ((95, 85), (85, 75), (75, 65)):
        arrow(40, y0 - 2.3, 40, y1 + 2.3)
    side = {
        90: f"Not continued: {flow.screened - flow.assessed_in_person}\n"
            f"(exclusions for pain < 4/10\nincluded {pain_first} + {pain_second})",
        80: f"Not continued: {flow.assessed_in_person - flow.completed_pretreatment}",
        70: f"Not randomized: {flow.completed_pretreatment - flow.randomized_total}",
    }
    for y, text in side.items():
        arrow(40, y, 84, y, target=box(84, y, text, colour="white", size=9.5))

    xs = {"prt": 17, "placebo": 50, "usual_care": 83}
    allocation = {
        "prt": (f"started: {flow.prt_initiated} (never started: {flow.prt_never_initiated})\n"
                f"completed: {flow.prt_completed} (dropped out: {flow.prt_dropped})"),
        "placebo": (f"received injection: {flow.placebo_received}\n"
                    f"lost to follow-up: {flow.placebo_lost}, withdrew: "
                    f"{flow.placebo_withdrew}"),
        "usual_care": "continued usual care\n(no added treatment)",
    }
    for arm in ARMS:
        x = xs[arm]
        arrow(40, 62.5, x, 54.5)
        box(x, 51, f"{ARM_LABELS[arm]}\nrandomized: {flow.randomized[arm]}",
            colour="white", edge=ARM_COLORS[arm], weight="bold", size=10)
        box(x, 38, allocation[arm], colour="white", edge=ARM_COLORS[arm], size=9)
        measured = flow.monitored[time][arm]
        box(x, 24, f"{TIME_LABELS[time]}:\nmeasured {measured}, "
                   f"missing {flow.randomized[arm] - measured}", colour=MUTED, size=9.5)
        box(x, 10, f"Analysed (ITT): {flow.randomized[arm]}", colour="white",
            edge=ARM_COLORS[arm], size=10)
        arrow(x, 47.5, x, 41.8)
        arrow(x, 34.3, x, 27.5)
        arrow(x, 20.5, x, 12.5)
    for y, label in ((95, "Enrolment"), (51, "Allocation"), (24, "Follow-up"),
                     (10, "Analysis")):
        ax.text(0.5, y + 4.8 if label != "Enrolment" else y, label, fontsize=10,
                color="#777777", fontstyle="italic", ha="left", va="center")
    return fig
