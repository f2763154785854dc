"""Lesson 08's explorers: connectivity change, reverse inference and the fate of
brain-behaviour correlations in small samples.

Explorers (each a thin wire to tested functions of :mod:`prtlib.stats.fmri`):

- :class:`ConnectivityExplorer`: a simulated pre/post, two-group study of seed-target
  connectivity (Fisher z); the learner sets the true change, the group size, the
  session-to-session noise and which simulated study to look at.
- :class:`ReverseInferenceExplorer`: Bayes' rule for "the region is active, so the person
  is in pain", as 100 scanned people and as a curve of posterior against prior.
- :class:`CorrelationExplorer`: the sampling distribution of a correlation, with the
  significant results highlighted, their average size and how often they have the wrong
  sign.

The lesson's static figures are in :mod:`prtlib.course.figures.lesson08`.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from prtlib.course.explorers.base import Explorer, slider
from prtlib.course.explorers.lesson07 import _no_zero, _p_html, single_thread
from prtlib.course.plotting import (
    ARM_COLORS,
    HIGHLIGHT,
    OKABE_ITO,
    freeze_layout,
    new_figure,
    snap_limits,
)


def _ledger(key):
    from prtlib.trial import published

    return published.get(key)


# ---------------------------------------------------------------------------------------
# Connectivity explorer
# ---------------------------------------------------------------------------------------

_JITTER = np.random.default_rng(3).uniform(-0.16, 0.16, 400)


@functools.lru_cache(maxsize=256)
def connectivity_study(true_change: float, n_per_group: int, within_sd: float,
                       replication: int) -> dict:
    """A simulated study (:func:`prtlib.stats.fmri.simulate_connectivity_study`), its 95% CI and
    the approximate power of a study of that design (:func:`prtlib.stats.power.power_two_groups`
    at d = true change / SD of change)."""
    from scipy import stats

    from prtlib.stats import fmri
    from prtlib.stats.power import power_two_groups

    study = fmri.simulate_connectivity_study(int(n_per_group), float(true_change),
                                             within_sd=float(within_sd),
                                             seed=int(replication))
    half = float(stats.t.isf(0.025, study.df)) * study.se
    d_true = float(true_change) / (math.sqrt(2.0) * float(within_sd))
    power = (float(power_two_groups(d_true, int(n_per_group))) if d_true > 0 else 0.05)
    return {"study": study, "ci": (study.difference - half, study.difference + half),
            "power": power, "d_true": d_true}


class ConnectivityExplorer(Explorer):
    """Change in seed-target connectivity, PRT vs placebo, in a simulated study.

    Controls: ``true_change`` (true extra rise in Fisher z with PRT), ``n_per_group``,
    ``within_sd`` (session-to-session noise of each person's z) and ``replication``
    (which simulated study).
    """

    title = "A group × time change in connectivity"
    figure_alt = ("Left: each simulated person's change in connectivity, PRT and placebo, with "
                  "the group means; right: the PRT minus placebo difference with its 95% "
                  "interval beside the true change.")

    def make_controls(self):
        return {
            "true_change": slider(0.1, 0.0, 0.4, 0.02, "True change (z)"),
            "n_per_group": slider(int(_ledger("n.randomized.prt")), 10, 150, 5, "People per group"),
            "within_sd": slider(0.15, 0.05, 0.4, 0.05, "Session noise SD (z)"),
            "replication": slider(1, 1, 20, 1, "Simulated study"),
        }

    def setup_figure(self):
        from matplotlib.ticker import FormatStrFormatter, MultipleLocator

        fig, (left, right) = new_figure(9.0, 3.8, ncols=2,
                                        gridspec_kw={"width_ratios": [1.5, 1]})
        self.points = {}
        self.means = {}
        for i, group in enumerate(("prt", "placebo")):
            self.points[group] = left.scatter([], [], s=14, alpha=0.6,
                                              color=ARM_COLORS[group], linewidths=0)
            (self.means[group],) = left.plot([i - 0.3, i + 0.3], [0, 0], color="black",
                                             linewidth=2.5)
        left.axhline(0, color="#777777", linewidth=0.8)
        left.set_xticks([0, 1], ["PRT", "Placebo"])
        left.set_xlim(-0.6, 1.6)
        # The layout is frozen once, so the tick labels must keep one width whatever range
        # draw() sets: ticks every 0.5, one decimal ("−1.5"), never "−0.75".
        left.yaxis.set_major_locator(MultipleLocator(0.5))
        left.yaxis.set_major_formatter(FormatStrFormatter("%.1f"))
        left.set_ylim(-2.5, 2.5)
        left.set_ylabel("Change in connectivity,\npost − pre (Fisher z)")
        left.set_title("Each person's change; bar = group mean")
        (self.ci_line,) = right.plot([0, 0], [0, 0], color=OKABE_ITO["blue"], linewidth=4,
                                     solid_capstyle="butt")
        (self.est_point,) = right.plot([0], [0], "o", color=OKABE_ITO["blue"], markersize=10)
        self.truth_mark = right.axvline(0, color="black", linewidth=2, linestyle="--")
        self.truth_text = right.text(0, 0.85, " truth", fontsize=10, va="center")
        right.axvline(0, color="#777777", linewidth=1)
        right.set_xlim(-0.3, 0.7)
        right.set_ylim(-1, 1)
        right.set_yticks([])
        right.set_xlabel("PRT − placebo (z), 95% CI")
        self.right_title = right.set_title("placeholder for the layout")
        freeze_layout(fig)
        return fig, (left, right)

    def compute(self, true_change, n_per_group, within_sd, replication):
        with single_thread():
            out = dict(connectivity_study(round(float(true_change), 4), int(n_per_group),
                                          round(float(within_sd), 4), int(replication)))
        out.update(true_change=float(true_change), n_per_group=int(n_per_group),
                   replication=int(replication))
        return out

    def draw(self, state):
        data = state["study"].data
        for i, group in enumerate(("prt", "placebo")):
            values = data.loc[data.group == group, "change_z"].to_numpy()
            x = i + _JITTER[: values.size]
            self.points[group].set_offsets(np.column_stack([x, values]))
            m = float(values.mean())
            self.means[group].set_ydata([m, m])
        top = max(0.75, 0.5 * math.ceil(2 * float(np.abs(data["change_z"]).max()) + 0.2))
        self.axes[0].set_ylim(-top, top)
        lo, hi = state["ci"]
        self.ci_line.set_data([lo, hi], [0, 0])
        self.est_point.set_data([state["study"].difference], [0])
        self.truth_mark.set_xdata([state["true_change"]] * 2)
        self.truth_text.set_x(state["true_change"])
        self.right_title.set_text(f"Study {state['replication']}: t({state['study'].df:.1f})"
                                  f" = {state['study'].t:.2f}")

    def moving_artists(self):
        return [*self.points.values(), *self.means.values(), self.ci_line, self.est_point,
                self.truth_mark, self.truth_text, self.right_title]

    def describe(self, state):
        s = state["study"]
        lo, hi = state["ci"]
        return (
            f"<b>PRT's connectivity rose by {s.difference:.3f} more than placebo's (95% CI "
            f"{lo:.3f} to {hi:.3f}), Welch t({s.df:.1f}) = {s.t:.2f}, "
            f"{_p_html(s.p_two_sided)} two-sided; the true change is "
            f"{state['true_change']:.2f}.</b><br>"
            f"With {state['n_per_group']} people per group and this session noise, a study "
            f"like this detects the true change about {state['power']:.0%} of the time "
            "(two-sided .05). The stable differences between people cancel in the change "
            "scores; the session-to-session noise does not."
        )


# ---------------------------------------------------------------------------------------
# Reverse inference explorer
# ---------------------------------------------------------------------------------------

_GRID_SIDE = 10  # 10 x 10 = 100 scanned people
_PRIORS = np.linspace(0.001, 0.999, 300)


def reverse_inference_counts(sensitivity: float, false_alarm: float, prior: float,
                             n_people: int = 100) -> dict:
    """Natural frequencies for Bayes' rule, and the exact posterior
    (:func:`prtlib.stats.fmri.reverse_inference`).

    Of ``n_people`` scanned, ``pain`` are in pain (rounded), of whom ``pain_active`` show
    activation; ``other_active`` of the rest show it too.
    """
    from prtlib.stats import fmri

    pain = int(round(n_people * prior))
    pain_active = int(round(pain * sensitivity))
    other_active = int(round((n_people - pain) * false_alarm))
    posterior = fmri.reverse_inference(sensitivity, false_alarm, prior)
    ratio = sensitivity / false_alarm if false_alarm > 0 else math.inf
    return {"n_people": n_people, "pain": pain, "pain_active": pain_active,
            "other_active": other_active, "posterior": float(posterior),
            "likelihood_ratio": ratio, "sensitivity": float(sensitivity),
            "false_alarm": float(false_alarm), "prior": float(prior)}


class ReverseInferenceExplorer(Explorer):
    """From "active region" to "in pain": Bayes' rule with selectivity and prior.

    Controls: ``sensitivity`` (how often the region activates during pain),
    ``false_alarm`` (how often it activates without pain: attention, salience, emotion)
    and ``prior`` (the probability of pain before looking at the scan).
    """

    title = "Reverse inference: does activation mean pain?"
    figure_alt = ("Left: 100 scanned people as squares, filled when the region is active and "
                  "vermillion when in pain; right: the probability of pain after seeing the "
                  "activation against the probability before.")

    def make_controls(self):
        return {
            "sensitivity": slider(0.9, 0.05, 1.0, 0.05, "P(active | pain)"),
            "false_alarm": slider(0.6, 0.0, 1.0, 0.05, "P(active | no pain)"),
            "prior": slider(0.3, 0.05, 0.95, 0.05, "P(pain) before"),
        }

    def setup_figure(self):
        fig, (left, right) = new_figure(9.0, 4.0, ncols=2)
        xs, ys = np.meshgrid(np.arange(_GRID_SIDE), np.arange(_GRID_SIDE)[::-1])
        self.people = left.scatter(xs.ravel(), ys.ravel(), s=150, marker="s",
                                   linewidths=1.6)
        left.set_xlim(-0.8, _GRID_SIDE - 0.2)
        left.set_ylim(-0.8, _GRID_SIDE - 0.2)
        left.set_aspect("equal")
        left.axis("off")
        self.left_title = left.set_title("placeholder\nfor the layout", fontsize=11)
        from matplotlib.lines import Line2D

        handles = [
            Line2D([], [], marker="s", linestyle="", markersize=10, color=HIGHLIGHT,
                   label="pain, active"),
            Line2D([], [], marker="s", linestyle="", markersize=10, markerfacecolor="white",
                   markeredgecolor=HIGHLIGHT, label="pain, not active"),
            Line2D([], [], marker="s", linestyle="", markersize=10, color="#777777",
                   label="no pain, active"),
            Line2D([], [], marker="s", linestyle="", markersize=10, markerfacecolor="white",
                   markeredgecolor="#777777", label="no pain, not active"),
        ]
        left.legend(handles=handles, ncol=2, frameon=False, fontsize=9, loc="upper center",
                    bbox_to_anchor=(0.5, 0.02))
        right.plot([0, 1], [0, 1], color="#999999", linestyle="--", linewidth=1)
        right.text(0.62, 0.55, "no information", rotation=45, color="#777777", fontsize=9,
                   ha="center", va="center", rotation_mode="anchor")
        (self.curve,) = right.plot(_PRIORS, _PRIORS, color=OKABE_ITO["blue"], linewidth=2.5)
        (self.point,) = right.plot([0], [0], "o", color=HIGHLIGHT, markersize=10)
        right.set_xlim(0, 1)
        right.set_ylim(0, 1)
        right.set_xlabel("P(pain) before the scan")
        right.set_ylabel("P(pain | region active)")
        right.set_title("After seeing the activation")
        freeze_layout(fig)
        return fig, (left, right)

    def compute(self, sensitivity, false_alarm, prior):
        from prtlib.stats import fmri

        out = reverse_inference_counts(float(sensitivity), float(false_alarm), float(prior))
        out["curve"] = fmri.reverse_inference(float(sensitivity), float(false_alarm), _PRIORS)
        return out

    def draw(self, state):
        n = state["n_people"]
        is_pain = np.arange(n) < state["pain"]
        active = np.zeros(n, dtype=bool)
        active[: state["pain_active"]] = True
        active[state["pain"]: state["pain"] + state["other_active"]] = True
        edge = np.where(is_pain[:, None], np.array([0.835, 0.369, 0.0, 1.0]),
                        np.array([0.467, 0.467, 0.467, 1.0]))
        face = np.where(active[:, None], edge, np.array([1.0, 1.0, 1.0, 1.0]))
        self.people.set_facecolors(face)
        self.people.set_edgecolors(edge)
        n_active = state["pain_active"] + state["other_active"]
        self.left_title.set_text(f"{n} people scanned, {state['pain']} in pain:\n"
                                 f"{state['pain_active']} of the {n_active} active are in "
                                 "pain")
        self.curve.set_ydata(state["curve"])
        self.point.set_data([state["prior"]], [state["posterior"]])

    def moving_artists(self):
        return [self.people, self.left_title, self.curve, self.point]

    def describe(self, state):
        n_active = state["pain_active"] + state["other_active"]
        ratio = state["likelihood_ratio"]
        ratio_text = "infinite" if math.isinf(ratio) else f"{ratio:.2f}"
        share = (f"{state['pain_active']} / {n_active}" if n_active else "undefined")
        return (
            f"<b>P(pain | active) = {state['posterior']:.2f}, from a prior of "
            f"{state['prior']:.2f}.</b> In counts: of {state['n_people']} people, "
            f"{state['pain']} are in pain and {state['pain_active']} of them show "
            f"activation, but so do {state['other_active']} of the "
            f"{state['n_people'] - state['pain']} without pain ({share}).<br>"
            f"The likelihood ratio P(active | pain) / P(active | no pain) is {ratio_text}: "
            "activation multiplies the odds of pain by that much. A region that also "
            "responds to attention, salience or emotion has a ratio near 1 and adds little."
        )


# ---------------------------------------------------------------------------------------
# Correlation explorer
# ---------------------------------------------------------------------------------------

_R_GRID = np.linspace(-0.999, 0.999, 4001)
SAMPLE_SIZES = (15, 25, 50, 100, 150, 250, 500, 1000, 2000, 4000)


class CorrelationExplorer(Explorer):
    """The sampling distribution of a brain-behaviour correlation, and what significance
    selects from it.

    Controls: ``true_r`` (population correlation), ``n`` (people) and ``alpha``.
    """

    title = "Brain-behaviour correlations in small samples"
    figure_alt = ("The sampling distribution of the observed correlation for the chosen true r "
                  "and sample size, with the significant tails shaded and a line at the "
                  "average size of the significant results.")

    def make_controls(self):
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        return {
            "true_r": slider(0.1, 0.0, 0.6, 0.05, "True r"),
            "n": widgets.SelectionSlider(options=list(SAMPLE_SIZES), value=25,
                                         description="People (n)", style=style,
                                         continuous_update=True),
            "alpha": widgets.ToggleButtons(options=[("α = .05", 0.05), ("α = .001", 0.001)],
                                           value=0.05, description="Test",
                                           style={"button_width": "80px"}),
        }

    def setup_figure(self):
        from matplotlib.patches import Polygon

        fig, ax = new_figure(8.5, 3.8)
        (self.density,) = ax.plot(_R_GRID, np.zeros_like(_R_GRID), color="#333333",
                                  linewidth=2)
        self.regions = [Polygon(np.zeros((3, 2)), closed=True, color=HIGHLIGHT, alpha=0.5,
                                linewidth=0) for _ in range(2)]
        for patch in self.regions:
            ax.add_patch(patch)
        self.truth_line = ax.axvline(0, color="black", linewidth=2, linestyle="--",
                                     label="true r")
        self.sig_line = ax.axvline(0, color=HIGHLIGHT, linewidth=2.5,
                                   label="average |r| of significant results")
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.set_xlim(-0.8, 1.0)
        ax.set_xlabel("Observed correlation r")
        ax.set_ylabel("Density")
        ax.legend(frameon=False, fontsize=10, loc="upper left")
        self.ax_title = ax.set_title("placeholder for the layout")
        freeze_layout(fig)
        return fig, ax

    def compute(self, true_r, n, alpha):
        from prtlib.stats import fmri

        res = fmri.correlation_power(float(true_r), int(n), float(alpha))
        return {"result": res, "density": res.density(_R_GRID), "true_r": float(true_r),
                "n": int(n), "alpha": float(alpha)}

    def draw(self, state):
        res = state["result"]
        dens = state["density"]
        self.density.set_ydata(dens)
        rc = res.critical_r
        for patch, mask in zip(self.regions, (_R_GRID <= -rc, _R_GRID >= rc), strict=True):
            x, y = _R_GRID[mask], dens[mask]
            if x.size < 2:
                patch.set_visible(False)
                continue
            patch.set_xy(np.column_stack([np.r_[x[0], x, x[-1]], np.r_[0, y, 0]]))
            patch.set_visible(True)
        self.truth_line.set_xdata([state["true_r"]] * 2)
        self.sig_line.set_xdata([res.mean_significant_abs_r] * 2)
        # round the top up to whole units, so that most moves keep the axis (and its layer)
        self.axes.set_ylim(*snap_limits(0.0, float(dens.max()) * 1.15, 1.0))
        self.ax_title.set_text(f"n = {state['n']}: shaded = significant "
                               f"(|r| ≥ {rc:.2f}), {res.power:.0%} of studies")

    def moving_artists(self):
        return [self.density, *self.regions, self.truth_line, self.sig_line, self.ax_title]

    def describe(self, state):
        res = state["result"]
        alpha = _no_zero(state["alpha"], 3).rstrip("0")
        head = (f"<b>With n = {state['n']} and a true r of {state['true_r']:.2f}, a test at "
                f"α = {alpha} is significant in {res.power:.0%} of studies; a significant r "
                f"must reach ±{res.critical_r:.2f}.</b><br>")
        if state["true_r"] == 0:
            return head + ("There is nothing to find: every significant result is a false "
                           f"positive, and their average |r| is "
                           f"{res.mean_significant_abs_r:.2f}.")
        return head + (
            f"The significant results average |r| = {res.mean_significant_abs_r:.2f}, "
            f"{res.exaggeration:.1f} times the truth, and {res.type_s:.0%} of them have the "
            "wrong sign. Only large samples make a significant correlation a fair estimate."
        )
