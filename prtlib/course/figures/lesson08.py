"""Lesson 08's static figures: a resting-state pair of time series, the circular analysis
against a split-half one, and the trial's effects on pain reports and brain responses.

Each function returns a matplotlib Figure (shown by Jupyter when it ends a cell).
"""

from __future__ import annotations

import numpy as np

from prtlib.course.plotting import ARM_COLORS, HIGHLIGHT, OKABE_ITO, new_figure
from prtlib.trial.constants import COMPARISON_LABELS


def resting_pair_figure(pair, window_s: float = 120.0):
    """Two resting time series (left, the first ``window_s`` seconds) and their scatter
    over the whole scan (right), with Pearson r and Fisher z.

    ``pair`` is :func:`prtlib.trial.scanning.simulate_resting_pair`.
    """
    from prtlib.stats import fmri

    res = fmri.seed_connectivity(pair["seed"].to_numpy(), pair["target"].to_numpy())
    fig, (left, right) = new_figure(10.0, 3.6, ncols=2, gridspec_kw={"width_ratios": [2, 1]})
    show = pair.index <= window_s
    left.plot(pair.index[show], pair["seed"][show], color=OKABE_ITO["blue"], linewidth=1.6,
              label="seed (e.g. anterior insula)")
    left.plot(pair.index[show], pair["target"][show], color=OKABE_ITO["vermillion"],
              linewidth=1.6, label="target (e.g. S1)")
    left.set_xlabel("Time (s)")
    left.set_ylabel("BOLD (SD units)")
    left.set_title(f"First {window_s:g} s of the resting scan ({pair.index[-1] / 60:.0f} min)")
    left.legend(frameon=False, fontsize=10, ncol=2, loc="upper right")
    left.set_ylim(-3.8, 4.2)
    right.scatter(pair["seed"], pair["target"], s=4, alpha=0.35, color="#555555",
                  linewidths=0)
    right.set_xlabel("Seed (SD units)")
    right.set_ylabel("Target (SD units)")
    right.set_title(f"All {len(pair)} scans: r = {res.r:.2f}, z = {res.z:.2f}")
    right.set_aspect("equal", adjustable="datalim")
    return fig


def circularity_figure(result):
    """Histograms of the circular and the split-half estimates of the selected voxels'
    effect, with the true mean of the selected voxels.

    ``result`` is :func:`prtlib.stats.fmri.circular_analysis`.
    """
    fig, ax = new_figure(8.5, 3.6)
    both = np.concatenate([result.circular_estimate, result.split_estimate])
    bins = np.linspace(both.min(), both.max(), 40)
    ax.hist(result.split_estimate, bins=bins, color=OKABE_ITO["blue"], alpha=0.6,
            label="select on half, measure on the other half")
    ax.hist(result.circular_estimate, bins=bins, color=HIGHLIGHT, alpha=0.6,
            label="select and measure on the same data")
    truth_all = float(np.mean(result.circular_truth))
    truth_half = float(np.mean(result.split_truth))
    ax.axvline(truth_half, color=OKABE_ITO["blue"], linewidth=2, linestyle="--",
               label=f"true effect of voxels picked on half the data ({truth_half:.2f})")
    ax.axvline(truth_all, color="black", linewidth=2, linestyle="--",
               label=f"true effect of voxels picked on all the data ({truth_all:.2f})")
    ax.axvline(0, color="#777777", linewidth=0.8)
    ax.set_xlabel("Estimated effect of the selected voxels (SD units)")
    ax.set_ylabel("Simulated studies")
    ax.set_title(f"{result.circular_estimate.size} studies: the {result.n_selected} "
                 f"strongest of {result.n_voxels} voxels, {result.n_subjects} participants")
    ax.legend(frameon=False, fontsize=9, loc="upper right")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.45)  # room for the legend
    return fig


def effects_figure(table):
    """Forest plot of the trial's effects on self-reported pain and on brain responses.

    ``table`` is :func:`prtlib.trial.scanning.trial_effects_by_measure`.
    """
    fig, ax = new_figure(9.5, 4.6)
    n = len(table)
    y = np.arange(n)[::-1]
    for yi, row in zip(y, table.itertuples(index=False), strict=True):
        color = (ARM_COLORS["placebo"] if row.comparison == "prt_vs_placebo"
                 else ARM_COLORS["usual_care"])
        marker = "s" if row.kind == "brain" else "o"
        ax.plot([row.ci_low, row.ci_high], [yi, yi], color=color, linewidth=2.5)
        ax.plot([row.estimate], [yi], marker, color=color, markersize=9,
                markeredgecolor="black", markeredgewidth=0.6)
    labels = [f"{row.measure.replace('Brain response, ', 'Brain: ')} "
              f"({COMPARISON_LABELS[row.comparison]})" for row in table.itertuples(index=False)]
    ax.set_yticks(y, labels, fontsize=10)
    ax.axvline(0, color="#555555", linewidth=1)
    brain_rows = y[(table["kind"] == "brain").to_numpy()]
    ax.axhspan(brain_rows.min() - 0.5, brain_rows.max() + 0.5, color="#EEEEEE", zorder=0)
    ax.set_xlim(min(-2.4, float(table["ci_low"].min()) - 0.1), 0.4)
    ax.set_xlabel("Standardized effect (negative favours PRT), 95% interval")
    ax.set_title("Circles: pain reports · squares (shaded): brain")
    return fig
