"""Lesson 02's explorers, driven without a browser by setting their controls.

Reference numbers: Barnett et al. 2005 (regression to the mean, recomputed here with
scipy.stats.truncnorm), the paper's Figure 1 and Table 1 (women 29/50 vs 25/51, the trial's
imbalance of 8.98 percentage points), and histogram counts recomputed with numpy.
"""

import numpy as np
import pytest
from _shared import assert_controls_fit_their_labels
from scipy import stats

from prtlib.course.explorers import all_explorers
from prtlib.course.explorers.lesson02 import (
    AllocationExplorer,
    ConfoundingExplorer,
    RegressionToMeanExplorer,
)


@pytest.fixture
def confounding():
    return ConfoundingExplorer()


@pytest.fixture
def rtm():
    return RegressionToMeanExplorer()


@pytest.fixture
def allocation():
    return AllocationExplorer()


def test_confounding_starts_biased(confounding):
    res = confounding.state["result"]
    assert res.true_effect == -1.0
    assert res.observational_mean < -1.8 and abs(res.randomized_mean + 1.0) < 0.05
    counts = np.histogram(res.observational, confounding._est_edges)[0]
    np.testing.assert_array_equal(confounding.obs.get_data().values, counts)
    assert "True effect -1.00" in confounding.readout_text
    assert f"{res.observational_mean:+.2f}" in confounding.readout_text


def test_no_self_selection_no_bias(confounding):
    image = confounding.image.value
    confounding.controls["selection"].value = 0.0
    res = confounding.state["result"]
    assert abs(res.bias) < 0.05
    assert "bias +0.0" in confounding.readout_text or "bias -0.0" in confounding.readout_text
    assert confounding.image.value != image


def test_true_effect_moves_the_line_and_both_estimates(confounding):
    confounding.controls["effect"].value = 0.0
    assert list(confounding.truth.get_xdata()) == [0.0, 0.0]
    res = confounding.state["result"]
    assert abs(res.randomized_mean) < 0.05
    assert res.observational_mean < -0.8  # a harmless therapy looks helpful
    assert "True effect +0.00" in confounding.readout_text


def test_rtm_starts_at_the_trial_threshold(rtm):
    sim = rtm.state["sim"]
    assert sim.threshold == 4.0  # design.screening_pain_min
    a = (4.0 - 3.5) / 2.0
    entry = stats.truncnorm.mean(a, np.inf, loc=3.5, scale=2.0)
    assert sim.expected_change == pytest.approx(-(1 - 0.6) * (entry - 3.5))
    assert "pain ≥ 4" in rtm.readout_text
    assert f"{sim.single_arm_change:+.2f}" in rtm.readout_text
    np.testing.assert_allclose(rtm.arm_lines[0].get_ydata(), sim.arm_means(0))


def test_rtm_higher_threshold_admits_fewer(rtm):
    share = rtm.state["share"]
    rtm.controls["threshold"].value = 6.0
    assert rtm.state["share"] < share
    assert list(rtm.cut.get_xdata()) == [6.0, 6.0]
    assert rtm.state["sim"].expected_change < -0.5


def test_rtm_reliability_and_mean(rtm):
    change = rtm.state["sim"].expected_change
    rtm.controls["reliability"].value = 0.9
    assert rtm.state["sim"].expected_change > change  # closer to zero
    rtm.controls["mean"].value = 6.0
    assert rtm.state["share"] > 0.8
    assert "Barnett's formula" in rtm.readout_text


def test_rtm_separate_baseline_sessions_remove_the_artefact(rtm):
    rtm.controls["baseline"].value = "sessions"
    sim = rtm.state["sim"]
    assert sim.expected_change == 0.0
    assert abs(sim.single_arm_change) < 0.2
    ys = rtm.arm_lines[0].get_ydata()
    assert ys[1] < ys[0] - 0.3  # the fall happens before baseline
    assert "two sessions" in rtm.readout_text


def test_allocation_starts_on_women_under_minimization(allocation):
    state = allocation.state
    assert state["trial"] == pytest.approx(100 * 29 / 50 - 100 * 25 / 51)
    assert list(allocation.trial_line.get_xdata()) == pytest.approx([state["trial"]] * 2)
    assert allocation.steps["minimization"].get_fill()
    assert not allocation.steps["simple"].get_fill()
    assert allocation.readout_text.startswith("Minimization")
    shares = allocation.steps["minimization"].get_data().values
    assert shares.sum() == pytest.approx(1.0)


def test_allocation_method_highlight(allocation):
    allocation.controls["method"].value = "simple"
    assert allocation.steps["simple"].get_fill()
    assert not allocation.steps["minimization"].get_fill()
    assert allocation.readout_text.startswith("Simple")


def test_allocation_measure_size_shows_blocks_are_exact(allocation):
    allocation.controls["measure"].value = "size"
    block = allocation.state["studies"]["block"].imbalance["size"]
    assert set(block.tolist()) == {1.0}  # 151 people, blocks of 6
    assert allocation.state["trial"] == 1
    assert "arm size" in allocation.axes.get_xlabel()


def test_allocation_block_size_and_p_best(allocation):
    allocation.controls["block_size"].value = 3
    assert allocation.state["studies"]["block"].block_size == 3
    assert "blocks of 3" in allocation.axes.get_title()
    strict_before = allocation.state["studies"]["minimization"].quantile("female")
    allocation.controls["p_best"].value = 1.0
    strict = allocation.state["studies"]["minimization"].quantile("female")
    assert strict < strict_before
    assert "p = 1.00" in allocation.axes.get_title()


# --- what every learner sees, on any screen ------------------------------------------------

LESSON_EXPLORERS = {name: cls for name, cls in all_explorers().items()
                    if name.startswith("lesson02.")}


@pytest.mark.parametrize("name", sorted(LESSON_EXPLORERS))
def test_menus_fit_their_labels_and_the_figure_has_alt_text(name):
    explorer = LESSON_EXPLORERS[name]()
    alt = explorer.figure_alt
    assert len(alt) > 60 and alt.endswith(".") and alt.count(". ") == 0
    assert_controls_fit_their_labels(explorer)
