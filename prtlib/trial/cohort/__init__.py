"""Participant-level data: a simulated PRT cohort, and the real de-identified trial data.

The paper prints summaries (means, SDs, counts). Many lessons need rows, one per person
and visit, so this module offers two long-format tables with the same columns:

- :func:`synthetic_trial`: a **simulated** cohort of 151 people, built so that its
  summaries reproduce the published ones (Table 1, Table 2, Figure 1, eTables 5-6 of
  Ashar et al. 2022) for every seed. It has all seven assessment times.
- :func:`public_trial`: the **real** de-identified outcomes that the authors released
  (pre- and post-treatment only), downloaded once from its public address and cached.

Helpers that lessons use on either table: :func:`wide`, :func:`summarize`,
:func:`responders`.

Submodules: :mod:`~prtlib.trial.cohort.simulation` (the simulation engine),
:mod:`~prtlib.trial.cohort.public` (the public data) and
:mod:`~prtlib.trial.cohort.tables` (the helpers); this package re-exports their public
names.

Columns shared by both tables: ``participant`` (a string id), ``arm`` (categorical: prt,
placebo, usual_care), ``time`` (ordered categorical: baseline, post, 1mo, 2mo, 3mo, 6mo,
12mo), ``pain`` (0-10), ``tsk11`` (11-44), ``odi`` (0-100), ``age`` (years) and ``sex``
(categorical: female, male). ``df.attrs["simulated"]`` tells the two apart.
"""

from prtlib.trial.cohort.public import (
    DataChecksumError,
    DataUnavailableError,
    public_data_path,
    public_trial,
)
from prtlib.trial.cohort.simulation import synthetic_trial
from prtlib.trial.cohort.tables import responders, summarize, wide
from prtlib.trial.responders import RESPONDER_RULES

__all__ = [
    "DataChecksumError",
    "DataUnavailableError",
    "RESPONDER_RULES",
    "public_data_path",
    "public_trial",
    "responders",
    "summarize",
    "synthetic_trial",
    "wide",
]
