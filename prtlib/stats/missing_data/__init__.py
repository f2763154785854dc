"""Missing data in a two-arm trial with repeated measures: a dropout laboratory and the
estimators it tests.

- :mod:`~prtlib.stats.missing_data.laboratory`: :func:`simulate_complete_trials` (many
  complete trials whose true effect is known) and :func:`impose_dropout` (dropout that is
  MCAR, MAR or MNAR);
- :mod:`~prtlib.stats.missing_data.estimators`: three estimators of the effect at a visit,
  :func:`completers_effect`, :func:`locf_effect` and :func:`mixed_model_effect`, the last a
  fast, vectorized REML fit of a random-intercept model (:func:`fit_random_intercept`);
- :mod:`~prtlib.stats.missing_data.study`: :func:`dropout_study`, which puts the three
  side by side under one kind of dropout.

Everything takes plain arrays and explicit parameters. The PRT trial's attrition, its
Table 2 trajectories, the dropout study with Table 2's means and the trial's own mixed
model are in the trial layer, ``trial.followup``.

Sign convention: treated minus control. On the pain scale a benefit is negative.
"""

from prtlib.stats.missing_data.estimators import (
    RandomInterceptFit,
    completers_effect,
    fit_random_intercept,
    locf_effect,
    mixed_model_effect,
)
from prtlib.stats.missing_data.laboratory import (
    MECHANISM_LABELS,
    MECHANISMS,
    OUTCOMES,
    SD_PERSON,
    SD_VISIT,
    CompleteTrials,
    impose_dropout,
    simulate_complete_trials,
)
from prtlib.stats.missing_data.study import METHOD_LABELS, METHODS, DropoutStudy, dropout_study

__all__ = [
    "MECHANISMS",
    "MECHANISM_LABELS",
    "METHODS",
    "METHOD_LABELS",
    "OUTCOMES",
    "SD_PERSON",
    "SD_VISIT",
    "CompleteTrials",
    "DropoutStudy",
    "RandomInterceptFit",
    "completers_effect",
    "dropout_study",
    "fit_random_intercept",
    "impose_dropout",
    "locf_effect",
    "mixed_model_effect",
    "simulate_complete_trials",
]
