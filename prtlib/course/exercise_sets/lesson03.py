"""Lesson 03's exercises: effect sizes from the trial's tables and from participant data.

Every expected answer is computed here from :mod:`prtlib.trial.published`, the simulated cohort and
:mod:`prtlib.stats.effect_sizes`. The learner computes each number herself from a formula (the
pooled SD, d and J; a change score with pandas; the NNT; the probability of superiority; a
normal-approximation interval); the ``prtlib`` helper that does the same is named in the
explanation, to compare.

Hints come in three levels (see :mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method`` (the
quantities and the formula with its source) and ``recipe`` (worked steps). A wrong answer's
feedback shows the nudge.

Predictions: ``03.predict_overlap`` in the lesson (before the effect-views explorer) and
``03.predict_superiority`` in the exercise set.
"""

from __future__ import annotations

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import published


def _post_only_g_usual_care() -> float:
    from prtlib.trial.trial_effects import table2_effects

    return float(table2_effects("prt_vs_usual_care").loc["post", "post_only_g"])


def _post_only_d_usual_care() -> float:
    from prtlib.stats.effect_sizes import cohens_d_from_summary

    return cohens_d_from_summary(*_summary("prt"), *_summary("usual_care")).estimate


def _summary(arm: str) -> tuple:
    return (published.get(f"pain.post.{arm}.mean"), published.get(f"pain.post.{arm}.sd"),
            published.get(f"n.monitored.post.{arm}"))


def _glass_usual_care() -> float:
    m1, _, _ = _summary("prt")
    m2, s2, _ = _summary("usual_care")
    return (m1 - m2) / s2


def _cohort_pairs():
    from prtlib.trial.cohort import synthetic_trial, wide

    w = wide(synthetic_trial(seed=0))
    return w[w["arm"] == "prt"], w[w["arm"] == "usual_care"]


def _cohort_change_g() -> float:
    from prtlib.stats.effect_sizes import change_score_g

    a, b = _cohort_pairs()
    return change_score_g(a["baseline"], a["post"], b["baseline"], b["post"]).estimate


def _cohort_change_d() -> float:
    from prtlib.stats.effect_sizes import change_score_g

    a, b = _cohort_pairs()
    return change_score_g(a["baseline"], a["post"], b["baseline"], b["post"]).d


def _cohort_post_g() -> float:
    from prtlib.stats.effect_sizes import hedges_g

    a, b = _cohort_pairs()
    return hedges_g(a["post"], b["post"]).estimate


def _nnt(denominator_prt: str, control: str = "usual_care") -> float:
    p1 = published.get("responders.pain01.post.prt") / published.get(denominator_prt)
    p2 = (published.get(f"responders.pain01.post.{control}")
          / published.get(f"n.randomized.{control}"))
    return 1.0 / (p1 - p2)


def _risk_ratio() -> float:
    p1 = published.get("responders.pain01.post.prt") / published.get("n.randomized.prt")
    p2 = (published.get("responders.pain01.post.usual_care")
          / published.get("n.randomized.usual_care"))
    return p1 / p2


def _views():
    from prtlib.stats.overlap import overlap_stats

    return overlap_stats(published.get("g.pain.post.prt_vs_placebo"), lower_is_better=True)


def _overlap_percent() -> float:
    return 100 * _views().overlap




def _ci_low(z: float = 1.959963984540054, cmp: str = "prt_vs_placebo") -> float:
    g = published.get(f"g.pain.12mo.{cmp}")
    return g - z * published.get(f"g.pain.12mo.{cmp}.se")


