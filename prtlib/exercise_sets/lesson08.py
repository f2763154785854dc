"""Lesson 08's exercises: connectivity and Fisher z, a group x time test, reverse
inference, circular analysis, sample size for correlations, and eTable 8.

Every expected answer is computed here from :mod:`prtlib.published` and :mod:`prtlib.fmri`;
the simulations use the same settings as the exercise notebook, which shows them.
"""

from __future__ import annotations

import functools

from prtlib.checks import Exercise, Mistake, register

# Settings shown in solutions/08_fmri_connectivity_and_inference.ipynb.
PAIR_TRUE_R = 0.3
PAIR_SEED = 5
STUDY_N = 45
STUDY_CHANGE = 0.1
STUDY_SEED = 8
SENSITIVITY = 0.9  # hypothetical P(insula active | pain)
FALSE_ALARM = 0.6  # hypothetical P(insula active | no pain)
PRIOR = 0.3  # hypothetical P(pain)
CIRCULAR = {"effect": 0.3, "n_studies": 200, "seed": 1}
SMALL_R = 0.1


def exercise_pair():
    """The resting pair of the Fisher z exercise."""
    from prtlib import fmri

    return fmri.simulate_resting_pair(PAIR_TRUE_R, seed=PAIR_SEED)


def _pair_connectivity():
    from prtlib import fmri

    pair = exercise_pair()
    return fmri.seed_connectivity(pair["seed"].to_numpy(), pair["target"].to_numpy())


def exercise_study():
    """The simulated connectivity study of the group x time exercise."""
    from prtlib import fmri

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
    from prtlib import fmri

    return fmri.reverse_inference(sensitivity, false_alarm, prior)


@functools.lru_cache(maxsize=1)
def _circular():
    from prtlib import fmri

    return fmri.circular_analysis(**CIRCULAR)


def _ratio(kind: str) -> float:
    res = _circular()
    if kind == "circular":
        return float(res.circular_estimate.mean() / res.circular_truth.mean())
    if kind == "split":
        return float(res.split_estimate.mean() / res.split_truth.mean())
    return float(res.circular_truth.mean() / res.circular_estimate.mean())


def _sample_size(alternative: str = "two-sided") -> int:
    from prtlib import fmri

    return fmri.correlation_sample_size(SMALL_R, 0.8, 0.05, alternative)


def _connectivity_counts() -> dict:
    from prtlib import published

    table = published.fmri_connectivity()
    pairs = table.groupby(["seed", "comparison"])["cluster"].any()
    return {"empty_pairs": int((~pairs).sum()), "rows": len(table),
            "clusters": int(table["cluster"].sum())}


register(
    Exercise(
        id="08.fisher_z",
        title="Fisher z of the seed-target connectivity in the simulated resting scan",
        expected=lambda: _pair_connectivity().z,
        tolerance=0.005,
        mistakes=(
            Mistake("gave r", lambda: _pair_connectivity().r,
                    "That is Pearson's r. Fisher's z is arctanh(r) (the .z of the result)."),
            Mistake("forgot the half", lambda: 2 * _pair_connectivity().z,
                    "z = ½ ln((1 + r) / (1 − r)); you left out the ½."),
        ),
        hint="fmri.seed_connectivity(pair['seed'].to_numpy(), pair['target'].to_numpy()).z",
        explanation="For r below about 0.5, z is close to r; the transform matters for large "
                    "correlations and makes averaging across people fair.",
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
        hint="stats.ttest_ind(prt change_z, placebo change_z, equal_var=False).statistic, "
             "with the rows of study.data split by group.",
        explanation="The group x time interaction with two time points is a two-sample test "
                    "of change scores; each person's stable level cancels.",
    ),
    Exercise(
        id="08.posterior",
        title="P(pain | insula active) with the hypothetical rates",
        expected=_posterior,
        tolerance=0.005,
        mistakes=(
            Mistake("gave the forward probability", lambda: SENSITIVITY,
                    "That is P(active | pain), the forward inference. The question asks the "
                    "reverse, P(pain | active): use Bayes' rule."),
            Mistake("ignored the prior", lambda: _posterior(prior=0.5),
                    "You used a prior of 0.5. Pain was present in 30% of the scans, so the "
                    "prior is 0.3."),
            Mistake("used 1 - P(active | no pain)", lambda: _posterior(false_alarm=1 -
                                                                         FALSE_ALARM),
                    "P(active | no pain) is 0.6 as given; you used 1 − 0.6."),
        ),
        hint="fmri.reverse_inference(0.9, 0.6, prior_pain=0.3), or "
             "0.9 × 0.3 / (0.9 × 0.3 + 0.6 × 0.7).",
        explanation="Activation raised the probability of pain only a little above the prior, "
                    "because the region also activates without pain.",
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
        hint="res.circular_estimate.mean() / res.circular_truth.mean().",
        explanation="Selecting and measuring on the same data inflates the effect several-fold; "
                    "an independent half gives an honest estimate.",
    ),
    Exercise(
        id="08.n_for_small_r",
        title="people needed for 80% power to detect r = 0.1 (two-sided .05)",
        expected=_sample_size,
        kind="integer",
        tolerance=0.0,
        close_within=0.01,
        unit="people",
        mistakes=(
            Mistake("used a one-sided test", lambda: _sample_size("larger"),
                    "That is the answer for a one-sided test; the question asks two-sided."),
        ),
        hint="fmri.correlation_sample_size(0.1, power=0.8, alpha=0.05).",
        explanation="Hundreds of people for one small correlation: far more than a typical "
                    "imaging study, or than any arm of this trial.",
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
                    "That is the number of rows. Count the seed/comparison pairs whose "
                    "'cluster' column is False."),
            Mistake("counted clusters", lambda: _connectivity_counts()["clusters"],
                    "That is the number of surviving clusters; the question asks for the "
                    "pairs with none."),
        ),
        hint="table = published.fmri_connectivity(); (~table['cluster']).sum() — each pair "
             "without a cluster has one row with cluster False.",
        explanation="One of them is aPFC vs usual care, which is why the abstract's 'both "
                    "control groups' does not hold for every seed.",
    ),
)
