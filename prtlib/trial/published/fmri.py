"""The ledger's fMRI facts, and the peaks (eTable 7) and connectivity changes (eTable 8)."""

from __future__ import annotations

from prtlib.trial.constants import COMPARISON_LABELS, COMPARISONS


def fmri_results(add) -> None:
    """fMRI: Methods, Results text, eTable 8 and the Abstract's claim."""
    add("fmri.sessions", "pre and post", "Methods", text=True,
        note="Scans before and after treatment, about 1 month apart.")
    add("fmri.field_tesla", "3", "Methods", unit="T", note="Siemens Prisma scanner.")
    add("fmri.scanner", "Siemens Prisma", "Methods", text=True, note="3 T scanner model.")
    add("fmri.tr_ms", "460", "Methods", unit="ms", note="Repetition time, multiband EPI.")
    add("fmri.voxel_mm", "2.7", "Methods", unit="mm", note="Voxel size (isotropic edge).")
    add("fmri.space", "MNI152NLin2009cAsym", "Methods", text=True,
        note="Standard space of the coordinates in eTables 7-8.")
    add("fmri.evoked.levels", "4", "Methods", unit="levels",
        note="Inflation levels of the pneumatic bladder under the lower back.")
    add("fmri.evoked.trials", "20", "Methods", unit="trials", note="Evoked-pain trials.")
    add("fmri.evoked.trial_s", "37", "Methods", unit="s", note="Length of each trial.")
    add("fmri.evoked.rating_max", "100", "Methods", unit="points",
        note="Pain rated 0-100 after each trial.")
    add("fmri.evoked.baseline_rating.level1", "32.15", "fMRI Methods/Results",
        unit="points (0-100)",
        note="Mean baseline rating of evoked back pain at inflation level 1 of 4; the facts file "
             "does not name the section.")
    add("fmri.evoked.baseline_rating.level2", "37.91", "fMRI Methods/Results",
        unit="points (0-100)",
        note="Mean baseline rating of evoked back pain at inflation level 2 of 4; the facts file "
             "does not name the section.")
    add("fmri.evoked.baseline_rating.level3", "46.70", "fMRI Methods/Results",
        unit="points (0-100)",
        note="Mean baseline rating of evoked back pain at inflation level 3 of 4; the facts file "
             "does not name the section.")
    add("fmri.evoked.baseline_rating.level4", "52.73", "fMRI Methods/Results",
        unit="points (0-100)",
        note="Mean baseline rating of evoked back pain at inflation level 4 of 4; the facts file "
             "does not name the section.")
    add("fmri.spontaneous.minutes", "8", "Methods", unit="minutes",
        note="Spontaneous-pain (resting) scan length.")
    add("fmri.localizer.fdr_q", ".05", "Methods", unit="probability",
        note="FDR threshold of the evoked-pain localizer within the a priori mask (medial "
             "prefrontal, posteromedial, insula, cingulate, S1/S2, amygdala, accumbens).")
    add("fmri.roi.alpha_one_tailed", ".05", "Methods", unit="probability",
        note="Group x time tests in the localizer regions were one-tailed at p < .05.")
    add("fmri.whole_brain.result", "nothing survived correction", "Results text", text=True,
        note="No whole-brain corrected effect; the fMRI results rest on the ROI approach.")
    add("fmri.roi.amcc.prt_vs_placebo.t", "-1.73", "Results text", unit="t",
        note="Group x time reduction of evoked-pain response in anterior midcingulate, PRT vs "
             "placebo.")
    add("fmri.roi.amcc.prt_vs_placebo.df", "133.48", "Results text", unit="df",
        note="Degrees of freedom of fmri.roi.amcc.prt_vs_placebo.t.")
    add("fmri.roi.amcc.prt_vs_placebo.p", ".04", "Results text", unit="probability",
        note="One-tailed p of fmri.roi.amcc.prt_vs_placebo.t.")
    add("fmri.roi.apfc.prt_vs_placebo.t", "-1.85", "Results text", unit="t",
        note="Group x time reduction of evoked-pain response in anterior prefrontal cortex, PRT "
             "vs placebo.")
    add("fmri.roi.apfc.prt_vs_placebo.df", "133.48", "Results text", unit="df",
        note="Degrees of freedom of fmri.roi.apfc.prt_vs_placebo.t.")
    add("fmri.roi.apfc.prt_vs_placebo.p", ".03", "Results text", unit="probability",
        note="One-tailed p of fmri.roi.apfc.prt_vs_placebo.t.")
    add("fmri.roi.left_ains.prt_vs_usual_care.t", "-2.34", "Results text", unit="t",
        note="Group x time reduction of evoked-pain response in left anterior insula, PRT vs "
             "usual care.")
    add("fmri.roi.left_ains.prt_vs_usual_care.df", "120.1", "Results text", unit="df",
        note="Degrees of freedom of fmri.roi.left_ains.prt_vs_usual_care.t.")
    add("fmri.roi.left_ains.prt_vs_usual_care.p", ".01", "Results text", unit="probability",
        note="One-tailed p of fmri.roi.left_ains.prt_vs_usual_care.t.")
    add("g.scanner_evoked.post.prt_vs_placebo", "-0.60", "fMRI Methods/Results", unit="Hedges g",
        note="Hedges g on evoked pain rated in the scanner, pre to post, PRT vs placebo.")
    add("g.scanner_evoked.post.prt_vs_placebo.ci_low", "-1.06", "fMRI Methods/Results",
        unit="Hedges g", note="Lower end of the 95% CI of g.scanner_evoked.post.prt_vs_placebo.")
    add("g.scanner_evoked.post.prt_vs_placebo.ci_high", "-0.16", "fMRI Methods/Results",
        unit="Hedges g", note="Upper end of the 95% CI of g.scanner_evoked.post.prt_vs_placebo.")
    add("g.scanner_evoked.post.prt_vs_usual_care", "-0.99", "fMRI Methods/Results", unit="Hedges g",
        note="Hedges g on evoked pain rated in the scanner, pre to post, PRT vs usual care.")
    add("g.scanner_evoked.post.prt_vs_usual_care.ci_low", "-1.50", "fMRI Methods/Results",
        unit="Hedges g", note="Lower end of the 95% CI of g.scanner_evoked.post.prt_vs_usual_care.")
    add("g.scanner_evoked.post.prt_vs_usual_care.ci_high", "-0.55", "fMRI Methods/Results",
        unit="Hedges g", note="Upper end of the 95% CI of g.scanner_evoked.post.prt_vs_usual_care.")
    add("g.scanner_spontaneous.post.prt_vs_placebo", "-0.92", "fMRI Methods/Results",
        unit="Hedges g",
        note="Hedges g on spontaneous pain rated in the scanner, pre to post, PRT vs placebo.")
    add("g.scanner_spontaneous.post.prt_vs_placebo.ci_low", "-1.44", "fMRI Methods/Results",
        unit="Hedges g",
        note="Lower end of the 95% CI of g.scanner_spontaneous.post.prt_vs_placebo.")
    add("g.scanner_spontaneous.post.prt_vs_placebo.ci_high", "-0.47", "fMRI Methods/Results",
        unit="Hedges g",
        note="Upper end of the 95% CI of g.scanner_spontaneous.post.prt_vs_placebo.")
    add("g.scanner_spontaneous.post.prt_vs_usual_care", "-1.11", "fMRI Methods/Results",
        unit="Hedges g",
        note="Hedges g on spontaneous pain rated in the scanner, pre to post, PRT vs usual care.")
    add("g.scanner_spontaneous.post.prt_vs_usual_care.ci_low", "-1.66", "fMRI Methods/Results",
        unit="Hedges g",
        note="Lower end of the 95% CI of g.scanner_spontaneous.post.prt_vs_usual_care.")
    add("g.scanner_spontaneous.post.prt_vs_usual_care.ci_high", "-0.66", "fMRI Methods/Results",
        unit="Hedges g",
        note="Upper end of the 95% CI of g.scanner_spontaneous.post.prt_vs_usual_care.")
    # eTable 8's clusters per seed and comparison, counted from _CONNECTIVITY.
    for key, seed, cmp in (
        ("fmri.connectivity.ains.prt_vs_placebo.clusters", "aIns", "prt_vs_placebo"),
        ("fmri.connectivity.ains.prt_vs_usual_care.clusters", "aIns", "prt_vs_usual_care"),
        ("fmri.connectivity.apfc.prt_vs_placebo.clusters", "aPFC", "prt_vs_placebo"),
        ("fmri.connectivity.apfc.prt_vs_usual_care.clusters", "aPFC", "prt_vs_usual_care"),
        ("fmri.connectivity.amcc.prt_vs_placebo.clusters", "aMCC", "prt_vs_placebo"),
        ("fmri.connectivity.amcc.prt_vs_usual_care.clusters", "aMCC", "prt_vs_usual_care"),
    ):
        _add_clusters(add, key, seed, cmp)
    add("fmri.connectivity.abstract_claim",
        "aPFC and aIns connectivity to S1 increased relative to both control groups", "Abstract",
        uses=False, text=True,
        note="Paraphrase of the abstract's claim; per seed, eTable 8 shows no surviving cluster "
             "for aPFC vs usual care (see inconsistencies()).")