register(
    Exercise(
        id="03.post_only_g",
        title="post-only Hedges' g, PRT vs usual care, from Table 2, by hand",
        expected=_post_only_g_usual_care,
        tolerance=0.005,
        mistakes=(
            Mistake("wrong sign", lambda: -_post_only_g_usual_care(),
                    "The size is right but the sign is not: the course takes PRT minus "
                    "control, and PRT has less pain, so g is negative."),
            Mistake("no small-sample correction", _post_only_d_usual_care,
                    "That is Cohen's d. Hedges' g multiplies it by the small-sample "
                    "correction J, a factor a little below 1 that depends on the degrees of "
                    "freedom of the pooled SD."),
            Mistake("divided by the control SD only", _glass_usual_care,
                    "You divided by the usual-care SD alone (Glass's delta). Hedges' g "
                    "pools both arms' SDs, weighting each by its n - 1."),
            Mistake("quoted the change-score g", lambda: published.get(
                "g.pain.post.prt_vs_usual_care"),
                    "That is Table 2's change-score g. The exercise asks for g from the "
                    "post-treatment means and SDs alone, ignoring baseline."),
        ),
        nudge="A standardized difference is a difference in means divided by one SD that "
              "describes both arms; then a small correction removes d's slight upward bias "
              "in small samples.",
        method="Hedges & Olkin (1985); Borenstein et al. (2009), chapter 4: "
               "s_pooled = sqrt(((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2)); "
               "d = (mean1 - mean2) / s_pooled; J = 1 - 3 / (4 df - 1) with df = n1 + n2 - 2 "
               "(Borenstein et al. 2009, eq. 4.22); g = J d. Group 1 is PRT, group 2 usual "
               "care; the means and SDs are 'pain.post.<arm>.mean' and '.sd', the sizes "
               "'n.monitored.post.<arm>'.",
        recipe="Read m1, s1, n1 for 'prt' and m2, s2, n2 for 'usual_care'; "
               "sd_pooled = ((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / (n1 + n2 - 2)) ** 0.5; "
               "d = (m1 - m2) / sd_pooled; J = 1 - 3 / (4 * (n1 + n2 - 2) - 1); "
               "post_only_g = J * d.",
        explanation="About -1.43: smaller in size than Table 2's change-score -1.75, partly "
                    "because usual care started lower at baseline, which the change-score g "
                    "takes into account, and partly because the yardsticks differ (lesson 03, "
                    "section 2). prtlib.stats.effect_sizes.hedges_g_from_summary does the same "
                    "computation (with the exact J).",
    ),
    Exercise(
        id="03.change_score_g",
        title="change-score g, PRT vs usual care, in the simulated cohort (seed 0), with "
              "pandas",
        expected=_cohort_change_g,
        tolerance=0.005,
        mistakes=(
            Mistake("post-only g", _cohort_post_g,
                    "That is g of the post-treatment scores. Subtract each person's "
                    "baseline first, then compare the changes."),
            Mistake("wrong sign", lambda: -_cohort_change_g(),
                    "Right size, wrong sign: compute post minus baseline, and PRT minus "
                    "usual care."),
            Mistake("no small-sample correction", _cohort_change_d,
                    "That is Cohen's d of the changes; Hedges' g multiplies it by the "
                    "small-sample correction J."),
        ),
        nudge="Work with one number per person: how much her pain changed. Then compare the "
              "two arms' changes as you compared post-treatment scores in exercise 1.",
        method="Change = post - baseline for each person (drop people with a missing "
               "value). For each arm the mean, SD (n - 1 denominator) and count of the "
               "changes; then Hedges' g on the changes as in exercise 1 (Hedges & Olkin "
               "1985; Borenstein et al. 2009, chapter 4): pooled SD, d = difference in mean "
               "change / pooled SD, J = 1 - 3 / (4 df - 1), g = J d.",
        recipe="people = wide(synthetic_trial(seed=0)); "
               "people['change'] = people['post'] - people['baseline']; "
               "summary = people.dropna(subset=['change']).groupby('arm')['change']"
               ".agg(['mean', 'std', 'count']); take the 'prt' and 'usual_care' rows as "
               "(m1, s1, n1) and (m2, s2, n2); then the pooled SD, d and J of exercise 1 on "
               "these numbers.",
        explanation="The simulated cohort was built to reproduce Table 2's change-score g, "
                    "so you land within a few hundredths of -1.75. "
                    "prtlib.stats.effect_sizes.change_score_g(pre1, post1, pre2, post2) does the "
                    "same computation.",
    ),
    Exercise(
        id="03.nnt",
        title="NNT for pain 0 or 1 after treatment, PRT vs usual care",
        expected=lambda: _nnt("n.randomized.prt"),
        tolerance=0.01,
        close_within=0.03,
        mistakes=(
            Mistake("used percentage points", lambda: _nnt("n.randomized.prt") / 100,
                    "You divided 1 by a difference in percentage points. Use proportions "
                    "(between 0 and 1), or 100 divided by the difference in percent."),
            Mistake("divided by those who started PRT", lambda: _nnt("n.prt.initiated"),
                    "You used the 45 who started PRT as the denominator. Intention to treat "
                    "divides by everyone randomized (50)."),
            Mistake("gave the risk ratio", _risk_ratio,
                    "That is the risk ratio, a ratio of the two proportions. The NNT comes "
                    "from their difference."),
            Mistake("compared with placebo", lambda: _nnt("n.randomized.prt", "placebo"),
                    "That is the NNT against placebo; the question asks about usual care."),
        ),
        nudge="First find how many extra responders PRT gives per person offered it, compared "
              "with usual care. The NNT turns that rate around: how many people for one "
              "extra responder?",
        method="Altman (1998): the NNT is the reciprocal of the risk "
               "difference, NNT = 1 / (p1 - p2), with p1 and p2 the proportions of responders "
               "among everyone randomized to PRT and to usual care (keys "
               "'responders.pain01.post.<arm>' and 'n.randomized.<arm>').",
        recipe="p_prt = 33 / 50 = 0.66; p_usual = 5 / 50 = 0.10; risk difference "
               "0.66 - 0.10 = 0.56; nnt = 1 / 0.56.",
        explanation="About 1.8: for roughly every two people offered PRT instead of usual "
                    "care, one more ends the treatment (nearly) pain-free. "
                    "prtlib.trial.trial_effects.compare_responders('prt_vs_usual_care', 'pain01', "
                    "'post') prints it with its 95% interval.",
    ),
    Exercise(
        id="03.predict_superiority",
        title="your prediction: share of PRT-placebo pairs in which the PRT participant has "
              "less pain, at g = -1.14",
        expected=lambda: _views().prob_superiority,
        kind="prediction",
        tolerance=0.01,
        explanation="g = -1.14 puts the average PRT participant more than one SD below the "
                    "average placebo participant. But a random pair compares two people, "
                    "and each brings her own spread: the difference between them has an SD "
                    "of sqrt(2) times one person's SD, so the shift counts as only "
                    "1.14 / sqrt(2), about 0.8 SDs of that difference. That is why even a "
                    "'large' effect leaves about one pair in five the other way round "
                    "(assuming normal pain scores with equal SDs).",
    ),
    Exercise(
        id="03.superiority",
        title="probability that a PRT participant has less pain than a placebo participant",
        expected=lambda: _views().prob_superiority,
        tolerance=0.005,
        mistakes=(
            Mistake("gave U3", lambda: _views().u3,
                    "That is Cohen's U3 (the share of PRT below the placebo mean). Comparing "
                    "two random people adds the second person's spread too."),
            Mistake("wrong direction", lambda: 1 - _views().prob_superiority,
                    "That is the chance that the PRT participant has MORE pain. Lower pain "
                    "is better here."),
            Mistake("gave the overlap", lambda: _views().overlap,
                    "That is the overlapping area of the two distributions, another view."),
        ),
        nudge="Think of the difference between one random PRT participant's pain and one "
              "random placebo participant's: where is its centre, how spread out is it, and "
              "how often is it below zero?",
        method="McGraw & Wong (1992), the common-language effect size: with normal scores "
               "and equal SDs, the difference of two random people has mean d and SD "
               "sqrt(2) (in SD units), so P(PRT participant has less pain) = "
               "Phi(|d| / sqrt(2)), with Phi the standard normal CDF (scipy.stats.norm.cdf) "
               "and d Table 2's 'g.pain.post.prt_vs_placebo'.",
        recipe="g = published.get('g.pain.post.prt_vs_placebo') (that is -1.14); "
               "superiority = stats.norm.cdf(abs(g) / np.sqrt(2)), i.e. Phi(1.14 / 1.414).",
        explanation="About 0.79: if pain is normal with equal SDs, four times in five a "
                    "random PRT participant reports less pain than a random placebo "
                    "participant, which is one way to say g = -1.14 to a patient. "
                    "prtlib.stats.overlap.overlap_stats(g, lower_is_better=True) gives this "
                    "and the other views at once.",
    ),
    Exercise(
        id="03.ci_12mo",
        title="lower end of the 95% interval for g at 12 months, PRT vs placebo",
        expected=_ci_low,
        tolerance=0.005,
        mistakes=(
            Mistake("one SE instead of 1.96", lambda: _ci_low(1.0),
                    "You subtracted one SE. A 95% interval reaches further than that."),
            Mistake("used the usual-care row", lambda: _ci_low(cmp="prt_vs_usual_care"),
                    "That is the comparison with usual care; use the placebo keys."),
            Mistake("gave the width", lambda: 2 * 1.959963984540054 * published.get(
                "g.pain.12mo.prt_vs_placebo.se"),
                    "That is the interval's width. The question asks for its lower end."),
        ),
        nudge="A normal-approximation interval is centred on the estimate and reaches a "
              "fixed number of standard errors to each side.",
        method="Normal-approximation 95% interval (e.g. Borenstein et al. 2009, chapter 4): "
               "g +/- z SE, with z = 1.96, the 97.5th percentile of the standard normal "
               "(scipy.stats.norm.ppf(0.975)); g and SE are 'g.pain.12mo.prt_vs_placebo' and "
               "its '.se'.",
        recipe="g_12 = -0.70 and se_12 = 0.21 from the ledger; "
               "ci_low = g_12 - 1.96 * se_12.",
        explanation="About -1.11 to -0.29: at 12 months the data fit anything from a large "
                    "to a small-to-moderate advantage of PRT over placebo.",
    ),
    Exercise(
        id="03.which_g_to_pool",
        title="which g of PRT vs usual care goes into a meta-analysis of post-treatment g's",
        expected=lambda: "post-only g",
        kind="choice",
        choices=("post-only g", "change-score g", "either", "the larger one"),
        mistakes=(
            Mistake("treated them as interchangeable", lambda: "either",
                    "They are not interchangeable: the change-score g has a different "
                    "numerator (change, which removes baseline differences) and a different "
                    "yardstick (the SD of change, which depends on how strongly baseline and "
                    "later pain are correlated). Mixed in one pool, the trials no longer "
                    "measure the same thing."),
        ),
        reasons=(
            ("post-only g",
             "Yes: the other trials give post-treatment means and SDs, so the comparable "
             "number from this trial is the g those same ingredients give (exercise 1). "
             "Like must be pooled with like; the analyst can add a sensitivity analysis with "
             "change-score g's from the trials that report them."),
            ("change-score g",
             "It is the number the paper prints, but the other trials' g's measure where "
             "the arms ended, divided by the SD of scores, not how far they moved, divided "
             "by the SD of change. Putting it in their pool mixes two effect sizes, here the "
             "one further from zero."),
            ("either",
             "They answer different questions and use different yardsticks; the pool would "
             "average unlike quantities."),
            ("the larger one",
             "Choosing whichever number is larger builds a bias into the pool. The choice "
             "must follow from what the other trials report, fixed before looking."),
        ),
        nudge="Ask what the other trials' numbers measure, and which number from this trial "
              "measures the same thing.",
        method="A meta-analysis pools estimates of one quantity. The post-only g uses "
               "post-treatment means and SDs; the change-score g uses mean change and the SD "
               "of change (lesson 03, section 2; Morris 2008 on pretest-posttest designs).",
        recipe="The other trials report post-treatment means and SDs, so they yield post-only "
               "g's. From this trial take the g built from the same ingredients: Table 2's "
               "post-treatment means and SDs (exercise 1), not the printed change-score g.",
        explanation="No arithmetic settles this; what matters is that every trial in the pool "
                    "reports the same kind of g.",
    ),
    Exercise(
        id="03.predict_overlap",
        title="your prediction: how much of the PRT and placebo distributions overlap at "
              "g = -1.14, in %",
        expected=_overlap_percent,
        kind="prediction",
        tolerance=1.0,
        unit="%",
        explanation="The overlap of two normal curves with equal SDs is 2 Phi(-|d| / 2): "
                    "each curve's tail reaches past the point midway between the two means, "
                    "half a d away. At |d| = 1.14 the midpoint is only 0.57 SDs from each "
                    "mean, so most of each distribution still lies within the other: a "
                    "'large' standardized effect still leaves most people's pain in a range "
                    "both arms share.",
    ),
)
