"""Lesson 08's explorers and figures, driven without a browser by setting their controls.

Reference values: scipy.stats.ttest_ind (Welch t, df and confidence interval of the
change scores), statsmodels TTestIndPower (power of the two-sample t test), Bayes' rule
written out by hand, the exact null distribution of r (scipy.stats.beta), numpy corrcoef,
and the paper's numbers through the ledger (50 randomized to PRT, eTable 8, the ROI t's
and the in-scanner g's).
"""

import math

import numpy as np
import pytest
from scipy import stats

from prtlib.course.explorers import lesson08 as L
from prtlib.course.figures import lesson08 as F
from prtlib.stats import fmri
from prtlib.trial import published as pub
from prtlib.trial import scanning


@pytest.fixture
def conn():
    return L.ConnectivityExplorer()


@pytest.fixture
def bayes():
    return L.ReverseInferenceExplorer()


@pytest.fixture
def corr():
    return L.CorrelationExplorer()


# ---------------------------------------------------------------------------------------
# Connectivity
# ---------------------------------------------------------------------------------------


def test_connectivity_starts_at_the_trials_group_size_and_matches_scipy(conn):
    """Reference: scipy.stats.ttest_ind(equal_var=False) on the change scores."""
    state = conn.state
    assert state["n_per_group"] == pub.get("n.randomized.prt") == 50
    data = state["study"].data
    a = data.loc[data.group == "prt", "change_z"]
    b = data.loc[data.group == "placebo", "change_z"]
    ref = stats.ttest_ind(a, b, equal_var=False)
    ci = ref.confidence_interval(0.95)
    assert state["study"].t == pytest.approx(ref.statistic)
    assert state["ci"] == pytest.approx((ci.low, ci.high))
    assert f"Welch t({ref.df:.1f}) = {ref.statistic:.2f}" in conn.readout_text
    assert conn.means["prt"].get_ydata()[0] == pytest.approx(a.mean())
    assert len(conn.points["placebo"].get_offsets()) == 50


def test_connectivity_power_follows_statsmodels(conn):
    """Reference: statsmodels TTestIndPower at d = change / (sqrt(2) x session SD)."""
    from statsmodels.stats.power import TTestIndPower

    conn.controls["n_per_group"].value = 100
    d = 0.1 / (math.sqrt(2) * 0.15)
    ref = TTestIndPower().power(effect_size=d, nobs1=100, alpha=0.05)
    assert conn.state["power"] == pytest.approx(ref, abs=0.002)
    assert f"about {ref:.0%} of the time" in conn.readout_text
    assert len(conn.points["prt"].get_offsets()) == 100


def test_connectivity_true_change_moves_the_truth_line(conn):
    image = conn.image.value
    conn.controls["true_change"].value = 0.3
    assert conn.truth_mark.get_xdata()[0] == pytest.approx(0.3)
    assert "the true change is 0.30" in conn.readout_text
    assert conn.state["power"] > 0.99
    assert conn.image.value != image


def test_connectivity_axis_labels_stay_inside_the_figure(conn):
    """The layout is computed once; the left panel's y label and tick labels must stay
    inside the figure whatever range the controls give its axis (the label was cut off
    when the ticks changed from "-1.5" to "-0.75")."""
    fig = conn.figure
    for n, sd, change in [(50, 0.15, 0.1), (150, 0.4, 0.4), (10, 0.05, 0.0), (100, 0.3, 0.2)]:
        conn.controls["n_per_group"].value = n
        conn.controls["within_sd"].value = sd
        conn.controls["true_change"].value = change
        renderer = fig.canvas.get_renderer()
        left = conn.axes[0]
        label = left.yaxis.label.get_window_extent(renderer)
        assert label.x0 >= 0, (n, sd, change, label)
        ticks = [t.get_window_extent(renderer) for t in left.get_yticklabels()
                 if t.get_text()]
        assert ticks and min(t.x0 for t in ticks) > label.x1, (n, sd, change)
        assert {len(t.get_text()) for t in left.get_yticklabels() if t.get_text()} <= {3, 4}


@pytest.mark.parametrize("name", ["ConnectivityExplorer", "ReverseInferenceExplorer",
                                  "CorrelationExplorer"])
def test_every_explorer_has_alt_text(name):
    alt = getattr(L, name).figure_alt
    assert alt and alt.endswith(".") and len(alt.split()) >= 10


def test_connectivity_noise_and_replication(conn):
    se = conn.state["study"].se
    conn.controls["within_sd"].value = 0.4
    assert conn.state["study"].se > 2 * se
    first = conn.state["study"].difference
    conn.controls["replication"].value = 2
    assert conn.state["study"].difference != first
    assert conn.right_title.get_text().startswith("Study 2")


# ---------------------------------------------------------------------------------------
# Reverse inference
# ---------------------------------------------------------------------------------------


