"""Lesson 06's explorers: the mediation paths of the cohort, and a confounder that fakes them.

- :class:`MediationExplorer`: on the simulated cohort, X = PRT or a control, M = TSK-11
  change, Y = pain at a chosen visit; the path diagram with a, b, c' and the bootstrap
  distribution of the indirect effect ab (``prtlib.stats.mediation.mediation_paths``,
  ``bootstrap_indirect``).
- :class:`ConfounderExplorer`: randomized trials in which an unmeasured U raises both
  fear beliefs and pain; how strong U must be to manufacture an "indirect effect" when
  beliefs do nothing (``prtlib.stats.mediation.confounding_bias``,
  ``simulate_confounded_mediation``).
"""

from __future__ import annotations

import functools

import numpy as np

from prtlib.course.explorers.base import Explorer, slider
from prtlib.course.plotting import ARM_COLORS, HIGHLIGHT, OKABE_ITO, freeze_layout, new_figure
from prtlib.trial.constants import (
    ARM_SHORT_LABELS,
    COMPARISON_LABELS,
    COMPARISONS,
    TIME_LABELS,
    TIMES,
)

_SEED = 0
_N_RESAMPLES = 4000
_AB_BINS = np.linspace(-1.6, 0.8, 49)
_SIM_BINS = np.linspace(-3.0, 1.6, 93)
_GRID = np.linspace(-1.0, 1.0, 81)




def _num(x: float, digits: int = 2) -> str:
    """A number for display, with a true minus sign and no "-0.00"."""
    return f"{round(float(x), digits) + 0.0:.{digits}f}".replace("-", "−")


def _ledger(key):
    from prtlib.trial import published

    return published.get(key)


# ---------------------------------------------------------------------------------------
# The cohort's mediation paths
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def cohort_mediation(time: str, comparison: str) -> dict:
    """Paths, bootstrap and histogram of ab for cohort seed 0 (cached per setting)."""
    from prtlib.stats.mediation import bootstrap_indirect, mediation_paths
    from prtlib.trial.cohort import synthetic_trial
    from prtlib.trial.mechanisms import mediation_data

    d = mediation_data(synthetic_trial(_SEED), comparison, time)
    paths = mediation_paths(d["x"], d["m"], d["y"])
    boot = bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=_N_RESAMPLES, seed=_SEED)
    counts, _ = np.histogram(np.clip(boot.distribution, _AB_BINS[0], _AB_BINS[-1]), _AB_BINS)
    return {"paths": paths, "boot": boot, "counts": counts, "n": len(d),
            "n_prt": int(d["x"].sum())}


