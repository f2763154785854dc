"""Tests of prtlib.stats.fmri against independent references (the trial's own fMRI is tested
in test_scanning.py, the glass-brain figure in test_figures_fmri.py).

Sources of reference values, named again at each test:

- nilearn 0.14 (``nilearn.glm.first_level.spm_hrf`` and
  ``make_first_level_design_matrix(..., hrf_model="spm", drift_model=None)``): another
  implementation of SPM's canonical HRF and of HRF-convolved task regressors.
- statsmodels: ``OLS(y, X).fit()`` and its ``t_test`` (betas, SE, t, two-sided p, residual
  variance, df); ``stats.multitest.multipletests`` (Benjamini-Hochberg and Bonferroni).
- numpy ``corrcoef`` and ``arctanh``; scipy ``stats.ttest_ind`` (Welch and Student);
  scipy ``fft.dct`` (the DCT-II basis of the cosine drift terms).
- Poldrack RA. Trends Cogn Sci 2006;10(2):59-63, doi:10.1016/j.tics.2005.12.004: the
  worked example of reverse inference on Broca's area in the BrainMap database
  (activation in 166 of 869 language studies and in 199 of 2353 other studies; with a
  prior of 0.5 the posterior is 0.69).
- The trial's paper (Ashar et al. 2022, Methods and Results): one-tailed p of the ROI group x
  time tests, t(133.48) = -1.73, p = .04; t(133.48) = -1.85, p = .03; t(120.1) = -2.34,
  p = .01; TR 460 ms, 20 trials of 37 s, 4 levels and the baseline ratings by level, typed
  here as the inputs of the general functions.
- scipy ``stats.pearsonr(...).confidence_interval()`` (Fisher z), statsmodels
  ``OLS(...).fit().conf_int()`` and scipy ``ttest_ind(...).confidence_interval()``: the
  intervals of a correlation, of a GLM contrast and of a two-group difference.
- Exact sampling theory: under the null a p-value is uniform, so the count of voxels with
  p <= alpha is binomial (scipy.stats.binom gives the bounds); Gaussian smoothing of white
  noise with kernel SD sigma gives neighbour correlation exp(-d^2 / (4 sigma^2)); a
  stationary AR(1) series has lag-1 autocorrelation phi.
"""

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from prtlib.stats import fmri, multiplicity
from prtlib.stats.intervals import Interval

FAST = settings(max_examples=40, deadline=None)
TR = 0.46  # the trial's TR (paper, Methods)
RUN = (20, 37.0, 4)  # trials, seconds per trial, levels of the trial's evoked run
RATINGS = (32.15, 37.91, 46.70, 52.73)  # the trial's mean baseline rating by level


def _events(seed):
    return fmri.task_events(*RUN, seed=seed, level_ratings=RATINGS)


@pytest.fixture(scope="module")
def events():
    return _events(3)


@pytest.fixture(scope="module")
def design(events):
    return fmri.design_matrix(events, TR)


# ----------------------------------------------------------------------------------------
# HRF and design
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("tr", "oversampling"), [(0.46, 50), (0.46, 16), (2.0, 100)])
def test_hrf_matches_nilearn_spm_hrf(tr, oversampling):
    """Reference: nilearn.glm.first_level.spm_hrf, same tr, oversampling and length."""
    from nilearn.glm.first_level import spm_hrf

    ours = fmri.hrf(tr, 32.0, oversampling)
    theirs = spm_hrf(tr, oversampling=oversampling, time_length=32.0)
    assert ours.shape == theirs.shape
    assert ours.sum() == pytest.approx(1.0) and theirs.sum() == pytest.approx(1.0)
    # nilearn shifts its grid by one fine step: agreement within 1% of the peak
    assert np.max(np.abs(ours - theirs)) < 0.01 * theirs.max()
    assert np.corrcoef(ours, theirs)[0, 1] > 0.9999


def test_hrf_shape_follows_the_double_gamma():
    """Reference: the extremes of gamma.pdf(t, 6) - gamma.pdf(t, 16) / 6 found with
    scipy.stats.gamma and scipy.optimize (peak near 5 s, undershoot near 15 s)."""
    from scipy.optimize import minimize_scalar

    def curve(t):
        return stats.gamma.pdf(t, 6) - stats.gamma.pdf(t, 16) / 6

    peak = minimize_scalar(lambda t: -curve(t), bounds=(2, 8), method="bounded").x
    trough = minimize_scalar(curve, bounds=(10, 20), method="bounded").x
    dt = TR / 100
    h = fmri.hrf(TR, 32.0, 100)
    assert abs(np.argmax(h) * dt - peak) <= dt
    assert abs(np.argmin(h) * dt - trough) <= dt
    assert h[0] == 0.0 and h.min() < 0


def test_task_events_lay_out_the_run(events):
    """Reference: the run asked for, 20 trials of 37 s at 4 levels, each level's rating
    (32.15/37.91/46.70/52.73) in expected_rating."""
    pain = events[events.trial_type == "pain"]
    assert len(pain) == 20 and len(events) == 40
    assert np.allclose(np.diff(pain.onset), 37.0)
    assert pain.level.value_counts().to_dict() == {1: 5, 2: 5, 3: 5, 4: 5}
    ratings = dict(zip(pain.level, pain.expected_rating, strict=True))
    assert ratings == {1: 32.15, 2: 37.91, 3: 46.70, 4: 52.73}
    assert list(events.columns[:4]) == ["onset", "duration", "trial_type", "modulation"]
    # each rating follows its trial's stimulation and ends before the next trial
    rating = events[events.trial_type == "rating"].set_index("trial")
    stim = pain.set_index("trial")
    assert (rating.onset >= stim.onset + stim.duration).all()
    assert (rating.onset + rating.duration <= stim.onset + 37.0).all()
    assert not _events(4).level.equals(events.level)
    assert _events(3).equals(events)
    unrated = fmri.task_events(*RUN, seed=3)
    assert unrated["expected_rating"].isna().all()
    assert unrated.drop(columns="expected_rating").equals(events.drop(columns="expected_rating"))


