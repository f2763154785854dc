"""Lesson 03's explorers: one effect seen four ways, and responders under different rules.

- :class:`EffectViewsExplorer`: a standardized difference d drawn as two distributions, with
  Cohen's U3, the overlap, the probability of superiority and the NNT for a chosen control
  response rate (``prtlib.stats.overlap.overlap_stats``); the trial's g's are marked on a
  ruler. Inspired by Kristoffer Magnusson's "Interpreting Cohen's d" visualization
  (https://rpsychologist.com/cohend/); the code here is the course's own.
- :class:`RespondersExplorer`: the responder percentages of eTable 2 by definition and
  time, with the risk difference, ratios, NNT and Cohen's h of a chosen comparison
  (``prtlib.trial.trial_effects.compare_responders``).
"""

from __future__ import annotations

import functools

import numpy as np

from prtlib.course.explorers.base import Explorer
from prtlib.course.plotting import (
    ARM_COLORS,
    HIGHLIGHT,
    MUTED,
    OKABE_ITO,
    freeze_layout,
    new_figure,
)
from prtlib.trial.constants import ARM_SHORT_LABELS, ARMS, COMPARISON_LABELS, COMPARISONS

_X = np.linspace(-5.5, 4.0, 241)
_SQRT_2PI = np.sqrt(2.0 * np.pi)


def _pdf(x, mean):
    return np.exp(-0.5 * (x - mean) ** 2) / _SQRT_2PI


@functools.lru_cache(maxsize=1)
def trial_marks() -> tuple:
    """The trial's change-score g's marked on the ruler: (label, value) from the ledger."""
    from prtlib.trial import published

    marks = []
    for time, when in (("post", "post"), ("12mo", "12 mo")):
        for cmp, short in (("prt_vs_placebo", "vs placebo"),
                           ("prt_vs_usual_care", "vs usual care")):
            marks.append((f"{short}, {when}", float(published.get(f"g.pain.{time}.{cmp}"))))
    return tuple(marks)


