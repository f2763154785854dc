"""Input checks shared by every prtlib module.

Each check raises ``ValueError`` with one sentence that names the parameter, repeats the
value it was given and says what is allowed, so that a learner can fix the call.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real

import numpy as np


def _fail(name: str, value, allowed: str) -> None:
    raise ValueError(f"{name} must be {allowed}; got {value!r}.")


def number(name: str, value, *, minimum=None, maximum=None, min_inclusive=True,
           max_inclusive=True) -> float:
    """Return ``value`` as a finite float inside the given bounds, or raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, Real | np.number):
        _fail(name, value, _describe("a number", minimum, maximum, min_inclusive, max_inclusive))
    x = float(value)
    if not math.isfinite(x):
        _fail(name, value, _describe("a finite number", minimum, maximum, min_inclusive,
                                     max_inclusive))
    too_low = minimum is not None and (x < minimum or (x == minimum and not min_inclusive))
    too_high = maximum is not None and (x > maximum or (x == maximum and not max_inclusive))
    if too_low or too_high:
        _fail(name, value, _describe("a number", minimum, maximum, min_inclusive, max_inclusive))
    return x


def _describe(kind, minimum, maximum, min_inclusive, max_inclusive) -> str:
    if minimum is not None and maximum is not None:
        lo = "[" if min_inclusive else "("
        hi = "]" if max_inclusive else ")"
        return f"{kind} in {lo}{minimum:g}, {maximum:g}{hi}"
    if minimum is not None:
        if minimum == 0 and not min_inclusive:
            return f"{kind} greater than 0 (a positive number)"
        return f"{kind} {'at least' if min_inclusive else 'greater than'} {minimum:g}"
    if maximum is not None:
        return f"{kind} {'at most' if max_inclusive else 'less than'} {maximum:g}"
    return kind


def positive(name: str, value) -> float:
    """A finite number greater than zero (a standard deviation, a scale)."""
    return number(name, value, minimum=0, min_inclusive=False)


def probability(name: str, value, *, open_interval: bool = False) -> float:
    """A proportion in [0, 1], or in (0, 1) when ``open_interval`` is true."""
    return number(name, value, minimum=0, maximum=1, min_inclusive=not open_interval,
                  max_inclusive=not open_interval)


