"""Allocation: simple randomization, permuted blocks and minimization (Pocock-Simon), and the
covariate imbalance each leaves in a trial of 151 people."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field

import numpy as np

from prtlib import _validate
from prtlib.trial import published
from prtlib.trial.constants import ARMS
from prtlib.trial.designs._shared import _seed, _trial_size

__all__ = ["ALLOCATION_METHODS", "IMBALANCE_MEASURES", "AllocationStudy", "allocate",
           "published_imbalance", "running_imbalance", "simulate_allocation",
           "trial_covariates"]

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


def _covariate_targets() -> dict:
    get = published.get
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
    return _minimize(_minimization_rows(covariates), n_arms, p_best,
                     _minimization_draws(shape, n_arms, seed))


def _minimization_factors(covariates) -> tuple:
    """The four minimization factors' levels (bool arrays of shape (n_trials, n)): age and
    baseline pain at least Table 1's mean, female, opioid user."""
    t = _covariate_targets()
    return (covariates["age"] >= t["age"][0], covariates["female"],
            covariates["pain"] >= t["pain"][0], covariates["opioid"])


def _minimization_levels(covariates) -> np.ndarray:
    """Factor levels (0/1) of the four minimization factors, shape (n_trials, n, 4)."""
    return np.stack(_minimization_factors(covariates), axis=-1).astype(np.int64)


def _minimization_rows(covariates) -> np.ndarray:
    """Per person, the row of the count table that each factor level uses: shape (n,
    4 * n_trials), row = (factor * n_trials + trial) * 2 + level."""
    factors = _minimization_factors(covariates)
    n_trials, n = factors[0].shape
    out = np.empty((n, len(factors), n_trials), dtype=np.int64)
    first = 2 * np.arange(n_trials)
    for f, level in enumerate(factors):
        np.add(level.T, first + 2 * f * n_trials, out=out[:, f])
    return out.reshape(n, len(factors) * n_trials)


@functools.lru_cache(maxsize=4)
def _minimization_rows_cached(n, n_trials, seed) -> np.ndarray:
    """:func:`_minimization_rows` of ``trial_covariates(n, n_trials, seed)``, read-only."""
    rows = _minimization_rows(trial_covariates(n=n, n_trials=n_trials, seed=seed))
    rows.setflags(write=False)
    return rows


_CACHED_DRAWS_MAX = 500_000
"""Largest n x n_trials whose minimization draws and count-table rows are kept (about
40 MB with 3 arms; the explorer's 1,000 trials of 151 are 151,000)."""


def _minimization_draws(shape, n_arms, seed):
    """The random numbers of minimization, which do not depend on p_best: drawn once per
    seed and trial shape (kept for all but very large shapes), in the order the sequential
    algorithm has always drawn them. ``u_tie`` comes back as (n, n_arms, n_trials), the
    layout :func:`_minimize` uses."""
    if shape[0] * shape[1] > _CACHED_DRAWS_MAX:
        return _draw_for_minimization(shape, n_arms, seed)
    return _cached_draws_for_minimization(shape, n_arms, seed)


def _draw_for_minimization(shape, n_arms, seed):
    rng = np.random.default_rng([seed, 7, ALLOCATION_METHODS.index("minimization")])
    n_trials, n = shape
    u_tie = rng.random((n, n_trials, n_arms))
    u_pick = rng.random((n, n_trials))
    u_other = rng.integers(0, n_arms - 1, size=(n, n_trials))
    uniform = np.minimum((u_tie[:, :, 0] * n_arms).astype(np.int64), n_arms - 1)
    u_tie = np.ascontiguousarray(u_tie.transpose(0, 2, 1))
    for arr in (u_tie, u_pick, u_other, uniform):
        arr.setflags(write=False)
    return u_tie, u_pick, u_other, uniform


_cached_draws_for_minimization = functools.lru_cache(maxsize=4)(_draw_for_minimization)