def test_design_task_regressors_match_nilearn(events):
    """Reference: nilearn make_first_level_design_matrix(hrf_model="spm", drift_model=None)."""
    from nilearn.glm.first_level import make_first_level_design_matrix

    n_scans = 1650
    ours = fmri.design_matrix(events, n_scans=n_scans, tr=TR)
    frame_times = np.arange(n_scans) * TR
    theirs = make_first_level_design_matrix(
        frame_times, events[["onset", "duration", "trial_type"]], hrf_model="spm",
        drift_model=None)
    for name in ("pain", "rating"):
        assert np.corrcoef(ours[name], theirs[name])[0, 1] > 0.9999
        assert np.allclose(ours[name], theirs[name], atol=0.01)

    pain = events[events.trial_type == "pain"]
    modulated = pd.DataFrame({"onset": pain.onset, "duration": pain.duration,
                              "trial_type": "pain_x_level",
                              "modulation": pain.level - pain.level.mean()})
    theirs = make_first_level_design_matrix(frame_times, modulated, hrf_model="spm",
                                            drift_model=None)
    assert np.corrcoef(ours["pain_x_level"], theirs["pain_x_level"])[0, 1] > 0.9999
    assert np.allclose(ours["pain_x_level"], theirs["pain_x_level"], atol=0.01)


def test_design_cosine_drift_is_the_dct_basis(design):
    """Reference: scipy.fft.dct type II of unit vectors, 2 cos(pi k (2j + 1) / (2n))."""
    from scipy.fft import dct

    n = len(design)
    drift = design.filter(like="drift_").to_numpy()
    assert drift.shape[1] == math.floor(2 * n * TR / 128)
    basis = dct(np.eye(n), type=2, axis=0)[1: drift.shape[1] + 1].T / 2
    assert np.allclose(drift, basis)
    assert np.array_equal(design["constant"], np.ones(n))


def test_design_structure_and_parametric_centring(events, design):
    """Reference: definitions. Columns, time index, plateau of a long block at 1."""
    assert list(design.columns[:3]) == ["pain", "rating", "pain_x_level"]
    assert np.allclose(design.index, np.arange(len(design)) * TR)
    # a block much longer than the HRF settles at the kernel's sum, 1
    long = pd.DataFrame({"onset": [10.0], "duration": [120.0], "trial_type": ["on"]})
    X = fmri.design_matrix(long, n_scans=400, tr=TR, parametric=False, drift_model=None)
    assert X["on"].iloc[int(100 / TR)] == pytest.approx(1.0, abs=1e-6)
    assert list(X.columns) == ["on", "constant"]
    # mean-centred modulation: the parametric regressor is nearly orthogonal to the task
    r = np.corrcoef(design["pain"], design["pain_x_level"])[0, 1]
    assert abs(r) < 0.1
    # shifting the modulator by a constant changes nothing once it is centred
    shifted = events.assign(level=events.level + 10)
    assert np.allclose(fmri.design_matrix(shifted, TR)["pain_x_level"], design["pain_x_level"])
    by_rating = fmri.design_matrix(events, TR, modulator="expected_rating")
    assert "pain_x_expected_rating" in by_rating.columns
    poly = fmri.design_matrix(events, TR, drift_model="polynomial", drift_order=3)
    assert [c for c in poly.columns if c.startswith("drift")] == ["drift_1", "drift_2",
                                                                   "drift_3"]


# ----------------------------------------------------------------------------------------
# simulation and GLM
# ----------------------------------------------------------------------------------------


def test_fit_glm_matches_statsmodels_ols(design):
    """Reference: statsmodels OLS(y, X).fit() and .t_test(c)."""
    from statsmodels.regression.linear_model import OLS

    Y = fmri.simulate_voxel(design, {"pain": 0.8, "pain_x_level": 0.3, "constant": 100.0},
                            noise_sd=2.0, n_voxels=3, seed=11)
    fit = fmri.fit_glm(Y, design)
    c = np.zeros(design.shape[1])
    c[list(design.columns).index("pain")] = 1.0
    c[list(design.columns).index("rating")] = -1.0
    res = fit.contrast(c)
    X = design.to_numpy()
    for v in range(3):
        ref = OLS(Y[:, v], X).fit()
        tt = ref.t_test(c)
        assert np.allclose(fit.betas[:, v], ref.params)
        assert fit.sigma2[v] == pytest.approx(ref.scale)
        assert fit.df == ref.df_resid
        assert res.effect[v] == pytest.approx(float(tt.effect[0]))
        assert res.se[v] == pytest.approx(float(tt.sd[0, 0]))
        assert res.t[v] == pytest.approx(float(tt.tvalue[0, 0]))
        assert res.p_two_sided[v] == pytest.approx(float(tt.pvalue), rel=1e-6)
        # one-sided p: scipy's t survival function at statsmodels' t
        assert res.p_greater[v] == pytest.approx(stats.t.sf(float(tt.tvalue[0, 0]),
                                                           ref.df_resid))
    # a single voxel gives floats, and names work as contrasts
    one = fmri.fit_glm(Y[:, 0], design)
    by_name = one.contrast({"pain": 1.0, "rating": -1.0})
    assert isinstance(by_name.t, float)
    assert by_name.t == pytest.approx(res.t[0])
    assert one.contrast("pain").effect == pytest.approx(one.beta("pain"))
    assert by_name.p_greater + by_name.p_less == pytest.approx(1.0)


