"""Where the paper (or its coverage) gives two versions of a number, and why the course picks one.

Each row names the ledger keys that hold the versions, what differs, the keys the course
quotes and why; :mod:`prtlib.trial.inconsistencies` checks each one against the ledger.
"""

from __future__ import annotations

from prtlib.trial.published.facts import FACTS

_INCONSISTENCIES = (
    (
        "news_randomized",
        "Who was randomized",
        ("news_summary.claimed_randomized.prt", "news_summary.claimed_randomized.placebo",
         "news_summary.claimed_randomized.usual_care", "n.randomized.prt",
         "n.randomized.placebo", "n.randomized.usual_care", "responders.pain01.post.prt",
         "responders.pain01.post.placebo", "responders.pain01.post.usual_care"),
        "A news summary gave 33, 10 and 5 as the numbers randomized to each arm; Figure 1 "
        "shows 50, 51 and 50 randomized, and 33, 10 and 5 are the participants with pain 0 "
        "or 1 at post-treatment (66%, 20%, 10% of those randomized).",
        ("n.randomized.prt", "n.randomized.placebo", "n.randomized.usual_care",
         "responders.pain01.post.prt", "responders.pain01.post.placebo",
         "responders.pain01.post.usual_care"),
        "The paper's flow diagram is the record of randomization; the summary swapped a "
        "numerator for a denominator.",
    ),
    (
        "g_post_usual_care",
        "Primary effect size, PRT vs usual care",
        ("g.pain.post.prt_vs_usual_care", "g.pain.post.prt_vs_usual_care.text"),
        "Table 2 prints -1.75; the abstract and Results text print -1.74 (with 95% CI -2.28 "
        "to -1.32).",
        ("g.pain.post.prt_vs_usual_care",),
        "Table 2 gives every g with its SE at every time point, so the course quotes one "
        "consistent table; the 0.01 gap is a rounding-level discrepancy and the text's CI is "
        "quoted with the text's -1.74 when a CI is needed.",
    ),
    (
        "study_dates",
        "Study dates",
        ("dates.abstract.start", "dates.abstract.end", "dates.methods.start",
         "dates.methods.end"),
        "The abstract gives November 2017 to August 2018; Methods gives August 2017 to "
        "November 2018: the same two months with start and end swapped.",
        ("dates.methods.start", "dates.methods.end"),
        "Methods is the detailed account and its span contains the abstract's; the course "
        "quotes it and shows both as a reading exercise, since the paper alone cannot "
        "settle which is right.",
    ),
    (
        "odi_12mo_g",
        "Disability at 12 months, PRT vs placebo",
        ("g.odi.12mo.prt_vs_placebo", "g.odi.12mo.prt_vs_placebo.p_below"),
        "Table 2 prints g = -0.23 with no SE yet P < .001, unlike every other g in the table.",
        ("odi.12mo.prt.mean", "odi.12mo.prt.sd", "odi.12mo.placebo.mean",
         "odi.12mo.placebo.sd"),
        "A g that small could hardly give P < .001 with about 45 people per arm; the course "
        "quotes the 12-month means and SDs and lets learners compute their own effect size.",
    ),
    (
        "etable6_pcs",
        "Pain catastrophizing in eTable 6",
        ("etable6.pcs_rows", "mediation.pcs.result"),
        "The eTable 6 rows labelled Pain Catastrophizing Scale repeat the PANAS "
        "negative-affect numbers.",
        ("mediation.pcs.result",),
        "Duplicated rows cannot be PCS results; the course quotes no PCS numbers from eTable "
        "6 and only says that PCS did not mediate.",
    ),
    (
        "etable5_sign",
        "Sign of mediation path a",
        ("mediation.etable5_row.tsk11_12mo.a", "mediation.tsk11.12mo.a",
         "mediation.tsk11.1mo.a"),
        "The eTable 5 row labelled TSK-11 at 12 months prints path a as +0.93, while the "
        "neighbouring path-a entries are negative (-1.41 at 12 months, -1.34 at 1 month).",
        ("mediation.tsk11.12mo.a", "mediation.tsk11.1mo.a"),
        "PRT lowered both TSK-11 (post 16.41 vs 22.16 on placebo) and pain, so a path a "
        "from PRT vs placebo to the change in either should be negative; the course quotes "
        "the negative paths and flags the +0.93 as a likely sign error.",
    ),
    (
        "connectivity_claim",
        "Connectivity to S1 'vs both control groups'",
        ("fmri.connectivity.abstract_claim", "fmri.connectivity.apfc.prt_vs_placebo.clusters",
         "fmri.connectivity.apfc.prt_vs_usual_care.clusters",
         "fmri.connectivity.ains.prt_vs_placebo.clusters",
         "fmri.connectivity.ains.prt_vs_usual_care.clusters"),
        "The abstract says aPFC and aIns connectivity to S1 rose relative to both control "
        "groups; per seed, eTable 8 lists no surviving cluster for aPFC vs usual care.",
        ("fmri.connectivity.apfc.prt_vs_placebo.clusters",
         "fmri.connectivity.apfc.prt_vs_usual_care.clusters",
         "fmri.connectivity.ains.prt_vs_placebo.clusters",
         "fmri.connectivity.ains.prt_vs_usual_care.clusters"),
        "The table is the more specific source; the course reports connectivity per seed and "
        "comparison, as fmri_connectivity() does.",
    ),
    (
        "change_score_g",
        "Which g Table 2 reports",
        ("g.pain.post.prt_vs_placebo", "g.pain.post.prt_vs_placebo.post_only",
         "g.pain.post.prt_vs_usual_care", "g.pain.post.prt_vs_usual_care.post_only"),
        "Table 2's g is a change-score g (difference in change from baseline); computing g "
        "from the post-treatment means and SDs alone gives about -1.13 and -1.43 instead of "
        "-1.14 and -1.75.",
        ("g.pain.post.prt_vs_placebo", "g.pain.post.prt_vs_usual_care"),
        "The course quotes the paper's change-score g and always names it as such; the "
        "post-only g is a teaching contrast (usual care started lower at baseline, which "
        "changes the two g's by different amounts).",
    ),
    (
        "public_data_baseline",
        "Baseline in the public data",
        ("pain.baseline.prt.mean", "pain.baseline.placebo.mean", "pain.baseline.usual_care.mean",
         "public_data.pain.baseline.prt.mean", "public_data.pain.baseline.placebo.mean",
         "public_data.pain.baseline.usual_care.mean", "g.pain.post.prt_vs_placebo",
         "public_data.g.pain.post.prt_vs_placebo"),
        "Table 2's baseline averages two pre-randomization sessions (4.22, 4.16, 3.91); the "
        "public file holds one pre session (3.94, 3.80, 3.60), so change-score g's from the "
        "file (about -1.15, -1.78) differ slightly from Table 2. (From the facts file's "
        "section on the public data, not its list of inconsistencies.)",
        ("pain.baseline.prt.mean", "pain.baseline.placebo.mean", "pain.baseline.usual_care.mean",
         "public_data.pain.baseline.prt.mean", "public_data.pain.baseline.placebo.mean",
         "public_data.pain.baseline.usual_care.mean", "g.pain.post.prt_vs_placebo",
         "public_data.g.pain.post.prt_vs_placebo"),
        "Both: the course quotes Table 2 for the published trial and the public file for "
        "analyses learners run themselves, and says which is which.",
    ),
)


