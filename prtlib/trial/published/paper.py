"""The paper's citation, and the ledger's facts from its Abstract and Methods."""

from __future__ import annotations

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


def paper_and_methods(add) -> None:
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