def test_contrast_interval_matches_statsmodels_conf_int(design):
    """Reference: statsmodels OLS(y, X).fit().conf_int(alpha) for one column, at 95% and 90%."""
    from statsmodels.regression.linear_model import OLS

    Y = fmri.simulate_voxel(design, {"pain": 0.5, "constant": 100.0}, n_voxels=2, seed=12)
    ref = OLS(Y[:, 0], design.to_numpy()).fit()
    col = list(design.columns).index("pain")
    ci = fmri.fit_glm(Y[:, 0], design).contrast("pain").confidence_interval()
    assert isinstance(ci, Interval) and (ci.level, ci.method) == (0.95, "t")
    assert list(ci) == pytest.approx(ref.conf_int(0.05)[col].tolist())
    ci90 = fmri.fit_glm(Y[:, 0], design).contrast("pain").confidence_interval(0.90)
    assert list(ci90) == pytest.approx(ref.conf_int(0.10)[col].tolist())
    table = fmri.fit_glm(Y, design).contrast("pain").confidence_interval()
    assert list(table.columns) == ["effect", "ci_low", "ci_high"]
    assert table.loc[0, ["ci_low", "ci_high"]].tolist() == pytest.approx(list(ci))
    with pytest.raises(ValueError, match="^confidence_level"):
        fmri.fit_glm(Y, design).contrast("pain").confidence_interval(1.0)


def test_glm_recovers_betas_and_keeps_type_i_error(design):
    """Reference: OLS is unbiased; under the null with white noise one-sided p < .05 has a
    binomial(n, .05) count (scipy.stats.binom bounds)."""
    n_vox = 1000
    truth = {"pain": 1.0, "pain_x_level": 0.4, "rating": 0.5}
    Y = fmri.simulate_voxel(design, truth, noise_sd=1.5, n_voxels=n_vox, seed=5)
    fit = fmri.fit_glm(Y, design)
    for name, value in truth.items():
        est = fit.beta(name)
        assert abs(est.mean() - value) < 4 * est.std(ddof=1) / math.sqrt(n_vox)

    null = fmri.simulate_voxel(design, {}, noise_sd=1.0, n_voxels=n_vox, seed=6)
    p = fmri.fit_glm(null, design).contrast("pain").p_greater
    lo, hi = stats.binom.interval(0.999, n_vox, 0.05)
    assert lo <= np.sum(p < 0.05) <= hi


def test_autocorrelated_noise(design):
    """Reference: a stationary AR(1) series has SD sigma and lag-1 correlation phi; OLS
    ignoring it inflates false positives (Woolrich et al. 2001)."""
    Y = fmri.simulate_voxel(design, {}, noise_sd=2.0, ar1=0.6, n_voxels=400, seed=8)
    assert Y.std() == pytest.approx(2.0, rel=0.03)
    Yc = Y - Y.mean(axis=0)
    lag1 = np.sum(Yc[1:] * Yc[:-1]) / np.sum(Yc * Yc)
    assert lag1 == pytest.approx(0.6, abs=0.02)
    white = fmri.fit_glm(fmri.simulate_voxel(design, {}, n_voxels=1000, seed=9), design)
    red = fmri.fit_glm(fmri.simulate_voxel(design, {}, ar1=0.6, n_voxels=1000, seed=9),
                       design)
    rate_white = np.mean(white.contrast("pain").p_two_sided < 0.05)
    rate_red = np.mean(red.contrast("pain").p_two_sided < 0.05)
    assert rate_red > 0.1 > rate_white


def test_simulate_voxel_is_reproducible(design):
    a = fmri.simulate_voxel(design, {"pain": 1.0}, seed=1)
    assert np.array_equal(a, fmri.simulate_voxel(design, {"pain": 1.0}, seed=1))
    assert not np.array_equal(a, fmri.simulate_voxel(design, {"pain": 1.0}, seed=2))
    B = np.zeros((design.shape[1], 2))
    assert fmri.simulate_voxel(design, B).shape == (len(design), 2)


# ----------------------------------------------------------------------------------------
# connectivity
# ----------------------------------------------------------------------------------------


def test_seed_connectivity_matches_numpy():
    """Reference: numpy.corrcoef for r and numpy.arctanh for Fisher z."""
    rng = np.random.default_rng(1)
    seed = rng.standard_normal(300)
    vox = 0.4 * seed[:, None] + rng.standard_normal((300, 50))
    res = fmri.seed_connectivity(seed, vox)
    ref = np.corrcoef(np.column_stack([seed, vox]), rowvar=False)[0, 1:]
    assert np.allclose(res.r, ref)
    assert np.allclose(res.z, np.arctanh(ref))
    one = fmri.seed_connectivity(seed, vox[:, 0])
    assert isinstance(one.r, float) and one.r == pytest.approx(ref[0])


def test_seed_connectivity_interval_matches_scipy_pearsonr():
    """Reference: scipy.stats.pearsonr(x, y).confidence_interval(level), Fisher's z."""
    rng = np.random.default_rng(2)
    seed = rng.standard_normal(120)
    vox = 0.3 * seed[:, None] + rng.standard_normal((120, 3))
    for level in (0.95, 0.8):
        ci = fmri.seed_connectivity(seed, vox[:, 0]).confidence_interval(level)
        ref = stats.pearsonr(seed, vox[:, 0]).confidence_interval(level)
        assert isinstance(ci, Interval) and ci.method == "Fisher z" and ci.level == level
        assert list(ci) == pytest.approx([ref.low, ref.high])
    table = fmri.seed_connectivity(seed, vox).confidence_interval()
    ref = stats.pearsonr(seed, vox[:, 2]).confidence_interval()
    assert table.loc[2, ["ci_low", "ci_high"]].tolist() == pytest.approx([ref.low, ref.high])
    # fewer effective observations than scans: a wider interval
    narrow = fmri.seed_connectivity(seed, vox[:, 0]).confidence_interval()
    wide = fmri.seed_connectivity(seed, vox[:, 0]).confidence_interval(n_effective=30)
    assert wide.width > narrow.width
    with pytest.raises(ValueError, match="^n_effective"):
        fmri.seed_connectivity(seed, vox[:, 0]).confidence_interval(n_effective=3)


