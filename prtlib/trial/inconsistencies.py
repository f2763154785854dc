"""The paper's inconsistencies, each checked against the ledger: what differs and what it changes.

:func:`prtlib.trial.published.inconsistencies` lists each place where the paper (or its
coverage) gives two versions of a number. Here :func:`check_inconsistency` recomputes what
a careful reader can from the published numbers (the gap in standard errors, the SE a P
value needs, a post-only g, the surviving clusters per seed, ...), :func:`check_all` does
it for every one, and :func:`report` prints them as plain text. Lesson 09 reads them.

Every trial number comes from :mod:`prtlib.trial.published`; nothing is typed in twice.

References
----------
.. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23 and Supplement 2.
   doi:10.1001/jamapsychiatry.2021.2669
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import textwrap
from dataclasses import dataclass, field

from prtlib import _validate
from prtlib.trial.constants import ARMS
from prtlib.trial.evidence import news_misreading, precision_check, read_interval
from prtlib.trial.published.discrepancies import inconsistencies
from prtlib.trial.published.fmri import fmri_connectivity
from prtlib.trial.published.lookup import fact, get

__all__ = ["InconsistencyCheck", "check_all", "check_inconsistency", "report"]


@dataclass(frozen=True)
class InconsistencyCheck:
    """One inconsistency of :func:`prtlib.trial.published.inconsistencies`, checked by code.

    Attributes
    ----------
    id, topic : str
        As in :func:`prtlib.trial.published.inconsistencies`.
    versions : tuple of str
        Each version, cited: ``"key = printed (source)"``.
    evidence : dict
        Named numbers (or facts) that the check computed from the ledger.
    verdict : str
        What the check shows, in one or two sentences.
    changes : str
        Which conclusion, if any, the inconsistency changes.
    course_uses : tuple of str
        The keys the course quotes.
    differs : str
        What the versions say, in one or two sentences built from the ledger's printed
        values (so that a reader sees the numbers, not only the topic).
    """

    id: str
    topic: str
    versions: tuple
    evidence: dict = field(repr=False)
    verdict: str = ""
    changes: str = ""
    course_uses: tuple = ()
    differs: str = ""


def _cite(key: str) -> str:
    f = fact(key)
    return f"{key} = {f.printed} ({f.source})"


def _news():
    m = news_misreading()
    return ({"claimed_total": m.claimed_total, "randomized_total": m.randomized_total,
             "left_out": m.left_out, "chi2": m.chi2, "p_value": m.p_value,
             **{f"response_percent.{a}": m.response_percent[a] for a in m.arms}},
            f"Read as arm sizes, 33/10/5 would leave {m.left_out} of the "
            f"{m.randomized_total} randomized out, make every arm's responder rate 100%, "
            f"and imply an allocation that equal-probability randomization gives with "
            f"p = {m.p_value:.1e} (chi-square {m.chi2:.1f}, 2 df). Read correctly, "
            f"{m.response_percent['prt']:.0f}%, {m.response_percent['placebo']:.0f}% and "
            f"{m.response_percent['usual_care']:.0f}% of the PRT, placebo and usual-care arms "
            "ended with pain 0 or 1.")


def _g_uc():
    table = get("g.pain.post.prt_vs_usual_care")
    text = get("g.pain.post.prt_vs_usual_care.text")
    se = get("g.pain.post.prt_vs_usual_care.se")
    ci = read_interval(get("g.pain.post.prt_vs_usual_care.text.ci_low"),
                       get("g.pain.post.prt_vs_usual_care.text.ci_high"))
    gap = abs(table - text)
    return ({"table": table, "text": text, "gap": gap, "se": se, "gap_in_se": gap / se,
             "ci": ci.ci, "ci_se": ci.se, "ci_midpoint": ci.midpoint},
            f"The two versions differ by {gap:.2f}, which is {gap / se:.2f} standard errors "
            f"(SE {se:.2f}); the printed interval implies an SE of {ci.se:.3f}, consistent "
            "with Table 2. A rounding-level difference.")


def _dates():
    def months(key):
        year, month = (int(x) for x in str(get(key)).split("-"))
        return 12 * year + month

    a0, a1 = months("dates.abstract.start"), months("dates.abstract.end")
    m0, m1 = months("dates.methods.start"), months("dates.methods.end")
    swapped = {a0 % 12, a1 % 12} == {m0 % 12, m1 % 12} and (a0, a1) != (m0, m1)
    return ({"abstract_months": a1 - a0, "methods_months": m1 - m0,
             "months_swapped": swapped, "abstract_inside_methods": m0 <= a0 and a1 <= m1},
            f"The abstract's period spans {a1 - a0} months and the Methods' {m1 - m0}; the "
            "start and end months are the same pair, swapped, and the abstract's period "
            "lies inside the Methods'.")


def _odi():
    g = get("g.odi.12mo.prt_vs_placebo")
    p = get("g.odi.12mo.prt_vs_placebo.p_below")
    n1 = get("n.monitored.12mo.prt")
    n2 = get("n.monitored.12mo.placebo")
    check = precision_check(g, p, n1, n2)
    from prtlib.stats.effect_sizes import hedges_g_from_summary

    from_means = hedges_g_from_summary(get("odi.12mo.prt.mean"), get("odi.12mo.prt.sd"), n1,
                                       get("odi.12mo.placebo.mean"),
                                       get("odi.12mo.placebo.sd"), n2)
    return ({"g": g, "p_below": p, "n1": n1, "n2": n2, "se_needed": check.se_needed,
             "se_given_n": check.se_given_n, "p_given_n": check.p_given_n,
             "n_per_group_needed": check.n_per_group_needed,
             "g_from_12mo_means": from_means.estimate, "se_from_12mo_means": from_means.se},
            f"P < .001 needs SE <= {check.se_needed:.3f} for g = {g:g}; with {n1} and {n2} "
            f"people the SE is about {check.se_given_n:.2f}, which gives P = "
            f"{check.p_given_n:.2f} (about {math.ceil(check.n_per_group_needed)} per arm would "
            f"be needed). The 12-month means and SDs alone give g = "
            f"{from_means.estimate:.2f}. The printed -0.23 fits neither.")


def _pcs():
    row = fact("etable6.pcs_rows")
    return ({"course_uses_pcs_rows": row.course_uses, "pcs_mediated": get(
             "mediation.pcs.result")},
            "The rows labelled Pain Catastrophizing Scale repeat the PANAS negative-affect "
            "rows, so they cannot be PCS results; the ledger keeps no PCS numbers from "
            "eTable 6.")


def _sign():
    change = {a: get(f"tsk11.post.{a}.mean") - get(f"tsk11.baseline.{a}.mean")
              for a in ("prt", "placebo")}
    row = get("mediation.etable5_row.tsk11_12mo.a")
    return ({"tsk11_change.prt": change["prt"], "tsk11_change.placebo": change["placebo"],
             "difference": change["prt"] - change["placebo"],
             "a.1mo": get("mediation.tsk11.1mo.a"), "a.12mo": get("mediation.tsk11.12mo.a"),
             "row_a": row},
            f"TSK-11 fell {-change['prt']:.2f} points with PRT and {-change['placebo']:.2f} "
            f"with placebo, so a path a from PRT vs placebo to the change in TSK-11 should be "
            f"negative, as its neighbours are; the row's +{row:.2f} is most likely a sign "
            "error (or a row from another model).")


def _connectivity():
    conn = fmri_connectivity()
    counts = {}
    for seed in ("aPFC", "aIns"):
        for cmp in ("prt_vs_placebo", "prt_vs_usual_care"):
            rows = conn[(conn["seed"] == seed) & (conn["comparison"] == cmp)]
            counts[f"{seed}.{cmp}"] = int(rows["cluster"].sum())
    missing = [k for k, v in counts.items() if v == 0]
    names = ", ".join(k.replace(".prt_vs_", " vs ").replace("_", " ") for k in missing)
    return ({**counts, "claimed_pairs": len(counts), "pairs_without_cluster": len(missing)},
            f"The abstract's claim needs a surviving cluster for both seeds against both "
            f"control arms; eTable 8 has none for {names}.")


def _change_score():
    from prtlib.stats.effect_sizes import hedges_g_from_summary

    out = {}
    for cmp, other in (("prt_vs_placebo", "placebo"), ("prt_vs_usual_care", "usual_care")):
        post = hedges_g_from_summary(get("pain.post.prt.mean"), get("pain.post.prt.sd"),
                                     get("n.monitored.post.prt"),
                                     get(f"pain.post.{other}.mean"),
                                     get(f"pain.post.{other}.sd"),
                                     get(f"n.monitored.post.{other}"))
        out[f"change_score.{cmp}"] = get(f"g.pain.post.{cmp}")
        out[f"post_only.{cmp}"] = post.estimate
    out["baseline_gap_usual_care"] = (get("pain.baseline.prt.mean")
                                      - get("pain.baseline.usual_care.mean"))
    return (out,
            f"From the post-treatment means and SDs alone, g is "
            f"{out['post_only.prt_vs_placebo']:.2f} vs placebo and "
            f"{out['post_only.prt_vs_usual_care']:.2f} vs usual care; Table 2's change-score "
            f"g are {out['change_score.prt_vs_placebo']:.2f} and "
            f"{out['change_score.prt_vs_usual_care']:.2f}. Usual care started "
            f"{out['baseline_gap_usual_care']:.2f} points lower, so its comparison changes most.")


def _public():
    out = {}
    for arm in ARMS:
        out[f"table2.{arm}"] = get(f"pain.baseline.{arm}.mean")
        out[f"public.{arm}"] = get(f"public_data.pain.baseline.{arm}.mean")
    out["g.table2"] = get("g.pain.post.prt_vs_placebo")
    out["g.public"] = get("public_data.g.pain.post.prt_vs_placebo")
    gaps = [out[f"table2.{a}"] - out[f"public.{a}"] for a in ARMS]
    return (out,
            f"Table 2's baselines average two sessions; the public file's single session is "
            f"{min(gaps):.2f} to {max(gaps):.2f} points lower, so change-score g from the "
            f"file differs slightly ({out['g.public']:.2f} vs {out['g.table2']:.2f} vs "
            "placebo).")


# What the versions of each inconsistency say: a sentence per id in which every <key> is
# replaced by the ledger's printed value of that key (see _differs).
_DIFFERS = {
    "news_randomized": (
        "The summary gave <news_summary.claimed_randomized.prt>, "
        "<news_summary.claimed_randomized.placebo> and "
        "<news_summary.claimed_randomized.usual_care> as the numbers randomized to PRT, "
        "placebo and usual care; Figure 1 shows <n.randomized.prt>, <n.randomized.placebo> "
        "and <n.randomized.usual_care> randomized, and <news_summary.claimed_randomized.prt>, "
        "<news_summary.claimed_randomized.placebo> and "
        "<news_summary.claimed_randomized.usual_care> are the numbers in each arm with pain "
        "0 or 1 after treatment."),
    "g_post_usual_care": (
        "Table 2 prints g = <g.pain.post.prt_vs_usual_care> (SE "
        "<g.pain.post.prt_vs_usual_care.se>); the abstract and the Results text print g = "
        "<g.pain.post.prt_vs_usual_care.text> (95% CI "
        "<g.pain.post.prt_vs_usual_care.text.ci_low> to "
        "<g.pain.post.prt_vs_usual_care.text.ci_high>)."),
    "study_dates": (
        "The abstract says the trial ran from <dates.abstract.start> to "
        "<dates.abstract.end>; the Methods say from <dates.methods.start> to "
        "<dates.methods.end>."),
    "odi_12mo_g": (
        "Table 2 prints the 12-month disability (ODI) effect of PRT vs placebo as g = "
        "<g.odi.12mo.prt_vs_placebo> with no SE and P < "
        "<g.odi.12mo.prt_vs_placebo.p_below>."),
    "etable6_pcs": (
        "In eTable 6 the rows labelled Pain Catastrophizing Scale <etable6.pcs_rows>; the "
        "text and eTable 5 say that PCS <mediation.pcs.result>."),
    "etable5_sign": (
        "eTable 5's row 'TSK-11 at 12 months' prints path a as "
        "<mediation.etable5_row.tsk11_12mo.a>; the neighbouring paths a are "
        "<mediation.tsk11.12mo.a> (12 months) and <mediation.tsk11.1mo.a> (1 month)."),
    "connectivity_claim": (
        "The abstract says: <fmri.connectivity.abstract_claim>. eTable 8 lists, per seed, "
        "aPFC <fmri.connectivity.apfc.prt_vs_placebo.clusters> clusters vs placebo and "
        "<fmri.connectivity.apfc.prt_vs_usual_care.clusters> vs usual care; aIns "
        "<fmri.connectivity.ains.prt_vs_placebo.clusters> vs placebo and "
        "<fmri.connectivity.ains.prt_vs_usual_care.clusters> vs usual care."),
    "change_score_g": (
        "Table 2's change-score g are <g.pain.post.prt_vs_placebo> (vs placebo) and "
        "<g.pain.post.prt_vs_usual_care> (vs usual care); the post-treatment means and SDs "
        "alone give <g.pain.post.prt_vs_placebo.post_only> and "
        "<g.pain.post.prt_vs_usual_care.post_only>."),
    "public_data_baseline": (
        "Baseline pain by arm in Table 2 (mean of two sessions): <pain.baseline.prt.mean>, "
        "<pain.baseline.placebo.mean> and <pain.baseline.usual_care.mean>; in the public "
        "file (one session): <public_data.pain.baseline.prt.mean>, "
        "<public_data.pain.baseline.placebo.mean> and "
        "<public_data.pain.baseline.usual_care.mean>. Change-score g vs placebo: "
        "<g.pain.post.prt_vs_placebo> (Table 2), <public_data.g.pain.post.prt_vs_placebo> "
        "(public file)."),
}

_KEY = re.compile(r"<([a-z0-9_.]+)>")


def _differs(inconsistency_id: str) -> str:
    """What the versions of one inconsistency say, from the ledger's printed values."""
    return _KEY.sub(lambda m: fact(m.group(1)).printed, _DIFFERS[inconsistency_id])


