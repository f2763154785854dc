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

from prtlib.trial.constants import ARMS, COMPARISONS, TIMES

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
course; :mod:`prtlib.trial.cohort` downloads it and checks the digest.
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
    """Every fact of the ledger, one section per source, in the order of :func:`ledger`."""
    facts: dict[str, Fact] = {}

    def add(key, printed, source, *, unit="", note="", uses=True, value=None, text=False):
        if key in facts:
            raise RuntimeError(f"duplicate ledger key {key!r}")
        if value is None:
            value = printed if text else _parse(printed, unit)
        facts[key] = Fact(key, value, printed, unit, source, note, uses)

    for section in (_paper_and_methods, _figure1, _table1,
                    _table2_pain, _results_text_primary, _table2_odi,
                    _etable2_responders, _etables5_6, _fmri,
                    _news_summary, _public_data):
        section(add)
    return facts


# ----------------------------------------------------------------------------------------
# The sections of the ledger. Each writes its keys literally, so that searching the code
# for a key finds the line that defines it. ``add(key, printed, source, ...)`` parses the
# printed value unless ``value`` is given (``text=True`` keeps it as a string).
# ----------------------------------------------------------------------------------------


def _paper_and_methods(add) -> None:
    """Citation, dates, design and power analysis (the paper, its Abstract and Methods)."""
    add("citation.doi", DOI, "Paper", text=True, note="DOI of the main paper.")
    add("citation.registration", TRIAL_REGISTRATION, "Paper", text=True,
        note="ClinicalTrials.gov registration number.")
    add("citation.published_online", "2021-09-29", "Paper", text=True,
        note="Online publication date; the print issue is JAMA Psychiatry 2022;79(1):13-23.")
    add("dates.abstract.start", "November 2017", "Abstract", uses=False, value="2017-11",
        note="Study period as given in the abstract; the other section gives the same two months "
             "with start and end swapped (see inconsistencies()).")
    add("dates.abstract.end", "August 2018", "Abstract", uses=False, value="2018-08",
        note="Study period as given in the abstract; the other section gives the same two months "
             "with start and end swapped (see inconsistencies()).")
    add("dates.methods.start", "August 2017", "Methods", value="2017-08",
        note="Study period as given in the Methods; the other section gives the same two months "
             "with start and end swapped (see inconsistencies()).")
    add("dates.methods.end", "November 2018", "Methods", value="2018-11",
        note="Study period as given in the Methods; the other section gives the same two months "
             "with start and end swapped (see inconsistencies()).")
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
        note="Arms randomized with equal probability; minimization balanced age, sex, baseline "
             "pain and opioid use.")
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
        note="Mean number of the 6 PRT elements present per session (fidelity rating); the facts "
             "file does not name the section.")
    add("design.prt.fidelity.sd", "0.87", "Paper", unit="elements per session",
        note="SD of the number of PRT elements present per session.")
    add("design.prt.fidelity.elements", "6", "Paper", unit="elements",
        note="Number of PRT elements in the fidelity checklist.")
    add("design.primary_outcome",
        "Brief Pain Inventory average pain over the past week (0-10) at post-treatment", "Methods",
        text=True, note="Primary outcome and primary end point.")
    add("design.pain_scale_max", "10", "Methods", unit="points",
        note="Top of the 0-10 pain intensity scale.")
    add("design.post_months_after_baseline", "1", "Methods", unit="months",
        note="Post-treatment came about 1 month after the baseline fMRI session; follow-ups are "
             "counted from post-treatment.")
    add("design.baseline_sessions", "two", "Methods", value=2,
        note="The paper's baseline is the mean of two pre-randomization sessions.")
    add("design.analysis",
        "intention to treat; linear mixed model with group x time, age and sex covariates and a "
        "random intercept per participant; all available data", "Methods", text=True,
        note="Primary analysis model (paraphrased).")
    add("power.target_d", "0.62", "Methods", unit="Cohen d",
        note="Effect size on pain at the primary end point that the trial was powered for.")
    add("power.power", "80%", "Methods", unit="probability", value=0.8,
        note="Planned power of the power analysis.")
    add("power.alpha", ".05", "Methods", unit="probability",
        note="Significance level of the power analysis.")


