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
  (:func:`consort_flow`, :func:`consort_figure`).

Every trial number is read from :mod:`prtlib.trial.published`; the other numbers in the
simulations (how strongly severity drives the choice of therapy, the test-retest
reliability of a pain rating, ...) are modelling choices, named as such where they appear.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import zlib
from dataclasses import dataclass, field

import numpy as np

from prtlib import _validate
from prtlib.trial.constants import ARMS

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
    "consort_figure",
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

ALLOCATION_METHODS = ("simple", "block", "minimization")
"""Allocation rules: simple randomization, permuted blocks, Pocock-Simon minimization."""

IMBALANCE_MEASURES = {
    "size": "difference in arm size (people)",
    "female": "difference in % women (percentage points)",
    "opioid": "difference in current opioid users (people)",
    "age": "difference in mean age (years)",
    "pain": "difference in mean baseline pain (points, 0-10)",
}
"""The imbalance measures of :func:`simulate_allocation`: largest minus smallest arm."""

_STABILITY = 0.6  # modelling choice: correlation of a person's pain over a month
_MIN_PER_ARM = 1  # people needed in each arm of a simulated study


def _published():
    from prtlib.trial import published

    return published


def _seed(seed) -> int:
    return _validate.integer("seed", seed, minimum=0)


# ---------------------------------------------------------------------------------------
# Confounding
# ---------------------------------------------------------------------------------------


def _pain_population() -> tuple[float, float]:
    get = _published().get
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


@functools.lru_cache(maxsize=16)
def _standard_draws_cached(name: str, seed: int, shape: tuple):
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    out = rng.standard_normal(shape)
    out.setflags(write=False)
    return out


def _standard_draws(key, shape):
    """Standard normal draws for a named simulation and seed (cached, read-only)."""
    name, seed = key
    return _standard_draws_cached(name, seed, tuple(shape))


def _trial_size(n) -> int | None:
    """``n``, or the trial's number randomized (151, Figure 1) when ``n`` is None."""
    return int(_published().get("n.randomized.total")) if n is None else n


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


# ---------------------------------------------------------------------------------------
# Regression to the mean
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegressionToMean:
    """Expected regression to the mean after entry on a threshold (Barnett et al. 2005).

    Attributes
    ----------
    threshold, mean, sd, reliability : float
        Entry cut-off, population mean and SD of a single measurement, and test-retest
        reliability (share of the variance that is stable between people).
    n_baseline : int
        Measurements averaged for the entry (and baseline) score.
    direction : str
        ``"above"``: entry needs a score at or above the threshold; ``"below"``: at or
        below.
    selected_fraction : float
        Share of the population that enters.
    entry_mean : float
        Expected entry score of those who enter.
    later_mean : float
        Expected score of the same people at a later single measurement, with no change.
    effect : float
        ``entry_mean - later_mean``: the apparent improvement (for ``"above"``) that needs
        no treatment. Negative for ``"below"`` (scores rise).
    """

    threshold: float
    mean: float
    sd: float
    reliability: float
    n_baseline: int
    direction: str
    selected_fraction: float
    entry_mean: float
    later_mean: float
    effect: float

    def __str__(self) -> str:
        return (f"{100 * self.selected_fraction:.0f}% enter; their entry score averages "
                f"{self.entry_mean:.2f}, a later score {self.later_mean:.2f}: a change of "
                f"{-self.effect:+.2f} with no treatment.")


def _rtm_inputs(threshold, mean, sd, reliability):
    threshold = _validate.number("threshold", threshold, minimum=-1e6, maximum=1e6)
    mean = _validate.number("mean", mean, minimum=-1e6, maximum=1e6)
    sd = _validate.positive("sd", sd)
    reliability = _validate.number("reliability", reliability, minimum=0, maximum=1,
                                   min_inclusive=False)
    return threshold, mean, sd, reliability


def regression_to_mean(threshold, mean, sd, reliability, n_baseline=1,
                       direction="above") -> RegressionToMean:
    """Expected regression to the mean when people enter a study on a noisy cut-off.

    Parameters
    ----------
    threshold : float
        Entry cut-off (for the trial: pain of at least 4/10 at screening).
    mean : float
        Population mean of a single measurement.
    sd : float
        Population SD of a single measurement (between- and within-person).
    reliability : float
        Test-retest correlation of a single measurement, in (0, 1]: the share of its
        variance that is a stable trait of the person.
    n_baseline : int, default 1
        Number of measurements averaged to decide entry.
    direction : {"above", "below"}, default "above"
        Entry at or above the threshold, or at or below it.

    Returns
    -------
    RegressionToMean
        Share entering, expected entry and later scores, and the effect (entry minus
        later).

    Raises
    ------
    ValueError
        If a parameter is outside its range.

    Notes
    -----
    Barnett, van der Pols & Dobson (2005), equation 1. With between-person variance
    ``s_b^2 = reliability * sd^2``, within-person variance ``s_w^2 = (1 - reliability) *
    sd^2`` and the entry score the mean of m measurements (variance ``s^2 = s_b^2 +
    s_w^2 / m``), the expected drop among people entering above the cut-off c is::

        RTM = (s_w^2 / m) / s * C(z),   z = (c - mean) / s,   C(z) = phi(z) / (1 - Phi(z))

    For entry below the cut-off, ``z = (mean - c) / s`` and the scores rise by the same
    formula. The entry mean is ``mean + s C(z)``, the later mean ``mean + (s_b^2 / s)
    C(z)``.

    References
    ----------
    Barnett AG, van der Pols JC, Dobson AJ. Regression to the mean: what it is and how to
    deal with it. Int J Epidemiol. 2005;34(1):215-220. doi:10.1093/ije/dyh299

    Examples
    --------
    >>> r = regression_to_mean(threshold=4, mean=3.5, sd=2, reliability=0.6)
    >>> print(f"{r.selected_fraction:.2f} {r.entry_mean:.2f} {r.later_mean:.2f} {r.effect:.2f}")
    0.40 5.43 4.66 0.77
    """
    from scipy import stats

    threshold, mean, sd, reliability = _rtm_inputs(threshold, mean, sd, reliability)
    m = _validate.integer("n_baseline", n_baseline, minimum=1, maximum=100)
    direction = _validate.choice("direction", direction, ("above", "below"))
    var_b = reliability * sd ** 2
    var_w = (1.0 - reliability) * sd ** 2
    s = math.sqrt(var_b + var_w / m)
    z = (threshold - mean) / s if direction == "above" else (mean - threshold) / s
    log_sf = float(stats.norm.logsf(z))
    c_z = math.exp(float(stats.norm.logpdf(z)) - log_sf)
    sign = 1.0 if direction == "above" else -1.0
    entry = mean + sign * s * c_z
    later = mean + sign * var_b / s * c_z
    return RegressionToMean(threshold, mean, sd, reliability, m, direction,
                            math.exp(log_sf), entry, later, entry - later)


