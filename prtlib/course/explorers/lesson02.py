"""Lesson 02's explorers: confounding, regression to the mean, and how allocation balances arms."""

from __future__ import annotations

import numpy as np

from prtlib.course.explorers.base import Explorer, slider
from prtlib.course.plotting import (
    HIGHLIGHT,
    MUTED,
    OKABE_ITO,
    freeze_layout,
    new_figure,
    snap_limits,
)
from prtlib.trial import designs

_N_SHOWN = 1500  # people drawn in the regression-to-the-mean scatter (of 4000 simulated)




def _published_get(key):
    from prtlib.trial import published

    return published.get(key)


class ConfoundingExplorer(Explorer):
    """Observational versus randomized estimates of the same therapy's effect.

    Controls: ``selection`` (how strongly milder cases choose therapy) and ``effect`` (what
    therapy really does). Left: baseline pain of those who chose therapy and those who did
    not, in one observational study. Right: the estimates of 400 observational and 400
    randomized studies of the trial's size, with the true effect marked.
    """

    title = "Why randomize? When milder cases choose therapy"
    figure_alt = ("Left: baseline pain of those who chose therapy and those who did not in "
                  "one simulated observational study; right: the effect estimates of 400 "
                  "observational and 400 randomized studies, with the true effect as a "
                  "dashed line.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "selection": widgets.FloatSlider(
                value=1.5, min=0.0, max=3.0, step=0.25, description="Self-selection",
                continuous_update=True, style={"description_width": "initial"}),
            "effect": widgets.FloatSlider(
                value=-1.0, min=-2.0, max=0.5, step=0.25, description="True effect",
                continuous_update=True, style={"description_width": "initial"}),
        }

    def setup_figure(self):
        fig, (left, right) = new_figure(9, 4.2, ncols=2)
        self._pain_edges = np.arange(0.0, 9.01, 0.5)
        zeros = np.zeros(self._pain_edges.size - 1)
        self.chose = left.stairs(zeros, self._pain_edges, fill=True, alpha=0.55,
                                 color=OKABE_ITO["blue"], label="chose therapy")
        self.declined = left.stairs(zeros, self._pain_edges, fill=True, alpha=0.45,
                                    color=OKABE_ITO["grey"], label="did not")
        left.set_xlim(0, 9)
        left.set_ylim(0, 30)
        left.set_xlabel("Baseline pain (0-10)")
        left.set_ylabel("People (in one study)")
        left.legend(frameon=False, loc="upper right", fontsize=10)
        left.set_title("Who chose therapy?", fontsize=11.5)

        self._est_edges = np.arange(-4.5, 2.01, 0.1)
        zeros = np.zeros(self._est_edges.size - 1)
        self.obs = right.stairs(zeros, self._est_edges, fill=True, alpha=0.5,
                                color=OKABE_ITO["orange"], label="observational")
        self.rand = right.stairs(zeros, self._est_edges, fill=True, alpha=0.5,
                                 color=OKABE_ITO["blue"], label="randomized")
        self.truth = right.axvline(0, color="black", linewidth=2, linestyle="--",
                                   label="true effect")
        right.set_xlim(-4.5, 2.0)
        right.set_ylim(0, 125)
        right.set_xlabel("Estimated effect (points; < 0 = less pain)")
        right.set_ylabel("Studies (of 400)")
        right.legend(frameon=False, loc="upper left", fontsize=10)
        right.set_title("What 400 studies of each kind estimate", fontsize=11.5)
        return fig, (left, right)

    def compute(self, selection, effect):
        res = designs.simulate_confounding(selection=selection, true_effect=effect)
        return {"selection": selection, "effect": effect, "result": res}

    def draw(self, state):
        res = state["result"]
        chose = res.example_therapy
        self.chose.set_data(np.histogram(res.example_baseline[chose], self._pain_edges)[0])
        self.declined.set_data(np.histogram(res.example_baseline[~chose], self._pain_edges)[0])
        self.obs.set_data(np.histogram(res.observational, self._est_edges)[0])
        self.rand.set_data(np.histogram(res.randomized, self._est_edges)[0])
        self.truth.set_xdata([res.true_effect, res.true_effect])
        freeze_layout(self.figure)

    def moving_artists(self):
        return [self.chose, self.declined, self.obs, self.rand, self.truth]

    def describe(self, state):
        res = state["result"]
        chose = res.example_therapy
        gap = res.example_baseline[chose].mean() - res.example_baseline[~chose].mean()
        return (f"True effect {res.true_effect:+.2f} points. Those who chose therapy started "
                f"{abs(gap):.2f} points {'lower' if gap < 0 else 'higher'} in this study. "
                f"Observational studies estimate {res.observational_mean:+.2f} on average "
                f"(bias {res.bias:+.2f}; the formula gives {res.expected_bias:+.2f}); "
                f"randomized studies {res.randomized_mean:+.2f}. <b>Randomization does not "
                "make every study right, but it removes the bias: its estimates centre on "
                "the truth.</b>")


