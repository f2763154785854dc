"""The model of one voxel: the canonical HRF, the events of an evoked-stimulation run, the
design matrix they give and a simulated BOLD series.

:func:`hrf` is SPM's double-gamma haemodynamic response; :func:`task_events` lays out a run
of equally spaced trials, each a stimulation at one of several intensity levels followed by
a rating; :func:`design_matrix` turns events into HRF-convolved regressors (with an optional
parametric regressor and drift terms); :func:`simulate_voxel` makes a BOLD time series from
chosen effects and (optionally autocorrelated) noise. Nothing here knows a particular study:
the repetition time and the layout of the run are parameters (the PRT trial's values are
filled in by :mod:`prtlib.trial.scanning`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from prtlib import _validate

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["design_matrix", "hrf", "simulate_voxel", "task_events"]

_PEAK_SHAPE = 6.0  # SPM canonical HRF: shape of the peak gamma (peak near 5 s)
_UNDERSHOOT_SHAPE = 16.0  # shape of the undershoot gamma (trough near 15 s)
_UNDERSHOOT_RATIO = 1.0 / 6.0  # amplitude of the undershoot relative to the peak gamma


def _gamma_pdf(t: np.ndarray, shape: float) -> np.ndarray:
    """Gamma density with unit scale, t^(shape-1) exp(-t) / Gamma(shape), zero for t <= 0."""
    out = np.zeros_like(t, dtype=float)
    pos = t > 0
    out[pos] = np.exp((shape - 1.0) * np.log(t[pos]) - t[pos] - math.lgamma(shape))
    return out


def hrf(tr: float, duration: float = 32.0, oversampling: int = 1) -> np.ndarray:
    """The canonical haemodynamic response function (SPM's double gamma).

    Parameters
    ----------
    tr : float
        Repetition time in seconds: the time between two scans of the same slice (the PRT
        trial's 0.46 s is :func:`prtlib.trial.scanning.protocol`'s ``tr_s``).
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
    ``tr / oversampling`` is 0.03 s or shorter (an oversampling of 16 or more at a
    TR of 0.46 s) the two kernels agree to within 1% of the peak.

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
    tr = _validate.positive("tr", tr)
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


def task_events(n_trials: int, trial_duration: float, levels: int, seed=0, *,
                level_ratings=None, stimulation_duration: float = 15.0,
                rating_onset: float = 20.0, rating_duration: float = 5.0) -> pd.DataFrame:
    """The events of one evoked-stimulation run (stimulation, then a rating), in nilearn's
    events format.

    Parameters
    ----------
    n_trials : int
        Number of trials (the PRT trial's evoked back-pain run had 20).
    trial_duration : float
        Seconds from the start of one trial to the start of the next (PRT: 37 s).
    levels : int
        Number of stimulation intensities, for example inflation levels of a pneumatic
        bladder (PRT: 4).
    seed : int, default 0
        Seed of the random order of levels.
    level_ratings : sequence of float, optional
        One expected rating per level (level 1 first), for example the mean baseline
        ratings of the levels; they fill ``expected_rating``. Default: missing.
    stimulation_duration : float, default 15.0
        Seconds the stimulation lasts (the bladder stays inflated), from the start of each
        trial. A teaching assumption: the PRT trial's reports do not give it.
    rating_onset : float, default 20.0
        Seconds from the start of a trial to the start of the rating. A teaching assumption.
    rating_duration : float, default 5.0
        Seconds given to the rating. A teaching assumption.

    Returns
    -------
    pandas.DataFrame
        Two rows per trial, sorted by onset, with columns ``onset`` and ``duration`` (s),
        ``trial_type`` (``"pain"`` for stimulation, ``"rating"``), ``modulation`` (1.0),
        ``trial`` (1, 2, ...), ``level`` (1 = weakest stimulation) and
        ``expected_rating``, the ``level_ratings`` value of that level (NaN without
        ``level_ratings``).

    Raises
    ------
    ValueError
        If a count is not a positive whole number, a duration is not positive, the
        stimulation and rating do not fit inside a trial in that order, or
        ``level_ratings`` does not hold one finite number per level.

    Notes
    -----
    Simplification: each trial is stimulation from its start, a pause, a rating period
    and rest until the next trial; there is no jitter and no separate anticipation cue.
    Trial ``k`` (from 0) starts at ``k * trial_duration``. The levels are balanced (each
    used ``n_trials / levels`` times, as nearly as possible) and shuffled. The first four
    columns are nilearn's events format [1]_; nilearn ignores the extra columns (with a
    warning), so pass ``events[["onset", "duration", "trial_type", "modulation"]]`` to it.
    The PRT trial reported mean baseline ratings of 32.15, 37.91, 46.70 and 52.73 for its
    four levels [2]_ (:func:`prtlib.trial.scanning.task_events` passes them as
    ``level_ratings``).

    References
    ----------
    .. [1] Nilearn contributors. nilearn.glm.first_level.make_first_level_design_matrix
       (events argument). https://nilearn.github.io/stable/modules/glm.html
    .. [2] Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23.
       doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> ev = task_events(20, 37.0, 4, seed=1, level_ratings=[32.15, 37.91, 46.70, 52.73])
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

    n_trials = _validate.integer("n_trials", n_trials, minimum=1)
    trial_duration = _validate.positive("trial_duration", trial_duration)
    levels = _validate.integer("levels", levels, minimum=1)
    if level_ratings is not None:
        ratings = _validate.finite_array("level_ratings", level_ratings, ndim=(1,))
        if ratings.size != levels:
            raise ValueError(f"level_ratings must hold one rating per level ({levels}); got "
                             f"{ratings.size}.")
    stim = _validate.positive("stimulation_duration", stimulation_duration)
    r_on = _validate.number("rating_onset", rating_onset, minimum=stim)
    r_dur = _validate.positive("rating_duration", rating_duration)
    if r_on + r_dur > trial_duration:
        raise ValueError(f"rating_onset + rating_duration must fit inside trial_duration = "
                         f"{trial_duration:g} s; got rating_onset={rating_onset!r} and "
                         f"rating_duration={rating_duration!r}.")
    rng = np.random.default_rng(seed)
    order = rng.permutation(np.resize(np.arange(1, levels + 1), n_trials))
    expected = (np.full(n_trials, np.nan) if level_ratings is None
                else ratings[order - 1])
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
                         f"trial_type; got {type(events).__name__}.")
    if len(events) == 0:
        raise ValueError("events must hold at least one event; got an empty DataFrame.")
    onset = _validate.finite_array("events['onset']", events["onset"])
    duration = _validate.finite_array("events['duration']", events["duration"])
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


def design_matrix(events, tr: float, n_scans=None, parametric=True, *, modulator="level",
                  parametric_condition="pain", drift_model="cosine",
                  high_pass: float = 1.0 / 128.0, drift_order: int = 2,
                  oversampling: int = 50, hrf_duration: float = 32.0) -> pd.DataFrame:
    """The design matrix of a first-level (single-run) GLM.

    Parameters
    ----------
    events : pandas.DataFrame
        Columns ``onset``, ``duration``, ``trial_type`` and optionally ``modulation``
        (amplitude, default 1), as made by :func:`task_events`.
    tr : float
        Repetition time in seconds.
    n_scans : int, optional
        Number of scans (rows). Default: enough scans to reach ``hrf_duration`` seconds
        past the end of the last event, so that its response has returned to baseline.
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
    >>> X = design_matrix(task_events(20, 37.0, 4, seed=1), tr=0.46)
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
    tr = _validate.positive("tr", tr)
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
    amplitudes = (_validate.finite_array("events['modulation']", events["modulation"])
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
        values = _validate.finite_array(f"events[{modulator!r}]", events.loc[sel, modulator])
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
        X = _validate.finite_array("design", design.to_numpy(dtype=float), ndim=(2,))
    else:
        X = _validate.finite_array("design", design, ndim=(2,))
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
    >>> X = design_matrix(task_events(20, 37.0, 4, seed=1), tr=0.46)
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
        B = _validate.finite_array("betas", B)
    else:
        B = _validate.finite_array("betas", betas, ndim=(1, 2))
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