class MediationExplorer(Explorer):
    """Did the fall in fear beliefs carry PRT's effect on pain? The cohort's answer.

    Controls: ``time`` (the visit whose pain is the outcome Y; the mediator is always
    TSK-11 change from baseline to post) and ``comparison``. Left: the path diagram with
    the standardized a, b and c' and, below, c and ab. Right: the bootstrap distribution
    of ab, its estimate (solid), its 95% percentile interval (between the dotted lines)
    and zero, with their values in the key below the axes.
    """

    title = "Mediation paths: PRT → fear beliefs → pain"
    figure_alt = ("Left, a path diagram from treatment to TSK-11 change to pain with the "
                  "simulated cohort's standardized paths a, b and c'; right, a histogram of "
                  "the indirect effect ab in 4000 bootstrap resamples with its estimate, its "
                  "95% interval and zero marked.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "time": widgets.Dropdown(options=[(TIME_LABELS[t], t) for t in TIMES[1:]],
                                     value="12mo", description="Pain at",
                                     style={"description_width": "initial"}),
            "comparison": widgets.ToggleButtons(
                options=[(COMPARISON_LABELS[c], c) for c in COMPARISONS],
                value="prt_vs_placebo", description="X", style={"button_width": "140px"}),
        }

    def setup_figure(self):
        fig, (left, right) = new_figure(9.0, 4.3, ncols=2, width_ratios=[1.15, 1.0])
        left.set_xlim(0, 1)
        left.set_ylim(0, 1)
        left.axis("off")
        box = {"boxstyle": "round,pad=0.4", "facecolor": "#F2F2F2", "edgecolor": "#555555"}
        self.x_box = left.text(0.15, 0.3, "PRT (1) vs\nplacebo (0)", ha="center", va="center",
                               fontsize=10.5, bbox=box)
        left.text(0.5, 0.85, "M: TSK-11 change\n(baseline → post)", ha="center", va="center",
                  fontsize=10.5, bbox=box)
        self.y_box = left.text(0.87, 0.3, "Y: pain at\n12 months", ha="center", va="center",
                               fontsize=10.5, bbox=box)
        arrow = {"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.6,
                 "shrinkA": 0, "shrinkB": 0}
        left.annotate("", xy=(0.38, 0.75), xytext=(0.22, 0.43), arrowprops=arrow)
        left.annotate("", xy=(0.8, 0.42), xytext=(0.62, 0.75), arrowprops=arrow)
        left.annotate("", xy=(0.74, 0.3), xytext=(0.3, 0.3), arrowprops=arrow)
        self.a_text = left.text(0.27, 0.62, "", ha="right", fontsize=12,
                                color=ARM_COLORS["prt"], fontweight="bold")
        self.b_text = left.text(0.78, 0.62, "", ha="left", fontsize=12,
                                color=ARM_COLORS["prt"], fontweight="bold")
        self.cp_text = left.text(0.51, 0.2, "", ha="center", fontsize=12, color="#333333")
        self.summary = left.text(0.5, 0.03, "", ha="center", fontsize=10.5, color="#333333")
        self.hist = right.stairs(np.zeros(_AB_BINS.size - 1), _AB_BINS, fill=True,
                                 color=OKABE_ITO["sky_blue"])
        zero = right.axvline(0, color="black", linewidth=1.2, label="zero")
        self.low_line = right.axvline(0, color=HIGHLIGHT, linestyle=":", linewidth=1.8,
                                      label="95% interval")
        self.high_line = right.axvline(0, color=HIGHLIGHT, linestyle=":", linewidth=1.8)
        self.est_line = right.axvline(0, color=ARM_COLORS["prt"], linewidth=2,
                                      label="estimate (cohort)")
        # The key sits below the axes, where no line can cross it; draw() writes the
        # values into its labels.
        self.key = right.legend(handles=[self.est_line, self.low_line, zero],
                                labels=["ab = −0.00", "95% CI −0.00 to −0.00", "zero"],
                                loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3,
                                fontsize=9.5, frameon=False, handlelength=1.6)
        right.set_xlim(_AB_BINS[0], _AB_BINS[-1])
        right.set_ylim(0, 620)
        right.set_xlabel("Indirect effect ab (standardized)")
        right.set_ylabel("Bootstrap resamples")
        right.set_title(f"ab in {_N_RESAMPLES} bootstrap resamples", fontsize=12)
        freeze_layout(fig)
        return fig, (left, right)

    def compute(self, time, comparison):
        out = dict(cohort_mediation(time, comparison))
        out.update(time=time, comparison=comparison,
                   control=comparison.removeprefix("prt_vs_"))
        return out

    def draw(self, state):
        p, boot = state["paths"], state["boot"]
        control = ARM_SHORT_LABELS[state["control"]].lower()
        self.x_box.set_text(f"X: PRT (1) vs\n{control} (0)")
        when = "post-treatment" if state["time"] == "post" else TIME_LABELS[state["time"]]
        when = when.replace(" follow-up", "").replace("-month", " months").lower()
        self.y_box.set_text(f"Y: pain at\n{when}")
        self.a_text.set_text(f"a = {_num(p.a)}")
        self.b_text.set_text(f"b = {_num(p.b)}")
        self.cp_text.set_text(f"c′ = {_num(p.c_prime)}")
        self.summary.set_text(f"total c = {_num(p.c)} = c′ + ab;  ab = {_num(p.ab)};  "
                              f"n = {p.n}")
        self.hist.set_data(state["counts"])
        low, high = boot.ci
        self.low_line.set_xdata([low, low])
        self.high_line.set_xdata([high, high])
        self.est_line.set_xdata([boot.estimate, boot.estimate])
        key = self.key.get_texts()
        key[0].set_text(f"ab = {_num(boot.estimate)}")
        key[1].set_text(f"95% CI {_num(low)} to {_num(high)}")

    def moving_artists(self):
        return [self.x_box, self.y_box, self.a_text, self.b_text, self.cp_text, self.summary,
                self.hist, self.low_line, self.high_line, self.est_line, self.key]

    def describe(self, state):
        p, boot = state["paths"], state["boot"]
        low, high = boot.ci
        control = ARM_SHORT_LABELS[state["control"]].lower()
        verdict = ("The interval excludes 0: by the usual rule, 'significant mediation'."
                   if boot.excludes_zero else
                   "The interval includes 0: in this simulated cohort and at this visit the "
                   "verdict is borderline, and a small change in the sample could move it "
                   "to either side of 'significant'.")
        return (f"<b>PRT vs {control}, pain at {TIME_LABELS[state['time']].lower()}: "
                f"ab = {_num(p.ab)} (95% bootstrap CI {_num(low)} to {_num(high)}), of a total "
                f"effect c = {_num(p.c)}.</b> PRT lowered TSK-11 change by {_num(abs(p.a))} SDs "
                f"(a); within an arm, people whose beliefs fell one SD more had "
                f"{_num(abs(p.b))} SDs {'less' if p.b > 0 else 'more'} pain (b). {verdict} "
                "Either way, this is an association inside each arm, not a randomized one.")