@FAST
@given(st.floats(0.1, 10), st.floats(-50, 50), st.integers(0, 10_000))
def test_seed_connectivity_ignores_scale_and_offset(scale, offset, seed):
    """Reference: Pearson r is invariant to positive affine transforms of either series."""
    rng = np.random.default_rng(seed)
    s = rng.standard_normal(40)
    v = rng.standard_normal((40, 3)) + 0.5 * s[:, None]
    a = fmri.seed_connectivity(s, v).r
    b = fmri.seed_connectivity(scale * s + offset, v * scale - offset).r
    assert np.allclose(a, b)
    assert np.all(np.abs(a) <= 1)


@pytest.mark.parametrize("equal_var", [False, True])
def test_connectivity_study_matches_scipy_ttest(equal_var):
    """Reference: scipy.stats.ttest_ind on the change scores (Welch and Student)."""
    study = fmri.simulate_connectivity_study((40, 45), 0.15, equal_var=equal_var, seed=3)
    d = study.data
    a = d.loc[d.group == "prt", "change_z"]
    b = d.loc[d.group == "placebo", "change_z"]
    ref = stats.ttest_ind(a, b, equal_var=equal_var)
    assert study.t == pytest.approx(ref.statistic)
    assert study.df == pytest.approx(ref.df)
    assert study.p_two_sided == pytest.approx(ref.pvalue)
    one = stats.ttest_ind(a, b, equal_var=equal_var, alternative="greater")
    assert study.p_greater == pytest.approx(one.pvalue)
    ci = study.confidence_interval(0.9)
    assert list(ci) == pytest.approx(list(ref.confidence_interval(0.9)))
    assert ci.level == 0.9 and ci.method == ("pooled t" if equal_var else "Welch t")
    assert np.allclose(d.change_z, d.post_z - d.pre_z)
    assert (len(a), len(b)) == (40, 45)


def test_connectivity_study_is_unbiased_and_cancels_stable_differences():
    """Reference: E[difference] = true_change_z; the change score removes between-person
    variation, so its SD is sqrt(2) * within_sd whatever between_sd is."""
    diffs = [fmri.simulate_connectivity_study(50, 0.2, seed=s).difference for s in range(200)]
    assert abs(np.mean(diffs) - 0.2) < 4 * np.std(diffs) / math.sqrt(200)
    study = fmri.simulate_connectivity_study(2000, 0.0, between_sd=1.0, within_sd=0.1,
                                             seed=1)
    assert study.data.change_z.std() == pytest.approx(0.1 * math.sqrt(2), rel=0.05)
    assert study.data.pre_z.std() > 0.9


# ----------------------------------------------------------------------------------------
# multiple comparisons
# ----------------------------------------------------------------------------------------


@FAST
@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=200), st.sampled_from([0.01, 0.05,
                                                                                  0.2]))
def test_fdr_bh_and_bonferroni_match_statsmodels(pvals, level):
    """Reference: statsmodels.stats.multitest.multipletests, methods fdr_bh and bonferroni."""
    from statsmodels.stats.multitest import multipletests

    p = np.array(pvals)
    reject, adjusted, _, _ = multipletests(p, alpha=level, method="fdr_bh")
    ours = fmri.fdr_bh(p, q=level)
    assert np.array_equal(ours.reject, reject)
    assert np.allclose(ours.p_adjusted, adjusted)
    assert np.all(p[ours.reject] <= ours.p_threshold)
    reject, adjusted, _, _ = multipletests(p, alpha=level, method="bonferroni")
    ours = fmri.bonferroni(p, alpha=level)
    assert np.array_equal(ours.reject, reject)
    assert np.allclose(ours.p_adjusted, adjusted)


def test_thresholds_use_the_one_multiplicity_implementation():
    """Reference: prtlib.stats.multiplicity.adjust (itself tested against statsmodels): the
    maps' adjusted p-values are its values, and reject is adjusted p <= level."""
    p = np.random.default_rng(3).uniform(size=(12, 9)) ** 4
    for method, call in (("bonferroni", fmri.bonferroni), ("fdr_bh", fmri.fdr_bh)):
        res = call(p, 0.05)
        assert np.array_equal(res.p_adjusted, multiplicity.adjust(p, method))
        assert np.array_equal(res.reject, multiplicity.reject(p, method, 0.05))
    assert fmri.bonferroni(p, 0.05).p_threshold == pytest.approx(0.05 / p.size)
    fdr = fmri.fdr_bh(p, 0.05)
    assert fdr.p_threshold == pytest.approx(0.05 * fdr.n_rejected / p.size)


def test_corrections_keep_the_map_shape():
    """Reference: statsmodels multipletests on the flattened map."""
    from statsmodels.stats.multitest import multipletests

    p = np.random.default_rng(0).uniform(size=(20, 30)) ** 3
    res = fmri.fdr_bh(p, 0.05)
    assert res.reject.shape == p.shape and res.p_adjusted.shape == p.shape
    ref = multipletests(p.ravel(), alpha=0.05, method="fdr_bh")[0]
    assert np.array_equal(res.reject.ravel(), ref)
    unc = fmri.threshold_uncorrected(p, 0.001)
    assert np.array_equal(unc.reject, p <= 0.001)


