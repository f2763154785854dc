"""Lesson 01's explorers: who took part, and why a baseline correlation is not a cause."""

from __future__ import annotations

import numpy as np

from prtlib.course.explorers.base import Explorer, slider
from prtlib.course.plotting import (
    ARM_COLORS,
    HIGHLIGHT,
    MUTED,
    OKABE_ITO,
    freeze_layout,
    new_figure,
)
from prtlib.trial import baseline
from prtlib.trial.constants import ARM_SHORT_LABELS, ARMS

_AXIS_LIMITS = {
    "pain": (-0.5, 10.5),
    "tsk11": (10, 45),
    "odi": (-2, 72),
    "age": (18, 73),
    "pain_duration": (-1, 48),
}
_BOX_HALF_WIDTH = 0.22




class BaselineCohortExplorer(Explorer):
    """The simulated cohort at baseline, arm by arm, beside the published means.

    Controls: ``measure`` (pain, TSK-11, ODI, age or pain duration) and ``cohort`` (which
    simulated cohort, 0-9). Each dot is a simulated participant; the box spans the middle
    half of the arm, the black diamond and bar mark the paper's mean and SD.
    """

    title = "The participants at baseline, by arm"
    figure_alt = ("Dot plot of one baseline measure for 151 simulated participants, one "
                  "column of dots per arm with a box around the middle half, beside a black "
                  "diamond and bar for the paper's mean and SD in that arm.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "measure": widgets.Dropdown(
                options=[(label, key) for key, (label, *_rest) in baseline.MEASURES.items()],
                value="pain", description="Measure", style={"description_width": "80px"},
                layout=widgets.Layout(width="330px")),
            "cohort": slider(0, 0, 9, 1, "Cohort #"),
        }

    def setup_figure(self):
        from matplotlib.patches import Rectangle

        fig, ax = new_figure(8, 4.3)
        self.dots, self.boxes, self.medians, self.marks, self.bars = {}, {}, {}, {}, {}
        for i, arm in enumerate(ARMS):
            self.dots[arm] = ax.scatter([], [], s=16, alpha=0.55, color=ARM_COLORS[arm],
                                        edgecolors="none", zorder=2)
            box = Rectangle((i - _BOX_HALF_WIDTH, 0), 2 * _BOX_HALF_WIDTH, 0, fill=False,
                            edgecolor="#333333", linewidth=1.3, zorder=3)
            ax.add_patch(box)
            self.boxes[arm] = box
            (self.medians[arm],) = ax.plot([], [], color="#333333", linewidth=2, zorder=3)
            (self.bars[arm],) = ax.plot([], [], color="black", linewidth=2, zorder=4)
            (self.marks[arm],) = ax.plot([], [], marker="D", color="black", markersize=8,
                                         linestyle="none", zorder=5)
        self.marks[ARMS[0]].set_label("published mean ± SD")
        self.dots[ARMS[0]].set_label("simulated participant")
        ax.legend(loc="upper right", frameon=False, fontsize=10)
        ax.set_xticks(range(len(ARMS)))
        ax.set_xticklabels([ARM_SHORT_LABELS[a] for a in ARMS])
        ax.set_xlim(-0.6, len(ARMS) - 0.15)
        ax.grid(axis="y", alpha=0.3)
        rng = np.random.default_rng(11)
        self._jitter = rng.uniform(-0.18, 0.18, size=200)
        # Build every cohort the slider offers now (about 30 ms each), so moving it is quick.
        slider = self.controls["cohort"]
        for seed in range(slider.min, slider.max + 1):
            baseline.baseline_cohort(seed=seed)
        return fig, ax

    def compute(self, measure, cohort):
        df = baseline.baseline_cohort(seed=cohort)
        table = baseline.compare_with_published(df, measure)
        values = {arm: df.loc[df["arm"] == arm, measure].to_numpy(dtype=float) for arm in ARMS}
        within_sd = float(np.sqrt(np.mean(table["sd"].to_numpy() ** 2)))
        means = table["mean"].to_numpy()
        return {"measure": measure, "cohort": cohort, "values": values, "table": table,
                "within_sd": within_sd, "between_range": float(means.max() - means.min())}

    def draw(self, state):
        ax = self.axes
        table = state["table"]
        for i, arm in enumerate(ARMS):
            v = state["values"][arm]
            x = i - 0.42 + self._jitter[: v.size] * 0.5
            self.dots[arm].set_offsets(np.column_stack([x, v]))
            q1, med, q3 = np.percentile(v, [25, 50, 75])
            self.boxes[arm].set_y(q1)
            self.boxes[arm].set_height(q3 - q1)
            self.medians[arm].set_data([i - _BOX_HALF_WIDTH, i + _BOX_HALF_WIDTH], [med, med])
            mean, sd = table.loc[arm, "published_mean"], table.loc[arm, "published_sd"]
            self.marks[arm].set_data([i + 0.34], [mean])
            self.bars[arm].set_data([i + 0.34, i + 0.34], [mean - sd, mean + sd])
        label, unit, *_ = baseline.MEASURES[state["measure"]]
        ax.set_ylim(*_AXIS_LIMITS[state["measure"]])
        ax.set_ylabel(f"{label},\n{unit}")
        ax.set_title(f"Simulated cohort #{state['cohort']}: 151 invented people built to "
                     "match the paper", fontsize=11.5)
        freeze_layout(self.figure)

    def moving_artists(self):
        groups = (self.dots, self.boxes, self.medians, self.bars, self.marks)
        return [artist for group in groups for artist in group.values()] + [self.axes.title]

    def describe(self, state):
        table = state["table"]
        label, unit, *_ = baseline.MEASURES[state["measure"]]
        unit_short = unit.split(" (")[0]
        sim = ", ".join(f"{ARM_SHORT_LABELS[a]} {table.loc[a, 'mean']:.1f}" for a in ARMS)
        pub = ", ".join(f"{table.loc[a, 'published_mean']:.1f}" for a in ARMS)
        return (f"<b>{label}</b>: simulated means {sim} {unit_short} (published {pub}). "
                f"Within an arm people differ by about {state['within_sd']:.1f} {unit_short} "
                f"(SD); the arm means differ by only {state['between_range']:.1f}. "
                "The arms started alike, which is what randomization is for; the individuals "
                "did not.")


