"""Tests of prtlib.trial.baseline: the baseline cohort and the three causal worlds.

Reference values: the paper (Ashar et al., JAMA Psychiatry 2022;79(1):13-23,
doi:10.1001/jamapsychiatry.2021.2669), typed here as printed: Table 1 (age 42.6 (16.2) /
39.4 (14.9) / 41.3 (15.9), whole sample 41.1 (15.6); pain duration 10.7 (9.7) / 8.9 (8.2) /
10.5 (8.9), whole sample 10.0 (8.9); whole-sample pain 4.10 (1.26); women 29 / 25 / 27),
Table 2 (baseline ODI 23.70 / 23.06 / 23.26) and eTables 5-6 (baseline TSK-11 23.62 / 23.10
/ 23.93). Correlations and slopes are recomputed with scipy.stats.pearsonr and linregress.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from prtlib.trial import baseline
from prtlib.trial.constants import ARMS


def test_published_baseline_is_the_paper():
    assert baseline.published_baseline("age")["mean"].tolist() == [42.6, 39.4, 41.3]
    assert baseline.published_baseline("pain_duration")["sd"].tolist() == [9.7, 8.2, 8.9]
    assert baseline.published_baseline("odi")["mean"].tolist() == [23.70, 23.06, 23.26]
    assert set(baseline.published_baseline("tsk11")["source"]) == {"eTables 5-6"}


@pytest.mark.parametrize("measure, mean, sd", [
    ("age", 41.1, 15.6), ("pain_duration", 10.0, 8.9), ("pain", 4.10, 1.26),
])
def test_pooling_the_arms_gives_the_whole_sample_of_table_1(measure, mean, sd):
    """Source: Table 1's whole-sample column, which the paper prints independently of the
    arm columns (rounded to the printed digits)."""
    got_mean, got_sd = baseline.pooled_published(measure)
    assert got_mean == pytest.approx(mean, abs=0.05 if mean > 5 else 0.005)
    assert got_sd == pytest.approx(sd, abs=0.06 if sd > 5 else 0.02)


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_baseline_cohort_matches_tables_1_and_2(seed):
    df = baseline.baseline_cohort(seed=seed)
    assert len(df) == 151 and df["participant"].is_unique
    assert df.groupby("arm", observed=True).size().tolist() == [50, 51, 50]
    women = df[df["sex"] == "female"].groupby("arm", observed=True).size().tolist()
    assert women == [29, 25, 27]
    for measure in ("age", "pain", "tsk11", "odi"):
        table = baseline.compare_with_published(df, measure)
        assert (table["difference"].abs() < 0.05).all(), (measure, table)
    durations = baseline.compare_with_published(df, "pain_duration")
    np.testing.assert_allclose(durations["mean"], [10.7, 8.9, 10.5], atol=1e-9)
    np.testing.assert_allclose(durations["sd"], [9.7, 8.2, 8.9], atol=1e-9)


def test_pain_durations_are_plausible():
    """At least the 6 months the trial required, at most 45 years, ending no later than age
    16, and longer in older people."""
    for seed in range(8):
        df = baseline.baseline_cohort(seed=seed)
        assert df["pain_duration"].min() >= 0.5
        assert df["pain_duration"].max() <= 45
        assert (df["age"] - df["pain_duration"] >= 16 - 1e-9).all()
        assert stats.spearmanr(df["age"], df["pain_duration"]).statistic > 0.3


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 1000), st.integers(10, 80))
def test_pain_durations_match_table_1_exactly_for_any_seed(seed, n):
    ages = np.linspace(40, 70, n)
    years = baseline.pain_durations(ages, ["placebo"] * n, seed=seed)
    assert years.mean() == pytest.approx(8.9, abs=1e-9)
    assert years.std(ddof=1) == pytest.approx(8.2, abs=1e-9)
    assert years.min() >= 0.5


def test_cohort_is_a_fresh_copy():
    a = baseline.baseline_cohort()
    a.loc[0, "age"] = -1
    assert baseline.baseline_cohort().loc[0, "age"] != -1


@pytest.mark.parametrize("structure", list(baseline.STRUCTURES))
@pytest.mark.parametrize("r", [0.0, 0.3, 0.6])
def test_every_world_shows_the_same_correlation(structure, r):
    """Source: scipy.stats.pearsonr on the simulated scores."""
    world = baseline.simulate_cross_section(structure, r=r)
    observed = stats.pearsonr(world.tsk11, world.odi).statistic
    assert world.r == pytest.approx(observed)
    assert observed == pytest.approx(r, abs=0.04)  # a few ODI scores are clipped at 0
    assert world.slope == pytest.approx(stats.linregress(world.tsk11, world.odi).slope)


def test_scores_have_the_trial_scales():
    world = baseline.simulate_cross_section("common_cause", r=0.4)
    assert world.tsk11.min() >= 11 and world.tsk11.max() <= 44
    assert world.odi.min() >= 0 and world.odi.max() <= 100
    assert world.tsk11.mean() == pytest.approx(baseline.pooled_published("tsk11")[0], abs=0.1)
    # in the common-cause world pain correlates with both
    assert stats.pearsonr(world.pain, world.odi).statistic > 0.5


def test_only_fear_to_disability_responds_to_lowering_fear():
    """Expected change in that world: r * sd_ODI * points / sd_TSK (pooled SDs of the paper's
    baseline TSK-11 and ODI)."""
    r, points = 0.4, 6
    _, sd_tsk = baseline.pooled_published("tsk11")
    _, sd_odi = baseline.pooled_published("odi")
    world = baseline.simulate_cross_section("fear_to_disability", r=r)
    fear = baseline.lower_fear(world, points)
    assert fear.odi_change == pytest.approx(-r * sd_odi * points / sd_tsk, abs=0.3)
    # nobody goes below the scale's minimum of 11
    assert fear.tsk11_after == pytest.approx(np.maximum(world.tsk11 - points, 11).mean())
    for structure in ("disability_to_fear", "common_cause"):
        res = baseline.lower_fear(baseline.simulate_cross_section(structure, r=r), points)
        assert res.odi_change == 0.0
    none = baseline.lower_fear(baseline.simulate_cross_section("fear_to_disability", r=r), 0)
    assert none.odi_change == 0.0


def test_bad_inputs_name_the_parameter():
    with pytest.raises(ValueError, match="measure"):
        baseline.published_baseline("height")
    with pytest.raises(ValueError, match="structure"):
        baseline.simulate_cross_section("chance")
    with pytest.raises(ValueError, match="r must"):
        baseline.simulate_cross_section(r=0.95)
    with pytest.raises(ValueError, match="points"):
        baseline.lower_fear(baseline.simulate_cross_section(), 30)
    with pytest.raises(ValueError, match="cross_section"):
        baseline.lower_fear("world", 3)
    with pytest.raises(ValueError, match="seed"):
        baseline.baseline_cohort(seed=-2)
    with pytest.raises(ValueError, match="arms"):
        baseline.pain_durations([30, 40, 50], ["prt", "prt", "surgery"])
    with pytest.raises(ValueError, match="arms must hold one arm per age"):
        baseline.pain_durations([30, 40], ["prt"])
    with pytest.raises(ValueError, match="ages must be .*finite"):
        baseline.pain_durations([30, float("nan"), 50], ["prt"] * 3)
    with pytest.raises(ValueError, match="df must"):
        baseline.compare_with_published({"arm": ARMS}, "age")