def _figure1(add) -> None:
    """Figure 1: the CONSORT flow."""
    add("n.screened", "1321", "Figure 1", unit="participants", note="Screened online.")
    add("n.assessed_in_person", "218", "Figure 1", unit="participants", note="Assessed in person.")
    add("n.completed_pretreatment", "152", "Figure 1", unit="participants",
        note="Completed the pretreatment assessment.")
    add("n.randomized.prt", "50", "Figure 1", unit="participants", note="Randomized to PRT.")
    add("n.randomized.placebo", "51", "Figure 1", unit="participants",
        note="Randomized to placebo.")
    add("n.randomized.usual_care", "50", "Figure 1", unit="participants",
        note="Randomized to usual care.")
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
    add("n.placebo.withdrew", "3", "Figure 1", unit="participants", note="Placebo arm: withdrew.")
    add("n.monitored.post.prt", "44", "Figure 1", unit="participants",
        note="PRT arm participants with data at post.")
    add("n.monitored.post.placebo", "44", "Figure 1", unit="participants",
        note="placebo arm participants with data at post.")
    add("n.monitored.post.usual_care", "47", "Figure 1", unit="participants",
        note="usual care arm participants with data at post.")
    add("n.monitored.1mo.prt", "38", "Figure 1", unit="participants",
        note="PRT arm participants with data at 1mo.")
    add("n.monitored.1mo.placebo", "44", "Figure 1", unit="participants",
        note="placebo arm participants with data at 1mo.")
    add("n.monitored.1mo.usual_care", "41", "Figure 1", unit="participants",
        note="usual care arm participants with data at 1mo.")
    add("n.monitored.2mo.prt", "37", "Figure 1", unit="participants",
        note="PRT arm participants with data at 2mo.")
    add("n.monitored.2mo.placebo", "35", "Figure 1", unit="participants",
        note="placebo arm participants with data at 2mo.")
    add("n.monitored.2mo.usual_care", "38", "Figure 1", unit="participants",
        note="usual care arm participants with data at 2mo.")
    add("n.monitored.3mo.prt", "37", "Figure 1", unit="participants",
        note="PRT arm participants with data at 3mo.")
    add("n.monitored.3mo.placebo", "38", "Figure 1", unit="participants",
        note="placebo arm participants with data at 3mo.")
    add("n.monitored.3mo.usual_care", "37", "Figure 1", unit="participants",
        note="usual care arm participants with data at 3mo.")
    add("n.monitored.6mo.prt", "41", "Figure 1", unit="participants",
        note="PRT arm participants with data at 6mo.")
    add("n.monitored.6mo.placebo", "37", "Figure 1", unit="participants",
        note="placebo arm participants with data at 6mo.")
    add("n.monitored.6mo.usual_care", "38", "Figure 1", unit="participants",
        note="usual care arm participants with data at 6mo.")
    add("n.monitored.12mo.prt", "45", "Figure 1", unit="participants",
        note="PRT arm participants with data at 12mo.")
    add("n.monitored.12mo.placebo", "43", "Figure 1", unit="participants",
        note="placebo arm participants with data at 12mo.")
    add("n.monitored.12mo.usual_care", "36", "Figure 1", unit="participants",
        note="usual care arm participants with data at 12mo.")
    add("n.excluded.pain_below_4.first", "192", "Figure 1", unit="participants",
        note="First of the two screening-exclusion counts for pain below 4/10 (192 + 24); these "
             "people show why a pain threshold invites regression to the mean.")
    add("n.excluded.pain_below_4.second", "24", "Figure 1", unit="participants",
        note="Second of the two screening-exclusion counts for pain below 4/10 (192 + 24).")


