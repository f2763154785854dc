"""Confounding: when milder cases choose therapy, a plain comparison of those who chose it
with those who did not is biased; random allocation removes the bias on average."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

from prtlib import _validate
from prtlib.trial import published
from prtlib.trial.designs._shared import _seed, _standard_draws, _trial_size

__all__ = ["ConfoundingResult", "expected_confounding_bias", "observational_study",
           "simulate_confounding"]

_STABILITY = 0.6  # modelling choice: correlation of a person's pain over a month


def _pain_population() -> tuple[float, float]:
    get = published.get
    return float(get("baseline.pain.all.mean")), float(get("baseline.pain.all.sd"))


def _confounding_inputs(selection, true_effect, stability):
    selection = _validate.number("selection", selection, minimum=0, maximum=10)
    true_effect = _validate.number("true_effect", true_effect, minimum=-10, maximum=10)
    stability = _validate.number("stability", stability, minimum=0, maximum=1,
                                 max_inclusive=False)
    return selection, true_effect, stability


def _confounded_draws(n: int, n_studies: int, seed: int, selection: float, true_effect: float,
                      stability: float):
    """Baseline pain, observational and randomized therapy, follow-up pain (arrays)."""
    mean, sd = _pain_population()
    z, eta, eps, u = _standard_draws(("confounding", seed), (4, n_studies, n))
    baseline = mean + sd * z
    chose = (-selection * z + eta) > 0.0
    randomized = u > 0.0
    untreated = mean + stability * sd * z + sd * math.sqrt(1.0 - stability ** 2) * eps
    return baseline, chose, randomized, untreated, true_effect


def observational_study(selection=1.5, true_effect=-1.0, n=None, randomized=False,
                        stability=_STABILITY, seed=0):
    """One simulated study of therapy for back pain, observational or randomized.

    Parameters
    ----------
    selection : float, default 1.5
        How strongly milder pain makes people choose therapy (0 = no link, up to 10). On
        the probit scale, ``P(therapy | z) = Phi(-selection * z)`` with z the person's
        standardized baseline pain.
    true_effect : float, default -1.0
        What therapy really does to follow-up pain, in points (negative = less pain).
    n : int, optional
        Number of people; default the trial's 151 (``n.randomized.total``).
    randomized : bool, default False
        False: people choose (observational). True: a fair coin decides.
    stability : float, default 0.6
        Correlation between a person's baseline and follow-up pain without therapy, in
        [0, 1); a modelling choice.
    seed : int, default 0
        Seed of the random numbers.

    Returns
    -------
    pandas.DataFrame
        One row per person: ``participant``, ``baseline_pain``, ``therapy`` (bool) and
        ``followup_pain`` (points, rounded to 2 decimals, not clipped to 0-10).

    Raises
    ------
    ValueError
        If a parameter is outside its range or not of the right kind.

    Notes
    -----
    Baseline pain is normal with the trial's whole-sample mean and SD (Table 1). Without
    therapy, follow-up pain is ``mu + stability * sigma * z + sigma * sqrt(1 - stability^2)
    * e``; therapy adds ``true_effect``. Choosing therapy depends on z only, so z is a
    confounder: it drives both the choice and the outcome.

    References
    ----------
    Hernán MA, Robins JM. Causal Inference: What If. Boca Raton: Chapman & Hall/CRC; 2020.

    Examples
    --------
    >>> df = observational_study(seed=1)
    >>> list(df.columns)
    ['participant', 'baseline_pain', 'therapy', 'followup_pain']
    >>> treated = df[df["therapy"]]["baseline_pain"].mean()
    >>> untreated = df[~df["therapy"]]["baseline_pain"].mean()
    >>> bool(treated < untreated)   # milder cases chose therapy
    True
    """
    import pandas as pd

    selection, true_effect, stability = _confounding_inputs(selection, true_effect, stability)
    n = _validate.integer("n", _trial_size(n), minimum=4, maximum=100_000)
    if not isinstance(randomized, bool | np.bool_):
        raise ValueError(f"randomized must be True or False; got {randomized!r}.")
    seed = _seed(seed)
    baseline, chose, coin, untreated, effect = _confounded_draws(
        n, 1, seed, selection, true_effect, stability)
    therapy = (coin if randomized else chose)[0]
    followup = untreated[0] + effect * therapy
    width = len(str(n))
    return pd.DataFrame({
        "participant": [f"P{i + 1:0{width}d}" for i in range(n)],
        "baseline_pain": np.round(baseline[0], 2),
        "therapy": therapy,
        "followup_pain": np.round(followup, 2),
    })


@dataclass(frozen=True)
class ConfoundingResult:
    """Estimates of a therapy's effect from many simulated observational and randomized studies.

    Attributes
    ----------
    selection, true_effect, stability : float
        The simulation's settings (see :func:`observational_study`).
    n, n_studies : int
        People per study and number of studies.
    observational : numpy.ndarray
        Per study, mean follow-up pain of those who chose therapy minus those who did not.
    randomized : numpy.ndarray
        The same difference when a coin decided.
    example_baseline : numpy.ndarray
        Baseline pain of the people in the first observational study.
    example_therapy : numpy.ndarray
        Whether each of them chose therapy (bool).
    """

    selection: float
    true_effect: float
    stability: float
    n: int
    n_studies: int
    observational: np.ndarray = field(repr=False)
    randomized: np.ndarray = field(repr=False)
    example_baseline: np.ndarray = field(repr=False)
    example_therapy: np.ndarray = field(repr=False)

    @property
    def observational_mean(self) -> float:
        """Average observational estimate over the studies."""
        return float(np.nanmean(self.observational))

    @property
    def randomized_mean(self) -> float:
        """Average randomized estimate over the studies."""
        return float(np.nanmean(self.randomized))

    @property
    def bias(self) -> float:
        """Average observational estimate minus the true effect."""
        return self.observational_mean - self.true_effect

    @property
    def expected_bias(self) -> float:
        """The bias the formula of :func:`expected_confounding_bias` predicts."""
        return expected_confounding_bias(self.selection, self.stability)

    def __str__(self) -> str:
        return (f"True effect {self.true_effect:+.2f} points. Over {self.n_studies} studies of "
                f"{self.n} people: observational estimate {self.observational_mean:+.2f} "
                f"(bias {self.bias:+.2f}), randomized estimate {self.randomized_mean:+.2f}.")


def _group_difference(y, t):
    t = t.astype(float)
    n1 = t.sum(axis=-1)
    n0 = t.shape[-1] - n1
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = (y * t).sum(axis=-1) / n1 - (y * (1.0 - t)).sum(axis=-1) / n0
    return np.where((n1 > 0) & (n0 > 0), diff, np.nan)


@functools.lru_cache(maxsize=64)
def _confounding_cached(selection, true_effect, n, n_studies, stability, seed):
    baseline, chose, coin, untreated, effect = _confounded_draws(
        n, n_studies, seed, selection, true_effect, stability)
    obs = _group_difference(untreated + effect * chose, chose)
    rand = _group_difference(untreated + effect * coin, coin)
    for arr in (obs, rand):
        arr.setflags(write=False)
    example_baseline, example_therapy = baseline[0].copy(), chose[0].copy()
    for arr in (example_baseline, example_therapy):
        arr.setflags(write=False)
    return ConfoundingResult(selection, true_effect, stability, n, n_studies, obs, rand,
                             example_baseline, example_therapy)


def simulate_confounding(selection=1.5, true_effect=-1.0, n=None, n_studies=400,
                         stability=_STABILITY, seed=0) -> ConfoundingResult:
    """Many observational and randomized studies of the same therapy, side by side.

    Parameters
    ----------
    selection : float, default 1.5
        How strongly milder pain makes people choose therapy, 0 to 10 (see
        :func:`observational_study`).
    true_effect : float, default -1.0
        The therapy's real effect on follow-up pain, points.
    n : int, optional
        People per study; default the trial's 151 (``n.randomized.total``).
    n_studies : int, default 400
        Number of simulated studies of each kind (10 to 20,000).
    stability : float, default 0.6
        Baseline-to-follow-up correlation of pain without therapy, in [0, 1).
    seed : int, default 0
        Seed of the random numbers; the same people are used for both designs.

    Returns
    -------
    ConfoundingResult
        Per-study estimates for both designs, their averages and the bias.

    Raises
    ------
    ValueError
        If a parameter is outside its range or not of the right kind.

    Notes
    -----
    Each estimate is a plain difference of mean follow-up pain, therapy minus no therapy.
    In the observational design the groups differ in baseline pain, so the difference
    mixes the effect with ``stability * sigma * (E[z | therapy] - E[z | none])``; under
    random allocation the groups differ only by chance and the average estimate is the
    true effect. Results are cached per setting; their arrays are read-only.

    References
    ----------
    Hernán MA, Robins JM. Causal Inference: What If. Boca Raton: Chapman & Hall/CRC; 2020.

    Examples
    --------
    >>> res = simulate_confounding(selection=1.5, true_effect=-1.0)
    >>> print(f"{res.observational_mean:.2f} {res.randomized_mean:.2f}")
    -1.99 -1.00
    >>> print(f"{res.expected_bias:.2f}")
    -1.00
    """
    selection, true_effect, stability = _confounding_inputs(selection, true_effect, stability)
    n = _validate.integer("n", _trial_size(n), minimum=4, maximum=10_000)
    n_studies = _validate.integer("n_studies", n_studies, minimum=10, maximum=20_000)
    return _confounding_cached(selection, true_effect, n, n_studies, stability, _seed(seed))


def expected_confounding_bias(selection, stability=_STABILITY) -> float:
    """The average bias of the observational comparison, from a closed formula.

    Parameters
    ----------
    selection : float
        How strongly milder pain makes people choose therapy, 0 to 10.
    stability : float, default 0.6
        Baseline-to-follow-up correlation of pain without therapy, in [0, 1).

    Returns
    -------
    float
        Expected (observational estimate minus true effect), in points of pain. Negative:
        therapy looks better than it is.

    Raises
    ------
    ValueError
        If a parameter is outside its range.

    Notes
    -----
    Therapy is chosen when ``U = -s z + eta > 0`` with z, eta standard normal. ``U`` is
    normal with variance ``1 + s^2`` and covariance ``-s`` with z, so by the mean of a
    truncated bivariate normal ``E[z | U > 0] = -(s / sqrt(1 + s^2)) * phi(0) / (1/2)``
    and ``E[z | U <= 0]`` is its negative. The bias is ``stability * sigma`` times their
    difference::

        bias = -2 * sqrt(2 / pi) * stability * sigma * s / sqrt(1 + s^2)

    with sigma the whole-sample SD of baseline pain (Table 1 of the trial).

    References
    ----------
    Johnson NL, Kotz S, Balakrishnan N. Continuous Univariate Distributions, Vol 1, 2nd ed.
    New York: Wiley; 1994 (the mean of a truncated normal).

    Examples
    --------
    >>> round(expected_confounding_bias(0), 3)
    0.0
    >>> round(expected_confounding_bias(1.5), 2)
    -1.0
    """
    selection, _, stability = _confounding_inputs(selection, 0.0, stability)
    _, sd = _pain_population()
    bias = (-2.0 * math.sqrt(2.0 / math.pi) * stability * sd * selection
            / math.sqrt(1.0 + selection ** 2))
    return float(bias) + 0.0  # + 0.0 turns -0.0 into 0.0