def _minimize(rows: np.ndarray, n_arms: int, p_best: float, draws) -> np.ndarray:
    # counts[a, r]: people in arm a among those already allocated with the factor level of
    # count-table row r. Adding the next person to arm k changes the range of factor f
    # from hi - lo to hi - lo + [c_k = hi] - [c_k is the one and only lo] (counts are
    # whole numbers), so G_k = sum_f (hi - lo) + d_k with
    # d_k = sum_f ([c_fk = hi_f] - [c_fk is the lone lo_f]): the first sum is the same
    # for every arm, and comparing the d_k finds exactly the arms of smallest G_k.
    u_tie, u_pick, u_other, uniform = draws
    n, n_trials = u_pick.shape
    n_factors = rows.shape[1] // n_trials
    n_rows = n_factors * n_trials * 2
    counts = np.zeros((n_arms, n_rows), dtype=np.int32)
    flat = counts.reshape(-1)
    arms = np.empty((n, n_trials), dtype=np.int64)
    for j in range(n):
        current = counts.take(rows[j], axis=1)  # (arms, factors * trials)
        # Reductions over the few arms written out: numpy reduces a short leading axis
        # slowly.
        hi, lo = current[0], current[0]
        for a in range(1, n_arms):
            hi = np.maximum(hi, current[a])
            lo = np.minimum(lo, current[a])
        at_min = current == lo
        n_min = at_min[0].astype(np.int8)
        for a in range(1, n_arms):
            n_min += at_min[a]
        d = (current == hi).astype(np.int8)
        d -= at_min & (n_min == 1)
        d = d.reshape(n_arms, n_factors, n_trials).sum(axis=1)  # (arms, trials)
        best_d, all_tie = d[0], np.ones(n_trials, dtype=bool)
        for a in range(1, n_arms):
            best_d = np.minimum(best_d, d[a])
        ties = d == best_d
        for a in range(n_arms):
            all_tie &= ties[a]
        best = np.argmax(np.where(ties, u_tie[j], -1.0), axis=0)
        other = u_other[j] + (u_other[j] >= best)
        chosen = np.where(u_pick[j] < p_best, best, other)
        chosen = np.where(all_tie, uniform[j], chosen)
        arms[j] = chosen
        flat[np.tile(chosen * n_rows, n_factors) + rows[j]] += 1
    return np.ascontiguousarray(arms.T)


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


def _imbalances(cov, arms, n_arms=3) -> dict:
    """Per trial, largest minus smallest arm in each measure of :data:`IMBALANCE_MEASURES`.

    Works person-major (people along the first axis), so that every sum over people adds
    them one at a time in order of arrival, as the one-hot sums this replaces did: the
    results are the same to the last bit."""
    arms_t = np.ascontiguousarray(arms.T)  # (n, trials)
    values = {name: np.ascontiguousarray(cov[name].T) for name in ("age", "pain")}
    stats = {measure: np.empty((n_arms, arms.shape[0])) for measure in IMBALANCE_MEASURES}
    female_t, opioid_t = cov["female"].T, cov["opioid"].T
    for k in range(n_arms):
        mask = arms_t == k
        size = np.count_nonzero(mask, axis=0)
        stats["size"][k] = size
        stats["opioid"][k] = np.count_nonzero(mask & opioid_t, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            stats["female"][k] = 100.0 * (np.count_nonzero(mask & female_t, axis=0) / size)
            for name, v in values.items():
                stats[name][k] = np.where(mask, v, 0.0).sum(axis=0) / size
    out = {}
    for measure, stat in stats.items():
        high, low = stat[0], stat[0]
        for k in range(1, n_arms):
            high = np.maximum(high, stat[k])
            low = np.minimum(low, stat[k])
        out[measure] = high - low
    return out


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
    if method == "minimization":  # what allocate() does, with the p-free parts cached
        rows = (_minimization_rows_cached(n, n_trials, seed)
                if n * n_trials <= _CACHED_DRAWS_MAX else _minimization_rows(cov))
        arms = _minimize(rows, 3, p_best, _minimization_draws((n_trials, n), 3, seed))
    else:
        arms = allocate(cov, method=method, n_arms=3, block_size=block_size, seed=seed)
    imbalance = _imbalances(cov, arms)
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
    get = published.get
    per_arm = {
        "size": [float(get(f"n.randomized.{arm}")) for arm in ARMS],
        "female": [100.0 * get(f"baseline.female.{arm}.n") / get(f"n.randomized.{arm}")
                   for arm in ARMS],
        "opioid": [float(get(f"baseline.opioid_use.{arm}.n")) for arm in ARMS],
        "age": [float(get(f"baseline.age.{arm}.mean")) for arm in ARMS],
        "pain": [float(get(f"pain.baseline.{arm}.mean")) for arm in ARMS],
    }
    return {measure: max(values) - min(values) for measure, values in per_arm.items()}
