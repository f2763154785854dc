"""Lesson 05's explorers: durability, dropout mechanisms, and responders with missing data.

- :class:`FollowUpExplorer`: Table 2's pain trajectories per arm with 95% intervals or
  SDs, beside Figure 1's share of each arm still measured at each visit
  (``prtlib.trial.followup.published_trajectories``, ``attrition``).
- :class:`DropoutExplorer`: 200 simulated trials with dropout that is MCAR, MAR or MNAR;
  the 12-month effect estimated from completers, by LOCF and by a mixed model, against
  the truth (``prtlib.trial.followup.dropout_study``).
- :class:`MissingRespondersExplorer`: eTable 2's responder comparison when the people not
  seen are counted as non-responders, ignored, or assumed to respond at a chosen rate
  (``prtlib.trial.followup.responder_sensitivity``).

Every computation is cached on its control values; a new dropout setting costs about
40 ms (200 vectorized REML fits), a return visit only the redrawing.
"""

from __future__ import annotations

import functools

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
from prtlib.trial.constants import (
    ARM_SHORT_LABELS,
    ARMS,
    COMPARISON_LABELS,
    COMPARISONS,
    MONTHS_AFTER_BASELINE,
    TIME_LABELS,
    TIMES,
)

_LATER = TIMES[1:]
_MONTHS = np.array([MONTHS_AFTER_BASELINE[t] for t in TIMES], dtype=float)
_OFFSET = {"prt": -0.25, "placebo": 0.0, "usual_care": 0.25}


def _ledger(key):
    from prtlib.trial import published

    return published.get(key)


def _sign(x: float) -> str:
    return f"{x:+.2f}".replace("-", "−")


# ---------------------------------------------------------------------------------------
# Trajectories and attrition
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _trajectories():
    from prtlib.trial.followup import attrition, published_trajectories

    return published_trajectories(), attrition()


