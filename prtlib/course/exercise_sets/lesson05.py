"""Lesson 05's exercises: attrition, missing-data mechanisms and the analyses that cope.

Every expected answer is computed from the ledger, from the simulated cohort (seed 0)
with the tested functions of :mod:`prtlib.trial.followup`, or (the MNAR exercise) by
numerical integration. Each exercise has three hint levels (nudge, method, recipe); a
wrong answer's feedback shows the nudge only.

Predictions: ``05.predict_completers_mar`` in the lesson (before the dropout simulation)
and ``05.predict_mnar_bias`` in the exercise set (before the MNAR simulation). Concept
checks: ``05.mechanism`` and ``05.mar_or_mnar_test``.
"""

from __future__ import annotations

import functools
import math

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import published

COHORT_SEED = 0
"""The cohort the exercises use: ``prtlib.trial.cohort.synthetic_trial(seed=0)``."""

_INTERACTION = ("C(arm, Treatment('placebo'))[T.prt]:"
                "C(time, Treatment('baseline'))[T.{time}]")


@functools.lru_cache(maxsize=1)
def _cohort():
    from prtlib.trial.cohort import synthetic_trial

    return synthetic_trial(COHORT_SEED)


def _percent_seen(count_key: str) -> float:
    return 100 * published.get(count_key) / published.get("n.randomized.usual_care")


def _completers(comparison="prt_vs_placebo", outcome="level") -> float:
    from prtlib.trial.followup import completers_ttest

    return completers_ttest(_cohort(), comparison, "12mo", outcome).difference


def _locf() -> float:
    from prtlib.trial.followup import cohort_estimates

    return float(cohort_estimates(_cohort(), "prt_vs_placebo", "12mo").loc["locf", "estimate"])


def _baseline_carried() -> float:
    """Missing 12-month pain replaced by the person's baseline (change counted as 0)."""
    from prtlib.trial.cohort import wide

    w = wide(_cohort())
    change = w["12mo"].fillna(w["baseline"]) - w["baseline"]
    return float(change[w["arm"] == "prt"].mean() - change[w["arm"] == "placebo"].mean())


@functools.lru_cache(maxsize=1)
def _trial_model():
    from prtlib.trial.followup import fit_trial_model

    return fit_trial_model(_cohort())


def _ols_interaction() -> float:
    """The same formula fitted by ordinary least squares, ignoring who is who."""
    import statsmodels.formula.api as smf

    data = _cohort().dropna(subset=["pain"]).astype({"arm": str, "time": str, "sex": str})
    formula = ("pain ~ C(arm, Treatment('placebo')) * C(time, Treatment('baseline')) "
               "+ age + sex")
    return float(smf.ols(formula, data).fit().params[_INTERACTION.format(time="12mo")])


def _sensitivity():
    from prtlib.trial.followup import responder_sensitivity

    return responder_sensitivity("prt_vs_usual_care", "reduction30", "12mo")


MNAR_SLOPE = 1.0
"""The MNAR simulation of the exercise set: the log-odds of skipping the 12-month visit
rise by this much per SD of the person's own (unseen) 12-month pain..."""

MNAR_INTERCEPT = -1.0
"""...starting from this log-odds for a person at the arm's mean (about 30% skip)."""


def _mnar_bias(slope: float = MNAR_SLOPE) -> float:
    """Mean 12-month pain of those measured minus the arm's true mean, by quadrature.

    Pain ~ Normal(mean, sd) with Table 2's placebo 12-month mean and SD; a person is
    missing with probability 1 / (1 + exp(-(MNAR_INTERCEPT + slope z))), z the person's
    standardized pain. The measured mean is E[pain (1 - P)] / E[1 - P].
    """
    from scipy import integrate, stats

    sd = published.get("pain.12mo.placebo.sd")

    def seen(z):
        return 1.0 - 1.0 / (1.0 + math.exp(-(MNAR_INTERCEPT + slope * z)))

    top = integrate.quad(lambda z: z * seen(z) * stats.norm.pdf(z), -12, 12)[0]
    bottom = integrate.quad(lambda z: seen(z) * stats.norm.pdf(z), -12, 12)[0]
    return sd * top / bottom