# ---------------------------------------------------------------------------------------
# An unmeasured confounder of beliefs and pain
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _bias_grid(a: float) -> np.ndarray:
    """Analytic bias of ab over the (u_to_y, u_to_m) grid, rows = u_to_y."""
    gm, gy = np.meshgrid(_GRID, _GRID)
    return a * gm * gy / (gm ** 2 + 1.0)


@functools.lru_cache(maxsize=512)
def confounded_state(u_to_m: float, u_to_y: float, true_b: float) -> dict:
    """Simulation, analytic bias and histogram for one setting (cached)."""
    from prtlib.stats.mediation import confounding_bias, simulate_confounded_mediation

    a = float(_ledger("mediation.tsk11.12mo.a"))
    n = int(_ledger("n.monitored.12mo.prt")) + int(_ledger("n.monitored.12mo.placebo"))
    sim = simulate_confounded_mediation(a=a, b=true_b, c_prime=0.0, u_to_m=u_to_m,
                                        u_to_y=u_to_y, n=n, n_trials=2000, seed=0)
    bias = confounding_bias(a, u_to_m, u_to_y)
    counts, _ = np.histogram(np.clip(sim.ab_hat, _SIM_BINS[0], _SIM_BINS[-1]), _SIM_BINS)
    return {"sim": sim, "bias": bias, "counts": counts, "a": a, "n": n}


def _estimate_window(sim) -> tuple[float, float]:
    """x-limits that hold the truth, zero and the middle 99% of the estimates, with a small
    margin (so the histogram fills the panel whatever the setting)."""
    low, high = np.quantile(sim.ab_hat, [0.005, 0.995])
    low = min(low, sim.true_ab, 0.0)
    high = max(high, sim.true_ab, 0.0)
    # Edges 0.08 beyond a multiple of 0.25: a tick (every 0.5) never sits on an edge, where
    # half its label would fall outside the layout computed once for the figure, and most
    # moves of a control keep the same limits (so they redraw only the moving artists).
    low = np.floor(low * 4) / 4 - 0.08
    high = np.ceil(high * 4) / 4 + 0.08
    return float(max(round(low, 4), _SIM_BINS[0])), float(min(round(high, 4), _SIM_BINS[-1]))


