"""Simulated fMRI signals for reading the trial's brain findings critically.

Lessons 07 (evoked pain fMRI) and 08 (connectivity and inference) teach how the trial's
imaging results were obtained and how far they can be trusted. Nothing here reads a real
scan: every signal is simulated, so that the learner knows the truth and can see what each
analysis step does to it. The module follows the path of an analysis:

- **A model of one voxel.** :func:`hrf` is the canonical haemodynamic response (SPM's
  double gamma); :func:`task_events` lays out an evoked back-pain run like the trial's
  (20 trials of 37 s, 4 inflation levels of a pneumatic bladder, a rating after each);
  :func:`design_matrix` turns those events into regressors; :func:`simulate_voxel` makes a
  BOLD time series from chosen effects and noise; :func:`fit_glm` fits the general linear
  model by ordinary least squares, for one voxel or thousands at once, and its
  :meth:`GLMResult.contrast` gives an effect, its standard error, t and p.
- **Connectivity.** :func:`seed_connectivity` correlates a seed's time series with every
  voxel (Pearson r and Fisher z); :func:`simulate_resting_pair` makes the slow resting
  series of a seed and a target; :func:`simulate_connectivity_study` simulates a
  pre/post, two-group connectivity study and its group x time test.
- **Many voxels, many tests.** :func:`simulate_null_brain` (and :func:`simulate_brain`,
  which can add a true effect) makes group t maps on a smooth grid;
  :func:`threshold_uncorrected`, :func:`bonferroni`, :func:`fdr_bh` and
  :func:`fwe_permutation` threshold them, and :func:`correction_summary` counts what
  each method finds; :func:`false_positive_rates` repeats that over many null brains.
- **Pitfalls of interpretation.** :func:`circular_analysis` shows how selecting voxels and
  measuring them on the same data inflates effects ("double dipping");
  :func:`reverse_inference` applies Bayes' rule to "this region is active, so the person
  is in pain"; :func:`t_to_d` and :func:`t_to_p` turn a reported t and its degrees of
  freedom into an approximate standardized effect and a p-value, and
  :func:`trial_roi_results` does so for the trial's region-of-interest results and
  :func:`trial_effects_by_measure` sets them beside the self-reported effects;
  :func:`correlation_power` and :func:`correlation_sample_size` show why brain-behaviour
  correlations from small samples are unreliable.
- **Pictures.** :func:`plot_peaks` draws MNI coordinates (for example the trial's
  localizer peaks, :func:`prtlib.trial.published.fmri_peaks`) on nilearn's glass brain, offline.

Defaults that describe the trial (TR 460 ms, 20 trials of 37 s, 4 levels, the baseline
ratings by level) are read from :mod:`prtlib.trial.published` when a function runs, never typed
here. Timings inside a trial (how long the bladder stays inflated, when the rating comes)
are not in the trial's reports; the defaults of :func:`task_events` are teaching
assumptions and are labelled as such.

Importing this module is light (numpy only); scipy, pandas, matplotlib and nilearn are
imported inside the functions that need them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from prtlib import _validate

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ALTERNATIVES",
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
    "plot_peaks",
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
    "trial_effects_by_measure",
    "trial_roi_results",
]

ALTERNATIVES = ("two-sided", "larger", "smaller")
"""Alternative hypotheses for p-values: effect != 0, effect > 0, effect < 0 (as in
:mod:`prtlib.stats.power`)."""

_PEAK_SHAPE = 6.0  # SPM canonical HRF: shape of the peak gamma (peak near 5 s)
_UNDERSHOOT_SHAPE = 16.0  # shape of the undershoot gamma (trough near 15 s)
_UNDERSHOOT_RATIO = 1.0 / 6.0  # amplitude of the undershoot relative to the peak gamma
_FWHM_PER_SIGMA = math.sqrt(8.0 * math.log(2.0))


# ----------------------------------------------------------------------------------------
# small helpers: defaults from the ledger, array checks
# ----------------------------------------------------------------------------------------


def _ledger(key: str):
    from prtlib.trial import published

    return published.get(key)


def _tr(tr) -> float:
    """The repetition time in seconds: the trial's 460 ms unless given."""
    if tr is None:
        return _ledger("fmri.tr_ms") / 1000.0
    return _validate.positive("tr", tr)