@dataclass(frozen=True)
class RtmSimulation:
    """A simulated two-arm study with no treatment at all, entered on a pain threshold.

    Attributes
    ----------
    threshold, mean, sd, reliability : float
        The settings (see :func:`regression_to_mean`).
    baseline : str
        ``"screening"``: the screening score that decided entry is also the baseline;
        ``"sessions"``: baseline is the mean of two later sessions (as in the trial).
    screening, later : numpy.ndarray
        Screening score and a later (post) score of everyone in the population.
    entered : numpy.ndarray
        Who entered (bool).
    arm : numpy.ndarray
        0 or 1: the arm each person would be randomized to (neither gets treatment).
    baseline_scores : numpy.ndarray
        The baseline each person would have under this design.
    n_entered : int
    baseline_mean, later_mean : float
        Mean baseline and later pain of those who entered the first arm.
    single_arm_change : float
        Later minus baseline in the first arm: what a one-arm pre/post study reports.
    controlled_difference : float
        First arm's change minus the second arm's change: what a controlled trial reports.
    expected_change : float
        The change expected from :func:`regression_to_mean` (0 with separate sessions).
    """

    threshold: float
    mean: float
    sd: float
    reliability: float
    baseline: str
    screening: np.ndarray = field(repr=False)
    later: np.ndarray = field(repr=False)
    entered: np.ndarray = field(repr=False)
    arm: np.ndarray = field(repr=False)
    baseline_scores: np.ndarray = field(repr=False)
    n_entered: int = 0
    baseline_mean: float = math.nan
    later_mean: float = math.nan
    single_arm_change: float = math.nan
    controlled_difference: float = math.nan
    expected_change: float = math.nan

    def arm_means(self, arm: int) -> tuple[float, float, float]:
        """Mean screening, baseline and later pain of the entrants in one arm.

        Parameters
        ----------
        arm : {0, 1}
            The first (inert "treatment") or second (control) arm.

        Returns
        -------
        tuple of float
            ``(screening, baseline, later)`` means.

        Raises
        ------
        ValueError
            If ``arm`` is not 0 or 1.

        Examples
        --------
        >>> sim = simulate_regression_to_mean()
        >>> screening, baseline, later = sim.arm_means(1)
        >>> screening == baseline, later < baseline
        (True, True)
        """
        arm = _validate.choice("arm", arm, (0, 1))
        keep = self.entered & (self.arm == arm)
        return (float(self.screening[keep].mean()), float(self.baseline_scores[keep].mean()),
                float(self.later[keep].mean()))


_RTM_BASELINES = ("screening", "sessions")


def simulate_regression_to_mean(threshold=4.0, mean=3.5, sd=2.0, reliability=0.6,
                                baseline="screening", n_people=4000, seed=0) -> RtmSimulation:
    """Simulate a population, admit those above a pain threshold, and treat no one.

    Parameters
    ----------
    threshold : float, default 4.0
        Entry requires a screening score at or above it.
    mean : float, default 3.5
        Population mean pain (a modelling choice: the trial reports only its entrants).
    sd : float, default 2.0
        Population SD of a single pain rating (a modelling choice).
    reliability : float, default 0.6
        Test-retest correlation of a single rating, in (0, 1] (a modelling choice).
    baseline : {"screening", "sessions"}, default "screening"
        Whether the screening score doubles as the baseline, or baseline is the mean of
        two later sessions as in the trial.
    n_people : int, default 4000
        Size of the simulated population (200 to 200,000).
    seed : int, default 0
        Seed; the same people are reused for every setting, so moving a control changes
        the picture smoothly.

    Returns
    -------
    RtmSimulation
        Scores, who entered, the arms, and the changes a one-arm and a two-arm study see.

    Raises
    ------
    ValueError
        If a parameter is outside its range, or nobody (or only one person per arm)
        enters.

    Notes
    -----
    Each person has a stable level ``T = mean + sqrt(r) sd z0``; each rating adds
    independent noise ``sqrt(1 - r) sd z_k``, so ratings correlate r. Nothing changes over
    time and nobody is treated, so every change is regression to the mean. Those who enter
    are split at random into two arms; the second arm is the control.

    References
    ----------
    Barnett AG, van der Pols JC, Dobson AJ. Regression to the mean: what it is and how to
    deal with it. Int J Epidemiol. 2005;34(1):215-220. doi:10.1093/ije/dyh299

    Examples
    --------
    >>> sim = simulate_regression_to_mean(threshold=4, mean=3.5, sd=2, reliability=0.6)
    >>> print(f"{sim.single_arm_change:.2f} {sim.expected_change:.2f}")
    -0.69 -0.77
    >>> abs(sim.controlled_difference) < 0.2
    True
    >>> sessions = simulate_regression_to_mean(baseline="sessions")
    >>> print(f"{sessions.expected_change:.2f}")
    0.00
    """
    threshold, mean, sd, reliability = _rtm_inputs(threshold, mean, sd, reliability)
    baseline = _validate.choice("baseline", baseline, _RTM_BASELINES)
    n_people = _validate.integer("n_people", n_people, minimum=200, maximum=200_000)
    seed = _seed(seed)
    z = _standard_draws(("rtm", seed), (6, n_people))
    level = mean + math.sqrt(reliability) * sd * z[0]
    noise = math.sqrt(1.0 - reliability) * sd
    screening = level + noise * z[1]
    sessions = level + noise * (z[2] + z[3]) / 2.0
    later = level + noise * z[4]
    arm = (z[5] > 0).astype(int)
    entered = screening >= threshold
    base = screening if baseline == "screening" else sessions
    first, second = entered & (arm == 0), entered & (arm == 1)
    if first.sum() < _MIN_PER_ARM or second.sum() < _MIN_PER_ARM:
        raise ValueError(f"threshold must let people into both arms; with threshold "
                         f"{threshold:g} and mean {mean:g}, {int(entered.sum())} of "
                         f"{n_people} enter.")
    change1 = float(np.mean(later[first] - base[first]))
    change2 = float(np.mean(later[second] - base[second]))
    expected = 0.0 if baseline == "sessions" else -regression_to_mean(
        threshold, mean, sd, reliability).effect
    return RtmSimulation(threshold, mean, sd, reliability, baseline, screening, later,
                         entered, arm, base, int(entered.sum()), float(np.mean(base[first])),
                         float(np.mean(later[first])), change1, change1 - change2, expected)