def _table1(add) -> None:
    """Table 1: baseline characteristics."""
    add("baseline.age.prt.mean", "42.6", "Table 1", unit="years",
        note="Baseline age, PRT arm, mean.")
    add("baseline.age.prt.sd", "16.2", "Table 1", unit="years", note="Baseline age, PRT arm, SD.")
    add("baseline.age.placebo.mean", "39.4", "Table 1", unit="years",
        note="Baseline age, placebo arm, mean.")
    add("baseline.age.placebo.sd", "14.9", "Table 1", unit="years",
        note="Baseline age, placebo arm, SD.")
    add("baseline.age.usual_care.mean", "41.3", "Table 1", unit="years",
        note="Baseline age, usual care arm, mean.")
    add("baseline.age.usual_care.sd", "15.9", "Table 1", unit="years",
        note="Baseline age, usual care arm, SD.")
    add("baseline.pain_duration.prt.mean", "10.7", "Table 1", unit="years",
        note="Baseline pain duration, PRT arm, mean.")
    add("baseline.pain_duration.prt.sd", "9.7", "Table 1", unit="years",
        note="Baseline pain duration, PRT arm, SD.")
    add("baseline.pain_duration.placebo.mean", "8.9", "Table 1", unit="years",
        note="Baseline pain duration, placebo arm, mean.")
    add("baseline.pain_duration.placebo.sd", "8.2", "Table 1", unit="years",
        note="Baseline pain duration, placebo arm, SD.")
    add("baseline.pain_duration.usual_care.mean", "10.5", "Table 1", unit="years",
        note="Baseline pain duration, usual care arm, mean.")
    add("baseline.pain_duration.usual_care.sd", "8.9", "Table 1", unit="years",
        note="Baseline pain duration, usual care arm, SD.")
    add("baseline.female.prt.n", "29", "Table 1", unit="participants", note="Women in the PRT arm.")
    add("baseline.female.prt.percent", "58", "Table 1", unit="%",
        note="Women as a percent of the PRT arm.")
    add("baseline.female.placebo.n", "25", "Table 1", unit="participants",
        note="Women in the placebo arm.")
    add("baseline.female.placebo.percent", "49", "Table 1", unit="%",
        note="Women as a percent of the placebo arm.")
    add("baseline.female.usual_care.n", "27", "Table 1", unit="participants",
        note="Women in the usual care arm.")
    add("baseline.female.usual_care.percent", "54", "Table 1", unit="%",
        note="Women as a percent of the usual care arm.")
    add("baseline.college.prt.percent", "78", "Table 1", unit="%",
        note="College graduates, percent of the PRT arm.")
    add("baseline.college.placebo.percent", "71", "Table 1", unit="%",
        note="College graduates, percent of the placebo arm.")
    add("baseline.college.usual_care.percent", "70", "Table 1", unit="%",
        note="College graduates, percent of the usual care arm.")
    add("baseline.white.prt.percent", "92", "Table 1", unit="%",
        note="White participants, percent of the PRT arm.")
    add("baseline.white.placebo.percent", "88", "Table 1", unit="%",
        note="White participants, percent of the placebo arm.")
    add("baseline.white.usual_care.percent", "86", "Table 1", unit="%",
        note="White participants, percent of the usual care arm.")
    add("baseline.opioid_use.prt.n", "5", "Table 1", unit="participants",
        note="Current opioid use in the PRT arm.")
    add("baseline.opioid_use.placebo.n", "2", "Table 1", unit="participants",
        note="Current opioid use in the placebo arm.")
    add("baseline.opioid_use.usual_care.n", "2", "Table 1", unit="participants",
        note="Current opioid use in the usual care arm.")
    add("baseline.age.all.mean", "41.1", "Table 1", unit="years", note="Whole sample.")
    add("baseline.age.all.sd", "15.6", "Table 1", unit="years", note="Whole sample.")
    add("baseline.female.all.percent", "54", "Table 1", unit="%", note="Whole sample.")
    add("baseline.pain.all.mean", "4.10", "Table 1", unit="points (0-10)",
        note="Whole-sample baseline pain (the per-arm values are in Table 2).")
    add("baseline.pain.all.sd", "1.26", "Table 1", unit="points (0-10)", note="Whole sample.")
    add("baseline.pain_duration.all.mean", "10.0", "Table 1", unit="years", note="Whole sample.")
    add("baseline.pain_duration.all.sd", "8.9", "Table 1", unit="years", note="Whole sample.")