# What each inconsistency changes, if anything: one sentence each, by id.
_CHANGES = {
    "news_randomized": (
        "The summary's reading removes the comparison between arms altogether; the "
        "paper's result is untouched."),
    "g_post_usual_care": (
        "None: both versions describe the same very large effect."),
    "study_dates": (
        "No effect estimate; only when the trial ran. The paper alone cannot settle "
        "which is right (the trial registration could)."),
    "odi_12mo_g": (
        "The 12-month disability comparison with placebo cannot be quoted from Table 2's "
        "g; compute it from the means and SDs instead."),
    "etable6_pcs": (
        "Any PCS result in eTable 6; the text's statement that PCS did not mediate "
        "cannot be checked against the table."),
    "etable5_sign": (
        "None for the mediation conclusion, which rests on the negative paths; a "
        "likely typo."),
    "connectivity_claim": (
        "The abstract overstates the connectivity result: the aPFC-S1 increase was found "
        "against placebo only."),
    "change_score_g": (
        "Not an error but a definition: a meta-analysis that pools post-treatment SMDs "
        "would enter a smaller effect vs usual care than Table 2's."),
    "public_data_baseline": (
        "None: know which baseline an analysis uses."),
}

_CHECKS = {
    "news_randomized": _news,
    "g_post_usual_care": _g_uc,
    "study_dates": _dates,
    "odi_12mo_g": _odi,
    "etable6_pcs": _pcs,
    "etable5_sign": _sign,
    "connectivity_claim": _connectivity,
    "change_score_g": _change_score,
    "public_data_baseline": _public,
}


