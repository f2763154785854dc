"""prtlib: the helper library of the PRT course.

The course teaches chronic back pain, randomized designs, effect sizes and the
interpretation of fMRI through one trial: Pain Reprocessing Therapy (PRT) against
open-label placebo and usual care (Ashar et al., JAMA Psychiatry 2022).

Every public module is listed once, in :data:`MODULES`, with the layer it belongs to and
what it holds; ``import prtlib`` then ``prtlib.<module>`` works for each of them. The
README's "What is where" is generated from the same list (``make docs``).

Submodules are imported on first use, so ``import prtlib`` stays light.
"""

from importlib import import_module

__version__ = "0.1.0"

#: The layers of the library, in the order the README shows them.
LAYERS = {
    "stats": "general statistics, usable beyond this trial",
    "trial": "the PRT trial (its published numbers, its people and its reports)",
    "course": "the course (explorers and exercises of the lessons, figures, authoring, teaching)",
}

#: Every public module: name -> (layer, what it holds). The one list of the package.
MODULES = {
    # general statistics
    "effect_sizes": ("stats", "standardized mean differences (Cohen's d, Hedges' g, the "
                              "change-score g) and their intervals"),
    "overlap": ("stats", "a standardized difference in plain words: overlap, probability of "
                         "superiority and number needed to treat"),
    "proportions": ("stats", "two proportions compared (risk difference, risk ratio, odds "
                             "ratio, NNT, Cohen's h) and the Wilson interval"),
    "power": ("stats", "analytic power, sample size and minimum detectable effect of the "
                       "two-sample t test"),
    "simulation": ("stats", "many simulated k-arm trials at once, with pairwise tests and "
                            "multiplicity corrections"),
    "design_analysis": ("stats", "power, type S and exaggeration ratio of a design (Gelman "
                                 "& Carlin)"),
    "precision": ("stats", "how wide a standardized difference's interval is, and how "
                                "it dances from study to study"),
    "intervals": ("stats", "the one interval type (low, high, level, method) and the rule "
                           "for when a result offers it as a method or an attribute"),
    "multiplicity": ("stats", "Bonferroni, Holm and Benjamini-Hochberg adjustment of any "
                              "array of p-values"),
    "bootstrap": ("stats", "seeded, vectorized bootstrap intervals for Hedges' g and "
                                "the change-score g"),
    "missing_data": ("stats", "dropout simulations and the estimators they test "
                                   "(completers, LOCF, mixed models)"),
    "mediation": ("stats", "single-mediator paths, the bootstrap indirect effect and "
                                "confounding of the mediator"),
    "fmri": ("stats", "simulated fMRI signals and their analysis (HRF, GLM, "
                           "connectivity, multiple comparisons, circularity)"),
    # the trial
    "published": ("trial", "the ledger of every trial number the course quotes, with its "
                           "source"),
    "constants": ("trial", "the trial's arms and assessment times, with display labels"),
    "cohort": ("trial", "participant-level data, simulated and public"),
    "baseline": ("trial", "the participants at baseline, and what a cross-section can show"),
    "outcomes": ("trial", "published outcomes arranged by arm and time"),
    "responders": ("trial", "the one responder rule of eTable 2, and its responders as "
                            "counts"),
    "trial_effects": ("trial", "the trial's effects in several currencies (responders, "
                               "Table 2's g over time, effect-size variants)"),
    "mechanisms": ("trial", "the trial's mediation data: PRT, the change in fear-of-movement "
                            "beliefs and pain"),
    "followup": ("trial", "follow-up, attrition and missing data in the trial (Table 2's "
                          "trajectories, the dropout study, the trial's mixed model)"),
    "painscience": ("trial", "questionnaires, eligibility and the fear-avoidance cycle"),
    "scanning": ("trial", "the trial's fMRI protocol, the fMRI simulations at its settings and "
                          "its region-of-interest results"),
    "designs": ("trial", "how a randomized trial earns its conclusions (confounding, "
                         "regression to the mean, allocation, intention to treat, CONSORT)"),
    "evidence": ("trial", "reading the trial's reports critically: a news misreading, "
                          "calculators for printed results, replication plans"),
    "inconsistencies": ("trial", "the paper's inconsistencies, each checked against the "
                                 "ledger, with what it changes"),
    "appraisal": ("trial", "a Cochrane RoB 2 appraisal of one trial result"),
    # the course
    "catalogue": ("course", "the lessons in order, with file, title, time and what each teaches"),
    "explorers": ("course", "the interactive explorers of the lessons"),
    "exercise_sets": ("course", "the exercises of each lesson, with expected answers"),
    "checks": ("course", "feedback on learners' answers in the exercise notebooks"),
    "figures": ("course", "the static figures of the lessons, one module per topic"),
    "plotting": ("course", "the colour-blind-safe palette and figure style"),
    "authoring": ("course", "exercise notebooks generated from their masters; notebook "
                            "execution"),
    "docs": ("course", "generated documentation (bibliography, guide, syllabi, times)"),
    "release": ("course", "the learners' copy of the course, without solutions"),
    "grading": ("course", "grade a class's exercise notebooks into a gradebook"),
    "teaching": ("course", "Binder, JupyterHub and Colab links for a class"),
}

__all__ = ["__version__", "LAYERS", "MODULES", "path", *MODULES]


def path(name: str) -> str:
    """The dotted path of the public module ``name``, e.g. ``"prtlib.stats.power"``."""
    if name not in MODULES:
        raise ValueError(f"name={name!r} is not a public module of prtlib; "
                         f"allowed: {', '.join(sorted(MODULES))}")
    return f"{__name__}.{MODULES[name][0]}.{name}"


def __getattr__(name):
    if name in MODULES:
        module = import_module(path(name))
        globals()[name] = module
        return module
    raise AttributeError(f"module 'prtlib' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
