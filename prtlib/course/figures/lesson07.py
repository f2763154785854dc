"""Lesson 07's static figures: the haemodynamic response, the evoked-pain task and its
regressors, and the false positives of a null brain under four thresholds.

Each function returns a matplotlib Figure (shown by Jupyter when it ends a cell).
"""

from __future__ import annotations

import numpy as np

from prtlib.course.plotting import HIGHLIGHT, OKABE_ITO, new_figure

LEVEL_COLORS = ("#CFE3F3", "#8DBFE3", "#3E8DC9", "#0B4F8A")
"""One colour per inflation level of the bladder (1-4), light to dark."""


def hrf_figure(stimulation_s: float = 15.0):
    """The canonical HRF and the response it predicts to one inflation of the bladder.

    Left: the response to a brief burst of neural activity, on a fine time grid, with the
    samples the scanner takes at the trial's TR. Right: the predicted BOLD response to a
    sustained stimulation of ``stimulation_s`` seconds (a teaching assumption: the paper
    does not give the inflation time), i.e. the design regressor of a single trial.
    """
    import pandas as pd

    from prtlib.stats import fmri
    from prtlib.trial import scanning

    tr = scanning.protocol().tr_s
    fine = 50
    h_fine = fmri.hrf(tr, 32.0, fine)
    t_fine = np.arange(h_fine.size) * tr / fine
    h_tr = fmri.hrf(tr)
    t_tr = np.arange(h_tr.size) * tr
    one = pd.DataFrame({"onset": [5.0], "duration": [stimulation_s], "trial_type": ["pain"]})
    x = fmri.design_matrix(one, n_scans=int(60 / tr), tr=tr, parametric=False,
                           drift_model=None)["pain"]

    fig, (left, right) = new_figure(9.5, 3.6, ncols=2)
    left.plot(t_fine, h_fine / h_fine.max(), color=OKABE_ITO["blue"], linewidth=2.5,
              label="canonical HRF")
    left.plot(t_tr, h_tr / h_tr.max(), "o", color=OKABE_ITO["orange"], markersize=3,
              label=f"one scan every {tr:g} s")
    left.axhline(0, color="#777777", linewidth=0.8)
    peak = t_fine[np.argmax(h_fine)]
    left.annotate(f"peak ≈ {peak:.1f} s", xy=(peak, 1), xytext=(peak + 5, 0.55),
                  arrowprops={"arrowstyle": "->", "color": "#555555"}, fontsize=11)
    left.set_xlim(0, 30)
    left.set_xlabel("Time after a brief burst of activity (s)")
    left.set_ylabel("BOLD response (relative)")
    left.set_title("The haemodynamic response")
    left.legend(frameon=False, fontsize=10, loc="upper right")
    right.axvspan(5, 5 + stimulation_s, color=LEVEL_COLORS[1], alpha=0.6, linewidth=0,
                  label=f"bladder inflated ({stimulation_s:g} s)")
    right.plot(x.index, x.to_numpy(), color=OKABE_ITO["blue"], linewidth=2.5,
               label="predicted BOLD")
    right.axhline(0, color="#777777", linewidth=0.8)
    right.set_xlim(0, 60)
    right.set_xlabel("Time (s)")
    right.set_ylabel("Predicted signal (regressor units)")
    right.set_title("One inflation: a delayed, smoothed response")
    right.legend(frameon=False, fontsize=10, loc="upper right")
    return fig


def task_figure(seed: int = 0, n_show: int = 5):
    """The first ``n_show`` trials of the evoked-pain run and the regressors they give.

    Top: inflation periods coloured by level, and rating periods. Bottom: the task
    regressor (response to every inflation), the parametric regressor (extra response to
    stronger inflation, mean-centred) and the rating regressor.
    """
    from matplotlib.patches import Patch

    from prtlib.trial import scanning

    events = scanning.task_events(seed=seed)
    design = scanning.design_matrix(events)
    trial_s = scanning.protocol().trial_s
    end = n_show * trial_s
    fig, (top, bottom) = new_figure(9.5, 4.6, nrows=2, sharex=True,
                                    gridspec_kw={"height_ratios": [1, 2.2]})
    for row in events[events.onset < end].itertuples(index=False):
        if row.trial_type == "pain":
            top.axvspan(row.onset, row.onset + row.duration, ymin=0.05, ymax=0.05 + 0.17
                        * row.level, color=LEVEL_COLORS[row.level - 1], linewidth=0)
            top.text(row.onset + row.duration / 2, 0.95, f"level {row.level}", ha="center",
                     va="top", fontsize=9, transform=top.get_xaxis_transform())
        else:
            top.axvspan(row.onset, row.onset + row.duration, ymin=0.05, ymax=0.35,
                        color=OKABE_ITO["orange"], alpha=0.7, linewidth=0)
    top.set_yticks([])
    top.set_ylabel("Events")
    handles = [Patch(color=c, label=f"level {i + 1}") for i, c in enumerate(LEVEL_COLORS)]
    handles.append(Patch(color=OKABE_ITO["orange"], alpha=0.7, label="rating"))
    top.legend(handles=handles, ncol=5, frameon=False, fontsize=9, loc="lower center",
               bbox_to_anchor=(0.5, 1.0))
    window = design.index < end
    t = design.index[window]
    bottom.plot(t, design.loc[window, "pain"], color=OKABE_ITO["blue"], linewidth=2.2,
                label="pain (every inflation)")
    bottom.plot(t, design.loc[window, "pain_x_level"], color=OKABE_ITO["vermillion"],
                linewidth=2.2, label="pain × level (centred)")
    bottom.plot(t, design.loc[window, "rating"], color=OKABE_ITO["orange"], linewidth=1.6,
                linestyle="--", label="rating")
    bottom.axhline(0, color="#777777", linewidth=0.8)
    bottom.set_xlim(0, end)
    bottom.set_xlabel("Time in the run (s)")
    bottom.set_ylabel("Regressor value")
    bottom.legend(frameon=False, fontsize=10, ncol=3, loc="upper right")
    return fig


def false_positive_figure(table):
    """Bars of the share of null brains with at least one false positive, by method.

    ``table`` is :func:`prtlib.stats.fmri.false_positive_rates`.
    """
    names = {"uncorrected": "uncorrected", "bonferroni": "Bonferroni (FWE)",
             "fdr_bh": "FDR (BH)", "permutation max-|t|": "permutation (FWE)"}
    fig, ax = new_figure(7.5, 3.4)
    labels = [names.get(m, m) for m in table["method"]]
    rates = table["familywise_error_rate"].to_numpy()
    colors = [HIGHLIGHT if m == "uncorrected" else OKABE_ITO["blue"] for m in table["method"]]
    bars = ax.bar(labels, rates, color=colors)
    for bar, rate, mean in zip(bars, rates, table["mean_false_positives"], strict=True):
        ax.text(bar.get_x() + bar.get_width() / 2, rate + 0.08,
                f"{rate:.0%}\n({mean:.2g} per brain)", ha="center", va="bottom", fontsize=10)
    level = float(table.loc[table["method"] != "uncorrected", "level"].iloc[0])
    ax.axhline(level, color="#555555", linestyle="--", linewidth=1,
               label=f"promised by FWE methods: {level:.0%}")
    ax.legend(frameon=False, fontsize=10, loc="upper right")
    ax.set_ylim(0, 1.25)
    ax.set_ylabel("Null brains with ≥ 1 false positive")
    ax.set_title(f"{int(table['n_brains'].iloc[0])} simulated studies with no true effect")
    return fig