@functools.cache
def _check(inconsistency_id: str) -> InconsistencyCheck:
    table = inconsistencies().set_index("id")
    row = table.loc[inconsistency_id]
    evidence, verdict = _CHECKS[inconsistency_id]()
    changes = _CHANGES[inconsistency_id]
    return InconsistencyCheck(inconsistency_id, row["topic"],
                              tuple(_cite(k) for k in row["versions"]), evidence, verdict,
                              changes, tuple(row["course_uses"]), _differs(inconsistency_id))


def check_inconsistency(inconsistency_id: str) -> InconsistencyCheck:
    """Check one of the paper's inconsistencies against the ledger.

    Parameters
    ----------
    inconsistency_id : str
        An ``id`` of :func:`prtlib.trial.published.inconsistencies`, e.g. ``"odi_12mo_g"``.

    Returns
    -------
    InconsistencyCheck
        The cited versions, the computed ``evidence``, a ``verdict`` and what it
        ``changes``.

    Raises
    ------
    ValueError
        If the id is not one of the ledger's inconsistencies.

    Notes
    -----
    Each check recomputes what a careful reader can from the published numbers: the gap
    between two versions in standard errors, the SE a P value needs
    (:func:`precision_check`), a post-only g (:func:`prtlib.stats.effect_sizes.hedges_g_from_summary`),
    the surviving clusters per seed (:func:`prtlib.trial.published.fmri_connectivity`), the
    sign a path must have given the TSK-11 means, and so on.

    Examples
    --------
    >>> c = check_inconsistency("g_post_usual_care")
    >>> c.versions
    ('g.pain.post.prt_vs_usual_care = -1.75 (Table 2)', 'g.pain.post.prt_vs_usual_care.text = -1.74 (Abstract; Results text)')
    >>> print(f"{c.evidence['gap_in_se']:.3f}")
    0.042
    >>> check_inconsistency("connectivity_claim").evidence["aPFC.prt_vs_usual_care"]
    0
    """
    if not isinstance(inconsistency_id, str) or inconsistency_id not in _CHECKS:
        allowed = ", ".join(repr(k) for k in _CHECKS)
        raise ValueError(f"inconsistency_id must be one of {allowed}; got "
                         f"{inconsistency_id!r}.")
    check = _check(inconsistency_id)
    return dataclasses.replace(check, evidence=dict(check.evidence))