class FollowUpExplorer(Explorer):
    """Pain per arm over a year, with its uncertainty, and who was still being measured.

    Controls: ``time`` (the visit described and highlighted) and ``band`` (95% confidence
    interval of each mean, or mean plus or minus one SD: the spread of people).
    """

    title = "A year of follow-up: pain and attrition"
    figure_alt = ("Left, mean pain (0-10) of PRT, placebo and usual care at every visit from "
                  "baseline to 13 months after it, with 95% intervals or 1 SD either side; "
                  "right, bars of the percentage of each arm still measured at each visit.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "time": widgets.Dropdown(options=[(TIME_LABELS[t], t) for t in _LATER],
                                     value="12mo", description="Visit"),
            "band": widgets.ToggleButtons(options=[("95% CI of the mean", "ci"),
                                                   ("± 1 SD (people)", "sd")],
                                          value="ci", description="Bars",
                                          style={"button_width": "150px"}),
        }

    def setup_figure(self):
        from matplotlib.collections import LineCollection

        fig, (left, right) = new_figure(9.0, 4.0, ncols=2, width_ratios=[1.5, 1.0])
        self.lines, self.bars_err, self.bars = {}, {}, {}
        for arm in ARMS:
            (line,) = left.plot(_MONTHS + _OFFSET[arm], np.zeros(len(TIMES)), marker="o",
                                color=ARM_COLORS[arm], linewidth=2, markersize=5,
                                label=ARM_SHORT_LABELS[arm])
            self.lines[arm] = line
            err = LineCollection([], colors=ARM_COLORS[arm], linewidths=1.8)
            left.add_collection(err)
            self.bars_err[arm] = err
        self.marker = left.axvline(0, color=HIGHLIGHT, linewidth=1.2, linestyle=":")
        left.set_xlim(-0.8, 14)
        left.set_ylim(-0.5, 6.5)
        left.set_xticks(_MONTHS)
        left.set_xticklabels(["0", "1", "2", "3", "4", "7", "13"])
        left.set_xlabel("Months since baseline")
        left.set_ylabel("Average pain (0-10)")
        left.legend(loc="upper right", ncols=3, fontsize=10, frameon=False)
        left.grid(axis="y", alpha=0.3)
        xs = np.arange(len(_LATER))
        width = 0.27
        for k, arm in enumerate(ARMS):
            self.bars[arm] = right.bar(xs + (k - 1) * width, np.zeros(len(xs)), width=width,
                                       color=ARM_COLORS[arm])
        right.set_xticks(xs)
        right.set_xticklabels(["post", "1", "2", "3", "6", "12"])
        right.set_xlabel("Visit (months after treatment)")
        right.set_ylabel("% of randomized measured")
        right.set_ylim(0, 112)
        right.grid(axis="y", alpha=0.3)
        # Upright labels would be wider than a bar and spill onto the neighbouring one.
        self.bar_labels = {arm: right.text(0, 0, "", ha="center", va="bottom", fontsize=9,
                                           rotation=90, color="#333333") for arm in ARMS}
        left.set_title("Pain by arm (Table 2)", fontsize=12)
        right.set_title("Still measured (Figure 1)", fontsize=12)
        freeze_layout(fig)
        return fig, (left, right)

    def compute(self, time, band):
        table, seen = _trajectories()
        out = {"time": time, "band": band, "arms": {}}
        for arm in ARMS:
            rows = table.loc[arm]
            if band == "ci":
                low, high = rows["ci_low"].to_numpy(), rows["ci_high"].to_numpy()
            else:
                low = (rows["mean"] - rows["sd"]).to_numpy()
                high = (rows["mean"] + rows["sd"]).to_numpy()
            out["arms"][arm] = {
                "mean": rows["mean"].to_numpy(), "low": low, "high": high,
                "percent_seen": seen.loc[arm].loc[list(_LATER), "percent_seen"].to_numpy(),
                "seen": int(seen.loc[(arm, time), "seen"]),
                "randomized": int(seen.loc[(arm, time), "randomized"]),
                "at_time": (float(rows.loc[time, "mean"]), float(low[TIMES.index(time)]),
                            float(high[TIMES.index(time)])),
            }
        prt = out["arms"]["prt"]["at_time"][0]
        out["gap"] = {arm: prt - out["arms"][arm]["at_time"][0] for arm in ARMS[1:]}
        return out

    def draw(self, state):
        k = _LATER.index(state["time"])
        for arm in ARMS:
            a = state["arms"][arm]
            x = _MONTHS + _OFFSET[arm]
            self.lines[arm].set_ydata(a["mean"])
            self.bars_err[arm].set_segments(
                [[(xi, lo), (xi, hi)] for xi, lo, hi in zip(x, a["low"], a["high"],
                                                              strict=True)])
            for j, (bar, h) in enumerate(zip(self.bars[arm], a["percent_seen"], strict=True)):
                bar.set_height(h)
                bar.set_alpha(1.0 if j == k else 0.35)
            chosen = self.bars[arm][k]
            self.bar_labels[arm].set_position((chosen.get_x() + chosen.get_width() / 2,
                                               a["percent_seen"][k] + 1.5))
            self.bar_labels[arm].set_text(f"{a['percent_seen'][k]:.0f}")
        self.marker.set_xdata([_MONTHS[TIMES.index(state["time"])]] * 2)

    def moving_artists(self):
        return [*self.lines.values(), *self.bars_err.values(),
                *(bar for bars in self.bars.values() for bar in bars), *self.bar_labels.values(),
                self.marker]

    def describe(self, state):
        time = state["time"]
        parts = []
        for arm in ARMS:
            mean, low, high = state["arms"][arm]["at_time"]
            kind = "95% CI" if state["band"] == "ci" else "±1 SD"
            parts.append(f"{ARM_SHORT_LABELS[arm]} {mean:.2f} ({kind} {low:.2f} to {high:.2f}, "
                         f"{state['arms'][arm]['seen']} of {state['arms'][arm]['randomized']} "
                         "measured)")
        gap = state["gap"]
        spread = ("The bars show how much individual people vary: far more than the means "
                  "do, so some PRT participants still had more pain than some controls."
                  if state["band"] == "sd" else
                  "Each interval assumes the people measured stand for their whole arm.")
        return (f"<b>{TIME_LABELS[time]}: PRT's pain is {_sign(gap['placebo'])} points from "
                f"placebo and {_sign(gap['usual_care'])} from usual care.</b><br>"
                + "; ".join(parts) + f". {spread}")