def _dropout_completers_mean() -> float:
    """The completers-only estimate averaged over the dropout explorer's 200 MAR trials."""
    from prtlib.trial.followup import dropout_study

    study = dropout_study("MAR", 2.0, 0.3, n_trials=200, seed=0)
    return float(study.estimates["completers"].mean())


def _dropout_truth() -> float:
    from prtlib.trial.followup import dropout_study

    return float(dropout_study("MAR", 2.0, 0.3, n_trials=200, seed=0).truth)




register(
    Exercise(
        id="05.percent_seen",
        title="percentage of the usual-care arm measured at 12 months",
        expected=lambda: _percent_seen("n.monitored.12mo.usual_care"),
        tolerance=0.5,
        close_within=0.02,
        unit="%",
        mistakes=(
            Mistake("gave the count", lambda: published.get("n.monitored.12mo.usual_care"),
                    "That is the number of people measured; the question asks for it as a "
                    "share of the arm as randomized."),
            Mistake("gave the share missing", lambda: 100 - _percent_seen(
                "n.monitored.12mo.usual_care"),
                    "That is the share who were NOT measured; the question asks for those "
                    "who were."),
            Mistake("gave a proportion", lambda: _percent_seen(
                "n.monitored.12mo.usual_care") / 100,
                    "That is a proportion between 0 and 1; multiply by 100 for a percentage."),
            Mistake("used the post-treatment visit",
                    lambda: _percent_seen("n.monitored.post.usual_care"),
                    "That is the post-treatment visit; use the key for 12 months "
                    "('n.monitored.12mo.usual_care')."),
        ),
        nudge="Intention to treat counts everyone as randomized: compare the people measured "
              "at the last visit with the people the arm started with.",
        method="Share measured = 100 x (number measured at 12 months) / (number randomized), "
               "both from Figure 1 of the paper (ledger keys 'n.monitored.12mo.usual_care' "
               "and 'n.randomized.usual_care').",
        recipe="measured = published.get('n.monitored.12mo.usual_care') (36); randomized = "
               "published.get('n.randomized.usual_care') (50); percent_seen = 100 * "
               "measured / randomized.",
        explanation="Usual care lost more than a quarter of its people by 12 months, PRT a "
                    "tenth: the arms being compared are no longer the arms randomized. "
                    "prtlib.trial.followup.attrition() lists the share for every arm and visit.",
    ),
    Exercise(
        id="05.mechanism",
        title="the missing-data mechanism when leaving depends on the last pain reported",
        expected=lambda: "MAR",
        kind="choice",
        choices=("MCAR", "MAR", "MNAR"),
        mistakes=(
            Mistake("chose MNAR", lambda: "MNAR",
                    "The pain that drives leaving here was reported, so it is in the data: "
                    "the chance of being missing depends only on observed values. MNAR is "
                    "when it depends on the values that went missing."),
            Mistake("chose MCAR", lambda: "MCAR",
                    "Leaving is related to pain here, so it is not completely at random: "
                    "those who leave differ from those who stay."),
        ),
        reasons=(
            ("MCAR", "MCAR would need leaving to be unrelated to pain altogether. Here people "
                     "with high pain at 3 months leave more often, so the people still "
                     "measured are not a random subset of their arm."),
            ("MAR", "Yes: what predicts leaving, the 3-month pain, was observed, and among "
                    "people with the same observed answers leaving is unrelated to the pain "
                    "that went unseen. That is missing at random (Rubin 1976)."),
            ("MNAR", "MNAR would need leaving to depend on the unseen 6- or 12-month pain "
                     "itself, even among people with the same observed history. The "
                     "scenario rules that out: it is the reported 3-month pain that matters."),
        ),
        nudge="Ask which value decides who leaves, and whether the trial recorded it.",
        method="Rubin (1976): MCAR when missingness depends on nothing related to the "
               "outcome; MAR when, given the observed data, it does not depend on the "
               "unobserved values; MNAR when it does (lesson 05, section 2).",
        recipe="The value that predicts leaving is the 3-month pain, which was reported. "
               "Among people with the same observed answers, leaving has nothing to do with "
               "the later pain. Leaving depends on observed values only: MAR.",
        explanation="Missing at random: likelihood-based analyses that use every observed "
                    "value, such as the trial's mixed model, are then unbiased if the model "
                    "is correctly specified.",
    ),
    Exercise(
        id="05.mar_or_mnar_test",
        title="which analysis of the observed data tells MAR from MNAR",
        expected=lambda: "none of them",
        kind="choice",
        choices=("compare leavers and stayers", "Little's MCAR test",
                 "compare the model fits", "none of them"),
        mistakes=(
            Mistake("trusted a comparison of leavers and stayers",
                    lambda: "compare leavers and stayers",
                    "Comparing the observed baselines of leavers and stayers shows whether "
                    "leaving depends on OBSERVED values (evidence against MCAR). MAR and MNAR "
                    "differ in whether it depends on the UNOBSERVED values, which no "
                    "comparison of observed data can see."),
        ),
        reasons=(
            ("compare leavers and stayers",
             "It can show that leaving depends on what was observed, which rules out MCAR, "
             "but both MAR and MNAR allow that; the difference between them lies in the "
             "values nobody saw."),
            ("Little's MCAR test",
             "Little's test asks whether the observed data are consistent with MCAR. "
             "Rejecting MCAR still leaves MAR and MNAR, and they fit the observed data "
             "equally well."),
            ("compare the model fits",
             "An MAR model and an MNAR model can fit the observed data exactly as well: for "
             "every MNAR model there is an MAR model with the same fit to what was observed "
             "(Molenberghs et al. 2008), so a better fit cannot decide."),
            ("none of them",
             "Right: the values that would decide are the missing ones. MAR is an "
             "assumption to argue from what is known about why people left, and to probe "
             "with sensitivity analyses (Little et al. 2012)."),
        ),
        nudge="Where would the evidence that separates MAR from MNAR have to come from?",
        method="MAR and MNAR differ only in whether missingness depends on the UNOBSERVED "
               "values, given the observed ones (Rubin 1976). Ask for each option whether "
               "it uses anything but observed values.",
        recipe="A comparison of leavers and stayers, Little's test and a model's fit all use "
               "observed values only. So they can speak against MCAR, never between MAR and "
               "MNAR: the answer is 'none of them'.",
        explanation="No number settles this: the choice between MAR and MNAR is a judgement "
                    "about the trial, which is why sensitivity analyses exist.",
    ),
    Exercise(
        id="05.predict_mnar_bias",
        title="your prediction: how far the measured people's mean lies from the arm's "
              "true mean under MNAR, in pain points",
        expected=_mnar_bias,
        kind="prediction",
        tolerance=0.01,
        unit="points",
        explanation="The people in more pain are the likelier to skip, so those still "
                    "measured are a lower-pain subset: their mean lies below the truth. With "
                    "a log-odds slope of 1 per SD and about 30% missing, the bias is a "
                    "quarter of an SD, just under half a point, over a third of "
                    "PRT's 12-month advantage over placebo. No analysis of the observed "
                    "values alone could reveal it.",
    ),
    Exercise(
        id="05.mnar_bias",
        title="bias of the measured mean under MNAR, simulated (placebo arm, 12 months)",
        expected=_mnar_bias,
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("gave the measured mean",
                    lambda: published.get("pain.12mo.placebo.mean") + _mnar_bias(),
                    "That is the mean of the people measured. The bias is that mean minus "
                    "the arm's true mean (everyone's, measured or not)."),
            Mistake("subtracted the wrong way round", lambda: -_mnar_bias(),
                    "Right size, wrong sign: take the measured people's mean minus the true "
                    "mean. People in more pain skip, so the bias is negative."),
            Mistake("made leaving unrelated to pain", lambda: 0.0,
                    "A bias of zero means your missingness does not depend on pain (that "
                    "would be MCAR). The chance of skipping must rise with each person's own "
                    "12-month pain."),
        ),
        nudge="Simulate everyone's pain, decide at random who skips (more pain, likelier to "
              "skip), and compare the mean of those left with the mean of everyone.",
        method="Draw pain ~ Normal(mean, sd) with Table 2's placebo 12-month mean and SD "
               "(numpy.random.default_rng(0).normal). Each person is missing with "
               "probability p = 1 / (1 + exp(-(-1 + z))), z = (pain - mean) / sd, the "
               "logistic model of lesson 05's simulation; draw a uniform u and mark missing "
               "when u < p. Bias = mean of the measured - the true mean.",
        recipe="rng = np.random.default_rng(0); pain = rng.normal(mean, sd, 1_000_000); "
               "z = (pain - mean) / sd; p_missing = 1 / (1 + np.exp(-(-1 + z))); "
               "missing = rng.random(pain.size) < p_missing; "
               "mnar_bias = pain[~missing].mean() - mean.",
        explanation="Just under half a point: the measured people look better than their "
                    "arm, and nothing in the observed data shows it. The check computes the "
                    "same quantity exactly, by numerical integration (scipy.integrate.quad).",
    ),
    Exercise(
        id="05.completers_difference",
        title="completers' difference in 12-month pain, PRT minus placebo (cohort)",
        expected=_completers,
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("subtracted the wrong way round", lambda: -_completers(),
                    "Right size, wrong sign: take PRT minus placebo, so a benefit of PRT "
                    "comes out negative."),
            Mistake("used the change from baseline", lambda: _completers(outcome="change"),
                    "That is the difference in change from baseline; the question asks for "
                    "the 12-month pain itself, as a t-test on the 12-month visit compares."),
            Mistake("used usual care", lambda: _completers("prt_vs_usual_care"),
                    "That compares PRT with usual care; use the placebo arm."),
        ),
        nudge="Completers only means: keep the people who have a 12-month value, and "
              "compare the arms' averages.",
        method="Difference in means among complete cases: mean of the observed 12-month "
               "pain in PRT minus that in placebo, the numerator of a two-sample t-test "
               "(lesson 05, section 3). wide(df) has one row per person, NaN when missing.",
        recipe="w = wide(df); prt_12 = w.loc[w['arm'] == 'prt', '12mo'].dropna(); "
               "placebo_12 = w.loc[w['arm'] == 'placebo', '12mo'].dropna(); "
               "completers_difference = prt_12.mean() - placebo_12.mean().",
        explanation="Among those still measured the gap equals Table 2's; whether it is the "
                    "gap among everyone randomized depends on why the others left. "
                    "prtlib.trial.followup.completers_ttest(df, 'prt_vs_placebo', '12mo', "
                    "'level') gives it with Welch's interval.",
    ),
    Exercise(
        id="05.locf_difference",
        title="difference in mean change at 12 months after carrying the last value forward",
        expected=_locf,
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("kept only completers", lambda: _completers(outcome="change"),
                    "That uses only the people measured at 12 months. LOCF keeps everyone: "
                    "fill each missing 12-month value with the person's last value first."),
            Mistake("carried the baseline forward", _baseline_carried,
                    "You replaced missing 12-month values with the baseline. LOCF uses the "
                    "LAST value seen, often a later visit."),
            Mistake("subtracted the wrong way round", lambda: -_locf(),
                    "Right size, wrong sign: take PRT minus placebo."),
        ),
        nudge="Give each person who left the value they last reported, as if their pain had "
              "stayed there, then compare everyone's change.",
        method="Last observation carried forward: along each person's visits in time order, "
               "replace a missing value by the last value seen (pandas .ffill(axis=1) on the "
               "visit columns of wide(df)); change = 12-month value - baseline; difference "
               "of the arm means, PRT minus placebo.",
        recipe="visits = [c for c in w.columns if c != 'arm']; filled = "
               "w[visits].ffill(axis=1); change = filled['12mo'] - filled['baseline']; "
               "locf_difference = change[w['arm'] == 'prt'].mean() - "
               "change[w['arm'] == 'placebo'].mean().",
        explanation="LOCF keeps everyone but assumes pain froze when a person left. "
                    "prtlib.trial.followup.carry_forward(df) does the filling.",
    ),
    Exercise(
        id="05.mixed_model_12mo",
        title="the mixed model's PRT-vs-placebo group x time interaction at 12 months",
        expected=lambda: _trial_model().estimate("prt_vs_placebo", "12mo"),
        tolerance=0.005,
        unit="points",
        mistakes=(
            Mistake("read the post-treatment term",
                    lambda: _trial_model().estimate("prt_vs_placebo", "post"),
                    "That is the interaction at post-treatment; pick the term ending in "
                    "'[T.12mo]'."),
            Mistake("read the arm's main effect", lambda: float(
                _trial_model().fixed_effects["prt"]),
                    "That is the PRT-vs-placebo difference at baseline (the arm's main "
                    "effect); the effect of treatment is the arm x time interaction."),
            Mistake("fitted ordinary least squares", _ols_interaction,
                    "That is the same formula by ordinary least squares, which treats the "
                    "visits of one person as independent. The model needs a random "
                    "intercept per person."),
            Mistake("subtracted the wrong way round",
                    lambda: -_trial_model().estimate("prt_vs_placebo", "12mo"),
                    "Right size, wrong sign: with placebo as the reference arm, the PRT "
                    "interaction is PRT minus placebo."),
        ),
        nudge="The treatment effect at a visit is not a main effect: it is how much more "
              "pain changed from baseline in PRT than in placebo, an interaction.",
        method="Linear mixed model (Laird & Ware 1982) as in the paper: pain ~ arm x visit "
               "+ age + sex with a random intercept per participant, fitted by REML "
               "(statsmodels smf.mixedlm(..., groups='participant')). Placebo and "
               "baseline are the reference levels; read the coefficient that combines "
               "[T.prt] and [T.12mo].",
        recipe="data = df.dropna(subset=['pain']).astype({'arm': str, 'time': str, 'sex': "
               "str}); formula = \"pain ~ C(arm, Treatment('placebo')) * C(time, "
               "Treatment('baseline')) + age + sex\"; fit = smf.mixedlm(formula, data, "
               "groups='participant').fit(reml=True); interaction_12mo = "
               "fit.params[\"C(arm, Treatment('placebo'))[T.prt]:C(time, "
               "Treatment('baseline'))[T.12mo]\"].",
        explanation="The trial's estimand: how much more pain fell from baseline to 12 "
                    "months with PRT than with placebo, using every pain value seen. "
                    "prtlib.trial.followup.fit_trial_model(df) fits the same model and adds "
                    "the comparison with usual care.",
    ),
    Exercise(
        id="05.completers_responders",
        title="completers-only difference in % with at least 30% less pain at 12 months, "
              "PRT minus usual care",
        expected=lambda: _sensitivity().completers_difference,
        tolerance=0.1,
        close_within=0.02,
        unit="percentage points",
        mistakes=(
            Mistake("divided by everyone randomized",
                    lambda: _sensitivity().non_responder_difference,
                    "That divides by everyone randomized, counting the missing as "
                    "non-responders (the paper's rule). Completers only divides by the "
                    "people measured at 12 months."),
            Mistake("gave a proportion", lambda: _sensitivity().completers_difference / 100,
                    "That is a difference of proportions; multiply by 100 for percentage "
                    "points."),
            Mistake("subtracted the wrong way round",
                    lambda: -_sensitivity().completers_difference,
                    "Right size, wrong sign: PRT minus usual care."),
        ),
        nudge="Turn the published percentages back into counts of people, then ask how "
              "many of those actually measured responded.",
        method="eTable 2's percentages are of everyone randomized, so responders = "
               "round(percent / 100 x n randomized). The completers' rate is 100 x "
               "responders / n measured at 12 months (Figure 1), per arm; report PRT minus "
               "usual care.",
        recipe="For each arm: n = published.get(f'n.randomized.{arm}'); responders = "
               "round(published.get(f'responders.reduction30.12mo.{arm}.percent') / 100 * n) "
               "(35 and 15); rate = 100 * responders / "
               "published.get(f'n.monitored.12mo.{arm}') (of 45 and 36); then subtract.",
        explanation="Ignoring the missing gives a smaller PRT advantage than counting them "
                    "as non-responders, because usual care lost far more people. "
                    "prtlib.trial.followup.responder_sensitivity('prt_vs_usual_care', "
                    "'reduction30', '12mo') shows both with the worst case.",
    ),
    Exercise(
        id="05.predict_completers_mar",
        title="your prediction: the completers-only estimate, averaged over 200 simulated "
              "trials in which people in more pain leave (MAR, 30% missing)",
        expected=_dropout_completers_mean,
        kind="prediction",
        tolerance=0.02,
        unit="points",
        explanation="The truth is the simulation's 12-month effect. The placebo arm has more "
                    "people in pain, so it loses more of them; those it keeps look better than "
                    "the arm, while PRT keeps most of its people. The placebo completers' "
                    "mean falls toward PRT's and the gap shrinks toward zero: completers "
                    "only understates the benefit here.",
    ),
)
