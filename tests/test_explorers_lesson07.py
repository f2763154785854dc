"""Lesson 07's explorers and figures, driven without a browser by setting their controls.

Reference values: statsmodels OLS (betas, standard errors, t of the simulated voxel),
statsmodels multipletests (Bonferroni, Benjamini-Hochberg), scipy.stats.t (one- and
two-tailed p of the trial's ROI results), and the paper's numbers through the ledger:
TR 460 ms, 20 trials of 37 s, t(133.48) = -1.73, t(133.48) = -1.85, t(120.1) = -2.34.
"""

import numpy as np
import pytest
from scipy import stats
from traitlets import TraitError

from prtlib.course.explorers import lesson07 as L
from prtlib.course.figures import lesson07 as F
from prtlib.stats import fmri
from prtlib.trial import published as pub
from prtlib.trial import scanning


@pytest.fixture(scope="module")
def glm():
    return L.GLMExplorer()


@pytest.fixture(scope="module")
def brain():
    return L.NullBrainExplorer()


@pytest.fixture
def roi():
    return L.RoiTestExplorer()


# ---------------------------------------------------------------------------------------
# GLM explorer
# ---------------------------------------------------------------------------------------


def test_glm_starts_with_the_trials_task_and_matches_statsmodels(glm):
    """Reference: statsmodels OLS on the explorer's own data and design."""
    from statsmodels.regression.linear_model import OLS

    state = glm.state
    assert state["n_trials"] == pub.get("fmri.evoked.trials") == 20
    assert np.allclose(np.diff(state["design"].index[:3]), pub.get("fmri.tr_ms") / 1000)
    ref = OLS(state["y"], state["design"].to_numpy()).fit()
    col = list(state["design"].columns).index("pain")
    assert state["pain"].effect == pytest.approx(ref.params[col])
    assert state["pain"].se == pytest.approx(ref.bse[col])
    assert state["pain"].t == pytest.approx(ref.tvalues[col])
    assert f"t({ref.df_resid:.0f}) = {ref.tvalues[col]:.2f}" in glm.readout_text
    assert "true 0.50%" in glm.readout_text


def test_glm_amplitude_shifts_the_estimate_by_exactly_the_change(glm):
    """Reference: OLS is linear in y and the noise is the same draw, so raising the true
    response by 1 raises the estimate by exactly 1 and leaves its SE unchanged."""
    before, image = glm.state["pain"], glm.image.value
    glm.controls["amplitude"].value = 1.5
    after = glm.state["pain"]
    assert after.effect - before.effect == pytest.approx(1.0)
    assert after.se == pytest.approx(before.se)
    assert after.t > before.t
    assert "true 1.50%" in glm.readout_text
    assert glm.image.value != image
    assert glm.truth_points[0].get_xdata()[0] == 1.5
    glm.controls["amplitude"].value = 0.5


def test_glm_level_effect_moves_only_the_parametric_estimate(glm):
    before = glm.state
    glm.controls["level_effect"].value = 0.6
    after = glm.state
    assert after["level"].effect - before["level"].effect == pytest.approx(0.4)
    assert after["pain"].effect == pytest.approx(before["pain"].effect, abs=0.02)
    assert "(true 0.60%)" in glm.readout_text
    glm.controls["level_effect"].value = 0.2


def test_glm_noise_scales_the_standard_error(glm):
    """Reference: with the same noise draw scaled by k, residual SD and every SE scale by
    k exactly."""
    before = glm.state["pain"]
    glm.controls["noise_sd"].value = 3.0
    after = glm.state["pain"]
    assert after.se / before.se == pytest.approx(2.0)
    assert "noise SD 3.0%" in glm.readout_text
    glm.controls["noise_sd"].value = 1.5


def test_glm_fewer_trials_shorten_the_run_and_lose_precision(glm):
    se20 = glm.state["pain"].se
    glm.controls["n_trials"].value = 8
    state = glm.state
    design = scanning.design_matrix(scanning.task_events(n_trials=8, seed=0))
    assert state["pain"].df == design.shape[0] - design.shape[1]
    assert state["pain"].se > se20
    assert "With 8 trials" in glm.readout_text
    levels = glm.stim_line.get_ydata()
    assert np.count_nonzero(levels) == 8  # one block per inflation
    glm.controls["n_trials"].value = 20


