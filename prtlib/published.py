"""The ledger of published trial numbers: every figure the course quotes, with its source.

The course never types a trial number into a lesson. It asks this module, which holds each
number once, together with where it stands in the paper (Table 2, Figure 1, eTable 2, ...),
its unit, a short note and whether the course uses it. When the paper prints two versions of
the same quantity, both are kept under their own keys and :func:`inconsistencies` says which
one the course uses and why.

Keys follow one dotted scheme, most general part first::

    pain.<time>.<arm>.mean / .sd            Table 2, pain intensity 0-10
    g.<outcome>.<time>.<comparison>[.se]    Hedges g (Table 2: change-score g, SE)
    odi.<time>.<arm>.mean / .sd             Oswestry Disability Index 0-100
    tsk11.<time>.<arm>.mean / .sd           Tampa Scale of Kinesiophobia 11-44
    n.<stage>[.<arm>]                       Figure 1 (CONSORT) counts
    responders.<definition>.<time>.<arm>[.percent]
    baseline.<characteristic>.<arm|all>.<statistic>     Table 1
    mediation.tsk11.<time>.<path>           eTable 5
    fmri.*, power.*, design.*, dates.*, public_data.*, news_summary.*

with arms ``prt``, ``placebo``, ``usual_care`` (``all`` for the whole sample), times
``baseline``, ``post``, ``1mo``, ``2mo``, ``3mo``, ``6mo``, ``12mo`` and comparisons
``prt_vs_placebo``, ``prt_vs_usual_care``. A negative g favours PRT.

Every number comes from the project's facts file on the paper (Ashar et al., 2022) and its
supplement; none is computed here. Values derived from other values are left to the lessons,
except the few that the facts file itself states (for example 33 of 45 = 73%).

References
----------
.. [1] Ashar YK, Gordon A, Schubiner H, et al. Effect of Pain Reprocessing Therapy vs
   Placebo and Usual Care for Patients With Chronic Back Pain: A Randomized Clinical
   Trial. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from types import MappingProxyType

from prtlib.constants import ARMS, COMPARISONS, TIMES

__all__ = [
    "CITATION",
    "DOI",
    "PUBLIC_DATA",
    "TRIAL_REGISTRATION",
    "Fact",
    "cite",
    "fact",
    "fmri_connectivity",
    "fmri_peaks",
    "get",
    "inconsistencies",
    "keys",
    "ledger",
    "search",
    "source",
]

DOI = "10.1001/jamapsychiatry.2021.2669"
"""DOI of the trial's main paper."""

TRIAL_REGISTRATION = "NCT03294148"
"""ClinicalTrials.gov identifier of the trial."""

CITATION = (
    "Ashar YK, Gordon A, Schubiner H, et al. Effect of Pain Reprocessing Therapy vs "
    "Placebo and Usual Care for Patients With Chronic Back Pain: A Randomized Clinical "
    "Trial. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669. "
    "Trial registration: ClinicalTrials.gov NCT03294148."
)
"""The citation of the trial, with its DOI and trial registration."""

_DATA_SHA256 = "bb04564e8b63730c78c7ef65f817a96ef34923409d7e5a3108b6af2f54eb996d"
_DATA_REPOSITORY = "torwager/ComputationalFoundations"
_DATA_BRANCH = "main"
_DATA_PATH = "CompFound/datasets/Ashar2022_outcomes_demographics.csv"

PUBLIC_DATA = MappingProxyType(
    {
        "url": (
            f"https://raw.githubusercontent.com/{_DATA_REPOSITORY}/{_DATA_BRANCH}/{_DATA_PATH}"
        ),
        "filename": "Ashar2022_outcomes_demographics.csv",
        "sha256": _DATA_SHA256,
        "known_hash": f"sha256:{_DATA_SHA256}",
        "license": "CC0",
        "repository": _DATA_REPOSITORY,
        "branch": _DATA_BRANCH,
        "path": _DATA_PATH,
        "rows": 341,
    }
)
"""Where the public de-identified trial data live (a read-only mapping).

Keys: ``url`` (raw file address), ``filename``, ``sha256`` (hex digest), ``known_hash``
(the same digest in the ``"sha256:<hex>"`` form that :func:`pooch.retrieve` expects),
``license`` (CC0), ``repository`` (GitHub owner/name), ``branch``, ``path`` (inside the
repository) and ``rows`` (data rows in the file). The file itself is never shipped with the
course; :mod:`prtlib.cohort` downloads it and checks the digest.
"""


