"""Lesson 09's explorers, driven without a browser by setting their controls.

Expected judgements follow the RoB 2 algorithms (Sterne et al. BMJ 2019;366:l4898 and the
tool's guidance flowcharts); expected numbers come from the paper's Table 2 and Figure 1
and from statsmodels' power solver.
"""

import html
import math

import pytest
from _shared import assert_controls_fit_their_labels
from traitlets import TraitError

from prtlib.course.explorers.lesson09 import (
    DEFAULT_ANSWERS,
    InconsistencyExplorer,
    ReplicationPlannerExplorer,
    RoB2ChecklistExplorer,
)
from prtlib.trial import published


@pytest.fixture(scope="module")
def checklist():
    return RoB2ChecklistExplorer()


def _judgements(explorer):
    result = explorer.state["assessment"]
    return {d: j.judgement for d, j in result.domains.items()}, result.overall.judgement


def test_checklist_starts_as_a_blinded_trial_at_low_risk():
    explorer = RoB2ChecklistExplorer()
    domains, overall = _judgements(explorer)
    assert set(domains.values()) == {"low"} and overall == "low"
    assert explorer.readout_text.startswith("Overall: Low risk of bias.")
    assert explorer.controls["q4_3"].value == DEFAULT_ANSWERS["4.3"] == "N"
    assert bytes(explorer.image.value)[:4] == b"\x89PNG"


def test_unblinded_self_report_moves_domain_4(checklist):
    start = bytes(checklist.image.value)
    # The participant is the assessor of self-reported pain and knew the arm (4.3 Y);
    # the algorithm then asks 4.4 and 4.5.
    checklist.controls["q4_3"].value = "Y"
    checklist.controls["q4_4"].value = "Y"
    checklist.controls["q4_5"].value = "PN"
    domains, overall = _judgements(checklist)
    assert domains["D4"] == "some concerns" and overall == "some concerns"
    assert "D4 Measurement of the outcome: some concerns (4.1 N, 4.2 N, 4.3 Y, 4.4 Y, 4.5 PN)" \
        in checklist.readout_text
    checklist.controls["q4_5"].value = "PY"
    domains, overall = _judgements(checklist)
    assert domains["D4"] == "high" and overall == "high"
    assert checklist.readout_text.startswith("Overall: High risk of bias. D4 is at high risk")
    assert bytes(checklist.image.value) != start
    assert checklist.lights["D4"].get_text() == "×"
    assert checklist.lights["overall"].get_text() == "×"
    for qid in ("4.3", "4.4", "4.5"):
        assert checklist.chips[qid].get_color() == "#000000"
    # Back to blinded assessors: 4.4 and 4.5 are no longer reached (grey), D4 is low.
    checklist.controls["q4_3"].value = "N"
    domains, overall = _judgements(checklist)
    assert domains["D4"] == "low" and overall == "low"
    assert checklist.chips["4.5"].get_color() == "#A0A0A0"
    assert checklist.chips["4.5"].get_text().strip() == "4.5 PY"


def test_escalation_control_applies_the_count():
    explorer = RoB2ChecklistExplorer(q1_2="NI", q3_1="N", q3_2="N", q3_3="Y", q3_4="N")
    domains, overall = _judgements(explorer)
    # 1.2 NI with 1.3 N -> some concerns; 3.3 Y with 3.4 N -> some concerns.
    assert domains["D1"] == domains["D3"] == "some concerns"
    assert overall == "some concerns"
    image = bytes(explorer.image.value)
    explorer.controls["escalate_from"].value = 2
    assert _judgements(explorer)[1] == "high"
    assert "at or above the chosen count of 2" in explorer.readout_text
    assert "(applied)" in explorer.rule_text.get_text()
    assert bytes(explorer.image.value) != image
    explorer.controls["escalate_from"].value = 3
    assert _judgements(explorer)[1] == "some concerns"
    assert "3 or more" in explorer.rule_text.get_text()


def test_every_question_is_a_bounded_menu(checklist):
    assert len(checklist.controls) == 23
    assert checklist.controls["q3_2"].options[-1][1] == "N"  # 3.2 has no NI
    with pytest.raises(TraitError):
        checklist.controls["q1_1"].value = "maybe"
    with pytest.raises(ValueError, match="not a control"):
        RoB2ChecklistExplorer(q6_1="Y")


def test_checklist_widget_groups_questions_by_domain(checklist):
    widget = checklist.widget
    controls_box = widget.children[1]
    assert len(controls_box.children) == 6  # five domains and the overall rule
    assert "prt-explorer-controls" in controls_box._dom_classes
    d2 = controls_box.children[1]
    rows = d2.children[1:]
    assert [row.children[0].description for row in rows] == [f"2.{i}" for i in range(1, 8)]


