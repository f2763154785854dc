"""Simulated fMRI signals and their analysis, for reading brain findings critically.

Nothing here reads a real scan: every signal is simulated, so that the learner knows the
truth and can see what each analysis step does to it. Nothing here knows a particular
study either: the repetition time, the layout of a run and the length of a scan are
parameters (the PRT trial's protocol, its region-of-interest results and thin wrappers that
fill in its values are in :mod:`prtlib.trial.scanning`; the glass-brain figure is
:func:`prtlib.course.figures.fmri.plot_peaks`). The submodules follow the path of an
analysis:

- :mod:`~prtlib.stats.fmri.design`, **a model of one voxel**: :func:`hrf` (SPM's
  double-gamma haemodynamic response), :func:`task_events` (an evoked-stimulation run),
  :func:`design_matrix` (HRF-convolved regressors and drifts) and :func:`simulate_voxel`
  (a BOLD series from chosen effects and noise).
- :mod:`~prtlib.stats.fmri.glm`, **the general linear model**: :func:`fit_glm` (ordinary
  least squares, one voxel or thousands at once), :class:`GLMResult` and its
  :meth:`GLMResult.contrast`, a :class:`ContrastResult` (effect, SE, t, p and
  ``confidence_interval()``).
- :mod:`~prtlib.stats.fmri.connectivity`, **connectivity and correlations**:
  :func:`seed_connectivity` (Pearson r and Fisher z), :func:`simulate_resting_pair`,
  :func:`simulate_connectivity_study` (a pre/post, two-group study and its group x time
  test), :func:`correlation_power` and :func:`correlation_sample_size`.
- :mod:`~prtlib.stats.fmri.inference`, **many voxels, many tests**:
  :func:`simulate_brain` and :func:`simulate_null_brain` (group t maps on a smooth grid),
  :func:`threshold_uncorrected`, :func:`bonferroni`, :func:`fdr_bh` and
  :func:`fwe_permutation`, :func:`correction_summary` and :func:`false_positive_rates`.
- :mod:`~prtlib.stats.fmri.circularity`, **pitfalls of interpretation**:
  :func:`circular_analysis` ("double dipping"), :func:`reverse_inference` (Bayes' rule
  from activation to pain), :func:`t_to_d` and :func:`t_to_p` (a reported t as an
  approximate standardized effect and a p-value).

Every ``alternative=`` takes scipy's names, "two-sided", "greater" and "less". Importing
this package is light (numpy only); scipy and pandas are imported inside the functions
that need them.
"""

from prtlib.stats.fmri.circularity import (
    CircularResult,
    circular_analysis,
    reverse_inference,
    t_to_d,
    t_to_p,
)
from prtlib.stats.fmri.connectivity import (
    ConnectivityResult,
    ConnectivityStudy,
    CorrelationPower,
    correlation_power,
    correlation_sample_size,
    seed_connectivity,
    simulate_connectivity_study,
    simulate_resting_pair,
)
from prtlib.stats.fmri.design import design_matrix, hrf, simulate_voxel, task_events
from prtlib.stats.fmri.glm import ContrastResult, GLMResult, fit_glm
from prtlib.stats.fmri.inference import (
    BrainSimulation,
    ThresholdResult,
    bonferroni,
    correction_summary,
    false_positive_rates,
    fdr_bh,
    fwe_permutation,
    simulate_brain,
    simulate_null_brain,
    threshold_uncorrected,
)

__all__ = [
    "BrainSimulation",
    "CircularResult",
    "ConnectivityResult",
    "ConnectivityStudy",
    "ContrastResult",
    "CorrelationPower",
    "GLMResult",
    "ThresholdResult",
    "bonferroni",
    "circular_analysis",
    "correction_summary",
    "correlation_power",
    "correlation_sample_size",
    "design_matrix",
    "false_positive_rates",
    "fdr_bh",
    "fit_glm",
    "fwe_permutation",
    "hrf",
    "reverse_inference",
    "seed_connectivity",
    "simulate_brain",
    "simulate_connectivity_study",
    "simulate_null_brain",
    "simulate_resting_pair",
    "simulate_voxel",
    "t_to_d",
    "t_to_p",
    "task_events",
    "threshold_uncorrected",
]