def test_glm_controls_are_bounded(glm):
    """Sliders clip to their range: no run longer than the trial's 20 trials."""
    glm.controls["n_trials"].value = 40
    assert glm.controls["n_trials"].value == pub.get("fmri.evoked.trials")
    glm.controls["noise_sd"].value = 0.0
    assert glm.controls["noise_sd"].value == glm.controls["noise_sd"].min > 0
    glm.controls["noise_sd"].value = 1.5


def test_explorers_refuse_unknown_choices(brain):
    with pytest.raises(TraitError):
        brain.controls["fwhm"].value = 3.0


# ---------------------------------------------------------------------------------------
# Null brain explorer
# ---------------------------------------------------------------------------------------


def test_null_brain_counts_only_false_positives(brain):
    """Reference: the p-values of the map are scipy's one-sample t test; Bonferroni and BH
    counts from statsmodels multipletests."""
    from statsmodels.stats.multitest import multipletests

    state = brain.state
    sim = state["brain"]
    ref_p = stats.ttest_1samp(sim.data, 0.0, axis=0).pvalue
    assert np.allclose(sim.p, ref_p)
    unc, bonf, fdr, _ = state["counts"]
    assert unc["detected"] == int((ref_p <= 0.001).sum())
    assert bonf["detected"] == int(multipletests(ref_p.ravel(), 0.05, "bonferroni")[0].sum())
    assert fdr["detected"] == int(multipletests(ref_p.ravel(), 0.05, "fdr_bh")[0].sum())
    assert all(c["true"] == 0 for c in state["counts"])
    assert f"marks {unc['detected']} of 4,096 voxels" in brain.readout_text
    assert len(brain.false_marks[0].get_offsets()) == unc["detected"]
    assert not brain.circles[0].get_visible()


def test_null_brain_looser_threshold_finds_more_false_positives(brain):
    image = brain.image.value
    brain.controls["uncorrected_alpha"].value = 0.05
    sim = brain.state["brain"]
    count = int((sim.p <= 0.05).sum())
    assert brain.state["counts"][0]["detected"] == count
    # about 5% of 4,096 voxels (binomial bounds would be too tight for a smooth map)
    assert 50 < count < 500
    assert f"p < .05 uncorrected marks {count}" in brain.readout_text
    assert brain.image.value != image
    brain.controls["uncorrected_alpha"].value = 0.001


def test_null_brain_with_a_true_region(brain):
    brain.controls["truth"].value = True
    state = brain.state
    assert state["brain"].truth.sum() > 100
    unc, bonf, fdr, perm = state["counts"]
    assert unc["true"] > 0 and fdr["detected"] >= bonf["detected"]
    assert brain.circles[0].get_visible()
    assert "One region of" in brain.readout_text
    assert len(brain.true_marks[2].get_offsets()) == fdr["true"]
    brain.controls["truth"].value = False


def test_null_brain_study_and_smoothness_change_the_map(brain):
    t_before = brain.state["brain"].t.copy()
    brain.controls["study"].value = 2
    assert not np.array_equal(brain.state["brain"].t, t_before)
    brain.controls["fwhm"].value = 4.0
    assert brain.state["brain"].fwhm == 4.0
    # smoother noise: neighbouring t values correlate more
    t = brain.state["brain"].t
    assert np.corrcoef(t[:, 1:].ravel(), t[:, :-1].ravel())[0, 1] > 0.7
    brain.controls["study"].value = 1
    brain.controls["fwhm"].value = 2.0


# ---------------------------------------------------------------------------------------
# ROI test explorer
# ---------------------------------------------------------------------------------------