def test_uncorrected_false_positive_rate_is_alpha_per_voxel():
    """Reference: null p-values are uniform, so the count below .001 among 40,000
    independent voxels is binomial(40,000, .001) (scipy.stats.binom 99.9% interval)."""
    null = fmri.simulate_null_brain((200, 200), n_subjects=20, seed=7)
    count = fmri.threshold_uncorrected(null.p, 0.001).n_rejected
    lo, hi = stats.binom.interval(0.999, null.n_voxels, 0.001)
    assert lo <= count <= hi
    assert not null.truth.any()
    # the t map has the one-sample t distribution with n - 1 df
    assert stats.kstest(null.t.ravel()[::7], stats.t(19).cdf).pvalue > 0.001


def test_smoothing_keeps_marginals_and_correlates_neighbours():
    """Reference: Gaussian smoothing of white noise (kernel SD s) gives neighbour
    correlation exp(-d^2 / (4 s^2)); each voxel's null t stays t(n - 1) (KS test)."""
    fwhm = 3.0
    brain = fmri.simulate_null_brain((48, 48), n_subjects=30, fwhm=fwhm, seed=2)
    x = brain.data
    s = fwhm / math.sqrt(8 * math.log(2))
    r1 = np.mean(x[:, :, 1:] * x[:, :, :-1]) / np.mean(x * x)
    assert r1 == pytest.approx(math.exp(-1 / (4 * s * s)), abs=0.02)
    assert x.std() == pytest.approx(1.0, abs=0.03)
    t_at_voxel = np.array([fmri.simulate_null_brain((8, 8, 8), 10, fwhm, seed=k).t[4, 4, 4]
                           for k in range(300)])
    assert stats.kstest(t_at_voxel, stats.t(9).cdf).pvalue > 0.001


def test_fwe_methods_control_the_familywise_rate():
    """Reference: FWE control means P(any false positive) <= alpha; over 60 null brains the
    number with one is at most the binomial(60, .05) 99.9% quantile (scipy.stats.binom),
    while p < .001 uncorrected over 576 voxels is expected to err in about
    1 - .999**576 = 44% of brains."""
    n_brains, hits = 60, {"bonferroni": 0, "permutation": 0, "uncorrected": 0}
    for k in range(n_brains):
        brain = fmri.simulate_null_brain((24, 24), n_subjects=12, fwhm=2.0, seed=100 + k)
        hits["bonferroni"] += fmri.bonferroni(brain.p, 0.05).n_rejected > 0
        hits["permutation"] += fmri.fwe_permutation(brain.data, 0.05, 200,
                                                    seed=k).n_rejected > 0
        hits["uncorrected"] += fmri.threshold_uncorrected(brain.p, 0.001).n_rejected > 0
    bound = stats.binom.ppf(0.999, n_brains, 0.05)
    assert hits["bonferroni"] <= bound
    assert hits["permutation"] <= bound
    assert hits["uncorrected"] >= stats.binom.ppf(0.001, n_brains, 0.25)


def test_fwe_permutation_finds_a_strong_effect_and_correction_summary_counts():
    """Reference: definitions (true and false positives against the simulated truth)."""
    brain = fmri.simulate_brain((40, 40), 20, fwhm=2.0, effect=1.5, signal_radius=5, seed=4)
    perm = fmri.fwe_permutation(brain.data, 0.05, 300, seed=1)
    assert perm.n_rejected > 20
    assert perm.t_threshold > stats.t.isf(0.025, 19)
    assert np.all(np.abs(brain.t[perm.reject]) > perm.t_threshold)
    table = fmri.correction_summary(brain, n_permutations=300, seed=1)
    assert list(table.method) == ["uncorrected", "bonferroni", "fdr_bh",
                                  "permutation max-|t|"]
    row = table.set_index("method").loc["fdr_bh"]
    fdr = fmri.fdr_bh(brain.p, 0.05)
    assert row.detected == fdr.n_rejected
    assert row.true_positives == int((fdr.reject & brain.truth).sum())
    assert (table.detected == table.true_positives + table.false_positives).all()
    # FDR finds at least as much as Bonferroni
    assert row.detected >= table.set_index("method").loc["bonferroni", "detected"]


# ----------------------------------------------------------------------------------------
# pitfalls
# ----------------------------------------------------------------------------------------


def test_circular_analysis_inflates_and_split_half_does_not():
    """Reference: Kriegeskorte et al. 2009 (doi:10.1038/nn.2303): selection on the same data
    biases the estimate upward; an independent half is unbiased for the selected voxels."""
    res = fmri.circular_analysis(n_voxels=500, n_subjects=20, n_selected=10, effect=0.3,
                                 active_fraction=0.05, n_studies=300, seed=2)
    err_c = res.circular_estimate - res.circular_truth
    err_s = res.split_estimate - res.split_truth
    se_c = err_c.std(ddof=1) / math.sqrt(err_c.size)
    se_s = err_s.std(ddof=1) / math.sqrt(err_s.size)
    assert err_c.mean() > 10 * se_c
    assert np.mean(res.circular_estimate) > 0.3  # larger than the true effect itself
    assert abs(err_s.mean()) < 3.5 * se_s
    # with no effect anywhere, the circular estimate is still clearly positive
    null = fmri.circular_analysis(n_voxels=500, effect=0.0, n_studies=100, seed=3)
    assert null.circular_estimate.mean() > 0.3
    assert abs(null.split_estimate.mean()) < 4 * null.split_estimate.std() / 10


def test_reverse_inference_poldrack_worked_example():
    """Reference: Poldrack 2006, Broca's area in BrainMap: P(act | language) = 166/869,
    P(act | not language) = 199/2353, prior 0.5 -> posterior 0.69 (printed to 2 decimals)."""
    a, b = 166 / 869, 199 / 2353
    hand = (a * 0.5) / (a * 0.5 + b * 0.5)
    post = fmri.reverse_inference(a, b, 0.5)
    assert post == pytest.approx(hand)
    assert round(post, 2) == 0.69