def integer(name: str, value, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number (a count or a sample size) inside the given bounds."""
    is_whole = isinstance(value, Integral | np.integer) and not isinstance(value, bool)
    if not is_whole and isinstance(value, float | np.floating) and float(value).is_integer():
        is_whole = True
    if not is_whole:
        _fail(name, value, _describe("a whole number", minimum, maximum, True, True))
    n = int(value)
    if (minimum is not None and n < minimum) or (maximum is not None and n > maximum):
        _fail(name, value, _describe("a whole number", minimum, maximum, True, True))
    return n


def seed(value) -> int | None:
    """A random seed: None (fresh entropy) or a non-negative whole number."""
    return None if value is None else integer("seed", value, minimum=0)


def choice(name: str, value, allowed: Iterable) -> object:
    """One of a fixed set of options (an arm, a time, a method)."""
    allowed = tuple(allowed)
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {options}; got {value!r}.")
    return value


def sample(name: str, values, *, min_n: int = 2, nan_policy: str = "omit",
           return_omitted: bool = False):
    """A 1-D array of finite numbers holding at least ``min_n`` values, NaNs handled by policy.

    ``nan_policy="omit"`` drops NaN (a missing value); ``"raise"`` refuses an input that
    holds one. With ``return_omitted`` the call returns ``(array, number of NaNs dropped)``.
    """
    policy = choice("nan_policy", nan_policy, NAN_POLICIES)
    arr = _one_dimensional(name, values)
    missing = np.isnan(arr)
    n_missing = int(missing.sum())
    if n_missing and policy == "raise":
        _fail(name, _short(values), "a sequence without missing values (NaN) when "
                                    "nan_policy='raise'")
    arr = arr[~missing]
    _enough(name, arr.size, min_n)
    return (arr, n_missing) if return_omitted else arr


def paired_differences(first_name: str, first, second_name: str, second, *, min_n: int = 2,
                       nan_policy: str = "omit", return_omitted: bool = False):
    """``second - first`` for every pair where both values are present (a change score).

    ``first`` and ``second`` hold one value per person, in the same order. A pair with a
    NaN on either side is dropped under ``nan_policy="omit"`` and refused under
    ``"raise"``; with ``return_omitted`` the call returns ``(changes, pairs dropped)``.
    """
    policy = choice("nan_policy", nan_policy, NAN_POLICIES)
    before = _one_dimensional(first_name, first)
    after = _one_dimensional(second_name, second)
    if before.size != after.size:
        raise ValueError(f"{first_name} and {second_name} must have the same length (one "
                         f"pair per person); got {before.size} and {after.size}.")
    if policy == "raise":
        for name, arr, values in ((first_name, before, first), (second_name, after, second)):
            if np.isnan(arr).any():
                _fail(name, _short(values), "a sequence without missing values (NaN) when "
                                            "nan_policy='raise'")
    complete = ~(np.isnan(before) | np.isnan(after))
    changes = after[complete] - before[complete]
    _enough(f"{first_name}/{second_name} (complete pairs)", changes.size, min_n)
    n_dropped = int(complete.size - changes.size)
    return (changes, n_dropped) if return_omitted else changes


def _one_dimensional(name: str, values) -> np.ndarray:
    """``values`` as a 1-D float array with no infinity (NaN allowed: a missing value)."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        _fail(name, _short(values), "a sequence of numbers")
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        _fail(name, f"an array of shape {arr.shape}", "a one-dimensional sequence of numbers")
    if np.isinf(arr).any():
        _fail(name, _short(values), "a sequence of finite numbers (NaN marks a missing value)")
    return arr


def _enough(name: str, size: int, min_n: int) -> None:
    if size < min_n:
        raise ValueError(
            f"{name} must hold at least {min_n} non-missing values; got {size} "
            f"after dropping NaNs."
        )


def _short(values) -> str:
    text = repr(values)
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------------------------------
# Arrays
# ---------------------------------------------------------------------------------------

#: What an array effect size does with NaN: "omit" drops it and reports how many it dropped,
#: "raise" refuses the input.
NAN_POLICIES = ("omit", "raise")


def nan_policy(value) -> str:
    """One of :data:`NAN_POLICIES`."""
    return choice("nan_policy", value, NAN_POLICIES)


def finite_array(name: str, value, *, ndim: tuple[int, ...] | None = None) -> np.ndarray:
    """A float array of finite numbers (no NaN, no infinity) with an allowed number of dimensions."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        _fail(name, _short(value), "an array of numbers")
    if ndim is not None and arr.ndim not in ndim:
        dims = " or ".join(f"{d}-D" for d in ndim)
        _fail(name, f"an array of shape {arr.shape}", f"a {dims} array of numbers")
    if arr.size == 0:
        _fail(name, "an empty array", "an array holding at least one number")
    if not np.isfinite(arr).all():
        _fail(name, _short(value), "an array of finite numbers only (no NaN or infinity)")
    return arr


def probability_array(name: str, value) -> np.ndarray:
    """A float array of probabilities in [0, 1]."""
    arr = finite_array(name, value)
    if ((arr < 0) | (arr > 1)).any():
        _fail(name, _short(value), "an array of probabilities in [0, 1]")
    return arr


def number_or_array(name: str, value, *, minimum=None) -> tuple[np.ndarray, bool]:
    """A number or an array of finite numbers at least ``minimum``, as a float array.

    Returns ``(array, is_scalar)`` so that a function can hand back a float for a number
    and an array for an array (a power curve, a row of sample sizes).
    """
    if np.ndim(value) == 0:
        if isinstance(value, np.ndarray):
            value = value[()]
        return np.asarray(number(name, value, minimum=minimum), dtype=float), True
    try:
        raw = np.asarray(value)
        if raw.dtype == bool:
            raise TypeError
        arr = raw.astype(float)
    except (TypeError, ValueError):
        _fail(name, _short(value), "a number or an array of numbers")
    if not np.all(np.isfinite(arr)):
        _fail(name, _short(value), "a number or an array of finite numbers only")
    if minimum is not None and np.any(arr < minimum):
        _fail(name, _short(value), f"a number or an array of numbers at least {minimum:g}")
    return arr, False


# ---------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------

#: The alternative hypotheses every test and power calculation in prtlib accepts, named as
#: in :mod:`scipy.stats`: "greater" means the effect (first group minus second, or the
#: correlation) is above zero, "less" below it.
ALTERNATIVES = ("two-sided", "less", "greater")


def alternative(value) -> str:
    """One of :data:`ALTERNATIVES` (the scipy.stats names)."""
    return choice("alternative", value, ALTERNATIVES)