def _table2_pain(add) -> None:
    """Table 2: pain intensity, means, SDs and change-score g."""
    add("pain.baseline.prt.mean", "4.22", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, baseline, mean. Baseline is the mean of two "
             "pre-randomization sessions.")
    add("pain.baseline.prt.sd", "1.21", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, baseline, SD.")
    add("pain.baseline.placebo.mean", "4.16", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, baseline, mean. Baseline is the mean of two "
             "pre-randomization sessions.")
    add("pain.baseline.placebo.sd", "1.33", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, baseline, SD.")
    add("pain.baseline.usual_care.mean", "3.91", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, baseline, mean. Baseline is the mean of two "
             "pre-randomization sessions.")
    add("pain.baseline.usual_care.sd", "1.24", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, baseline, SD.")
    add("pain.post.prt.mean", "1.18", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, post, mean.")
    add("pain.post.prt.sd", "1.24", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, post, SD.")
    add("pain.post.placebo.mean", "2.84", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, post, mean.")
    add("pain.post.placebo.sd", "1.64", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, post, SD.")
    add("pain.post.usual_care.mean", "3.13", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, post, mean.")
    add("pain.post.usual_care.sd", "1.45", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, post, SD.")
    add("pain.1mo.prt.mean", "1.26", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 1mo, mean.")
    add("pain.1mo.prt.sd", "1.77", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 1mo, SD.")
    add("pain.1mo.placebo.mean", "2.91", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 1mo, mean.")
    add("pain.1mo.placebo.sd", "1.97", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 1mo, SD.")
    add("pain.1mo.usual_care.mean", "3.07", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 1mo, mean.")
    add("pain.1mo.usual_care.sd", "1.63", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 1mo, SD.")
    add("pain.2mo.prt.mean", "1.59", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 2mo, mean.")
    add("pain.2mo.prt.sd", "1.92", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 2mo, SD.")
    add("pain.2mo.placebo.mean", "3.06", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 2mo, mean.")
    add("pain.2mo.placebo.sd", "1.89", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 2mo, SD.")
    add("pain.2mo.usual_care.mean", "3.00", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 2mo, mean.")
    add("pain.2mo.usual_care.sd", "1.86", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 2mo, SD.")
    add("pain.3mo.prt.mean", "1.54", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 3mo, mean.")
    add("pain.3mo.prt.sd", "1.68", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 3mo, SD.")
    add("pain.3mo.placebo.mean", "3.21", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 3mo, mean.")
    add("pain.3mo.placebo.sd", "2.02", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 3mo, SD.")
    add("pain.3mo.usual_care.mean", "3.27", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 3mo, mean.")
    add("pain.3mo.usual_care.sd", "1.95", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 3mo, SD.")
    add("pain.6mo.prt.mean", "1.39", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 6mo, mean.")
    add("pain.6mo.prt.sd", "1.48", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 6mo, SD.")
    add("pain.6mo.placebo.mean", "2.68", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 6mo, mean.")
    add("pain.6mo.placebo.sd", "2.08", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 6mo, SD.")
    add("pain.6mo.usual_care.mean", "2.95", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 6mo, mean.")
    add("pain.6mo.usual_care.sd", "1.93", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 6mo, SD.")
    add("pain.12mo.prt.mean", "1.51", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 12mo, mean.")
    add("pain.12mo.prt.sd", "1.59", "Table 2", unit="points (0-10)",
        note="Pain intensity, PRT arm, 12mo, SD.")
    add("pain.12mo.placebo.mean", "2.79", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 12mo, mean.")
    add("pain.12mo.placebo.sd", "1.78", "Table 2", unit="points (0-10)",
        note="Pain intensity, placebo arm, 12mo, SD.")
    add("pain.12mo.usual_care.mean", "3.00", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 12mo, mean.")
    add("pain.12mo.usual_care.sd", "1.77", "Table 2", unit="points (0-10)",
        note="Pain intensity, usual care arm, 12mo, SD.")
    add("g.pain.post.prt_vs_placebo", "-1.14", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs placebo, post: group difference in change "
             "from baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.post.prt_vs_placebo.se", "0.24", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.post.prt_vs_placebo.")
    add("g.pain.post.prt_vs_usual_care", "-1.75", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs usual care, post: group difference in change "
             "from baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.post.prt_vs_usual_care.se", "0.24", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.post.prt_vs_usual_care.")
    add("g.pain.1mo.prt_vs_placebo", "-0.83", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs placebo, 1mo: group difference in change from "
             "baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.1mo.prt_vs_placebo.se", "0.27", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.1mo.prt_vs_placebo.")
    add("g.pain.1mo.prt_vs_usual_care", "-1.24", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs usual care, 1mo: group difference in change "
             "from baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.1mo.prt_vs_usual_care.se", "0.29", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.1mo.prt_vs_usual_care.")
    add("g.pain.2mo.prt_vs_placebo", "-0.84", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs placebo, 2mo: group difference in change from "
             "baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.2mo.prt_vs_placebo.se", "0.28", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.2mo.prt_vs_placebo.")
    add("g.pain.2mo.prt_vs_usual_care", "-1.03", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs usual care, 2mo: group difference in change "
             "from baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.2mo.prt_vs_usual_care.se", "0.28", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.2mo.prt_vs_usual_care.")
    add("g.pain.3mo.prt_vs_placebo", "-0.93", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs placebo, 3mo: group difference in change from "
             "baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.3mo.prt_vs_placebo.se", "0.23", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.3mo.prt_vs_placebo.")
    add("g.pain.3mo.prt_vs_usual_care", "-1.35", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs usual care, 3mo: group difference in change "
             "from baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.3mo.prt_vs_usual_care.se", "0.25", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.3mo.prt_vs_usual_care.")
    add("g.pain.6mo.prt_vs_placebo", "-0.74", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs placebo, 6mo: group difference in change from "
             "baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.6mo.prt_vs_placebo.se", "0.23", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.6mo.prt_vs_placebo.")
    add("g.pain.6mo.prt_vs_usual_care", "-1.14", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs usual care, 6mo: group difference in change "
             "from baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.6mo.prt_vs_usual_care.se", "0.26", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.6mo.prt_vs_usual_care.")
    add("g.pain.12mo.prt_vs_placebo", "-0.70", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs placebo, 12mo: group difference in change "
             "from baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.12mo.prt_vs_placebo.se", "0.21", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.12mo.prt_vs_placebo.")
    add("g.pain.12mo.prt_vs_usual_care", "-1.05", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on pain, PRT vs usual care, 12mo: group difference in change "
             "from baseline with the Hedges correction, from a bootstrap; negative favours PRT.")
    add("g.pain.12mo.prt_vs_usual_care.se", "0.24", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.pain.12mo.prt_vs_usual_care.")


def _results_text_primary(add) -> None:
    """The Results text on the primary end point (and the post-only g derived from Table 2)."""
    add("test.pain.post.prt_vs_placebo.difference", "1.79", "Results text", unit="points (0-10)",
        note="Mixed-model difference in pain at post-treatment, PRT vs placebo, printed as a "
             "positive number of points in favour of PRT.")
    add("test.pain.post.prt_vs_placebo.t", "6.06", "Results text", unit="t",
        note="t statistic of the group x time test at post-treatment, PRT vs placebo.")
    add("test.pain.post.prt_vs_placebo.df", "137.63", "Results text", unit="df",
        note="Degrees of freedom (fractional, from the mixed model) of that t test, PRT vs "
             "placebo.")
    add("g.pain.post.prt_vs_placebo.text", "-1.14", "Results text", unit="Hedges g",
        note="Same value as Table 2.")
    add("g.pain.post.prt_vs_placebo.text.ci_low", "-1.65", "Results text", unit="Hedges g",
        note="Lower end of the 95% CI printed with g.pain.post.prt_vs_placebo.text.")
    add("g.pain.post.prt_vs_placebo.text.ci_high", "-0.71", "Results text", unit="Hedges g",
        note="Upper end of the 95% CI printed with g.pain.post.prt_vs_placebo.text.")
    add("test.pain.post.prt_vs_usual_care.difference", "2.40", "Results text", unit="points (0-10)",
        note="Mixed-model difference in pain at post-treatment, PRT vs usual care, printed as a "
             "positive number of points in favour of PRT.")
    add("test.pain.post.prt_vs_usual_care.t", "8.13", "Results text", unit="t",
        note="t statistic of the group x time test at post-treatment, PRT vs usual care.")
    add("test.pain.post.prt_vs_usual_care.df", "135.69", "Results text", unit="df",
        note="Degrees of freedom (fractional, from the mixed model) of that t test, PRT vs usual "
             "care.")
    add("g.pain.post.prt_vs_usual_care.text", "-1.74", "Abstract; Results text",
        unit="Hedges g", uses=False,
        note="The abstract and Results text print -1.74 where Table 2 prints -1.75; the course "
             "quotes Table 2 (see inconsistencies()).")
    add("g.pain.post.prt_vs_usual_care.text.ci_low", "-2.28", "Results text", unit="Hedges g",
        note="Lower end of the 95% CI printed with g.pain.post.prt_vs_usual_care.text.")
    add("g.pain.post.prt_vs_usual_care.text.ci_high", "-1.32", "Results text", unit="Hedges g",
        note="Upper end of the 95% CI printed with g.pain.post.prt_vs_usual_care.text.")
    add("g.pain.post.prt_vs_placebo.post_only", "-1.13", "Derived from Table 2",
        unit="Hedges g", uses=False,
        note="About this value: Hedges g from post-treatment means and SDs alone, ignoring "
             "baseline (stated in the facts file). Not the paper's change-score g; shown to teach "
             "the difference.")
    add("g.pain.post.prt_vs_usual_care.post_only", "-1.43", "Derived from Table 2",
        unit="Hedges g", uses=False,
        note="About this value: Hedges g from post-treatment means and SDs alone, ignoring "
             "baseline (stated in the facts file). Not the paper's change-score g; shown to teach "
             "the difference.")


def _table2_odi(add) -> None:
    """Table 2: Oswestry Disability Index."""
    add("odi.baseline.prt.mean", "23.70", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, PRT arm, baseline, mean.")
    add("odi.baseline.prt.sd", "10.70", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, PRT arm, baseline, SD.")
    add("odi.baseline.placebo.mean", "23.06", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, placebo arm, baseline, mean.")
    add("odi.baseline.placebo.sd", "10.14", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, placebo arm, baseline, SD.")
    add("odi.baseline.usual_care.mean", "23.26", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, usual care arm, baseline, mean.")
    add("odi.baseline.usual_care.sd", "9.67", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, usual care arm, baseline, SD.")
    add("odi.post.prt.mean", "10.14", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, PRT arm, post, mean.")
    add("odi.post.prt.sd", "10.63", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, PRT arm, post, SD.")
    add("odi.post.placebo.mean", "19.00", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, placebo arm, post, mean.")
    add("odi.post.placebo.sd", "11.07", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, placebo arm, post, SD.")
    add("odi.post.usual_care.mean", "20.68", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, usual care arm, post, mean.")
    add("odi.post.usual_care.sd", "10.68", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, usual care arm, post, SD.")
    add("odi.12mo.prt.mean", "11.16", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, PRT arm, 12mo, mean.")
    add("odi.12mo.prt.sd", "13.13", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, PRT arm, 12mo, SD.")
    add("odi.12mo.placebo.mean", "18.52", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, placebo arm, 12mo, mean.")
    add("odi.12mo.placebo.sd", "12.60", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, placebo arm, 12mo, SD.")
    add("odi.12mo.usual_care.mean", "18.78", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, usual care arm, 12mo, mean.")
    add("odi.12mo.usual_care.sd", "12.59", "Table 2", unit="points (0-100)",
        note="Oswestry Disability Index, usual care arm, 12mo, SD.")
    add("g.odi.post.prt_vs_placebo", "-1.30", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on disability (ODI), PRT vs placebo, post.")
    add("g.odi.post.prt_vs_placebo.se", "0.28", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.odi.post.prt_vs_placebo.")
    add("g.odi.post.prt_vs_usual_care", "-1.70", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on disability (ODI), PRT vs usual care, post.")
    add("g.odi.post.prt_vs_usual_care.se", "0.26", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.odi.post.prt_vs_usual_care.")
    add("g.odi.12mo.prt_vs_placebo", "-0.23", "Table 2", unit="Hedges g", uses=False,
        note="Printed without an SE yet with P < .001; does not fit the printed means. The course "
             "does not quote it as a result (see inconsistencies()).")
    add("g.odi.12mo.prt_vs_placebo.p_below", ".001", "Table 2", unit="probability", uses=False,
        note="Table 2 prints P < .001 next to the -0.23 that has no SE.")
    add("g.odi.12mo.prt_vs_usual_care", "-0.83", "Table 2", unit="Hedges g",
        note="Change-score Hedges g on disability (ODI), PRT vs usual care, 12 months.")
    add("g.odi.12mo.prt_vs_usual_care.se", "0.24", "Table 2", unit="Hedges g",
        note="Bootstrap standard error of g.odi.12mo.prt_vs_usual_care.")


def _etable2_responders(add) -> None:
    """eTable 2 and the Results text: responders."""
    add("responders.reduction30.post.prt.percent", "78", "eTable 2", unit="%",
        note="Responders (at least 30% reduction in pain from baseline), PRT arm, post, percent "
             "of those randomized; missing counted as non-responder.")
    add("responders.reduction30.12mo.prt.percent", "70", "eTable 2", unit="%",
        note="Responders (at least 30% reduction in pain from baseline), PRT arm, 12mo, percent "
             "of those randomized; missing counted as non-responder.")
    add("responders.reduction30.post.placebo.percent", "49", "eTable 2", unit="%",
        note="Responders (at least 30% reduction in pain from baseline), placebo arm, post, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.reduction30.12mo.placebo.percent", "49", "eTable 2", unit="%",
        note="Responders (at least 30% reduction in pain from baseline), placebo arm, 12mo, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.reduction30.post.usual_care.percent", "38", "eTable 2", unit="%",
        note="Responders (at least 30% reduction in pain from baseline), usual care arm, post, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.reduction30.12mo.usual_care.percent", "30", "eTable 2", unit="%",
        note="Responders (at least 30% reduction in pain from baseline), usual care arm, 12mo, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.reduction50.post.prt.percent", "70", "eTable 2", unit="%",
        note="Responders (at least 50% reduction in pain from baseline), PRT arm, post, percent "
             "of those randomized; missing counted as non-responder.")
    add("responders.reduction50.12mo.prt.percent", "60", "eTable 2", unit="%",
        note="Responders (at least 50% reduction in pain from baseline), PRT arm, 12mo, percent "
             "of those randomized; missing counted as non-responder.")
    add("responders.reduction50.post.placebo.percent", "29", "eTable 2", unit="%",
        note="Responders (at least 50% reduction in pain from baseline), placebo arm, post, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.reduction50.12mo.placebo.percent", "35", "eTable 2", unit="%",
        note="Responders (at least 50% reduction in pain from baseline), placebo arm, 12mo, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.reduction50.post.usual_care.percent", "16", "eTable 2", unit="%",
        note="Responders (at least 50% reduction in pain from baseline), usual care arm, post, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.reduction50.12mo.usual_care.percent", "20", "eTable 2", unit="%",
        note="Responders (at least 50% reduction in pain from baseline), usual care arm, 12mo, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.pain01.post.prt.percent", "66", "eTable 2", unit="%",
        note="Responders (pain-free or nearly pain-free (pain 0 or 1 of 10)), PRT arm, post, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.pain01.12mo.prt.percent", "52", "eTable 2", unit="%",
        note="Responders (pain-free or nearly pain-free (pain 0 or 1 of 10)), PRT arm, 12mo, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.pain01.post.placebo.percent", "20", "eTable 2", unit="%",
        note="Responders (pain-free or nearly pain-free (pain 0 or 1 of 10)), placebo arm, post, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.pain01.12mo.placebo.percent", "27", "eTable 2", unit="%",
        note="Responders (pain-free or nearly pain-free (pain 0 or 1 of 10)), placebo arm, 12mo, "
             "percent of those randomized; missing counted as non-responder.")
    add("responders.pain01.post.usual_care.percent", "10", "eTable 2", unit="%",
        note="Responders (pain-free or nearly pain-free (pain 0 or 1 of 10)), usual care arm, "
             "post, percent of those randomized; missing counted as non-responder.")
    add("responders.pain01.12mo.usual_care.percent", "16", "eTable 2", unit="%",
        note="Responders (pain-free or nearly pain-free (pain 0 or 1 of 10)), usual care arm, "
             "12mo, percent of those randomized; missing counted as non-responder.")
    add("responders.pain01.post.prt", "33", "Results text", unit="participants",
        note="Prt participants with pain 0 or 1 at post-treatment (the facts file places these "
             "counts in the paper).")
    add("responders.pain01.post.placebo", "10", "Results text", unit="participants",
        note="Placebo participants with pain 0 or 1 at post-treatment (the facts file places "
             "these counts in the paper).")
    add("responders.pain01.post.usual_care", "5", "Results text", unit="participants",
        note="Usual care participants with pain 0 or 1 at post-treatment (the facts file places "
             "these counts in the paper).")
    add("responders.pain01.post.prt.percent_of_initiated", "73", "Results text", unit="%",
        note="The 33 PRT responders as a percent of the 45 who started PRT.")


def _etables5_6(add) -> None:
    """eTables 5-6: TSK-11 and mediation."""
    add("tsk11.scale_min", "11", "eTables 5-6", unit="points",
        note="Lowest possible TSK-11 score (Tampa Scale of Kinesiophobia).")
    add("tsk11.scale_max", "44", "eTables 5-6", unit="points",
        note="Highest possible TSK-11 score; higher = stronger belief that pain signals injury.")
    add("tsk11.baseline.prt.mean", "23.62", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, PRT arm, baseline, mean (the facts file gives these under the supplement's "
             "eTables 5-6).")
    add("tsk11.baseline.prt.sd", "5.46", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, PRT arm, baseline, SD.")
    add("tsk11.baseline.placebo.mean", "23.10", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, placebo arm, baseline, mean (the facts file gives these under the "
             "supplement's eTables 5-6).")
    add("tsk11.baseline.placebo.sd", "4.62", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, placebo arm, baseline, SD.")
    add("tsk11.baseline.usual_care.mean", "23.93", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, usual care arm, baseline, mean (the facts file gives these under the "
             "supplement's eTables 5-6).")
    add("tsk11.baseline.usual_care.sd", "4.68", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, usual care arm, baseline, SD.")
    add("tsk11.post.prt.mean", "16.41", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, PRT arm, post, mean (the facts file gives these under the supplement's "
             "eTables 5-6).")
    add("tsk11.post.prt.sd", "5.37", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, PRT arm, post, SD.")
    add("tsk11.post.placebo.mean", "22.16", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, placebo arm, post, mean (the facts file gives these under the supplement's "
             "eTables 5-6).")
    add("tsk11.post.placebo.sd", "4.94", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, placebo arm, post, SD.")
    add("tsk11.post.usual_care.mean", "22.51", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, usual care arm, post, mean (the facts file gives these under the "
             "supplement's eTables 5-6).")
    add("tsk11.post.usual_care.sd", "6.30", "eTables 5-6", unit="points (11-44)",
        note="TSK-11, usual care arm, post, SD.")
    add("g.tsk11.post.prt_vs_placebo", "-1.90", "eTables 5-6", unit="Hedges g",
        note="Hedges g on TSK-11 at post-treatment, PRT vs placebo; no SE in the facts file.")
    add("g.tsk11.post.prt_vs_usual_care", "-1.67", "eTables 5-6", unit="Hedges g",
        note="Hedges g on TSK-11 at post-treatment, PRT vs usual care; no SE in the facts file.")
    add("mediation.tsk11.12mo.a", "-1.41", "eTable 5", unit="standardized",
        note="Mediation of pain at 12mo by TSK-11 change, path a: PRT vs placebo -> pre-to-post "
             "change in TSK-11; standardized; not prespecified.")
    add("mediation.tsk11.12mo.b", "0.29", "eTable 5", unit="standardized",
        note="Mediation of pain at 12mo by TSK-11 change, path b: change in TSK-11 -> pain, "
             "adjusting for group; standardized; not prespecified.")
    add("mediation.tsk11.12mo.c_prime", "-0.40", "eTable 5", unit="standardized",
        note="Mediation of pain at 12mo by TSK-11 change, path c': direct effect of PRT vs "
             "placebo on pain; standardized; not prespecified.")
    add("mediation.tsk11.12mo.c", "-0.81", "eTable 5", unit="standardized",
        note="Mediation of pain at 12mo by TSK-11 change, path c: total effect of PRT vs placebo "
             "on pain; standardized; not prespecified.")
    add("mediation.tsk11.12mo.ab", "-0.41", "eTable 5", unit="standardized",
        note="Mediation of pain at 12mo by TSK-11 change, indirect effect a x b through TSK-11 "
             "change; standardized; not prespecified.")
    add("mediation.tsk11.1mo.a", "-1.34", "eTable 5", unit="standardized",
        note="Mediation of pain at 1mo by TSK-11 change, path a: PRT vs placebo -> pre-to-post "
             "change in TSK-11; standardized; not prespecified.")
    add("mediation.tsk11.1mo.b", "0.31", "eTable 5", unit="standardized",
        note="Mediation of pain at 1mo by TSK-11 change, path b: change in TSK-11 -> pain, "
             "adjusting for group; standardized; not prespecified.")
    add("mediation.tsk11.1mo.c_prime", "-0.32", "eTable 5", unit="standardized",
        note="Mediation of pain at 1mo by TSK-11 change, path c': direct effect of PRT vs placebo "
             "on pain; standardized; not prespecified.")
    add("mediation.tsk11.1mo.c", "-0.73", "eTable 5", unit="standardized",
        note="Mediation of pain at 1mo by TSK-11 change, path c: total effect of PRT vs placebo "
             "on pain; standardized; not prespecified.")
    add("mediation.tsk11.1mo.ab", "-0.41", "eTable 5", unit="standardized",
        note="Mediation of pain at 1mo by TSK-11 change, indirect effect a x b through TSK-11 "
             "change; standardized; not prespecified.")
    add("mediation.tsk11.12mo.ab.p_below", ".05", "eTable 5", unit="probability",
        note="The 12-month indirect effect is significant at p < .05.")
    add("mediation.etable5_row.tsk11_12mo.a", "+0.93", "eTable 5", unit="standardized", uses=False,
        note="The eTable 5 row labelled TSK-11 at 12 months prints path a as +0.93 while the "
             "neighbouring path-a entries are negative; the facts file does not say which model "
             "the row belongs to. Not quoted (see inconsistencies()).")
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
        uses=False, text=True,
        note="The rows labelled Pain Catastrophizing Scale duplicate the PANAS negative-affect "
             "rows, so they cannot be read as PCS results.")


def _fmri(add) -> None:
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


def _news_summary(add) -> None:
    """The news summary's misreading (not the paper)."""
    add("news_summary.claimed_randomized.prt", "33", "News summary (not the paper)",
        unit="participants", uses=False,
        note="A widely shared summary called this the number randomized to PRT; it is the number "
             "with pain 0 or 1 at post-treatment.")
    add("news_summary.claimed_randomized.placebo", "10", "News summary (not the paper)",
        unit="participants", uses=False,
        note="A widely shared summary called this the number randomized to placebo; it is the "
             "number with pain 0 or 1 at post-treatment.")
    add("news_summary.claimed_randomized.usual_care", "5", "News summary (not the paper)",
        unit="participants", uses=False,
        note="A widely shared summary called this the number randomized to usual care; it is the "
             "number with pain 0 or 1 at post-treatment.")


def _public_data(add) -> None:
    """The public de-identified data file."""
    add("public_data.rows", "341", "Public data file", unit="rows",
        note="Rows in the CC0 file (pre and post only, no follow-up months).")
    add("public_data.healthy_controls", "55", "Public data file", unit="participants",
        note="Healthy controls in the file (group empty).")
    add("public_data.pain.baseline.prt.mean", "3.94", "Public data file", unit="points (0-10)",
        note="Pre-treatment pain_avg from a single session, so it differs from the two-session "
             "baseline of Table 2.")
    add("public_data.pain.baseline.placebo.mean", "3.80", "Public data file", unit="points (0-10)",
        note="Pre-treatment pain_avg from a single session, so it differs from the two-session "
             "baseline of Table 2.")
    add("public_data.pain.baseline.usual_care.mean", "3.60", "Public data file",
        unit="points (0-10)",
        note="Pre-treatment pain_avg from a single session, so it differs from the two-session "
             "baseline of Table 2.")
    add("public_data.pain.post.prt.mean", "1.182", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg; reproduces Table 2.")
    add("public_data.pain.post.prt.sd", "1.244", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg SD; reproduces Table 2.")
    add("public_data.pain.post.placebo.mean", "2.841", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg; reproduces Table 2.")
    add("public_data.pain.post.placebo.sd", "1.642", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg SD; reproduces Table 2.")
    add("public_data.pain.post.usual_care.mean", "3.128", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg; reproduces Table 2.")
    add("public_data.pain.post.usual_care.sd", "1.454", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg SD; reproduces Table 2.")
    add("public_data.g.pain.post.prt_vs_placebo", "-1.15", "Public data file", unit="Hedges g",
        note="About this value: change-score g computed from the public file, PRT vs placebo "
             "(single-session baseline).")
    add("public_data.g.pain.post.prt_vs_usual_care", "-1.78", "Public data file", unit="Hedges g",
        note="About this value: change-score g computed from the public file, PRT vs usual care "
             "(single-session baseline).")



def _add_clusters(add, key: str, seed: str, cmp: str) -> None:
    """One eTable 8 fact: the clusters surviving for a seed and comparison (_CONNECTIVITY)."""
    summary = {(s, c): (n, regions) for s, c, n, regions in _CONNECTIVITY_SUMMARY}
    n_clusters, regions = summary[(seed, cmp)]
    label = {"prt_vs_placebo": "PRT vs placebo", "prt_vs_usual_care": "PRT vs usual care"}[cmp]
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
                    "prtlib.trial.published.keys(prefix), e.g. keys('pain.post').")
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


# Keep the public vocabulary in step with prtlib.trial.constants (fails loudly at import if not).
if not all(f"pain.{t}.{a}.mean" in _FACTS for t in TIMES for a in ARMS):
    raise RuntimeError("the ledger must hold a pain mean for every time and arm")
