"""How a randomized trial earns its conclusions: simulations and counts for lesson 02.

Five questions, one group of functions each:

- **Confounding.** When milder cases choose therapy, a plain comparison of those who chose
  it with those who did not is biased; random allocation removes the bias on average
  (:func:`observational_study`, :func:`simulate_confounding`,
  :func:`expected_confounding_bias`).
- **Regression to the mean.** A study that admits people whose pain is at least 4/10 on a
  noisy measure sees their pain fall with no treatment at all
  (:func:`regression_to_mean`, :func:`simulate_regression_to_mean`).
- **Allocation.** Simple randomization, permuted blocks and minimization (Pocock-Simon),
  and the covariate imbalance each leaves in a trial of 151 people
  (:func:`trial_covariates`, :func:`allocate`, :func:`running_imbalance`,
  :func:`simulate_allocation`, :func:`published_imbalance`).
- **Intention to treat.** Responders as a share of everyone randomized, of those who
  started, of those measured (:func:`responder_rates`).
- **The CONSORT flow** of the trial, from the ledger's Figure 1 counts
  (:func:`consort_flow`; the course layer draws it, in course.figures.designs).

One submodule per question: :mod:`~prtlib.trial.designs.confounding`,
:mod:`~prtlib.trial.designs.regression`, :mod:`~prtlib.trial.designs.allocation` and
:mod:`~prtlib.trial.designs.flow` (intention to treat and CONSORT); this package
re-exports their public names. Every trial number is read from :mod:`prtlib.trial.published`; the other numbers in the
simulations (how strongly severity drives the choice of therapy, the test-retest
reliability of a pain rating, ...) are modelling choices, named as such where they appear.
"""

from prtlib.trial.designs.allocation import (
    ALLOCATION_METHODS,
    IMBALANCE_MEASURES,
    AllocationStudy,
    allocate,
    published_imbalance,
    running_imbalance,
    simulate_allocation,
    trial_covariates,
)
from prtlib.trial.designs.confounding import (
    ConfoundingResult,
    expected_confounding_bias,
    observational_study,
    simulate_confounding,
)
from prtlib.trial.designs.flow import ConsortFlow, ResponderRates, consort_flow, responder_rates
from prtlib.trial.designs.regression import (
    RegressionToMean,
    RtmSimulation,
    regression_to_mean,
    simulate_regression_to_mean,
)

__all__ = [
    "ALLOCATION_METHODS",
    "IMBALANCE_MEASURES",
    "AllocationStudy",
    "ConfoundingResult",
    "ConsortFlow",
    "RegressionToMean",
    "ResponderRates",
    "RtmSimulation",
    "allocate",
    "consort_flow",
    "expected_confounding_bias",
    "observational_study",
    "published_imbalance",
    "regression_to_mean",
    "responder_rates",
    "running_imbalance",
    "simulate_allocation",
    "simulate_confounding",
    "simulate_regression_to_mean",
    "trial_covariates",
]