def check_all():
    """Every inconsistency of the ledger, checked: one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``topic``, ``differs``, ``verdict`` and ``changes``, in the order
        of :func:`prtlib.trial.published.inconsistencies`.

    Notes
    -----
    See :func:`check_inconsistency` for what each check computes.

    Examples
    --------
    >>> table = check_all()
    >>> table["id"].tolist()[:3]
    ['news_randomized', 'g_post_usual_care', 'study_dates']
    >>> list(table.columns)
    ['id', 'topic', 'differs', 'verdict', 'changes']
    """
    import pandas as pd

    ids = inconsistencies()["id"].tolist()
    rows = [check_inconsistency(i) for i in ids]
    return pd.DataFrame([{"id": r.id, "topic": r.topic, "differs": r.differs,
                          "verdict": r.verdict, "changes": r.changes} for r in rows],
                        columns=["id", "topic", "differs", "verdict", "changes"])


def report(width: int = 80) -> str:
    r"""Every inconsistency as plain text: its topic, what differs and what it changes.

    Parameters
    ----------
    width : int, default 80
        The longest line, in characters (at least 40). Lines break between words only,
        never inside a word or a number, so a narrow notebook column cannot split "-1.75".

    Returns
    -------
    str
        One block per inconsistency, in the order of :func:`check_all`, separated by a
        blank line.

    Raises
    ------
    ValueError
        If ``width`` is not an integer of at least 40.

    Examples
    --------
    >>> text = report()
    >>> print(text.split("\n\n")[2])
    Study dates
      what differs: The abstract says the trial ran from November 2017 to August
        2018; the Methods say from August 2017 to November 2018.
      what it changes: No effect estimate; only when the trial ran. The paper alone
        cannot settle which is right (the trial registration could).
    >>> max(len(line) for line in text.splitlines()) <= 80
    True
    """
    width = _validate.integer("width", width, minimum=40)

    def wrap(label: str, text: str) -> list[str]:
        return textwrap.wrap(f"{label}: {text}", width=width, initial_indent="  ",
                             subsequent_indent="    ", break_long_words=False,
                             break_on_hyphens=False)

    blocks = []
    for row in check_all().itertuples():
        lines = textwrap.wrap(row.topic, width=width, break_long_words=False,
                              break_on_hyphens=False)
        lines += wrap("what differs", row.differs) + wrap("what it changes", row.changes)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