@FAST
@given(st.floats(0.01, 0.99), st.floats(0.01, 0.99), st.floats(0.01, 0.99),
       st.floats(0.001, 0.2))
def test_reverse_inference_properties(a, b, prior, step):
    """Reference: Bayes' rule. Posterior in [0, 1]; equal to the prior when the likelihood
    ratio is 1; rises with selectivity (larger P(A|pain) or smaller P(A|not pain))."""
    post = fmri.reverse_inference(a, b, prior)
    assert 0.0 <= post <= 1.0
    assert fmri.reverse_inference(a, a, prior) == pytest.approx(prior)
    if a + step <= 1:
        assert fmri.reverse_inference(a + step, b, prior) > post
    if b - step >= 0.001:
        assert fmri.reverse_inference(a, b - step, prior) > post
    odds = post / (1 - post)
    assert odds == pytest.approx(prior / (1 - prior) * a / b, rel=1e-9)


def test_reverse_inference_is_vectorized():
    out = fmri.reverse_inference(0.8, np.array([0.8, 0.4, 0.2]), np.array([[0.5], [0.1]]))
    assert out.shape == (2, 3)
    assert out[0, 0] == pytest.approx(0.5) and out[1, 0] == pytest.approx(0.1)


def test_t_to_p_reproduces_the_papers_one_tailed_p():
    """Reference: paper, Results: t(133.48) = -1.73, p = .04; t(133.48) = -1.85, p = .03;
    t(120.1) = -2.34, p = .01 (one-tailed); scipy.stats.t for the other tails."""
    for t, df, p in [(-1.73, 133.48, 0.04), (-1.85, 133.48, 0.03), (-2.34, 120.1, 0.01)]:
        ours = fmri.t_to_p(t, df, alternative="less")
        assert round(ours, 2) == p
        assert ours == pytest.approx(stats.t.cdf(t, df))
        assert fmri.t_to_p(t, df) == pytest.approx(2 * ours)
        assert fmri.t_to_p(t, df, "greater") == pytest.approx(1 - ours)


def test_t_to_d_matches_cohens_d_from_raw_data():
    """Reference: Cohen's d computed from two raw samples (pooled SD) and the Student t from
    scipy.stats.ttest_ind; and the equal-n approximation 2t / sqrt(df)."""
    rng = np.random.default_rng(0)
    a, b = rng.normal(0.5, 1, 30), rng.normal(0, 1, 42)
    sp = math.sqrt(((29 * a.var(ddof=1)) + 41 * b.var(ddof=1)) / 70)
    d = (a.mean() - b.mean()) / sp
    t = stats.ttest_ind(a, b).statistic
    assert fmri.t_to_d(t, n1=30, n2=42) == pytest.approx(d)
    t_eq = 2.5
    assert fmri.t_to_d(t_eq, 98) == pytest.approx(fmri.t_to_d(t_eq, n1=50, n2=50), rel=0.02)
    assert np.allclose(fmri.t_to_d(np.array([1.0, -2.0]), 100), [0.2, -0.4])


# ----------------------------------------------------------------------------------------
# bad input
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("call", "name"), [
    (lambda: fmri.hrf(tr=-1), "tr"),
    (lambda: fmri.task_events(4, 37.0, 4, level_ratings=[1.0, 2.0]), "level_ratings"),
    (lambda: fmri.design_matrix(_events(0), tr=0), "tr"),
    (lambda: fmri.hrf(0.46, oversampling=0), "oversampling"),
    (lambda: fmri.hrf(0.46, duration=0.1), "duration"),
    (lambda: fmri.task_events(0, 37.0, 4), "n_trials"),
    (lambda: fmri.task_events(*RUN, rating_duration=30), "rating_onset + rating_duration"),
    (lambda: fmri.design_matrix("events", TR), "events"),
    (lambda: fmri.design_matrix(_events(0), TR, drift_model="spline"), "drift_model"),
    (lambda: fmri.design_matrix(_events(0), TR, modulator="nope"), "modulator"),
    (lambda: fmri.design_matrix(_events(0), TR, n_scans=1.5), "n_scans"),
    (lambda: fmri.simulate_voxel(np.ones((10, 2)), [1.0], noise_sd=1), "betas"),
    (lambda: fmri.simulate_voxel(np.ones((10, 2)), {"x9": 1.0}), "betas"),
    (lambda: fmri.simulate_voxel(np.ones((10, 2)), [1.0, 1.0], noise_sd=0), "noise_sd"),
    (lambda: fmri.simulate_voxel(np.ones((10, 2)), [1.0, 1.0], ar1=1.0), "ar1"),
    (lambda: fmri.fit_glm(np.ones(5), np.ones((6, 2))), "y"),
    (lambda: fmri.fit_glm([1.0, np.nan, 2.0], np.ones((3, 1))), "y"),
    (lambda: fmri.fit_glm(np.arange(5.0), np.ones((5, 1))).contrast("pain"), "c"),
    (lambda: fmri.fit_glm(np.arange(5.0), np.ones((5, 1))).contrast([0.0]), "c"),
    (lambda: fmri.seed_connectivity(np.ones(10), np.random.default_rng(0).random(10)),
     "seed_ts"),
    (lambda: fmri.seed_connectivity(np.arange(10.0), np.ones((9, 2))), "voxel_ts"),
    (lambda: fmri.simulate_connectivity_study(1), "n_per_group"),
    (lambda: fmri.simulate_connectivity_study(10, within_sd=-1), "within_sd"),
    (lambda: fmri.simulate_connectivity_study(10, groups=("a", "a")), "groups"),
    (lambda: fmri.simulate_null_brain((10, 10, 10, 10)), "shape"),
    (lambda: fmri.simulate_null_brain(100, n_subjects=2), "n_subjects"),
    (lambda: fmri.simulate_brain(100, fwhm=-1), "fwhm"),
    (lambda: fmri.fdr_bh([0.1, 1.5]), "p"),
    (lambda: fmri.fdr_bh([0.1, 0.5], q=0), "q"),
    (lambda: fmri.bonferroni([0.1], alpha=1.0), "alpha"),
    (lambda: fmri.threshold_uncorrected([np.nan]), "p"),
    (lambda: fmri.fwe_permutation(np.ones((2, 5))), "data"),
    (lambda: fmri.fwe_permutation(np.ones((5, 5)), n_permutations=5), "n_permutations"),
    (lambda: fmri.correction_summary("brain"), "brain"),
    (lambda: fmri.circular_analysis(n_voxels=5, n_selected=6), "n_selected"),
    (lambda: fmri.circular_analysis(active_fraction=1.5), "active_fraction"),
    (lambda: fmri.reverse_inference(1.2, 0.5), "p_activation_given_pain"),
    (lambda: fmri.reverse_inference(0.5, -0.1), "p_activation_given_not_pain"),
    (lambda: fmri.reverse_inference(0.5, 0.5, prior_pain=2), "prior_pain"),
    (lambda: fmri.reverse_inference(0.0, 0.0), "p_activation_given_pain"),
    (lambda: fmri.t_to_d(2.0), "df"),
    (lambda: fmri.t_to_d(2.0, n1=10), "n1"),
    (lambda: fmri.t_to_p(2.0, 0), "df"),
    (lambda: fmri.t_to_p(2.0, 10, alternative="smaller"), "alternative"),  # old name
])
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match="^" + re.escape(name)):
        call()


