"""Static figures of lessons 03 and 04: a bootstrap distribution, Table 2's g over time, and how an interval narrows with n."""

from __future__ import annotations

import numpy as np

from prtlib.course.plotting import ARM_COLORS, HIGHLIGHT, new_figure
from prtlib.stats.precision import g_interval_halfwidth
from prtlib.trial.constants import COMPARISON_LABELS, COMPARISONS, TIME_LABELS


def bootstrap_distribution(distribution, intervals, estimate: float):
    """Histogram of bootstrap g's (blue) with three intervals above it and the estimate.

    Parameters
    ----------
    distribution : array of float
        The g recomputed on each resample.
    intervals : pandas.DataFrame
        One row per interval, indexed by its name, with columns ``low`` and ``high``; the
        row named "bootstrap" is drawn in vermillion, the others in black.
    estimate : float
        The point estimate, drawn as a dashed black line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = new_figure(8, 3.6)
    ax.hist(distribution, bins=np.arange(-2.2, -0.2, 0.04), color=ARM_COLORS["prt"], alpha=0.7)
    for (name, (low, high)), y in zip(intervals[["low", "high"]].iterrows(), [150, 170, 190],
                                      strict=True):
        ax.plot([low, high], [y, y], linewidth=3,
                color=HIGHLIGHT if name == "bootstrap" else "black")
        ax.text(high + 0.03, y, name, va="center", fontsize=10)
    ax.axvline(estimate, color="black", linestyle="--", linewidth=1.5)
    ax.text(estimate + 0.03, 350, f"point estimate, g = {estimate:.2f} (dashed)", fontsize=10)
    ax.set_ylim(0, 380)
    ax.set_xlabel("Change-score g, PRT vs placebo (simulated cohort), recomputed on resamples")
    ax.set_ylabel("Resamples")
    ax.set_xlim(-2.2, 0)
    return fig


def g_over_time(tables: dict):
    """Table 2's change-score g at each time, PRT vs placebo (orange) and usual care (grey).

    Parameters
    ----------
    tables : dict
        Comparison name -> the table of :func:`prtlib.trial.trial_effects.table2_effects`
        (index: times; columns ``g``, ``ci_low``, ``ci_high``).

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = new_figure(8, 3.8)
    offsets = {"prt_vs_placebo": -0.08, "prt_vs_usual_care": 0.08}
    colours = {"prt_vs_placebo": ARM_COLORS["placebo"],
               "prt_vs_usual_care": ARM_COLORS["usual_care"]}
    for comparison in COMPARISONS:
        table = tables[comparison]
        x = np.arange(len(table)) + offsets[comparison]
        ax.errorbar(x, table["g"],
                    yerr=[table["g"] - table["ci_low"], table["ci_high"] - table["g"]],
                    fmt="o-", capsize=3, color=colours[comparison], linewidth=2,
                    label=COMPARISON_LABELS[comparison])
    ax.axhline(0, color="#777777", linewidth=1)
    ax.set_xticks(np.arange(len(table)),
                  [TIME_LABELS[t].replace(" follow-up", "") for t in table.index])
    ax.set_ylabel("Change-score g (95% CI)")
    ax.set_ylim(-2.4, 0.2)
    ax.legend(frameon=False, loc="lower right")
    return fig


def halfwidth_by_n(g: float, n_seen: int, n_max: int = 400):
    """Half-width of the 95% CI for g against people per arm (blue), the trial's n marked.

    Parameters
    ----------
    g : float
        The standardized difference the interval is around (its size widens it slightly).
    n_seen : int
        People per arm to mark with a vermillion dot and its half-width.
    n_max : int, default 400
        Largest n on the x axis.

    Returns
    -------
    matplotlib.figure.Figure
    """
    n_grid = np.arange(10, n_max + 1)
    fig, ax = new_figure(8, 3.6)
    ax.plot(n_grid, g_interval_halfwidth(n_grid, d=g), color=ARM_COLORS["prt"], linewidth=2.5)
    here = g_interval_halfwidth(n_seen, d=g)
    ax.plot([n_seen], [here], "o", color=HIGHLIGHT, markersize=9)
    ax.annotate(f"{n_seen} per arm: ±{here:.2f}", (n_seen, here), xytext=(15, 10),
                textcoords="offset points")
    ax.set_xlabel("People per arm")
    ax.set_ylabel("Half-width of the 95% CI for g")
    ax.set_ylim(0, 1.0)
    ax.grid(alpha=0.3)
    return fig
