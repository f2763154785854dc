"""The dropout laboratory: complete simulated trials, and dropout imposed on them that is
missing completely at random, at random, or not at random.

Everything takes plain arrays and explicit parameters; the trial's version, whose true
means are Table 2's, is ``trial.followup.simulate_complete_trials`` in the trial layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from prtlib import _validate

__all__ = ["MECHANISMS", "MECHANISM_LABELS", "OUTCOMES", "SD_PERSON", "SD_VISIT",
           "CompleteTrials", "impose_dropout", "simulate_complete_trials"]

MECHANISMS = ("MCAR", "MAR", "MNAR")
"""Dropout that depends on nothing, on the last pain seen, or on the pain not seen."""

OUTCOMES = ("level", "change")
"""Compare pain at a visit, or its change from baseline."""

MECHANISM_LABELS = {
    "MCAR": "missing completely at random",
    "MAR": "missing at random (depends on the last pain seen)",
    "MNAR": "missing not at random (depends on the pain that would have been seen)",
}

SD_PERSON = 1.15
"""SD of the person-level random intercept in the simulation (pain points; a modelling
choice for the PRT trial, not a number from the paper). With :data:`SD_VISIT` it gives a
total SD of about 1.6, like Table 2's, and a correlation of 0.5 between two visits of one
person."""

SD_VISIT = 1.15
"""SD of visit-to-visit noise around a person's level in the simulation (a modelling
choice)."""

_BISECTION_STEPS = 26
_CALIBRATION_TRIALS = 50


def _readonly(array) -> np.ndarray:
    out = np.array(array, dtype=float)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, repr=False, eq=False)
class CompleteTrials:
    """Many simulated two-arm trials with pain at every visit (nothing missing yet).

    Attributes
    ----------
    pain : numpy.ndarray
        Shape (n_trials, n_people, n_times): the outcome (not rounded or clipped).
    treated : numpy.ndarray
        Shape (n_people,), True for the treated arm.
    means : numpy.ndarray
        Shape (2, n_times): the true mean trajectory of the control arm (row 0) and of
        the treated arm (row 1), with the pooled baseline.
    true_effect : numpy.ndarray
        Shape (n_times,): the true difference in mean change from baseline, treated minus
        control, at each time (0 at baseline).
    label : str
        What the two arms are (e.g. "prt_vs_placebo").
    sd_person, sd_visit : float
    seed : int
    """

    pain: np.ndarray
    treated: np.ndarray
    means: np.ndarray
    true_effect: np.ndarray
    label: str
    sd_person: float
    sd_visit: float
    seed: int

    @property
    def n_trials(self) -> int:
        return self.pain.shape[0]

    def __repr__(self) -> str:
        r, n, t = self.pain.shape
        return (f"CompleteTrials({r} trials of {n} people x {t} visits, "
                f"{self.label or 'two arms'}, true 12-month effect {self.true_effect[-1]:.2f})")


def simulate_complete_trials(means, sizes, n_trials=200, sd_person=SD_PERSON,
                             sd_visit=SD_VISIT, seed=0, label="") -> CompleteTrials:
    """Simulate complete two-arm trials with given true mean trajectories.

    Parameters
    ----------
    means : array_like
        Shape (2, n_times), n_times >= 2: the true mean of the control arm (row 0) and of
        the treated arm (row 1) at each visit; column 0 is baseline.
    sizes : sequence of two int
        People in the control arm and in the treated arm (each 2 to 10000).
    n_trials : int, default 200
        Number of simulated trials (1 to 5000).
    sd_person : float, default :data:`SD_PERSON`
        SD of each person's stable level (random intercept), in pain points.
    sd_visit : float, default :data:`SD_VISIT`
        SD of the visit-to-visit noise, in pain points.
    seed : int, default 0
        Seed of the random generator.
    label : str, default ""
        What the two arms are (e.g. "prt_vs_placebo"); kept on the result.

    Returns
    -------
    CompleteTrials

    Raises
    ------
    ValueError
        For means that are not finite or not (2, n_times), or a bad size, SD or seed.

    Notes
    -----
    Person i of arm g at visit t has ``y_it = mu_gt + u_i + e_it`` with
    ``u_i ~ N(0, sd_person^2)`` and ``e_it ~ N(0, sd_visit^2)``, all independent;
    ``mu_gt`` are ``means`` after baseline; at baseline both arms get the
    size-weighted mean of the two arms' baselines, because randomization draws both from
    one population. This is exactly the
    random-intercept model, so a mixed model fitted to it is correctly specified. Values
    are not rounded or clipped, so that the true means stay exactly ``means``.
    The true effect at time t is ``(mu_prt,t - mu_prt,0) - (mu_control,t - mu_control,0)``,
    which with equal baselines is also the true difference at t, ``mu_prt,t -
    mu_control,t``.

    References
    ----------
    Laird NM, Ware JH. Random-effects models for longitudinal data. Biometrics.
    1982;38(4):963-974. doi:10.2307/2529876

    Examples
    --------
    >>> trials = simulate_complete_trials([[6.0, 4.0, 4.0], [6.2, 2.0, 2.5]], [50, 51],
    ...                                   n_trials=3, seed=1)
    >>> trials.pain.shape
    (3, 101, 3)
    >>> round(float(trials.true_effect[-1]), 2)
    -1.5
    """
    means = _validate.finite_array("means", means)
    if means.ndim != 2 or means.shape[0] != 2 or means.shape[1] < 2:
        raise ValueError(f"means must have shape (2, n_times) with n_times >= 2 (control "
                         f"row, treated row); got shape {means.shape}.")
    if len(sizes) != 2:
        raise ValueError(f"sizes must be two arm sizes (control, treated); got {sizes!r}.")
    sizes = [_validate.integer("sizes", s, minimum=2, maximum=10_000) for s in sizes]
    n_trials = _validate.integer("n_trials", n_trials, minimum=1, maximum=5000)
    sd_person = _validate.number("sd_person", sd_person, minimum=0)
    sd_visit = _validate.positive("sd_visit", sd_visit)
    seed = _validate.integer("seed", seed, minimum=0)
    means = means.copy()
    means[:, 0] = np.dot(sizes, means[:, 0]) / sum(sizes)  # randomized: one population
    treated = np.repeat([False, True], sizes)
    rng = np.random.default_rng(seed)
    n_people, n_times = treated.size, means.shape[1]
    person = rng.standard_normal((n_trials, n_people, 1)) * sd_person
    visit = rng.standard_normal((n_trials, n_people, n_times)) * sd_visit
    pain = means[treated.astype(int)][None, :, :] + person + visit
    change = means - means[:, :1]
    return CompleteTrials(pain=_readonly(pain), treated=np.asarray(treated),
                          means=_readonly(means), true_effect=_readonly(change[1] - change[0]),
                          label=str(label), sd_person=sd_person, sd_visit=sd_visit,
                          seed=seed)


def _as_trials(pain, observed=None):
    """Promote (n_people, n_times) inputs to (1, n_people, n_times); check shapes."""
    y = np.asarray(pain, dtype=float)
    if y.ndim == 2:
        y = y[None]
    if y.ndim != 3 or y.shape[-1] < 2:
        raise ValueError(f"pain must be an array of shape (n_people, n_times) or (n_trials, "
                         f"n_people, n_times) with at least 2 times; got shape {y.shape}.")
    if observed is None:
        return y, None
    o = np.asarray(observed)
    if o.ndim == 2:
        o = o[None]
    if o.shape != y.shape:
        raise ValueError(f"observed must have the shape of pain {y.shape}; got {o.shape}.")
    if o.dtype != bool:
        raise ValueError("observed must be a boolean array (True = seen); got dtype "
                         f"{o.dtype}.")
    if np.any(o & ~np.isfinite(y)):
        raise ValueError("observed marks a value as seen where pain is NaN or infinite; "
                         "every observed value must be a finite number.")
    return y, o


def _treated_vector(treated, n_people):
    t = np.asarray(treated)
    if t.shape != (n_people,) or t.dtype != bool:
        raise ValueError(f"treated must be a boolean array with one entry per person "
                         f"({n_people}); got {t.dtype} of shape {t.shape}.")
    if t.all() or not t.any():
        raise ValueError("treated must mark some people True (PRT) and some False (control).")
    return t


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def impose_dropout(pain, mechanism="MAR", strength=1.0, rate=0.2, seed=0) -> np.ndarray:
    """Make people drop out of complete trials: MCAR, MAR or MNAR.

    Parameters
    ----------
    pain : array_like
        Complete pain, shape (n_people, n_times) or (n_trials, n_people, n_times); the
        first time is baseline.
    mechanism : {"MCAR", "MAR", "MNAR"}, default "MAR"
        What the chance of leaving depends on: nothing; the pain seen at the previous
        visit; the pain at the visit itself (which is then never seen).
    strength : float, default 1.0
        Change in the log-odds of leaving per SD of pain (0 to 5). Ignored under MCAR.
    rate : float, default 0.2
        Expected share of people missing at the last visit, in (0, 0.9].
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    numpy.ndarray
        Boolean, same shape as ``pain``: True where the value is seen. Dropout is
        monotone (who leaves does not come back) and baseline is always seen.

    Raises
    ------
    ValueError
        For a bad mechanism, strength, rate, seed or array.

    Notes
    -----
    A person still in the trial before visit k (k >= 1) leaves, and misses visits k and
    later, with probability ``sigmoid(alpha + strength * z)``; ``z`` is 0 (MCAR), the
    standardized pain at visit k - 1 (MAR: it was observed) or at visit k (MNAR: it is
    not). Pain is standardized by its mean and SD at that visit over everyone. ``alpha``
    is found by bisection so that the expected share missing at the last visit, over the
    people of the first 50 trials, is ``rate``; the dropouts are then drawn with one
    uniform number per person and visit.

    References
    ----------
    Rubin DB. Inference and missing data. Biometrika. 1976;63(3):581-592.
    doi:10.1093/biomet/63.3.581

    Examples
    --------
    >>> trials = simulate_complete_trials([[6.0, 4.0, 4.0], [6.2, 2.0, 2.5]], [50, 51],
    ...                                   n_trials=50, seed=2)
    >>> seen = impose_dropout(trials.pain, "MNAR", strength=1.5, rate=0.3, seed=2)
    >>> print(f"{1 - seen[..., -1].mean():.2f}")
    0.30
    >>> bool(seen[..., 0].all())
    True
    """
    mechanism = _validate.choice("mechanism", mechanism, MECHANISMS)
    strength = _validate.number("strength", strength, minimum=0, maximum=5)
    rate = _validate.number("rate", rate, minimum=0, maximum=0.9, min_inclusive=False)
    seed = _validate.integer("seed", seed, minimum=0)
    y, _ = _as_trials(pain)
    squeeze = np.asarray(pain).ndim == 2
    if not np.all(np.isfinite(y)):
        raise ValueError("pain must be complete (finite everywhere) before dropout is "
                         "imposed.")
    uniforms = np.random.default_rng(seed).random(y.shape[:-1] + (y.shape[-1] - 1,))
    observed = _dropout(_standardized(y), uniforms, mechanism, strength, rate)
    return observed[0] if squeeze else observed


def _standardized(y) -> np.ndarray:
    """Pain standardized by its mean and SD at each visit over every trial and person."""
    mean = y.mean(axis=(0, 1))
    sd = y.std(axis=(0, 1))
    return (y - mean) / np.where(sd > 0, sd, 1.0)


def _dropout(z, uniforms, mechanism, strength, rate) -> np.ndarray:
    """:func:`impose_dropout` from the standardized pain ``z`` and the uniform numbers
    (one per trial, person and visit after baseline), which do not depend on the
    mechanism, strength or rate: a caller that tries many settings on the same trials
    computes them once."""
    n_times = z.shape[-1]
    if mechanism == "MCAR" or strength == 0:
        drive = np.zeros(z.shape[:-1] + (n_times - 1,))
    elif mechanism == "MAR":
        drive = strength * z[..., :-1]
    else:
        drive = strength * z[..., 1:]

    calibration = drive[:_CALIBRATION_TRIALS]
    buffer = np.empty_like(calibration)

    def sigmoid_into(out, alpha, x):
        # _sigmoid(alpha + x) in place: the same operations in the same order.
        np.add(alpha, x, out=out)
        np.multiply(out, 0.5, out=out)
        np.tanh(out, out=out)
        np.add(out, 1.0, out=out)
        np.multiply(out, 0.5, out=out)
        return out

    def expected_missing(alpha):
        # 1 - sigmoid(alpha + calibration), multiplied over the visits (as np.prod does).
        np.subtract(1.0, sigmoid_into(buffer, alpha, calibration), out=buffer)
        stay = buffer[..., 0].copy()
        for k in range(1, buffer.shape[-1]):
            stay *= buffer[..., k]
        return 1.0 - float(stay.mean())

    lo, hi = -25.0, 15.0
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        if expected_missing(mid) < rate:
            lo = mid
        else:
            hi = mid
    alpha = 0.5 * (lo + hi)
    leave = uniforms < sigmoid_into(drive, alpha, drive)  # drive is not needed after
    gone = np.logical_or.accumulate(leave, axis=-1)
    observed = np.empty(z.shape, dtype=bool)
    observed[..., 0] = True
    np.logical_not(gone, out=observed[..., 1:])
    return observed
