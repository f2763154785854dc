"""Lesson 05's explorers, driven without a browser by setting their controls.

Reference values: the ledger (Table 2, Figure 1, eTable 2 of Ashar et al. 2022), scipy's t
intervals, and the tested functions of prtlib.stats.missing_data and prtlib.trial.followup that each explorer wires up.
"""

import numpy as np
import pytest
from scipy import stats

from prtlib.course.explorers.lesson05 import (
    DropoutExplorer,
    FollowUpExplorer,
    MissingRespondersExplorer,
)
from prtlib.stats import missing_data as md
from prtlib.trial import followup, published


def get(key):
    return published.get(key)


def _t_interval(arm, time):
    mean, sd = get(f"pain.{time}.{arm}.mean"), get(f"pain.{time}.{arm}.sd")
    n = get(f"n.monitored.{time}.{arm}")
    return stats.t.interval(0.95, n - 1, loc=mean, scale=sd / np.sqrt(n))


# ---------------------------------------------------------------------------------------
# Follow-up and attrition
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def follow_up():
    return FollowUpExplorer()


def test_follow_up_starts_at_12_months(follow_up):
    e = follow_up
    text = e.readout_text
    assert text.startswith("12-month follow-up")
    for arm in ("prt", "placebo", "usual_care"):
        assert f"{get(f'pain.12mo.{arm}.mean'):.2f}" in text
        low, high = _t_interval(arm, "12mo")
        assert e.state["arms"][arm]["at_time"][1:] == pytest.approx((low, high))
        assert f"{low:.2f} to {high:.2f}" in text
    assert "36 of 50 measured" in text  # Figure 1: usual care at 12 months
    gap = get("pain.12mo.prt.mean") - get("pain.12mo.placebo.mean")
    assert e.state["gap"]["placebo"] == pytest.approx(gap)
    assert f"{gap:+.2f}".replace("-", "−") in text
    # The highlighted bars are the 12-month ones, at Figure 1's percentages.
    for arm in ("prt", "placebo", "usual_care"):
        bars = e.bars[arm]
        assert bars[-1].get_alpha() == 1.0 and bars[0].get_alpha() == 0.35
        expected = 100 * get(f"n.monitored.12mo.{arm}") / get(f"n.randomized.{arm}")
        assert bars[-1].get_height() == pytest.approx(expected)
    assert e.marker.get_xdata()[0] == 13


def test_follow_up_moves_to_another_visit():
    e = FollowUpExplorer()
    before = e.image.value
    e.controls["time"].value = "post"
    assert e.readout_text.startswith("Post-treatment")
    assert f"{get('pain.post.prt.mean'):.2f}" in e.readout_text
    assert f"{get('n.monitored.post.prt')} of 50 measured" in e.readout_text
    assert e.bars["prt"][0].get_alpha() == 1.0 and e.bars["prt"][-1].get_alpha() == 0.35
    assert e.marker.get_xdata()[0] == 1
    assert e.image.value != before


def test_follow_up_shows_people_spread_with_sd_bars():
    e = FollowUpExplorer()
    before = e.image.value
    e.controls["band"].value = "sd"
    mean, sd = get("pain.12mo.placebo.mean"), get("pain.12mo.placebo.sd")
    assert e.state["arms"]["placebo"]["at_time"] == pytest.approx((mean, mean - sd, mean + sd))
    segment = e.bars_err["placebo"].get_segments()[-1]
    assert segment[0][1] == pytest.approx(mean - sd) and segment[1][1] == pytest.approx(mean + sd)
    assert "±1 SD" in e.readout_text and "vary" in e.readout_text
    assert e.image.value != before


# ---------------------------------------------------------------------------------------
# Dropout mechanisms
# ---------------------------------------------------------------------------------------