def _add_clusters(add, key: str, seed: str, cmp: str) -> None:
    """One eTable 8 fact: the clusters surviving for a seed and comparison (_CONNECTIVITY)."""
    summary = {(s, c): (n, regions) for s, c, n, regions in _CONNECTIVITY_SUMMARY}
    n_clusters, regions = summary[(seed, cmp)]
    label = COMPARISON_LABELS[cmp]
    add(key, str(n_clusters), "eTable 8", unit="clusters",
        note=(f"Surviving clusters of connectivity change from the {seed} seed, {label}: "
              + (regions or "none") + "."))


# eTable 8, one row per surviving cluster, plus one row for each seed/comparison pair with
# none: (seed, comparison, target, hemisphere, x, y, z, Z, p)
_CONNECTIVITY = (
    ("aIns", "prt_vs_placebo", "BA2", "R", 46, -26, 42, "3.55", ".04"),
    ("aIns", "prt_vs_usual_care", "BA3b", "R", 40, -22, 56, "3.58", ".03"),
    ("aPFC", "prt_vs_placebo", "BA3b", "L", -56, -16, 46, "3.90", ".02"),
    ("aPFC", "prt_vs_placebo", "BA1", "R", 54, -12, 48, "3.91", ".03"),
    ("aPFC", "prt_vs_usual_care", None, None, None, None, None, None, None),
    ("aMCC", "prt_vs_placebo", None, None, None, None, None, None, None),
    ("aMCC", "prt_vs_usual_care", "precuneus", None, 0, -64, 36, "4.23", ".01"),
)