_STRUCTURE_LABELS = {
    "fear_to_disability": "Fear → disability",
    "disability_to_fear": "Disability → fear",
    "common_cause": "Pain → both",
}


class FearDisabilityExplorer(Explorer):
    """Three causal worlds with the same baseline correlation of fear and disability.

    Controls: ``structure`` (which way the causes run), ``r`` (the correlation built in)
    and ``points`` (how far an imagined intervention lowers everyone's TSK-11). Left:
    TSK-11 against ODI at baseline. Right: mean disability before and after the
    intervention. The left panel looks the same in all three worlds; the right does not.
    """

    title = "Fear of movement and disability: correlation or cause?"
    figure_alt = ("Left: fear of movement (TSK-11) against disability (ODI) for simulated "
                  "people at baseline, with the fitted line and the correlation; right: mean "
                  "disability before and after an imagined intervention that lowers "
                  "everyone's fear, in the chosen causal world.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "structure": widgets.ToggleButtons(
                options=[(label, key) for key, label in _STRUCTURE_LABELS.items()],
                value="fear_to_disability", description="World",
                style={"button_width": "150px"}),
            "r": slider(0.3, 0.0, 0.8, 0.05, "Correlation", readout_format=".2f"),
            "points": widgets.IntSlider(
                value=5, min=0, max=10, step=1, description="Lower TSK by",
                continuous_update=True, style={"description_width": "initial"}),
        }

    def setup_figure(self):
        fig, (left, right) = new_figure(9, 4.2, ncols=2, width_ratios=[1.5, 1])
        self.scatter = left.scatter([], [], s=18, alpha=0.6, color=OKABE_ITO["blue"],
                                    edgecolors="none")
        (self.fit,) = left.plot([], [], color=HIGHLIGHT, linewidth=2)
        self.r_text = left.text(0.03, 0.95, "", transform=left.transAxes, va="top",
                                fontsize=11)
        left.set_xlim(10, 40)
        left.set_ylim(-2, 65)
        left.set_xlabel("Fear of movement, TSK-11 (11-44)")
        left.set_ylabel("Disability, ODI (0-100)")
        left.set_title("Baseline: one cross-section", fontsize=11.5)
        self.bar_artists = right.bar([0, 1], [0, 0], width=0.6,
                                     color=[MUTED, OKABE_ITO["bluish_green"]],
                                     edgecolor="#333333")
        self.bar_labels = [right.text(x, 0, "", ha="center", va="bottom", fontsize=11)
                           for x in (0, 1)]
        right.set_xticks([0, 1])
        right.set_xticklabels(["before", "after lowering\nfear"])
        right.set_ylim(0, 32)
        right.set_ylabel("Mean disability, ODI")
        right.set_title("Intervention: lower everyone's fear", fontsize=11.5)
        return fig, (left, right)

    def compute(self, structure, r, points):
        section = baseline.simulate_cross_section(structure, r=r)
        others = {s: baseline.simulate_cross_section(s, r=r).r
                  for s in baseline.STRUCTURES if s != structure}
        return {"structure": structure, "r": r, "points": points, "section": section,
                "reduction": baseline.lower_fear(section, points), "others": others}

    def draw(self, state):
        left, right = self.axes
        section = state["section"]
        self.scatter.set_offsets(np.column_stack([section.tsk11, section.odi]))
        x = np.array([11.0, 40.0])
        intercept = section.odi.mean() - section.slope * section.tsk11.mean()
        self.fit.set_data(x, intercept + section.slope * x)
        self.r_text.set_text(f"r = {section.r:.2f}")
        red = state["reduction"]
        for bar, label, value in zip(self.bar_artists, self.bar_labels,
                                     (red.odi_before, red.odi_after), strict=True):
            bar.set_height(value)
            label.set_position((bar.get_x() + bar.get_width() / 2, value + 0.6))
            label.set_text(f"{value:.1f}")
        right.set_title(f"Lower everyone's TSK-11 by {state['points']} points", fontsize=11.5)
        left.set_title(f"Baseline, world: {_STRUCTURE_LABELS[state['structure']]}",
                       fontsize=11.5)
        freeze_layout(self.figure)

    def moving_artists(self):
        left, right = self.axes
        return [self.scatter, self.fit, self.r_text, *self.bar_artists, *self.bar_labels,
                left.title, right.title]

    def describe(self, state):
        section, red = state["section"], state["reduction"]
        others = " and ".join(f"{v:.2f}" for v in state["others"].values())
        world = baseline.STRUCTURES[state["structure"]]
        if abs(red.odi_change) < 0.05:
            effect = "leaves disability where it was"
        else:
            effect = f"changes mean disability by {red.odi_change:+.1f} ODI points"
        return (f"In this world {world}. At baseline r = {section.r:.2f} (the other two "
                f"worlds: {others}). Lowering everyone's TSK-11 by {state['points']} points "
                f"{effect}. <b>A cross-sectional correlation cannot tell these worlds "
                "apart; only changing fear, and watching what follows, can.</b>")
