"""Regression to the mean: a study that admits people whose pain is at least 4/10 on a noisy
measure sees their pain fall with no treatment at all."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from prtlib import _validate
from prtlib.trial.designs._shared import _seed, _standard_draws

__all__ = ["RegressionToMean", "RtmSimulation", "regression_to_mean",
           "simulate_regression_to_mean"]

_MIN_PER_ARM = 1  # people needed in each arm of a simulated study


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
