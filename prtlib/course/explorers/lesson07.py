"""Lesson 07's explorers: one voxel's GLM, false positives in a null brain, and
the trial's region-of-interest tests.

Explorers (each a thin wire to tested functions of :mod:`prtlib.stats.fmri`):

- :class:`GLMExplorer`: a simulated voxel in the trial's evoked-pain task; the learner sets
  the true pain response, the extra response per inflation level, the noise and the number
  of trials, and sees the data, the fitted model and the t of each effect.
- :class:`NullBrainExplorer`: simulated group t maps with nothing (or one true region) in
  them, thresholded four ways: uncorrected, Bonferroni, FDR and permutation FWE.
- :class:`RoiTestExplorer`: each ROI result of the trial on its t distribution, one- or
  two-tailed, with a Bonferroni correction over a chosen number of tests.

The lesson's static figures are in :mod:`prtlib.course.figures.lesson07`.

Speed: designs are cached per number of trials and simulated brains per (study,
smoothness, truth), so a control move only re-fits, re-thresholds and redraws.
"""

from __future__ import annotations

import functools

import numpy as np

from prtlib.course.explorers.base import Explorer, slider
from prtlib.course.plotting import HIGHLIGHT, OKABE_ITO, freeze_layout, new_figure, snap_limits
from prtlib.trial.constants import COMPARISON_LABELS

_NOISE_SEED = 7  # the same noise pattern while sliders move, so only the sliders change
GLM_TRIALS_SHOWN = 6


def _ledger(key):
    from prtlib.trial import published

    return published.get(key)


def single_thread():
    """A context that keeps numerical libraries (BLAS) to one thread.

    The matrices of an explorer update are small; on a busy 2-core machine, multi-threaded
    BLAS spends more time waiting for its threads than computing (tail latencies of
    hundreds of ms were measured), so explorers do their arithmetic on one thread.
    threadpoolctl comes with scikit-learn, which nilearn requires; without it this is a
    no-op.
    """
    import contextlib

    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl ships with nilearn's stack
        return contextlib.nullcontext()
    return threadpool_limits(limits=1)


def _no_zero(x: float, digits: int) -> str:
    """A probability without its leading zero, as papers print it: ``.043``."""
    text = f"{x:.{digits}f}"
    return text[1:] if text.startswith("0.") else text


def _p_html(p: float) -> str:
    """A p-value as a paper prints it, for HTML: 'p &lt; .001' or 'p = .043'."""
    return "p &lt; .001" if p < 0.001 else f"p = {_no_zero(p, 3)}"


# ---------------------------------------------------------------------------------------
# GLM explorer
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def glm_design(n_trials: int):
    """Events and design matrix of a run with ``n_trials`` trials (cached per value)."""
    from prtlib.trial import scanning

    events = scanning.task_events(n_trials=n_trials, seed=0)
    return events, scanning.design_matrix(events)


def glm_demo(amplitude: float, level_effect: float, noise_sd: float, n_trials: int) -> dict:
    """Simulate one voxel in the evoked-pain task and fit the GLM.

    Returns the events, design, data, true signal, fitted signal and the contrasts of
    ``pain`` and ``pain_x_level`` (:class:`prtlib.stats.fmri.ContrastResult`).
    """
    from prtlib.stats import fmri

    events, design = glm_design(int(n_trials))
    truth = {"pain": float(amplitude), "pain_x_level": float(level_effect),
             "constant": 100.0}
    y = fmri.simulate_voxel(design, truth, noise_sd=float(noise_sd), seed=_NOISE_SEED)
    fit = fmri.fit_glm(y, design)
    X = design.to_numpy()
    true_b = np.array([truth.get(c, 0.0) for c in design.columns])
    return {
        "events": events, "design": design, "y": y, "true_signal": X @ true_b,
        "fitted": X @ fit.betas, "fit": fit, "pain": fit.contrast("pain"),
        "level": fit.contrast("pain_x_level"), "truth": truth, "n_trials": int(n_trials),
        "noise_sd": float(noise_sd),
    }