def _connectivity_summary():
    out = []
    for seed in ("aIns", "aPFC", "aMCC"):
        for cmp in COMPARISONS:
            rows = [r for r in _CONNECTIVITY if r[0] == seed and r[1] == cmp and r[2]]
            regions = ", ".join(f"{r[2]}{' ' + r[3] if r[3] else ''}" for r in rows)
            out.append((seed, cmp, len(rows), regions))
    return tuple(out)


_CONNECTIVITY_SUMMARY = _connectivity_summary()

# eTable 7: region, hemisphere (None where the facts give none), x, y, z
_PEAKS = (
    ("aMCC (BA32)", None, -1, 31, 34),
    ("anterior insula", "L", -29, 29, 3),
    ("lateral PFC (BA 9/46d)", "L", -26, 50, 22),
    ("S1", "R", 35, -30, 57),
    ("S1/S2", "L", -34, -27, 60),
    ("precuneus/posterior cingulate", None, 1, -34, 45),
    ("amygdala", None, 19, 5, -13),
)


def fmri_peaks():
    """Return the peaks of the evoked-pain localizer (supplement eTable 7).

    Returns
    -------
    pandas.DataFrame
        Columns ``region``, ``hemisphere`` (``"L"``, ``"R"`` or missing where the table
        gives none), ``x``, ``y``, ``z`` (MNI152NLin2009cAsym, mm) and ``source``.

    Notes
    -----
    The localizer found voxels whose response tracked evoked back pain (FDR q < .05
    within an a priori mask); these peaks define the regions of interest. In MNI space
    x < 0 is left, x > 0 right [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Supplement 2, eTable 7.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> peaks = fmri_peaks()
    >>> peaks.shape
    (7, 6)
    >>> peaks.loc[0, "region"], peaks.loc[0, ["x", "y", "z"]].astype(int).tolist()
    ('aMCC (BA32)', [-1, 31, 34])
    """
    import pandas as pd

    frame = pd.DataFrame(list(_PEAKS), columns=["region", "hemisphere", "x", "y", "z"])
    frame["hemisphere"] = frame["hemisphere"].astype("string")
    frame["source"] = "eTable 7"
    return frame


def fmri_connectivity():
    """Return the changes in functional connectivity after PRT (supplement eTable 8).

    Returns
    -------
    pandas.DataFrame
        One row per surviving cluster and one row for each seed/comparison pair with no
        surviving cluster (``cluster`` False, coordinates and statistics missing).
        Columns ``seed``, ``comparison``, ``target_region``, ``hemisphere``, ``x``, ``y``,
        ``z`` (MNI, mm; nullable integers), ``Z``, ``p``, ``cluster`` (bool), ``source``
        and ``note``.

    Notes
    -----
    Each row is a post minus pre change in connectivity of the seed, PRT vs a control
    arm, tested with TFCE permutation tests within S1 and default-mode masks [1]_. Seeds:
    aIns (anterior insula), aPFC (anterior prefrontal cortex), aMCC (anterior
    midcingulate).

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Supplement 2, eTable 8.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> conn = fmri_connectivity()
    >>> int(conn["cluster"].sum()), len(conn)
    (5, 7)
    >>> conn[~conn["cluster"]][["seed", "comparison"]].values.tolist()
    [['aPFC', 'prt_vs_usual_care'], ['aMCC', 'prt_vs_placebo']]
    """
    import pandas as pd

    rows = []
    for seed, cmp, target, hemi, x, y, z, zval, p in _CONNECTIVITY:
        found = target is not None
        rows.append({
            "seed": seed,
            "comparison": cmp,
            "target_region": target,
            "hemisphere": hemi,
            "x": x,
            "y": y,
            "z": z,
            "Z": float(zval) if found else float("nan"),
            "p": float(p) if found else float("nan"),
            "cluster": found,
            "source": "eTable 8",
            "note": "" if found else "no cluster survived for this seed and comparison",
        })
    frame = pd.DataFrame(rows)
    for col in ("x", "y", "z"):
        frame[col] = frame[col].astype("Int64")
    for col in ("target_region", "hemisphere"):
        frame[col] = frame[col].astype("string")
    return frame
