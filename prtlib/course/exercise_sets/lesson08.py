"""Lesson 08's exercises: connectivity and Fisher z, a group x time test, reverse
inference, circular analysis, sample size for correlations, and eTable 8.

Every expected answer is computed here from :mod:`prtlib.trial.published`,
:mod:`prtlib.trial.scanning` and :mod:`prtlib.stats.fmri`; the simulations use the same
settings as the exercise notebook, which shows them. The learner computes each answer
herself (Fisher's z with numpy, Bayes' rule, the sample size from Fisher's z and the normal
quantiles of scipy); the ``prtlib`` helper that does the same job is offered afterwards, to
compare.

Hints come in three levels (see :mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method`` (the
quantities and the formula with its source) and ``recipe`` (worked steps). A wrong answer's
feedback shows the nudge.

The lesson itself (course/08_fmri_connectivity_and_inference.ipynb) asks for one
prediction, ``08.predict_posterior``, before its reverse-inference explorer.
"""

from __future__ import annotations

import functools

from prtlib.course.checks import Exercise, Mistake, register

# Settings shown in solutions/08_fmri_connectivity_and_inference.ipynb.
PAIR_TRUE_R = 0.3
PAIR_SEED = 5
STUDY_N = 45
STUDY_CHANGE = 0.1
STUDY_SEED = 8
SENSITIVITY = 0.9  # hypothetical P(insula active | pain)
FALSE_ALARM = 0.6  # hypothetical P(insula active | no pain)
PRIOR = 0.2  # hypothetical P(pain)
CIRCULAR = {"effect": 0.3, "n_studies": 200, "seed": 1}
SMALL_R = 0.15
MEDIUM_R = 0.3  # the prediction before the sample-size exercise
# The starting rates of the lesson's ReverseInferenceExplorer (sensitivity, false alarm,
# prior), for the prediction the lesson asks before it.
EXPLORER_RATES = (0.9, 0.6, 0.3)


def exercise_pair():
    """The resting pair of the Fisher z exercise."""
    from prtlib.trial import scanning

    return scanning.simulate_resting_pair(PAIR_TRUE_R, seed=PAIR_SEED)


def _pair_connectivity():
    from prtlib.stats import fmri

    pair = exercise_pair()
    return fmri.seed_connectivity(pair["seed"].to_numpy(), pair["target"].to_numpy())


def exercise_study():
    """The simulated connectivity study of the group x time exercise."""
    from prtlib.stats import fmri

    return fmri.simulate_connectivity_study(STUDY_N, STUDY_CHANGE, seed=STUDY_SEED)


def _post_only_t() -> float:
    from scipy import stats

    data = exercise_study().data
    return float(stats.ttest_ind(data.loc[data.group == "prt", "post_z"],
                                 data.loc[data.group == "placebo", "post_z"],
                                 equal_var=False).statistic)


def _within_prt_t() -> float:
    from scipy import stats

    data = exercise_study().data
    prt = data[data.group == "prt"]
    return float(stats.ttest_rel(prt["post_z"], prt["pre_z"]).statistic)


def _posterior(sensitivity=SENSITIVITY, false_alarm=FALSE_ALARM, prior=PRIOR) -> float:
    from prtlib.stats import fmri

    return fmri.reverse_inference(sensitivity, false_alarm, prior)


@functools.lru_cache(maxsize=1)
def _circular():
    from prtlib.stats import fmri

    return fmri.circular_analysis(**CIRCULAR)


def _ratio(kind: str) -> float:
    res = _circular()
    if kind == "circular":
        return float(res.circular_estimate.mean() / res.circular_truth.mean())
    if kind == "split":
        return float(res.split_estimate.mean() / res.split_truth.mean())
    return float(res.circular_truth.mean() / res.circular_estimate.mean())


def _fisher_n(r: float = SMALL_R, sides: int = 2, use_z: bool = True, plus: int = 3,
              power: float = 0.8, alpha: float = 0.05) -> int:
    """People needed to detect a correlation r, from Fisher's z (SE 1 / sqrt(n - 3)):
    n = ((z_{1 - alpha/sides} + z_{power}) / arctanh r)^2 + 3, rounded up."""
    import math

    from scipy import stats

    effect = math.atanh(r) if use_z else r
    n = ((stats.norm.ppf(1 - alpha / sides) + stats.norm.ppf(power)) / effect) ** 2 + plus
    return math.ceil(n)