class GLMExplorer(Explorer):
    """A voxel's BOLD signal in the evoked-pain task and the GLM fitted to it.

    Controls: ``amplitude`` (true response to an inflation, in % signal change),
    ``level_effect`` (extra response per inflation level), ``noise_sd`` (SD of the scan
    to scan noise) and ``n_trials`` (trials in the run; the trial used 20).
    """

    title = "Fitting the GLM to one voxel"
    figure_alt = ("Top: the simulated voxel's signal over the first trials, with the true "
                  "signal and the fitted model; middle: the inflation level of each trial; "
                  "bottom: the estimated pain response and per-level effect with 95% "
                  "intervals beside their true values.")

    def make_controls(self):
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        n_trials = int(_ledger("fmri.evoked.trials"))
        return {
            "amplitude": slider(0.5, 0.0, 2.0, 0.1, "Pain response (%)"),
            "level_effect": slider(0.2, -0.4, 0.6, 0.05, "Per level (%)"),
            "noise_sd": slider(1.5, 0.5, 6.0, 0.5, "Noise SD (%)"),
            "n_trials": widgets.IntSlider(
                value=n_trials, min=4, max=n_trials, step=4, description="Trials",
                style=style, continuous_update=True),
        }

    def setup_figure(self):
        from matplotlib.ticker import MaxNLocator

        fig, (ts, stim, est) = new_figure(
            8.5, 4.8, nrows=3, gridspec_kw={"height_ratios": [2.6, 0.7, 1.4]})
        (self.data_line,) = ts.plot([], [], color="#9A9A9A", linewidth=0.6, label="data")
        (self.true_line,) = ts.plot([], [], color="black", linewidth=1.2, linestyle="--",
                                    label="true signal")
        (self.fit_line,) = ts.plot([], [], color=OKABE_ITO["blue"], linewidth=1.8,
                                   label="fitted model")
        ts.set_ylabel("BOLD (% of baseline)")
        ts.tick_params(labelbottom=False)  # the level strip below carries the time axis
        ts.yaxis.set_major_locator(MaxNLocator(4))
        stim.xaxis.set_major_locator(MaxNLocator(6))
        ts.legend(loc="upper right", ncol=3, frameon=False, fontsize=10)
        self.ts_title = ts.set_title("placeholder, sized for the layout", fontsize=12)
        (self.stim_line,) = stim.plot([], [], color=OKABE_ITO["blue"], linewidth=1.2,
                                      drawstyle="steps-post")
        stim.set_ylim(0, 4.6)
        stim.set_yticks([1, 4])
        stim.set_ylabel("Level")
        stim.set_xlabel("Time in the run (s)")
        self.est_lines, self.est_points, self.truth_points = [], [], []
        for color in (OKABE_ITO["blue"], OKABE_ITO["vermillion"]):
            (line,) = est.plot([], [], color=color, linewidth=3, solid_capstyle="butt")
            (point,) = est.plot([], [], "o", color=color, markersize=8)
            (truth,) = est.plot([], [], "|", color="black", markersize=18,
                                markeredgewidth=2.5)
            self.est_lines.append(line)
            self.est_points.append(point)
            self.truth_points.append(truth)
        est.axvline(0, color="#777777", linewidth=0.8)
        est.set_yticks([1, 0], ["pain response", "per level"])
        est.set_ylim(-0.6, 1.6)
        est.set_xlim(-1.0, 2.5)
        est.set_xticks([-1, 0, 1, 2])
        est.set_xlabel("Estimate with 95% interval (% signal change); | = truth")
        self.est_text = [est.text(2.45, y, "", ha="right", va="center", fontsize=10)
                         for y in (1, 0)]
        freeze_layout(fig)
        return fig, (ts, stim, est)

    def compute(self, amplitude, level_effect, noise_sd, n_trials):
        with single_thread():
            return glm_demo(amplitude, level_effect, noise_sd, n_trials)

    def draw(self, state):
        ts, stim, est = self.axes
        t = state["design"].index.to_numpy()
        shown = min(GLM_TRIALS_SHOWN, state["n_trials"])
        end = min(t[-1], shown * float(_ledger("fmri.evoked.trial_s")))
        window = t <= end  # drawing every scan of a long run costs too much time
        self.data_line.set_data(t[window], state["y"][window])
        self.true_line.set_data(t[window], state["true_signal"][window])
        self.fit_line.set_data(t[window], state["fitted"][window])
        lo, hi = np.percentile(state["y"], [0.5, 99.5])
        pad = 0.1 * (hi - lo)
        # Whole percent limits, so that most moves keep the axis (and redraw less).
        ts.set_ylim(*snap_limits(lo - pad, hi + pad, 1.0))
        for ax in (ts, stim):
            ax.set_xlim(0, end)
        self.ts_title.set_text(f"Simulated voxel: first {shown} of {state['n_trials']} trials "
                               f"({t.size} scans in the run; all are fitted)")
        pain = state["events"][state["events"].trial_type == "pain"]
        starts = pain.onset.to_numpy()
        ends = starts + pain.duration.to_numpy()
        x = np.column_stack([starts, ends]).ravel()
        y = np.column_stack([pain.level.to_numpy(), np.zeros(len(pain))]).ravel()
        self.stim_line.set_data(np.concatenate([[0.0], x]), np.concatenate([[0.0], y]))
        for i, (key, name) in enumerate((("pain", "pain"), ("level", "pain_x_level"))):
            res = state[key]
            yy = 1 - i
            self.est_lines[i].set_data([res.effect - 1.96 * res.se, res.effect + 1.96 * res.se],
                                       [yy, yy])
            self.est_points[i].set_data([res.effect], [yy])
            self.truth_points[i].set_data([state["truth"][name]], [yy])
            self.est_text[i].set_text(f"t({res.df}) = {res.t:.1f}")

    def moving_artists(self):
        return [self.data_line, self.true_line, self.fit_line, self.ts_title, self.stim_line,
                *self.est_lines, *self.est_points, *self.truth_points, *self.est_text]

    def describe(self, state):
        pain, level = state["pain"], state["level"]
        truth = state["truth"]
        verdict = ("clearly detected" if pain.p_two_sided < 0.001 else
                   "detected" if pain.p_two_sided < 0.05 else "not distinguishable from noise")
        return (
            f"<b>Pain response: estimated {pain.effect:.2f}% (true {truth['pain']:.2f}%), "
            f"t({pain.df}) = {pain.t:.2f}, {_p_html(pain.p_two_sided)}: {verdict}.</b><br>"
            f"Extra response per inflation level: estimated {level.effect:.2f}% (true "
            f"{truth['pain_x_level']:.2f}%), t = {level.t:.2f}. "
            f"With {state['n_trials']} trials and noise SD {state['noise_sd']:.1f}%, the "
            f"pain estimate's standard error is {pain.se:.3f}; t grows with the response and "
            "with the number of trials, and shrinks as the noise grows."
        )


