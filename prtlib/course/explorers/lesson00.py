"""Lesson 00's explorer: pick an arm and a time, see its pain before and after."""

from __future__ import annotations

from prtlib.course.explorers.base import Explorer
from prtlib.course.plotting import ARM_COLORS, MUTED, freeze_layout, new_figure
from prtlib.trial.constants import ARM_SHORT_LABELS, ARMS, TIME_LABELS, TIMES
from prtlib.trial.outcomes import pain_change


class PainByArmExplorer(Explorer):
    """Average pain (0-10) at baseline and at a chosen later time, for each arm.

    Controls: ``arm`` (which arm to highlight and describe) and ``time`` (the later
    assessment). The figure draws every arm's change; the chosen arm is in colour, the
    others in grey, so the comparison between arms is always in view.
    """

    title = "Pain before and after, by arm"
    figure_alt = ("Average pain on the 0-10 scale at baseline and at the chosen later time, "
                  "one line per arm: the highlighted arm in its colour, the other two in "
                  "grey, each labelled with its later mean.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "arm": widgets.ToggleButtons(
                options=[(ARM_SHORT_LABELS[a], a) for a in ARMS], value="prt",
                description="Arm", style={"button_width": "100px"}),
            "time": widgets.Dropdown(
                options=[(TIME_LABELS[t], t) for t in TIMES[1:]], value="post",
                description="Compare with", style={"description_width": "100px"},
                layout=widgets.Layout(width="300px")),
        }

    def setup_figure(self):
        fig, ax = new_figure(7.5, 4.2)
        self.lines = {}
        for arm in ARMS:
            (line,) = ax.plot([0, 1], [0, 0], marker="o", markersize=9, linewidth=2.5,
                              label=ARM_SHORT_LABELS[arm])
            self.lines[arm] = line
        self.labels = {arm: ax.text(1.04, 0, "", va="center", fontsize=11) for arm in ARMS}
        ax.set_xlim(-0.3, 1.6)
        ax.set_ylim(0, 6)
        ax.set_xticks([0, 1])
        ax.set_ylabel("Average pain (0-10 scale)")
        ax.grid(axis="y", alpha=0.3)
        # Lay out once with a one-line title and tick labels in place: updates change only
        # their text, so the layout stays right and each redraw skips the layout pass.
        ax.set_title(" ")
        ax.set_xticklabels(["Baseline", TIME_LABELS["post"]])
        freeze_layout(fig)
        return fig, ax

    def compute(self, arm, time):
        return {"arm": arm, "time": time,
                "changes": {a: pain_change(a, time) for a in ARMS}}

    def draw(self, state):
        ax = self.axes
        label_y = _spread({a: c.after for a, c in state["changes"].items()}, min_gap=0.3)
        for arm, change in state["changes"].items():
            chosen = arm == state["arm"]
            line = self.lines[arm]
            line.set_data([0, 1], [change.before, change.after])
            line.set_color(ARM_COLORS[arm] if chosen else MUTED)
            line.set_zorder(3 if chosen else 2)
            label = self.labels[arm]
            label.set_position((1.04, label_y[arm]))
            label.set_text(f"{ARM_SHORT_LABELS[arm]} {change.after:.2f}")
            label.set_color(ARM_COLORS[arm] if chosen else "#777777")
            label.set_fontweight("bold" if chosen else "normal")
        ax.set_xticklabels(["Baseline", TIME_LABELS[state["time"]]])
        ax.set_title(f"{ARM_SHORT_LABELS[state['arm']]} highlighted; means from Table 2")

    def moving_artists(self):
        return [*self.lines.values(), *self.labels.values(), self.axes.title]

    def describe(self, state):
        chosen = state["changes"][state["arm"]]
        others = [c for a, c in state["changes"].items() if a != state["arm"]]
        other_text = "; ".join(
            f"{ARM_SHORT_LABELS[c.arm]} {c.before:.2f} → {c.after:.2f}" for c in others)
        return (f"<b>{chosen.sentence()}</b><br>For comparison: {other_text}. "
                "All three arms improved; what a trial asks is how much more one arm "
                "improved than another.")


def _spread(values: dict, min_gap: float) -> dict:
    """Label positions near ``values`` but at least ``min_gap`` apart (keeps labels legible)."""
    ordered = sorted(values, key=values.get)
    placed: dict = {}
    for key in ordered:
        y = values[key]
        if placed:
            y = max(y, max(placed.values()) + min_gap)
        placed[key] = y
    return placed