def test_dropout_explorer_shows_the_study_it_wires():
    e = DropoutExplorer()
    study = followup.dropout_study("MAR", 2.0, 0.3, n_trials=200, seed=0)
    truth = get("pain.12mo.prt.mean") - get("pain.12mo.placebo.mean")
    assert e.state["truth"] == pytest.approx(truth)
    assert e.truth_line.get_xdata()[0] == pytest.approx(truth)
    for method in md.METHODS:
        mean = float(study.estimates[method].mean())
        assert e.state["methods"][method]["mean"] == pytest.approx(mean)
        assert e.dots[method].get_xdata()[0] == pytest.approx(mean)
        low, high = np.quantile(study.estimates[method], [0.025, 0.975])
        assert list(e.ranges[method].get_xdata()) == pytest.approx([low, high])
    text = e.readout_text
    assert f"truth {truth:.2f}" in text
    assert f"completers {study.estimates['completers'].mean():.2f}" in text
    assert "stays on target" in text
    # Under MAR, the completers are biased and the mixed model is not.
    assert e.state["methods"]["completers"]["bias"] > 0.15
    assert abs(e.state["methods"]["mixed_model"]["bias"]) < 0.05


def test_dropout_mechanism_and_strength():
    e = DropoutExplorer()
    image = e.image.value
    e.controls["mechanism"].value = "MCAR"
    mcar = e.state
    assert "no method is biased" in e.readout_text
    assert all(abs(m["bias"]) < 0.06 for m in mcar["methods"].values())
    assert e.image.value != image
    e.controls["mechanism"].value = "MNAR"
    assert "every method is off" in e.readout_text
    assert e.state["methods"]["mixed_model"]["bias"] > 0.08
    # MAR with strength 0 is MCAR: the same draws give the same estimates.
    e.controls["mechanism"].value = "MAR"
    e.controls["strength"].value = 0.0
    for method in md.METHODS:
        assert e.state["methods"][method]["mean"] == pytest.approx(mcar["methods"][method]["mean"])
    assert "strength 0" in e.readout_text


def test_dropout_rate():
    e = DropoutExplorer()
    e.controls["rate"].value = 0.5
    share = e.state["share"]
    overall = (51 * share["control"] + 50 * share["prt"]) / 101
    assert overall == pytest.approx(0.5, abs=0.03)
    assert "50% missing" in e.readout_text
    assert share["control"] > share["prt"]  # the arm in more pain loses more people


# ---------------------------------------------------------------------------------------
# Responders when outcomes are missing
# ---------------------------------------------------------------------------------------


def test_responders_start_with_the_papers_rule():
    e = MissingRespondersExplorer()
    prt = get("responders.pain01.12mo.prt.percent")
    uc = get("responders.pain01.12mo.usual_care.percent")
    text = e.readout_text
    assert f"PRT {prt:.0f}% vs usual care {uc:.0f}%" in text
    assert e.state["difference"] == pytest.approx(prt - uc)
    assert "flatters PRT" in text  # usual care lost 14 of 50, PRT 5 of 50 (Figure 1)
    assert e.seen_bars[0].get_width() == pytest.approx(prt)
    assert e.assumed_bars[0].get_width() == pytest.approx(0.0)


def test_responders_assumption_moves_the_bars_and_the_point():
    e = MissingRespondersExplorer()
    before = e.image.value
    e.controls["assumed"].value = 50
    # PRT: 26 responders of 45 seen, 5 missing; usual care: 8 of 36, 14 missing.
    prt, uc = 100 * (26 + 0.5 * 5) / 50, 100 * (8 + 0.5 * 14) / 50
    assert e.state["difference"] == pytest.approx(prt - uc)
    assert e.point.get_xdata()[0] == 50
    assert e.point.get_ydata()[0] == pytest.approx(prt - uc)
    assert e.assumed_bars[1].get_width() == pytest.approx(100 * 0.5 * 14 / 50)
    assert f"{prt - uc:.1f} points" in e.readout_text
    assert e.image.value != before


