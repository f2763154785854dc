"""Lesson 03's exercises: effect sizes from the trial's tables and from participant data."""

from __future__ import annotations

from prtlib import published
from prtlib.checks import Exercise, Mistake, register


def _post_only_g_usual_care() -> float:
    from prtlib.trial_effects import table2_effects

    return float(table2_effects("prt_vs_usual_care").loc["post", "post_only_g"])


def _post_only_d_usual_care() -> float:
    from prtlib.effect_sizes import cohens_d_from_summary

    return cohens_d_from_summary(*_summary("prt"), *_summary("usual_care")).estimate


def _summary(arm: str) -> tuple:
    return (published.get(f"pain.post.{arm}.mean"), published.get(f"pain.post.{arm}.sd"),
            published.get(f"n.monitored.post.{arm}"))


def _glass_usual_care() -> float:
    m1, _, _ = _summary("prt")
    m2, s2, _ = _summary("usual_care")
    return (m1 - m2) / s2


def _cohort_pairs():
    from prtlib.cohort import synthetic_trial, wide

    w = wide(synthetic_trial(seed=0))
    return w[w["arm"] == "prt"], w[w["arm"] == "usual_care"]


def _cohort_change_g() -> float:
    from prtlib.effect_sizes import change_score_g

    a, b = _cohort_pairs()
    return change_score_g(a["baseline"], a["post"], b["baseline"], b["post"]).estimate


def _cohort_change_d() -> float:
    from prtlib.effect_sizes import change_score_g

    a, b = _cohort_pairs()
    return change_score_g(a["baseline"], a["post"], b["baseline"], b["post"]).d


def _cohort_post_g() -> float:
    from prtlib.effect_sizes import hedges_g

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
    from prtlib.effect_sizes import overlap_stats

    return overlap_stats(published.get("g.pain.post.prt_vs_placebo"), lower_is_better=True)


def _ci_low(z: float = 1.959963984540054, cmp: str = "prt_vs_placebo") -> float:
    g = published.get(f"g.pain.12mo.{cmp}")
    return g - z * published.get(f"g.pain.12mo.{cmp}.se")


register(
    Exercise(
        id="03.post_only_g",
        title="post-only Hedges' g, PRT vs usual care, from Table 2",
        expected=_post_only_g_usual_care,
        tolerance=0.005,
        mistakes=(
            Mistake("wrong sign", lambda: -_post_only_g_usual_care(),
                    "The size is right but the sign is not: the course takes PRT minus "
                    "control, and PRT has less pain, so g is negative."),
            Mistake("no small-sample correction", _post_only_d_usual_care,
                    "That is Cohen's d. Multiply it by Hedges' correction J for "
                    "n1 + n2 - 2 degrees of freedom (hedges_correction)."),
            Mistake("divided by the control SD only", _glass_usual_care,
                    "You divided by the usual-care SD alone (Glass's delta). Hedges' g "
                    "pools both arms' SDs, weighting each by its n - 1."),
            Mistake("quoted the change-score g", lambda: published.get(
                "g.pain.post.prt_vs_usual_care"),
                    "That is Table 2's change-score g. The exercise asks for g from the "
                    "post-treatment means and SDs alone, ignoring baseline."),
        ),
        hint="Use hedges_g_from_summary(mean1, sd1, n1, mean2, sd2, n2) with the keys "
             "'pain.post.<arm>.mean' / '.sd' and the numbers seen after treatment, "
             "'n.monitored.post.<arm>'.",
        explanation="About -1.43: smaller in size than Table 2's change-score -1.75, partly "
                    "because usual care started lower at baseline, which the change-score g "
                    "takes into account, and partly because the yardsticks differ (lesson 03, "
                    "section 2).",
    ),
    Exercise(
        id="03.change_score_g",
        title="change-score g, PRT vs usual care, in the simulated cohort (seed 0)",
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
                    "That is Cohen's d of the changes; Hedges' g multiplies it by J."),
        ),
        hint="w = wide(synthetic_trial(seed=0)); take the PRT and usual-care rows and pass "
             "their 'baseline' and 'post' columns to change_score_g.",
        explanation="The simulated cohort was built to reproduce Table 2's change-score g, "
                    "so you land within a few hundredths of -1.75.",
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
                    "(0.66 - 0.10), or 100 divided by the difference in percent."),
            Mistake("divided by those who started PRT", lambda: _nnt("n.prt.initiated"),
                    "You used the 45 who started PRT as the denominator. Intention to treat "
                    "divides by everyone randomized (50)."),
            Mistake("gave the risk ratio", _risk_ratio,
                    "That is the risk ratio (p1 / p2). The NNT is 1 / (p1 - p2)."),
            Mistake("compared with placebo", lambda: _nnt("n.randomized.prt", "placebo"),
                    "That is the NNT against placebo; the question asks about usual care."),
        ),
        hint="p1 = 33/50 and p2 = 5/50 (keys 'responders.pain01.post.<arm>' and "
             "'n.randomized.<arm>'); NNT = 1 / (p1 - p2).",
        explanation="About 1.8: for roughly every two people offered PRT instead of usual "
                    "care, one more ends the treatment (nearly) pain-free.",
    ),
    Exercise(
        id="03.superiority",
        title="probability that a PRT participant has less pain than a placebo participant",
        expected=lambda: _views().prob_superiority,
        tolerance=0.005,
        mistakes=(
            Mistake("gave U3", lambda: _views().u3,
                    "That is Cohen's U3 (the share of PRT below the placebo mean). Comparing "
                    "two random people adds both people's spread: divide d by sqrt(2)."),
            Mistake("wrong direction", lambda: 1 - _views().prob_superiority,
                    "That is the chance that the PRT participant has MORE pain. Lower pain "
                    "is better here."),
            Mistake("gave the overlap", lambda: _views().overlap,
                    "That is the overlapping area of the two distributions, another view."),
        ),
        hint="Under normality with equal SDs, P(superiority) = Phi(|d| / sqrt(2)); "
             "overlap_stats(d, lower_is_better=True).prob_superiority does it for you.",
        explanation="About 0.79: if pain is normal with equal SDs, four times in five a "
                    "random PRT participant reports less pain than a random placebo "
                    "participant, which is one way to say g = -1.14 to a patient.",
    ),
    Exercise(
        id="03.ci_12mo",
        title="lower end of the 95% interval for g at 12 months, PRT vs placebo",
        expected=_ci_low,
        tolerance=0.005,
        mistakes=(
            Mistake("one SE instead of 1.96", lambda: _ci_low(1.0),
                    "You subtracted one SE. A 95% interval reaches 1.96 SEs from g."),
            Mistake("used the usual-care row", lambda: _ci_low(cmp="prt_vs_usual_care"),
                    "That is the comparison with usual care; use the placebo keys."),
            Mistake("gave the width", lambda: 2 * 1.959963984540054 * published.get(
                "g.pain.12mo.prt_vs_placebo.se"),
                    "That is the interval's width. The lower end is g - 1.96 SE."),
        ),
        hint="g - 1.96 * SE with 'g.pain.12mo.prt_vs_placebo' and its '.se'.",
        explanation="About -1.11 to -0.29: at 12 months the data fit anything from a large "
                    "to a small-to-moderate advantage of PRT over placebo.",
    ),
)
