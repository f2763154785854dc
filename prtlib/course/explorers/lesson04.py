"""Lesson 04's explorers: power curves, a simulated three-arm trial, the dance of the
confidence intervals, and the winner's curse.

- :class:`PowerCurveExplorer`: power of the two-sample t test against n and against d
  (``prtlib.stats.power.power_two_groups``, ``sample_size_two_groups``,
  ``minimum_detectable_effect``).
- :class:`ThreeArmExplorer`: thousands of simulated three-arm trials like PRT's, with or
  without a multiplicity correction (``prtlib.stats.simulation.simulate_trials``).
- :class:`IntervalDanceExplorer`: 25 replications of one trial, each with its g and 95%
  interval (``prtlib.stats.precision.simulate_g_intervals``).
- :class:`WinnersCurseExplorer`: for a true d and n per arm, the sampling distribution of
  the estimate with the significant estimates highlighted, power, type S and the
  exaggeration ratio (``prtlib.stats.design_analysis.design_analysis``).

Every computation is cached on its (hashable) control values, so returning to a setting
costs only the redrawing.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.transforms import offset_copy

from prtlib.course.explorers.base import Explorer, slider
from prtlib.course.plotting import (
    ARM_COLORS,
    HIGHLIGHT,
    MUTED,
    OKABE_ITO,
    STYLE,
    freeze_layout,
    new_figure,
    snap_limits,
)

_N_GRID = np.arange(5, 301, dtype=float)
_D_GRID = np.linspace(0.0, 2.0, 201)
_ALTERNATIVE = {"two-sided": "two-sided", "one-sided": "greater"}


def _ledger(key):
    from prtlib.trial import published

    return published.get(key)


# ---------------------------------------------------------------------------------------
# Power curves
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def power_curves(d: float, n: int, alpha: float, sided: str) -> dict:
    """Power against n (at d) and against d (at n), plus the point, n for 80% and the MDE."""
    from prtlib.stats.power import (
        minimum_detectable_effect,
        power_two_groups,
        sample_size_two_groups,
    )

    alternative = _ALTERNATIVE[sided]
    return {
        "power_vs_n": power_two_groups(d, _N_GRID, alpha=alpha, alternative=alternative),
        "power_vs_d": power_two_groups(_D_GRID, n, alpha=alpha, alternative=alternative),
        "power": power_two_groups(d, n, alpha=alpha, alternative=alternative),
        "plan": sample_size_two_groups(d, 0.8, alpha=alpha, alternative=alternative),
        "mde": minimum_detectable_effect(n, 0.8, alpha=alpha, alternative=alternative),
    }


class PowerCurveExplorer(Explorer):
    """Power of a two-arm comparison: how it grows with n and with the true effect d.

    Controls: ``d`` (true standardized difference, as a benefit), ``n`` (people per arm),
    ``alpha`` and ``sided`` (two-sided, or one-sided in the benefit direction).
    """

    title = "Power curves"
    figure_alt = ("Two power curves: on the left power rising with the number of people per "
                  "arm at your d, on the right power rising with the true d at your n, each "
                  "with your design marked as a vermillion dot and 80% power as a dashed "
                  "line.")

    def make_controls(self):
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        return {
            "d": slider(float(_ledger("power.target_d")), 0.1, 1.5, 0.01, "True d"),
            "n": slider(int(_ledger("n.randomized.prt")), 10, 200, 1, "n per arm"),
            "alpha": widgets.Dropdown(options=[("0.01", 0.01), ("0.05", 0.05), ("0.10", 0.10)],
                                      value=0.05, description="alpha", style=style,
                                      layout=widgets.Layout(width="140px")),
            "sided": widgets.ToggleButtons(options=["two-sided", "one-sided"],
                                           value="two-sided", description="Test",
                                           style={"button_width": "105px"}),
        }

    def setup_figure(self):
        fig, (left, right) = new_figure(8.5, 3.8, ncols=2, sharey=True)
        (self.curve_n,) = left.plot(_N_GRID, np.zeros_like(_N_GRID), color=ARM_COLORS["prt"],
                                    linewidth=2.5)
        (self.point_n,) = left.plot([0], [0], "o", color=HIGHLIGHT, markersize=9)
        (self.curve_d,) = right.plot(_D_GRID, np.zeros_like(_D_GRID), color=ARM_COLORS["prt"],
                                     linewidth=2.5)
        (self.point_d,) = right.plot([0], [0], "o", color=HIGHLIGHT, markersize=9)
        for ax in (left, right):
            ax.axhline(0.8, color="#777777", linestyle="--", linewidth=1)
            ax.grid(alpha=0.3)
        left.text(295, 0.77, "80%", ha="right", va="top", fontsize=10, color="#555555")
        right.text(1.97, 0.77, "80%", ha="right", va="top", fontsize=10, color="#555555")
        left.set_xlim(0, 300)
        left.set_ylim(0, 1.02)
        left.set_xlabel("People per arm (n)")
        left.set_ylabel("Power")
        right.set_xlim(0, 2)
        right.set_xlabel("True effect d (SD units)")
        left.set_title("Power against n, at your d", fontsize=12)
        right.set_title("Power against d, at your n", fontsize=12)
        freeze_layout(fig)
        return fig, (left, right)

    def compute(self, d, n, alpha, sided):
        out = dict(power_curves(round(float(d), 4), int(n), float(alpha), sided))
        out.update(d=float(d), n=int(n), alpha=float(alpha), sided=sided)
        return out

    def draw(self, state):
        self.curve_n.set_ydata(state["power_vs_n"])
        self.point_n.set_data([state["n"]], [state["power"]])
        self.curve_d.set_ydata(state["power_vs_d"])
        self.point_d.set_data([state["d"]], [state["power"]])

    def moving_artists(self):
        return [self.curve_n, self.point_n, self.curve_d, self.point_d]

    def describe(self, state):
        plan = state["plan"]
        return (f"<b>With {state['n']} per arm and a true d of {state['d']:.2f}, a "
                f"{state['sided']} test at alpha {state['alpha']:g} has power "
                f"{state['power']:.0%}.</b> Reaching 80% needs {plan.n_per_group} per arm "
                f"({plan.n_exact:.1f} before rounding up); with {state['n']} per arm the "
                f"smallest effect detected with 80% power is d = {state['mde']:.2f}. Power "
                "climbs steeply at first and then flattens: the last few percent cost the "
                "most people.")


# ---------------------------------------------------------------------------------------
# Three-arm simulation
# ---------------------------------------------------------------------------------------

_N_TRIALS = 4000


@functools.lru_cache(maxsize=128)
def three_arm_power(d_placebo: float, d_usual: float, n: int, correction) -> dict:
    """Simulated power of PRT vs each control, at least one and both, and the null FWER."""
    from prtlib.stats.power import power_two_groups
    from prtlib.stats.simulation import simulate_trials

    means = (0.0, d_placebo, d_usual)  # controls have more pain: PRT minus control < 0
    sim = simulate_trials(n_per_arm=(n, n, n), means=means, n_trials=_N_TRIALS,
                          correction=correction, seed=1)
    null = simulate_trials(n_per_arm=(n, n, n), n_trials=_N_TRIALS, correction=correction,
                           seed=2)
    alpha = 0.05 if correction is None else 0.025
    return {
        "power": tuple(float(p) for p in sim.power),
        "power_se": tuple(float(s) for s in sim.power_se),
        "any": sim.power_any,
        "all": sim.power_all,
        "fwer": null.power_any,
        "analytic": tuple(float(power_two_groups(d, n, alpha=alpha))
                          for d in (d_placebo, d_usual)),
        "n_trials": _N_TRIALS,
    }


class ThreeArmExplorer(Explorer):
    """Simulated PRT-like trials: two comparisons against one PRT arm, corrected or not.

    Controls: true ``d_placebo`` and ``d_usual_care`` (PRT's advantage over each control,
    SD units), ``n`` per arm and the multiplicity ``correction``. Bars: power of each
    comparison, of "at least one" and of "both"; the last bar is the chance of at least
    one false alarm when no arm differs (the familywise error rate).
    """

    title = "Three arms, two comparisons"
    figure_alt = ("Bars of the share of 4000 simulated three-arm trials in which each "
                  "comparison, at least one and both reach significance, and a last bar for "
                  "false alarms when no arm differs, with a dotted line at 5%.")
    _labels = ("vs placebo", "vs usual care", "at least one", "both", "false alarm\n(no effect)")
    _diamond = ("◆ = exact power of one comparison at alpha .05 (.025 if corrected)\n"
                "dotted line = 5%, the false-alarm rate the family of tests should keep")

    def make_controls(self):
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        target = float(_ledger("power.target_d"))
        return {
            "d_placebo": slider(target, 0.0, 1.5, 0.05, "d vs placebo"),
            "d_usual_care": slider(target, 0.0, 2.0, 0.05, "d vs usual care"),
            "n": slider(int(_ledger("n.randomized.prt")), 20, 150, 5, "n per arm"),
            # Every option has a string value: ipywidgets reads a value of None as "nothing
            # selected" and shows the menu blank.
            "correction": widgets.Dropdown(options=[("none", "none"),
                                                    ("Bonferroni", "bonferroni"),
                                                    ("Holm", "holm")],
                                           value="none", description="Correction",
                                           style=style, layout=widgets.Layout(width="220px")),
        }

    def setup_figure(self):
        fig, ax = new_figure(8.5, 3.8)
        xs = np.arange(len(self._labels))
        colors = [ARM_COLORS["placebo"], ARM_COLORS["usual_care"], OKABE_ITO["sky_blue"],
                  ARM_COLORS["prt"], HIGHLIGHT]
        self.bars = ax.bar(xs, np.zeros(len(xs)), color=colors, width=0.6)
        self.mc = ax.vlines(xs, np.zeros(len(xs)), np.zeros(len(xs)), color="black")
        (self.analytic,) = ax.plot(xs[:2], [0, 0], "D", color="black", markersize=7)
        self.value_labels = [ax.text(x, 0, "", ha="center", va="bottom", fontsize=11) for x in xs]
        self.alpha_line = ax.axhline(0.05, color=HIGHLIGHT, linestyle=":", linewidth=1.5)
        # The effect sizes stand under the first two labels as moving texts (changing tick
        # labels would redraw the whole figure on every move of a d slider).
        ax.set_xticks(xs, [f"{label}\n" if i < 2 else label
                           for i, label in enumerate(self._labels)])
        under = offset_copy(ax.get_xaxis_transform(), fig=fig, y=-21.5, units="points")
        self.d_labels = [ax.text(x, 0, "", transform=under, ha="center", va="top",
                                 fontsize=STYLE["xtick.labelsize"], clip_on=False)
                         for x in xs[:2]]
        ax.set_ylim(0, 1.1)
        ax.set_ylabel("Share of simulated trials")
        ax.grid(axis="y", alpha=0.3)
        ax.set_title(f"4000 simulated trials\n{self._diamond}", fontsize=12)  # sized for layout
        freeze_layout(fig)
        return fig, ax

    def compute(self, d_placebo, d_usual_care, n, correction):
        method = None if correction == "none" else correction
        out = dict(three_arm_power(round(float(d_placebo), 4), round(float(d_usual_care), 4),
                                   int(n), method))
        out.update(d_placebo=float(d_placebo), d_usual_care=float(d_usual_care), n=int(n),
                   correction=correction)
        return out

    def draw(self, state):
        heights = [*state["power"], state["any"], state["all"], state["fwer"]]
        ses = [*state["power_se"], 0.0, 0.0, 0.0]
        segments = []
        for i, (bar, h, se) in enumerate(zip(self.bars, heights, ses, strict=True)):
            bar.set_height(h)
            segments.append([(i, h - 2 * se), (i, h + 2 * se)])
            self.value_labels[i].set_position((i, h + 0.02))
            self.value_labels[i].set_text(f"{h:.0%}")
        self.mc.set_segments(segments)
        self.analytic.set_ydata(state["analytic"])
        for text, d in zip(self.d_labels, (state["d_placebo"], state["d_usual_care"]),
                           strict=True):
            text.set_text(f"(d = {d:.2f})")
        label = {"none": "no correction", "bonferroni": "Bonferroni", "holm": "Holm"}[
            state["correction"]]
        self.axes.set_title(f"{state['n_trials']} simulated trials, {state['n']} per arm, "
                            f"{label}\n{self._diamond}", fontsize=12)

    def moving_artists(self):
        return [*self.bars, self.mc, self.analytic, *self.value_labels, *self.d_labels,
                self.axes.title]

    def describe(self, state):
        p_pl, p_uc = state["power"]
        fix = {"none": "Without a correction", "bonferroni": "With Bonferroni",
               "holm": "With Holm"}[state["correction"]]
        return (f"<b>{fix}, with true d = {state['d_placebo']:.2f} against placebo and "
                f"{state['d_usual_care']:.2f} against usual care and {state['n']} per arm, "
                f"each comparison reaches significance in {p_pl:.0%} (vs placebo) "
                f"and {p_uc:.0%} (vs usual care) of trials; both do in {state['all']:.0%}.</b> "
                f"If PRT did nothing, {state['fwer']:.1%} of trials would still show at least "
                "one 'significant' comparison. A correction buys back a familywise error near "
                "5% and pays for it in power.")


# ---------------------------------------------------------------------------------------
# The dance of the intervals
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def dance(true_d: float, n: int):
    """25 replications (seed 0) and the expected half-width at this n."""
    from prtlib.stats.precision import g_interval_halfwidth, simulate_g_intervals

    return (simulate_g_intervals(true_d, n, n_trials=25, seed=0),
            g_interval_halfwidth(n, d=true_d))


class IntervalDanceExplorer(Explorer):
    """Twenty-five replications of one trial: each g with its 95% interval.

    Controls: ``true_d`` and ``n`` per arm. Intervals that miss the true d are drawn in
    the highlight colour; the readout gives the expected half-width at this n.
    """

    title = "The dance of the confidence intervals"
    figure_alt = ("Twenty-five horizontal 95% intervals for g, one per replicated trial, "
                  "with their estimates as black dots and a blue vertical line at the true "
                  "d; intervals that cover it are grey, those that miss it vermillion.")
    _rows = 25

    def make_controls(self):
        return {
            "true_d": slider(float(_ledger("power.target_d")), 0.0, 1.5, 0.05, "True d"),
            "n": slider(int(_ledger("n.randomized.prt")), 10, 400, 10, "n per arm"),
        }

    def setup_figure(self):
        fig, ax = new_figure(8, 4.2)
        ys = np.arange(1, self._rows + 1)
        self.lines = ax.hlines(ys, np.zeros(self._rows), np.zeros(self._rows), linewidth=2.5)
        self.points = ax.scatter(np.zeros(self._rows), ys, s=25, color="black", zorder=3)
        self.truth = ax.axvline(0, color=ARM_COLORS["prt"], linewidth=2, label="true d")
        ax.axvline(0, color="#777777", linewidth=1, linestyle="--", label="no effect (g = 0)")
        ax.plot([], [], color=ARM_COLORS["usual_care"], linewidth=2.5,
                label="interval covers the true d")
        ax.plot([], [], color=HIGHLIGHT, linewidth=2.5, label="interval misses it")
        ax.set_xlim(-1.0, 2.8)
        ax.set_ylim(0, self._rows + 1)
        ax.set_ylabel("Replication")
        ax.set_xlabel("Hedges' g with its 95% interval")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=10)
        freeze_layout(fig)
        return fig, ax

    def compute(self, true_d, n):
        result, half = dance(round(float(true_d), 4), int(n))
        return {"true_d": float(true_d), "n": int(n), "dance": result, "halfwidth": half}

    def draw(self, state):
        result = state["dance"]
        ys = np.arange(1, self._rows + 1)
        self.lines.set_segments([[(lo, y), (hi, y)] for lo, hi, y in
                                 zip(result.ci_low, result.ci_high, ys, strict=True)])
        self.lines.set_color([ARM_COLORS["usual_care"] if c else HIGHLIGHT
                              for c in result.covers])
        self.points.set_offsets(np.column_stack([result.estimates, ys]))
        self.truth.set_xdata([state["true_d"], state["true_d"]])
        # fit the axis to what is drawn (the intervals, the truth and zero)
        low = min(float(result.ci_low.min()), 0.0, state["true_d"])
        high = max(float(result.ci_high.max()), 0.0, state["true_d"])
        pad = 0.08 * (high - low)
        # Limits in tenths, so that most moves keep the axis (and redraw less).
        self.axes.set_xlim(*snap_limits(low - pad, high + pad, 0.1))

    def moving_artists(self):
        return [self.lines, self.points, self.truth]

    def describe(self, state):
        result = state["dance"]
        misses = int((~result.covers).sum())
        sig = int(result.excludes_zero.sum())
        miss_verb = "misses" if misses == 1 else "miss"
        sig_verb = "excludes" if sig == 1 else "exclude"
        return (f"<b>With {state['n']} per arm each interval reaches about "
                f"±{state['halfwidth']:.2f} around its g.</b> Of these 25 replications, "
                f"{misses} {miss_verb} the true d (vermillion) and {sig} {sig_verb} zero; the "
                f"estimates range "
                f"from {result.estimates.min():.2f} to {result.estimates.max():.2f}. One "
                "trial is one of these lines: its interval, not its point, says how much it "
                "knows.")


# ---------------------------------------------------------------------------------------
# The winner's curse
# ---------------------------------------------------------------------------------------

_BINS = np.arange(-2.0, 5.0001, 0.05)
_CENTRES = (_BINS[:-1] + _BINS[1:]) / 2


@functools.lru_cache(maxsize=512)
def winners_curse(true_d: float, n: int) -> dict:
    """Design analysis (analytic) plus histograms of 20000 simulated estimates (seed 0)."""
    from prtlib.stats.design_analysis import design_analysis
    from prtlib.stats.power import sample_size_two_groups

    res = design_analysis(true_d, n, n_sims=20000, seed=0)
    est = np.clip(res.estimates, _BINS[0], _BINS[-1] - 1e-9)
    sig_counts, _ = np.histogram(est[res.significant], _BINS)
    non_counts, _ = np.histogram(est[~res.significant], _BINS)
    sig = res.estimates[res.significant]
    return {
        "result": res,
        "sig_density": sig_counts / (res.n_sims * 0.05),
        "non_density": non_counts / (res.n_sims * 0.05),
        "mean_significant": float(np.abs(sig).mean()) if sig.size else float("nan"),
        "replication_n": sample_size_two_groups(true_d, 0.8).n_per_group,
        "estimates": res.estimates,
        "xlim": _fitted_xlim(res),
    }


def _fitted_xlim(res) -> tuple[float, float]:
    """An x-range that holds the histogram, both thresholds and the trial's |g|.

    The histogram's bins are fixed (-2 to 5), but a small true d fills only a corner of
    them; the axis is fitted to the middle 99.9% of the estimates instead.
    """
    observed = abs(float(_ledger("g.pain.post.prt_vs_placebo")))
    lo_q, hi_q = np.quantile(res.estimates, [0.0005, 0.9995])
    low = min(float(lo_q), -res.critical_d)
    high = max(float(hi_q), res.critical_d, observed)
    pad = 0.06 * (high - low)
    return max(_BINS[0], low - pad), min(_BINS[-1], high + pad)


class WinnersCurseExplorer(Explorer):
    """If the true effect were smaller than observed: which estimates reach significance,
    and by how much they overstate it (Gelman & Carlin's type S and type M errors).

    Controls: ``true_d`` (PRT's true advantage, SD units) and ``n`` per arm. The histogram
    is the sampling distribution of the estimated d; significant estimates are in the
    highlight colour. Lines mark the true d, the mean of the significant estimates, the
    significance thresholds and the trial's |g| vs placebo.
    """

    title = "The winner's curse"
    figure_alt = ("Histogram of the estimated d in many simulated trials at your true d and "
                  "n, significant estimates in vermillion and the rest in light grey, with "
                  "lines for the true d, the mean significant estimate, the two significance "
                  "thresholds and the trial's |g| against placebo.")

    def make_controls(self):
        return {
            "true_d": slider(0.5, 0.1, 1.5, 0.05, "True d"),
            "n": slider(int(_ledger("n.monitored.post.prt")), 10, 200, 2, "n per arm"),
        }

    def setup_figure(self):
        fig, ax = new_figure(8.5, 4.2)
        width = 0.05
        self.non_bars = ax.bar(_CENTRES, np.zeros_like(_CENTRES), width=width, color=MUTED,
                               label="not significant")
        self.sig_bars = ax.bar(_CENTRES, np.zeros_like(_CENTRES), width=width, color=HIGHLIGHT,
                               label="significant (p < .05)")
        self.true_line = ax.axvline(0, color=ARM_COLORS["prt"], linewidth=2.5, label="true d")
        self.mean_line = ax.axvline(0, color="black", linestyle="--", linewidth=2,
                                    label="mean |significant estimate|")
        self.crit_lines = [ax.axvline(0, color="#777777", linestyle=":", linewidth=1.5,
                                      label="significance thresholds (±)" if i == 0 else None)
                           for i in range(2)]
        observed = abs(float(_ledger("g.pain.post.prt_vs_placebo")))
        ax.axvline(observed, color=OKABE_ITO["bluish_green"], linewidth=2,
                   label=f"trial's |g| vs placebo ({observed:.2f})")
        ax.set_xlim(_BINS[0], _BINS[-1])
        ax.set_ylim(0, 2.0)
        ax.set_xlabel("Estimated d in one trial (positive = PRT better)")
        ax.set_ylabel("Density")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=10)
        ax.set_title("Sampling distribution of the estimate", fontsize=12)
        freeze_layout(fig)
        return fig, ax

    def compute(self, true_d, n):
        out = dict(winners_curse(round(float(true_d), 4), int(n)))
        out.update(true_d=float(true_d), n=int(n),
                   observed=abs(float(_ledger("g.pain.post.prt_vs_placebo"))))
        return out

    def draw(self, state):
        res = state["result"]
        for bar, h in zip(self.non_bars, state["non_density"], strict=True):
            bar.set_height(h)
        for bar, base, h in zip(self.sig_bars, state["non_density"], state["sig_density"],
                                strict=True):
            bar.set_y(base)
            bar.set_height(h)
        top = float((state["non_density"] + state["sig_density"]).max())
        # Limits in coarse steps (half units), so that most moves keep the axes and redraw
        # only the bars and lines.
        self.axes.set_ylim(0, max(1.0, snap_limits(0.0, 1.35 * top, 0.5)[1]))
        self.true_line.set_xdata([state["true_d"]] * 2)
        self.mean_line.set_xdata([state["mean_significant"]] * 2)
        for line, x in zip(self.crit_lines, (-res.critical_d, res.critical_d), strict=True):
            line.set_xdata([x, x])
        low, high = snap_limits(*state["xlim"], 0.5)
        self.axes.set_xlim(max(low, _BINS[0]), min(high, _BINS[-1]))
        self.axes.set_title(f"True d = {state['true_d']:.2f}, {state['n']} per arm: power "
                            f"{res.power:.0%}, exaggeration ×{res.exaggeration:.2f}",
                            fontsize=12)

    def moving_artists(self):
        return [*self.non_bars, *self.sig_bars, self.true_line, self.mean_line,
                *self.crit_lines, self.axes.title]

    def describe(self, state):
        from prtlib.stats.design_analysis import say_probability

        res = state["result"]

        def said(p):
            # exact tails of a continuous distribution are never 0 or 1; a float that
            # rounds to either is written as the bound it is ("more than 99.9%")
            return say_probability(min(max(p, 1e-300), 1 - 1e-12))

        as_large = res.prob_at_least(state["observed"])
        return (f"<b>If PRT's true advantage were d = {state['true_d']:.2f}, a trial with "
                f"{state['n']} per arm would reach significance with probability "
                f"{said(res.power)}, and its significant estimates would average |d| = "
                f"{state['mean_significant']:.2f}, {res.exaggeration:.2f} times the truth. "
                f"The chance that a significant estimate has the wrong sign (type S) is "
                f"{said(res.type_s)}.</b> Only estimates beyond ±{res.critical_d:.2f} (the "
                f"dotted lines) count as significant. The chance that one such trial "
                f"estimates {state['observed']:.2f} or more, as the trial did against "
                f"placebo, is {said(as_large)}. A replication powered at 80% for "
                f"d = {state['true_d']:.2f} needs {state['replication_n']} per arm.")
