"""Lesson 05's exercises: attrition, missing-data mechanisms and the analyses that cope.

Every expected answer is computed from the ledger or from the simulated cohort (seed 0)
with the tested functions of :mod:`prtlib.missing_data`.
"""

from __future__ import annotations

import functools

from prtlib import published
from prtlib.checks import Exercise, Mistake, register

COHORT_SEED = 0
"""The cohort the exercises use: ``prtlib.cohort.synthetic_trial(seed=0)``."""

_INTERACTION = ("C(arm, Treatment('placebo'))[T.prt]:"
                "C(time, Treatment('baseline'))[T.{time}]")


@functools.lru_cache(maxsize=1)
def _cohort():
    from prtlib.cohort import synthetic_trial

    return synthetic_trial(COHORT_SEED)


def _percent_seen(count_key: str) -> float:
    return 100 * published.get(count_key) / published.get("n.randomized.usual_care")


def _completers(comparison="prt_vs_placebo", outcome="level") -> float:
    from prtlib.missing_data import completers_ttest

    return completers_ttest(_cohort(), comparison, "12mo", outcome).difference


def _locf() -> float:
    from prtlib.missing_data import cohort_estimates

    return float(cohort_estimates(_cohort(), "prt_vs_placebo", "12mo").loc["locf", "estimate"])


def _baseline_carried() -> float:
    """Missing 12-month pain replaced by the person's baseline (change counted as 0)."""
    from prtlib.cohort import wide

    w = wide(_cohort())
    change = w["12mo"].fillna(w["baseline"]) - w["baseline"]
    return float(change[w["arm"] == "prt"].mean() - change[w["arm"] == "placebo"].mean())


@functools.lru_cache(maxsize=1)
def _trial_model():
    from prtlib.missing_data import fit_trial_model

    return fit_trial_model(_cohort())


def _ols_interaction() -> float:
    """The same formula fitted by ordinary least squares, ignoring who is who."""
    import statsmodels.formula.api as smf

    data = _cohort().dropna(subset=["pain"]).astype({"arm": str, "time": str, "sex": str})
    formula = ("pain ~ C(arm, Treatment('placebo')) * C(time, Treatment('baseline')) "
               "+ age + sex")
    return float(smf.ols(formula, data).fit().params[_INTERACTION.format(time="12mo")])


def _sensitivity():
    from prtlib.missing_data import responder_sensitivity

    return responder_sensitivity("prt_vs_usual_care", "reduction30", "12mo")


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
                    "That is the number of people measured; divide it by the number "
                    "randomized to usual care and multiply by 100."),
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
        hint="Divide published.get('n.monitored.12mo.usual_care') by "
             "published.get('n.randomized.usual_care') and multiply by 100.",
        explanation="Usual care lost more than a quarter of its people by 12 months, PRT a "
                    "tenth: the arms being compared are no longer the arms randomized.",
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
        hint="Ask whether the value that decides who leaves was observed (MAR), never "
             "observed (MNAR), or irrelevant (MCAR).",
        explanation="Missing at random: likelihood-based analyses that use every observed "
                    "value, such as the trial's mixed model, are then unbiased if the model "
                    "is correctly specified.",
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
        hint="From cohort.wide(df), take the '12mo' column of each arm, drop missing "
             "values, and subtract the placebo mean from the PRT mean.",
        explanation="Among those still measured the gap equals Table 2's; whether it is the "
                    "gap among everyone randomized depends on why the others left.",
    ),
    Exercise(
        id="05.locf_difference",
        title="difference in mean change at 12 months after carrying the last value forward",
        expected=_locf,
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("kept only completers", lambda: _completers(outcome="change"),
                    "That uses only the people measured at 12 months. Fill each missing "
                    "12-month value with the person's last value first (ffill along the "
                    "visits), then average over everyone."),
            Mistake("carried the baseline forward", _baseline_carried,
                    "You replaced missing 12-month values with the baseline. LOCF uses the "
                    "LAST value seen, often a later visit."),
            Mistake("subtracted the wrong way round", lambda: -_locf(),
                    "Right size, wrong sign: take PRT minus placebo."),
        ),
        hint="w = cohort.wide(df); filled = w[visits].ffill(axis=1); then the change is "
             "filled['12mo'] - filled['baseline'], averaged per arm.",
        explanation="LOCF keeps everyone but assumes pain froze when a person left.",
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
                    "visits of one person as independent. Use smf.mixedlm with "
                    "groups='participant' (a random intercept per person)."),
            Mistake("subtracted the wrong way round",
                    lambda: -_trial_model().estimate("prt_vs_placebo", "12mo"),
                    "Right size, wrong sign: with placebo as the reference arm, the PRT "
                    "interaction is PRT minus placebo."),
        ),
        hint="smf.mixedlm(formula, data, groups='participant').fit(reml=True), then "
             "read fit.params for the term that combines [T.prt] and [T.12mo].",
        explanation="The trial's estimand: how much more pain fell from baseline to 12 "
                    "months with PRT than with placebo, using every pain value seen.",
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
        hint="responders = round(percent / 100 * randomized) from eTable 2; divide by "
             "n.monitored.12mo for each arm, then subtract.",
        explanation="Ignoring the missing gives a smaller PRT advantage than counting them "
                    "as non-responders, because usual care lost far more people.",
    ),
)