# ---------------------------------------------------------------------------------------
# Null brain explorer
# ---------------------------------------------------------------------------------------

BRAIN_SHAPE = (64, 64)
BRAIN_SUBJECTS = 20
BRAIN_PERMUTATIONS = 200
TRUE_EFFECT = 0.8  # SD units of each subject's map, inside the true region
TRUE_RADIUS = 6.0  # voxels
_METHOD_TITLES = ("uncorrected", "Bonferroni", "FDR", "permutation")


@functools.lru_cache(maxsize=128)
def brain_maps(study: int, fwhm: float, truth: bool) -> dict:
    """A simulated group map and its corrected thresholds (cached per arguments).

    ``study`` seeds the simulation; ``truth`` adds a region with a true effect. Bonferroni,
    FDR (q = .05) and permutation FWE (.05) are computed here once; only the uncorrected
    threshold depends on a control that changes often.
    """
    from prtlib.stats import fmri

    brain = fmri.simulate_brain(BRAIN_SHAPE, BRAIN_SUBJECTS, fwhm,
                                effect=TRUE_EFFECT if truth else 0.0,
                                signal_radius=TRUE_RADIUS if truth else 0.0, seed=int(study))
    return {
        "brain": brain,
        "bonferroni": fmri.bonferroni(brain.p, 0.05),
        "fdr": fmri.fdr_bh(brain.p, 0.05),
        "permutation": fmri.fwe_permutation(brain.data, 0.05, BRAIN_PERMUTATIONS,
                                            seed=int(study)),
    }


