"""The one interval type: a 2-tuple that also carries its level and method."""

import pickle

import numpy as np
import pytest
from scipy import stats

from prtlib.stats.intervals import Interval


def test_it_unpacks_and_compares_like_scipys_confidence_interval():
    # scipy's own result type for intervals: ConfidenceInterval(low, high).
    scipy_ci = stats.ttest_1samp(np.array([1.0, 2.0, 3.0, 4.0]), 0.0).confidence_interval()
    ours = Interval(scipy_ci.low, scipy_ci.high, 0.95, "t")
    low, high = ours
    assert (low, high) == (scipy_ci.low, scipy_ci.high)
    assert tuple(ours) == tuple(scipy_ci)
    assert (ours.level, ours.method) == (0.95, "t")


def test_it_cannot_be_changed_and_survives_pickling_and_replace():
    ci = Interval(-1.65, -0.71, 0.9, "noncentral t")
    with pytest.raises(AttributeError, match="cannot be changed"):
        ci.level = 0.5
    again = pickle.loads(pickle.dumps(ci))
    assert (tuple(again), again.level, again.method) == ((-1.65, -0.71), 0.9, "noncentral t")
    wider = ci._replace(low=-2.0)
    assert (tuple(wider), wider.level, wider.method) == ((-2.0, -0.71), 0.9, "noncentral t")


@pytest.mark.parametrize(("args", "message"), [
    ((1.0, 0.0), "low must be at most high; got low=1.0 and high=0.0"),
    ((0.0, 1.0, 95), "level must be a number in \\(0, 1\\); got 95.0"),
])
def test_bad_ends_or_level_are_value_errors(args, message):
    with pytest.raises(ValueError, match=message):
        Interval(*args)


def test_it_reads_as_words():
    assert str(Interval(-1.65, -0.71, 0.95, "noncentral t")) == "-1.65 to -0.71 (95% CI, noncentral t)"
    assert Interval(0.0, 2.0).contains(2.0) and not Interval(0.0, 2.0).contains(2.1)