# ---------------------------------------------------------------------------------------
# Dropout mechanisms
# ---------------------------------------------------------------------------------------

_N_TRIALS = 200
_METHOD_SHORT = {"completers": "Completers only", "locf": "LOCF",
                 "mixed_model": "Mixed model\n(all data)"}
_METHOD_COLORS = {"completers": OKABE_ITO["orange"], "locf": OKABE_ITO["reddish_purple"],
                  "mixed_model": OKABE_ITO["bluish_green"]}


@functools.lru_cache(maxsize=512)
def dropout_summary(mechanism: str, strength: float, rate: float) -> dict:
    """Bias, spread and trajectories of :func:`prtlib.trial.followup.dropout_study`, cached."""
    from prtlib.stats.missing_data import METHODS
    from prtlib.trial.followup import dropout_study

    study = dropout_study(mechanism, strength, rate, n_trials=_N_TRIALS, seed=0)
    out = {"truth": study.truth, "share": dict(study.missing_share),
           "true_means": study.true_means, "seen_means": study.seen_means, "methods": {}}
    for method in METHODS:
        est = study.estimates[method]
        low, high = np.quantile(est, [0.025, 0.975])
        out["methods"][method] = {"mean": float(est.mean()), "bias": study.bias(method),
                                  "low": float(low), "high": float(high)}
    return out