def _finite_array(name: str, value, *, ndim: tuple[int, ...] | None = None) -> np.ndarray:
    """A float array of finite numbers with an allowed number of dimensions."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of numbers; got {_short(value)}.") from None
    if ndim is not None and arr.ndim not in ndim:
        dims = " or ".join(f"{d}-D" for d in ndim)
        raise ValueError(f"{name} must be a {dims} array of numbers; got an array of shape "
                         f"{arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one number; got an empty array.")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must hold finite numbers only (no NaN or infinity); got "
                         f"{_short(value)}.")
    return arr


def _probability_array(name: str, value) -> np.ndarray:
    arr = _finite_array(name, value)
    if ((arr < 0) | (arr > 1)).any():
        raise ValueError(f"{name} must hold probabilities in [0, 1]; got {_short(value)}.")
    return arr


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _scalar_or_array(arr: np.ndarray):
    """Return a Python float for a 0-d result and the array otherwise."""
    arr = np.asarray(arr)
    return float(arr) if arr.ndim == 0 else arr


def _t_sf(t, df):
    from scipy import stats

    return stats.t.sf(t, df)


# ----------------------------------------------------------------------------------------
# the haemodynamic response and the design
# ----------------------------------------------------------------------------------------


def _gamma_pdf(t: np.ndarray, shape: float) -> np.ndarray:
    """Gamma density with unit scale, t^(shape-1) exp(-t) / Gamma(shape), zero for t <= 0."""
    out = np.zeros_like(t, dtype=float)
    pos = t > 0
    out[pos] = np.exp((shape - 1.0) * np.log(t[pos]) - t[pos] - math.lgamma(shape))
    return out


def hrf(tr=None, duration: float = 32.0, oversampling: int = 1) -> np.ndarray:
    """The canonical haemodynamic response function (SPM's double gamma).

    Parameters
    ----------
    tr : float, optional
        Repetition time in seconds: the time between two scans of the same slice. Default
        the trial's TR, 0.46 s (``prtlib.trial.published.get("fmri.tr_ms")``).
    duration : float, default 32.0
        Length of the response kernel, in seconds.
    oversampling : int, default 1
        Samples per TR. With 1 the response is sampled once per scan; a larger value gives
        the fine time grid on which :func:`design_matrix` builds its regressors.

    Returns
    -------
    numpy.ndarray
        ``round(duration * oversampling / tr)`` samples of the response, at times
        ``0, dt, 2 dt, ...`` with ``dt = tr / oversampling``, scaled to sum to 1.

    Raises
    ------
    ValueError
        If ``tr`` or ``duration`` is not positive, ``oversampling`` is not a whole number of
        at least 1, or fewer than 2 samples would result.

    Notes
    -----
    Blood flow, and with it the BOLD signal, rises a few seconds after neurons fire, peaks
    near 5 s and dips below baseline before it recovers. SPM models this as a difference of
    two gamma densities (unit scale, shapes 6 and 16) [1]_:

    .. math:: h(t) = g(t; 6) - \\tfrac{1}{6}\\, g(t; 16), \\qquad
              g(t; a) = \\frac{t^{a-1} e^{-t}}{\\Gamma(a)} .

    The samples are normalized to sum to 1, which is nilearn's normalization of
    ``spm_hrf`` [2]_. Because the kernel sums to 1, a stimulus held long enough produces a
    regressor that settles at 1 (after a brief overshoot, since the undershoot has not yet
    begun), so a regression weight (beta) reads as "signal change during sustained
    stimulation". Nilearn samples on a slightly different grid
    (``numpy.linspace`` over the duration, shifted by one fine step); once the fine step
    ``tr / oversampling`` is 0.03 s or shorter (an oversampling of 16 or more at the
    trial's TR) the two kernels agree to within 1% of the peak.

    References
    ----------
    .. [1] Friston KJ, Fletcher P, Josephs O, Holmes A, Rugg MD, Turner R. Event-related
       fMRI: characterizing differential responses. NeuroImage. 1998;7(1):30-40.
       doi:10.1006/nimg.1997.0306
    .. [2] Nilearn contributors. nilearn.glm.first_level.spm_hrf.
       https://nilearn.github.io/stable/modules/generated/nilearn.glm.first_level.spm_hrf.html

    Examples
    --------
    >>> h = hrf(tr=0.46)
    >>> len(h), round(float(h.sum()), 6)
    (70, 1.0)
    >>> peak_s = float(np.argmax(hrf(tr=0.46, oversampling=50)) * 0.46 / 50)
    >>> round(peak_s, 2)
    5.0
    """
    tr = _tr(tr)
    duration = _validate.positive("duration", duration)
    oversampling = _validate.integer("oversampling", oversampling, minimum=1)
    dt = tr / oversampling
    n = int(round(duration / dt))
    if n < 2:
        raise ValueError(f"duration must span at least 2 samples of tr / oversampling = "
                         f"{dt:g} s; got {duration!r}.")
    t = np.arange(n) * dt
    h = _gamma_pdf(t, _PEAK_SHAPE) - _UNDERSHOOT_RATIO * _gamma_pdf(t, _UNDERSHOOT_SHAPE)
    return h / h.sum()


def task_events(n_trials=None, trial_duration=None, levels=None, seed=0, *,
                stimulation_duration: float = 15.0, rating_onset: float = 20.0,
                rating_duration: float = 5.0) -> pd.DataFrame:
    """The events of one evoked back-pain run, in nilearn's events format.

    Parameters
    ----------
    n_trials : int, optional
        Number of trials. Default the trial's 20 (``fmri.evoked.trials``).
    trial_duration : float, optional
        Seconds from the start of one trial to the start of the next. Default the trial's
        37 s (``fmri.evoked.trial_s``).
    levels : int, optional
        Number of inflation levels of the pneumatic bladder. Default the trial's 4
        (``fmri.evoked.levels``).
    seed : int, default 0
        Seed of the random order of levels.
    stimulation_duration : float, default 15.0
        Seconds the bladder stays inflated, from the start of each trial. A teaching
        assumption: the trial's reports do not give it.
    rating_onset : float, default 20.0
        Seconds from the start of a trial to the start of the rating. A teaching assumption.
    rating_duration : float, default 5.0
        Seconds given to the rating. A teaching assumption.

    Returns
    -------
    pandas.DataFrame
        Two rows per trial, sorted by onset, with columns ``onset`` and ``duration`` (s),
        ``trial_type`` (``"pain"`` for stimulation, ``"rating"``), ``modulation`` (1.0),
        ``trial`` (1, 2, ...), ``level`` (1 = weakest inflation) and ``expected_rating``,
        the trial's mean baseline rating of that level on the 0-100 scale (missing unless
        ``levels`` equals the trial's 4).

    Raises
    ------
    ValueError
        If a count is not a positive whole number, a duration is not positive, or the
        stimulation and rating do not fit inside a trial in that order.

    Notes
    -----
    Simplification: each trial is stimulation from its start, a pause, a rating period
    and rest until the next trial; there is no jitter and no separate anticipation cue.
    Trial ``k`` (from 0) starts at ``k * trial_duration``. The levels are balanced (each
    used ``n_trials / levels`` times, as nearly as possible) and shuffled. The first four
    columns are nilearn's events format [1]_; nilearn ignores the extra columns (with a
    warning), so pass ``events[["onset", "duration", "trial_type", "modulation"]]`` to it.
    The trial reported mean baseline ratings of 32.15, 37.91, 46.70 and 52.73 for the four
    levels [2]_; they fill ``expected_rating``.

    References
    ----------
    .. [1] Nilearn contributors. nilearn.glm.first_level.make_first_level_design_matrix
       (events argument). https://nilearn.github.io/stable/modules/glm.html
    .. [2] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> ev = task_events(seed=1)
    >>> ev.shape
    (40, 7)
    >>> ev.groupby("trial_type")["onset"].count().to_dict()
    {'pain': 20, 'rating': 20}
    >>> ev.loc[ev.trial_type == "pain", "level"].value_counts().sort_index().tolist()
    [5, 5, 5, 5]
    >>> float(ev.onset[0]), float(ev.duration[0]), ev.trial_type[0]
    (0.0, 15.0, 'pain')
    """
    import pandas as pd

    n_trials = (_ledger("fmri.evoked.trials") if n_trials is None
                else _validate.integer("n_trials", n_trials, minimum=1))
    trial_duration = (float(_ledger("fmri.evoked.trial_s")) if trial_duration is None
                      else _validate.positive("trial_duration", trial_duration))
    published_levels = _ledger("fmri.evoked.levels")
    levels = (published_levels if levels is None
              else _validate.integer("levels", levels, minimum=1))
    stim = _validate.positive("stimulation_duration", stimulation_duration)
    r_on = _validate.number("rating_onset", rating_onset, minimum=stim)
    r_dur = _validate.positive("rating_duration", rating_duration)
    if r_on + r_dur > trial_duration:
        raise ValueError(f"rating_onset + rating_duration must fit inside trial_duration = "
                         f"{trial_duration:g} s; got rating_onset={rating_onset!r} and "
                         f"rating_duration={rating_duration!r}.")
    rng = np.random.default_rng(seed)
    order = rng.permutation(np.resize(np.arange(1, levels + 1), n_trials))
    if levels == published_levels:
        ratings = np.array([float(_ledger(f"fmri.evoked.baseline_rating.level{i}"))
                            for i in range(1, levels + 1)])
        expected = ratings[order - 1]
    else:
        expected = np.full(n_trials, np.nan)
    starts = np.arange(n_trials) * trial_duration
    trial = np.arange(1, n_trials + 1)
    frame = pd.DataFrame({
        "onset": np.concatenate([starts, starts + r_on]),
        "duration": np.concatenate([np.full(n_trials, stim), np.full(n_trials, r_dur)]),
        "trial_type": ["pain"] * n_trials + ["rating"] * n_trials,
        "modulation": 1.0,
        "trial": np.concatenate([trial, trial]),
        "level": np.concatenate([order, order]),
        "expected_rating": np.concatenate([expected, expected]),
    })
    return frame.sort_values(["onset", "trial_type"], kind="stable").reset_index(drop=True)


def _check_events(events) -> pd.DataFrame:
    import pandas as pd

    needed = ("onset", "duration", "trial_type")
    if not isinstance(events, pd.DataFrame) or any(c not in events.columns for c in needed):
        raise ValueError("events must be a pandas DataFrame with columns onset, duration and "
                         f"trial_type; got {_short(events)}.")
    if len(events) == 0:
        raise ValueError("events must hold at least one event; got an empty DataFrame.")
    onset = _finite_array("events['onset']", events["onset"])
    duration = _finite_array("events['duration']", events["duration"])
    if (onset < 0).any() or (duration < 0).any():
        raise ValueError("events must have onsets and durations of at least 0 s; got "
                         f"onsets from {onset.min():g} and durations from {duration.min():g}.")
    return events


def _hrf_regressor(onsets, durations, amplitudes, cumulative, n_scans, oversampling, dt):
    """Boxcars convolved with the fine-grid HRF, read at the scan times.

    With ``C`` the cumulative sum of the fine kernel, the discrete convolution of a boxcar
    covering fine samples ``on .. off-1`` is ``C[k - on] - C[k - off]`` at fine sample k.
    """
    on = np.ceil(onsets / dt - 1e-9).astype(np.int64)
    off = np.ceil((onsets + durations) / dt - 1e-9).astype(np.int64)
    off = np.maximum(off, on + 1)  # a zero duration is an impulse of one fine sample
    padded = np.concatenate([[0.0], cumulative])
    last = padded.size - 1
    k = (np.arange(n_scans, dtype=np.int64) * oversampling)[:, None]
    upper = padded[np.clip(k - on[None, :] + 1, 0, last)]
    lower = padded[np.clip(k - off[None, :] + 1, 0, last)]
    return (upper - lower) @ amplitudes


def design_matrix(events, n_scans=None, tr=None, parametric=True, *, modulator="level",
                  parametric_condition="pain", drift_model="cosine",
                  high_pass: float = 1.0 / 128.0, drift_order: int = 2,
                  oversampling: int = 50, hrf_duration: float = 32.0) -> pd.DataFrame:
    """The design matrix of a first-level (single-run) GLM.

    Parameters
    ----------
    events : pandas.DataFrame
        Columns ``onset``, ``duration``, ``trial_type`` and optionally ``modulation``
        (amplitude, default 1), as made by :func:`task_events`.
    n_scans : int, optional
        Number of scans (rows). Default: enough scans to reach ``hrf_duration`` seconds
        past the end of the last event, so that its response has returned to baseline.
    tr : float, optional
        Repetition time in seconds. Default the trial's 0.46 s.
    parametric : bool, default True
        Add a parametric regressor: the events of ``parametric_condition`` with amplitude
        equal to the mean-centred ``modulator``.
    modulator : str, default "level"
        Column of ``events`` that modulates the parametric regressor (``"level"`` or
        ``"expected_rating"`` for events from :func:`task_events`).
    parametric_condition : str, default "pain"
        The ``trial_type`` whose events are modulated.
    drift_model : {"cosine", "polynomial", None}, default "cosine"
        Slow drift terms added to the constant.
    high_pass : float, default 1/128
        Cut-off frequency in Hz of the cosine drift set (SPM's default period of 128 s).
    drift_order : int, default 2
        Highest order of the Legendre polynomial drift terms.
    oversampling : int, default 50
        Fine time steps per TR on which boxcars are convolved with the HRF.
    hrf_duration : float, default 32.0
        Length of the HRF kernel in seconds.

    Returns
    -------
    pandas.DataFrame
        One row per scan, indexed by the scan time in seconds (``0, tr, 2 tr, ...``), with
        one column per ``trial_type`` (in order of first appearance), then
        ``"<condition>_x_<modulator>"`` if ``parametric``, then ``drift_1``, ... and
        ``constant``.

    Raises
    ------
    ValueError
        If ``events`` is not a DataFrame of valid events, ``modulator`` or
        ``parametric_condition`` is missing or constant, a count or duration is invalid, or
        ``drift_model`` is not one of the choices.

    Notes
    -----
    A task regressor is the expected BOLD response to its events: a boxcar ``s(t)`` equal
    to the event's amplitude while it lasts, convolved with the HRF,

    .. math:: x(t) = \\sum_{u} s(u)\\, h(t - u),

    computed on a grid ``oversampling`` times finer than the TR and read at the scan
    times, as nilearn does [1]_. The sum of shifted kernels is evaluated through the
    kernel's cumulative sum, which equals the fine-grid convolution exactly and costs one
    look-up per scan and event. The parametric regressor uses amplitudes
    ``m_i - mean(m)`` so that it carries only the trial-to-trial variation (a stronger
    response to stronger inflation) and is nearly uncorrelated with the task regressor
    [2]_. Cosine drift terms are ``cos(pi k (j + 1/2) / n)`` for scan ``j`` and
    ``k = 1 .. floor(2 n TR f_c)`` (periods longer than ``1 / f_c``); polynomial terms are
    Legendre polynomials of time rescaled to [-1, 1].

    References
    ----------
    .. [1] Nilearn contributors. nilearn.glm.first_level.make_first_level_design_matrix.
       https://nilearn.github.io/stable/modules/glm.html
    .. [2] Buchel C, Holmes AP, Rees G, Friston KJ. Characterizing stimulus-response
       functions using nonlinear regressors in parametric fMRI experiments. NeuroImage.
       1998;8(2):140-148. doi:10.1006/nimg.1998.0351

    Examples
    --------
    >>> X = design_matrix(task_events(seed=1))
    >>> X.shape
    (1653, 15)
    >>> list(X.columns[:4]), X.columns[-1]
    (['pain', 'rating', 'pain_x_level', 'drift_1'], 'constant')
    >>> round(float(X["pain"].max()), 2)  # a 15 s inflation: overshoots 1 before the dip
    1.14
    >>> abs(float(np.corrcoef(X["pain"], X["pain_x_level"])[0, 1])) < 0.05  # centred
    True
    """
    import pandas as pd

    events = _check_events(events)
    tr = _tr(tr)
    oversampling = _validate.integer("oversampling", oversampling, minimum=1)
    hrf_duration = _validate.positive("hrf_duration", hrf_duration)
    if not isinstance(parametric, bool | np.bool_):
        raise ValueError(f"parametric must be True or False; got {parametric!r}.")
    _validate.choice("drift_model", drift_model, ("cosine", "polynomial", None))
    onsets = events["onset"].to_numpy(dtype=float)
    durations = events["duration"].to_numpy(dtype=float)
    if n_scans is None:
        n_scans = int(math.ceil((float(np.max(onsets + durations)) + hrf_duration) / tr))
    n_scans = _validate.integer("n_scans", n_scans, minimum=2)
    amplitudes = (_finite_array("events['modulation']", events["modulation"])
                  if "modulation" in events.columns else np.ones(len(events)))

    dt = tr / oversampling
    cumulative = np.cumsum(hrf(tr, hrf_duration, oversampling))
    types = events["trial_type"].to_numpy()
    columns: dict[str, np.ndarray] = {}
    for condition in pd.unique(types):
        sel = types == condition
        columns[str(condition)] = _hrf_regressor(onsets[sel], durations[sel], amplitudes[sel],
                                                 cumulative, n_scans, oversampling, dt)
    if parametric:
        if parametric_condition not in columns:
            raise ValueError(f"parametric_condition must be one of the trial types "
                             f"{list(columns)}; got {parametric_condition!r}.")
        if modulator not in events.columns:
            raise ValueError(f"modulator must be a column of events; got {modulator!r}.")
        sel = types == parametric_condition
        values = _finite_array(f"events[{modulator!r}]", events.loc[sel, modulator])
        centred = values - values.mean()
        if np.allclose(centred, 0.0):
            raise ValueError(f"modulator must vary across the {parametric_condition!r} "
                             f"events; column {modulator!r} is constant.")
        columns[f"{parametric_condition}_x_{modulator}"] = _hrf_regressor(
            onsets[sel], durations[sel], centred, cumulative, n_scans, oversampling, dt)

    scans = np.arange(n_scans)
    if drift_model == "cosine":
        high_pass = _validate.positive("high_pass", high_pass)
        n_cos = int(math.floor(2.0 * n_scans * tr * high_pass))
        for k in range(1, n_cos + 1):
            columns[f"drift_{k}"] = np.cos(np.pi * k * (scans + 0.5) / n_scans)
    elif drift_model == "polynomial":
        drift_order = _validate.integer("drift_order", drift_order, minimum=1)
        x = np.linspace(-1.0, 1.0, n_scans)
        for k in range(1, drift_order + 1):
            columns[f"drift_{k}"] = np.polynomial.legendre.Legendre.basis(k)(x)
    columns["constant"] = np.ones(n_scans)
    index = pd.Index(scans * tr, name="time_s")
    return pd.DataFrame(columns, index=index)


def _design_values(design) -> tuple[np.ndarray, tuple[str, ...]]:
    import pandas as pd

    if isinstance(design, pd.DataFrame):
        names = tuple(str(c) for c in design.columns)
        X = _finite_array("design", design.to_numpy(dtype=float), ndim=(2,))
    else:
        X = _finite_array("design", design, ndim=(2,))
        names = tuple(f"x{i}" for i in range(X.shape[1]))
    return X, names


def simulate_voxel(design, betas, noise_sd: float = 1.0, ar1: float = 0.0, seed=0, *,
                   n_voxels=None) -> np.ndarray:
    """Simulate a BOLD time series: the design times chosen effects plus noise.

    Parameters
    ----------
    design : pandas.DataFrame or array of shape (n_scans, n_regressors)
        A design matrix such as :func:`design_matrix` returns.
    betas : mapping or array
        True effects: a mapping from column name to value (columns not named get 0), an
        array of one value per column, or an array of shape (n_regressors, n_voxels) for
        voxels with different effects.
    noise_sd : float, default 1.0
        Standard deviation of the noise at each scan.
    ar1 : float, default 0.0
        Lag-1 autocorrelation of the noise, in (-1, 1).
    seed : int, default 0
        Seed of the noise.
    n_voxels : int, optional
        With one value per column in ``betas``: the number of voxels sharing those effects,
        each with its own noise. Default a single voxel (a 1-D result).

    Returns
    -------
    numpy.ndarray
        Shape (n_scans,) for one voxel, (n_scans, n_voxels) otherwise.

    Raises
    ------
    ValueError
        If ``betas`` names an unknown column or has the wrong length, ``noise_sd`` is not
        positive, ``ar1`` is outside (-1, 1), or ``n_voxels`` is given with 2-D ``betas``.

    Notes
    -----
    The series is :math:`y = X\\beta + e` with stationary AR(1) noise,

    .. math:: e_1 = \\sigma w_1, \\qquad
              e_t = \\phi\\, e_{t-1} + \\sigma\\sqrt{1-\\phi^2}\\, w_t ,

    with :math:`w_t` independent standard normal, so every :math:`e_t` has standard
    deviation :math:`\\sigma` and neighbouring scans correlate :math:`\\phi`. Real fMRI
    noise is autocorrelated, more so at a short TR; ordinary least squares then
    underestimates standard errors, which is why fMRI software prewhitens [1]_.

    References
    ----------
    .. [1] Woolrich MW, Ripley BD, Brady M, Smith SM. Temporal autocorrelation in
       univariate linear modeling of FMRI data. NeuroImage. 2001;14(6):1370-1386.
       doi:10.1006/nimg.2001.0931

    Examples
    --------
    >>> X = design_matrix(task_events(seed=1))
    >>> y = simulate_voxel(X, {"pain": 2.0, "constant": 100.0}, noise_sd=1.0, seed=3)
    >>> y.shape
    (1653,)
    >>> Y = simulate_voxel(X, {"pain": 2.0}, n_voxels=5, ar1=0.3)
    >>> Y.shape
    (1653, 5)
    """
    X, names = _design_values(design)
    noise_sd = _validate.positive("noise_sd", noise_sd)
    ar1 = _validate.number("ar1", ar1, minimum=-1, maximum=1, min_inclusive=False,
                           max_inclusive=False)
    if isinstance(betas, Mapping):
        unknown = [k for k in betas if k not in names]
        if unknown:
            raise ValueError(f"betas must name columns of design {list(names)}; got "
                             f"unknown names {unknown}.")
        B = np.array([float(betas.get(n, 0.0)) for n in names])
        B = _finite_array("betas", B)
    else:
        B = _finite_array("betas", betas, ndim=(1, 2))
    if B.shape[0] != X.shape[1]:
        raise ValueError(f"betas must hold one value per design column ({X.shape[1]}); got "
                         f"{B.shape[0]}.")
    if B.ndim == 2 and n_voxels is not None:
        raise ValueError("n_voxels must be None when betas is 2-D (one column per voxel); "
                         f"got {n_voxels!r}.")
    single = B.ndim == 1 and n_voxels is None
    if B.ndim == 1:
        v = 1 if n_voxels is None else _validate.integer("n_voxels", n_voxels, minimum=1)
        B = np.repeat(B[:, None], v, axis=1)
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((X.shape[0], B.shape[1]))
    noise = w * noise_sd
    if ar1 != 0:
        noise[1:] *= math.sqrt(1.0 - ar1 ** 2)
        for i in range(1, noise.shape[0]):  # e_t = ar1 e_(t-1) + innovation_t
            noise[i] += ar1 * noise[i - 1]
    y = X @ B + noise
    return y[:, 0] if single else y


# ----------------------------------------------------------------------------------------
# the GLM fit and contrasts
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class ContrastResult:
    """A linear contrast of GLM effects (see :meth:`GLMResult.contrast`).

    Attributes
    ----------
    weights : numpy.ndarray
        The contrast vector ``c``, one weight per design column.
    effect : float or numpy.ndarray
        ``c @ beta`` for each voxel.
    se : float or numpy.ndarray
        Its standard error.
    t : float or numpy.ndarray
        ``effect / se``.
    df : int
        Residual degrees of freedom.
    p_two_sided, p_larger, p_smaller : float or numpy.ndarray
        p-values against the alternatives effect != 0, effect > 0 and effect < 0.
    """

    weights: np.ndarray
    effect: float | np.ndarray
    se: float | np.ndarray
    t: float | np.ndarray
    df: int
    p_two_sided: float | np.ndarray
    p_larger: float | np.ndarray
    p_smaller: float | np.ndarray

    def __repr__(self) -> str:
        if np.ndim(self.t) == 0:
            return (f"ContrastResult(effect={self.effect:.4g}, se={self.se:.4g}, "
                    f"t={self.t:.3f}, df={self.df}, p_two_sided={self.p_two_sided:.3g})")
        return f"ContrastResult(n_voxels={np.size(self.t)}, df={self.df})"

    def __str__(self) -> str:
        if np.ndim(self.t) == 0:
            return (f"effect = {self.effect:.3f} (SE {self.se:.3f}), t({self.df}) = "
                    f"{self.t:.2f}, p = {self.p_two_sided:.3g} two-sided, "
                    f"{self.p_larger:.3g} one-sided (effect > 0)")
        n_sig = int(np.sum(np.asarray(self.p_two_sided) < 0.05))
        return (f"contrast over {np.size(self.t)} voxels, df = {self.df}: {n_sig} with "
                f"two-sided p < .05")


@dataclass(frozen=True, repr=False)
class GLMResult:
    """An ordinary least-squares GLM fit (see :func:`fit_glm`).

    Attributes
    ----------
    betas : numpy.ndarray
        Estimated effects, shape (n_regressors,) for one voxel or (n_regressors, n_voxels).
    columns : tuple of str
        Names of the design columns, in the order of ``betas``.
    sigma2 : float or numpy.ndarray
        Residual variance per voxel, ``RSS / df``.
    df : int
        Residual degrees of freedom, ``n_scans - rank(X)``.
    n_scans : int
        Number of time points.
    xtx_inv : numpy.ndarray
        ``(X'X)^+``, the (pseudo-)inverse used for standard errors.
    """

    betas: np.ndarray
    columns: tuple
    sigma2: float | np.ndarray
    df: int
    n_scans: int
    xtx_inv: np.ndarray = field(repr=False)

    def __repr__(self) -> str:
        n_vox = 1 if self.betas.ndim == 1 else self.betas.shape[1]
        return (f"GLMResult(n_scans={self.n_scans}, n_regressors={len(self.columns)}, "
                f"n_voxels={n_vox}, df={self.df})")

    def beta(self, name: str):
        """The estimated effect of one design column.

        Parameters
        ----------
        name : str
            A column of the design matrix, e.g. ``"pain"``.

        Returns
        -------
        float or numpy.ndarray
            A float for one voxel, one value per voxel otherwise.

        Raises
        ------
        ValueError
            If ``name`` is not a design column.

        Notes
        -----
        Row ``columns.index(name)`` of :math:`\\hat B = X^+ Y`.

        Examples
        --------
        >>> X = design_matrix(task_events(seed=1))
        >>> y = simulate_voxel(X, {"pain": 2.0, "constant": 100.0}, seed=3)
        >>> round(fit_glm(y, X).beta("constant"), 1)
        100.0
        """
        _validate.choice("name", name, self.columns)
        return _scalar_or_array(self.betas[self.columns.index(name)])

    def contrast(self, c) -> ContrastResult:
        """Test a linear combination of the effects.

        Parameters
        ----------
        c : str, mapping or array
            A column name (weight 1 on it), a mapping from column names to weights, or one
            weight per column.

        Returns
        -------
        ContrastResult

        Raises
        ------
        ValueError
            If ``c`` names an unknown column, has the wrong length or is all zeros.

        Notes
        -----
        With :math:`\\hat\\beta = (X'X)^{-1}X'y` and :math:`\\hat\\sigma^2 = RSS/df`,

        .. math:: t = \\frac{c'\\hat\\beta}{\\sqrt{\\hat\\sigma^2\\, c'(X'X)^{-1}c}}

        follows a t distribution with ``df`` degrees of freedom when the true contrast is
        0 and the noise is independent and normal [1]_.

        References
        ----------
        .. [1] Friston KJ, Holmes AP, Worsley KJ, Poline JP, Frith CD, Frackowiak RSJ.
           Statistical parametric maps in functional imaging: a general linear approach.
           Hum Brain Mapp. 1995;2(4):189-210. doi:10.1002/hbm.460020402

        Examples
        --------
        >>> X = design_matrix(task_events(seed=1))
        >>> y = simulate_voxel(X, {"pain": 0.5, "constant": 100.0}, seed=3)
        >>> res = fit_glm(y, X).contrast("pain")
        >>> round(res.effect, 2), res.df
        (0.55, 1638)
        """
        p = len(self.columns)
        if isinstance(c, str):
            _validate.choice("c", c, self.columns)
            w = np.zeros(p)
            w[self.columns.index(c)] = 1.0
        elif isinstance(c, Mapping):
            unknown = [k for k in c if k not in self.columns]
            if unknown:
                raise ValueError(f"c must name design columns {list(self.columns)}; got "
                                 f"unknown names {unknown}.")
            w = np.array([float(c.get(name, 0.0)) for name in self.columns])
            w = _finite_array("c", w)
        else:
            w = _finite_array("c", c, ndim=(1,))
            if w.size != p:
                raise ValueError(f"c must hold one weight per design column ({p}); got "
                                 f"{w.size}.")
        if not np.any(w):
            raise ValueError("c must have at least one non-zero weight; got all zeros.")
        effect = w @ self.betas
        var = float(w @ self.xtx_inv @ w) * np.asarray(self.sigma2)
        with np.errstate(divide="ignore", invalid="ignore"):
            se = np.sqrt(var)
            t = effect / se
        p_larger = _t_sf(t, self.df)
        p_smaller = _t_sf(-t, self.df)
        p_two = np.minimum(1.0, 2.0 * _t_sf(np.abs(t), self.df))
        return ContrastResult(w, _scalar_or_array(effect), _scalar_or_array(se),
                              _scalar_or_array(t), self.df, _scalar_or_array(p_two),
                              _scalar_or_array(p_larger), _scalar_or_array(p_smaller))


def fit_glm(y, design) -> GLMResult:
    """Fit the general linear model by ordinary least squares, voxel by voxel.

    Parameters
    ----------
    y : array of shape (n_scans,) or (n_scans, n_voxels)
        One time series, or one column per voxel.
    design : pandas.DataFrame or array of shape (n_scans, n_regressors)
        The design matrix (see :func:`design_matrix`).

    Returns
    -------
    GLMResult
        Betas, residual variance, degrees of freedom and a :meth:`GLMResult.contrast`
        method.

    Raises
    ------
    ValueError
        If ``y`` or ``design`` is not finite, their numbers of scans differ, or the design
        leaves no residual degrees of freedom.

    Notes
    -----
    For all voxels at once, :math:`\\hat B = X^+ Y` (Moore-Penrose pseudo-inverse, equal
    to :math:`(X'X)^{-1}X'Y` for a full-rank design), residual variance
    :math:`\\hat\\sigma^2_v = \\lVert y_v - X\\hat\\beta_v \\rVert^2 / (n - \\mathrm{rank}\\,X)`
    [1]_. This is plain OLS: it assumes independent noise across scans. fMRI noise is
    autocorrelated, so the standard errors here are too small for real data (nilearn and
    SPM prewhiten with an AR model first); the simulations of this module make the
    assumption visible by letting ``ar1`` vary in :func:`simulate_voxel`.

    References
    ----------
    .. [1] Friston KJ, Holmes AP, Worsley KJ, Poline JP, Frith CD, Frackowiak RSJ.
       Statistical parametric maps in functional imaging: a general linear approach.
       Hum Brain Mapp. 1995;2(4):189-210. doi:10.1002/hbm.460020402

    Examples
    --------
    >>> X = design_matrix(task_events(seed=1))
    >>> Y = simulate_voxel(X, {"pain": 1.0, "pain_x_level": 0.5}, n_voxels=100, seed=2)
    >>> fit = fit_glm(Y, X)
    >>> fit
    GLMResult(n_scans=1653, n_regressors=15, n_voxels=100, df=1638)
    >>> round(float(fit.beta("pain").mean()), 1), round(float(fit.beta("pain_x_level").mean()), 1)
    (1.0, 0.5)
    """
    X, names = _design_values(design)
    Y = _finite_array("y", y, ndim=(1, 2))
    if Y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have one row per scan of design ({X.shape[0]}); got "
                         f"{Y.shape[0]}.")
    pinv, rank = np.linalg.pinv(X), np.linalg.matrix_rank(X)
    df = X.shape[0] - int(rank)
    if df < 1:
        raise ValueError(f"design must leave residual degrees of freedom; it has rank {rank} "
                         f"with {X.shape[0]} scans.")
    B = pinv @ Y
    resid = Y - X @ B
    sigma2 = np.einsum("i...,i...->...", resid, resid) / df
    return GLMResult(B, names, _scalar_or_array(sigma2), df, X.shape[0], pinv @ pinv.T)


# ----------------------------------------------------------------------------------------
# connectivity
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class ConnectivityResult:
    """Seed-based connectivity (see :func:`seed_connectivity`).

    Attributes
    ----------
    r : float or numpy.ndarray
        Pearson correlation of the seed with each voxel.
    z : float or numpy.ndarray
        Fisher z, ``arctanh(r)``.
    n_scans : int
        Number of time points.
    """

    r: float | np.ndarray
    z: float | np.ndarray
    n_scans: int

    def __repr__(self) -> str:
        if np.ndim(self.r) == 0:
            return f"ConnectivityResult(r={self.r:.4f}, z={self.z:.4f}, n_scans={self.n_scans})"
        return f"ConnectivityResult(n_voxels={np.size(self.r)}, n_scans={self.n_scans})"


def seed_connectivity(seed_ts, voxel_ts) -> ConnectivityResult:
    """Correlate a seed region's time series with one or many voxels.

    Parameters
    ----------
    seed_ts : array of shape (n_scans,)
        The seed's time series (for example the mean over an anterior insula region).
    voxel_ts : array of shape (n_scans,) or (n_scans, n_voxels)
        Time series of the target voxels.

    Returns
    -------
    ConnectivityResult
        ``r`` and Fisher ``z`` for each voxel.

    Raises
    ------
    ValueError
        If the lengths differ, there are fewer than 3 scans, or a series is constant.

    Notes
    -----
    Pearson's correlation of the centred series :math:`\\tilde s` and :math:`\\tilde v`,

    .. math:: r = \\frac{\\sum_t \\tilde s_t \\tilde v_t}
                       {\\sqrt{\\sum_t \\tilde s_t^2 \\sum_t \\tilde v_t^2}}, \\qquad
              z = \\operatorname{arctanh} r = \\tfrac12 \\ln\\frac{1+r}{1-r} .

    Fisher's z makes correlations closer to normally distributed, with standard error
    about :math:`1/\\sqrt{n-3}` for independent observations [1]_, so z values can be
    averaged and compared across people. fMRI time points are autocorrelated, so the
    effective n is smaller than the number of scans.

    References
    ----------
    .. [1] Fisher RA. On the "probable error" of a coefficient of correlation deduced from
       a small sample. Metron. 1921;1:3-32.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> seed = rng.standard_normal(500)
    >>> voxels = 0.5 * seed[:, None] + rng.standard_normal((500, 3))
    >>> res = seed_connectivity(seed, voxels)
    >>> np.round(res.r, 2).tolist(), np.round(res.z, 2).tolist()
    ([0.38, 0.44, 0.49], [0.4, 0.47, 0.54])
    """
    s = _finite_array("seed_ts", seed_ts, ndim=(1,))
    V = _finite_array("voxel_ts", voxel_ts, ndim=(1, 2))
    if V.shape[0] != s.size:
        raise ValueError(f"voxel_ts must have one row per scan of seed_ts ({s.size}); got "
                         f"{V.shape[0]}.")
    if s.size < 3:
        raise ValueError(f"seed_ts must hold at least 3 scans; got {s.size}.")
    sc = s - s.mean()
    Vc = V - V.mean(axis=0)
    s_norm = math.sqrt(float(sc @ sc))
    v_norm = np.sqrt(np.einsum("i...,i...->...", Vc, Vc))
    if s_norm == 0:
        raise ValueError("seed_ts must vary over time; got a constant series.")
    if np.any(v_norm == 0):
        raise ValueError("voxel_ts must vary over time in every voxel; got a constant series.")
    r = np.clip((sc @ Vc) / (s_norm * v_norm), -1.0, 1.0)
    with np.errstate(divide="ignore"):
        z = np.arctanh(r)
    return ConnectivityResult(_scalar_or_array(r), _scalar_or_array(z), s.size)


@dataclass(frozen=True, repr=False)
class ConnectivityStudy:
    """A simulated pre/post connectivity study of two groups (see
    :func:`simulate_connectivity_study`).

    Attributes
    ----------
    data : pandas.DataFrame
        One row per participant: ``participant``, ``group``, ``pre_z``, ``post_z`` and
        ``change_z`` (post minus pre Fisher z of the seed-target connectivity).
    groups : tuple of str
        The treated group and the comparison group.
    mean_change : tuple of float
        Mean change in each group.
    difference : float
        Group x time effect: mean change of ``groups[0]`` minus that of ``groups[1]``.
    se, t, df : float
        Standard error of ``difference``, the t statistic and its degrees of freedom.
    p_two_sided, p_larger : float
        p-values against difference != 0 and difference > 0.
    d : float
        ``difference`` divided by the pooled SD of the change scores.
    method : str
        ``"Welch"`` or ``"pooled"``.
    true_change_z : float
        The simulated true group x time effect.
    """

    data: pd.DataFrame
    groups: tuple
    mean_change: tuple
    difference: float
    se: float
    t: float
    df: float
    p_two_sided: float
    p_larger: float
    d: float
    method: str
    true_change_z: float

    def __repr__(self) -> str:
        return (f"ConnectivityStudy(n={len(self.data)}, difference={self.difference:.3f}, "
                f"t={self.t:.2f}, df={self.df:.1f}, p_two_sided={self.p_two_sided:.3g}, "
                f"method={self.method!r})")

    def __str__(self) -> str:
        g1, g2 = self.groups
        return (f"change in Fisher z, {g1} minus {g2}: {self.difference:.3f} "
                f"(SE {self.se:.3f}), {self.method} t({self.df:.1f}) = {self.t:.2f}, "
                f"p = {self.p_two_sided:.3g} two-sided; true effect {self.true_change_z:g}")


def simulate_connectivity_study(n_per_group=50, true_change_z: float = 0.2, *,
                                baseline_z: float = 0.3, between_sd: float = 0.2,
                                within_sd: float = 0.15, groups=("prt", "placebo"),
                                equal_var: bool = False, seed=0) -> ConnectivityStudy:
    """Simulate per-participant seed-target connectivity before and after treatment.

    Parameters
    ----------
    n_per_group : int or pair of int, default 50
        Participants in each group (one number for both, or one per group).
    true_change_z : float, default 0.2
        True increase in Fisher z from pre to post in ``groups[0]`` beyond that in
        ``groups[1]`` (whose true change is 0).
    baseline_z : float, default 0.3
        Population mean connectivity (Fisher z) at the pre scan. A teaching assumption.
    between_sd : float, default 0.2
        SD of people's stable connectivity around ``baseline_z``. A teaching assumption.
    within_sd : float, default 0.15
        SD of session-to-session measurement noise in each person's z. A teaching
        assumption.
    groups : pair of str, default ("prt", "placebo")
        Names of the treated group and the comparison group.
    equal_var : bool, default False
        False for Welch's t test, True for the pooled (Student) t test.
    seed : int, default 0
        Seed of the simulation.

    Returns
    -------
    ConnectivityStudy

    Raises
    ------
    ValueError
        If a group has fewer than 2 participants, an SD is not positive, ``groups`` is not
        two distinct names, or ``equal_var`` is not a bool.

    Notes
    -----
    Participant *i* in group *g* has a stable connectivity
    :math:`u_i \\sim N(\\mu_0, \\sigma_b^2)` and is measured twice,

    .. math:: z_{i,pre} = u_i + e_{i1}, \\qquad
              z_{i,post} = u_i + \\Delta_g + e_{i2}, \\qquad e \\sim N(0, \\sigma_w^2),

    with :math:`\\Delta` equal to ``true_change_z`` in the treated group and 0 otherwise.
    With two time points, the group x time interaction is the difference between groups in
    the change scores :math:`c_i = z_{i,post} - z_{i,pre}` (the stable part :math:`u_i`
    cancels). Welch's test uses :math:`SE = \\sqrt{s_1^2/n_1 + s_2^2/n_2}` and the
    Welch-Satterthwaite df; the pooled test uses
    :math:`SE = s_p\\sqrt{1/n_1 + 1/n_2}` with :math:`n_1 + n_2 - 2` df [1]_. The trial's
    own connectivity tests were voxelwise TFCE permutation tests [2]_; this simulation
    looks at a single seed-target pair.

    References
    ----------
    .. [1] Welch BL. The generalization of "Student's" problem when several different
       population variances are involved. Biometrika. 1947;34(1-2):28-35.
       doi:10.1093/biomet/34.1-2.28
    .. [2] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Supplement 2, eTable 8.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> study = simulate_connectivity_study(50, 0.2, seed=4)
    >>> study.data.shape
    (100, 5)
    >>> round(study.difference, 3), round(study.t, 2), round(study.df, 1)
    (0.141, 3.14, 97.2)
    """
    import pandas as pd

    if isinstance(n_per_group, tuple | list):
        if len(n_per_group) != 2:
            raise ValueError(f"n_per_group must be one number or a pair; got {n_per_group!r}.")
        n1 = _validate.integer("n_per_group", n_per_group[0], minimum=2)
        n2 = _validate.integer("n_per_group", n_per_group[1], minimum=2)
    else:
        n1 = n2 = _validate.integer("n_per_group", n_per_group, minimum=2)
    delta = _validate.number("true_change_z", true_change_z)
    mu = _validate.number("baseline_z", baseline_z)
    sb = _validate.positive("between_sd", between_sd)
    sw = _validate.positive("within_sd", within_sd)
    if (not isinstance(groups, tuple | list) or len(groups) != 2
            or not all(isinstance(g, str) for g in groups) or groups[0] == groups[1]):
        raise ValueError(f"groups must be two distinct names; got {groups!r}.")
    if not isinstance(equal_var, bool | np.bool_):
        raise ValueError(f"equal_var must be True or False; got {equal_var!r}.")

    rng = np.random.default_rng(seed)
    n = n1 + n2
    in_first = np.arange(n) < n1
    stable = mu + sb * rng.standard_normal(n)
    noise = sw * rng.standard_normal((2, n))
    pre = stable + noise[0]
    post = stable + np.where(in_first, delta, 0.0) + noise[1]
    change = post - pre
    c1, c2 = change[in_first], change[~in_first]
    m1, m2 = float(c1.mean()), float(c2.mean())
    v1, v2 = float(c1.var(ddof=1)), float(c2.var(ddof=1))
    pooled_var = ((n1 - 1) * v1 + (n2 - 1) * v2) / (n - 2)
    if equal_var:
        se = math.sqrt(pooled_var * (1.0 / n1 + 1.0 / n2))
        df = float(n - 2)
    else:
        a1, a2 = v1 / n1, v2 / n2
        se = math.sqrt(a1 + a2)
        df = (a1 + a2) ** 2 / (a1 ** 2 / (n1 - 1) + a2 ** 2 / (n2 - 1))
    diff = m1 - m2
    t = diff / se
    data = pd.DataFrame({
        "participant": np.arange(1, n + 1),
        "group": np.where(in_first, groups[0], groups[1]),
        "pre_z": pre,
        "post_z": post,
        "change_z": change,
    })
    return ConnectivityStudy(
        data=data, groups=tuple(groups), mean_change=(m1, m2), difference=diff, se=se, t=t,
        df=df, p_two_sided=float(min(1.0, 2.0 * _t_sf(abs(t), df))),
        p_larger=float(_t_sf(t, df)), d=diff / math.sqrt(pooled_var),
        method="pooled" if equal_var else "Welch", true_change_z=delta)


# ----------------------------------------------------------------------------------------
# many voxels: simulated group maps and multiple comparisons
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class BrainSimulation:
    """Simulated group-level maps (see :func:`simulate_brain`).

    Attributes
    ----------
    data : numpy.ndarray, shape (n_subjects, *shape)
        Each subject's contrast map (noise with unit SD per voxel, plus the effect).
    t : numpy.ndarray, shape ``shape``
        One-sample t statistic of the group mean at each voxel.
    p : numpy.ndarray, shape ``shape``
        Its two-sided p-value.
    df : int
        ``n_subjects - 1``.
    truth : numpy.ndarray of bool, shape ``shape``
        Voxels with a true effect (all False for a null brain).
    fwhm : float
        Smoothness of the noise, full width at half maximum in voxels.
    effect : float
        True mean of each subject's map inside ``truth``, in noise SDs.
    """

    data: np.ndarray
    t: np.ndarray
    p: np.ndarray
    df: int
    truth: np.ndarray
    fwhm: float
    effect: float

    @property
    def shape(self) -> tuple:
        """Shape of one map."""
        return self.t.shape

    @property
    def n_voxels(self) -> int:
        """Number of voxels in one map."""
        return int(self.t.size)

    def __repr__(self) -> str:
        return (f"BrainSimulation(shape={self.shape}, n_subjects={self.df + 1}, "
                f"fwhm={self.fwhm:g}, effect={self.effect:g}, "
                f"true_voxels={int(self.truth.sum())})")


def _one_sample_t(data: np.ndarray) -> np.ndarray:
    n = data.shape[0]
    mean = data.mean(axis=0)
    sd = data.std(axis=0, ddof=1)
    return mean / (sd / math.sqrt(n))


def _shape(shape) -> tuple[int, ...]:
    whole = int | np.integer
    if isinstance(shape, whole) and not isinstance(shape, bool):
        shape = (shape,)
    if (not isinstance(shape, tuple | list) or not 1 <= len(shape) <= 3
            or not all(isinstance(s, whole) and not isinstance(s, bool) and s >= 1
                       for s in shape)):
        raise ValueError(f"shape must be a number of voxels or a tuple of 1 to 3 positive "
                         f"whole numbers; got {shape!r}.")
    return tuple(int(s) for s in shape)


def simulate_brain(shape=(64, 64), n_subjects: int = 20, fwhm: float = 0.0, *,
                   effect: float = 0.0, signal_radius: float = 0.0,
                   seed=0) -> BrainSimulation:
    """Simulate subjects' contrast maps on a grid and the group t map.

    Parameters
    ----------
    shape : int or tuple of int, default (64, 64)
        Voxels of one map: a count (1-D) or a 2-D or 3-D grid.
    n_subjects : int, default 20
        Participants in the group analysis (at least 3).
    fwhm : float, default 0.0
        Spatial smoothness of the noise, full width at half maximum in voxels (0 for
        independent voxels). Real fMRI maps are smooth because of the blood supply, head
        motion correction and deliberate smoothing.
    effect : float, default 0.0
        True mean of each subject's map inside the signal region, in noise SDs.
    signal_radius : float, default 0.0
        Radius in voxels of a ball at the centre of the grid holding the true effect
        (0 for no signal region).
    seed : int, default 0
        Seed of the noise.

    Returns
    -------
    BrainSimulation

    Raises
    ------
    ValueError
        If ``shape`` is not 1 to 3 positive whole numbers, ``n_subjects`` is below 3, or
        ``fwhm``, ``effect`` or ``signal_radius`` is invalid.

    Notes
    -----
    Each subject's map is Gaussian white noise smoothed with a Gaussian kernel of
    :math:`\\sigma = \\mathrm{FWHM}/\\sqrt{8\\ln 2}` voxels (``scipy.ndimage.gaussian_filter``
    with periodic edges) and rescaled to unit variance, plus ``effect`` inside the signal
    ball. The group statistic at each voxel is the one-sample t,
    :math:`t = \\bar x / (s/\\sqrt{n})` with :math:`n - 1` df, and p is two-sided.
    Smoothing leaves each voxel's null distribution unchanged but makes neighbouring tests
    dependent, which is what random field theory and permutation methods exploit [1]_.

    References
    ----------
    .. [1] Nichols T, Hayasaka S. Controlling the familywise error rate in functional
       neuroimaging: a comparative review. Stat Methods Med Res. 2003;12(5):419-446.
       doi:10.1191/0962280203sm341ra

    Examples
    --------
    >>> brain = simulate_brain((32, 32), 16, fwhm=2.0, effect=1.0, signal_radius=4, seed=1)
    >>> brain
    BrainSimulation(shape=(32, 32), n_subjects=16, fwhm=2, effect=1, true_voxels=52)
    >>> round(float(brain.t[brain.truth].mean()), 1) > 2
    True
    """
    from scipy import ndimage, stats

    shape = _shape(shape)
    n_subjects = _validate.integer("n_subjects", n_subjects, minimum=3)
    fwhm = _validate.number("fwhm", fwhm, minimum=0)
    effect = _validate.number("effect", effect)
    radius = _validate.number("signal_radius", signal_radius, minimum=0)
    rng = np.random.default_rng(seed)
    data = rng.standard_normal((n_subjects, *shape))
    if fwhm > 0:
        sigma = fwhm / _FWHM_PER_SIGMA
        sigmas = (0.0,) + (sigma,) * len(shape)
        data = ndimage.gaussian_filter(data, sigma=sigmas, mode="wrap")
        impulse = np.zeros(shape)
        impulse[tuple(s // 2 for s in shape)] = 1.0
        kernel = ndimage.gaussian_filter(impulse, sigma=sigma, mode="wrap")
        data /= math.sqrt(float(np.sum(kernel ** 2)))
    grids = np.meshgrid(*[np.arange(s) - (s - 1) / 2.0 for s in shape], indexing="ij")
    truth = (sum(g ** 2 for g in grids) <= radius ** 2) if radius > 0 else np.zeros(shape,
                                                                                    bool)
    truth = np.asarray(truth, dtype=bool)
    if effect != 0:
        data = data + effect * truth
    t = _one_sample_t(data)
    df = n_subjects - 1
    p = np.minimum(1.0, 2.0 * stats.t.sf(np.abs(t), df))
    return BrainSimulation(data, t, p, df, truth, fwhm, effect)


def simulate_null_brain(shape=(64, 64), n_subjects: int = 20, fwhm: float = 0.0,
                        seed=0) -> BrainSimulation:
    """Simulate group t maps where nothing is going on (every null hypothesis is true).

    Parameters
    ----------
    shape : int or tuple of int, default (64, 64)
        Voxels of one map: a count (1-D) or a 2-D or 3-D grid.
    n_subjects : int, default 20
        Participants in the group analysis (at least 3).
    fwhm : float, default 0.0
        Spatial smoothness of the noise in voxels (full width at half maximum).
    seed : int, default 0
        Seed of the noise.

    Returns
    -------
    BrainSimulation
        With ``truth`` all False: every voxel that passes a threshold is a false positive.

    Raises
    ------
    ValueError
        As :func:`simulate_brain`.

    Notes
    -----
    :func:`simulate_brain` with ``effect=0``. Under the null each voxel's p-value is
    uniform on [0, 1], so an uncorrected threshold :math:`\\alpha` passes a fraction
    :math:`\\alpha` of voxels on average, whatever the smoothness [1]_.

    References
    ----------
    .. [1] Bennett CM, Baird AA, Miller MB, Wolford GL. Neural correlates of interspecies
       perspective taking in the post-mortem Atlantic salmon: an argument for proper
       multiple comparisons correction. J Serendipitous Unexpected Results. 2010;1(1):1-5.

    Examples
    --------
    >>> null = simulate_null_brain((100, 100), n_subjects=20, seed=0)
    >>> int((null.p < 0.001).sum())  # about 0.001 * 10,000 = 10 false positives expected
    7
    """
    return simulate_brain(shape, n_subjects, fwhm, effect=0.0, signal_radius=0.0, seed=seed)


@dataclass(frozen=True, repr=False)
class ThresholdResult:
    """A thresholded map (see :func:`threshold_uncorrected`, :func:`bonferroni`,
    :func:`fdr_bh` and :func:`fwe_permutation`).

    Attributes
    ----------
    reject : numpy.ndarray of bool
        Voxels declared significant (same shape as the input).
    p_adjusted : numpy.ndarray
        Adjusted p-values (the raw ones for the uncorrected threshold); ``reject`` is
        ``p_adjusted <= alpha``.
    p_threshold : float
        The raw p-value cut-off the method amounts to: a voxel passes when its raw p is at
        most this (0 when nothing can pass).
    method : str
        Name of the method.
    alpha : float
        The error rate controlled (per voxel, family-wise or false discovery rate).
    t_threshold : float or None
        For :func:`fwe_permutation`: voxels pass when ``|t|`` exceeds it.
    """

    reject: np.ndarray
    p_adjusted: np.ndarray
    p_threshold: float
    method: str
    alpha: float
    t_threshold: float | None = None

    @property
    def n_tests(self) -> int:
        """Number of voxels tested."""
        return int(self.reject.size)

    @property
    def n_rejected(self) -> int:
        """Number of voxels declared significant."""
        return int(self.reject.sum())

    def __repr__(self) -> str:
        return (f"ThresholdResult(method={self.method!r}, alpha={self.alpha:g}, "
                f"n_rejected={self.n_rejected}, n_tests={self.n_tests}, "
                f"p_threshold={self.p_threshold:.3g})")


def _p_values(p) -> np.ndarray:
    arr = _probability_array("p", p)
    return arr


def threshold_uncorrected(p, alpha: float = 0.001) -> ThresholdResult:
    """Threshold each voxel at its own level, with no multiple-comparison correction.

    Parameters
    ----------
    p : array of float
        p-values in [0, 1], any shape.
    alpha : float, default 0.001
        Per-voxel significance level (p < .001 was a common fMRI habit).

    Returns
    -------
    ThresholdResult
        ``reject = p <= alpha``.

    Raises
    ------
    ValueError
        If ``p`` holds values outside [0, 1] or ``alpha`` is not in (0, 1).

    Notes
    -----
    Each voxel keeps its false-positive rate at :math:`\\alpha`, so with *m* null voxels
    about :math:`\\alpha m` are expected to pass: 100 of 100,000 voxels at p < .001 [1]_.

    References
    ----------
    .. [1] Bennett CM, Wolford GL, Miller MB. The principled control of false positives in
       neuroimaging. Soc Cogn Affect Neurosci. 2009;4(4):417-422. doi:10.1093/scan/nsp053

    Examples
    --------
    >>> threshold_uncorrected([0.0005, 0.002, 0.04], alpha=0.001).reject.tolist()
    [True, False, False]
    """
    p = _p_values(p)
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    return ThresholdResult(p <= alpha, p.copy(), alpha, "uncorrected", alpha)


def bonferroni(p, alpha: float = 0.05) -> ThresholdResult:
    """Bonferroni correction: control the family-wise error rate over all voxels.

    Parameters
    ----------
    p : array of float
        p-values in [0, 1], any shape.
    alpha : float, default 0.05
        Family-wise error rate: the chance of at least one false positive anywhere.

    Returns
    -------
    ThresholdResult
        ``reject = p <= alpha / m`` and ``p_adjusted = min(1, m p)``.

    Raises
    ------
    ValueError
        If ``p`` holds values outside [0, 1] or ``alpha`` is not in (0, 1).

    Notes
    -----
    With *m* tests, :math:`P(\\text{any false positive}) \\le \\sum_i P(p_i \\le
    \\alpha/m) = \\alpha` (Boole's inequality), whatever the dependence between tests. For
    smooth maps the tests are positively dependent and the correction is conservative [1]_.

    References
    ----------
    .. [1] Nichols T, Hayasaka S. Controlling the familywise error rate in functional
       neuroimaging: a comparative review. Stat Methods Med Res. 2003;12(5):419-446.
       doi:10.1191/0962280203sm341ra

    Examples
    --------
    >>> res = bonferroni([0.001, 0.01, 0.04, 0.2], alpha=0.05)
    >>> res.reject.tolist(), res.p_adjusted.round(3).tolist()
    ([True, True, False, False], [0.004, 0.04, 0.16, 0.8])
    """
    p = _p_values(p)
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    m = p.size
    adjusted = np.minimum(1.0, p * m)
    return ThresholdResult(p <= alpha / m, adjusted, alpha / m, "bonferroni", alpha)


def fdr_bh(p, q: float = 0.05) -> ThresholdResult:
    """Benjamini-Hochberg procedure: control the false discovery rate.

    Parameters
    ----------
    p : array of float
        p-values in [0, 1], any shape.
    q : float, default 0.05
        False discovery rate: the expected share of false positives among the voxels
        declared significant.

    Returns
    -------
    ThresholdResult
        With ``p_adjusted`` the BH-adjusted p-values ("q-values").

    Raises
    ------
    ValueError
        If ``p`` holds values outside [0, 1] or ``q`` is not in (0, 1).

    Notes
    -----
    Sort the *m* p-values, :math:`p_{(1)} \\le \\dots \\le p_{(m)}`, find the largest *k*
    with :math:`p_{(k)} \\le q k / m`, and reject the *k* smallest. The adjusted values are
    :math:`\\tilde p_{(i)} = \\min_{j \\ge i} \\min(1, m p_{(j)} / j)`. The FDR is
    controlled at *q* for independent or positively dependent tests [1]_. When every null
    is true, any rejection is a false discovery, so FDR then also controls the family-wise
    error rate; with real effects it is more permissive. The trial's localizer used FDR
    q < .05 [2]_.

    References
    ----------
    .. [1] Benjamini Y, Hochberg Y. Controlling the false discovery rate: a practical and
       powerful approach to multiple testing. J R Stat Soc B. 1995;57(1):289-300.
       doi:10.1111/j.2517-6161.1995.tb02031.x
    .. [2] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> res = fdr_bh([0.001, 0.008, 0.039, 0.041, 0.6], q=0.05)
    >>> res.reject.tolist()
    [True, True, False, False, False]
    >>> res.p_adjusted.round(4).tolist()
    [0.005, 0.02, 0.0512, 0.0512, 0.6]
    """
    p = _p_values(p)
    q = _validate.probability("q", q, open_interval=True)
    flat = p.ravel()
    m = flat.size
    order = np.argsort(flat, kind="stable")
    ranked = flat[order]
    ranks = np.arange(1, m + 1)
    passing = np.nonzero(ranked <= q * ranks / m)[0]
    k = int(passing[-1]) + 1 if passing.size else 0
    adjusted_sorted = np.minimum.accumulate((ranked * m / ranks)[::-1])[::-1]
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(1.0, adjusted_sorted)
    reject = np.zeros(m, dtype=bool)
    reject[order[:k]] = True
    return ThresholdResult(reject.reshape(p.shape), adjusted.reshape(p.shape), q * k / m,
                           "fdr_bh", q)


def fwe_permutation(data, alpha: float = 0.05, n_permutations: int = 1000,
                    seed=0) -> ThresholdResult:
    """Family-wise error control by sign-flipping permutations of the maximum |t|.

    Parameters
    ----------
    data : array of shape (n_subjects, ...)
        Each subject's contrast map (for example :attr:`BrainSimulation.data`).
    alpha : float, default 0.05
        Family-wise error rate.
    n_permutations : int, default 1000
        Random sign flips, the observed signs included (at least 20).
    seed : int, default 0
        Seed of the sign flips.

    Returns
    -------
    ThresholdResult
        ``p_adjusted`` are FWE-corrected p-values; ``t_threshold`` is the |t| a voxel must
        exceed; ``p_threshold`` is the two-sided uncorrected p at that t.

    Raises
    ------
    ValueError
        If ``data`` has fewer than 3 subjects or is not finite, or ``alpha`` or
        ``n_permutations`` is invalid.

    Notes
    -----
    Under the null of a symmetric distribution around 0, each subject's map may have its
    sign flipped without changing the joint distribution. For each random flip the
    one-sample t map is recomputed and its maximum :math:`\\max_v |t_v|` kept. The
    corrected p of voxel *v* is the share of permutations whose maximum reaches
    :math:`|t_v|`; a voxel passes when that share is at most :math:`\\alpha`. Because it
    uses the maximum over the whole map, the method controls the family-wise error rate
    and adapts to the smoothness of the data [1]_. The sums of squares do not change under
    sign flips, so each permutation costs one matrix product.

    References
    ----------
    .. [1] Nichols TE, Holmes AP. Nonparametric permutation tests for functional
       neuroimaging: a primer with examples. Hum Brain Mapp. 2002;15(1):1-25.
       doi:10.1002/hbm.1058

    Examples
    --------
    >>> null = simulate_null_brain((32, 32), n_subjects=12, fwhm=2.0, seed=2)
    >>> res = fwe_permutation(null.data, n_permutations=500, seed=0)
    >>> res.n_rejected, round(res.t_threshold, 1)
    (0, 6.7)
    """
    from scipy import stats

    arr = _finite_array("data", data)
    if arr.ndim < 2 or arr.shape[0] < 3:
        raise ValueError(f"data must have shape (n_subjects, ...) with at least 3 subjects; "
                         f"got shape {arr.shape}.")
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    n_perm = _validate.integer("n_permutations", n_permutations, minimum=20)
    n = arr.shape[0]
    flat = arr.reshape(n, -1)
    ss = np.einsum("ij,ij->j", flat, flat)
    observed = np.abs(_one_sample_t(flat))
    rng = np.random.default_rng(seed)
    signs = rng.choice(np.array([-1.0, 1.0]), size=(n_perm, n))
    signs[0] = 1.0
    max_null = np.empty(n_perm)
    chunk = max(1, 2_000_000 // flat.shape[1])
    for start in range(0, n_perm, chunk):
        mean = signs[start:start + chunk] @ flat / n
        var = np.maximum((ss - n * mean ** 2) / (n - 1), 1e-300)
        max_null[start:start + chunk] = np.max(np.abs(mean) / np.sqrt(var / n), axis=1)
    sorted_max = np.sort(max_null)
    exceed = n_perm - np.searchsorted(sorted_max, observed, side="left")
    p_fwe = exceed / n_perm
    k = int(math.floor(alpha * n_perm))
    t_thr = float(sorted_max[n_perm - 1 - k])
    p_thr = float(2.0 * stats.t.sf(t_thr, n - 1))
    return ThresholdResult((p_fwe <= alpha).reshape(arr.shape[1:]),
                           p_fwe.reshape(arr.shape[1:]), p_thr, "permutation max-|t|",
                           alpha, t_thr)


def correction_summary(brain: BrainSimulation, alpha: float = 0.05,
                       uncorrected_alpha: float = 0.001, *, n_permutations: int = 0,
                       seed=0) -> pd.DataFrame:
    """Count what each thresholding method finds in a simulated brain.

    Parameters
    ----------
    brain : BrainSimulation
        From :func:`simulate_null_brain` or :func:`simulate_brain`.
    alpha : float, default 0.05
        Level of the corrected methods (FWE for Bonferroni and permutation, FDR for BH).
    uncorrected_alpha : float, default 0.001
        Per-voxel level of the uncorrected threshold.
    n_permutations : int, default 0
        Sign flips for :func:`fwe_permutation` (0 leaves that row out; it is the slowest).
    seed : int, default 0
        Seed of the permutations.

    Returns
    -------
    pandas.DataFrame
        One row per method: ``method``, ``level``, ``p_threshold``, ``detected``,
        ``true_positives``, ``false_positives`` and ``false_discovery_proportion``
        (false positives / detected, 0 when nothing is detected).

    Raises
    ------
    ValueError
        If ``brain`` is not a BrainSimulation or a level is invalid.

    Notes
    -----
    Because the simulation knows which voxels carry an effect (``brain.truth``), every
    detection can be scored: outside the truth it is a false positive. In a null brain all
    detections are false positives [1]_.

    References
    ----------
    .. [1] Nichols T, Hayasaka S. Controlling the familywise error rate in functional
       neuroimaging: a comparative review. Stat Methods Med Res. 2003;12(5):419-446.
       doi:10.1191/0962280203sm341ra

    Examples
    --------
    >>> brain = simulate_brain((64, 64), 20, fwhm=2.0, effect=1.0, signal_radius=6, seed=5)
    >>> table = correction_summary(brain)
    >>> table[["method", "detected", "false_positives"]].to_string(index=False)
    '     method  detected  false_positives\\nuncorrected        73                1\\n bonferroni        22                0\\n     fdr_bh        69                1'
    """
    import pandas as pd

    if not isinstance(brain, BrainSimulation):
        raise ValueError(f"brain must be a BrainSimulation from simulate_brain; got "
                         f"{_short(brain)}.")
    n_permutations = _validate.integer("n_permutations", n_permutations, minimum=0)
    results = [threshold_uncorrected(brain.p, uncorrected_alpha), bonferroni(brain.p, alpha),
               fdr_bh(brain.p, alpha)]
    if n_permutations:
        results.append(fwe_permutation(brain.data, alpha, n_permutations, seed))
    rows = []
    for res in results:
        detected = res.n_rejected
        tp = int((res.reject & brain.truth).sum())
        fp = detected - tp
        rows.append({"method": res.method, "level": res.alpha, "p_threshold": res.p_threshold,
                     "detected": detected, "true_positives": tp, "false_positives": fp,
                     "false_discovery_proportion": fp / detected if detected else 0.0})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------------------
# pitfalls: circular analysis, reverse inference, reported statistics
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class CircularResult:
    """Selection bias from double dipping (see :func:`circular_analysis`).

    All arrays have one value per simulated study.

    Attributes
    ----------
    circular_estimate : numpy.ndarray
        Mean effect in the voxels selected on all the data, measured on the same data.
    circular_truth : numpy.ndarray
        True mean effect of those same voxels.
    split_estimate : numpy.ndarray
        Mean effect in the voxels selected on the first half of subjects, measured on the
        second half.
    split_truth : numpy.ndarray
        True mean effect of the voxels selected on the first half.
    effect : float
        True effect in each active voxel (others 0), in noise SDs.
    n_selected, n_subjects, n_voxels : int
        The inputs.
    """

    circular_estimate: np.ndarray
    circular_truth: np.ndarray
    split_estimate: np.ndarray
    split_truth: np.ndarray
    effect: float
    n_selected: int
    n_subjects: int
    n_voxels: int

    @property
    def circular_bias(self) -> float:
        """Mean of circular estimate minus the truth of the selected voxels."""
        return float(np.mean(self.circular_estimate - self.circular_truth))

    @property
    def split_bias(self) -> float:
        """Mean of split-half estimate minus the truth of the selected voxels."""
        return float(np.mean(self.split_estimate - self.split_truth))

    def __repr__(self) -> str:
        return (f"CircularResult(n_studies={self.circular_estimate.size}, "
                f"circular_bias={self.circular_bias:.3f}, split_bias={self.split_bias:.3f})")

    def __str__(self) -> str:
        return (f"over {self.circular_estimate.size} simulated studies, selecting the "
                f"{self.n_selected} strongest of {self.n_voxels} voxels: circular estimate "
                f"{np.mean(self.circular_estimate):.3f} vs truth "
                f"{np.mean(self.circular_truth):.3f}; split-half estimate "
                f"{np.mean(self.split_estimate):.3f} vs truth {np.mean(self.split_truth):.3f}")


def circular_analysis(n_voxels: int = 1000, n_subjects: int = 20, n_selected: int = 10, *,
                      effect: float = 0.3, active_fraction: float = 0.05,
                      n_studies: int = 200, seed=0) -> CircularResult:
    """Simulate "double dipping": selecting voxels and measuring them on the same data.

    Parameters
    ----------
    n_voxels : int, default 1000
        Voxels in the search region.
    n_subjects : int, default 20
        Participants (at least 4, so that each half has 2).
    n_selected : int, default 10
        Voxels with the largest t selected as the "region of interest".
    effect : float, default 0.3
        True effect in each active voxel, in SDs of the subject-level noise.
    active_fraction : float, default 0.05
        Share of voxels that carry the effect (the rest have none).
    n_studies : int, default 200
        Simulated studies.
    seed : int, default 0
        Seed of the simulation.

    Returns
    -------
    CircularResult

    Raises
    ------
    ValueError
        If a count is out of range (``n_selected`` must not exceed ``n_voxels``) or
        ``active_fraction`` is not in [0, 1].

    Notes
    -----
    Subject *s*'s value at voxel *v* is :math:`x_{sv} = \\mu_v + e_{sv}`,
    :math:`e \\sim N(0, 1)`, with :math:`\\mu_v` equal to ``effect`` in the active voxels.
    *Circular*: select the ``n_selected`` voxels with the largest one-sample t over all
    subjects and report their mean :math:`\\bar x_v`. The selected voxels are those whose
    noise happened to be high, so the estimate exceeds their true mean
    :math:`\\bar\\mu_{sel}` on average (and is positive even when nothing is active).
    *Split half*: select on the first half of subjects and measure on the second, whose
    noise is independent of the selection, so the estimate is unbiased for the true mean of
    the selected voxels [1]_. The trial defined its regions with a separate localizer and
    then tested group x time effects in them [2]_.

    References
    ----------
    .. [1] Kriegeskorte N, Simmons WK, Bellgowan PSF, Baker CI. Circular analysis in
       systems neuroscience: the dangers of double dipping. Nat Neurosci.
       2009;12(5):535-540. doi:10.1038/nn.2303
    .. [2] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> res = circular_analysis(effect=0.3, n_studies=100, seed=1)
    >>> round(res.circular_bias, 2), round(res.split_bias, 2)
    (0.49, 0.0)
    """
    n_voxels = _validate.integer("n_voxels", n_voxels, minimum=1)
    n_subjects = _validate.integer("n_subjects", n_subjects, minimum=4)
    n_selected = _validate.integer("n_selected", n_selected, minimum=1, maximum=n_voxels)
    effect = _validate.number("effect", effect)
    frac = _validate.probability("active_fraction", active_fraction)
    n_studies = _validate.integer("n_studies", n_studies, minimum=1)
    rng = np.random.default_rng(seed)
    mu = np.zeros(n_voxels)
    mu[: int(round(frac * n_voxels))] = effect
    half = n_subjects // 2
    out = {k: np.empty(n_studies) for k in ("ce", "ct", "se", "st")}
    chunk = max(1, 2_000_000 // (n_subjects * n_voxels))
    for start in range(0, n_studies, chunk):
        stop = min(n_studies, start + chunk)
        x = mu + rng.standard_normal((stop - start, n_subjects, n_voxels))
        rows = np.arange(stop - start)[:, None]
        # circular: select and measure on all subjects
        t_all = x.mean(axis=1) / x.std(axis=1, ddof=1)
        sel = np.argpartition(-t_all, n_selected - 1, axis=1)[:, :n_selected]
        out["ce"][start:stop] = x.mean(axis=1)[rows, sel].mean(axis=1)
        out["ct"][start:stop] = mu[sel].mean(axis=1)
        # split half: select on the first half, measure on the second
        a, b = x[:, :half], x[:, half:]
        t_a = a.mean(axis=1) / a.std(axis=1, ddof=1)
        sel = np.argpartition(-t_a, n_selected - 1, axis=1)[:, :n_selected]
        out["se"][start:stop] = b.mean(axis=1)[rows, sel].mean(axis=1)
        out["st"][start:stop] = mu[sel].mean(axis=1)
    return CircularResult(out["ce"], out["ct"], out["se"], out["st"], effect, n_selected,
                          n_subjects, n_voxels)


def reverse_inference(p_activation_given_pain, p_activation_given_not_pain,
                      prior_pain=0.5):
    """Probability of pain given that a region is active, by Bayes' rule.

    Parameters
    ----------
    p_activation_given_pain : float or array
        How often the region activates when people are in pain (sensitivity).
    p_activation_given_not_pain : float or array
        How often it activates in other states (1 - specificity).
    prior_pain : float or array, default 0.5
        Probability of pain before looking at the brain.

    Returns
    -------
    float or numpy.ndarray
        :math:`P(\\text{pain} \\mid \\text{activation})`, broadcast over the inputs.

    Raises
    ------
    ValueError
        If an input is not a probability, the shapes do not broadcast, or activation has
        probability 0 (then the posterior is undefined).

    Notes
    -----
    .. math:: P(P \\mid A) = \\frac{P(A \\mid P)\\, P(P)}
              {P(A \\mid P)\\, P(P) + P(A \\mid \\neg P)\\, (1 - P(P))} .

    The posterior odds are the prior odds times the likelihood ratio
    :math:`P(A \\mid P) / P(A \\mid \\neg P)`. A region that activates in many states (the
    anterior insula and cingulate activate in pain but also in attention, salience and
    emotion) has a ratio near 1, so its activation adds little to the prior [1]_.

    References
    ----------
    .. [1] Poldrack RA. Can cognitive processes be inferred from neuroimaging data? Trends
       Cogn Sci. 2006;10(2):59-63. doi:10.1016/j.tics.2005.12.004

    Examples
    --------
    >>> round(reverse_inference(0.8, 0.4, prior_pain=0.5), 3)
    0.667
    >>> np.round(reverse_inference(0.8, [0.8, 0.4, 0.1]), 3).tolist()
    [0.5, 0.667, 0.889]
    """
    a = _probability_array("p_activation_given_pain", p_activation_given_pain)
    b = _probability_array("p_activation_given_not_pain", p_activation_given_not_pain)
    prior = _probability_array("prior_pain", prior_pain)
    try:
        a, b, prior = np.broadcast_arrays(a, b, prior)
    except ValueError:
        raise ValueError(f"p_activation_given_pain, p_activation_given_not_pain and "
                         f"prior_pain must have shapes that broadcast; got {a.shape}, "
                         f"{b.shape} and {prior.shape}.") from None
    numerator = a * prior
    denominator = numerator + b * (1.0 - prior)
    if np.any(denominator == 0):
        raise ValueError("p_activation_given_pain and p_activation_given_not_pain give "
                         "activation a probability of 0 for some inputs, so the posterior "
                         "is undefined.")
    return _scalar_or_array(numerator / denominator)


def t_to_d(t, df=None, *, n1=None, n2=None):
    """Approximate standardized effect (Cohen's d) of a two-group t statistic.

    Parameters
    ----------
    t : float or array
        The t statistic (for example a group x time interaction).
    df : float or array, optional
        Its degrees of freedom; used when the group sizes are not given.
    n1, n2 : int, optional
        Group sizes; when both are given they are used instead of ``df``.

    Returns
    -------
    float or numpy.ndarray
        ``2 t / sqrt(df)``, or ``t sqrt(1/n1 + 1/n2)`` with group sizes.

    Raises
    ------
    ValueError
        If neither ``df`` nor both group sizes are given, or a value is invalid.

    Notes
    -----
    For two independent groups of sizes :math:`n_1, n_2`,
    :math:`t = d / \\sqrt{1/n_1 + 1/n_2}`, so :math:`d = t\\sqrt{1/n_1 + 1/n_2}`. With equal
    groups and :math:`df = n_1 + n_2 - 2 \\approx 2n`, this becomes
    :math:`d \\approx 2t/\\sqrt{df}` [1]_. For a group x time test the "d" is a
    standardized difference in change scores, in units of the SD of change, not of the
    outcome itself. When the t comes from a mixed model with Satterthwaite df (as in the
    trial's ROI tests) the conversion is only a rough guide.

    References
    ----------
    .. [1] Rosenthal R. Meta-Analytic Procedures for Social Research. Rev. ed. Sage; 1991.
       doi:10.4135/9781412984997

    Examples
    --------
    >>> round(t_to_d(-1.73, 133.48), 2)  # aMCC, PRT vs placebo (paper, Results)
    -0.3
    >>> round(t_to_d(2.0, n1=50, n2=50), 2)
    0.4
    """
    t_arr = _finite_array("t", t)
    if n1 is not None or n2 is not None:
        if n1 is None or n2 is None:
            raise ValueError(f"n1 and n2 must both be given; got n1={n1!r} and n2={n2!r}.")
        n1 = _validate.integer("n1", n1, minimum=1)
        n2 = _validate.integer("n2", n2, minimum=1)
        return _scalar_or_array(t_arr * math.sqrt(1.0 / n1 + 1.0 / n2))
    if df is None:
        raise ValueError("df must be given when n1 and n2 are not; got None.")
    df_arr = _finite_array("df", df)
    if (df_arr <= 0).any():
        raise ValueError(f"df must be positive; got {_short(df)}.")
    return _scalar_or_array(2.0 * t_arr / np.sqrt(df_arr))


def t_to_p(t, df, alternative: str = "two-sided"):
    """The p-value of a t statistic with given degrees of freedom.

    Parameters
    ----------
    t : float or array
        The t statistic.
    df : float or array
        Degrees of freedom (need not be whole: Welch and Satterthwaite df are fractional).
    alternative : {"two-sided", "larger", "smaller"}, default "two-sided"
        The alternative hypothesis: effect != 0, effect > 0 or effect < 0. The trial's
        ROI tests were one-tailed in the direction of a reduction, that is "smaller".

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    ValueError
        If ``df`` is not positive or ``alternative`` is not one of the choices.

    Notes
    -----
    With :math:`F` the t distribution function with ``df`` degrees of freedom:
    two-sided :math:`p = 2(1 - F(|t|))`, larger :math:`p = 1 - F(t)`, smaller
    :math:`p = F(t)` (``scipy.stats.t``) [1]_. A one-tailed p is half the two-sided one
    when the effect goes in the predicted direction.

    References
    ----------
    .. [1] Student. The probable error of a mean. Biometrika. 1908;6(1):1-25.
       doi:10.1093/biomet/6.1.1

    Examples
    --------
    >>> round(t_to_p(-1.73, 133.48, alternative="smaller"), 3)  # paper prints p = .04
    0.043
    >>> round(t_to_p(-1.73, 133.48), 3)
    0.086
    """
    t_arr = _finite_array("t", t)
    df_arr = _finite_array("df", df)
    if (df_arr <= 0).any():
        raise ValueError(f"df must be positive; got {_short(df)}.")
    _validate.choice("alternative", alternative, ALTERNATIVES)
    if alternative == "larger":
        p = _t_sf(t_arr, df_arr)
    elif alternative == "smaller":
        p = _t_sf(-t_arr, df_arr)
    else:
        p = np.minimum(1.0, 2.0 * _t_sf(np.abs(t_arr), df_arr))
    return _scalar_or_array(p)


# ----------------------------------------------------------------------------------------
# glass brain
# ----------------------------------------------------------------------------------------

_PEAK_COLORS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
                "#F0E442", "#000000", "#999999")  # Okabe-Ito, see prtlib.course.plotting


def plot_peaks(coords, labels=None, values=None, *, colors=None, ax=None, figure=None,
               display_mode: str = "lzry", title=None, cmap=None,
               node_size: float = 60.0, legend: bool = True):
    """Draw MNI coordinates on nilearn's glass brain, offline.

    Parameters
    ----------
    coords : array of shape (n, 3) or pandas.DataFrame
        MNI x, y, z in mm, one row per peak. A DataFrame must have columns ``x``, ``y``,
        ``z`` (for example :func:`prtlib.trial.published.fmri_peaks` or ``fmri_connectivity``).
    labels : sequence of str, optional
        One label per peak for the legend. Default the DataFrame's ``region`` or
        ``target_region`` column, else "peak 1", "peak 2", ...
    values : sequence of float, optional
        A value per peak (a t or Z). Markers are then coloured by value with a colour bar,
        labelled with the name of ``values`` when it is a named pandas Series (such as a
        table's ``Z`` column); otherwise each peak gets its own colour. Peaks with close
        values get nearly the same colour; to tell every peak apart, give ``colors``
        instead and put the values in the labels.
    colors : sequence of matplotlib colours, optional
        One colour per peak (for example from :data:`prtlib.course.plotting.OKABE_ITO`), used for
        the markers and the legend. Cannot be combined with ``values``. Default: the
        Okabe-Ito colours in turn.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into (the glass brain replaces it). Default a new figure.
    figure : matplotlib.figure.Figure, optional
        Figure to draw into when ``ax`` is not given.
    display_mode : str, default "lzry"
        nilearn's projections: ``"lzry"`` (left, top, right, front), ``"ortho"``, ``"z"``...
    title : str, optional
        Title drawn on the brain.
    cmap : str, optional
        Colour map for ``values``. Default ``"RdBu_r"`` centred on 0 when the values have
        both signs, else ``"viridis"``.
    node_size : float, default 60.0
        Marker area in points squared.
    legend : bool, default True
        Add a legend of the labels under the brain.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``coords`` is not n x 3 finite numbers, ``labels``, ``values`` or ``colors`` has
        the wrong length, ``colors`` holds something that is not a colour or comes with
        ``values``, or ``display_mode`` is not accepted by nilearn.

    Notes
    -----
    The glass brain is a set of outlines of the MNI152 template that ships with nilearn,
    so nothing is downloaded; the drawing uses ``nilearn.plotting.plot_connectome`` with no
    edges [1]_. A figure is created without pyplot (Agg canvas), so it works in scripts,
    tests and explorers alike. MNI coordinates: x left (-) to right (+), y back (-) to
    front (+), z down (-) to up (+), in mm from the anterior commissure.

    References
    ----------
    .. [1] Abraham A, Pedregosa F, Eickenberg M, et al. Machine learning for neuroimaging
       with scikit-learn. Front Neuroinform. 2014;8:14. doi:10.3389/fninf.2014.00014

    Examples
    --------
    >>> from prtlib.trial.published import fmri_peaks
    >>> fig = plot_peaks(fmri_peaks())
    >>> type(fig).__name__, len(fig.legends[0].get_texts())
    ('Figure', 7)
    """
    import pandas as pd

    if isinstance(coords, pd.DataFrame):
        if not {"x", "y", "z"} <= set(coords.columns):
            raise ValueError("coords must have columns x, y and z; got columns "
                             f"{list(coords.columns)}.")
        if labels is None:
            for name in ("region", "target_region"):
                if name in coords.columns:
                    labels = [str(s) for s in coords[name]]
                    break
        xyz = _finite_array("coords", coords[["x", "y", "z"]].to_numpy(dtype=float), ndim=(2,))
    else:
        xyz = _finite_array("coords", coords, ndim=(1, 2))
        xyz = xyz.reshape(1, -1) if xyz.ndim == 1 else xyz
    if xyz.shape[1] != 3:
        raise ValueError(f"coords must have 3 columns (x, y, z); got shape {xyz.shape}.")
    n = xyz.shape[0]
    if labels is None:
        labels = [f"peak {i + 1}" for i in range(n)]
    labels = [str(s) for s in labels]
    if len(labels) != n:
        raise ValueError(f"labels must hold one label per peak ({n}); got {len(labels)}.")
    if not isinstance(legend, bool | np.bool_):
        raise ValueError(f"legend must be True or False; got {legend!r}.")
    node_size = _validate.positive("node_size", node_size)

    import matplotlib as mpl
    from matplotlib.lines import Line2D

    if colors is not None:
        if values is not None:
            raise ValueError("colors cannot be combined with values (which colour the peaks "
                             "by a colour bar); give one of them.")
        if isinstance(colors, str):
            raise ValueError(f"colors must hold one colour per peak ({n}); got the single "
                             f"string {colors!r}.")
        colors = list(colors)
        if len(colors) != n:
            raise ValueError(f"colors must hold one colour per peak ({n}); got {len(colors)}.")
        bad = [c for c in colors if not mpl.colors.is_color_like(c)]
        if bad:
            raise ValueError(f"colors must be matplotlib colours such as '#0072B2'; got "
                             f"{bad[0]!r}.")
        entries = labels
    elif values is not None:
        vals = _finite_array("values", values, ndim=(1,))
        if vals.size != n:
            raise ValueError(f"values must hold one value per peak ({n}); got {vals.size}.")
        if vals.min() < 0 < vals.max():
            vmax = float(np.abs(vals).max())
            norm = mpl.colors.Normalize(-vmax, vmax)
            cmap = "RdBu_r" if cmap is None else cmap
        else:
            lo, hi = float(vals.min()), float(vals.max())
            norm = mpl.colors.Normalize(lo, hi if hi > lo else lo + 1.0)
            cmap = "viridis" if cmap is None else cmap
        if cmap not in mpl.colormaps:
            raise ValueError(f"cmap must be a matplotlib colour map name; got {cmap!r}.")
        colormap = mpl.colormaps[cmap]
        colors = [colormap(norm(v)) for v in vals]
        entries = [f"{lab} ({v:.2f})" for lab, v in zip(labels, vals, strict=True)]
    else:
        colors = [_PEAK_COLORS[i % len(_PEAK_COLORS)] for i in range(n)]
        entries = labels
    entries = [f"{e}: {x:.0f}, {y:.0f}, {z:.0f}" for e, (x, y, z) in zip(entries, xyz,
                                                                          strict=True)]

    if ax is not None:
        fig = ax.figure
        rect = ax.get_position().bounds
        ax.remove()
    else:
        if figure is None:
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

            rows = -(-n // 2) if legend else 0
            figure = Figure(figsize=(10.0, 3.2 + 0.28 * rows))
            FigureCanvasAgg(figure)
        fig = figure
        legend_height = (1.0 - 3.2 / fig.get_size_inches()[1]) if legend else 0.0
        right = 0.92 if values is not None else 1.0
        rect = (0.0, legend_height, right, 1.0 - legend_height)

    from nilearn import plotting

    try:
        display = plotting.plot_connectome(
            np.zeros((n, n)), xyz, node_color=colors, node_size=node_size,
            display_mode=display_mode, figure=fig, axes=rect, title=title,
            colorbar=False, annotate=True,
            node_kwargs={"edgecolors": "#333333", "linewidths": 0.6})
    except (ValueError, TypeError) as err:  # nilearn rejects the display mode
        raise ValueError(f"display_mode must be a nilearn glass-brain mode such as 'lzry', "
                         f"'ortho' or 'z'; got {display_mode!r} ({err}).") from None
    del display
    if values is not None:
        x0, y0, w, h = rect
        cax = fig.add_axes((x0 + w + 0.01, y0 + 0.15 * h, 0.015, 0.7 * h))
        bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax)
        if getattr(values, "name", None) is not None:
            bar.set_label(str(values.name))
    if legend:
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8,
                          markerfacecolor=c, markeredgecolor="#333333") for c in colors]
        fig.legend(handles, entries, loc="lower center", ncol=2 if n > 1 else 1,
                   frameon=False, fontsize=10)
    return fig


# ----------------------------------------------------------------------------------------
# additions for lessons 07-08: resting-state series, the trial's ROI tests, false-positive
# rates over many null brains, power of brain-behaviour correlations
# ----------------------------------------------------------------------------------------


def simulate_resting_pair(true_r: float = 0.4, minutes=None, tr=None, seed=0) -> pd.DataFrame:
    """Simulate the slow BOLD time series of a seed region and a target region at rest.

    Parameters
    ----------
    true_r : float, default 0.4
        Population correlation between the two series, in [-1, 1].
    minutes : float, optional
        Length of the scan. Default the trial's spontaneous-pain (resting) scan, 8 minutes
        (``fmri.spontaneous.minutes``).
    tr : float, optional
        Repetition time in seconds. Default the trial's 0.46 s.
    seed : int, default 0
        Seed of the simulation.

    Returns
    -------
    pandas.DataFrame
        One row per scan, indexed by time in seconds (``time_s``), with columns ``seed`` and
        ``target``; each series has population mean 0 and SD 1.

    Raises
    ------
    ValueError
        If ``true_r`` is outside [-1, 1], ``minutes`` or ``tr`` is not positive, or the
        scan would hold fewer than 3 scans.

    Notes
    -----
    Spontaneous BOLD fluctuations are slow because the haemodynamic response smooths
    neural activity over several seconds. Each series here is white noise convolved with
    the canonical HRF :math:`h` (:func:`hrf`), scaled to unit variance; the target mixes
    the seed's series :math:`s` with an independent one :math:`u`,

    .. math:: y_t = \\rho\\, s_t + \\sqrt{1 - \\rho^2}\\, u_t ,

    so that the population correlation is exactly :math:`\\rho`. Both series share the
    autocorrelation :math:`\\rho(k) = \\sum_i h_i h_{i+k} / \\sum_i h_i^2`. Neighbouring
    scans therefore carry overlapping information, and a sample correlation over *n* scans
    varies more than :math:`1/\\sqrt{n-3}` suggests: for :math:`\\rho = 0` its variance is
    about :math:`\\frac1n \\sum_k \\rho(k)^2` (Bartlett's formula) [1]_.

    References
    ----------
    .. [1] Bartlett MS. Some aspects of the time-correlation problem in regard to tests of
       significance. J R Stat Soc. 1935;98(3):536-543. doi:10.2307/2342284

    Examples
    --------
    >>> pair = simulate_resting_pair(0.4, seed=1)
    >>> pair.shape  # 8 minutes at TR 0.46 s
    (1043, 2)
    >>> round(float(pair["seed"].corr(pair["target"])), 2)  # true 0.4: slow series vary a lot
    0.49
    """
    import pandas as pd

    rho = _validate.number("true_r", true_r, minimum=-1, maximum=1)
    minutes = (float(_ledger("fmri.spontaneous.minutes")) if minutes is None
               else _validate.positive("minutes", minutes))
    tr = _tr(tr)
    n = int(round(minutes * 60.0 / tr))
    if n < 3:
        raise ValueError(f"minutes must give at least 3 scans at tr = {tr:g} s; got "
                         f"{minutes!r}.")
    kernel = hrf(tr)
    rng = np.random.default_rng(seed)
    white = rng.standard_normal((n + kernel.size - 1, 2))
    scale = math.sqrt(float(np.sum(kernel ** 2)))
    slow = np.column_stack([np.convolve(white[:, j], kernel, mode="valid") / scale
                            for j in range(2)])
    seed_ts = slow[:, 0]
    target = rho * slow[:, 0] + math.sqrt(max(0.0, 1.0 - rho * rho)) * slow[:, 1]
    index = pd.Index(np.arange(n) * tr, name="time_s")
    return pd.DataFrame({"seed": seed_ts, "target": target}, index=index)


_ROI_LABELS = {
    "amcc": "anterior midcingulate (aMCC)",
    "apfc": "anterior prefrontal (aPFC)",
    "left_ains": "left anterior insula",
}


def trial_roi_results(n_tests=None) -> pd.DataFrame:
    """The trial's region-of-interest treatment effects, re-expressed.

    Parameters
    ----------
    n_tests : int, optional
        Number of tests to spread the one-tailed alpha over (Bonferroni). When given, the
        table says whether each result survives ``alpha / n_tests``.

    Returns
    -------
    pandas.DataFrame
        One row per ROI result the paper reports (``fmri.roi.*`` in the ledger), with
        columns ``region``, ``key`` (ledger prefix), ``comparison``, ``t``, ``df``,
        ``p_reported`` (one-tailed, as printed), ``p_one_tailed`` (recomputed),
        ``p_two_tailed``, ``n_prt`` and ``n_control`` (people randomized to the two arms
        compared), ``d`` (approximate standardized effect from t and the arm sizes,
        :func:`t_to_d` with ``n1``, ``n2``), ``d_from_df`` (the cruder ``2 t / sqrt(df)``
        with the mixed model's df, kept for comparison), ``alpha`` (the paper's one-tailed
        .05) and ``passes``; with ``n_tests`` also ``alpha_bonferroni`` and
        ``passes_bonferroni``.

    Raises
    ------
    ValueError
        If ``n_tests`` is not a whole number of at least 1.

    Notes
    -----
    Each result is a group x time interaction from a mixed model: the change in the
    evoked-pain response of a region from before to after treatment, PRT minus a control
    arm. The paper tested these one-tailed (a reduction predicted), so the one-tailed p
    is :math:`F_{df}(t)` for a negative t and the two-tailed p is twice that.

    The effect size is :math:`d = t\\sqrt{1/n_1 + 1/n_2}` with the people randomized to
    the two arms [2]_. The shortcut :math:`2t/\\sqrt{df}` assumes
    :math:`df = n_1 + n_2 - 2`; a mixed model's Satterthwaite df (133.48 and 120.1 here)
    count sessions as well as people and exceed that, so the shortcut shrinks d. The
    ledger does not record how many people per arm had usable scans; fewer people than
    were randomized would make d larger still, so these d's are, if anything, too small. For a
    group x time test, d is in units of the SD of the change. The paper reports that no
    effect survived whole-brain correction [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669
    .. [2] Lakens D. Calculating and reporting effect sizes to facilitate cumulative
       science: a practical primer for t-tests and ANOVAs. Front Psychol. 2013;4:863.
       doi:10.3389/fpsyg.2013.00863

    Examples
    --------
    >>> table = trial_roi_results()
    >>> table[["region", "t", "p_reported"]].to_string(index=False)
    '                      region     t  p_reported\\nanterior midcingulate (aMCC) -1.73        0.04\\n  anterior prefrontal (aPFC) -1.85        0.03\\n        left anterior insula -2.34        0.01'
    >>> trial_roi_results(n_tests=14)["passes_bonferroni"].tolist()
    [False, False, False]
    >>> table[["n_prt", "n_control", "d_from_df", "d"]].round(2).values.tolist()
    [[50.0, 51.0, -0.3, -0.34], [50.0, 51.0, -0.32, -0.37], [50.0, 50.0, -0.43, -0.47]]
    """
    import pandas as pd

    from prtlib.trial import published

    alpha = float(published.get("fmri.roi.alpha_one_tailed"))
    rows = []
    for key in published.keys("fmri.roi."):
        if not key.endswith(".t"):
            continue
        base = key[: -len(".t")]
        _, _, region, comparison = base.split(".")
        t = float(published.get(f"{base}.t"))
        df = float(published.get(f"{base}.df"))
        p_one = t_to_p(t, df, alternative="smaller")
        n_prt = int(published.get("n.randomized.prt"))
        n_control = int(published.get(f"n.randomized.{comparison.removeprefix('prt_vs_')}"))
        rows.append({
            "region": _ROI_LABELS.get(region, region),
            "key": base,
            "comparison": comparison,
            "t": t,
            "df": df,
            "p_reported": float(published.get(f"{base}.p")),
            "p_one_tailed": p_one,
            "p_two_tailed": t_to_p(t, df),
            "n_prt": n_prt,
            "n_control": n_control,
            "d_from_df": t_to_d(t, df),
            "d": t_to_d(t, n1=n_prt, n2=n_control),
            "alpha": alpha,
            "passes": p_one <= alpha,
        })
    table = pd.DataFrame(rows)
    if n_tests is not None:
        n_tests = _validate.integer("n_tests", n_tests, minimum=1)
        table["alpha_bonferroni"] = alpha / n_tests
        table["passes_bonferroni"] = table["p_one_tailed"] <= alpha / n_tests
    return table


def false_positive_rates(n_brains: int = 100, shape=(64, 64), n_subjects: int = 20,
                         fwhm: float = 2.0, *, alpha: float = 0.05,
                         uncorrected_alpha: float = 0.001, n_permutations: int = 0,
                         seed=0) -> pd.DataFrame:
    """How often each thresholding method declares something in brains with nothing in them.

    Parameters
    ----------
    n_brains : int, default 100
        Simulated null studies (each a group t map, :func:`simulate_null_brain`).
    shape, n_subjects, fwhm
        Passed to :func:`simulate_null_brain`.
    alpha : float, default 0.05
        Level of the corrected methods (family-wise for Bonferroni and permutation, false
        discovery rate for Benjamini-Hochberg).
    uncorrected_alpha : float, default 0.001
        Per-voxel level of the uncorrected threshold.
    n_permutations : int, default 0
        Sign flips per brain for :func:`fwe_permutation` (0 leaves that method out).
    seed : int, default 0
        Seed: brain *k* uses ``seed + k``.

    Returns
    -------
    pandas.DataFrame
        One row per method: ``method``, ``level``, ``mean_false_positives`` (voxels per
        brain), ``familywise_error_rate`` (share of brains with at least one false
        positive), ``n_brains`` and ``n_voxels``.

    Raises
    ------
    ValueError
        If a count or level is invalid (see :func:`simulate_null_brain` and
        :func:`correction_summary`).

    Notes
    -----
    In a null brain every detection is a false positive. With *m* voxels an uncorrected
    threshold :math:`\\alpha` passes :math:`\\alpha m` voxels on average, so almost every
    brain shows "activation"; a family-wise method keeps the share of brains with any
    false positive at or below :math:`\\alpha`; with every null hypothesis true, the
    Benjamini-Hochberg FDR procedure does the same [1]_. Eklund et al. found that cluster
    methods based on parametric assumptions did not keep this promise on real resting data
    [2]_.

    References
    ----------
    .. [1] Genovese CR, Lazar NA, Nichols T. Thresholding of statistical maps in
       functional neuroimaging using the false discovery rate. NeuroImage.
       2002;15(4):870-878. doi:10.1006/nimg.2001.1037
    .. [2] Eklund A, Nichols TE, Knutsson H. Cluster failure: why fMRI inferences for
       spatial extent have inflated false-positive rates. Proc Natl Acad Sci U S A.
       2016;113(28):7900-7905. doi:10.1073/pnas.1602413113

    Examples
    --------
    >>> table = false_positive_rates(100, shape=(32, 32), n_subjects=12, seed=1)
    >>> cols = ["method", "mean_false_positives", "familywise_error_rate"]
    >>> table[cols].round(2).to_string(index=False)
    '     method  mean_false_positives  familywise_error_rate\\nuncorrected                  1.13                   0.61\\n bonferroni                  0.03                   0.03\\n     fdr_bh                  0.03                   0.03'
    """
    import pandas as pd

    n_brains = _validate.integer("n_brains", n_brains, minimum=1)
    counts: dict[str, list[int]] = {}
    levels: dict[str, float] = {}
    n_voxels = 0
    for k in range(n_brains):
        brain = simulate_null_brain(shape, n_subjects, fwhm, seed=seed + k)
        n_voxels = brain.n_voxels
        table = correction_summary(brain, alpha, uncorrected_alpha,
                                   n_permutations=n_permutations, seed=seed + k)
        for row in table.itertuples(index=False):
            counts.setdefault(row.method, []).append(int(row.false_positives))
            levels[row.method] = float(row.level)
    rows = [{"method": method, "level": levels[method],
             "mean_false_positives": float(np.mean(found)),
             "familywise_error_rate": float(np.mean(np.array(found) > 0)),
             "n_brains": n_brains, "n_voxels": n_voxels}
            for method, found in counts.items()]
    return pd.DataFrame(rows)


@dataclass(frozen=True, repr=False)
class CorrelationPower:
    """Power and selection effects of a test of a correlation (see
    :func:`correlation_power`).

    Attributes
    ----------
    true_r : float
        Population correlation.
    n : int
        Sample size (people).
    alpha : float
        Significance level.
    alternative : str
        ``"two-sided"``, ``"larger"`` (r > 0) or ``"smaller"`` (r < 0).
    critical_r : float
        Smallest \\|r\\| that is significant (exact, from the t distribution).
    power : float
        Probability of a significant result.
    mean_significant_abs_r : float
        Average \\|r\\| among significant results.
    exaggeration : float
        ``mean_significant_abs_r / |true_r|`` (NaN when ``true_r`` is 0).
    type_s : float
        Share of significant results with the wrong sign (NaN when ``true_r`` is 0).
    """

    true_r: float
    n: int
    alpha: float
    alternative: str
    critical_r: float
    power: float
    mean_significant_abs_r: float
    exaggeration: float
    type_s: float

    def _moments(self) -> tuple[float, float]:
        mu = math.atanh(self.true_r) + self.true_r / (2.0 * (self.n - 1))
        return mu, 1.0 / math.sqrt(self.n - 3)

    def density(self, r):
        """Approximate sampling density of the observed correlation.

        Parameters
        ----------
        r : float or array
            Values in (-1, 1) at which to evaluate the density.

        Returns
        -------
        float or numpy.ndarray

        Raises
        ------
        ValueError
            If a value of ``r`` is outside (-1, 1).

        Notes
        -----
        With :math:`z = \\operatorname{arctanh} r` approximately normal with mean
        :math:`\\operatorname{arctanh}\\rho + \\rho/(2(n-1))` and SD :math:`1/\\sqrt{n-3}`,
        the density of *r* is :math:`\\phi((z-\\mu)/\\sigma)/(\\sigma(1-r^2))` [1]_.

        References
        ----------
        .. [1] Fisher RA. On the "probable error" of a coefficient of correlation deduced
           from a small sample. Metron. 1921;1:3-32.

        Examples
        --------
        >>> res = correlation_power(0.3, 50)
        >>> round(float(res.density(0.3)), 2)
        3.0
        """
        arr = _finite_array("r", r)
        if np.any(np.abs(arr) >= 1):
            raise ValueError(f"r must lie strictly between -1 and 1; got {_short(r)}.")
        mu, sigma = self._moments()
        z = np.arctanh(arr)
        dens = np.exp(-0.5 * ((z - mu) / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))
        return _scalar_or_array(dens / (1.0 - arr ** 2))

    def __repr__(self) -> str:
        return (f"CorrelationPower(true_r={self.true_r:g}, n={self.n}, alpha={self.alpha:g}, "
                f"alternative={self.alternative!r}, critical_r={self.critical_r:.3f}, "
                f"power={self.power:.3f}, exaggeration={self.exaggeration:.2f})")


def _significant_moments(mu: float, sigma: float, zc: float, alternative: str,
                         sign: float) -> tuple[float, float, float]:
    """Probability of significance, E[|r| 1{sig}] and P(wrong sign and sig), Fisher-z
    normal approximation, by the trapezoid rule on each rejection region."""
    from scipy import stats

    regions = []
    if alternative in ("two-sided", "larger"):
        regions.append((zc, max(zc, mu + 12 * sigma) + sigma))
    if alternative in ("two-sided", "smaller"):
        regions.append((min(-zc, mu - 12 * sigma) - sigma, -zc))
    p_sig = abs_r = wrong = 0.0
    for lo, hi in regions:
        z = np.linspace(lo, hi, 4001)
        pdf = stats.norm.pdf(z, mu, sigma)
        p_sig += float(np.trapezoid(pdf, z))
        abs_r += float(np.trapezoid(np.abs(np.tanh(z)) * pdf, z))
        if sign != 0:
            wrong += float(np.trapezoid(pdf * (np.sign(z) != sign), z))
    return p_sig, abs_r, wrong


def correlation_power(true_r: float, n: int, alpha: float = 0.05,
                      alternative: str = "two-sided") -> CorrelationPower:
    """Power of a test of one correlation, and what significance does to the estimates.

    Parameters
    ----------
    true_r : float
        Population correlation, in (-1, 1): for example between a brain measure and a
        behavioural score across people.
    n : int
        Number of people (at least 4).
    alpha : float, default 0.05
        Significance level.
    alternative : {"two-sided", "larger", "smaller"}, default "two-sided"
        The alternative hypothesis: r != 0, r > 0 or r < 0.

    Returns
    -------
    CorrelationPower
        Critical r, power, the average \\|r\\| of significant results, the exaggeration
        ratio and the type S error rate; ``.density(r)`` gives the sampling distribution.

    Raises
    ------
    ValueError
        If ``true_r`` is not in (-1, 1), ``n`` is below 4, ``alpha`` is not in (0, 1) or
        ``alternative`` is not one of the choices.

    Notes
    -----
    The critical value is exact: with :math:`t_c` the upper :math:`\\alpha/2` (or
    :math:`\\alpha`) point of the t distribution with :math:`n-2` df,
    :math:`r_c = t_c / \\sqrt{t_c^2 + n - 2}`. Power uses Fisher's z with a bias
    correction, :math:`z' = \\operatorname{arctanh}\\rho + \\rho/(2(n-1))`, as the R
    package pwr does [1]_:

    .. math:: 1-\\beta = \\Phi\\big((z' - z_c)\\sqrt{n-3}\\big)
              + \\Phi\\big((-z' - z_c)\\sqrt{n-3}\\big)

    (two-sided; one term for a one-sided test), with :math:`z_c = \\operatorname{arctanh}
    r_c`. Cohen (1988, p. 546) also adds :math:`r_c/(2(n-1))` to :math:`z_c`; that changes
    power by less than 0.005 at the usual sizes. Under the same approximation the average \\|r\\| of the significant results is
    computed by numerical integration. When power is low, only estimates far above the
    truth reach significance, so published brain-behaviour correlations from small samples
    are inflated; Marek et al. found brain-wide associations smaller than earlier reports,
    underpowered and inflated at the typical sample of about 25, and replicable only with
    thousands of people [2]_.

    References
    ----------
    .. [1] Champely S. pwr: basic functions for power analysis, pwr.r.test.
       https://CRAN.R-project.org/package=pwr (after Cohen J. Statistical Power Analysis
       for the Behavioral Sciences. 2nd ed. Erlbaum; 1988. doi:10.4324/9780203771587)
    .. [2] Marek S, Tervo-Clemmens B, Calabro FJ, et al. Reproducible brain-wide
       association studies require thousands of individuals. Nature.
       2022;603(7902):654-660. doi:10.1038/s41586-022-04492-9

    Examples
    --------
    >>> res = correlation_power(0.1, 25)
    >>> round(res.critical_r, 3), round(res.power, 3)
    (0.396, 0.076)
    >>> round(res.exaggeration, 1)
    4.7
    >>> round(correlation_power(0.3, 85).power, 2)
    0.8
    """
    from scipy import stats

    rho = _validate.number("true_r", true_r, minimum=-1, maximum=1, min_inclusive=False,
                           max_inclusive=False)
    n = _validate.integer("n", n, minimum=4)
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    _validate.choice("alternative", alternative, ALTERNATIVES)
    tail = alpha / 2.0 if alternative == "two-sided" else alpha
    t_c = float(stats.t.isf(tail, n - 2))
    r_c = t_c / math.sqrt(t_c * t_c + n - 2)
    mu = math.atanh(rho) + rho / (2.0 * (n - 1))
    sigma = 1.0 / math.sqrt(n - 3)
    zc = math.atanh(r_c)
    if alternative == "two-sided":
        power = stats.norm.cdf((mu - zc) / sigma) + stats.norm.cdf((-mu - zc) / sigma)
    elif alternative == "larger":
        power = stats.norm.cdf((mu - zc) / sigma)
    else:
        power = stats.norm.cdf((-mu - zc) / sigma)
    sign = float(np.sign(rho))
    p_sig, abs_r, wrong = _significant_moments(mu, sigma, zc, alternative, sign)
    mean_abs = abs_r / p_sig if p_sig > 0 else float("nan")
    exaggeration = mean_abs / abs(rho) if rho != 0 else float("nan")
    type_s = wrong / p_sig if (rho != 0 and p_sig > 0) else float("nan")
    return CorrelationPower(rho, n, alpha, alternative, r_c, float(power), mean_abs,
                            exaggeration, type_s)


def correlation_sample_size(true_r: float, power: float = 0.8, alpha: float = 0.05,
                            alternative: str = "two-sided") -> int:
    """Smallest number of people for which a correlation test reaches the wanted power.

    Parameters
    ----------
    true_r : float
        Population correlation, in (-1, 1) and not 0.
    power : float, default 0.8
        Wanted power, in (alpha, 1).
    alpha : float, default 0.05
        Significance level.
    alternative : {"two-sided", "larger", "smaller"}, default "two-sided"
        As in :func:`correlation_power`.

    Returns
    -------
    int
        The smallest *n* (at least 4) with ``correlation_power(true_r, n).power >= power``.

    Raises
    ------
    ValueError
        If ``true_r`` is 0 or outside (-1, 1), ``power`` is not in (``alpha``, 1), or the
        effect points away from a one-sided alternative.

    Notes
    -----
    Power rises with *n*; the answer is found by doubling then bisection on the power of
    :func:`correlation_power` (the pwr package's approximation [1]_). Roughly,
    :math:`n \\approx ((z_{1-\\alpha/2} + z_{1-\\beta}) / \\operatorname{arctanh}\\rho)^2
    + 3`.

    References
    ----------
    .. [1] Champely S. pwr: basic functions for power analysis, pwr.r.test.
       https://CRAN.R-project.org/package=pwr

    Examples
    --------
    >>> correlation_sample_size(0.3), correlation_sample_size(0.1)
    (85, 782)
    """
    rho = _validate.number("true_r", true_r, minimum=-1, maximum=1, min_inclusive=False,
                           max_inclusive=False)
    if rho == 0:
        raise ValueError("true_r must not be 0: no sample size gives power against a zero "
                         "correlation.")
    alpha = _validate.probability("alpha", alpha, open_interval=True)
    target = _validate.number("power", power, minimum=alpha, maximum=1, min_inclusive=False,
                              max_inclusive=False)
    _validate.choice("alternative", alternative, ALTERNATIVES)
    if (alternative == "larger" and rho < 0) or (alternative == "smaller" and rho > 0):
        raise ValueError(f"alternative must point the way of true_r; got "
                         f"alternative={alternative!r} with true_r={true_r!r}.")

    def achieved(n: int) -> float:
        return correlation_power(rho, n, alpha, alternative).power

    lo, hi = 4, 8
    if achieved(lo) >= target:
        return lo
    while achieved(hi) < target:
        lo, hi = hi, hi * 2
        if hi > 10**9:  # pragma: no cover - unreachable for |true_r| > 1e-4
            raise ValueError(f"true_r is too close to 0 to reach power {target:g}; got "
                             f"{true_r!r}.")
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if achieved(mid) >= target:
            hi = mid
        else:
            lo = mid
    return hi


_CMP_LABELS = {"prt_vs_placebo": "PRT vs placebo", "prt_vs_usual_care": "PRT vs usual care"}


def trial_effects_by_measure() -> pd.DataFrame:
    """The trial's treatment effects on self-reported pain and on brain responses, side by
    side as standardized effects.

    Returns
    -------
    pandas.DataFrame
        One row per measure and comparison: ``measure``, ``kind`` (``"self-report"`` or
        ``"brain"``), ``comparison``, ``estimate``, ``ci_low``, ``ci_high``, ``metric``
        and ``source``. Negative values favour PRT.

    Notes
    -----
    Self-reported pain: the change-score Hedges g of the 1-week average pain after
    treatment with the 95% interval the Results text prints beside it (-1.14, -1.65 to
    -0.71; -1.74, -2.28 to -1.32). Those intervals come from the paper's bootstrap and are
    not symmetric around g; :math:`g \\pm 1.96\\,SE` from Table 2 would be a normal
    approximation, not the paper's interval. (Table 2 prints -1.75 for the second g; the
    text's -1.74 is used here because the interval is printed with it.) Pain rated in the
    scanner (evoked and spontaneous): the g's and intervals the paper prints. Brain: the
    three region-of-interest group x time results as :math:`d = t\\sqrt{1/n_1 + 1/n_2}`
    with the people randomized to the two arms (:func:`trial_roi_results`), with the
    interval :math:`(t \\pm 1.96)\\sqrt{1/n_1 + 1/n_2}` implied by a t whose standard
    error is 1. The two kinds are on comparable standardized scales, but the brain values
    are rough conversions and exist only for the region/comparison pairs the paper
    reports [1]_.

    References
    ----------
    .. [1] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> table = trial_effects_by_measure()
    >>> table.groupby("kind").size().to_dict()
    {'brain': 3, 'self-report': 6}
    >>> row = table.loc[0]
    >>> row["measure"], row["comparison"], float(row["estimate"])
    ('Pain, 1-week average (BPI)', 'prt_vs_placebo', -1.14)
    >>> table.loc[1, ["estimate", "ci_low", "ci_high"]].tolist()  # Results text
    [-1.74, -2.28, -1.32]
    """
    import pandas as pd

    from prtlib.trial import published

    rows = []
    for cmp in _CMP_LABELS:
        base = f"g.pain.post.{cmp}.text"
        rows.append({"measure": "Pain, 1-week average (BPI)", "kind": "self-report",
                     "comparison": cmp, "estimate": float(published.get(base)),
                     "ci_low": float(published.get(f"{base}.ci_low")),
                     "ci_high": float(published.get(f"{base}.ci_high")),
                     "metric": "Hedges g (change score)",
                     "source": f"{published.source(f'{base}.ci_low')} (g, 95% CI)"})
    for kind, label in (("evoked", "Evoked back pain, rated in scanner"),
                        ("spontaneous", "Spontaneous pain, rated in scanner")):
        for cmp in _CMP_LABELS:
            base = f"g.scanner_{kind}.post.{cmp}"
            rows.append({"measure": label, "kind": "self-report", "comparison": cmp,
                         "estimate": float(published.get(base)),
                         "ci_low": float(published.get(f"{base}.ci_low")),
                         "ci_high": float(published.get(f"{base}.ci_high")),
                         "metric": "Hedges g", "source": published.source(base)})
    for row in trial_roi_results().itertuples(index=False):
        scale = math.sqrt(1.0 / row.n_prt + 1.0 / row.n_control)
        rows.append({"measure": f"Brain response, {row.region}", "kind": "brain",
                     "comparison": row.comparison, "estimate": row.d,
                     "ci_low": (row.t - 1.96) * scale, "ci_high": (row.t + 1.96) * scale,
                     "metric": "d from t and arm sizes",
                     "source": "Results text (t); Figure 1 (n)"})
    return pd.DataFrame(rows)
