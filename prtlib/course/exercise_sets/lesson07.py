"""Lesson 07's exercises: the scanner's clock, one voxel's GLM, false positives in a null
brain, the family-wise error of several tests, and the trial's region-of-interest results.

Every expected answer is computed here from :mod:`prtlib.trial.published`,
:mod:`prtlib.trial.scanning` and :mod:`prtlib.stats.fmri`; the simulations use the same
settings as the exercise notebook, which shows them to the learner. The learner computes
each answer herself (least squares with numpy, p-values with scipy); the ``prtlib`` helper
that computes the same thing is offered afterwards, to compare.

Hints come in three levels (see :mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method`` (the
quantities and the formula with its source) and ``recipe`` (worked steps). A wrong answer's
feedback shows the nudge.

The lesson itself (course/07_fmri_evoked_pain.ipynb) asks for one prediction,
``07.predict_autocorrelation``, before it shows how autocorrelated noise misleads OLS.
"""

from __future__ import annotations

import functools

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import published

# Simulation settings shown in solutions/07_fmri_evoked_pain.ipynb.
GLM_EVENTS_SEED = 7
GLM_TRUTH = {"pain": 0.6, "pain_x_level": 0.2, "constant": 100.0}
GLM_NOISE_SD = 2.0
GLM_NOISE_SEED = 11
BRAIN_SHAPE = (100, 100)
BRAIN_SUBJECTS = 20
BRAIN_FWHM = 2.0
BRAIN_SEED = 3
ROI_TESTS = 14  # hypothetical: 7 localizer regions x 2 comparisons
# The lesson's autocorrelation demonstration (course/07, section 3).
AR_EVENTS_SEED = 0
AR_SETTINGS = {"noise_sd": 1.0, "ar1": 0.5, "n_voxels": 2000, "seed": 21}


def _tr_s() -> float:
    return published.get("fmri.tr_ms") / 1000.0


def _scans_per_trial() -> float:
    return published.get("fmri.evoked.trial_s") / _tr_s()


def exercise_voxel():
    """The design and simulated voxel of the GLM exercise: ``(design, y)``."""
    from prtlib.stats import fmri
    from prtlib.trial import scanning

    design = scanning.design_matrix(scanning.task_events(seed=GLM_EVENTS_SEED))
    y = fmri.simulate_voxel(design, GLM_TRUTH, noise_sd=GLM_NOISE_SD, seed=GLM_NOISE_SEED)
    return design, y


@functools.lru_cache(maxsize=4)
def _glm_contrast(name: str):
    from prtlib.stats import fmri

    design, y = exercise_voxel()
    return fmri.fit_glm(y, design).contrast(name)


def exercise_brain():
    """The null brain of the false-positive exercise."""
    from prtlib.stats import fmri

    return fmri.simulate_null_brain(BRAIN_SHAPE, BRAIN_SUBJECTS, BRAIN_FWHM, seed=BRAIN_SEED)


@functools.lru_cache(maxsize=4)
def _count_below(alpha: float) -> int:
    from prtlib.stats import fmri

    return fmri.threshold_uncorrected(exercise_brain().p, alpha).n_rejected


def _count_positive_below(alpha: float) -> int:
    brain = exercise_brain()
    return int(((brain.t > 0) & (brain.p <= alpha)).sum())


def _roi(name: str, stat: str) -> float:
    return float(published.get(f"fmri.roi.{name}.{stat}"))


def _two_tailed_amcc(alternative: str = "two-sided") -> float:
    from prtlib.stats import fmri

    return fmri.t_to_p(_roi("amcc.prt_vs_placebo", "t"), _roi("amcc.prt_vs_placebo", "df"),
                       alternative=alternative)


def _normal_two_tailed_amcc() -> float:
    from scipy import stats

    return float(2 * stats.norm.cdf(-abs(_roi("amcc.prt_vs_placebo", "t"))))


def _survivors(n_tests: int) -> int:
    from prtlib.trial import scanning

    table = scanning.trial_roi_results(n_tests=n_tests)
    return int(table["passes_bonferroni"].sum())


def _insula_d(n_prt: str = "n.randomized.prt",
              n_control: str = "n.randomized.usual_care") -> float:
    from prtlib.stats import fmri

    return fmri.t_to_d(_roi("left_ains.prt_vs_usual_care", "t"),
                       n1=published.get(n_prt), n2=published.get(n_control))


