"""Static figures of lessons 06 and 10 drawn from the trial's tables: TSK-11 by arm, and the public file against Table 2."""

from __future__ import annotations

import numpy as np

from prtlib.course.plotting import ARM_COLORS, new_figure
from prtlib.trial import published
from prtlib.trial.constants import ARM_SHORT_LABELS, ARMS

_ARM_WORDS = {"prt": "PRT", "placebo": "placebo", "usual_care": "usual care"}


def tsk11_by_arm():
    """Mean TSK-11 (± 1 SD) before and after treatment per arm, from Table 2 (ledger).

    PRT is drawn in blue, placebo in orange, usual care in grey.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = new_figure(6.5, 3.8)
    for k, arm in enumerate(ARMS):
        means = [published.get(f"tsk11.{t}.{arm}.mean") for t in ("baseline", "post")]
        sds = [published.get(f"tsk11.{t}.{arm}.sd") for t in ("baseline", "post")]
        x = np.array([0.0, 1.0]) + (k - 1) * 0.04
        ax.errorbar(x, means, yerr=sds, marker="o", capsize=4, linewidth=2,
                    color=ARM_COLORS[arm], label=ARM_SHORT_LABELS[arm])
    ax.set_xticks([0, 1])
    ax.set_xticklabels(["Before treatment", "After treatment"])
    ax.set_xlim(-0.3, 1.3)
    ax.set_ylim(published.get("tsk11.scale_min"), published.get("tsk11.scale_max"))
    ax.set_ylabel("TSK-11 score (11-44)")
    ax.set_title("Fear-of-movement beliefs by arm (mean ± 1 SD)", fontsize=12)
    ax.legend(frameon=False)
    return fig


def file_against_table2(comparison):
    """Mean pain by arm before and after treatment: the public file (solid) and Table 2 (dashed).

    Parameters
    ----------
    comparison : pandas.DataFrame
        Indexed by arm, with columns "file mean" and "Table 2 mean", each holding the two
        means (before, after).

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = new_figure(7, 4)
    for arm in ARMS:
        ax.plot([0, 1], comparison.loc[arm, "file mean"], "-o", color=ARM_COLORS[arm],
                linewidth=2, label=f"{_ARM_WORDS[arm]}, file")
        ax.plot([0, 1], comparison.loc[arm, "Table 2 mean"], "--s", color=ARM_COLORS[arm],
                linewidth=1.5, label=f"{_ARM_WORDS[arm]}, Table 2")
    ax.set_xticks([0, 1], ["before treatment", "after treatment"])
    ax.set_xlim(-0.3, 1.3)
    ax.set_ylim(0, 5)
    ax.set_ylabel("Mean pain (0-10 points)")
    ax.legend(ncols=2, fontsize=10, loc="lower left")
    ax.set_title("Mean pain by arm: the public file and Table 2")
    return fig
