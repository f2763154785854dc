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

The package holds one module per source, each writing its keys literally (``paper``,
``figure1``, ``table1``, ``table2``, ``results_text``, ``etables``, ``fmri``, ``news``,
``public_data``), the row type and the assembled ledger (``facts``), the look-up functions
(``lookup``) and the paper's inconsistencies (``discrepancies``). Use the names below from
the package: ``published.get(...)``.

References
----------
.. [1] Ashar YK, Gordon A, Schubiner H, et al. Effect of Pain Reprocessing Therapy vs
   Placebo and Usual Care for Patients With Chronic Back Pain: A Randomized Clinical
   Trial. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669
"""

from prtlib.trial.published.discrepancies import inconsistencies
from prtlib.trial.published.facts import Fact
from prtlib.trial.published.fmri import fmri_connectivity, fmri_peaks
from prtlib.trial.published.lookup import cite, fact, get, keys, ledger, search, source
from prtlib.trial.published.paper import CITATION, DOI, TRIAL_REGISTRATION
from prtlib.trial.published.public_data import PUBLIC_DATA

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