# ---------------------------------------------------------------------------------------
# Allocation
# ---------------------------------------------------------------------------------------


def _covariate_targets() -> dict:
    get = _published().get
    n_total = int(get("n.randomized.total"))
    opioid = sum(int(get(f"baseline.opioid_use.{arm}.n")) for arm in ARMS)
    return {
        "n": n_total,
        "age": (float(get("baseline.age.all.mean")), float(get("baseline.age.all.sd"))),
        "age_limits": (int(get("design.age_min")), int(get("design.age_max"))),
        "female": float(get("baseline.female.all.percent")) / 100.0,
        "opioid": opioid / n_total,
        "pain": (float(get("baseline.pain.all.mean")), float(get("baseline.pain.all.sd"))),
        "pain_max": int(get("design.pain_scale_max")),
    }


def trial_covariates(n=None, n_trials=1, seed=0) -> dict:
    """Simulated baseline covariates of people entering a trial like the PRT trial.

    Parameters
    ----------
    n : int, optional
        People per trial; default the trial's 151 (``n.randomized.total``).
    n_trials : int, default 1
        Number of independent trials (rows).
    seed : int, default 0
        Seed of the random numbers.

    Returns
    -------
    dict of str to numpy.ndarray
        Arrays of shape ``(n_trials, n)`` in order of arrival: ``age`` (years), ``female``
        (bool), ``pain`` (baseline pain, 0-10) and ``opioid`` (current opioid use, bool).
        The dict is new on every call; the arrays are read-only views of a cache (copy
        one with ``.copy()`` to change it).

    Raises
    ------
    ValueError
        If ``n``, ``n_trials`` or ``seed`` is not a whole number in range.

    Notes
    -----
    Ages are normal with the whole-sample mean and SD of Table 1, clipped to the eligible
    21-70 (clipping raises the mean by about a year: the real ages, 41.1 (15.6), are
    not normal); women with Table 1's 54%; pain normal with Table 1's mean and SD, clipped to
    0-10; opioid users with the share 9/151 from Table 1's counts (5 + 2 + 2). The
    covariates are independent of each other: a simplification.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Table 1.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> cov = trial_covariates(n_trials=2000)
    >>> cov["age"].shape
    (2000, 151)
    >>> print(f"{100 * cov['female'].mean():.0f}% women, {cov['age'].mean():.0f} years")
    54% women, 42 years
    """
    n = _validate.integer("n", _trial_size(n), minimum=3, maximum=10_000)
    n_trials = _validate.integer("n_trials", n_trials, minimum=1, maximum=20_000)
    # A new dict each call over the cached read-only arrays: a caller who replaces or
    # mutates what it got back never changes what the next call returns.
    return dict(_covariates_cached(n, n_trials, _seed(seed)))


@functools.lru_cache(maxsize=8)
def _covariates_cached(n, n_trials, seed):
    t = _covariate_targets()
    rng = np.random.default_rng([seed, n, n_trials, 1975])
    shape = (n_trials, n)
    age = np.clip(rng.normal(*t["age"], size=shape), *t["age_limits"])
    female = rng.random(shape) < t["female"]
    pain = np.clip(rng.normal(*t["pain"], size=shape), 0, t["pain_max"])
    opioid = rng.random(shape) < t["opioid"]
    out = {"age": age, "female": female, "pain": pain, "opioid": opioid}
    for arr in out.values():
        arr.setflags(write=False)
    return out


def _minimization_levels(covariates) -> np.ndarray:
    """Factor levels (0/1) of the four minimization factors, shape (n_trials, n, 4)."""
    t = _covariate_targets()
    return np.stack([
        covariates["age"] >= t["age"][0],
        covariates["female"],
        covariates["pain"] >= t["pain"][0],
        covariates["opioid"],
    ], axis=-1).astype(np.int64)