# ----------------------------------------------------------------------------------------
# additions for lessons 07-08
# ----------------------------------------------------------------------------------------


def _kernel_autocorrelation(tr=TR):
    """Autocorrelation of HRF-filtered white noise, from nilearn's own SPM kernel."""
    from nilearn.glm.first_level import spm_hrf

    h = spm_hrf(tr, oversampling=1, time_length=32.0)
    full = np.correlate(h, h, mode="full")
    return full[h.size - 1:] / full[h.size - 1]


def test_resting_pair_has_the_scan_asked_for_and_the_true_correlation():
    """Reference: 8 minutes at TR 0.46 s is round(480 / 0.46) = 1043 scans; over a long
    series the sample correlation and SDs converge on their population values."""
    pair = fmri.simulate_resting_pair(0.4, 8, TR, seed=2)
    assert len(pair) == round(8 * 60 / 0.46) == 1043
    assert np.allclose(np.diff(pair.index), 0.46)
    assert list(pair.columns) == ["seed", "target"]
    long = fmri.simulate_resting_pair(-0.6, 600, TR, seed=3)
    assert long["seed"].corr(long["target"]) == pytest.approx(-0.6, abs=0.02)
    assert long.std().to_numpy() == pytest.approx([1.0, 1.0], abs=0.05)
    assert fmri.simulate_resting_pair(0.4, 8, TR, seed=2).equals(pair)


def test_resting_pair_is_slow_like_hrf_filtered_noise():
    """Reference: lag-1 autocorrelation of white noise filtered by nilearn's spm_hrf."""
    long = fmri.simulate_resting_pair(0.0, 600, TR, seed=4)
    x = long["seed"].to_numpy() - long["seed"].mean()
    lag1 = float(np.sum(x[1:] * x[:-1]) / np.sum(x * x))
    assert lag1 == pytest.approx(_kernel_autocorrelation()[1], abs=0.01)
    assert lag1 > 0.9  # neighbouring scans are nearly the same measurement


def test_resting_correlation_varies_as_bartlett_says():
    """Reference: Bartlett (1935): for independent series with autocorrelation rho(k) the
    sample correlation has variance about (1/n) sum_k rho(k)^2, far above 1/(n - 3)."""
    rs = np.array([fmri.simulate_resting_pair(0.0, 8, TR, seed=s).corr().iloc[0, 1]
                   for s in range(400)])
    rho = _kernel_autocorrelation()
    n = 1043
    bartlett = (1 + 2 * np.sum(rho[1:] ** 2)) / n
    assert rs.var() == pytest.approx(bartlett, rel=0.25)
    assert rs.var() > 5 / (n - 3)


def test_false_positive_rates_match_sampling_theory():
    """Reference: null p-values are uniform, so the total count below .001 over B brains of
    m voxels is binomial(B m, .001); FWE methods keep P(any) <= .05 (binomial bound);
    and the first brain's counts equal correction_summary on that brain."""
    n_brains, shape = 60, (24, 24)
    table = fmri.false_positive_rates(n_brains, shape, n_subjects=12, fwhm=2.0,
                                      n_permutations=100, seed=10).set_index("method")
    m = 24 * 24
    total = table.loc["uncorrected", "mean_false_positives"] * n_brains
    lo, hi = stats.binom.interval(0.999, n_brains * m, 0.001)
    assert lo <= total <= hi
    bound = stats.binom.ppf(0.999, n_brains, 0.05) / n_brains
    for method in ("bonferroni", "fdr_bh", "permutation max-|t|"):
        assert table.loc[method, "familywise_error_rate"] <= bound
    assert table.loc["uncorrected", "familywise_error_rate"] > 0.2
    assert (table["n_voxels"] == m).all() and (table["n_brains"] == n_brains).all()
    first = fmri.false_positive_rates(1, shape, n_subjects=12, fwhm=2.0, seed=10)
    ref = fmri.correction_summary(fmri.simulate_null_brain(shape, 12, 2.0, seed=10))
    assert first["mean_false_positives"].tolist() == ref["false_positives"].tolist()


