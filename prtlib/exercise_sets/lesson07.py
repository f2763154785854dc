"""Lesson 07's exercises: the scanner's clock, one voxel's GLM, false positives in a null
brain, and the trial's region-of-interest results.

Every expected answer is computed here from :mod:`prtlib.published` and :mod:`prtlib.fmri`;
the simulations use the same settings as the exercise notebook, which shows them to the
learner.
"""

from __future__ import annotations

import functools

from prtlib import published
from prtlib.checks import Exercise, Mistake, register

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


def _tr_s() -> float:
    return published.get("fmri.tr_ms") / 1000.0


def _scans_per_trial() -> float:
    return published.get("fmri.evoked.trial_s") / _tr_s()


def exercise_voxel():
    """The design and simulated voxel of the GLM exercise: ``(design, y)``."""
    from prtlib import fmri

    design = fmri.design_matrix(fmri.task_events(seed=GLM_EVENTS_SEED))
    y = fmri.simulate_voxel(design, GLM_TRUTH, noise_sd=GLM_NOISE_SD, seed=GLM_NOISE_SEED)
    return design, y


@functools.lru_cache(maxsize=4)
def _glm_contrast(name: str):
    from prtlib import fmri

    design, y = exercise_voxel()
    return fmri.fit_glm(y, design).contrast(name)


def exercise_brain():
    """The null brain of the false-positive exercise."""
    from prtlib import fmri

    return fmri.simulate_null_brain(BRAIN_SHAPE, BRAIN_SUBJECTS, BRAIN_FWHM, seed=BRAIN_SEED)


@functools.lru_cache(maxsize=4)
def _count_below(alpha: float) -> int:
    from prtlib import fmri

    return fmri.threshold_uncorrected(exercise_brain().p, alpha).n_rejected


def _count_positive_below(alpha: float) -> int:
    brain = exercise_brain()
    return int(((brain.t > 0) & (brain.p <= alpha)).sum())


def _roi(name: str, stat: str) -> float:
    return float(published.get(f"fmri.roi.{name}.{stat}"))


def _two_tailed_amcc(alternative: str = "two-sided") -> float:
    from prtlib import fmri

    return fmri.t_to_p(_roi("amcc.prt_vs_placebo", "t"), _roi("amcc.prt_vs_placebo", "df"),
                       alternative=alternative)


def _normal_two_tailed_amcc() -> float:
    from scipy import stats

    return float(2 * stats.norm.cdf(-abs(_roi("amcc.prt_vs_placebo", "t"))))


def _survivors(n_tests: int) -> int:
    from prtlib import fmri

    table = fmri.trial_roi_results(n_tests=n_tests)
    return int(table["passes_bonferroni"].sum())


def _insula_d(n_prt: str = "n.randomized.prt",
              n_control: str = "n.randomized.usual_care") -> float:
    from prtlib import fmri

    return fmri.t_to_d(_roi("left_ains.prt_vs_usual_care", "t"),
                       n1=published.get(n_prt), n2=published.get(n_control))


def _insula_d_from_df() -> float:
    from prtlib import fmri

    return fmri.t_to_d(_roi("left_ains.prt_vs_usual_care", "t"),
                       _roi("left_ains.prt_vs_usual_care", "df"))


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
        hint="Divide the trial length ('fmri.evoked.trial_s', in seconds) by the TR in "
             "seconds ('fmri.tr_ms' / 1000).",
        explanation="About 80 volumes per trial: a fast multiband sequence samples the slow "
                    "BOLD response many times over.",
    ),
    Exercise(
        id="07.level_t",
        title="t of the parametric (pain x level) regressor in the simulated voxel",
        expected=lambda: _glm_contrast("pain_x_level").t,
        tolerance=0.01,
        mistakes=(
            Mistake("gave the beta", lambda: _glm_contrast("pain_x_level").effect,
                    "That is the estimated effect (beta) in % signal change. The t divides it "
                    "by its standard error: use the contrast's .t."),
            Mistake("tested the pain regressor", lambda: _glm_contrast("pain").t,
                    "That is the t of 'pain', the response to every inflation. The question "
                    "asks whether the response grows with the inflation level: "
                    "'pain_x_level'."),
            Mistake("gave the standard error", lambda: _glm_contrast("pain_x_level").se,
                    "That is the standard error of the effect, not its t."),
        ),
        hint="fit = fmri.fit_glm(y, design), then fit.contrast('pain_x_level').t.",
        explanation="A level effect was built into the simulation, yet with this noise its t "
                    "is modest: parametric effects are small differences between trials.",
    ),
    Exercise(
        id="07.false_positives",
        title="voxels passing p < .001 uncorrected in the null brain",
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
                    "brain.p is two-sided; count every voxel with p below .001, whatever the "
                    "sign of its t."),
        ),
        hint="fmri.threshold_uncorrected(brain.p, 0.001).n_rejected, or (brain.p <= 0.001).sum().",
        explanation="Every one of them is a false positive: the simulated brain has no effect "
                    "anywhere. On average a share of .001 of the 10,000 voxels, 10, pass.",
    ),
    Exercise(
        id="07.two_tailed_p",
        title="two-tailed p of the aMCC result, t(133.48) = -1.73",
        expected=_two_tailed_amcc,
        tolerance=0.001,
        close_within=0.02,
        mistakes=(
            Mistake("gave the one-tailed p", lambda: _two_tailed_amcc("smaller"),
                    "That is the one-tailed p the paper reports. A two-tailed test counts "
                    "both tails: use alternative='two-sided' (the default)."),
            Mistake("used the wrong tail", lambda: _two_tailed_amcc("larger"),
                    "That is the probability of a t above -1.73, the wrong tail. The "
                    "two-tailed p counts t values at least as far from 0 in either direction."),
            Mistake("used the normal distribution", _normal_two_tailed_amcc,
                    "You used the normal distribution; use the t distribution with 133.48 "
                    "degrees of freedom (fmri.t_to_p does)."),
        ),
        hint="fmri.t_to_p(t, df) with t and df from 'fmri.roi.amcc.prt_vs_placebo.t' and '.df'.",
        explanation="Two-tailed, the aMCC result would not have been significant at .05: the "
                    "one-tailed test halved the p-value.",
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
                    "All three pass at .05, but the question shares .05 among 14 tests: the "
                    "threshold is .05 / 14."),
            Mistake("corrected for three tests only", lambda: _survivors(3),
                    "You divided .05 by the 3 reported results. A correction must count every "
                    "test that was run (here 14), not only those that came out significant."),
        ),
        hint="fmri.trial_roi_results(n_tests=14)['passes_bonferroni'].sum().",
        explanation="None survives: even the smallest one-tailed p is above .05 / 14. The count "
                    "of 14 tests is hypothetical; the paper reports no correction across "
                    "regions.",
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
                    "people in the two arms: d = t sqrt(1/n1 + 1/n2)."),
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
        hint="fmri.t_to_d(t, n1=..., n2=...), i.e. t sqrt(1/n1 + 1/n2), with t from "
             "'fmri.roi.left_ains.prt_vs_usual_care.t' and the arm sizes from "
             "'n.randomized.prt' and 'n.randomized.usual_care'.",
        explanation="A small-to-moderate standardized effect (in SDs of the change in the "
                    "insula's response), much smaller than the effects of PRT on "
                    "self-reported pain.",
    ),
)