def allocate(covariates, method="simple", n_arms=3, block_size=6, p_best=0.8, seed=0):
    """Allocate people to arms by simple randomization, permuted blocks or minimization.

    Parameters
    ----------
    covariates : dict
        Output of :func:`trial_covariates` (arrays of shape ``(n_trials, n)``); only their
        shape is used by ``"simple"`` and ``"block"``.
    method : {"simple", "block", "minimization"}, default "simple"
        ``"simple"``: each person's arm is an independent fair draw. ``"block"``: permuted
        blocks of ``block_size``, each holding every arm equally often. ``"minimization"``:
        Pocock-Simon minimization on age, sex, baseline pain and opioid use (the factors
        the trial balanced).
    n_arms : int, default 3
        Number of arms (2 to 6).
    block_size : int, default 6
        Block length for ``"block"``; a multiple of ``n_arms``.
    p_best : float, default 0.8
        For ``"minimization"``: probability of giving the arm that minimizes imbalance,
        in [1 / n_arms, 1]; the other arms share the rest. 1 is deterministic (Taves).
    seed : int, default 0
        Seed of the random numbers.

    Returns
    -------
    numpy.ndarray
        Arm index (0 to ``n_arms - 1``) of each person, shape ``(n_trials, n)``.

    Raises
    ------
    ValueError
        For an unknown method, a block size that is not a multiple of ``n_arms``, or a
        parameter outside its range.

    Notes
    -----
    Minimization (Pocock & Simon 1975, range criterion). Age and pain are split at the
    Table 1 whole-sample means (how the trial grouped them is not reported). For the next
    person, with levels ``l_f`` of each factor f, and each candidate arm k, add the person
    to k and compute ``G_k = sum_f (max_a n_{f, l_f, a} - min_a n_{f, l_f, a})`` over
    people already allocated. The arm with the smallest ``G_k`` (ties broken at random) is
    given with probability ``p_best``, each other arm with ``(1 - p_best) / (n_arms -
    1)``. When every ``G_k`` ties, all arms are equally likely. Trials run in parallel,
    one person at a time.

    References
    ----------
    Pocock SJ, Simon R. Sequential treatment assignment with balancing for prognostic
    factors in the controlled clinical trial. Biometrics. 1975;31(1):103-115.
    doi:10.2307/2529712

    Taves DR. Minimization: a new method of assigning patients to treatment and control
    groups. Clin Pharmacol Ther. 1974;15:443-453.

    Altman DG, Bland JM. Treatment allocation by minimisation. BMJ. 2005;330(7495):843.
    doi:10.1136/bmj.330.7495.843

    Examples
    --------
    >>> cov = trial_covariates(n_trials=3)
    >>> arms = allocate(cov, method="block", block_size=6)
    >>> [np.bincount(row, minlength=3).tolist() for row in arms]
    [[51, 50, 50], [50, 51, 50], [50, 50, 51]]
    >>> arms = allocate(cov, method="minimization", p_best=1.0)
    >>> [np.bincount(row, minlength=3).tolist() for row in arms]
    [[51, 50, 50], [50, 50, 51], [51, 50, 50]]
    """
    if not isinstance(covariates, dict) or "age" not in covariates:
        raise ValueError("covariates must be the dict returned by trial_covariates; got "
                         f"{type(covariates).__name__}.")
    method = _validate.choice("method", method, ALLOCATION_METHODS)
    n_arms = _validate.integer("n_arms", n_arms, minimum=2, maximum=6)
    seed = _seed(seed)
    shape = np.shape(covariates["age"])
    if len(shape) != 2:
        raise ValueError(f"covariates must hold arrays of shape (n_trials, n); got {shape}.")
    rng = np.random.default_rng([seed, 7, ALLOCATION_METHODS.index(method)])
    if method == "simple":
        return rng.integers(0, n_arms, size=shape)
    if method == "block":
        block_size = _validate.integer("block_size", block_size, minimum=n_arms, maximum=60)
        if block_size % n_arms:
            raise ValueError(f"block_size must be a multiple of n_arms ({n_arms}); got "
                             f"{block_size}.")
        n_trials, n = shape
        n_blocks = -(-n // block_size)
        template = np.tile(np.arange(n_arms), block_size // n_arms)
        keys = rng.random((n_trials, n_blocks, block_size))
        order = np.argsort(keys, axis=-1)
        return template[order].reshape(n_trials, n_blocks * block_size)[:, :n]
    p_best = _validate.number("p_best", p_best, minimum=1.0 / n_arms, maximum=1.0)
    return _minimize(_minimization_levels(covariates), n_arms, p_best, rng)


def _minimize(levels: np.ndarray, n_arms: int, p_best: float, rng) -> np.ndarray:
    n_trials, n, n_factors = levels.shape
    counts = np.zeros((n_trials, n_factors, 2, n_arms))
    arms = np.empty((n_trials, n), dtype=np.int64)
    rows = np.arange(n_trials)[:, None]
    factor_idx = np.arange(n_factors)[None, :]
    eye = np.eye(n_arms)
    u_tie = rng.random((n, n_trials, n_arms))
    u_pick = rng.random((n, n_trials))
    u_other = rng.integers(0, n_arms - 1, size=(n, n_trials))
    for j in range(n):
        current = counts[rows, factor_idx, levels[:, j, :]]  # (trials, factors, arms)
        trial = current[:, :, None, :] + eye  # (trials, factors, candidate, arms)
        # max and min over the few arms, written out (faster than a reduction on a short axis)
        high, low = trial[..., 0], trial[..., 0]
        for a in range(1, n_arms):
            high = np.maximum(high, trial[..., a])
            low = np.minimum(low, trial[..., a])
        spread = high - low  # (trials, factors, candidate)
        g = spread[:, 0]
        for f in range(1, n_factors):
            g = g + spread[:, f]
        best_g = g[:, 0]
        for k in range(1, n_arms):
            best_g = np.minimum(best_g, g[:, k])
        ties = g == best_g[:, None]
        best = np.argmax(np.where(ties, u_tie[j], -1.0), axis=1)
        all_tie = ties.all(axis=1)
        other = u_other[j] + (u_other[j] >= best)
        chosen = np.where(u_pick[j] < p_best, best, other)
        uniform = np.minimum((u_tie[j, :, 0] * n_arms).astype(np.int64), n_arms - 1)
        chosen = np.where(all_tie, uniform, chosen)
        arms[:, j] = chosen
        counts[rows, factor_idx, levels[:, j, :], chosen[:, None]] += 1.0
    return arms


def running_imbalance(arms, n_arms=3) -> np.ndarray:
    """Largest minus smallest arm size after each person is allocated.

    Parameters
    ----------
    arms : array-like of int
        Arm indices in order of allocation, shape ``(n,)`` or ``(n_trials, n)``.
    n_arms : int, default 3
        Number of arms.

    Returns
    -------
    numpy.ndarray
        Same shape as ``arms``: the imbalance in arm sizes after 1, 2, ..., n people.

    Raises
    ------
    ValueError
        If ``arms`` holds values outside 0 to ``n_arms - 1``.

    Notes
    -----
    With ``c_a(j)`` the number allocated to arm a among the first j people, the imbalance
    is ``max_a c_a(j) - min_a c_a(j)``. Permuted blocks of size b over K arms keep it at
    most ``b / K`` and return it to 0 at the end of every block.

    References
    ----------
    Schulz KF, Grimes DA. Generation of allocation sequences in randomised trials: chance,
    not choice. Lancet. 2002;359(9305):515-519. doi:10.1016/S0140-6736(02)07683-3

    Examples
    --------
    >>> running_imbalance([0, 0, 1, 2, 1, 2]).tolist()
    [1, 2, 2, 1, 1, 0]
    """
    n_arms = _validate.integer("n_arms", n_arms, minimum=2, maximum=6)
    a = np.asarray(arms)
    if a.size == 0 or not np.issubdtype(a.dtype, np.integer) or a.min() < 0 \
            or a.max() >= n_arms:
        raise ValueError(f"arms must hold whole numbers from 0 to {n_arms - 1}; got "
                         f"{_validate._short(arms)}.")
    counts = np.cumsum(a[..., None] == np.arange(n_arms), axis=-2)
    return counts.max(axis=-1) - counts.min(axis=-1)


@dataclass(frozen=True)
class AllocationStudy:
    """Covariate imbalance over many simulated allocations of one trial's participants.

    Attributes
    ----------
    method : str
        ``"simple"``, ``"block"`` or ``"minimization"``.
    block_size : int
        Block length (used by ``"block"``).
    p_best : float
        Probability of the best arm (used by ``"minimization"``).
    n, n_trials : int
        People per trial and number of simulated trials.
    imbalance : dict of str to numpy.ndarray
        Per trial, largest minus smallest arm for each measure in
        :data:`IMBALANCE_MEASURES`.
    """

    method: str
    block_size: int
    p_best: float
    n: int
    n_trials: int
    imbalance: dict = field(repr=False)

    def quantile(self, measure: str, q: float = 0.95) -> float:
        """The q-quantile of one imbalance measure over the simulated trials.

        Parameters
        ----------
        measure : str
            A key of :data:`IMBALANCE_MEASURES`.
        q : float, default 0.95
            Probability in [0, 1] (numpy's default linear interpolation).

        Returns
        -------
        float
            The imbalance that a share q of simulated trials do not exceed.

        Raises
        ------
        ValueError
            For an unknown measure or q outside [0, 1].

        Examples
        --------
        >>> study = simulate_allocation("block", n_trials=200)
        >>> study.quantile("size", 1.0)
        1.0
        """
        measure = _validate.choice("measure", measure, tuple(IMBALANCE_MEASURES))
        q = _validate.probability("q", q)
        return float(np.quantile(self.imbalance[measure], q))

    def share_at_least(self, measure: str, value) -> float:
        """Share of simulated trials whose imbalance is at least ``value``.

        Parameters
        ----------
        measure : str
            A key of :data:`IMBALANCE_MEASURES`.
        value : float
            The imbalance to compare with (for example the trial's own).

        Returns
        -------
        float
            A proportion in [0, 1].

        Raises
        ------
        ValueError
            For an unknown measure or a value that is not a number.

        Examples
        --------
        >>> study = simulate_allocation("block", n_trials=200)
        >>> study.share_at_least("size", 1), study.share_at_least("size", 2)
        (1.0, 0.0)
        """
        measure = _validate.choice("measure", measure, tuple(IMBALANCE_MEASURES))
        value = _validate.number("value", value)
        return float(np.mean(self.imbalance[measure] >= value - 1e-9))


def _arm_range(values, arms, n_arms, kind):
    onehot = arms[..., None] == np.arange(n_arms)
    size = onehot.sum(axis=1)
    total = (values[..., None] * onehot).sum(axis=1)
    if kind == "count":
        stat = total
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            stat = total / size
        if kind == "percent":
            stat = 100.0 * stat
    return stat.max(axis=1) - stat.min(axis=1)


def simulate_allocation(method="minimization", n=None, n_trials=2000, block_size=6,
                        p_best=0.8, seed=0) -> AllocationStudy:
    """Allocate the same simulated participants many times and measure the imbalance.

    Parameters
    ----------
    method : {"simple", "block", "minimization"}, default "minimization"
        Allocation rule (see :func:`allocate`).
    n : int, optional
        People per trial; default the trial's 151 (``n.randomized.total``).
    n_trials : int, default 2000
        Number of simulated trials (10 to 20,000).
    block_size : int, default 6
        Block length for ``"block"``, a multiple of 3.
    p_best : float, default 0.8
        Probability of the best arm for ``"minimization"``, in [1/3, 1].
    seed : int, default 0
        Seed; the covariates depend on it but not on the method, so methods are compared on
        the same people.

    Returns
    -------
    AllocationStudy
        Per simulated trial, the largest-minus-smallest difference between the three arms
        in size, % women, opioid users, mean age and mean baseline pain.

    Raises
    ------
    ValueError
        If a parameter is outside its range.

    Notes
    -----
    The covariates come from :func:`trial_covariates`, the arms from :func:`allocate`.
    Results are cached per setting, so an explorer that revisits a setting is instant;
    each call returns a new ``imbalance`` dict over read-only arrays, so changing a result
    never changes the next one.

    References
    ----------
    Pocock SJ, Simon R. Biometrics. 1975;31(1):103-115. doi:10.2307/2529712

    Examples
    --------
    >>> simple = simulate_allocation("simple", n_trials=500)
    >>> minim = simulate_allocation("minimization", n_trials=500)
    >>> print(simple.quantile("female", 0.95) > minim.quantile("female", 0.95))
    True
    >>> print(f"{simple.quantile('size', 0.5):.0f} {minim.quantile('size', 0.5):.0f}")
    11 1
    """
    method = _validate.choice("method", method, ALLOCATION_METHODS)
    n = _validate.integer("n", _trial_size(n), minimum=6, maximum=2000)
    n_trials = _validate.integer("n_trials", n_trials, minimum=10, maximum=20_000)
    block_size = _validate.integer("block_size", block_size, minimum=3, maximum=60)
    if block_size % 3:
        raise ValueError(f"block_size must be a multiple of 3 (the number of arms); got "
                         f"{block_size}.")
    p_best = _validate.number("p_best", p_best, minimum=1.0 / 3.0, maximum=1.0)
    if method != "block":
        block_size = 6
    if method != "minimization":
        p_best = 0.8
    study = _allocation_cached(method, n, n_trials, block_size, round(p_best, 6), _seed(seed))
    # A fresh dict over the cached read-only arrays, so the cache cannot be changed.
    return dataclasses.replace(study, imbalance=dict(study.imbalance))


@functools.lru_cache(maxsize=64)
def _allocation_cached(method, n, n_trials, block_size, p_best, seed):
    cov = trial_covariates(n=n, n_trials=n_trials, seed=seed)
    arms = allocate(cov, method=method, n_arms=3, block_size=block_size, p_best=p_best,
                    seed=seed)
    ones = np.ones(arms.shape)
    imbalance = {
        "size": _arm_range(ones, arms, 3, "count"),
        "female": _arm_range(cov["female"].astype(float), arms, 3, "percent"),
        "opioid": _arm_range(cov["opioid"].astype(float), arms, 3, "count"),
        "age": _arm_range(cov["age"], arms, 3, "mean"),
        "pain": _arm_range(cov["pain"], arms, 3, "mean"),
    }
    for arr in imbalance.values():
        arr.setflags(write=False)
    return AllocationStudy(method, block_size, p_best, n, n_trials, imbalance)


def published_imbalance() -> dict:
    """The trial's own imbalance between arms, largest minus smallest, from the ledger.

    Returns
    -------
    dict of str to float
        Keys of :data:`IMBALANCE_MEASURES`: arm sizes (Figure 1), % women, opioid users,
        mean age (Table 1) and mean baseline pain (Table 2).

    Notes
    -----
    Each value is ``max over arms - min over arms`` of the published per-arm figure; the
    percentage of women is recomputed from the counts (29/50, 25/51, 27/50) rather than
    from the rounded percentages.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Figure 1 and Tables 1-2.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> {k: round(v, 2) for k, v in published_imbalance().items()}
    {'size': 1.0, 'female': 8.98, 'opioid': 3.0, 'age': 3.2, 'pain': 0.31}
    """
    get = _published().get
    per_arm = {
        "size": [float(get(f"n.randomized.{arm}")) for arm in ARMS],
        "female": [100.0 * get(f"baseline.female.{arm}.n") / get(f"n.randomized.{arm}")
                   for arm in ARMS],
        "opioid": [float(get(f"baseline.opioid_use.{arm}.n")) for arm in ARMS],
        "age": [float(get(f"baseline.age.{arm}.mean")) for arm in ARMS],
        "pain": [float(get(f"pain.baseline.{arm}.mean")) for arm in ARMS],
    }
    return {measure: max(values) - min(values) for measure, values in per_arm.items()}


# ---------------------------------------------------------------------------------------
# Intention to treat
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponderRates:
    """One arm's responders (pain 0 or 1 after treatment) over four denominators.

    Attributes
    ----------
    arm : str
    responders : int
        People with pain 0 or 1 at post-treatment.
    randomized : int
        Everyone allocated to the arm.
    started : int
        Those who started the arm's treatment (PRT: initiated; placebo: received the
        injection; usual care: everyone, as there was nothing to start).
    observed : int
        Those with pain measured at post-treatment.
    """

    arm: str
    responders: int
    randomized: int
    started: int
    observed: int

    @property
    def itt_percent(self) -> float:
        """Intention to treat: responders / randomized, missing counted as non-response."""
        return 100.0 * self.responders / self.randomized

    @property
    def per_protocol_percent(self) -> float:
        """Per protocol: responders / those who started treatment."""
        return 100.0 * self.responders / self.started

    @property
    def complete_case_percent(self) -> float:
        """Complete cases: responders / those measured at post-treatment."""
        return 100.0 * self.responders / self.observed

    @property
    def best_case_percent(self) -> float:
        """Upper bound: every unmeasured person counted as a responder."""
        return 100.0 * (self.responders + self.randomized - self.observed) / self.randomized

    def __str__(self) -> str:
        return (f"{self.arm}: {self.responders} responders; ITT {self.itt_percent:.0f}% of "
                f"{self.randomized}, per protocol {self.per_protocol_percent:.0f}% of "
                f"{self.started}, complete cases {self.complete_case_percent:.0f}% of "
                f"{self.observed}, best case {self.best_case_percent:.0f}%.")


def responder_rates(arm="prt") -> ResponderRates:
    """Responders after treatment in one arm, with the denominators that change the story.

    Parameters
    ----------
    arm : {"prt", "placebo", "usual_care"}, default "prt"
        The randomized arm.

    Returns
    -------
    ResponderRates
        Counts from the ledger and the percentages they give (ITT, per protocol,
        complete cases, best case).

    Raises
    ------
    ValueError
        For an unknown arm.

    Notes
    -----
    The trial's responder percentages (eTable 2) divide by everyone randomized and count
    a missing outcome as no response: ``ITT = 100 r / n_randomized``. Dividing by those
    who started treatment (per protocol) or by those measured (complete cases) gives
    larger numbers that describe selected groups. The best case ``100 (r + n_randomized -
    n_observed) / n_randomized`` bounds what the missing people could add.

    References
    ----------
    Hollis S, Campbell F. What is meant by intention to treat analysis? Survey of
    published randomised controlled trials. BMJ. 1999;319(7211):670-674.
    doi:10.1136/bmj.319.7211.670

    Examples
    --------
    >>> r = responder_rates("prt")
    >>> print(f"{r.itt_percent:.1f} {r.per_protocol_percent:.1f} {r.complete_case_percent:.1f}")
    66.0 73.3 75.0
    """
    arm = _validate.choice("arm", arm, ARMS)
    get = _published().get
    randomized = int(get(f"n.randomized.{arm}"))
    started = {"prt": "n.prt.initiated", "placebo": "n.placebo.received"}.get(arm)
    return ResponderRates(
        arm=arm,
        responders=int(get(f"responders.pain01.post.{arm}")),
        randomized=randomized,
        started=int(get(started)) if started else randomized,
        observed=int(get(f"n.monitored.post.{arm}")),
    )


# ---------------------------------------------------------------------------------------
# CONSORT flow
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsortFlow:
    """The trial's participant flow (CONSORT), as printed in Figure 1 of the paper.

    Attributes
    ----------
    screened, assessed_in_person, completed_pretreatment : int
        The enrolment funnel.
    randomized : dict of str to int
        Randomized per arm.
    prt_initiated, prt_never_initiated, prt_completed, prt_dropped : int
        What happened in the PRT arm.
    placebo_received, placebo_lost, placebo_withdrew : int
        What happened in the placebo arm.
    monitored : dict of str to dict of str to int
        People with data at each later time, per arm.
    excluded_low_pain : tuple of int
        The two screening-exclusion counts for pain below 4/10.
    """

    screened: int
    assessed_in_person: int
    completed_pretreatment: int
    randomized: dict
    prt_initiated: int
    prt_never_initiated: int
    prt_completed: int
    prt_dropped: int
    placebo_received: int
    placebo_lost: int
    placebo_withdrew: int
    monitored: dict
    excluded_low_pain: tuple

    @property
    def randomized_total(self) -> int:
        """Everyone randomized."""
        return sum(self.randomized.values())

    def missing(self, time: str = "post") -> dict:
        """Randomized people without data at ``time``, per arm.

        Parameters
        ----------
        time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "post"
            The assessment.

        Returns
        -------
        dict of str to int
            ``randomized - monitored`` for each arm.

        Raises
        ------
        ValueError
            For an unknown time.

        Examples
        --------
        >>> consort_flow().missing("post")
        {'prt': 6, 'placebo': 7, 'usual_care': 3}
        """
        time = _validate.choice("time", time, tuple(self.monitored))
        return {arm: self.randomized[arm] - self.monitored[time][arm] for arm in ARMS}

    def check(self) -> list:
        """Arithmetic checks of the flow; an empty list means every sum adds up.

        Returns
        -------
        list of str
            One sentence per inconsistency: more randomized than assessed, PRT's initiated
            plus never-initiated not equal to its randomized, completed plus dropped not
            equal to initiated, or more people monitored than randomized.

        Examples
        --------
        >>> consort_flow().check()
        []
        """
        problems = []
        if self.randomized_total > self.completed_pretreatment:
            problems.append("more randomized than completed the pretreatment assessment")
        if self.prt_initiated + self.prt_never_initiated != self.randomized["prt"]:
            problems.append("PRT: initiated + never initiated != randomized")
        if self.prt_completed + self.prt_dropped != self.prt_initiated:
            problems.append("PRT: completed + dropped != initiated")
        for time, counts in self.monitored.items():
            for arm, n in counts.items():
                if n > self.randomized[arm]:
                    problems.append(f"{arm} at {time}: more monitored than randomized")
        return problems


def consort_flow() -> ConsortFlow:
    """The trial's participant flow from the ledger (Figure 1 of the paper).

    Returns
    -------
    ConsortFlow
        Every count of the flow, and helpers for missing data and arithmetic checks.

    Notes
    -----
    No number is computed here; :meth:`ConsortFlow.check` verifies that the printed
    counts add up (randomized = initiated + never initiated in PRT, and so on).

    References
    ----------
    Schulz KF, Altman DG, Moher D; CONSORT Group. CONSORT 2010 statement: updated
    guidelines for reporting parallel group randomised trials. BMJ. 2010;340:c332.
    doi:10.1136/bmj.c332

    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Figure 1.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> flow = consort_flow()
    >>> flow.randomized_total, flow.check()
    (151, [])
    >>> flow.missing("12mo")
    {'prt': 5, 'placebo': 8, 'usual_care': 14}
    """
    get = _published().get
    times = ("post", "1mo", "2mo", "3mo", "6mo", "12mo")
    return ConsortFlow(
        screened=int(get("n.screened")),
        assessed_in_person=int(get("n.assessed_in_person")),
        completed_pretreatment=int(get("n.completed_pretreatment")),
        randomized={arm: int(get(f"n.randomized.{arm}")) for arm in ARMS},
        prt_initiated=int(get("n.prt.initiated")),
        prt_never_initiated=int(get("n.prt.never_initiated")),
        prt_completed=int(get("n.prt.completed")),
        prt_dropped=int(get("n.prt.dropped")),
        placebo_received=int(get("n.placebo.received")),
        placebo_lost=int(get("n.placebo.lost")),
        placebo_withdrew=int(get("n.placebo.withdrew")),
        monitored={time: {arm: int(get(f"n.monitored.{time}.{arm}")) for arm in ARMS}
                   for time in times},
        excluded_low_pain=(int(get("n.excluded.pain_below_4.first")),
                           int(get("n.excluded.pain_below_4.second"))),
    )


def consort_figure(flow: ConsortFlow | None = None, time: str = "post"):
    """Draw the trial's CONSORT flow diagram from its counts.

    Parameters
    ----------
    flow : ConsortFlow, optional
        The counts; default :func:`consort_flow`.
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "post"
        Which follow-up to show in the "measured" row.

    Returns
    -------
    matplotlib.figure.Figure
        A 10 x 7.6 inch figure; each box is a text artist with a box, so tests can read
        every label (``fig.texts`` is empty; use ``fig.axes[0].texts``).

    Raises
    ------
    ValueError
        If ``flow`` is not a ConsortFlow or ``time`` is unknown.

    Notes
    -----
    Rows follow CONSORT 2010: enrolment, allocation, follow-up, analysis. Numbers leaving
    the funnel are differences of the printed counts (for example 1321 - 218); the
    reasons are in the paper's Figure 1. The analysis row shows the intention-to-treat
    sample: everyone randomized.

    References
    ----------
    Schulz KF, Altman DG, Moher D; CONSORT Group. BMJ. 2010;340:c332. doi:10.1136/bmj.c332

    Examples
    --------
    >>> fig = consort_figure()
    >>> labels = [t.get_text() for t in fig.axes[0].texts]
    >>> any("Randomized: 151" in s for s in labels)
    True
    """
    from prtlib.course.plotting import ARM_COLORS, MUTED, new_figure
    from prtlib.trial.constants import ARM_LABELS

    flow = consort_flow() if flow is None else flow
    if not isinstance(flow, ConsortFlow):
        raise ValueError(f"flow must be a ConsortFlow from consort_flow(); got "
                         f"{type(flow).__name__}.")
    time = _validate.choice("time", time, tuple(flow.monitored))
    from prtlib.trial.constants import TIME_LABELS

    fig, ax = new_figure(10, 7.6)
    ax.set_xlim(0, 100)
    ax.set_ylim(5, 99)
    ax.axis("off")

    def box(x, y, text, colour="#F4F4F4", edge="#555555", size=10.5, weight="normal"):
        return ax.text(x, y, text, ha="center", va="center", fontsize=size,
                       fontweight=weight, bbox={"boxstyle": "round,pad=0.45",
                                                "facecolor": colour, "edgecolor": edge})

    def arrow(x0, y0, x1, y1, target=None):
        props = {"arrowstyle": "-|>", "color": "#555555", "lw": 1.2}
        if target is not None:  # end exactly at the target box's edge
            props.update(patchB=target.get_bbox_patch(), shrinkB=1)
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops=props)

    pain_first, pain_second = flow.excluded_low_pain
    box(40, 95, f"Screened online: {flow.screened}")
    box(40, 85, f"Assessed in person: {flow.assessed_in_person}")
    box(40, 75, f"Completed pretreatment assessment: {flow.completed_pretreatment}")
    box(40, 65, f"Randomized: {flow.randomized_total}", weight="bold")
    for y0, y1 in ((95, 85), (85, 75), (75, 65)):
        arrow(40, y0 - 2.3, 40, y1 + 2.3)
    side = {
        90: f"Not continued: {flow.screened - flow.assessed_in_person}\n"
            f"(exclusions for pain < 4/10\nincluded {pain_first} + {pain_second})",
        80: f"Not continued: {flow.assessed_in_person - flow.completed_pretreatment}",
        70: f"Not randomized: {flow.completed_pretreatment - flow.randomized_total}",
    }
    for y, text in side.items():
        arrow(40, y, 84, y, target=box(84, y, text, colour="white", size=9.5))

    xs = {"prt": 17, "placebo": 50, "usual_care": 83}
    allocation = {
        "prt": (f"started: {flow.prt_initiated} (never started: {flow.prt_never_initiated})\n"
                f"completed: {flow.prt_completed} (dropped out: {flow.prt_dropped})"),
        "placebo": (f"received injection: {flow.placebo_received}\n"
                    f"lost to follow-up: {flow.placebo_lost}, withdrew: "
                    f"{flow.placebo_withdrew}"),
        "usual_care": "continued usual care\n(no added treatment)",
    }
    for arm in ARMS:
        x = xs[arm]
        arrow(40, 62.5, x, 54.5)
        box(x, 51, f"{ARM_LABELS[arm]}\nrandomized: {flow.randomized[arm]}",
            colour="white", edge=ARM_COLORS[arm], weight="bold", size=10)
        box(x, 38, allocation[arm], colour="white", edge=ARM_COLORS[arm], size=9)
        measured = flow.monitored[time][arm]
        box(x, 24, f"{TIME_LABELS[time]}:\nmeasured {measured}, "
                   f"missing {flow.randomized[arm] - measured}", colour=MUTED, size=9.5)
        box(x, 10, f"Analysed (ITT): {flow.randomized[arm]}", colour="white",
            edge=ARM_COLORS[arm], size=10)
        arrow(x, 47.5, x, 41.8)
        arrow(x, 34.3, x, 27.5)
        arrow(x, 20.5, x, 12.5)
    for y, label in ((95, "Enrolment"), (51, "Allocation"), (24, "Follow-up"),
                     (10, "Analysis")):
        ax.text(0.5, y + 4.8 if label != "Enrolment" else y, label, fontsize=10,
                color="#777777", fontstyle="italic", ha="left", va="center")
    return fig