class RegressionToMeanExplorer(Explorer):
    """A two-arm study in which nobody is treated, entered on a pain threshold.

    Controls: ``threshold`` (entry requires a screening score at or above it),
    ``reliability`` (test-retest correlation of one pain rating), ``mean`` (population mean
    pain) and ``baseline`` (baseline = the screening visit, or the mean of two later
    sessions as in the trial). Left: screening score against a later score; filled dots
    entered. Right: mean pain of the two arms at screening, baseline and follow-up.
    """

    title = "Regression to the mean: improvement without treatment"
    figure_alt = ("Left: pain at screening against pain at follow-up for simulated people "
                  "nobody treats, the entrants above the threshold in blue; right: the mean "
                  "pain of two untreated arms of entrants at screening, baseline and "
                  "follow-up, falling together.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "threshold": widgets.FloatSlider(
                value=float(_published_get("design.screening_pain_min")), min=0.0, max=8.0,
                step=0.5, description="Entry: pain ≥", continuous_update=True,
                style={"description_width": "initial"}),
            "reliability": slider(0.6, 0.3, 0.95, 0.05, "Reliability", readout_format=".2f"),
            "mean": widgets.FloatSlider(
                value=3.5, min=1.0, max=7.0, step=0.5, description="Population mean",
                continuous_update=True, style={"description_width": "initial"}),
            "baseline": widgets.ToggleButtons(
                options=[("Baseline = screening", "screening"),
                         ("Baseline = 2 later sessions", "sessions")],
                value="screening", description="Design", style={"button_width": "230px"}),
        }

    def setup_figure(self):
        fig, (left, right) = new_figure(9, 4.3, ncols=2, width_ratios=[1.25, 1])
        from matplotlib.colors import to_rgba

        self._entered_rgba = np.array([to_rgba(OKABE_ITO["blue"], 0.75)])
        self._outside_rgba = np.array([to_rgba(MUTED, 0.8)])
        self.points = left.scatter(np.zeros(_N_SHOWN), np.zeros(_N_SHOWN), s=7,
                                   edgecolors="none")
        left.plot([-2, 12], [-2, 12], color="#777777", linewidth=1, linestyle=":")
        self.cut = left.axvline(0, color=HIGHLIGHT, linewidth=1.8)
        left.text(0.98, 0.04, "dotted: no change", transform=left.transAxes, ha="right",
                  fontsize=9.5, color="#555555")
        left.set_xlim(-1.5, 10.5)
        left.set_ylim(-1.5, 10.5)
        left.set_xlabel("Pain at screening (0-10)")
        left.set_ylabel("Pain at follow-up (0-10)")
        left.set_title("Nobody is treated", fontsize=11.5)

        self.arm_lines = []
        for colour, label in ((OKABE_ITO["blue"], "arm A (an inert 'treatment')"),
                              (OKABE_ITO["grey"], "arm B (control)")):
            (line,) = right.plot([0, 1, 2], [0, 0, 0], marker="o", linewidth=2.2,
                                 markersize=7, color=colour, label=label)
            self.arm_lines.append(line)
        right.set_xticks([0, 1, 2])
        right.set_xticklabels(["screening", "baseline", "follow-up"])
        right.set_xlim(-0.3, 2.3)
        right.set_ylabel("Mean pain of entrants (0-10)")
        right.legend(frameon=False, loc="upper right", fontsize=9.5)
        right.set_title("What a study of entrants sees", fontsize=11.5)
        return fig, (left, right)

    def compute(self, threshold, reliability, mean, baseline):
        sim = designs.simulate_regression_to_mean(threshold=threshold, mean=mean, sd=2.0,
                                                  reliability=reliability, baseline=baseline)
        return {"sim": sim, "arms": [sim.arm_means(0), sim.arm_means(1)],
                "share": sim.n_entered / sim.screening.size}

    def draw(self, state):
        left, right = self.axes
        sim = state["sim"]
        shown = slice(0, _N_SHOWN)
        self.points.set_offsets(np.column_stack([sim.screening[shown], sim.later[shown]]))
        colours = np.where(sim.entered[shown][:, None], self._entered_rgba, self._outside_rgba)
        self.points.set_facecolors(colours)
        self.cut.set_xdata([sim.threshold, sim.threshold])
        values = []
        for line, means in zip(self.arm_lines, state["arms"], strict=True):
            line.set_ydata(means)
            values.extend(means)
        low, high = min(values), max(values)
        # Limits in half points, so that most moves keep the axis (and redraw less).
        right.set_ylim(*snap_limits(max(low - 1.0, -1.0), high + 1.2, 0.5))
        freeze_layout(self.figure)

    def moving_artists(self):
        return [self.points, self.cut, *self.arm_lines]

    def describe(self, state):
        sim = state["sim"]
        design = ("the screening score as baseline" if sim.baseline == "screening"
                  else "baseline measured in two sessions after screening")
        return (f"{100 * state['share']:.0f}% of the simulated population enter "
                f"(pain ≥ {sim.threshold:g}). With no treatment at all, and with {design}, a "
                f"one-arm study sees pain change by {sim.single_arm_change:+.2f} points "
                f"(Barnett's formula: {sim.expected_change:+.2f}). The control arm changes "
                f"just as much: arm A minus arm B = {sim.controlled_difference:+.2f}. "
                "<b>A control arm cancels regression to the mean; a pre/post comparison "
                "does not.</b>")


