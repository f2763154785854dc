"""The one interval type of prtlib: two ends that also know their level and method.

The rule every result follows
-----------------------------
* An interval is an :class:`Interval`: a tuple of two numbers, so ``low, high = ci``
  works as it does for scipy's ``ConfidenceInterval``, that also carries the confidence
  ``level`` and the ``method`` that made it.
* A result whose interval needs only numbers it already holds offers a **method**,
  ``result.confidence_interval(confidence_level=0.95)``, so that the level can be chosen
  after the fact (Hedges' g from its standard error).
* A result whose interval was computed from the data (a bootstrap, a simulation, a model
  fit) or read from a report holds it as an **attribute** named ``ci``, or
  ``<quantity>_ci`` when it carries more than one (``risk_ratio_ci``); the level was fixed
  by the call that made it.
* Tables (pandas DataFrames) give each estimate one row with the columns ``ci_low`` and
  ``ci_high``, so that they can be sorted, filtered and printed.
"""

from __future__ import annotations

from typing import NamedTuple


class _Ends(NamedTuple):
    low: float
    high: float


class Interval(_Ends):
    """A confidence interval: ``(low, high)`` with its ``level`` and ``method``.

    Parameters
    ----------
    low, high : float
        The ends, ``low <= high`` (NaN allowed where an end does not exist).
    level : float, default 0.95
        The confidence level, in (0, 1).
    method : str, default ""
        How the interval was made ("noncentral t", "BCa bootstrap", "Wald", ...).

    Examples
    --------
    >>> ci = Interval(-1.65, -0.71, 0.95, "noncentral t")
    >>> low, high = ci
    >>> ci.level, ci.method, ci.contains(-1.0)
    (0.95, 'noncentral t', True)
    >>> print(ci)
    -1.65 to -0.71 (95% CI, noncentral t)
    >>> Interval(2.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: low must be at most high; got low=2.0 and high=1.0.
    """

    # No __slots__: the two extra fields live in the instance's __dict__, set once.
    level: float
    method: str

    def __new__(cls, low, high, level: float = 0.95, method: str = ""):
        low, high = float(low), float(high)
        if low > high:
            raise ValueError(f"low must be at most high; got low={low!r} and high={high!r}.")
        level = float(level)
        if not 0.0 < level < 1.0:
            raise ValueError(f"level must be a number in (0, 1); got {level!r}.")
        self = super().__new__(cls, low, high)
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "method", str(method))
        return self

    def __setattr__(self, name, value):
        raise AttributeError(f"an Interval cannot be changed (tried to set {name!r})")

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)

    def _replace(self, **changes):
        fields = {"low": self.low, "high": self.high, "level": self.level,
                  "method": self.method}
        unknown = set(changes) - set(fields)
        if unknown:
            raise ValueError(f"an Interval has no field {sorted(unknown)[0]!r}; "
                             f"allowed: low, high, level, method")
        return Interval(**{**fields, **changes})

    def __getnewargs__(self):
        return (self.low, self.high, self.level, self.method)

    def __repr__(self) -> str:
        return (f"Interval(low={self.low!r}, high={self.high!r}, level={self.level!r}, "
                f"method={self.method!r})")

    def __str__(self) -> str:
        how = f", {self.method}" if self.method else ""
        return f"{self.low:.2f} to {self.high:.2f} ({self.level:.0%} CI{how})"

    @property
    def width(self) -> float:
        """``high - low``."""
        return self.high - self.low

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies inside the interval, ends included."""
        return bool(self.low <= value <= self.high)