def _sample_size_helper(alternative: str = "two-sided") -> int:
    from prtlib.stats import fmri

    return fmri.correlation_sample_size(SMALL_R, 0.8, 0.05, alternative)


def _connectivity_counts() -> dict:
    from prtlib.trial import published

    table = published.fmri_connectivity()
    pairs = table.groupby(["seed", "comparison"])["cluster"].any()
    return {"empty_pairs": int((~pairs).sum()), "rows": len(table),
            "clusters": int(table["cluster"].sum())}


_SELECTIVITY_CHOICES = ("larger t", "more selective region", "more scans")

register(
    Exercise(
        id="08.fisher_z",
        title="Fisher z of the seed-target connectivity in the simulated resting scan",
        expected=lambda: _pair_connectivity().z,
        tolerance=0.005,
        mistakes=(
            Mistake("gave r", lambda: _pair_connectivity().r,
                    "That is Pearson's r. Fisher's z transforms it."),
            Mistake("forgot the half", lambda: 2 * _pair_connectivity().z,
                    "You left out the factor one half in front of the logarithm."),
        ),
        nudge="First measure how strongly the two series rise and fall together (a "
              "correlation), then stretch that number onto a scale where it behaves like a "
              "normal variable.",
        method="Pearson's r of the two columns, then Fisher's transformation (Fisher 1921): "
               "z = 1/2 ln((1 + r) / (1 - r)), which is also arctanh(r). np.corrcoef gives r "
               "(its [0, 1] element); np.log gives ln.",
        recipe="r = np.corrcoef(pair['seed'], pair['target'])[0, 1]; "
               "fisher_z = 0.5 * np.log((1 + r) / (1 - r)).",
        explanation="For r below about 0.5, z is close to r; the transform matters for large "
                    "correlations and makes averaging across people fair. "
                    "fmri.seed_connectivity(seed, target) returns the same r and z.",
    ),
    Exercise(
        id="08.change_t",
        title="Welch t of the group x time change in connectivity, PRT vs placebo",
        expected=lambda: exercise_study().t,
        tolerance=0.01,
        mistakes=(
            Mistake("compared post-treatment values only", _post_only_t,
                    "You compared the groups after treatment only. People differ a lot in "
                    "connectivity to begin with; compare the change scores (change_z)."),
            Mistake("tested the change within PRT", _within_prt_t,
                    "That tests whether PRT's connectivity changed at all. A group x time "
                    "effect asks whether it changed more than placebo's: compare the two "
                    "groups' change scores."),
        ),
        nudge="With two time points, 'changed more in one group' is a comparison of the two "
              "groups' changes.",
        method="Welch's two-sample t test (Welch 1947) of change_z, PRT against placebo: "
               "t = (mean1 - mean2) / sqrt(s1^2/n1 + s2^2/n2); scipy.stats.ttest_ind(..., "
               "equal_var=False) computes it.",
        recipe="prt_change = data.loc[data['group'] == 'prt', 'change_z']; placebo_change = "
               "data.loc[data['group'] == 'placebo', 'change_z']; change_t = "
               "stats.ttest_ind(prt_change, placebo_change, equal_var=False).statistic.",
        explanation="The group x time interaction with two time points is a two-sample test "
                    "of change scores; each person's stable level cancels.",
    ),
    Exercise(
        id="08.predict_posterior",
        title="your prediction: P(pain | insula active) at the explorer's starting rates",
        expected=lambda: _posterior(*EXPLORER_RATES),
        kind="prediction",
        tolerance=0.005,
        explanation="Activation is only 1.5 times as likely with pain as without (0.9 / 0.6), "
                    "so it multiplies the prior odds of pain by just 1.5: from 0.3 / 0.7 to "
                    "about 0.64, a probability under 0.4. A guess near 0.9 is the forward "
                    "probability, P(active | pain); the reverse inference also needs how often "
                    "the region activates without pain, and the prior (Poldrack 2006).",
    ),
    Exercise(
        id="08.posterior",
        title="P(pain | insula active) with the exercise's hypothetical rates, by Bayes' rule",
        expected=_posterior,
        tolerance=0.005,
        mistakes=(
            Mistake("gave the forward probability", lambda: SENSITIVITY,
                    "That is P(active | pain), the forward inference. The question asks the "
                    "reverse, P(pain | active)."),
            Mistake("ignored the prior", lambda: _posterior(prior=0.5),
                    "You treated pain and no pain as equally likely (a prior of 0.5). Pain was "
                    "present in 20% of these scans, so the prior is 0.2."),
            Mistake("used 1 - P(active | no pain)", lambda: _posterior(false_alarm=1 -
                                                                         FALSE_ALARM),
                    "P(active | no pain) is 0.6 as given; you used 1 - 0.6."),
        ),
        nudge="Of all the scans that show activation, what share were taken during pain? "
              "Count activations with pain and activations without.",
        method="Bayes' rule for reverse inference (Poldrack 2006): P(pain | active) = "
               "P(active | pain) P(pain) / [P(active | pain) P(pain) + P(active | no pain) "
               "(1 - P(pain))].",
        recipe="with_pain = 0.9 * 0.2; without_pain = 0.6 * (1 - 0.2); "
               "p_pain_given_active = with_pain / (with_pain + without_pain).",
        explanation="Activation raised the probability of pain only a little above the prior, "
                    "because the region also activates without pain. "
                    "fmri.reverse_inference(0.9, 0.6, prior_pain=0.2) gives the same number.",
    ),
    Exercise(
        id="08.circular_ratio",
        title="how many times the truth the circular estimate is, on average",
        expected=lambda: _ratio("circular"),
        tolerance=0.05,
        mistakes=(
            Mistake("used the split-half estimates", lambda: _ratio("split"),
                    "That ratio is for the split-half analysis, which is unbiased (about 1). "
                    "Use circular_estimate and circular_truth."),
            Mistake("divided the wrong way", lambda: _ratio("inverse"),
                    "You divided the truth by the estimate; divide the estimate by the truth."),
        ),
        nudge="'How many times larger' is a ratio: the average estimate over the average "
              "truth of the same selected voxels.",
        method="Inflation = mean(circular estimate) / mean(true effect of the selected "
               "voxels), over the simulated studies (Kriegeskorte et al. 2009 describe the "
               "bias). res.circular_estimate and res.circular_truth hold one value per study.",
        recipe="inflation = res.circular_estimate.mean() / res.circular_truth.mean().",
        explanation="Selecting and measuring on the same data inflates the effect several-fold; "
                    "an independent half gives an honest estimate.",
    ),
    Exercise(
        id="08.predict_n_medium_r",
        title="your prediction: people needed for 80% power to detect r = 0.3",
        expected=lambda: _fisher_n(MEDIUM_R),
        kind="prediction",
        tolerance=0.5,
        unit="people",
        explanation="Fisher's z of a correlation has standard error 1 / sqrt(n - 3), so the "
                    "needed n grows with 1 / arctanh(r)^2: the strength you want to detect "
                    "enters squared. Halve the correlation and you need about four times the "
                    "people; a third of it needs about nine times.",
    ),
    Exercise(
        id="08.n_for_small_r",
        title="people needed for 80% power to detect r = 0.15 (two-sided .05), from Fisher's z",
        expected=_fisher_n,
        kind="integer",
        tolerance=1.0,
        close_within=0.01,
        unit="people",
        mistakes=(
            Mistake("used a one-sided test", lambda: _fisher_n(sides=1),
                    "That is the answer for a one-sided test; the question asks two-sided, so "
                    "alpha is split between the two tails."),
            Mistake("used r instead of Fisher's z", lambda: _fisher_n(use_z=False),
                    "You divided by r itself. The formula divides by Fisher's z of r, "
                    "arctanh(r), which is a little larger."),
            Mistake("left out the 3", lambda: _fisher_n(plus=0),
                    "Fisher's z has standard error 1 / sqrt(n - 3), so the formula gives n - 3: "
                    "add the 3 back."),
        ),
        nudge="Ask how many standard errors the true effect must sit away from zero for a "
              "test to catch it 80% of the time, then solve for the sample size.",
        method="Fisher's z of a correlation has standard error 1 / sqrt(n - 3) (Fisher 1921). "
               "Power 1 - beta at two-sided alpha needs arctanh(r) sqrt(n - 3) = "
               "z_{1-alpha/2} + z_{1-beta}, so n = ((z_{1-alpha/2} + z_{1-beta}) / "
               "arctanh(r))^2 + 3, rounded up. scipy.stats.norm.ppf gives the z quantiles.",
        recipe="z_alpha = stats.norm.ppf(1 - 0.05 / 2); z_power = stats.norm.ppf(0.8); "
               "n_needed = math.ceil(((z_alpha + z_power) / np.arctanh(0.15)) ** 2 + 3).",
        explanation="Hundreds of people for one small correlation: far more than a typical "
                    "imaging study, or than any arm of this trial. "
                    "fmri.correlation_sample_size(0.15) uses a slightly refined approximation "
                    "(the pwr package's) and may differ by a person.",
    ),
    Exercise(
        id="08.empty_pairs",
        title="seed/comparison pairs in eTable 8 with no surviving cluster",
        expected=lambda: _connectivity_counts()["empty_pairs"],
        kind="integer",
        tolerance=0.0,
        close_within=0.0,
        unit="pairs",
        mistakes=(
            Mistake("counted rows", lambda: _connectivity_counts()["rows"],
                    "That is the number of rows. Count the seed/comparison pairs with no "
                    "surviving cluster."),
            Mistake("counted clusters", lambda: _connectivity_counts()["clusters"],
                    "That is the number of surviving clusters; the question asks for the "
                    "pairs with none."),
        ),
        nudge="The table marks a seed/comparison pair where nothing survived in its own way; "
              "find those rows.",
        method="In published.fmri_connectivity() (eTable 8 of the paper's supplement), each "
               "pair without a cluster has one row whose 'cluster' column is False; count "
               "those rows.",
        recipe="table = published.fmri_connectivity(); "
               "empty_pairs = int((~table['cluster']).sum()).",
        explanation="One of them is aPFC vs usual care, which is why the abstract's 'both "
                    "control groups' does not hold for every seed.",
    ),
    Exercise(
        id="08.selectivity",
        title="what would make a quieter insula stronger evidence of less pain",
        expected=lambda: "more selective region",
        kind="choice",
        choices=_SELECTIVITY_CHOICES,
        reasons=(
            ("larger t",
             "A larger t makes you surer that the region's response changed, not that the "
             "change means pain: a region that also responds to threat, attention and "
             "surprise would still leave those readings open. Certainty about the brain "
             "result is not evidence about what it means."),
            ("more selective region",
             "Yes: the reverse inference is only as strong as the ratio P(active | pain) / "
             "P(active | no pain). A region (or a pattern) that responds to pain and little "
             "else makes a change in it informative about pain; no amount of precision about "
             "an unselective region does."),
            ("more scans",
             "More scans shrink the noise of each person's estimate, like a larger t. They "
             "leave the region's selectivity, and so the meaning of the change, as it was."),
        ),
        mistakes=(
            Mistake("chose a larger t", lambda: "larger t",
                    "A larger t makes you surer that the response changed, not that the "
                    "change means pain: a region that also responds to threat and attention "
                    "leaves those readings open, however certain the result."),
        ),
        nudge="Think of Bayes' rule: which term decides how much an activation says about "
              "pain in particular?",
        method="In P(pain | active), the evidence enters through the likelihood ratio "
               "P(active | pain) / P(active | no pain) (Poldrack 2006; lesson 08, section "
               "4). A t or a scan count changes how sure you are of the activation, not this "
               "ratio.",
        recipe="Ask of each option whether it changes P(active | no pain). Only a region "
               "that rarely activates without pain does, so only selectivity makes the "
               "reverse inference stronger.",
        explanation="No number from this trial's brain data answers this: it is a question of "
                    "what the measure means.",
    ),
)