def test_reverse_inference_default_is_bayes_rule(bayes):
    """Reference: Bayes' rule by hand, 0.9 x 0.3 / (0.9 x 0.3 + 0.6 x 0.7)."""
    hand = 0.9 * 0.3 / (0.9 * 0.3 + 0.6 * 0.7)
    state = bayes.state
    assert state["posterior"] == pytest.approx(hand)
    assert (state["pain"], state["pain_active"], state["other_active"]) == (30, 27, 42)
    assert "P(pain | active) = 0.39" in bayes.readout_text
    assert "is 1.50" in bayes.readout_text
    faces = bayes.people.get_facecolors()
    white = np.all(faces[:, :3] == 1.0, axis=1)
    assert (~white).sum() == 27 + 42  # filled squares = people with activation
    assert bayes.point.get_ydata()[0] == pytest.approx(hand)


def test_reverse_inference_without_selectivity_returns_the_prior(bayes):
    bayes.controls["false_alarm"].value = 0.9
    assert bayes.state["posterior"] == pytest.approx(0.3)
    assert "is 1.00" in bayes.readout_text
    assert np.allclose(bayes.curve.get_ydata(), L._PRIORS)


def test_reverse_inference_prior_and_sensitivity(bayes):
    bayes.controls["prior"].value = 0.7
    hand = 0.9 * 0.7 / (0.9 * 0.7 + 0.6 * 0.3)
    assert bayes.state["posterior"] == pytest.approx(hand)
    assert bayes.point.get_xdata()[0] == pytest.approx(0.7)
    bayes.controls["sensitivity"].value = 0.3
    assert bayes.state["posterior"] < 0.7  # activation now speaks against pain
    bayes.controls["false_alarm"].value = 0.0
    assert bayes.state["posterior"] == pytest.approx(1.0)
    assert "infinite" in bayes.readout_text


# ---------------------------------------------------------------------------------------
# Correlations in small samples
# ---------------------------------------------------------------------------------------


def test_correlation_starts_at_a_typical_small_study(corr):
    """Reference: the exact critical r from the null beta distribution of r."""
    state = corr.state
    assert (state["true_r"], state["n"]) == (0.1, 25)
    res = state["result"]
    null = stats.beta(25 / 2 - 1, 25 / 2 - 1, loc=-1, scale=2)
    assert 2 * null.sf(res.critical_r) == pytest.approx(0.05)
    assert f"must reach ±{res.critical_r:.2f}" in corr.readout_text
    assert f"{res.exaggeration:.1f} times the truth" in corr.readout_text
    assert corr.sig_line.get_xdata()[0] == pytest.approx(res.mean_significant_abs_r)


def test_correlation_large_samples_remove_the_exaggeration(corr):
    image = corr.image.value
    corr.controls["n"].value = 4000
    res = corr.state["result"]
    assert res.power > 0.99 and res.exaggeration == pytest.approx(1.0, abs=0.02)
    assert "significant in 100% of studies" in corr.readout_text
    assert corr.image.value != image


def test_correlation_alpha_and_null(corr):
    crit05 = corr.state["result"].critical_r
    corr.controls["alpha"].value = 0.001
    assert corr.state["result"].critical_r > crit05
    assert "α = .001" in corr.readout_text
    corr.controls["true_r"].value = 0.0
    assert "nothing to find" in corr.readout_text
    assert corr.state["result"].power == pytest.approx(0.001, abs=0.0005)


# ---------------------------------------------------------------------------------------
# Static figures
# ---------------------------------------------------------------------------------------


def test_resting_pair_figure_reports_r_and_z():
    """Reference: numpy corrcoef and arctanh."""
    pair = scanning.simulate_resting_pair(0.3, seed=5)
    r = np.corrcoef(pair["seed"], pair["target"])[0, 1]
    fig = F.resting_pair_figure(pair)
    assert fig.axes[1].get_title() == (f"All {len(pair)} scans: r = {r:.2f}, "
                                       f"z = {np.arctanh(r):.2f}")


def test_circularity_figure_shows_both_estimates_and_truths():
    res = fmri.circular_analysis(effect=0.3, n_studies=50, seed=2)
    fig = F.circularity_figure(res)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(labels) == 4
    assert f"({np.mean(res.circular_truth):.2f})" in labels[-1]


def test_effects_figure_has_a_row_per_effect_and_the_paper_values():
    """Reference: Results text g = -1.14 (PRT vs placebo, 95% CI -1.65 to -0.71);
    in-scanner evoked g = -0.60."""
    table = scanning.trial_effects_by_measure()
    fig = F.effects_figure(table)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == len(table) == 9
    xs = [line.get_xdata()[0] for line in ax.lines if len(line.get_xdata()) == 1
          and line.get_marker() in ("o", "s")]
    assert -1.14 in xs and -0.60 in xs
    intervals = [tuple(line.get_xdata()) for line in ax.lines if len(line.get_xdata()) == 2]
    assert (-1.65, -0.71) in intervals