_MEASURE_BINS = {
    "size": np.arange(-0.5, 40.6, 1.0),
    "female": np.arange(0.0, 40.1, 2.0),
    "opioid": np.arange(-0.5, 12.6, 1.0),
    "age": np.arange(0.0, 14.01, 0.5),
    "pain": np.arange(0.0, 1.301, 0.05),
}
_METHOD_LABELS = {"simple": "Simple", "block": "Blocks", "minimization": "Minimization"}
_METHOD_COLORS = {"simple": OKABE_ITO["orange"], "block": OKABE_ITO["reddish_purple"],
                  "minimization": OKABE_ITO["blue"]}
_N_ALLOCATIONS = 1000


class AllocationExplorer(Explorer):
    """How unequal the three arms come out under three allocation rules.

    Controls: ``method`` (highlighted rule), ``measure`` (what imbalance to show),
    ``block_size`` (for permuted blocks) and ``p_best`` (for minimization: probability of
    the arm that minimizes imbalance). The figure overlays all three rules over 1,000
    simulated allocations of the trial's 151 people; the dashed line is the trial's own
    imbalance.
    """

    title = "Allocation: simple randomization, blocks or minimization"
    figure_alt = (f"Histograms of how unequal the three arms come out over {_N_ALLOCATIONS:,} "
                  "simulated allocations of the trial's participants under simple "
                  "randomization, permuted blocks and minimization, with the trial's own "
                  "imbalance as a dashed line.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "method": widgets.ToggleButtons(
                options=[(label, key) for key, label in _METHOD_LABELS.items()],
                value="minimization", description="Highlight",
                style={"button_width": "120px"}),
            "measure": widgets.Dropdown(
                options=[(text.split(" (")[0].capitalize(), key)
                         for key, text in designs.IMBALANCE_MEASURES.items()],
                value="female", description="Imbalance", style={"description_width": "80px"},
                layout=widgets.Layout(width="380px")),
            "block_size": widgets.Dropdown(
                options=[3, 6, 9, 12], value=6, description="Block size",
                style={"description_width": "80px"}, layout=widgets.Layout(width="180px")),
            "p_best": widgets.FloatSlider(
                value=0.8, min=0.5, max=1.0, step=0.05, description="Minimization p",
                continuous_update=True, readout_format=".2f",
                style={"description_width": "initial"}),
        }

    def setup_figure(self):
        fig, ax = new_figure(8.5, 4.3)
        self.steps = {}
        edges = _MEASURE_BINS["female"]
        for method in designs.ALLOCATION_METHODS:
            self.steps[method] = ax.stairs(np.zeros(edges.size - 1), edges,
                                           color=_METHOD_COLORS[method], linewidth=2,
                                           label=_METHOD_LABELS[method])
        self.trial_line = ax.axvline(0, color="black", linestyle="--", linewidth=1.8,
                                     label="the trial")
        ax.set_ylabel("Share of simulated allocations")
        ax.legend(frameon=False, loc="upper right", fontsize=10)
        ax.grid(axis="y", alpha=0.3)
        return fig, ax

    def compute(self, method, measure, block_size, p_best):
        studies = {m: designs.simulate_allocation(m, n_trials=_N_ALLOCATIONS,
                                                  block_size=block_size, p_best=p_best)
                   for m in designs.ALLOCATION_METHODS}
        return {"method": method, "measure": measure, "block_size": block_size,
                "p_best": p_best, "studies": studies,
                "trial": designs.published_imbalance()[measure]}

    def draw(self, state):
        ax = self.axes
        measure = state["measure"]
        edges = _MEASURE_BINS[measure]
        top = 0.0
        for method, step in self.steps.items():
            values = np.clip(state["studies"][method].imbalance[measure], edges[0],
                             edges[-1] - 1e-9)
            share = np.histogram(values, edges)[0] / values.size
            chosen = method == state["method"]
            step.set_data(share, edges)
            step.set_fill(chosen)
            step.set_alpha(0.55 if chosen else 1.0)
            step.set_linewidth(2.5 if chosen else 1.6)
            step.set_zorder(3 if chosen else 2)
            top = max(top, float(share.max()))
        self.trial_line.set_xdata([state["trial"], state["trial"]])
        ax.set_xlim(edges[0], edges[-1])
        # Limits in quarters, so that most moves keep the axes (and redraw less): the
        # minimization p moves the tallest bar a lot.
        ax.set_ylim(0, min(1.05, snap_limits(0.0, top * 1.15 + 0.01, 0.25)[1]))
        ax.set_xlabel(f"Largest minus smallest arm: {designs.IMBALANCE_MEASURES[measure]}")
        ax.set_title(f"{_N_ALLOCATIONS:,} simulated allocations of "
                     f"{state['studies']['simple'].n} people (blocks of "
                     f"{state['block_size']}, minimization p = {state['p_best']:.2f})",
                     fontsize=11.5)
        freeze_layout(self.figure)

    def moving_artists(self):
        return [*self.steps.values(), self.trial_line, self.axes.title]

    def describe(self, state):
        measure, method = state["measure"], state["method"]
        unit = designs.IMBALANCE_MEASURES[measure].split("(")[-1].rstrip(")")
        q95 = {m: s.quantile(measure, 0.95) for m, s in state["studies"].items()}
        others = "; ".join(f"{_METHOD_LABELS[m].lower()} {q95[m]:.1f}"
                           for m in designs.ALLOCATION_METHODS if m != method)
        share = state["studies"][method].share_at_least(measure, state["trial"])
        share_text = "fewer than 1%" if share < 0.01 else f"{100 * share:.0f}%"
        return (f"<b>{_METHOD_LABELS[method]}</b>: in 95% of allocations the arms differ by "
                f"at most {q95[method]:.1f} ({unit}) in "
                f"{designs.IMBALANCE_MEASURES[measure].split(' (')[0].replace('difference in ', '')}"
                f" ({others}). The trial's arms differ by {state['trial']:.1f}; "
                f"{share_text} of these allocations are at least as unequal. Blocks fix "
                "arm sizes only; minimization also balances the factors it is given (here "
                "age, sex, baseline pain and opioid use).")