class EffectViewsExplorer(Explorer):
    """One standardized difference in four views: curves, U3, overlap, superiority, NNT.

    Controls: ``d`` (PRT minus control, in SD units of pain; negative = less pain with
    PRT) and ``control_rate`` (share of the control group with a good outcome, for the
    NNT). The top panel draws the two normal distributions with their overlap hatched (on
    top, so that it shows through the fill) and the PRT group's share below the control
    mean filled; the ruler below marks the trial's Table 2 g's and the current d.
    """

    title = "One effect, four views"
    figure_alt = ("Two bell curves, usual care or placebo in grey and PRT in blue shifted "
                  "left by d, with their overlap hatched and the PRT share below the control "
                  "mean filled, above a ruler that marks the trial's four Table 2 g's and "
                  "your d.")

    def make_controls(self):
        import ipywidgets as widgets

        return {
            "d": widgets.FloatSlider(value=-1.14, min=-2.5, max=0.5, step=0.01,
                                     description="d (PRT − control)", readout_format=".2f",
                                     style={"description_width": "initial"},
                                     continuous_update=True),
            "control_rate": widgets.FloatSlider(value=0.2, min=0.05, max=0.8, step=0.05,
                                                description="Control response rate",
                                                readout_format=".0%",
                                                style={"description_width": "initial"},
                                                continuous_update=True),
        }

    def setup_figure(self):
        from matplotlib.patches import Polygon

        fig, (ax, ruler) = new_figure(8, 4.8, nrows=2, height_ratios=[4, 1])
        (self.control_line,) = ax.plot(_X, _pdf(_X, 0.0), color=ARM_COLORS["usual_care"],
                                       linewidth=2.5, label="Control")
        (self.prt_line,) = ax.plot(_X, _pdf(_X, 0.0), color=ARM_COLORS["prt"], linewidth=2.5,
                                   label="PRT")
        self.u3_patch = Polygon(np.zeros((3, 2)), closed=True, color=ARM_COLORS["prt"],
                                alpha=0.25, linewidth=0, label="PRT below the control mean")
        # The overlap is hatched and drawn above the blue fill, so it stays visible where
        # the two regions coincide (a grey fill underneath was hidden by the blue).
        self.overlap_patch = Polygon(np.zeros((3, 2)), closed=True, facecolor="none",
                                     edgecolor=OKABE_ITO["black"], hatch="///",
                                     linewidth=0, label="Overlap (hatched)", zorder=2.5)
        ax.add_patch(self.u3_patch)
        ax.add_patch(self.overlap_patch)
        ax.axvline(0.0, color=ARM_COLORS["usual_care"], linestyle=":", linewidth=1.5)
        self.mean_line = ax.axvline(0.0, color=ARM_COLORS["prt"], linestyle=":", linewidth=1.5)
        ax.plot([], [], color="#555555", linestyle=":", linewidth=1.5,
                label="Group means (dotted)")
        self.stats_text = ax.text(0.985, 0.95, "", transform=ax.transAxes, ha="right",
                                  va="top", fontsize=11,
                                  bbox={"facecolor": "white", "edgecolor": "#CCCCCC"})
        ax.set_xlim(_X[0], _X[-1])
        ax.set_ylim(0, 0.62)
        ax.set_ylabel("Density")
        ax.set_xlabel("Pain, in standard deviations from the control mean (left = less pain)")
        ax.legend(loc="upper left", frameon=False, fontsize=10)

        marks = trial_marks()
        values = [v for _, v in marks]
        ruler.scatter(values, np.zeros(len(values)), marker="v", s=50,
                      color=OKABE_ITO["bluish_green"], zorder=3)
        # Placebo comparisons labelled above the line, usual care below, aligned away from
        # their neighbours so that the four labels never overlap. The labels sit farther
        # from the line than the marker of your d reaches (7 points each way), so that
        # marker never runs into a label, even when d equals one of the trial's g's.
        placement = {"vs placebo, post": (10, "right"), "vs usual care, post": (-11, "center"),
                     "vs placebo, 12 mo": (10, "left"), "vs usual care, 12 mo": (-11, "left")}
        for label, value in marks:
            dy, ha = placement[label]
            ruler.annotate(f"{value:.2f} {label}", (value, 0), xytext=(0, dy),
                           textcoords="offset points", ha=ha,
                           va="bottom" if dy > 0 else "top", fontsize=9)
        (self.ruler_mark,) = ruler.plot([0], [0], marker="|", markersize=14,
                                        markeredgewidth=3, color=HIGHLIGHT, zorder=4)
        ruler.axhline(0, color="#777777", linewidth=1)
        ruler.set_xlim(-2.6, 0.6)
        ruler.set_ylim(-1.6, 1.6)
        ruler.set_yticks([])
        ruler.spines[["left"]].set_visible(False)
        ruler.set_xlabel("d: the trial's Table 2 g's (bluish green triangles) and your d "
                         "(vermillion bar)")
        freeze_layout(fig)
        return fig, (ax, ruler)

    def compute(self, d, control_rate):
        from prtlib.stats.overlap import overlap_stats

        views = overlap_stats(d, control_event_rate=control_rate, lower_is_better=True)
        nearest = min(trial_marks(), key=lambda mark: abs(mark[1] - d))
        return {"d": float(d), "control_rate": float(control_rate), "views": views,
                "nearest": nearest}

    def draw(self, state):
        d = state["d"]
        views = state["views"]
        control, prt = _pdf(_X, 0.0), _pdf(_X, d)
        self.prt_line.set_ydata(prt)
        self.mean_line.set_xdata([d, d])
        low = np.minimum(control, prt)
        self.overlap_patch.set_xy(np.column_stack([np.r_[_X, _X[::-1]],
                                                   np.r_[low, np.zeros_like(low)]]))
        left = _X <= 0.0
        xs = np.r_[_X[left], 0.0, _X[left][0]]
        ys = np.r_[prt[left], 0.0, 0.0]
        self.u3_patch.set_xy(np.column_stack([xs, ys]))
        nnt = ("∞" if views.nnt_kind == "none" else f"{views.nnt:.1f}"
               + (" (harm)" if views.nnt_kind == "harm" else ""))
        self.stats_text.set_text(
            f"U3 {views.u3:.0%}\nOverlap {views.overlap:.0%}\n"
            f"P(superiority) {views.prob_superiority:.0%}\n"
            f"NNT {nnt} at control rate {views.control_event_rate:.0%}")
        self.ruler_mark.set_xdata([d])

    def moving_artists(self):
        return [self.prt_line, self.mean_line, self.u3_patch, self.overlap_patch,
                self.stats_text, self.ruler_mark]

    def describe(self, state):
        views = state["views"]
        label, value = state["nearest"]
        return (f"<b>{views.sentence()}</b><br>The nearest of the trial's Table 2 effects is "
                f"g = {value:.2f} (PRT {label}). The four numbers restate one d; only the NNT "
                "needs something more, the share of controls who do well, and it changes a "
                "lot when that share does.")


