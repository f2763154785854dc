"""Lesson 04's explorers, driven without a browser by setting their controls.

References: statsmodels' TTestIndPower for analytic power and sample size (independent of
prtlib.stats.power); the paper's planning numbers (d = 0.62, 80%, alpha .05) and its 50 / 44
per arm; Gelman & Carlin (2014) for what a design analysis must show.
"""

import numpy as np
import pytest
from statsmodels.stats.power import TTestIndPower

from prtlib.course.explorers.lesson04 import (
    IntervalDanceExplorer,
    PowerCurveExplorer,
    ThreeArmExplorer,
    WinnersCurseExplorer,
)
from prtlib.trial import published

SOLVER = TTestIndPower()


def test_power_curves_start_at_the_trials_plan():
    e = PowerCurveExplorer()
    # paper: d = 0.62 planned; 50 randomized to PRT
    assert e.state["d"] == published.get("power.target_d") and e.state["n"] == 50
    ref = SOLVER.power(effect_size=0.62, nobs1=50, alpha=0.05)
    assert e.state["power"] == pytest.approx(ref, abs=1e-6)
    assert f"power {ref:.0%}" in e.readout_text
    # statsmodels: 41.8 per arm exactly, hence 42
    assert "needs 42 per arm (41.8 before rounding up)" in e.readout_text
    assert e.point_n.get_ydata()[0] == pytest.approx(ref, abs=1e-6)


def test_power_curves_follow_every_control():
    e = PowerCurveExplorer()
    image = e.image.value
    e.controls["d"].value = 0.4
    e.controls["n"].value = 100
    e.controls["alpha"].value = 0.01
    e.controls["sided"].value = "one-sided"
    ref = SOLVER.power(effect_size=0.4, nobs1=100, alpha=0.01, alternative="larger")
    assert e.state["power"] == pytest.approx(ref, abs=1e-6)
    n_ref = SOLVER.solve_power(effect_size=0.4, power=0.8, alpha=0.01, alternative="larger")
    assert e.state["plan"].n_exact == pytest.approx(n_ref, rel=1e-4)
    assert e.image.value != image
    assert "one-sided test at alpha 0.01" in e.readout_text
    # the curve against n passes through the point
    n_grid = e.curve_n.get_xdata()
    assert e.curve_n.get_ydata()[list(n_grid).index(100.0)] == pytest.approx(ref, abs=1e-6)


def test_three_arm_simulation_matches_analytic_power():
    e = ThreeArmExplorer()
    # uncorrected power of one comparison at d = 0.62, n = 50 (statsmodels: about 0.87)
    ref = SOLVER.power(effect_size=0.62, nobs1=50, alpha=0.05)
    for p, se in zip(e.state["power"], e.state["power_se"], strict=True):
        assert p == pytest.approx(ref, abs=4 * se)
    # under the null two uncorrected comparisons inflate the familywise error above 5%
    assert e.state["fwer"] > 0.07
    assert f"{e.state['fwer']:.1%}" in e.readout_text
    heights = [bar.get_height() for bar in e.bars]
    assert heights[2] == e.state["any"] and heights[3] == e.state["all"]


def test_a_correction_restores_the_familywise_error_and_costs_power():
    e = ThreeArmExplorer()
    uncorrected = e.state
    e.controls["correction"].value = "bonferroni"
    corrected = e.state
    assert corrected["fwer"] == pytest.approx(0.05, abs=0.012)
    assert corrected["power"][0] < uncorrected["power"][0]
    ref = SOLVER.power(effect_size=0.62, nobs1=50, alpha=0.025)
    assert corrected["power"][0] == pytest.approx(ref, abs=4 * corrected["power_se"][0])
    assert "With Bonferroni" in e.readout_text and "Bonferroni" in e.axes.get_title()
    e.controls["correction"].value = "holm"
    assert e.state["power"][0] >= corrected["power"][0]  # Holm rejects all Bonferroni does


def test_three_arm_effect_sliders_move_only_their_comparison():
    e = ThreeArmExplorer()
    before = e.state["power"]
    e.controls["d_usual_care"].value = 1.5
    after = e.state["power"]
    assert after[1] > before[1] and after[1] > 0.99
    assert after[0] == pytest.approx(before[0], abs=0.03)  # same seed, same placebo arm d


def test_interval_dance_shows_25_intervals_around_the_truth():
    e = IntervalDanceExplorer()
    segments = e.lines.get_segments()
    assert len(segments) == 25
    result = e.state["dance"]
    for (lo, _), (hi, _) in segments:
        assert lo < hi
    assert e.truth.get_xdata()[0] == pytest.approx(0.62)
    e.controls["n"].value = 400
    wide, narrow = result, e.state["dance"]
    assert np.mean(narrow.ci_high - narrow.ci_low) < 0.5 * np.mean(wide.ci_high - wide.ci_low)
    assert "With 400 per arm" in e.readout_text