@pytest.mark.parametrize("n", [10, 25, 90])
@pytest.mark.parametrize("alternative", ["two-sided", "greater"])
def test_correlation_critical_r_is_exact(n, alternative):
    """Reference: under the null, r has a beta(n/2 - 1, n/2 - 1) law on [-1, 1]
    (scipy.stats.beta), so P(|r| >= r_c) = alpha exactly."""
    res = fmri.correlation_power(0.2, n, 0.05, alternative)
    null = stats.beta(n / 2 - 1, n / 2 - 1, loc=-1, scale=2)
    tails = 2 if alternative == "two-sided" else 1
    assert tails * null.sf(res.critical_r) == pytest.approx(0.05, rel=1e-6)


def test_correlation_power_matches_simulation():
    """Reference: Monte Carlo with scipy.stats.pearsonr on bivariate normal samples
    (power, average |r| of significant results, wrong-sign share)."""
    rng = np.random.default_rng(0)
    for rho, n in [(0.3, 50), (0.1, 25)]:
        sims = 20_000
        x = rng.standard_normal((sims, n))
        y = rho * x + math.sqrt(1 - rho ** 2) * rng.standard_normal((sims, n))
        res = stats.pearsonr(x, y, axis=1)
        sig = res.pvalue < 0.05
        ours = fmri.correlation_power(rho, n)
        lo, hi = stats.binom.interval(0.999, sims, ours.power)
        assert lo <= sig.sum() <= hi
        r_sig = res.statistic[sig]
        assert ours.mean_significant_abs_r == pytest.approx(np.abs(r_sig).mean(), abs=0.01)
        assert ours.type_s == pytest.approx(np.mean(r_sig < 0), abs=0.02)


def test_correlation_power_agrees_with_cohens_tables_via_pwr():
    """Reference: R pwr (Cohen 1988's approximation), pwr.r.test(n = 90, power = .8)
    gives r = 0.2913625; our variant (pwr >= 1.3, bias correction on the effect only)
    differs by less than 0.005 in power."""
    assert fmri.correlation_power(0.2913625, 90).power == pytest.approx(0.80, abs=0.005)


@FAST
@given(st.floats(0.1, 0.8), st.integers(10, 400), st.integers(1, 50))
def test_correlation_power_properties(rho, n, step):
    """Reference: definitions. Power grows with n, is symmetric in the sign of r for a
    two-sided test, one-sided in the right direction beats two-sided, and the density
    integrates to 1."""
    a = fmri.correlation_power(rho, n)
    assert 0.05 <= a.power <= 1  # a true effect is found at least as often as alpha
    assert fmri.correlation_power(rho, n + step).power >= a.power
    assert fmri.correlation_power(-rho, n).power == pytest.approx(a.power)
    assert fmri.correlation_power(rho, n, alternative="greater").power >= a.power
    assert a.mean_significant_abs_r >= a.critical_r
    grid = np.linspace(-0.9999, 0.9999, 20001)
    assert np.trapezoid(a.density(grid), grid) == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize("rho", [0.1, 0.3, 0.5, -0.3])
def test_correlation_sample_size_is_the_smallest_n(rho):
    """Reference: definition of the smallest n reaching the target power."""
    n = fmri.correlation_sample_size(rho, 0.8)
    assert fmri.correlation_power(rho, n).power >= 0.8
    assert fmri.correlation_power(rho, n - 1).power < 0.8
    # rule of thumb ((z_.975 + z_.8) / atanh(r))^2 + 3 (Cohen 1988) to within 2 people
    approx = ((stats.norm.isf(0.025) + stats.norm.isf(0.2)) / math.atanh(abs(rho))) ** 2 + 3
    assert abs(n - approx) <= 2


@pytest.mark.parametrize(("call", "name"), [
    (lambda: fmri.simulate_resting_pair(1.5, 8, TR), "true_r"),
    (lambda: fmri.simulate_resting_pair(0.2, 0, TR), "minutes"),
    (lambda: fmri.simulate_resting_pair(0.2, 0.001, TR), "minutes"),
    (lambda: fmri.simulate_resting_pair(0.2, 8, -1), "tr"),
    (lambda: fmri.false_positive_rates(0), "n_brains"),
    (lambda: fmri.correlation_power(1.0, 20), "true_r"),
    (lambda: fmri.correlation_power(0.2, 3), "n"),
    (lambda: fmri.correlation_power(0.2, 20, alpha=0), "alpha"),
    (lambda: fmri.correlation_power(0.2, 20, alternative="larger"), "alternative"),  # old
    (lambda: fmri.correlation_power(0.2, 20).density([0.5, 1.0]), "r"),
    (lambda: fmri.correlation_sample_size(0.0), "true_r"),
    (lambda: fmri.correlation_sample_size(0.2, power=0.01), "power"),
    (lambda: fmri.correlation_sample_size(0.2, alternative="less"), "alternative"),
])
def test_new_functions_reject_bad_input_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match="^" + re.escape(name)):
        call()


def test_the_package_reexports_each_submodules_public_names():
    """Reference: the package layout (design, glm, connectivity, inference, circularity): every
    public name of a submodule is reachable as fmri.<name>, and the trial's functions and the
    figure live in the trial and course layers, not here."""
    import importlib

    names = set()
    for sub in ("design", "glm", "connectivity", "inference", "circularity"):
        module = importlib.import_module(f"prtlib.stats.fmri.{sub}")
        assert sub in fmri.__doc__
        for name in module.__all__:
            assert getattr(fmri, name) is getattr(module, name)
            names.add(name)
    assert names == set(fmri.__all__)
    for moved in ("plot_peaks", "trial_roi_results", "trial_effects_by_measure", "ALTERNATIVES"):
        assert not hasattr(fmri, moved)