class ConfounderExplorer(Explorer):
    """A hidden common cause of beliefs and pain, and the indirect effect it fakes.

    Controls: ``u_to_m`` (effect of an unmeasured U, in SD units, on the change in fear
    beliefs), ``u_to_y`` (effect of U on pain) and ``true_b`` (the real effect of beliefs
    on pain; 0 means none). Treatment is randomized and its effect on beliefs is eTable
    5's a. Left: the bias of ab for every pair of U's effects (the dot is your setting).
    Right: ab estimated in 2000 simulated trials of the trial's size, the truth (dashed)
    and the mean estimate (solid).
    """

    title = "An unmeasured confounder of beliefs and pain"
    figure_alt = ("Left, a map of the bias in the indirect effect for every pair of effects "
                  "of a hidden confounder on belief change and on pain, with the chosen pair "
                  "marked; right, a histogram of the indirect effect estimated in 2000 "
                  "simulated trials, with the true value and the mean estimate marked.")

    def make_controls(self):
        return {
            "u_to_m": slider(0.5, -1.0, 1.0, 0.1, "U → belief change"),
            "u_to_y": slider(0.5, -1.0, 1.0, 0.1, "U → pain"),
            "true_b": slider(0.0, 0.0, 0.5, 0.05, "True b (beliefs → pain)"),
        }

    def setup_figure(self):
        from matplotlib.ticker import MultipleLocator

        fig, (left, right) = new_figure(9.0, 3.9, ncols=2, width_ratios=[1.0, 1.2])
        a = float(_ledger("mediation.tsk11.12mo.a"))
        grid = _bias_grid(a)
        limit = float(np.abs(grid).max())
        image = left.imshow(grid, origin="lower", extent=(-1, 1, -1, 1), cmap="PuOr",
                            vmin=-limit, vmax=limit, aspect="auto")
        left.contour(_GRID, _GRID, grid, levels=[-0.4, -0.2, 0.2, 0.4], colors="#333333",
                     linewidths=0.7)
        (self.dot,) = left.plot([0], [0], "o", color="black", mfc="white", mew=2, markersize=11,
                                clip_on=False, zorder=5)
        left.set_xlabel("U → belief change")
        left.set_ylabel("U → pain")
        left.set_title("Bias in ab (contours ±0.2, ±0.4)", fontsize=12)
        fig.colorbar(image, ax=left, shrink=0.85, label="bias")
        self.hist = right.stairs(np.zeros(_SIM_BINS.size - 1), _SIM_BINS, fill=True,
                                 color=OKABE_ITO["sky_blue"])
        self.truth = right.axvline(0, color="black", linestyle="--", linewidth=1.6)
        self.mean = right.axvline(0, color=HIGHLIGHT, linewidth=2.2)
        self.text = right.text(0.02, 0.95, "", transform=right.transAxes, ha="left",
                               va="top", fontsize=10, zorder=5,
                               bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85})
        right.set_xlim(_SIM_BINS[0], _SIM_BINS[-1])
        right.xaxis.set_major_locator(MultipleLocator(0.5))
        right.set_ylim(0, 450)
        right.set_xlabel("Estimated ab (dashed: truth, solid: mean)")
        right.set_ylabel("Simulated trials")
        right.set_title("ab in 2000 trials that did not measure U", fontsize=12)
        freeze_layout(fig)
        return fig, (left, right)

    def compute(self, u_to_m, u_to_y, true_b):
        out = dict(confounded_state(round(float(u_to_m), 4), round(float(u_to_y), 4),
                                    round(float(true_b), 4)))
        out.update(u_to_m=float(u_to_m), u_to_y=float(u_to_y), true_b=float(true_b),
                   xlim=_estimate_window(out["sim"]))
        return out

    def draw(self, state):
        sim = state["sim"]
        self.dot.set_data([state["u_to_m"]], [state["u_to_y"]])
        self.hist.set_data(state["counts"])
        self.truth.set_xdata([sim.true_ab] * 2)
        self.mean.set_xdata([sim.mean_ab] * 2)
        self.text.set_text(f"true ab {_num(sim.true_ab)}\nmean estimate {_num(sim.mean_ab)}\n"
                           f"'significant' in {sim.share_significant:.0%}")
        self.axes[1].set_xlim(*state["xlim"])

    def moving_artists(self):
        return [self.dot, self.hist, self.truth, self.mean, self.text]

    def describe(self, state):
        sim, bias = state["sim"], state["bias"]
        if state["true_b"] == 0 and abs(bias.ab_bias) > 0.05:
            lesson = ("Beliefs do nothing here, yet a typical trial of this size finds an "
                      "indirect effect: U, not the mechanism, links the two.")
        elif abs(bias.ab_bias) <= 0.05:
            lesson = ("U barely matters here: it would have to act on both beliefs and pain "
                      "to bias ab.")
        else:
            lesson = ("Part of the estimated indirect effect is U's doing; randomizing PRT "
                      "does not protect the belief-to-pain path.")
        return (f"<b>True ab = {_num(sim.true_ab)}; the estimates average {_num(sim.mean_ab)} "
                f"(bias {_num(bias.ab_bias)}), and {sim.share_significant:.0%} of "
                f"{sim.n_trials} trials of {sim.n} people call it significant.</b> U makes the "
                f"errors of beliefs and pain correlate {_num(bias.residual_correlation)}. "
                + lesson)