# ----------------------------------------------------------------------------------------
# The ledger's rows
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One published number (or short published statement) and where it stands.

    Attributes
    ----------
    key : str
        The dotted ledger key, e.g. ``"pain.post.prt.mean"``.
    value : float, int or str
        The value: a float, an int for counts and other whole numbers, or a short string
        for the few facts that are not numbers (dates, names, statements).
    printed : str
        The value as the source prints it (keeps trailing zeros: ``"4.10"``, ``".05"``).
    unit : str
        Unit or scale, empty when the number has none.
    source : str
        Where it stands: ``"Table 2"``, ``"Figure 1"``, ``"eTable 2"``, ``"Results text"``...
    note : str
        What the number is, in a sentence, and any caveat.
    course_uses : bool
        False for the version of an inconsistent pair that the course does not quote as
        the trial's result (see :func:`inconsistencies`).
    """

    key: str
    value: float | int | str
    printed: str
    unit: str
    source: str
    note: str
    course_uses: bool

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit and self.unit != "%" else self.unit
        return f"{self.key} = {self.printed}{unit} ({self.source})"


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)%?$")


def _parse(printed: str, unit: str) -> float | int:
    text = printed.strip().rstrip("%")
    if not _NUMBER.match(printed.strip()):
        raise ValueError(f"printed must be a number; got {printed!r}.")
    if "." in text or unit == "%":
        return float(text)
    return int(text)


def _build() -> dict[str, Fact]:
    facts: dict[str, Fact] = {}

    def add(key, printed, source, *, unit="", note="", uses=True, value=None, text=False):
        if key in facts:
            raise RuntimeError(f"duplicate ledger key {key!r}")
        if value is None:
            value = printed if text else _parse(printed, unit)
        facts[key] = Fact(key, value, printed, unit, source, note, uses)

    arm_names = {"prt": "PRT", "placebo": "placebo", "usual_care": "usual care"}
    cmp_names = {"prt_vs_placebo": "PRT vs placebo", "prt_vs_usual_care": "PRT vs usual care"}

    # --- citation and dates --------------------------------------------------------------
    add("citation.doi", DOI, "Paper", text=True, note="DOI of the main paper.")
    add("citation.registration", TRIAL_REGISTRATION, "Paper", text=True,
        note="ClinicalTrials.gov registration number.")
    add("citation.published_online", "2021-09-29", "Paper", text=True,
        note="Online publication date; the print issue is JAMA Psychiatry 2022;79(1):13-23.")
    date_note = ("Study period as given in the {where}; the other section gives the same two "
                 "months with start and end swapped (see inconsistencies()).")
    add("dates.abstract.start", "November 2017", "Abstract", value="2017-11", uses=False,
        note=date_note.format(where="abstract"))
    add("dates.abstract.end", "August 2018", "Abstract", value="2018-08", uses=False,
        note=date_note.format(where="abstract"))
    add("dates.methods.start", "August 2017", "Methods", value="2017-08",
        note=date_note.format(where="Methods"))
    add("dates.methods.end", "November 2018", "Methods", value="2018-11",
        note=date_note.format(where="Methods"))

    # --- design ----------------------------------------------------------------------------
    add("design.age_min", "21", "Methods", unit="years",
        note="Youngest eligible age (community adults in Boulder, Colorado).")
    add("design.age_max", "70", "Methods", unit="years", note="Oldest eligible age.")
    add("design.screening_pain_min", "4", "Methods", unit="points (0-10)",
        note="Eligibility: average pain over the past week of at least 4/10 at screening.")
    add("design.pain_history_months", "6", "Methods", unit="months",
        note="Back pain had to be present on at least half the days of this many months.")
    add("design.pain_days_fraction", "half", "Methods", value=0.5,
        note="Fraction of days with back pain required over the past 6 months (at least).")
    add("design.arms", "3", "Methods",
        note="Arms randomized with equal probability; minimization balanced age, sex, "
             "baseline pain and opioid use.")
    add("design.prt.physician_sessions", "1", "Methods", unit="sessions",
        note="PRT began with one telehealth session with a physician.")
    add("design.prt.therapy_sessions", "8", "Methods", unit="sessions",
        note="PRT therapy sessions after the physician session.")
    add("design.prt.session_hours", "one-hour", "Methods", unit="hours", value=1,
        note="Length of each PRT therapy session.")
    add("design.prt.sessions_per_week", "twice weekly", "Methods", value=2,
        note="PRT therapy sessions per week.")
    add("design.prt.weeks", "4", "Methods", unit="weeks", note="Duration of PRT.")
    add("design.prt.fidelity.mean", "4.93", "Paper", unit="elements per session",
        note="Mean number of the 6 PRT elements present per session (fidelity rating); the "
             "facts file does not name the section.")
    add("design.prt.fidelity.sd", "0.87", "Paper", unit="elements per session",
        note="SD of the number of PRT elements present per session.")
    add("design.prt.fidelity.elements", "6", "Paper", unit="elements",
        note="Number of PRT elements in the fidelity checklist.")
    add("design.primary_outcome",
        "Brief Pain Inventory average pain over the past week (0-10) at post-treatment",
        "Methods", text=True, note="Primary outcome and primary end point.")
    add("design.pain_scale_max", "10", "Methods", unit="points",
        note="Top of the 0-10 pain intensity scale.")
    add("design.post_months_after_baseline", "1", "Methods", unit="months",
        note="Post-treatment came about 1 month after the baseline fMRI session; follow-ups "
             "are counted from post-treatment.")
    add("design.baseline_sessions", "two", "Methods", value=2,
        note="The paper's baseline is the mean of two pre-randomization sessions.")
    add("design.analysis",
        "intention to treat; linear mixed model with group x time, age and sex covariates "
        "and a random intercept per participant; all available data",
        "Methods", text=True, note="Primary analysis model (paraphrased).")

    # --- power analysis --------------------------------------------------------------------
    add("power.target_d", "0.62", "Methods", unit="Cohen d",
        note="Effect size on pain at the primary end point that the trial was powered for.")
    add("power.power", "80%", "Methods", value=0.80, unit="probability",
        note="Planned power of the power analysis.")
    add("power.alpha", ".05", "Methods", value=0.05, unit="probability",
        note="Significance level of the power analysis.")

    # --- CONSORT flow (Figure 1) -----------------------------------------------------------
    flow = [
        ("n.screened", "1321", "Screened online."),
        ("n.assessed_in_person", "218", "Assessed in person."),
        ("n.completed_pretreatment", "152", "Completed the pretreatment assessment."),
    ]
    for key, printed, note in flow:
        add(key, printed, "Figure 1", unit="participants", note=note)
    for arm, printed in zip(ARMS, ("50", "51", "50"), strict=True):
        add(f"n.randomized.{arm}", printed, "Figure 1", unit="participants",
            note=f"Randomized to {arm_names[arm]}.")
    add("n.randomized.total", "151", "Figure 1", unit="participants",
        note="Randomized in total (the intention-to-treat sample).")
    add("n.prt.initiated", "45", "Figure 1", unit="participants",
        note="Randomized to PRT and started treatment.")
    add("n.prt.never_initiated", "5", "Figure 1", unit="participants",
        note="Randomized to PRT but never started treatment.")
    add("n.prt.completed", "44", "Figure 1", unit="participants", note="Completed PRT.")
    add("n.prt.dropped", "1", "Figure 1", unit="participants",
        note="Dropped out of PRT (medical emergency).")
    add("n.placebo.received", "44", "Figure 1", unit="participants",
        note="Received the open-label placebo injection.")
    add("n.placebo.lost", "4", "Figure 1", unit="participants",
        note="Placebo arm: lost to follow-up.")
    add("n.placebo.withdrew", "3", "Figure 1", unit="participants",
        note="Placebo arm: withdrew.")
    monitored = {
        "post": ("44", "44", "47"),
        "1mo": ("38", "44", "41"),
        "2mo": ("37", "35", "38"),
        "3mo": ("37", "38", "37"),
        "6mo": ("41", "37", "38"),
        "12mo": ("45", "43", "36"),
    }
    for time, counts in monitored.items():
        for arm, printed in zip(ARMS, counts, strict=True):
            add(f"n.monitored.{time}.{arm}", printed, "Figure 1", unit="participants",
                note=f"{arm_names[arm]} arm participants with data at {time}.")
    add("n.excluded.pain_below_4.first", "192", "Figure 1", unit="participants",
        note="First of the two screening-exclusion counts for pain below 4/10 (192 + 24); "
             "these people show why a pain threshold invites regression to the mean.")
    add("n.excluded.pain_below_4.second", "24", "Figure 1", unit="participants",
        note="Second of the two screening-exclusion counts for pain below 4/10 (192 + 24).")

    # --- Table 1: baseline characteristics -------------------------------------------------
    table1 = {
        "age": (("42.6", "16.2"), ("39.4", "14.9"), ("41.3", "15.9")),
        "pain_duration": (("10.7", "9.7"), ("8.9", "8.2"), ("10.5", "8.9")),
    }
    units = {"age": "years", "pain_duration": "years"}
    for var, rows in table1.items():
        for arm, (m, s) in zip(ARMS, rows, strict=True):
            add(f"baseline.{var}.{arm}.mean", m, "Table 1", unit=units[var],
                note=f"Baseline {var.replace('_', ' ')}, {arm_names[arm]} arm, mean.")
            add(f"baseline.{var}.{arm}.sd", s, "Table 1", unit=units[var],
                note=f"Baseline {var.replace('_', ' ')}, {arm_names[arm]} arm, SD.")
    for arm, (n, pct) in zip(ARMS, (("29", "58"), ("25", "49"), ("27", "54")), strict=True):
        add(f"baseline.female.{arm}.n", n, "Table 1", unit="participants",
            note=f"Women in the {arm_names[arm]} arm.")
        add(f"baseline.female.{arm}.percent", pct, "Table 1", unit="%",
            note=f"Women as a percent of the {arm_names[arm]} arm.")
    for arm, pct in zip(ARMS, ("78", "71", "70"), strict=True):
        add(f"baseline.college.{arm}.percent", pct, "Table 1", unit="%",
            note=f"College graduates, percent of the {arm_names[arm]} arm.")
    for arm, pct in zip(ARMS, ("92", "88", "86"), strict=True):
        add(f"baseline.white.{arm}.percent", pct, "Table 1", unit="%",
            note=f"White participants, percent of the {arm_names[arm]} arm.")
    for arm, n in zip(ARMS, ("5", "2", "2"), strict=True):
        add(f"baseline.opioid_use.{arm}.n", n, "Table 1", unit="participants",
            note=f"Current opioid use in the {arm_names[arm]} arm.")
    add("baseline.age.all.mean", "41.1", "Table 1", unit="years", note="Whole sample.")
    add("baseline.age.all.sd", "15.6", "Table 1", unit="years", note="Whole sample.")
    add("baseline.female.all.percent", "54", "Table 1", unit="%", note="Whole sample.")
    add("baseline.pain.all.mean", "4.10", "Table 1", unit="points (0-10)",
        note="Whole-sample baseline pain (the per-arm values are in Table 2).")
    add("baseline.pain.all.sd", "1.26", "Table 1", unit="points (0-10)", note="Whole sample.")
    add("baseline.pain_duration.all.mean", "10.0", "Table 1", unit="years",
        note="Whole sample.")
    add("baseline.pain_duration.all.sd", "8.9", "Table 1", unit="years", note="Whole sample.")

    # --- Table 2: pain intensity -----------------------------------------------------------
    pain = {
        "baseline": (("4.22", "1.21"), ("4.16", "1.33"), ("3.91", "1.24")),
        "post": (("1.18", "1.24"), ("2.84", "1.64"), ("3.13", "1.45")),
        "1mo": (("1.26", "1.77"), ("2.91", "1.97"), ("3.07", "1.63")),
        "2mo": (("1.59", "1.92"), ("3.06", "1.89"), ("3.00", "1.86")),
        "3mo": (("1.54", "1.68"), ("3.21", "2.02"), ("3.27", "1.95")),
        "6mo": (("1.39", "1.48"), ("2.68", "2.08"), ("2.95", "1.93")),
        "12mo": (("1.51", "1.59"), ("2.79", "1.78"), ("3.00", "1.77")),
    }
    for time, rows in pain.items():
        for arm, (m, s) in zip(ARMS, rows, strict=True):
            extra = (" Baseline is the mean of two pre-randomization sessions."
                     if time == "baseline" else "")
            add(f"pain.{time}.{arm}.mean", m, "Table 2", unit="points (0-10)",
                note=f"Pain intensity, {arm_names[arm]} arm, {time}, mean.{extra}")
            add(f"pain.{time}.{arm}.sd", s, "Table 2", unit="points (0-10)",
                note=f"Pain intensity, {arm_names[arm]} arm, {time}, SD.")
    g_pain = {
        "post": (("-1.14", "0.24"), ("-1.75", "0.24")),
        "1mo": (("-0.83", "0.27"), ("-1.24", "0.29")),
        "2mo": (("-0.84", "0.28"), ("-1.03", "0.28")),
        "3mo": (("-0.93", "0.23"), ("-1.35", "0.25")),
        "6mo": (("-0.74", "0.23"), ("-1.14", "0.26")),
        "12mo": (("-0.70", "0.21"), ("-1.05", "0.24")),
    }
    g_note = ("Change-score Hedges g on pain, {cmp}, {time}: group difference in change from "
              "baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    for time, pairs in g_pain.items():
        for cmp, (g, se) in zip(COMPARISONS, pairs, strict=True):
            add(f"g.pain.{time}.{cmp}", g, "Table 2", unit="Hedges g",
                note=g_note.format(cmp=cmp_names[cmp], time=time))
            add(f"g.pain.{time}.{cmp}.se", se, "Table 2", unit="Hedges g",
                note=f"Bootstrap standard error of g.pain.{time}.{cmp}.")

    # --- Results text on the primary end point ---------------------------------------------
    text_stats = {
        "prt_vs_placebo": ("1.79", "6.06", "137.63", "-1.14", "-1.65", "-0.71"),
        "prt_vs_usual_care": ("2.40", "8.13", "135.69", "-1.74", "-2.28", "-1.32"),
    }
    for cmp, (diff, t, df, g, lo, hi) in text_stats.items():
        name = cmp_names[cmp]
        add(f"test.pain.post.{cmp}.difference", diff, "Results text", unit="points (0-10)",
            note=f"Mixed-model difference in pain at post-treatment, {name}, printed as a "
                 "positive number of points in favour of PRT.")
        add(f"test.pain.post.{cmp}.t", t, "Results text", unit="t",
            note=f"t statistic of the group x time test at post-treatment, {name}.")
        add(f"test.pain.post.{cmp}.df", df, "Results text", unit="df",
            note=f"Degrees of freedom (fractional, from the mixed model) of that t test, {name}.")
        if cmp == "prt_vs_usual_care":
            add(f"g.pain.post.{cmp}.text", g, "Abstract; Results text", unit="Hedges g",
                uses=False,
                note="The abstract and Results text print -1.74 where Table 2 prints -1.75; "
                     "the course quotes Table 2 (see inconsistencies()).")
        else:
            add(f"g.pain.post.{cmp}.text", g, "Results text", unit="Hedges g",
                note="Same value as Table 2.")
        add(f"g.pain.post.{cmp}.text.ci_low", lo, "Results text", unit="Hedges g",
            note=f"Lower end of the 95% CI printed with g.pain.post.{cmp}.text.")
        add(f"g.pain.post.{cmp}.text.ci_high", hi, "Results text", unit="Hedges g",
            note=f"Upper end of the 95% CI printed with g.pain.post.{cmp}.text.")
    post_only = {"prt_vs_placebo": "-1.13", "prt_vs_usual_care": "-1.43"}
    for cmp, g in post_only.items():
        add(f"g.pain.post.{cmp}.post_only", g, "Derived from Table 2", unit="Hedges g",
            uses=False,
            note="About this value: Hedges g from post-treatment means and SDs alone, "
                 "ignoring baseline (stated in the facts file). Not the paper's "
                 "change-score g; shown to teach the difference.")

    # --- Table 2: Oswestry Disability Index ------------------------------------------------
    odi = {
        "baseline": (("23.70", "10.70"), ("23.06", "10.14"), ("23.26", "9.67")),
        "post": (("10.14", "10.63"), ("19.00", "11.07"), ("20.68", "10.68")),
        "12mo": (("11.16", "13.13"), ("18.52", "12.60"), ("18.78", "12.59")),
    }
    for time, rows in odi.items():
        for arm, (m, s) in zip(ARMS, rows, strict=True):
            add(f"odi.{time}.{arm}.mean", m, "Table 2", unit="points (0-100)",
                note=f"Oswestry Disability Index, {arm_names[arm]} arm, {time}, mean.")
            add(f"odi.{time}.{arm}.sd", s, "Table 2", unit="points (0-100)",
                note=f"Oswestry Disability Index, {arm_names[arm]} arm, {time}, SD.")
    for cmp, (g, se) in zip(COMPARISONS, (("-1.30", "0.28"), ("-1.70", "0.26")), strict=True):
        add(f"g.odi.post.{cmp}", g, "Table 2", unit="Hedges g",
            note=f"Change-score Hedges g on disability (ODI), {cmp_names[cmp]}, post.")
        add(f"g.odi.post.{cmp}.se", se, "Table 2", unit="Hedges g",
            note=f"Bootstrap standard error of g.odi.post.{cmp}.")
    add("g.odi.12mo.prt_vs_placebo", "-0.23", "Table 2", unit="Hedges g", uses=False,
        note="Printed without an SE yet with P < .001; does not fit the printed means. The "
             "course does not quote it as a result (see inconsistencies()).")
    add("g.odi.12mo.prt_vs_placebo.p_below", ".001", "Table 2", value=0.001,
        unit="probability", uses=False,
        note="Table 2 prints P < .001 next to the -0.23 that has no SE.")
    add("g.odi.12mo.prt_vs_usual_care", "-0.83", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on disability (ODI), PRT vs usual care, 12 months.")
    add("g.odi.12mo.prt_vs_usual_care.se", "0.24", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.odi.12mo.prt_vs_usual_care.")

    # --- eTable 2: responders --------------------------------------------------------------
    resp_note = {
        "reduction30": "at least 30% reduction in pain from baseline",
        "reduction50": "at least 50% reduction in pain from baseline",
        "pain01": "pain-free or nearly pain-free (pain 0 or 1 of 10)",
    }
    responders = {
        "reduction30": (("78", "70"), ("49", "49"), ("38", "30")),
        "reduction50": (("70", "60"), ("29", "35"), ("16", "20")),
        "pain01": (("66", "52"), ("20", "27"), ("10", "16")),
    }
    for definition, rows in responders.items():
        for arm, pair in zip(ARMS, rows, strict=True):
            for time, pct in zip(("post", "12mo"), pair, strict=True):
                add(f"responders.{definition}.{time}.{arm}.percent", pct, "eTable 2",
                    unit="%",
                    note=f"Responders ({resp_note[definition]}), {arm_names[arm]} arm, "
                         f"{time}, percent of those randomized; missing counted as "
                         "non-responder.")
    for arm, n in zip(ARMS, ("33", "10", "5"), strict=True):
        add(f"responders.pain01.post.{arm}", n, "Results text", unit="participants",
            note=f"{arm_names[arm].capitalize()} participants with pain 0 or 1 at "
                 f"post-treatment (the facts file places these counts in the paper).")
    add("responders.pain01.post.prt.percent_of_initiated", "73", "Results text", unit="%",
        note="The 33 PRT responders as a percent of the 45 who started PRT.")

    # --- TSK-11 and mediation (supplement) -------------------------------------------------
    add("tsk11.scale_min", "11", "eTables 5-6", unit="points",
        note="Lowest possible TSK-11 score (Tampa Scale of Kinesiophobia).")
    add("tsk11.scale_max", "44", "eTables 5-6", unit="points",
        note="Highest possible TSK-11 score; higher = stronger belief that pain signals "
             "injury.")
    tsk = {
        "baseline": (("23.62", "5.46"), ("23.10", "4.62"), ("23.93", "4.68")),
        "post": (("16.41", "5.37"), ("22.16", "4.94"), ("22.51", "6.30")),
    }
    for time, rows in tsk.items():
        for arm, (m, s) in zip(ARMS, rows, strict=True):
            add(f"tsk11.{time}.{arm}.mean", m, "eTables 5-6", unit="points (11-44)",
                note=f"TSK-11, {arm_names[arm]} arm, {time}, mean (the facts file gives "
                     "these under the supplement's eTables 5-6).")
            add(f"tsk11.{time}.{arm}.sd", s, "eTables 5-6", unit="points (11-44)",
                note=f"TSK-11, {arm_names[arm]} arm, {time}, SD.")
    for cmp, g in zip(COMPARISONS, ("-1.90", "-1.67"), strict=True):
        add(f"g.tsk11.post.{cmp}", g, "eTables 5-6", unit="Hedges g",
            note=f"Hedges g on TSK-11 at post-treatment, {cmp_names[cmp]}; no SE in the "
                 "facts file.")
    paths = {
        "12mo": ("-1.41", "0.29", "-0.40", "-0.81", "-0.41"),
        "1mo": ("-1.34", "0.31", "-0.32", "-0.73", "-0.41"),
    }
    path_note = {
        "a": "path a: PRT vs placebo -> pre-to-post change in TSK-11",
        "b": "path b: change in TSK-11 -> pain, adjusting for group",
        "c_prime": "path c': direct effect of PRT vs placebo on pain",
        "c": "path c: total effect of PRT vs placebo on pain",
        "ab": "indirect effect a x b through TSK-11 change",
    }
    for time, values in paths.items():
        for path, v in zip(("a", "b", "c_prime", "c", "ab"), values, strict=True):
            add(f"mediation.tsk11.{time}.{path}", v, "eTable 5", unit="standardized",
                note=f"Mediation of pain at {time} by TSK-11 change, {path_note[path]}; "
                     "standardized; not prespecified.")
    add("mediation.tsk11.12mo.ab.p_below", ".05", "eTable 5", value=0.05,
        unit="probability", note="The 12-month indirect effect is significant at p < .05.")
    add("mediation.etable5_row.tsk11_12mo.a", "+0.93", "eTable 5", unit="standardized",
        uses=False,
        note="The eTable 5 row labelled TSK-11 at 12 months prints path a as +0.93 while the "
             "neighbouring path-a entries are negative; the facts file does not say which "
             "model the row belongs to. Not quoted (see inconsistencies()).")
    add("mediation.reverse.result", "significant", "eTable 5", text=True,
        note="The reverse model (pain change mediating the effect on TSK-11) was also "
             "significant, so the direction of mediation is not settled.")
    add("mediation.pcs.result", "did not mediate", "eTable 5", text=True,
        note="Pain catastrophizing (PCS) change did not mediate the effect on pain.")
    add("mediation.sopa_emotion.result", "did not mediate", "eTable 5", text=True,
        note="SOPA-Emotion change did not mediate the effect on pain.")
    add("mediation.prespecified", "no", "eTable 5", text=True,
        note="The mediation analyses were not prespecified.")
    add("etable6.pcs_rows", "repeat the PANAS negative-affect numbers", "eTable 6",
        text=True, uses=False,
        note="The rows labelled Pain Catastrophizing Scale duplicate the PANAS "
             "negative-affect rows, so they cannot be read as PCS results.")

    # --- fMRI ------------------------------------------------------------------------------
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
    for i, r in enumerate(("32.15", "37.91", "46.70", "52.73"), start=1):
        add(f"fmri.evoked.baseline_rating.level{i}", r, "fMRI Methods/Results",
            unit="points (0-100)",
            note=f"Mean baseline rating of evoked back pain at inflation level {i} of 4; the "
                 "facts file does not name the section.")
    add("fmri.spontaneous.minutes", "8", "Methods", unit="minutes",
        note="Spontaneous-pain (resting) scan length.")
    add("fmri.localizer.fdr_q", ".05", "Methods", value=0.05, unit="probability",
        note="FDR threshold of the evoked-pain localizer within the a priori mask (medial "
             "prefrontal, posteromedial, insula, cingulate, S1/S2, amygdala, accumbens).")
    add("fmri.roi.alpha_one_tailed", ".05", "Methods", value=0.05, unit="probability",
        note="Group x time tests in the localizer regions were one-tailed at p < .05.")
    add("fmri.whole_brain.result", "nothing survived correction", "Results text", text=True,
        note="No whole-brain corrected effect; the fMRI results rest on the ROI approach.")
    roi = [
        ("amcc", "prt_vs_placebo", "-1.73", "133.48", ".04", "anterior midcingulate"),
        ("apfc", "prt_vs_placebo", "-1.85", "133.48", ".03", "anterior prefrontal cortex"),
        ("left_ains", "prt_vs_usual_care", "-2.34", "120.1", ".01", "left anterior insula"),
    ]
    for region, cmp, t, df, p, name in roi:
        base = f"fmri.roi.{region}.{cmp}"
        add(f"{base}.t", t, "Results text", unit="t",
            note=f"Group x time reduction of evoked-pain response in {name}, "
                 f"{cmp_names[cmp]}.")
        add(f"{base}.df", df, "Results text", unit="df", note=f"Degrees of freedom of {base}.t.")
        add(f"{base}.p", p, "Results text", value=float(p), unit="probability",
            note=f"One-tailed p of {base}.t.")
    scanner = {
        "evoked": (("-0.60", "-1.06", "-0.16"), ("-0.99", "-1.50", "-0.55")),
        "spontaneous": (("-0.92", "-1.44", "-0.47"), ("-1.11", "-1.66", "-0.66")),
    }
    for kind, rows in scanner.items():
        for cmp, (g, lo, hi) in zip(COMPARISONS, rows, strict=True):
            base = f"g.scanner_{kind}.post.{cmp}"
            add(base, g, "fMRI Methods/Results", unit="Hedges g",
                note=f"Hedges g on {kind} pain rated in the scanner, pre to post, "
                     f"{cmp_names[cmp]}.")
            add(f"{base}.ci_low", lo, "fMRI Methods/Results", unit="Hedges g",
                note=f"Lower end of the 95% CI of {base}.")
            add(f"{base}.ci_high", hi, "fMRI Methods/Results", unit="Hedges g",
                note=f"Upper end of the 95% CI of {base}.")
    for row in _CONNECTIVITY_SUMMARY:
        seed, cmp, n_clusters, regions = row
        add(f"fmri.connectivity.{seed.lower()}.{cmp}.clusters", str(n_clusters), "eTable 8",
            unit="clusters",
            note=(f"Surviving clusters of connectivity change from the {seed} seed, "
                  f"{cmp_names[cmp]}: " + (regions or "none") + "."))
    add("fmri.connectivity.abstract_claim",
        "aPFC and aIns connectivity to S1 increased relative to both control groups",
        "Abstract", text=True, uses=False,
        note="Paraphrase of the abstract's claim; per seed, eTable 8 shows no surviving "
             "cluster for aPFC vs usual care (see inconsistencies()).")

    # --- the news summary's misreading ----------------------------------------------------
    for arm, n in zip(ARMS, ("33", "10", "5"), strict=True):
        add(f"news_summary.claimed_randomized.{arm}", n, "News summary (not the paper)",
            unit="participants", uses=False,
            note=f"A widely shared summary called this the number randomized to "
                 f"{arm_names[arm]}; it is the number with pain 0 or 1 at post-treatment.")

    # --- the public de-identified data ---------------------------------------------------
    add("public_data.rows", "341", "Public data file", unit="rows",
        note="Rows in the CC0 file (pre and post only, no follow-up months).")
    add("public_data.healthy_controls", "55", "Public data file", unit="participants",
        note="Healthy controls in the file (group empty).")
    for arm, m in zip(ARMS, ("3.94", "3.80", "3.60"), strict=True):
        add(f"public_data.pain.baseline.{arm}.mean", m, "Public data file",
            unit="points (0-10)",
            note="Pre-treatment pain_avg from a single session, so it differs from the "
                 "two-session baseline of Table 2.")
    post_data = (("1.182", "1.244"), ("2.841", "1.642"), ("3.128", "1.454"))
    for arm, (m, s) in zip(ARMS, post_data, strict=True):
        add(f"public_data.pain.post.{arm}.mean", m, "Public data file", unit="points (0-10)",
            note="Post-treatment pain_avg; reproduces Table 2.")
        add(f"public_data.pain.post.{arm}.sd", s, "Public data file", unit="points (0-10)",
            note="Post-treatment pain_avg SD; reproduces Table 2.")
    for cmp, g in zip(COMPARISONS, ("-1.15", "-1.78"), strict=True):
        add(f"public_data.g.pain.post.{cmp}", g, "Public data file", unit="Hedges g",
            note=f"About this value: change-score g computed from the public file, "
                 f"{cmp_names[cmp]} (single-session baseline).")
    return facts


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

_FACTS: dict[str, Fact] = _build()

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
            if key not in _FACTS:
                raise RuntimeError(f"inconsistency {row[0]!r} names unknown key {key!r}")


_check_inconsistency_keys()


# ----------------------------------------------------------------------------------------
# Public functions
# ----------------------------------------------------------------------------------------

_COLUMNS = ("key", "value", "printed", "unit", "source", "note", "course_uses")


@functools.cache
def _frame():
    import pandas as pd

    records = [{c: getattr(f, c) for c in _COLUMNS} for f in _FACTS.values()]
    frame = pd.DataFrame.from_records(records, columns=list(_COLUMNS))
    frame["value"] = frame["value"].astype(object)
    frame["course_uses"] = frame["course_uses"].astype(bool)
    return frame


def _check_text(name: str, value) -> str:
    if not isinstance(value, str):
        raise ValueError(
            f"{name} must be a string such as 'pain.post.prt.mean'; got {value!r}."
        )
    return value


def ledger():
    """Return every published number as a table, one row per key.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``value`` (float, int or str), ``printed`` (the value as the
        source prints it), ``unit``, ``source`` (e.g. ``"Table 2"``, ``"eTable 2"``,
        ``"Figure 1"``), ``note`` and ``course_uses`` (bool). A fresh copy on every call:
        changing it does not change :func:`get`.

    Notes
    -----
    No number is computed: each is copied from the facts file on the paper [1]_. Where
    the paper prints two versions of a quantity, ``course_uses`` is False for the one the
    course does not quote; :func:`inconsistencies` explains each case.

    References
    ----------
    .. [1] Ashar YK, Gordon A, Schubiner H, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> table = ledger()
    >>> list(table.columns)
    ['key', 'value', 'printed', 'unit', 'source', 'note', 'course_uses']
    >>> row = table.set_index("key").loc["pain.post.placebo.mean"]
    >>> print(row["printed"], row["source"])
    2.84 Table 2
    >>> int((~table["course_uses"]).sum()) > 0
    True
    """
    return _frame().copy(deep=True)


def fact(key: str) -> Fact:
    """Return the full record of one ledger key.

    Parameters
    ----------
    key : str
        A ledger key such as ``"pain.post.prt.mean"``.

    Returns
    -------
    Fact
        The value, the value as printed, the unit, the source, a note and whether the
        course uses this version.

    Raises
    ------
    KeyError
        If the key is not in the ledger; the message suggests close keys.
    ValueError
        If ``key`` is not a string.

    Notes
    -----
    Suggestions come from :func:`difflib.get_close_matches` (ratio of matching
    characters, cutoff 0.6), after any keys that start with what was typed.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> print(fact("n.randomized.total"))
    n.randomized.total = 151 participants (Figure 1)
    >>> fact("g.odi.12mo.prt_vs_placebo").course_uses
    False
    """
    key = _check_text("key", key)
    try:
        return _FACTS[key]
    except KeyError:
        raise KeyError(_unknown_key_message(key)) from None


def _unknown_key_message(key: str) -> str:
    starting = [k for k in _FACTS if k.startswith(key)][:5]
    close = difflib.get_close_matches(key, list(_FACTS), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(starting + close))[:6]
    message = f"{key!r} is not a key of the published-numbers ledger."
    if suggestions:
        message += " Did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
    else:
        groups = ", ".join(dict.fromkeys(k.split(".")[0] for k in _FACTS))
        message += (f" Keys start with one of: {groups}; list them with "
                    "prtlib.published.keys(prefix), e.g. keys('pain.post').")
    return message


def get(key: str) -> float | int | str:
    """Return the published value of one ledger key.

    Parameters
    ----------
    key : str
        A dotted ledger key: ``"pain.<time>.<arm>.mean"``, ``"g.pain.<time>.<comparison>"``,
        ``"n.randomized.<arm>"``, ... (see the module docstring and :func:`keys`).

    Returns
    -------
    float, int or str
        A float for measured quantities, an int for counts and other whole numbers, a
        short string for the few non-numeric facts (dates, names, statements).

    Raises
    ------
    KeyError
        If the key is not in the ledger; the message suggests close keys.
    ValueError
        If ``key`` is not a string.

    Notes
    -----
    Values are copied from the paper and supplement [1]_; nothing is computed. Percents are
    returned as percents (66.0, not 0.66), except ``power.power`` and the p-value and alpha
    keys, which are probabilities.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> get("pain.post.prt.mean")
    1.18
    >>> get("n.randomized.placebo")
    51
    >>> get("responders.pain01.post.prt.percent")
    66.0
    >>> get("g.pain.post.prt_vs_usual_care"), get("g.pain.post.prt_vs_usual_care.text")
    (-1.75, -1.74)
    >>> get("dates.methods.start")
    '2017-08'
    """
    return fact(key).value


def source(key: str) -> str:
    """Return where a ledger value stands in the paper or supplement.

    Parameters
    ----------
    key : str
        A ledger key.

    Returns
    -------
    str
        The source, e.g. ``"Table 2"``, ``"Figure 1"``, ``"eTable 2"``, ``"Results text"``.

    Raises
    ------
    KeyError
        If the key is not in the ledger; the message suggests close keys.
    ValueError
        If ``key`` is not a string.

    Notes
    -----
    Sources name the paper's tables and figures, the supplement's eTables, or the
    section of text (Abstract, Methods, Results text) [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> source("responders.reduction50.12mo.prt.percent")
    'eTable 2'
    >>> source("n.monitored.12mo.usual_care")
    'Figure 1'
    """
    return fact(key).source


def cite(key: str) -> str:
    """Return a short citation of a ledger value for a lesson: value as printed, then source.

    Parameters
    ----------
    key : str
        A ledger key.

    Returns
    -------
    str
        ``"<printed value> (<source>)"``, keeping the source's trailing zeros.

    Raises
    ------
    KeyError
        If the key is not in the ledger; the message suggests close keys.
    ValueError
        If ``key`` is not a string.

    Notes
    -----
    The printed form is used rather than the float, so 4.10 stays "4.10" [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> cite("pain.baseline.prt.mean")
    '4.22 (Table 2)'
    >>> cite("baseline.pain.all.mean")
    '4.10 (Table 1)'
    >>> cite("power.power")
    '80% (Methods)'
    """
    f = fact(key)
    return f"{f.printed} ({f.source})"


def keys(prefix: str = "") -> list[str]:
    """List ledger keys that start with ``prefix``, in ledger order.

    Parameters
    ----------
    prefix : str, default ""
        Start of the keys wanted, e.g. ``"n.randomized"``; empty lists every key.

    Returns
    -------
    list of str
        Matching keys (possibly empty).

    Raises
    ------
    ValueError
        If ``prefix`` is not a string.

    Notes
    -----
    Plain string prefix matching (:meth:`str.startswith`); see :func:`search` for a
    case-insensitive search of keys, notes and sources [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> keys("n.randomized")
    ['n.randomized.prt', 'n.randomized.placebo', 'n.randomized.usual_care', 'n.randomized.total']
    >>> len(keys("pain.")) == 7 * 3 * 2
    True
    """
    prefix = _check_text("prefix", prefix)
    return [k for k in _FACTS if k.startswith(prefix)]


def search(text: str):
    """Find ledger rows whose key, source or note contains ``text`` (case-insensitive).

    Parameters
    ----------
    text : str
        What to look for, e.g. ``"tsk"``, ``"eTable 8"`` or ``"regression"``.

    Returns
    -------
    pandas.DataFrame
        The matching rows of :func:`ledger` (possibly none), with the same columns.

    Raises
    ------
    ValueError
        If ``text`` is not a string.

    Notes
    -----
    A row matches when ``text.lower()`` is a substring of the lower-cased key, source or
    note [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> search("regression to the mean")["key"].tolist()
    ['n.excluded.pain_below_4.first']
    >>> search("medical emergency")["key"].tolist()
    ['n.prt.dropped']
    """
    text = _check_text("text", text).lower()
    table = ledger()
    mask = (
        table["key"].str.lower().str.contains(text, regex=False)
        | table["source"].str.lower().str.contains(text, regex=False)
        | table["note"].str.lower().str.contains(text, regex=False)
    )
    return table[mask].reset_index(drop=True)


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
    when they are in this table's ``course_uses`` [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
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


# Keep the public vocabulary in step with prtlib.constants (fails loudly at import if not).
if not all(f"pain.{t}.{a}.mean" in _FACTS for t in TIMES for a in ARMS):
    raise RuntimeError("the ledger must hold a pain mean for every time and arm")
