"""Lesson 06's explorers, driven without a browser by setting their controls.

Reference values: the ledger (eTable 5), statsmodels OLS on the same cohort data, and the
analytic bias of an omitted mediator-outcome confounder (prtlib.stats.mediation, itself tested
against the population regression in tests/test_mediation.py).
"""

import numpy as np
import pytest
import statsmodels.api as sm

from prtlib.course.explorers.lesson06 import ConfounderExplorer, MediationExplorer
from prtlib.trial import cohort, published
from prtlib.trial.mechanisms import mediation_data


def _num(x):
    return f"{round(x, 2) + 0.0:.2f}".replace("-", "−")


def _ols_paths(comparison, time):
    d = mediation_data(cohort.synthetic_trial(0), comparison, time)
    x = d["x"].to_numpy()
    m = (d["m"] - d["m"].mean()) / d["m"].std(ddof=1)
    y = (d["y"] - d["y"].mean()) / d["y"].std(ddof=1)
    a = sm.OLS(m.to_numpy(), sm.add_constant(x)).fit().params[1]
    full = sm.OLS(y.to_numpy(), sm.add_constant(np.column_stack([x, m]))).fit().params
    c = sm.OLS(y.to_numpy(), sm.add_constant(x)).fit().params[1]
    return {"a": a, "b": full[2], "c_prime": full[1], "c": c, "n": len(d)}


def test_mediation_starts_with_etable5s_model():
    e = MediationExplorer()
    ref = _ols_paths("prt_vs_placebo", "12mo")
    p = e.state["paths"]
    for key in ("a", "b", "c", "c_prime"):
        assert getattr(p, key) == pytest.approx(ref[key])
    assert p.a == pytest.approx(published.get("mediation.tsk11.12mo.a"), abs=0.05)
    assert e.a_text.get_text() == f"a = {_num(ref['a'])}"
    assert e.b_text.get_text() == f"b = {_num(ref['b'])}"
    assert "12 months" in e.y_box.get_text()
    low, high = e.state["boot"].ci
    text = e.readout_text
    assert f"ab = {_num(ref['a'] * ref['b'])}" in text
    assert f"CI {_num(low)} to {_num(high)}" in text
    assert e.low_line.get_xdata()[0] == pytest.approx(low)
    assert sum(e.state["counts"]) == e.state["boot"].distribution.size


def test_mediation_at_post_treatment_is_significant_in_this_cohort():
    e = MediationExplorer()
    before = e.image.value
    e.controls["time"].value = "post"
    ref = _ols_paths("prt_vs_placebo", "post")
    assert e.state["paths"].n == ref["n"]
    assert e.state["paths"].c == pytest.approx(ref["c"])
    assert e.state["boot"].excludes_zero
    assert "excludes 0" in e.readout_text and "post-treatment" in e.readout_text
    assert "post-treatment" in e.y_box.get_text()
    assert e.image.value != before


def test_mediation_against_usual_care():
    e = MediationExplorer()
    e.controls["comparison"].value = "prt_vs_usual_care"
    ref = _ols_paths("prt_vs_usual_care", "12mo")
    assert e.state["paths"].b == pytest.approx(ref["b"])
    assert "usual care" in e.x_box.get_text()
    assert e.readout_text.startswith("PRT vs usual care")


def test_confounder_manufactures_an_indirect_effect():
    e = ConfounderExplorer()
    a = published.get("mediation.tsk11.12mo.a")
    expected = a * 0.5 * 0.5 / (0.5 ** 2 + 1)  # a g_m g_y / (g_m^2 + 1)
    sim = e.state["sim"]
    assert sim.true_ab == 0.0 and sim.n == 88  # 45 + 43 seen at 12 months (Figure 1)
    assert e.state["bias"].ab_bias == pytest.approx(expected)
    assert sim.mean_ab == pytest.approx(expected, abs=0.03)
    assert e.mean.get_xdata()[0] == pytest.approx(sim.mean_ab)
    assert list(e.dot.get_xdata()) == [0.5] and list(e.dot.get_ydata()) == [0.5]
    text = e.readout_text
    assert text.startswith("True ab = 0.00")
    assert f"bias {_num(expected)}" in text
    assert "Beliefs do nothing here" in text


def test_confounder_needs_both_paths():
    e = ConfounderExplorer()
    before = e.image.value
    e.controls["u_to_m"].value = 0.0
    assert e.state["bias"].ab_bias == pytest.approx(0.0)
    assert abs(e.state["sim"].mean_ab) < 0.03
    assert e.state["sim"].share_significant < 0.08
    assert "barely matters" in e.readout_text
    assert list(e.dot.get_xdata()) == [0.0]
    assert e.image.value != before


def test_confounder_sign_and_true_effect():
    e = ConfounderExplorer()
    e.controls["u_to_y"].value = -0.5
    a = published.get("mediation.tsk11.12mo.a")
    assert e.state["bias"].ab_bias == pytest.approx(-a * 0.25 / 1.25)
    e.controls["true_b"].value = 0.3
    assert e.state["sim"].true_ab == pytest.approx(a * 0.3)
    assert e.truth.get_xdata()[0] == pytest.approx(a * 0.3)
    assert f"True ab = {_num(a * 0.3)}" in e.readout_text


# ---------------------------------------------------------------------------------------
# What the figures draw (issue 12: a key no line crosses, axes that fit, alt text)
# ---------------------------------------------------------------------------------------


def test_mediation_key_names_each_line_with_its_value():
    e = MediationExplorer()
    boot = e.state["boot"]
    low, high = boot.ci
    labels = [t.get_text() for t in e.key.get_texts()]
    assert labels == [f"ab = {_num(boot.estimate)}", f"95% CI {_num(low)} to {_num(high)}",
                      "zero"]
    handles = e.key.legend_handles
    assert handles[0].get_color() == e.est_line.get_color()
    assert handles[1].get_linestyle() == e.low_line.get_linestyle() == ":"
    assert "in this simulated cohort" in e.readout_text  # the interval includes 0 here


@pytest.mark.parametrize("setting", [(0.5, 0.5, 0.0), (-1.0, 1.0, 0.0), (1.0, 1.0, 0.5),
                                     (0.0, 0.0, 0.0)])
def test_confounder_axis_holds_the_estimates_without_empty_half(setting):
    e = ConfounderExplorer()
    for name, value in zip(("u_to_m", "u_to_y", "true_b"), setting, strict=True):
        e.controls[name].value = value
    sim = e.state["sim"]
    low, high = e.axes[1].get_xlim()
    q_low, q_high = np.quantile(sim.ab_hat, [0.005, 0.995])
    assert low < min(q_low, sim.true_ab, 0.0) and high > max(q_high, sim.true_ab, 0.0)
    # At least 60% of the axis is taken by the estimates, the truth and zero.
    span = max(q_high, sim.true_ab, 0.0) - min(q_low, sim.true_ab, 0.0)
    assert span / (high - low) > 0.6


@pytest.mark.parametrize("explorer", [MediationExplorer, ConfounderExplorer])
def test_every_explorer_has_alt_text(explorer):
    alt = explorer.figure_alt
    assert alt and alt.endswith(".") and alt.count(". ") == 0
