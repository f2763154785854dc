"""What a cached prtlib function returns cannot corrupt its cache.

Several functions keep their results in an ``functools`` cache so that explorers revisit a
setting instantly. Each test below takes a result, changes it in every way a caller could
(mutating an array in place, replacing or deleting a dict entry), and checks that the
next call with the same arguments returns the original values: arrays come back as
read-only views (numpy refuses the in-place write) and containers as new objects.

Reference values are the first call's own output, copied before any change; the
property tested is that a second call equals it (no outside number is needed).
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from prtlib.stats import mediation
from prtlib.trial import designs, evidence, followup, inconsistencies


def _refuse_write(array: np.ndarray) -> None:
    """An in-place write to a returned array must fail (read-only view)."""
    assert not array.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        array[(0,) * array.ndim] = 12345


def test_trial_covariates_cannot_be_corrupted():
    first = designs.trial_covariates(n=30, n_trials=5, seed=11)
    before = {k: v.copy() for k, v in first.items()}
    for arr in first.values():
        _refuse_write(arr)
    first["age"] = np.zeros((5, 30))
    del first["female"]
    again = designs.trial_covariates(n=30, n_trials=5, seed=11)
    assert again is not first
    assert set(again) == set(before)
    for key, arr in before.items():
        np.testing.assert_array_equal(again[key], arr)


def test_simulate_allocation_cannot_be_corrupted():
    first = designs.simulate_allocation("block", n=30, n_trials=20, seed=3)
    before = {k: v.copy() for k, v in first.imbalance.items()}
    q95 = first.quantile("size", 0.95)
    for arr in first.imbalance.values():
        _refuse_write(arr)
    first.imbalance["size"] = np.full(20, 99.0)
    del first.imbalance["age"]
    again = designs.simulate_allocation("block", n=30, n_trials=20, seed=3)
    assert set(again.imbalance) == set(before)
    for key, arr in before.items():
        np.testing.assert_array_equal(again.imbalance[key], arr)
    assert again.quantile("size", 0.95) == q95


def test_simulate_confounding_cannot_be_corrupted():
    first = designs.simulate_confounding(selection=1.0, n=40, n_studies=20, seed=5)
    before = copy.deepcopy(first)
    for arr in (first.observational, first.randomized, first.example_baseline,
                first.example_therapy):
        _refuse_write(arr)
    again = designs.simulate_confounding(selection=1.0, n=40, n_studies=20, seed=5)
    for name in ("observational", "randomized", "example_baseline", "example_therapy"):
        np.testing.assert_array_equal(getattr(again, name), getattr(before, name))


def test_dropout_study_cannot_be_corrupted():
    first = followup.dropout_study("MNAR", strength=1.0, rate=0.2, n_trials=5, seed=7)
    before = copy.deepcopy(first)
    for arr in (*first.estimates.values(), first.true_means, first.seen_means):
        _refuse_write(arr)
    first.estimates["locf"] = np.zeros(5)
    del first.estimates["completers"]
    first.missing_share["prt"] = 1.0
    again = followup.dropout_study("MNAR", strength=1.0, rate=0.2, n_trials=5, seed=7)
    assert set(again.estimates) == set(before.estimates)
    for key, arr in before.estimates.items():
        np.testing.assert_array_equal(again.estimates[key], arr)
    assert again.missing_share == before.missing_share
    assert again.bias("locf") == before.bias("locf")


def test_check_inconsistency_cannot_be_corrupted():
    first = inconsistencies.check_inconsistency("g_post_usual_care")
    before = dict(first.evidence)
    first.evidence["gap_in_se"] = 99.0
    first.evidence.clear()
    again = inconsistencies.check_inconsistency("g_post_usual_care")
    assert again.evidence == before
    assert again.evidence is not first.evidence


def test_news_misreading_cannot_be_corrupted():
    first = evidence.news_misreading()
    before = copy.deepcopy(first)
    for name in ("randomized", "responders", "claimed_randomized", "response_percent",
                 "implied_response_percent"):
        getattr(first, name)["prt"] = -1
    again = evidence.news_misreading()
    assert again == before


def test_replication_results_are_immutable():
    # replication_targets and replication_plan return frozen dataclasses of numbers and
    # strings inside a tuple: nothing in them can be changed.
    targets = evidence.replication_targets()
    assert isinstance(targets, tuple)
    with pytest.raises(AttributeError):
        targets[0].g = 0.0
    plan = evidence.replication_plan(-0.62)
    with pytest.raises(AttributeError):
        plan.n_per_arm = 1
    assert evidence.replication_plan(-0.62).n_per_arm == plan.n_per_arm


def test_simulate_confounded_mediation_cannot_be_corrupted():
    first = mediation.simulate_confounded_mediation(n=20, n_trials=30, seed=2)
    before = copy.deepcopy(first)
    for arr in (first.a_hat, first.b_hat, first.ab_hat, first.significant):
        _refuse_write(arr)
    again = mediation.simulate_confounded_mediation(n=20, n_trials=30, seed=2)
    for name in ("a_hat", "b_hat", "ab_hat", "significant"):
        np.testing.assert_array_equal(getattr(again, name), getattr(before, name))


def test_ledger_cannot_be_corrupted():
    from prtlib.trial import published

    first = published.ledger()
    before = first.copy(deep=True)
    first.loc[0, "value"] = -999
    first["printed"] = "changed"
    again = published.ledger()
    assert again.equals(before)