def _check_inconsistency_keys() -> None:
    for row in _INCONSISTENCIES:
        for key in (*row[2], *row[4]):
            if key not in FACTS:
                raise RuntimeError(f"inconsistency {row[0]!r} names unknown key {key!r}")


_check_inconsistency_keys()


def inconsistencies():
    """List the places where the paper (or its coverage) gives two versions of a number.

    Returns
    -------
    pandas.DataFrame
        One row per inconsistency, columns ``id``, ``topic``, ``versions`` (tuple of ledger
        keys holding the versions), ``what_differs``, ``course_uses`` (tuple of the keys the
        course quotes) and ``why``.

    Notes
    -----
    Each version is a ledger key with its own source, so a lesson can show both and cite
    each. Keys listed in ``versions`` have ``course_uses`` True in :func:`ledger` exactly
    when they are in this table's ``course_uses``.

    Examples
    --------
    >>> from prtlib.trial.published import cite
    >>> table = inconsistencies()
    >>> row = table.set_index("id").loc["g_post_usual_care"]
    >>> [cite(k) for k in row["versions"]]
    ['-1.75 (Table 2)', '-1.74 (Abstract; Results text)']
    >>> row["course_uses"]
    ('g.pain.post.prt_vs_usual_care',)
    """
    import pandas as pd

    columns = ["id", "topic", "versions", "what_differs", "course_uses", "why"]
    return pd.DataFrame([dict(zip(columns, r, strict=True)) for r in _INCONSISTENCIES],
                        columns=columns)