def _insula_d_from_df() -> float:
    from prtlib.stats import fmri

    return fmri.t_to_d(_roi("left_ains.prt_vs_usual_care", "t"),
                       _roi("left_ains.prt_vs_usual_care", "df"))


def _familywise(n_tests: int = ROI_TESTS, alpha: float | None = None) -> float:
    a = float(published.get("fmri.roi.alpha_one_tailed")) if alpha is None else alpha
    return 1 - (1 - a) ** n_tests


@functools.lru_cache(maxsize=1)
def _autocorrelated_null_share() -> float:
    """Percent of 2,000 null voxels with p < .05 when the noise has lag-1 correlation 0.5,
    fitted by OLS: the lesson's demonstration."""
    import numpy as np

    from prtlib.stats import fmri
    from prtlib.trial import scanning

    design = scanning.design_matrix(scanning.task_events(seed=AR_EVENTS_SEED))
    voxels = fmri.simulate_voxel(design, {}, **AR_SETTINGS)
    p = fmri.fit_glm(voxels, design).contrast("pain").p_two_sided
    return float(100 * np.mean(p < 0.05))


_WHOLE_BRAIN_CHOICES = ("no effect", "not detected", "false positives")

register(
    Exercise(
        id="07.scans_per_trial",
        title="scans (volumes) collected during one 37-s trial",
        expected=_scans_per_trial,
        tolerance=0.05,
        close_within=0.02,
        unit="scans",
        mistakes=(
            Mistake("kept the TR in milliseconds",
                    lambda: published.get("fmri.evoked.trial_s") / published.get("fmri.tr_ms"),
                    "The ledger gives the TR in milliseconds ('fmri.tr_ms'); the trial length "
                    "is in seconds. Convert the TR to seconds (divide by 1000) first."),
            Mistake("multiplied", lambda: published.get("fmri.evoked.trial_s") * _tr_s(),
                    "You multiplied. The scanner takes one volume every TR, so the number of "
                    "volumes is the duration divided by the TR."),
            Mistake("counted the whole run",
                    lambda: published.get("fmri.evoked.trials") * _scans_per_trial(),
                    "That is the whole run of 20 trials; the question asks about one trial."),
        ),
        nudge="The scanner takes one brain volume every repetition time (TR). How many TRs "
              "fit into one trial?",
        method="Scans per trial = trial length / TR, both in the same unit. The ledger gives "
               "the trial length in seconds ('fmri.evoked.trial_s') and the TR in milliseconds "
               "('fmri.tr_ms'); the paper's Methods report both.",
        recipe="tr_s = published.get('fmri.tr_ms') / 1000 (460 ms is 0.46 s); then "
               "scans_per_trial = published.get('fmri.evoked.trial_s') / tr_s, that is 37 / "
               "0.46.",
        explanation="About 80 volumes per trial: a fast multiband sequence samples the slow "
                    "BOLD response many times over.",
    ),
    Exercise(
        id="07.level_t",
        title="t of the parametric (pain x level) regressor in the simulated voxel, by least "
              "squares",
        expected=lambda: _glm_contrast("pain_x_level").t,
        tolerance=0.01,
        mistakes=(
            Mistake("gave the beta", lambda: _glm_contrast("pain_x_level").effect,
                    "That is the estimated effect (beta) in % signal change. The t divides it "
                    "by its standard error."),
            Mistake("tested the pain regressor", lambda: _glm_contrast("pain").t,
                    "That is the t of 'pain', the response to every inflation. The question "
                    "asks whether the response grows with the inflation level: the "
                    "'pain_x_level' column."),
            Mistake("gave the standard error", lambda: _glm_contrast("pain_x_level").se,
                    "That is the standard error of the effect, not its t."),
        ),
        nudge="A t is an estimate divided by its standard error. Least squares gives the "
              "estimate; the leftover noise and the design give its uncertainty.",
        method="Ordinary least squares (the GLM of Friston et al. 1995, a linear regression): "
               "beta_hat = (X'X)^-1 X'y; residual variance s2 = sum of squared residuals / "
               "(n - p), with n scans and p columns; SE of beta_j = sqrt(s2 [(X'X)^-1]_jj); "
               "t = beta_j / SE. X is design.to_numpy(), j the position of 'pain_x_level'.",
        recipe="X = design.to_numpy(); beta = np.linalg.lstsq(X, y, rcond=None)[0]; "
               "resid = y - X @ beta; s2 = resid @ resid / (X.shape[0] - X.shape[1]); "
               "j = design.columns.get_loc('pain_x_level'); "
               "level_t = beta[j] / np.sqrt(s2 * np.linalg.inv(X.T @ X)[j, j]).",
        explanation="A level effect was built into the simulation, yet with this noise its t "
                    "is modest: parametric effects are small differences between trials. "
                    "fmri.fit_glm(y, design).contrast('pain_x_level') does the same "
                    "computation.",
    ),
    Exercise(
        id="07.predict_autocorrelation",
        title="your prediction: % of null voxels with p < .05 when the noise is "
              "autocorrelated and the GLM ignores it",
        expected=_autocorrelated_null_share,
        kind="prediction",
        tolerance=0.5,
        unit="%",
        explanation="Ordinary least squares treats every scan as a new, independent piece "
                    "of evidence. With autocorrelated noise, neighbouring scans repeat much "
                    "of the same noise, so there is less information than the scan count "
                    "suggests: the standard errors come out too small, the t's too large, and "
                    "far more than 5% of voxels with no response pass p < .05. Estimating the "
                    "autocorrelation and prewhitening restores the 5%.",
    ),
    Exercise(
        id="07.predict_false_positives",
        title="your prediction: null voxels passing p < .05 in a brain with no effect",
        expected=lambda: _count_below(0.05),
        kind="prediction",
        tolerance=0.5,
        unit="voxels",
        explanation="Each of the 10,000 null voxels passes p < .05 with probability .05, so "
                    "on average m x alpha = 10,000 x .05 = 500 pass. The count of one brain "
                    "wanders around that average, and more than it would for independent "
                    "tests, because smoothing makes neighbouring voxels pass or fail together.",
    ),
    Exercise(
        id="07.false_positives",
        title="voxels passing p < .001 uncorrected in the null brain, from the subjects' maps",
        expected=lambda: _count_below(0.001),
        kind="integer",
        tolerance=0.0,
        close_within=0.0,
        unit="voxels",
        mistakes=(
            Mistake("used p < .05", lambda: _count_below(0.05),
                    "That is the count at p < .05; the question asks about the stricter, "
                    "once-common p < .001."),
            Mistake("counted one direction only", lambda: _count_positive_below(0.001),
                    "A two-sided p counts a voxel whatever the sign of its t; count every "
                    "voxel with p at or below .001."),
        ),
        nudge="Test each voxel on its own: is the mean of the 20 people's values at that "
              "voxel different from zero? Then count the voxels whose test passes.",
        method="A one-sample t test per voxel (Student 1908): t = mean / (SD / sqrt(n)) with "
               "n - 1 df, two-sided p. scipy.stats.ttest_1samp(brain.data, 0, axis=0) runs it "
               "for every voxel at once (axis 0 holds the people); count p <= .001.",
        recipe="p = stats.ttest_1samp(brain.data, 0.0, axis=0).pvalue; "
               "false_positives = int((p <= 0.001).sum()).",
        explanation="Every one of them is a false positive: the simulated brain has no effect "
                    "anywhere. On average a share of .001 of the 10,000 voxels, 10, pass. "
                    "fmri.threshold_uncorrected(brain.p, 0.001).n_rejected counts the same "
                    "voxels.",
    ),
    Exercise(
        id="07.familywise",
        title="chance of at least one false positive among 14 independent one-tailed tests "
              "at .05",
        expected=_familywise,
        tolerance=0.005,
        close_within=0.02,
        mistakes=(
            Mistake("gave the expected number", lambda: ROI_TESTS
                    * published.get("fmri.roi.alpha_one_tailed"),
                    "That is the expected number of false positives, m x alpha. The question "
                    "asks for the probability that at least one test is a false positive."),
            Mistake("gave the chance of none", lambda: 1 - _familywise(),
                    "That is the probability that no test is a false positive. The "
                    "family-wise error is its complement."),
            Mistake("gave the chance that all are false positives",
                    lambda: published.get("fmri.roi.alpha_one_tailed") ** ROI_TESTS,
                    "That is the chance that every one of the 14 tests is a false positive. "
                    "The question asks for at least one."),
        ),
        nudge="It is easier to compute the chance that none of the tests is a false positive "
              "first.",
        method="With m independent tests of true null hypotheses at level alpha, "
               "P(no false positive) = (1 - alpha)^m, so the family-wise error rate is "
               "1 - (1 - alpha)^m (the reasoning behind the Sidak correction; Sidak 1967). "
               "Here m = 14 and alpha = .05 ('fmri.roi.alpha_one_tailed').",
        recipe="alpha = published.get('fmri.roi.alpha_one_tailed'); "
               "familywise = 1 - (1 - alpha) ** 14.",
        explanation="About one chance in two of at least one 'significant' region with no "
                    "effect anywhere: with 14 tests, one p below .05 is weak evidence. "
                    "Bonferroni's alpha / m brings this back below alpha.",
    ),
    Exercise(
        id="07.two_tailed_p",
        title="two-tailed p of the aMCC result, t(133.48) = -1.73",
        expected=_two_tailed_amcc,
        tolerance=0.001,
        close_within=0.02,
        mistakes=(
            Mistake("gave the one-tailed p", lambda: _two_tailed_amcc("less"),
                    "That is the one-tailed p the paper reports. A two-tailed test counts "
                    "both tails of the t distribution."),
            Mistake("used the wrong tail", lambda: _two_tailed_amcc("greater"),
                    "That is the probability of a t above -1.73, the wrong tail. The "
                    "two-tailed p counts t values at least as far from 0 in either direction."),
            Mistake("used the normal distribution", _normal_two_tailed_amcc,
                    "You used the normal distribution; use the t distribution with 133.48 "
                    "degrees of freedom."),
        ),
        nudge="A two-tailed p counts results at least this far from zero in either "
              "direction; the t distribution is symmetric.",
        method="p = 2 x P(T >= |t|) for T ~ t(df): the survival function of Student's t "
               "distribution, scipy.stats.t.sf(|t|, df), doubled. t and df are "
               "'fmri.roi.amcc.prt_vs_placebo.t' and '.df' (Results of the paper).",
        recipe="t = published.get('fmri.roi.amcc.prt_vs_placebo.t'); df = published.get("
               "'fmri.roi.amcc.prt_vs_placebo.df'); p_two_tailed = 2 * stats.t.sf(abs(t), "
               "df).",
        explanation="Two-tailed, the aMCC result would not have been significant at .05: the "
                    "one-tailed test halved the p-value. fmri.t_to_p(t, df) gives the same "
                    "number.",
    ),
    Exercise(
        id="07.bonferroni_survivors",
        title="reported ROI results that survive Bonferroni over 14 one-tailed tests",
        expected=lambda: _survivors(ROI_TESTS),
        kind="integer",
        tolerance=0.0,
        close_within=0.0,
        unit="results",
        mistakes=(
            Mistake("did not correct", lambda: _survivors(1),
                    "All three pass at .05, but the question shares .05 among 14 tests."),
            Mistake("corrected for three tests only", lambda: _survivors(3),
                    "You divided .05 by the 3 reported results. A correction must count every "
                    "test that was run (here 14), not only those that came out significant."),
        ),
        nudge="A correction shares the .05 among all the tests that were run. Compare each "
              "result's own p with that share.",
        method="Bonferroni (Dunn 1961): a test passes when its p <= alpha / m, here "
               ".05 / 14. Each one-tailed p in the direction of a reduction is P(T <= t) = "
               "scipy.stats.t.cdf(t, df), with t and df from 'fmri.roi.<region>.<comparison>"
               ".t' and '.df' for the three reported results.",
        recipe="For key in ('amcc.prt_vs_placebo', 'apfc.prt_vs_placebo', "
               "'left_ains.prt_vs_usual_care'): p = stats.t.cdf(published.get(f'fmri.roi."
               "{key}.t'), published.get(f'fmri.roi.{key}.df')); survivors = the number of "
               "p <= 0.05 / 14.",
        explanation="None survives: even the smallest one-tailed p is above .05 / 14. The count "
                    "of 14 tests is hypothetical; the paper reports no correction across "
                    "regions. scanning.trial_roi_results(n_tests=14) has the same table.",
    ),
    Exercise(
        id="07.insula_d",
        title="approximate standardized effect of the left anterior insula result",
        expected=_insula_d,
        tolerance=0.005,
        mistakes=(
            Mistake("used the mixed model's df", _insula_d_from_df,
                    "That is 2t / sqrt(df) with df = 120.1. The shortcut assumes df = n1 + n2 "
                    "- 2, but a mixed model's df also count sessions, so it shrinks d. Use the "
                    "people in the two arms."),
            Mistake("dropped the sign", lambda: -_insula_d(),
                    "Keep the sign: negative means a larger drop in the insula's response with "
                    "PRT than with usual care."),
            Mistake("divided by the root", lambda: _roi("left_ains.prt_vs_usual_care", "t")
                    / (1 / published.get("n.randomized.prt")
                       + 1 / published.get("n.randomized.usual_care")) ** 0.5,
                    "You divided t by sqrt(1/n1 + 1/n2); multiply instead. A t grows with the "
                    "sample size, d does not."),
            Mistake("used the numbers assessed after treatment",
                    lambda: _insula_d("n.monitored.post.prt", "n.monitored.post.usual_care"),
                    "Those are the people assessed after treatment (Figure 1). The mixed model "
                    "used everyone with any data, so use the numbers randomized "
                    "('n.randomized.prt', 'n.randomized.usual_care')."),
        ),
        nudge="A t grows with the number of people; a standardized effect should not. Undo "
              "the part of t that comes from the sample size.",
        method="For two groups of n1 and n2 people, d = t sqrt(1/n1 + 1/n2) (Lakens 2013, "
               "eq. 2), with t from 'fmri.roi.left_ains.prt_vs_usual_care.t' and the people "
               "randomized to each arm, 'n.randomized.prt' and 'n.randomized.usual_care'.",
        recipe="t = published.get('fmri.roi.left_ains.prt_vs_usual_care.t'); n_prt = "
               "published.get('n.randomized.prt'); n_usual_care = published.get("
               "'n.randomized.usual_care'); insula_d = t * np.sqrt(1 / n_prt + 1 / "
               "n_usual_care).",
        explanation="A small-to-moderate standardized effect (in SDs of the change in the "
                    "insula's response), much smaller than the effects of PRT on "
                    "self-reported pain. fmri.t_to_d(t, n1=..., n2=...) does the same.",
    ),
    Exercise(
        id="07.whole_brain",
        title="what 'no effect survived whole-brain correction' tells you",
        expected=lambda: "not detected",
        kind="choice",
        choices=_WHOLE_BRAIN_CHOICES,
        reasons=(
            ("no effect",
             "That reads absence of evidence as evidence of absence. A whole-brain test must "
             "clear a bar set for tens of thousands of voxels, and effects of the size the "
             "regions of interest suggest (d around a third to a half) would often miss it. "
             "The result cannot say that PRT left the brain unchanged."),
            ("not detected",
             "Yes: no voxel's evidence was strong enough to pass a threshold that controls "
             "errors over the whole brain. That is compatible with no effect and with small "
             "effects the analysis lacked the power to find; a number from this result "
             "cannot tell these apart."),
            ("false positives",
             "The region-of-interest tests are separate tests of a handful of regions chosen "
             "in advance, with a far lower bar. Failing the whole-brain bar does not make "
             "them false (nor does passing their own bar make them true): it makes them "
             "weaker evidence than a whole-brain result would be."),
        ),
        mistakes=(
            Mistake("read it as no effect", lambda: "no effect",
                    "That reads absence of evidence as evidence of absence: a whole-brain "
                    "threshold is set for tens of thousands of voxels, and modest effects "
                    "often miss it. The result cannot say that PRT left the brain unchanged."),
        ),
        nudge="Ask what a test that fails to reject can and cannot tell you, and how high "
              "the bar is when tens of thousands of voxels are tested.",
        method="A non-significant result is compatible with no effect and with effects too "
               "small for the test's power (lesson 04). Family-wise correction over the whole "
               "brain raises the bar for every voxel (section 5 of the lesson).",
        recipe="Put the two readings side by side: 'the brain did not change' needs evidence "
               "of no effect; 'nothing passed' only says no voxel cleared the corrected bar. "
               "Only the second follows from the result.",
        explanation="No number settles this: it is a question of what a test can conclude.",
    ),
)