class NullBrainExplorer(Explorer):
    """Four ways to threshold the same simulated group map.

    Controls: ``study`` (which simulated study), ``fwhm`` (smoothness of the noise, in
    voxels), ``truth`` (a null brain, or one region with a true effect) and
    ``uncorrected_alpha`` (the per-voxel threshold of the uncorrected map).
    """

    title = "False positives in a brain with nothing in it"
    figure_alt = ("Four copies of one simulated group t map of 4,096 voxels, thresholded "
                  "uncorrected, with Bonferroni, with FDR and with a permutation test; "
                  "vermillion squares mark false positives and blue squares true positives.")

    def make_controls(self):
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        return {
            "study": slider(1, 1, 20, 1, "Simulated study"),
            "fwhm": widgets.Dropdown(options=[("none", 0.0), ("2 voxels", 2.0),
                                              ("4 voxels", 4.0)], value=2.0,
                                     description="Smoothness", style=style),
            "truth": widgets.ToggleButtons(options=[("Null brain", False),
                                                    ("One true region", True)],
                                           value=False, description="Truth",
                                           style={"button_width": "130px"}),
            "uncorrected_alpha": widgets.Dropdown(
                options=[("p < .05", 0.05), ("p < .01", 0.01), ("p < .001", 0.001)],
                value=0.001, description="Uncorrected", style=style),
        }

    def setup_figure(self):
        from matplotlib.patches import Circle

        fig, axes = new_figure(10.0, 3.3, ncols=4)
        blank = np.zeros(BRAIN_SHAPE)
        self.t_images, self.true_marks, self.false_marks, self.circles = [], [], [], []
        centre = ((BRAIN_SHAPE[1] - 1) / 2, (BRAIN_SHAPE[0] - 1) / 2)
        for ax in axes:
            self.t_images.append(ax.imshow(blank, cmap="gray", vmin=-7, vmax=7,
                                           interpolation="nearest"))
            # markers rather than coloured pixels, so that a single voxel stays visible
            self.true_marks.append(ax.scatter([], [], s=14, marker="s",
                                              color=OKABE_ITO["blue"], linewidths=0))
            self.false_marks.append(ax.scatter([], [], s=22, marker="s", color=HIGHLIGHT,
                                               edgecolors="black", linewidths=0.4))
            circle = Circle(centre, TRUE_RADIUS + 0.5, fill=False, linestyle="--",
                            edgecolor=OKABE_ITO["yellow"], linewidth=1.5)
            ax.add_patch(circle)
            self.circles.append(circle)
            ax.set_xlim(-0.5, BRAIN_SHAPE[1] - 0.5)
            ax.set_ylim(BRAIN_SHAPE[0] - 0.5, -0.5)
            ax.set_xticks([])
            ax.set_yticks([])
        self.titles = [ax.set_title("placeholder\nfor the layout", fontsize=11) for ax in axes]
        fig.text(0.5, 0.015, "grey: t map of 4,096 voxels · blue: true positive · vermillion: "
                 "false positive · dashed: true region", ha="center", fontsize=10)
        fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.9))
        freeze_layout(fig)
        return fig, axes

    def compute(self, study, fwhm, truth, uncorrected_alpha):
        from prtlib.stats import fmri

        with single_thread():
            maps = brain_maps(int(study), float(fwhm), bool(truth))
        brain = maps["brain"]
        results = [fmri.threshold_uncorrected(brain.p, float(uncorrected_alpha)),
                   maps["bonferroni"], maps["fdr"], maps["permutation"]]
        counts = []
        for res in results:
            tp = int((res.reject & brain.truth).sum())
            counts.append({"detected": res.n_rejected, "true": tp,
                           "false": res.n_rejected - tp})
        return {"brain": brain, "results": results, "counts": counts, "truth": bool(truth),
                "uncorrected_alpha": float(uncorrected_alpha), "fwhm": float(fwhm),
                "study": int(study)}

    def draw(self, state):
        brain = state["brain"]
        alpha_text = _no_zero(state["uncorrected_alpha"], 3).rstrip("0")
        labels = (f"p < {alpha_text}, uncorrected", "Bonferroni, FWE .05", "FDR q < .05",
                  "permutation, FWE .05")
        for i, res in enumerate(state["results"]):
            self.t_images[i].set_data(brain.t)
            hits = np.argwhere(res.reject & brain.truth)[:, ::-1]
            misses = np.argwhere(res.reject & ~brain.truth)[:, ::-1]
            self.true_marks[i].set_offsets(hits if hits.size else np.empty((0, 2)))
            self.false_marks[i].set_offsets(misses if misses.size else np.empty((0, 2)))
            self.circles[i].set_visible(state["truth"])
            c = state["counts"][i]
            self.titles[i].set_text(f"{labels[i]}\n{c['detected']} found, {c['false']} false")

    def moving_artists(self):
        return [*self.t_images, *self.true_marks, *self.false_marks, *self.circles,
                *self.titles]

    def describe(self, state):
        unc, bonf, fdr, perm = state["counts"]
        n = state["brain"].n_voxels
        alpha_text = _no_zero(state["uncorrected_alpha"], 3).rstrip("0")
        expected = state["uncorrected_alpha"] * n
        if not state["truth"]:
            head = (f"<b>Nothing is there, yet p &lt; {alpha_text} uncorrected marks "
                    f"{unc['detected']} of {n:,} voxels as active (about {expected:.3g} "
                    f"expected by chance).</b> ")
            tail = (f"Bonferroni finds {bonf['detected']}, FDR {fdr['detected']} and the "
                    f"permutation test {perm['detected']}: the corrected methods keep the "
                    "chance of any false positive in the whole map near 5%.")
        else:
            true_n = int(state["brain"].truth.sum())
            head = (f"<b>One region of {true_n} voxels has a true effect. Uncorrected "
                    f"p &lt; {alpha_text} finds {unc['true']} of them plus {unc['false']} "
                    "false positives.</b> ")
            tail = (f"True and false positives: Bonferroni {bonf['true']} and {bonf['false']}, "
                    f"FDR {fdr['true']} and {fdr['false']}, permutation {perm['true']} and "
                    f"{perm['false']}. FDR buys sensitivity by tolerating a small share of "
                    "false discoveries; with smoother noise the permutation test gains on "
                    "Bonferroni.")
        return head + tail