class RespondersExplorer(Explorer):
    """Responder percentages (eTable 2) and a comparison's RD, RR, OR, NNT and Cohen's h.

    Controls: ``rule`` (pain 0-1, >= 30% or >= 50% reduction), ``time`` (post-treatment or
    12 months) and ``comparison`` (PRT vs placebo or vs usual care). Left: responders per
    arm with 95% Wilson intervals. Right: the risk difference with its 95% interval for both
    comparisons, the chosen one highlighted.
    """

    title = "Responders: definition, time and comparison"
    figure_alt = ("Bars of the share of responders in each arm with 95% intervals, beside "
                  "the risk difference and its 95% interval for PRT against each control, "
                  "the chosen comparison in vermillion.")

    def make_controls(self):
        import ipywidgets as widgets

        from prtlib.trial.trial_effects import RULE_LABELS

        return {
            "rule": widgets.ToggleButtons(
                options=[("Pain 0–1", "pain01"), ("≥30% less pain", "reduction30"),
                         ("≥50% less pain", "reduction50")],
                value="pain01", description="Responder", style={"button_width": "140px"},
                tooltips=[RULE_LABELS[r] for r in ("pain01", "reduction30", "reduction50")]),
            "time": widgets.ToggleButtons(options=[("Post-treatment", "post"),
                                                   ("12 months", "12mo")],
                                          value="post", description="When",
                                          style={"button_width": "140px"}),
            "comparison": widgets.Dropdown(options=[(COMPARISON_LABELS[c], c)
                                                    for c in COMPARISONS],
                                           value="prt_vs_placebo", description="Compare",
                                           style={"description_width": "initial"},
                                           layout=widgets.Layout(width="260px")),
        }

    def setup_figure(self):
        fig, (ax, forest) = new_figure(8.5, 4.0, ncols=2, width_ratios=[3, 2])
        xs = np.arange(len(ARMS))
        self.bars = ax.bar(xs, np.zeros(len(ARMS)), color=[ARM_COLORS[a] for a in ARMS],
                           width=0.6)
        self.bar_ci = ax.vlines(xs, np.zeros(len(ARMS)), np.zeros(len(ARMS)), color="black",
                                linewidth=1.5)
        self.bar_labels = [ax.text(x, 0, "", ha="center", va="bottom", fontsize=11)
                           for x in xs]
        ax.set_xticks(xs, [ARM_SHORT_LABELS[a] for a in ARMS])
        ax.set_ylim(0, 100)
        ax.set_ylabel("Responders (% of those randomized)\nblack lines: 95% intervals",
                      fontsize=11)
        ax.grid(axis="y", alpha=0.3)

        ys = np.arange(len(COMPARISONS))[::-1]
        self.rd_ci = forest.hlines(ys, np.zeros(2), np.zeros(2), linewidth=3,
                                   color=[MUTED, MUTED])
        self.rd_points = forest.scatter(np.zeros(2), ys, s=70, zorder=3,
                                        color=[MUTED, MUTED])
        forest.axvline(0, color="#777777", linewidth=1)
        forest.set_yticks(ys, ["vs placebo", "vs usual care"])
        forest.set_ylim(-0.7, 1.7)
        forest.set_xlim(-0.1, 0.9)
        forest.set_xlabel("Risk difference (PRT − control)")
        forest.set_title("95% intervals; the chosen\ncomparison in vermillion", fontsize=11)
        ax.set_title("Pain 0 or 1 of 10, after treatment", fontsize=12)  # sized for layout
        freeze_layout(fig)
        return fig, (ax, forest)

    def compute(self, rule, time, comparison):
        from prtlib.stats.proportions import wilson_interval
        from prtlib.trial.trial_effects import compare_responders, responder_counts

        counts = responder_counts(rule, time)
        cis = {arm: wilson_interval(counts.counts[arm], counts.randomized[arm])
               for arm in ARMS}
        both = {cmp: compare_responders(cmp, rule, time) for cmp in COMPARISONS}
        return {"rule": rule, "time": time, "comparison": comparison, "counts": counts,
                "wilson": cis, "comparisons": both}

    def draw(self, state):
        counts = state["counts"]
        segments = []
        for i, arm in enumerate(ARMS):
            pct = counts.percent(arm)
            self.bars[i].set_height(pct)
            low, high = state["wilson"][arm]
            segments.append([(i, 100 * low), (i, 100 * high)])
            self.bar_labels[i].set_position((i + 0.02, 100 * high + 1.5))
            self.bar_labels[i].set_text(f"{counts.counts[arm]}/{counts.randomized[arm]}")
        self.bar_ci.set_segments(segments)
        ys = np.arange(len(COMPARISONS))[::-1]
        colors, points, lines = [], [], []
        for y, cmp in zip(ys, COMPARISONS, strict=True):
            c = state["comparisons"][cmp]
            low, high = c.risk_difference_ci
            lines.append([(low, y), (high, y)])
            points.append((c.risk_difference, y))
            colors.append(HIGHLIGHT if cmp == state["comparison"] else "#AAAAAA")
        self.rd_ci.set_segments(lines)
        self.rd_ci.set_color(colors)
        self.rd_points.set_offsets(points)
        self.rd_points.set_color(colors)
        from prtlib.trial.trial_effects import RULE_LABELS

        when = "after treatment" if state["time"] == "post" else "at 12 months"
        self.axes[0].set_title(f"{RULE_LABELS[state['rule']].capitalize()}, {when}",
                               fontsize=12)

    def moving_artists(self):
        return [*self.bars, self.bar_ci, *self.bar_labels, self.rd_ci, self.rd_points,
                self.axes[0].title]

    def describe(self, state):
        c = state["comparisons"][state["comparison"]]
        control = state["comparison"].removeprefix("prt_vs_")
        rd_low, rd_high = c.risk_difference_ci
        rr_low, rr_high = c.risk_ratio_ci
        or_low, or_high = c.odds_ratio_ci
        return (
            f"<b>PRT {c.p1:.0%} vs {ARM_SHORT_LABELS[control].lower()} {c.p2:.0%}:</b> "
            f"risk difference {c.risk_difference:.2f} (95% CI {rd_low:.2f} to {rd_high:.2f}), "
            f"risk ratio {c.risk_ratio:.1f} ({rr_low:.1f} to {rr_high:.1f}), odds ratio "
            f"{c.odds_ratio:.1f} ({or_low:.1f} to {or_high:.1f}), Cohen's h "
            f"{c.cohens_h:.2f}; {c.nnt_summary()}.<br>The same trial gives a different "
            "'responder effect' for every definition and time: the ratios swell when the "
            "control rate is small, while the risk difference and NNT stay on a scale a "
            "patient can use."
        )