class DropoutExplorer(Explorer):
    """Who leaves, and what that does to three estimates of the 12-month effect.

    Controls: ``mechanism`` (MCAR, MAR, MNAR), ``strength`` (log-odds of leaving per SD
    of pain; no effect under MCAR) and ``rate`` (share missing at 12 months). Left: the
    mean estimate (dot) and the middle 95% of estimates (bar) of each method over 200
    simulated trials, against the truth (dashed). Right: the true mean pain of each arm
    (lines) and the mean of the people still measured (open circles), labelled directly.
    """

    title = "Dropout mechanisms: completers, LOCF and the mixed model"
    figure_alt = ("Left, the average and middle 95% of 200 simulated 12-month effect "
                  "estimates for completers only, LOCF and the mixed model against the true "
                  "effect; right, each arm's true mean pain over time beside the mean of the "
                  "people still measured.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "mechanism": widgets.ToggleButtons(
                options=[("MCAR", "MCAR"), ("MAR: last pain seen", "MAR"),
                         ("MNAR: pain not seen", "MNAR")],
                value="MAR", description="Leaving depends on",
                style={"button_width": "150px", "description_width": "initial"}),
            "strength": slider(2.0, 0.0, 3.0, 0.5, "Strength (log-odds per SD)"),
            "rate": slider(0.3, 0.1, 0.5, 0.05, "Missing at 12 months", readout_format=".0%"),
        }

    def setup_figure(self):
        fig, (left, right) = new_figure(9.0, 4.0, ncols=2, width_ratios=[1.2, 1.0])
        from prtlib.stats.missing_data import METHODS

        self.methods = METHODS
        ys = np.arange(len(METHODS))[::-1]
        self.ranges, self.dots, self.bias_text = {}, {}, {}
        for y, method in zip(ys, METHODS, strict=True):
            (rng_line,) = left.plot([0, 0], [y, y], color=_METHOD_COLORS[method], linewidth=7,
                                    alpha=0.45, solid_capstyle="butt")
            (dot,) = left.plot([0], [y], "o", color=_METHOD_COLORS[method], markersize=10)
            self.ranges[method], self.dots[method] = rng_line, dot
            self.bias_text[method] = left.text(0.3, y + 0.28, "", ha="right", va="center",
                                               fontsize=10)
        self.truth_line = left.axvline(0, color="black", linestyle="--", linewidth=1.3)
        left.set_yticks(ys)
        left.set_yticklabels([_METHOD_SHORT[m] for m in METHODS])
        left.set_xlim(-2.6, 0.35)
        left.set_ylim(-0.6, len(METHODS) - 0.3)
        left.set_xlabel("12-month effect, PRT − placebo (pain points)")
        left.set_title("Estimates from 200 trials (dashed: truth)", fontsize=12)
        left.grid(axis="x", alpha=0.3)
        self.true_lines, self.seen_marks = [], []
        for arm in ("placebo", "prt"):
            (line,) = right.plot(_MONTHS, np.zeros(len(TIMES)), color=ARM_COLORS[arm],
                                 linewidth=2)
            (mark,) = right.plot(_MONTHS, np.zeros(len(TIMES)), "o", mfc="white",
                                 mec=ARM_COLORS[arm], mew=1.8, markersize=6)
            self.true_lines.append(line)
            self.seen_marks.append(mark)
            # Direct labels instead of a legend (a legend costs ~8 ms per rendering).
            level = float(_ledger(f"pain.6mo.{arm}.mean"))
            right.text(_MONTHS[TIMES.index("6mo")] + 1.0, level + 0.35, ARM_SHORT_LABELS[arm],
                       color=ARM_COLORS[arm], fontsize=11, fontweight="bold")
        right.set_xlim(-0.5, 13.5)
        right.set_ylim(0, 5)
        right.set_xticks(_MONTHS)
        right.set_xticklabels(["0", "1", "2", "3", "4", "7", "13"])
        right.set_xlabel("Months since baseline")
        right.set_ylabel("Mean pain (0-10)")
        right.set_title("Lines: everyone; circles: still measured", fontsize=11)
        right.grid(axis="y", alpha=0.3)
        freeze_layout(fig)
        return fig, (left, right)

    def compute(self, mechanism, strength, rate):
        out = dict(dropout_summary(mechanism, round(float(strength), 4), round(float(rate), 4)))
        out.update(mechanism=mechanism, strength=float(strength), rate=float(rate))
        return out

    def draw(self, state):
        ys = np.arange(len(self.methods))[::-1]
        for y, method in zip(ys, self.methods, strict=True):
            m = state["methods"][method]
            self.ranges[method].set_data([m["low"], m["high"]], [y, y])
            self.dots[method].set_data([m["mean"]], [y])
            self.bias_text[method].set_text(f"bias {_sign(m['bias'])}")
        self.truth_line.set_xdata([state["truth"]] * 2)
        for k in range(2):
            self.true_lines[k].set_ydata(state["true_means"][k])
            self.seen_marks[k].set_ydata(state["seen_means"][k])

    def moving_artists(self):
        return [*self.ranges.values(), *self.dots.values(), *self.bias_text.values(),
                self.truth_line, *self.true_lines, *self.seen_marks]

    def describe(self, state):
        m = state["methods"]
        share = state["share"]
        mech = state["mechanism"]
        lead = (f"<b>{mech}, {state['rate']:.0%} missing at 12 months (placebo arm "
                f"{share['control']:.0%}, PRT {share['prt']:.0%}); truth "
                f"{state['truth']:.2f}.</b> Mean estimates: completers {m['completers']['mean']:.2f}, "
                f"LOCF {m['locf']['mean']:.2f}, mixed model {m['mixed_model']['mean']:.2f}. ")
        if mech == "MCAR":
            lesson = ("Leaving at random (strength plays no part) costs precision but no "
                      "method is biased here.")
        elif mech == "MAR" and state["strength"] > 0:
            lesson = ("People in more pain leave, so those left look better and the "
                      "completers' gap shrinks; the mixed model uses what the leavers "
                      "showed before they left and stays on target.")
        elif mech == "MNAR" and state["strength"] > 0:
            lesson = ("Leaving depends on pain nobody saw: every method is off, and no "
                      "analysis of these data alone can tell.")
        else:
            lesson = "With strength 0 this is MCAR: no method is biased."
        return lead + lesson


# ---------------------------------------------------------------------------------------
# Responders when people are missing
# ---------------------------------------------------------------------------------------

_RULE_LABELS = {"pain01": "pain 0 or 1", "reduction30": "≥30% less pain",
                "reduction50": "≥50% less pain"}
_ASSUMED = np.linspace(0.0, 1.0, 21)