def test_responders_other_time_comparison_and_rule():
    e = MissingRespondersExplorer()
    e.controls["time"].value = "post"
    assert "cautious" in e.readout_text  # PRT lost 6, usual care 3 after treatment
    assert e.state["difference"] == pytest.approx(
        100 * (get("responders.pain01.post.prt") - get("responders.pain01.post.usual_care"))
        / 50)
    e.controls["comparison"].value = "prt_vs_placebo"
    assert "placebo" in e.readout_text
    assert e.axes[0].get_yticklabels()[1].get_text() == "Placebo"
    e.controls["rule"].value = "reduction30"
    expected = (get("responders.reduction30.post.prt.percent")
                - get("responders.reduction30.post.placebo.percent"))
    assert e.state["difference"] == pytest.approx(expected, abs=1.0)  # printed as whole %
    assert e.left_title.get_text().startswith("≥30%")


# ---------------------------------------------------------------------------------------
# What the figures draw (issue 12: legend markers, value labels, alt text)
# ---------------------------------------------------------------------------------------


def _legend_entry(ax, label):
    legend = ax.get_legend()
    for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
        if text.get_text() == label:
            return handle
    raise AssertionError(f"no legend entry {label!r}")


def test_responders_legend_shows_the_marks_drawn():
    from matplotlib.colors import same_color

    from prtlib.course.plotting import HIGHLIGHT

    e = MissingRespondersExplorer()
    right = e.axes[1]
    paper = _legend_entry(right, "missing = non-responder (paper)")
    assert paper.get_marker() == e.nri.get_marker() == "s"
    assert same_color(paper.get_markeredgecolor(), "black") and paper.get_markerfacecolor() == "none"
    yours = _legend_entry(right, "your assumption")
    assert yours.get_marker() == e.point.get_marker() == "o"
    assert same_color(yours.get_markerfacecolor(), HIGHLIGHT)
    assert same_color(e.point.get_markerfacecolor(), HIGHLIGHT)
    # At the paper's rule both marks sit at 0%: the open square is drawn above the circle,
    # and larger, so both stay visible.
    assert list(e.nri.get_xdata()) == list(e.point.get_xdata()) == [0]
    assert e.nri.get_zorder() > e.point.get_zorder()
    assert e.nri.get_markersize() > e.point.get_markersize()


def test_responders_numbers_sit_with_the_marks_they_describe():
    e = MissingRespondersExplorer()
    for k, arm in enumerate(("prt", "usual_care")):
        a = e.state["arms"][arm]
        bar_y = 1 - k
        label = e.value_labels[k]
        # The bar's total (eTable 2's percentage at the paper's rule) above the bar's end.
        assert label.get_text() == f"{a['total']:.0f}%"
        assert label.get_position()[0] == pytest.approx(a["total"])
        assert label.get_position()[1] > bar_y + 0.55 / 2
        # The completers-only percentage below its diamond.
        below = e.completer_labels[k]
        assert below.get_text() == f"{a['completers']:.0f}%"
        assert below.get_position()[0] == pytest.approx(a["completers"])
        assert below.get_position()[1] < bar_y - 0.55 / 2
    # eTable 2: pain 0 or 1 at 12 months, 52% of PRT and 16% of usual care.
    assert e.value_labels[0].get_text() == f"{get('responders.pain01.12mo.prt.percent'):.0f}%"
    assert e.value_labels[1].get_text() == (
        f"{get('responders.pain01.12mo.usual_care.percent'):.0f}%")


ARM_ORDER = ("prt", "placebo", "usual_care")


def test_follow_up_bar_labels_stay_on_their_own_bars():
    e = FollowUpExplorer()
    renderer = e.figure.canvas.get_renderer()
    boxes = {arm: e.bar_labels[arm].get_window_extent(renderer) for arm in ARM_ORDER}
    for arm in ARM_ORDER:
        bar = e.bars[arm][-1].get_window_extent(renderer)
        box = boxes[arm]
        assert box.x0 >= bar.x0 - 1 and box.x1 <= bar.x1 + 1, arm
    for first, second in zip(ARM_ORDER[:-1], ARM_ORDER[1:], strict=True):
        assert not boxes[first].overlaps(boxes[second])


@pytest.mark.parametrize("explorer", [FollowUpExplorer, DropoutExplorer,
                                      MissingRespondersExplorer])
def test_every_explorer_has_alt_text(explorer):
    alt = explorer.figure_alt
    assert alt and alt.endswith(".") and alt.count(". ") == 0