# ---------------------------------------------------------------------------------------
# ROI test explorer
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def roi_table():
    """The trial's ROI results (:func:`prtlib.trial.scanning.trial_roi_results`), cached."""
    from prtlib.trial import scanning

    return scanning.trial_roi_results()


def roi_test(key: str, tails: str, n_tests: int) -> dict:
    """One ROI result tested one- or two-tailed at ``alpha / n_tests``.

    Returns t, df, p, the threshold, the critical t value(s), whether the result passes,
    the arm sizes and the approximate d from t and those sizes
    (:func:`prtlib.trial.scanning.trial_roi_results`).
    """
    from scipy import stats

    from prtlib.stats import fmri

    row = roi_table().set_index("key").loc[key]
    alpha = float(row["alpha"]) / int(n_tests)
    t, df = float(row["t"]), float(row["df"])
    if tails == "one-tailed":
        p = fmri.t_to_p(t, df, alternative="less")
        critical = (float(stats.t.ppf(alpha, df)),)
    else:
        p = fmri.t_to_p(t, df)
        c = float(stats.t.isf(alpha / 2, df))
        critical = (-c, c)
    return {"key": key, "region": row["region"], "comparison": row["comparison"], "t": t,
            "df": df, "p": p, "threshold": alpha, "critical": critical,
            "passes": p <= alpha, "d": float(row["d"]), "n_prt": int(row["n_prt"]),
            "n_control": int(row["n_control"]), "tails": tails,
            "n_tests": int(n_tests), "p_reported": float(row["p_reported"])}


