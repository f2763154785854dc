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


def choice(name: str, value, allowed: Iterable) -> object:
    """One of a fixed set of options (an arm, a time, a method)."""
    allowed = tuple(allowed)
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {options}; got {value!r}.")
    return value


def sample(name: str, values, *, min_n: int = 2) -> np.ndarray:
    """A 1-D array of finite numbers with NaNs dropped, holding at least ``min_n`` values."""
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
    arr = arr[~np.isnan(arr)]
    if arr.size < min_n:
        raise ValueError(
            f"{name} must hold at least {min_n} non-missing values; got {arr.size} "
            f"after dropping NaNs."
        )
    return arr


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
