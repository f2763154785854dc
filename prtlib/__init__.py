"""prtlib: the helper library of the PRT course.

The course teaches chronic back pain, randomized designs, effect sizes and the
interpretation of fMRI through one trial: Pain Reprocessing Therapy (PRT) against
open-label placebo and usual care (Ashar et al., JAMA Psychiatry 2022).

Modules, one per topic:

- ``prtlib.published``: the ledger of every trial number the course quotes, with its source.
- ``prtlib.effect_sizes``: standardized mean differences, their intervals, and
  comparisons of proportions.
- ``prtlib.power``: analytic power, sample size, simulated trials and design analysis.
- ``prtlib.cohort``: participant-level data (a simulated cohort, and the public data).
- ``prtlib.checks``: feedback on learners' answers in the exercise notebooks.
- ``prtlib.explorers``: the interactive explorers used in the lessons.
- ``prtlib.plotting``: the course's colour-blind-safe palette and figure style.

Submodules are imported on first use, so ``import prtlib`` stays light.
"""

from importlib import import_module

__version__ = "0.1.0"

_SUBMODULES = (
    "appraisal",
    "authoring",
    "catalogue",
    "checks",
    "cohort",
    "constants",
    "effect_sizes",
    "evidence",
    "explorers",
    "fmri",
    "outcomes",
    "plotting",
    "power",
    "teaching",
    "published",
)

__all__ = ["__version__", *_SUBMODULES]


def __getattr__(name):
    if name in _SUBMODULES:
        module = import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'prtlib' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