class MissingRespondersExplorer(Explorer):
    """Responder percentages when the people not measured are counted in different ways.

    Controls: ``comparison``, ``time`` (post or 12 months, eTable 2's two times),
    ``rule`` (the responder definition) and ``assumed`` (percent of the missing who
    would have responded, the same in both arms; 0 is the paper's rule). Left: each
    arm's responder percentage of those randomized, split into responders seen (solid)
    and responders assumed among the missing (hatched), its total printed above it;
    diamonds mark the completers-only percentage (of those measured), its value printed
    below. Right: the PRT-minus-control difference as the assumption moves (one rate for
    both arms), the paper's rule (open square), the current assumption (circle) and the
    completers-only difference (dashed).
    """

    title = "Responders when outcomes are missing"
    figure_alt = ("Left, bars of each arm's responder percentage of those randomized, split "
                  "into responders seen and responders assumed among the missing, with "
                  "diamonds at the completers-only percentage; right, the PRT-minus-control "
                  "difference as the assumed response rate of the missing goes from 0 to 100%.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "comparison": widgets.ToggleButtons(
                options=[(COMPARISON_LABELS[c], c) for c in COMPARISONS],
                value="prt_vs_usual_care", description="Compare",
                style={"button_width": "140px"}),
            "time": widgets.ToggleButtons(options=[("Post-treatment", "post"),
                                                   ("12 months", "12mo")],
                                          value="12mo", description="When",
                                          style={"button_width": "120px"}),
            "rule": widgets.Dropdown(options=[(v, k) for k, v in _RULE_LABELS.items()],
                                     value="pain01", description="Responder"),
            "assumed": widgets.IntSlider(value=0, min=0, max=100, step=5,
                                         description="% of missing who respond",
                                         style={"description_width": "initial"},
                                         continuous_update=True),
        }

    def setup_figure(self):
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        fig, (left, right) = new_figure(9.0, 4.3, ncols=2, width_ratios=[1.0, 1.1])
        self.seen_bars = left.barh([1, 0], [0, 0], color=[ARM_COLORS["prt"], MUTED],
                                   height=0.55)
        self.assumed_bars = left.barh([1, 0], [0, 0], left=[0, 0], color="white",
                                      edgecolor=[ARM_COLORS["prt"], MUTED], hatch="///",
                                      height=0.55, linewidth=1.2)
        (self.completers,) = left.plot([0, 0], [1, 0], "D", color="black", markersize=7,
                                       label="completers only (% of those measured)")
        # Each bar's total sits above the end of the bar; each diamond's value sits
        # below the diamond, so a number is never beside the wrong mark.
        self.value_labels = [left.text(0, y + 0.32, "", ha="center", va="bottom",
                                       fontsize=10, fontweight="bold", color="#333333")
                             for y in (1, 0)]
        self.completer_labels = [left.text(0, y - 0.32, "", ha="center", va="top",
                                           fontsize=9, color="black") for y in (1, 0)]
        left.set_yticks([1, 0])
        left.set_yticklabels(["PRT", ARM_SHORT_LABELS["usual_care"]])  # reserve the room
        left.set_xlim(0, 100)
        left.set_ylim(-1.55, 1.65)
        left.set_xlabel("Responders (%)")
        seen = Patch(facecolor="#777777", label="responders seen")
        assumed = Patch(facecolor="white", edgecolor="#777777", hatch="///",
                        label="assumed among missing")
        left.legend(handles=[seen, assumed, self.completers], loc="lower right", ncols=1,
                    fontsize=9, frameon=False,
                    title="bars: % of those randomized", title_fontsize=9)
        left.grid(axis="x", alpha=0.3)
        (self.curve,) = right.plot(100 * _ASSUMED, np.zeros_like(_ASSUMED),
                                   color=ARM_COLORS["prt"], linewidth=2.5)
        (self.point,) = right.plot([0], [0], "o", color=HIGHLIGHT, markersize=10, zorder=4,
                                   label="your assumption")
        # An open square, drawn above the circle, stays visible when both sit at 0%.
        (self.nri,) = right.plot([0], [0], "s", mfc="none", mec="black", mew=1.8,
                                 markersize=13, zorder=5,
                                 label="missing = non-responder (paper)")
        self.completers_line = right.axhline(0, color="#555555", linestyle="--", linewidth=1.2,
                                             label="completers only")
        right.set_xlim(-3, 103)
        right.set_ylim(0, 75)
        right.set_xlabel("% of missing assumed to respond, both arms")
        right.set_ylabel("PRT − control (% points)")
        curve_handle = Line2D([], [], color=ARM_COLORS["prt"], linewidth=2.5,
                              label="difference, one rate for both arms")
        right.legend(handles=[curve_handle, self.nri, self.point, self.completers_line],
                     loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=9,
                     frameon=False)
        right.grid(alpha=0.3)
        self.left_title = left.set_title(" ", fontsize=12)
        right.set_title("The difference under each assumption", fontsize=12)
        freeze_layout(fig)
        return fig, (left, right)

    def compute(self, comparison, time, rule, assumed):
        from prtlib.trial.followup import responder_sensitivity

        s = responder_sensitivity(comparison, rule, time, missing_response=assumed / 100.0)
        control = s.control
        return {
            "comparison": comparison, "time": time, "rule": rule, "assumed": int(assumed),
            "control": control,
            "arms": {arm: {"seen_part": 100.0 * s.responders[arm] / s.randomized[arm],
                           "total": s.percent(arm), "completers": s.completers_percent(arm),
                           "missing": s.missing[arm], "randomized": s.randomized[arm]}
                     for arm in ("prt", control)},
            "difference": s.difference(),
            "curve": np.array([s.difference(p) for p in _ASSUMED]),
            "non_responder": s.non_responder_difference,
            "completers_difference": s.completers_difference,
            "conservative": s.non_responder_is_conservative,
        }

    def draw(self, state):
        control = state["control"]
        arms = ("prt", control)
        for k, arm in enumerate(arms):
            a = state["arms"][arm]
            self.seen_bars[k].set_width(a["seen_part"])
            self.seen_bars[k].set_color(ARM_COLORS[arm])
            self.assumed_bars[k].set_x(a["seen_part"])
            self.assumed_bars[k].set_width(a["total"] - a["seen_part"])
            self.assumed_bars[k].set_edgecolor(ARM_COLORS[arm])
            self.value_labels[k].set_x(a["total"])
            self.value_labels[k].set_text(f"{a['total']:.0f}%")
            self.completer_labels[k].set_x(a["completers"])
            self.completer_labels[k].set_text(f"{a['completers']:.0f}%")
        self.completers.set_xdata([state["arms"][a]["completers"] for a in arms])
        self.axes[0].set_yticklabels(["PRT", ARM_SHORT_LABELS[control]])
        when = "post-treatment" if state["time"] == "post" else "12 months"
        self.left_title.set_text(f"{_RULE_LABELS[state['rule']]}, {when}")
        self.curve.set_ydata(state["curve"])
        self.point.set_data([state["assumed"]], [state["difference"]])
        self.nri.set_data([0], [state["non_responder"]])
        self.completers_line.set_ydata([state["completers_difference"]] * 2)

    def moving_artists(self):
        return [*self.seen_bars, *self.assumed_bars, self.completers, *self.value_labels,
                *self.completer_labels, self.left_title, self.curve, self.point, self.nri,
                self.completers_line]

    def describe(self, state):
        control = state["control"]
        prt, ctl = state["arms"]["prt"], state["arms"][control]
        verdict = ("PRT lost the larger share, so counting the missing as non-responders is "
                   "the cautious choice here: any other assumption shared by both arms "
                   "raises PRT's advantage." if state["conservative"] else
                   f"{ARM_SHORT_LABELS[control]} lost the larger share, so counting the "
                   "missing as non-responders flatters PRT here: any other assumption "
                   "shared by both arms lowers PRT's advantage.")
        return (f"<b>If {state['assumed']}% of the missing had responded: PRT "
                f"{prt['total']:.0f}% vs {ARM_SHORT_LABELS[control].lower()} "
                f"{ctl['total']:.0f}%, a difference of {state['difference']:.1f} points.</b> "
                f"Missing = non-responder gives {state['non_responder']:.1f}, completers only "
                f"{state['completers_difference']:.1f}. Not measured: PRT {prt['missing']} of "
                f"{prt['randomized']}, {ARM_SHORT_LABELS[control].lower()} {ctl['missing']} of "
                f"{ctl['randomized']}. {verdict}")
