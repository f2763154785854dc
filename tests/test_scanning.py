"""Tests of prtlib.trial.scanning: the trial's fMRI protocol, the wrappers that fill it into
prtlib.stats.fmri, and the trial's region-of-interest results.

Sources of reference values: the trial's paper (Ashar et al. 2022, Methods, Results and
Figure 1; ../shared/reference/trial-facts.md, read through prtlib.trial.published): TR
460 ms, 20 trials of 37 s at 4 inflation levels with mean baseline ratings 32.15, 37.91,
46.70 and 52.73, an 8-minute spontaneous-pain scan; the ROI group x time tests
t(133.48) = -1.73, p = .04; t(133.48) = -1.85, p = .03; t(120.1) = -2.34, p = .01
(one-tailed); 50, 51 and 50 people randomized to PRT, placebo and usual care.
"""

import math
import re

import numpy as np
import pytest
from scipy import stats

from prtlib.stats import fmri
from prtlib.trial import published as pub
from prtlib.trial import scanning


def test_protocol_is_the_papers():
    """Reference: paper, Methods (via the ledger): TR 460 ms, 20 trials of 37 s, 4 levels,
    baseline ratings by level, 8-minute spontaneous-pain scan."""
    p = scanning.protocol()
    assert pub.get("fmri.tr_ms") == 460
    assert (p.tr_s, p.n_trials, p.trial_s, p.levels) == (0.46, 20, 37.0, 4)
    assert p.baseline_ratings == (32.15, 37.91, 46.70, 52.73)
    assert p.spontaneous_minutes == 8.0


def test_wrappers_fill_in_the_trials_protocol():
    """Reference: the general functions called with the paper's values by hand."""
    ratings = (32.15, 37.91, 46.70, 52.73)
    assert np.array_equal(scanning.hrf(), fmri.hrf(0.46))
    assert np.array_equal(scanning.hrf(16.0, 5), fmri.hrf(0.46, 16.0, 5))
    events = scanning.task_events(seed=3)
    assert events.equals(fmri.task_events(20, 37.0, 4, seed=3, level_ratings=ratings))
    pain = events[events.trial_type == "pain"]
    assert dict(zip(pain.level, pain.expected_rating, strict=True)) == dict(
        zip(range(1, 5), ratings, strict=True))
    # another number of levels has no published ratings
    assert scanning.task_events(levels=3)["expected_rating"].isna().all()
    assert len(scanning.task_events(n_trials=8)) == 16
    assert scanning.design_matrix(events).equals(fmri.design_matrix(events, 0.46))
    assert scanning.design_matrix(events, parametric=False, drift_model=None).equals(
        fmri.design_matrix(events, 0.46, parametric=False, drift_model=None))
    pair = scanning.simulate_resting_pair(0.4, seed=2)
    assert len(pair) == round(8 * 60 / 0.46) == 1043
    assert pair.equals(fmri.simulate_resting_pair(0.4, 8.0, 0.46, seed=2))
    assert len(scanning.simulate_resting_pair(0.4, minutes=1)) == round(60 / 0.46)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: scanning.task_events(n_trials=0), "n_trials"),
    (lambda: scanning.design_matrix("events"), "events"),
    (lambda: scanning.simulate_resting_pair(1.5), "true_r"),
    (lambda: scanning.simulate_resting_pair(0.2, minutes=0), "minutes"),
    (lambda: scanning.trial_roi_results(n_tests=0), "n_tests"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match="^" + re.escape(name)):
        call()