class RoiTestExplorer(Explorer):
    """The trial's ROI results on their t distributions.

    Controls: ``region`` (which reported result), ``tails`` (one-tailed as in the paper,
    or two-tailed) and ``n_tests`` (tests the .05 is shared among, Bonferroni).
    """

    title = "How strong are the trial's brain results?"
    figure_alt = ("The t distribution expected with no true effect, with the rejection region "
                  "shaded and a vertical line at the t the paper reports for the chosen "
                  "brain region.")
    _GRID = np.linspace(-5, 5, 801)

    def make_controls(self):
        import ipywidgets as widgets

        table = roi_table()
        options = [(f"{r.region}, {COMPARISON_LABELS[r.comparison]}", r.key)
                   for r in table.itertuples(index=False)]
        return {
            "region": widgets.Dropdown(options=options, value=options[0][1],
                                       description="Result",
                                       layout=widgets.Layout(width="480px")),
            "tails": widgets.ToggleButtons(options=["one-tailed", "two-tailed"],
                                           value="one-tailed", description="Test",
                                           style={"button_width": "100px"}),
            "n_tests": widgets.IntSlider(value=1, min=1, max=14, step=1,
                                         description="Tests corrected for",
                                         style={"description_width": "initial"},
                                         continuous_update=True),
        }

    def setup_figure(self):
        from matplotlib.patches import Polygon

        fig, ax = new_figure(8.5, 3.6)
        (self.density,) = ax.plot(self._GRID, np.zeros_like(self._GRID), color="#333333",
                                  linewidth=2)
        self.regions = [Polygon(np.zeros((3, 2)), closed=True, color=HIGHLIGHT, alpha=0.45,
                                linewidth=0) for _ in range(2)]
        for patch in self.regions:
            ax.add_patch(patch)
        self.observed = ax.axvline(0, color=OKABE_ITO["blue"], linewidth=2.5)
        self.label = ax.text(0, 0.36, "", color=OKABE_ITO["blue"], fontsize=11, ha="right")
        ax.set_xlim(-5, 5)
        ax.set_ylim(0, 0.42)
        ax.set_xlabel("t (group × time interaction; negative = bigger drop with PRT)")
        ax.set_ylabel("Density if no true effect")
        self.ax_title = ax.set_title("placeholder for the layout", fontsize=12)
        freeze_layout(fig)
        return fig, ax

    def compute(self, region, tails, n_tests):
        return roi_test(region, tails, n_tests)

    def draw(self, state):
        from scipy import stats

        dens = stats.t.pdf(self._GRID, state["df"])
        self.density.set_ydata(dens)
        crit = state["critical"]
        spans = [(-5.0, crit[0])] if len(crit) == 1 else [(-5.0, crit[0]), (crit[1], 5.0)]
        for patch in self.regions:
            patch.set_visible(False)
        for patch, (lo, hi) in zip(self.regions, spans, strict=False):
            x = np.linspace(lo, hi, 80)
            y = stats.t.pdf(x, state["df"])
            patch.set_xy(np.column_stack([np.r_[lo, x, hi], np.r_[0, y, 0]]))
            patch.set_visible(True)
        self.observed.set_xdata([state["t"], state["t"]])
        self.label.set_position((state["t"] - 0.1, 0.36))
        self.label.set_text(f"observed t = {state['t']:.2f}")
        self.ax_title.set_text(
            f"{state['region']}, {COMPARISON_LABELS[state['comparison']]}: shaded = rejection "
            f"region at α = {state['threshold']:.4f}")

    def moving_artists(self):
        return [self.density, *self.regions, self.observed, self.label, self.ax_title]

    def describe(self, state):
        p = _no_zero(state["p"], 3)
        thr = _no_zero(state["threshold"], 4)
        verdict = "passes" if state["passes"] else "does not pass"
        k = state["n_tests"]
        spread = "" if k == 1 else f" (.05 shared among {k} tests)"
        return (
            f"<b>t({state['df']:g}) = {state['t']:.2f}: {state['tails']} p = {p}, against a "
            f"threshold of {thr}{spread}, so it {verdict}.</b><br>"
            f"As an effect size this is d ≈ {state['d']:.2f} (t × √(1/n₁ + 1/n₂) with the "
            f"{state['n_prt']} and {state['n_control']} people randomized), a small-to-moderate "
            f"effect. The paper reports the one-tailed p = {_no_zero(state['p_reported'], 2)}; "
            "no effect survived correction over the whole brain."
        )