def test_roi_starts_with_the_amcc_result_one_tailed(roi):
    """Reference: paper, t(133.48) = -1.73, one-tailed p = .04 (scipy.stats.t.cdf)."""
    state = roi.state
    assert (state["t"], state["df"]) == (-1.73, 133.48)
    assert state["p"] == pytest.approx(stats.t.cdf(-1.73, 133.48))
    assert state["passes"]
    assert "one-tailed p = .043" in roi.readout_text and "so it passes" in roi.readout_text
    assert roi.observed.get_xdata()[0] == -1.73


def test_roi_two_tailed_doubles_p_and_fails(roi):
    image = roi.image.value
    roi.controls["tails"].value = "two-tailed"
    assert roi.state["p"] == pytest.approx(2 * stats.t.cdf(-1.73, 133.48))
    assert roi.state["critical"][1] == pytest.approx(stats.t.isf(0.025, 133.48))
    assert "does not pass" in roi.readout_text
    assert roi.regions[1].get_visible()
    assert roi.image.value != image


def test_roi_bonferroni_over_fourteen_tests_removes_every_result(roi):
    roi.controls["n_tests"].value = 14
    for key in roi.controls["region"].options:
        roi.controls["region"].value = key[1]
        assert roi.state["threshold"] == pytest.approx(0.05 / 14)
        assert not roi.state["passes"]
    assert "(.05 shared among 14 tests)" in roi.readout_text


def test_roi_left_insula(roi):
    """Reference: paper, t(120.1) = -2.34, p = .01; Figure 1, 50 randomized to PRT and 50
    to usual care; d = t sqrt(1/n1 + 1/n2) (Lakens 2013, eq. 2)."""
    roi.controls["region"].value = "fmri.roi.left_ains.prt_vs_usual_care"
    state = roi.state
    assert (state["t"], state["df"]) == (-2.34, 120.1)
    assert state["d"] == pytest.approx(-2.34 * np.sqrt(1 / 50 + 1 / 50))
    assert "t(120.1) = -2.34" in roi.readout_text
    assert "d ≈ -0.47" in roi.readout_text
    assert "the 50 and 50 people randomized" in roi.readout_text


def test_roi_region_menu_is_wide_enough_for_its_labels(roi):
    """Every option label of the region menu fits its width (about 7 px per character at
    the default 13 px font, plus the description and the arrow)."""
    menu = roi.controls["region"]
    width = int(menu.layout.width.removesuffix("px"))
    longest = max(len(label) for label, _ in menu.options)
    assert 90 + 7.5 * longest + 30 <= width
    assert all(value is not None for _, value in menu.options)


@pytest.mark.parametrize("name", ["GLMExplorer", "NullBrainExplorer", "RoiTestExplorer"])
def test_every_explorer_has_alt_text(name):
    alt = getattr(L, name).figure_alt
    assert alt and alt.endswith(".") and len(alt.split()) >= 10


# ---------------------------------------------------------------------------------------
# Static figures
# ---------------------------------------------------------------------------------------


def test_hrf_figure_marks_the_peak_near_five_seconds():
    """Reference: SPM's canonical HRF peaks near 5 s (nilearn spm_hrf)."""
    from nilearn.glm.first_level import spm_hrf

    fig = F.hrf_figure()
    left = fig.axes[0]
    texts = [t.get_text() for t in left.texts]
    h = spm_hrf(0.46, oversampling=50)
    peak = np.argmax(h) * 0.46 / 50
    assert f"peak ≈ {peak:.1f} s" in texts
    assert left.lines[0].get_ydata().max() == pytest.approx(1.0)


def test_task_figure_shows_five_trials_and_three_regressors():
    fig = F.task_figure()
    top, bottom = fig.axes
    assert sum(t.get_text().startswith("level") for t in top.texts) == 5
    labels = [line.get_label() for line in bottom.lines if not line.get_label().startswith("_")]
    assert labels == ["pain (every inflation)", "pain × level (centred)", "rating"]


def test_false_positive_figure_draws_the_table():
    table = fmri.false_positive_rates(10, shape=(16, 16), n_subjects=8, seed=2)
    fig = F.false_positive_figure(table)
    heights = [bar.get_height() for bar in fig.axes[0].patches]
    assert heights == pytest.approx(table["familywise_error_rate"].tolist())
