"""Lesson 01's explorers, driven without a browser by setting their controls.

Reference numbers: Table 1 and 2 of the paper (Ashar et al. 2022): baseline pain 4.22 /
4.16 / 3.91, age 42.6 / 39.4 / 41.3, pain duration 10.7 / 8.9 / 10.5; the correlations are
recomputed here with numpy.corrcoef from the points the figure draws.
"""

import numpy as np
import pytest
from _shared import assert_controls_fit_their_labels
from traitlets import TraitError

from prtlib.course.explorers import all_explorers
from prtlib.course.explorers.lesson01 import BaselineCohortExplorer, FearDisabilityExplorer
from prtlib.trial import baseline


@pytest.fixture
def cohort_explorer():
    return BaselineCohortExplorer()


@pytest.fixture
def fear_explorer():
    return FearDisabilityExplorer()


def test_cohort_starts_on_pain_with_the_published_means(cohort_explorer):
    text = cohort_explorer.readout_text
    assert text.startswith("Pain intensity")
    assert "published 4.2, 4.2, 3.9" in text
    assert cohort_explorer.marks["prt"].get_ydata()[0] == 4.22
    dots = cohort_explorer.dots["placebo"].get_offsets()
    assert len(dots) == 51


def test_cohort_measure_changes_everything(cohort_explorer):
    image = cohort_explorer.image.value
    cohort_explorer.controls["measure"].value = "age"
    assert cohort_explorer.state["measure"] == "age"
    assert "published 42.6, 39.4, 41.3" in cohort_explorer.readout_text
    assert [cohort_explorer.marks[a].get_ydata()[0] for a in ("prt", "placebo", "usual_care")] \
        == [42.6, 39.4, 41.3]
    assert "Age" in cohort_explorer.axes.get_ylabel()
    assert cohort_explorer.image.value != image
    ages = cohort_explorer.dots["prt"].get_offsets()[:, 1]
    assert ages.min() >= 21 and ages.max() <= 70


def test_cohort_slider_draws_another_simulated_cohort(cohort_explorer):
    cohort_explorer.controls["measure"].value = "pain_duration"
    before = cohort_explorer.dots["prt"].get_offsets()[:, 1].copy()
    cohort_explorer.controls["cohort"].value = 4
    after = cohort_explorer.dots["prt"].get_offsets()[:, 1]
    assert not np.array_equal(np.sort(before), np.sort(after))
    # every cohort keeps Table 1's means exactly
    assert after.mean() == pytest.approx(10.7)
    assert "#4" in cohort_explorer.axes.get_title()
    expected = baseline.compare_with_published(baseline.baseline_cohort(4), "pain_duration")
    assert cohort_explorer.state["table"].equals(expected)


def test_cohort_box_spans_the_quartiles(cohort_explorer):
    values = cohort_explorer.state["values"]["usual_care"]
    q1, q3 = np.percentile(values, [25, 75])
    box = cohort_explorer.boxes["usual_care"]
    assert box.get_y() == pytest.approx(q1)
    assert box.get_height() == pytest.approx(q3 - q1)


def test_fear_starts_in_the_fear_to_disability_world(fear_explorer):
    text = fear_explorer.readout_text
    assert "fear of movement causes disability" in text
    section = fear_explorer.state["section"]
    drawn = fear_explorer.scatter.get_offsets()
    assert np.corrcoef(drawn[:, 0], drawn[:, 1])[0, 1] == pytest.approx(section.r)
    assert f"r = {section.r:.2f}" in text
    heights = [bar.get_height() for bar in fear_explorer.bar_artists]
    assert heights[1] < heights[0] - 2  # lowering fear by 5 points lowers disability


def test_fear_world_switch_keeps_r_but_removes_the_effect(fear_explorer):
    r_before = fear_explorer.state["section"].r
    image = fear_explorer.image.value
    fear_explorer.controls["structure"].value = "common_cause"
    assert fear_explorer.state["section"].r == pytest.approx(r_before, abs=0.03)
    heights = [bar.get_height() for bar in fear_explorer.bar_artists]
    assert heights[0] == heights[1]
    assert "leaves disability where it was" in fear_explorer.readout_text
    assert fear_explorer.image.value != image


def test_fear_correlation_and_points_controls(fear_explorer):
    fear_explorer.controls["r"].value = 0.6
    drawn = fear_explorer.scatter.get_offsets()
    assert np.corrcoef(drawn[:, 0], drawn[:, 1])[0, 1] == pytest.approx(0.6, abs=0.04)
    change_at_5 = fear_explorer.state["reduction"].odi_change
    fear_explorer.controls["points"].value = 10
    change_at_10 = fear_explorer.state["reduction"].odi_change
    assert change_at_10 < change_at_5 < 0
    assert "by 10 points" in fear_explorer.readout_text
    assert f"{change_at_10:+.1f} ODI points" in fear_explorer.readout_text


def test_controls_are_bounded(cohort_explorer, fear_explorer):
    with pytest.raises(TraitError):
        cohort_explorer.controls["measure"].value = "height"
    fear_explorer.controls["r"].value = 5.0
    assert fear_explorer.controls["r"].value == 0.8  # sliders clip to their range
    with pytest.raises(ValueError, match="not a control"):
        FearDisabilityExplorer(strength=1)


# --- what every learner sees, on any screen ------------------------------------------------

LESSON_EXPLORERS = {name: cls for name, cls in all_explorers().items()
                    if name.startswith("lesson01.")}


@pytest.mark.parametrize("name", sorted(LESSON_EXPLORERS))
def test_menus_fit_their_labels_and_the_figure_has_alt_text(name):
    explorer = LESSON_EXPLORERS[name]()
    alt = explorer.figure_alt
    assert len(alt) > 60 and alt.endswith(".") and alt.count(". ") == 0
    assert_controls_fit_their_labels(explorer)