def test_every_menu_has_its_question_written_beside_it(checklist):
    # Touch screens show no tooltips: the question text must be on the page.
    from prtlib.trial import appraisal

    domains = checklist.widget.children[1].children[:5]
    for dom, box in zip(appraisal.DOMAINS, domains, strict=True):
        for q, row in zip(dom.questions, box.children[1:], strict=True):
            menu, text = row.children
            assert menu is checklist.controls["q" + q.id.replace(".", "_")]
            assert html.escape(q.text) in text.value
            if q.asked_if:
                assert f"asked if {q.asked_if}" in text.value
    overall = checklist.widget.children[1].children[5]
    assert "some concerns" in overall.children[0].value
    assert overall.children[1] is checklist.controls["escalate_from"]


def test_no_menu_label_is_cut_off():
    for explorer in (RoB2ChecklistExplorer(), InconsistencyExplorer(),
                     ReplicationPlannerExplorer()):
        assert_controls_fit_their_labels(explorer)


# --- inconsistencies -------------------------------------------------------------------


@pytest.fixture(scope="module")
def inconsistencies():
    return InconsistencyExplorer()


def test_inconsistency_explorer_steps_through_every_item(inconsistencies):
    explorer = inconsistencies
    explorer.controls["item"].value = "news_randomized"
    ids = published.inconsistencies()["id"].tolist()
    assert [v for _, v in explorer.controls["item"].options] == ids
    assert explorer.state["item"] == "news_randomized"
    assert explorer.panels["news_randomized"].get_visible()
    assert "103 of the 151 randomized" in explorer.readout_text
    seen = {bytes(explorer.image.value)}
    for item in ids[1:]:
        explorer.controls["item"].value = item
        visible = [k for k, ax in explorer.panels.items() if ax.get_visible()]
        assert visible == [item]
        seen.add(bytes(explorer.image.value))
    assert len(seen) == len(ids)


@pytest.mark.parametrize("item, fragment", [
    ("g_post_usual_care", "0.04 standard errors"),
    ("odi_12mo_g", "P = 0.28"),
    ("connectivity_claim", "none for aPFC vs usual care"),
    ("change_score_g", "-1.43 vs usual care"),
    ("study_dates", "9 months and the Methods' 15"),
])
def test_inconsistency_readout_gives_the_computed_evidence(inconsistencies, item, fragment):
    explorer = inconsistencies
    explorer.controls["item"].value = item
    assert fragment in explorer.readout_text
    assert "What it changes:" in explorer.readout_text


# --- replication ---------------------------------------------------------------------


def test_replication_planner_sizes_match_statsmodels():
    from statsmodels.stats.power import TTestIndPower

    explorer = ReplicationPlannerExplorer()
    solver = TTestIndPower()
    g = -0.70 + 1.959963984540054 * 0.21  # Table 2, 12-month g and SE; CI end near zero
    expected = math.ceil(solver.solve_power(effect_size=abs(g), power=0.9, alpha=0.05))
    assert explorer.state["plan"].n_per_arm == expected
    assert f"needs {expected} per arm" in explorer.readout_text
    assert explorer.needed_line.get_xdata()[0] == expected
    image = bytes(explorer.image.value)

    explorer.controls["power"].value = 0.8
    expected80 = math.ceil(solver.solve_power(effect_size=abs(g), power=0.8, alpha=0.05))
    assert explorer.state["plan"].n_per_arm == expected80 < expected
    assert explorer.target_line.get_ydata()[0] == 0.8
    assert bytes(explorer.image.value) != image

    explorer.controls["target"].value = "post_placebo"
    g_post = published.get("g.pain.post.prt_vs_placebo")
    assert explorer.state["plan"].n_per_arm == math.ceil(
        solver.solve_power(effect_size=abs(g_post), power=0.8, alpha=0.05))
    assert "|g| = 1.14" in explorer.readout_text

    explorer.controls["alpha"].value = 0.01
    assert explorer.state["plan"].n_per_arm == math.ceil(
        solver.solve_power(effect_size=abs(g_post), power=0.8, alpha=0.01))
    curve = explorer.curve.get_ydata()
    assert curve[-1] == pytest.approx(1.0) and curve[0] < 0.8


def test_trial_size_is_named_under_the_axis_not_across_the_plan_line():
    # The "needed" line at 79 per arm (|g| 0.58, 95% power) used to cut the in-plot label.
    explorer = ReplicationPlannerExplorer(target="post_unblinded", power=0.95)
    assert explorer.state["plan"].n_per_arm == 79
    n_trial = published.get("n.randomized.prt")
    labels = [t.get_text() for t in explorer.axes.get_xticklabels()]
    assert labels[explorer.trial_tick] == f"{n_trial}\nthis trial"
    assert not any("this trial" in t.get_text() for t in explorer.axes.texts)


@pytest.mark.parametrize("cls", [RoB2ChecklistExplorer, InconsistencyExplorer,
                                 ReplicationPlannerExplorer])
def test_figure_alt_is_one_sentence(cls):
    alt = cls.figure_alt
    assert len(alt) > 60 and alt.endswith(".") and alt.count(". ") == 0