def test_trial_roi_results_reproduce_the_paper():
    """Reference: paper, Results: t(133.48) = -1.73, p = .04; t(133.48) = -1.85, p = .03;
    t(120.1) = -2.34, p = .01 (one-tailed); paper, Figure 1: 50, 51 and 50 randomized to
    PRT, placebo and usual care; d = t sqrt(1/n1 + 1/n2) for two groups (Lakens 2013,
    Front Psychol 4:863, eq. 2), and the cruder 2t / sqrt(df) (Rosenthal 1991)."""
    table = scanning.trial_roi_results()
    assert table["t"].tolist() == [-1.73, -1.85, -2.34]
    assert table["comparison"].tolist() == ["prt_vs_placebo", "prt_vs_placebo",
                                            "prt_vs_usual_care"]
    assert (table["p_one_tailed"].round(2) == table["p_reported"]).all()
    assert np.allclose(table["p_one_tailed"], stats.t.cdf(table["t"], table["df"]))
    assert np.allclose(table["p_two_tailed"], 2 * table["p_one_tailed"])
    assert table[["n_prt", "n_control"]].values.tolist() == [[50, 51], [50, 51], [50, 50]]
    assert table["d"].tolist() == pytest.approx([-1.73 * math.sqrt(1 / 50 + 1 / 51),
                                                 -1.85 * math.sqrt(1 / 50 + 1 / 51),
                                                 -2.34 * math.sqrt(1 / 50 + 1 / 50)])
    assert np.allclose(table["d_from_df"], 2 * table["t"] / np.sqrt(table["df"]))
    # the mixed model's df (133.48, 120.1) exceed n1 + n2 - 2 (99, 98), so 2t / sqrt(df)
    # gives a smaller |d| than the per-person formula
    assert (table["d_from_df"].abs() < table["d"].abs()).all()
    assert table["passes"].all()
    one = scanning.trial_roi_results(n_tests=1)
    assert (one["passes_bonferroni"] == one["passes"]).all()
    three = scanning.trial_roi_results(n_tests=3)
    assert three["alpha_bonferroni"].iloc[0] == pytest.approx(0.05 / 3)
    assert three["passes_bonferroni"].tolist() == [False, False, True]  # .0105 < .0167


def test_trial_effects_by_measure_uses_the_papers_numbers():
    """Reference: paper, Results text: g -1.14 (95% CI -1.65 to -0.71) and -1.74 (95% CI
    -2.28 to -1.32), the intervals the paper prints (not g +- 1.96 SE); in-scanner g's with
    their printed intervals (evoked -0.60 [-1.06, -0.16], -0.99 [-1.50, -0.55];
    spontaneous -0.92 [-1.44, -0.47], -1.11 [-1.66, -0.66]); the ROI t's as
    d = t sqrt(1/n1 + 1/n2) with 50, 51 and 50 randomized (Figure 1), interval
    (t +- 1.96) sqrt(1/n1 + 1/n2)."""
    table = scanning.trial_effects_by_measure()
    assert table["estimate"].round(2).tolist()[:6] == [-1.14, -1.74, -0.60, -0.99, -0.92,
                                                       -1.11]
    assert table.iloc[0][["ci_low", "ci_high"]].tolist() == [-1.65, -0.71]
    assert table.iloc[1][["ci_low", "ci_high"]].tolist() == [-2.28, -1.32]
    # the printed bootstrap interval is not the normal approximation g +- 1.96 SE
    assert table.iloc[1]["ci_low"] != pytest.approx(-1.75 - 1.96 * 0.24, abs=0.01)
    assert table.iloc[2][["ci_low", "ci_high"]].tolist() == [-1.06, -0.16]
    assert table.iloc[5][["ci_low", "ci_high"]].tolist() == [-1.66, -0.66]
    brain = table[table["kind"] == "brain"]
    scales = [math.sqrt(1 / 50 + 1 / 51)] * 2 + [math.sqrt(1 / 50 + 1 / 50)]
    ts = [-1.73, -1.85, -2.34]
    assert brain["estimate"].tolist() == pytest.approx([t * k for t, k in
                                                        zip(ts, scales, strict=True)])
    assert brain["ci_low"].tolist() == pytest.approx([(t - 1.96) * k
                                                      for t, k in zip(ts, scales, strict=True)])
    assert (brain["ci_high"] - brain["ci_low"]).tolist() == pytest.approx(
        [2 * 1.96 * k for k in scales])
    assert (table["ci_low"] < table["estimate"]).all()
    assert (table["estimate"] < table["ci_high"]).all()