def test_winners_curse_shows_the_design_analysis():
    e = WinnersCurseExplorer()
    res = e.state["result"]
    assert e.state["n"] == published.get("n.monitored.post.prt")  # 44 analysed after treatment
    assert res.power == pytest.approx(SOLVER.power(effect_size=0.5, nobs1=44, alpha=0.05),
                                      abs=1e-6)
    assert res.exaggeration > 1.1
    assert f"{res.power:.0%}" in e.readout_text
    # the bars hold every simulated estimate: density integrates to 1 over the bins
    total = sum(b.get_height() for b in e.non_bars) + sum(b.get_height() for b in e.sig_bars)
    assert total * 0.05 == pytest.approx(1.0, abs=1e-9)
    # significant estimates only beyond the threshold
    sig_x = [b.get_x() + b.get_width() / 2 for b in e.sig_bars if b.get_height() > 0]
    assert min(abs(x) for x in sig_x) > res.critical_d - 0.05


def test_smaller_true_effect_means_lower_power_and_more_exaggeration():
    e = WinnersCurseExplorer()
    before = e.state["result"]
    e.controls["true_d"].value = 0.2
    after = e.state["result"]
    assert after.power < before.power and after.exaggeration > before.exaggeration
    # replication sized by statsmodels for d = 0.2 at 80% power
    n_ref = int(np.ceil(SOLVER.solve_power(effect_size=0.2, power=0.8, alpha=0.05)))
    assert f"needs {n_ref} per arm" in e.readout_text
    assert e.true_line.get_xdata()[0] == pytest.approx(0.2)
    e.controls["n"].value = 200
    assert e.state["result"].exaggeration < after.exaggeration


def test_controls_are_bounded():
    e = WinnersCurseExplorer()
    e.controls["n"].value = 5000
    assert e.controls["n"].value == 200


def _menus(explorer):
    return [c for c in explorer.controls.values() if hasattr(c, "_options_values")]


@pytest.mark.parametrize("cls", [PowerCurveExplorer, ThreeArmExplorer, IntervalDanceExplorer,
                                 WinnersCurseExplorer])
def test_no_menu_option_has_the_value_none_and_every_figure_has_alt_text(cls):
    # issue 12: a Dropdown option whose value is None shows as a blank menu in JupyterLab
    e = cls()
    for menu in _menus(e):
        assert None not in menu._options_values
        assert menu.label  # something is shown
    assert e.figure_alt and e.figure_alt.endswith(".")


def test_three_arm_none_means_no_correction():
    e = ThreeArmExplorer()
    assert e.controls["correction"].value == "none" and e.controls["correction"].label == "none"
    assert e.state["fwer"] > 0.07  # uncorrected familywise error (two tests at .05)
    assert "no correction" in e.axes.get_title()
    e.controls["correction"].value = "holm"
    e.controls["correction"].value = "none"
    assert "Without a correction" in e.readout_text


def test_winners_curse_readout_says_small_probabilities_in_words():
    # issue 12: the readout printed "type S 4.5e-06"
    e = WinnersCurseExplorer()
    assert "e-0" not in e.readout_text and "fewer than 1 in 10,000" in e.readout_text
    # exact tail (noncentral t, statsmodels-independent): P(d_hat >= 1.14) at d = 0.5, n = 44
    from scipy import stats

    p = stats.nct.sf(1.14 / np.sqrt(2 / 44), 86, 0.5 * np.sqrt(44 / 2))
    assert p == pytest.approx(1 / 360, rel=0.02)
    assert "about 1 in 360" in e.readout_text


def test_winners_curse_thresholds_are_labelled_and_the_axis_fits_the_data():
    e = WinnersCurseExplorer()
    labels = [t.get_text() for t in e.axes.get_legend().get_texts()]
    assert any("significance threshold" in label for label in labels)
    e.controls["true_d"].value = 0.15
    low, high = e.axes.get_xlim()
    res = e.state["result"]
    assert low <= -res.critical_d and high >= 1.14  # thresholds and the trial's |g| shown
    assert high < 1.6  # no longer runs to 3.5 when the true d is small
    inside = np.mean((res.estimates > low) & (res.estimates < high))
    assert inside > 0.998


def test_interval_dance_names_the_colour_it_draws():
    from prtlib.course.plotting import HIGHLIGHT, OKABE_ITO

    e = IntervalDanceExplorer()
    assert HIGHLIGHT == OKABE_ITO["vermillion"]
    assert "(vermillion)" in e.readout_text and "red" not in e.readout_text
    labels = [t.get_text() for t in e.axes.get_legend().get_texts()]
    assert "interval misses it" in labels
    low, high = e.axes.get_xlim()
    result = e.state["dance"]
    assert low <= min(result.ci_low.min(), 0) and high >= result.ci_high.max()
    assert high < 2.0  # fitted to the intervals, not a fixed -1 to 2.8
