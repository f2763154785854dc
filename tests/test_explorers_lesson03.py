"""Lesson 03's explorers, driven without a browser by setting their controls.

Reference numbers: Table 2 and eTable 2 of Ashar et al. (2022) via the facts file; the
overlap statistics are checked against scipy's normal distribution written out here.
"""

import math

import numpy as np
import pytest
from scipy import stats
from traitlets import TraitError

from prtlib.course.explorers.lesson03 import EffectViewsExplorer, RespondersExplorer, trial_marks
from prtlib.trial import published


@pytest.fixture
def views():
    return EffectViewsExplorer()


@pytest.fixture
def responders():
    return RespondersExplorer()


def test_views_start_at_the_trials_placebo_effect(views):
    # Table 2: g = -1.14, PRT vs placebo, post-treatment
    assert views.state["d"] == -1.14
    text = views.readout_text
    assert "d = -1.14" in text
    assert f"{stats.norm.cdf(1.14):.0%}" in text  # U3 = Phi(1.14) = 87%
    assert "g = -1.14 (PRT vs placebo, post)" in text
    assert views.prt_line.get_ydata()[0] == pytest.approx(
        stats.norm.pdf(views.prt_line.get_xdata()[0], loc=-1.14))


def test_moving_d_updates_every_view(views):
    image = views.image.value
    views.controls["d"].value = -1.75
    s = views.state["views"]
    assert s.u3 == pytest.approx(stats.norm.cdf(1.75))
    assert s.overlap == pytest.approx(2 * stats.norm.cdf(-1.75 / 2))
    assert s.prob_superiority == pytest.approx(stats.norm.cdf(1.75 / math.sqrt(2)))
    assert views.image.value != image
    assert "U3 96%" in views.stats_text.get_text()
    assert views.ruler_mark.get_xdata()[0] == -1.75
    assert "vs usual care, post" in views.readout_text
    # the PRT curve peaks at d
    x, y = views.prt_line.get_xdata(), views.prt_line.get_ydata()
    assert x[np.argmax(y)] == pytest.approx(-1.75, abs=0.05)


def test_control_rate_changes_only_the_nnt(views):
    before = views.state["views"]
    views.controls["control_rate"].value = 0.5
    after = views.state["views"]
    assert after.u3 == before.u3 and after.overlap == before.overlap
    # Furukawa & Leucht (2011): EER = Phi(d + Phi^-1(CER)); NNT = 1 / (EER - CER)
    eer = stats.norm.cdf(1.14 + stats.norm.ppf(0.5))
    assert after.nnt == pytest.approx(1 / (eer - 0.5))
    assert f"NNT {after.nnt:.1f} at control rate 50%" in views.stats_text.get_text()


def test_a_harmful_d_is_called_harm(views):
    views.controls["d"].value = 0.3
    assert views.state["views"].nnt_kind == "harm"
    assert "(harm)" in views.stats_text.get_text()


def test_trial_marks_come_from_table2():
    marks = dict(trial_marks())
    assert marks["vs placebo, post"] == published.get("g.pain.post.prt_vs_placebo")
    assert marks["vs usual care, 12 mo"] == published.get("g.pain.12mo.prt_vs_usual_care")


def test_views_controls_are_limited(views):
    views.controls["d"].value = -9  # sliders clamp to their range
    assert views.controls["d"].value == -2.5
    with pytest.raises(ValueError, match="not a control"):
        EffectViewsExplorer(effect=1)


def test_responders_start_with_pain01_post_vs_placebo(responders):
    # paper: 33/50 vs 10/51 -> RD 0.46, NNT 2.2
    text = responders.readout_text
    assert "PRT 66% vs placebo 20%" in text
    assert "risk difference 0.46" in text and "NNT benefit 2.2" in text
    heights = [bar.get_height() for bar in responders.bars]
    assert heights == pytest.approx([66.0, 100 * 10 / 51, 10.0])


def test_responders_follow_rule_time_and_comparison(responders):
    image = responders.image.value
    responders.controls["rule"].value = "reduction50"
    responders.controls["time"].value = "12mo"
    # eTable 2: >=50% reduction at 12 months, 60% / 35% / 20%
    heights = [round(bar.get_height()) for bar in responders.bars]
    assert heights == [60, 35, 20]
    assert responders.image.value != image
    assert "at 12 months" in responders.axes[0].get_title()
    responders.controls["comparison"].value = "prt_vs_usual_care"
    c = responders.state["comparisons"]["prt_vs_usual_care"]
    assert c.risk_difference == pytest.approx(0.60 - 0.20)
    assert "vs usual care 20%" in responders.readout_text
    colors = responders.rd_points.get_facecolors()
    assert not np.allclose(colors[0], colors[1])  # the chosen comparison stands out


def test_responder_interval_lines_are_wilson(responders):
    from statsmodels.stats.proportion import proportion_confint

    segments = responders.bar_ci.get_segments()
    low, high = proportion_confint(33, 50, method="wilson")
    assert segments[0][0][1] == pytest.approx(100 * low)
    assert segments[0][1][1] == pytest.approx(100 * high)


def test_responder_controls_reject_unknown_values(responders):
    with pytest.raises(TraitError):
        responders.controls["rule"].value = "pain02"


def test_every_explorer_has_alt_text(views, responders):
    for explorer in (views, responders):
        assert explorer.figure_alt and explorer.figure_alt.endswith(".")


def test_overlap_shows_above_the_blue_fill(views):
    # issue 12: the overlap was a grey fill underneath the blue and could not be seen
    assert views.overlap_patch.get_zorder() > views.u3_patch.get_zorder()
    assert views.overlap_patch.get_hatch()
    labels = [t.get_text() for t in views.axes[0].get_legend().get_texts()]
    assert any("Overlap" in label for label in labels)


@pytest.mark.parametrize("mark", range(4))
def test_your_d_never_runs_into_a_label_on_the_ruler(views, mark):
    # issue 12: the marker of your d collided with the label of the g it sat on
    label, value = trial_marks()[mark]
    views.controls["d"].value = value
    ruler = views.axes[1]
    renderer = views.figure.canvas.get_renderer()
    marker = views.ruler_mark.get_window_extent(renderer)
    for text in ruler.texts:
        assert not marker.overlaps(text.get_window_extent(renderer)), text.get_text()


def test_colour_words_name_the_palette_colours_drawn(views):
    from prtlib.course.plotting import HIGHLIGHT, OKABE_ITO

    xlabel = views.axes[1].get_xlabel()
    assert HIGHLIGHT == OKABE_ITO["vermillion"] and "vermillion" in xlabel
    assert "bluish green" in xlabel and " red" not in xlabel
