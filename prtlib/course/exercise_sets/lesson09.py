"""Lesson 09's exercises: checking reports against the record, a replication sized by hand,
and a RoB 2 appraisal.

Every expected answer is computed here from :mod:`prtlib.trial.published`, :mod:`prtlib.trial.evidence`
and :mod:`prtlib.trial.appraisal`. The learner computes the numbers herself (a chi-square, an SE
from an interval, the SE a P value needs, a sample size from the noncentral t); the
``prtlib`` helper that does the same job is named in the explanation, to compare.

Hints come in three levels (see :mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method`` (the
quantities and the formula with its source) and ``recipe`` (worked steps). A wrong answer's
feedback shows the nudge.

The RoB 2 judgements and the funding decision are ``kind="judgement"``: every defensible
option is accepted, with feedback on its reasoning. The lesson itself
(course/09_reading_the_evidence.ipynb) asks for one prediction, ``09.predict_n_12mo``.
"""

from __future__ import annotations

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import appraisal, evidence, published

MODEL_ANSWERS = {
    # D1: minimization counts as random; allocation was computed after the pretreatment
    # assessment (PY); arms look alike at baseline (usual care 0.31 points lower is
    # compatible with chance).
    "1.1": "PY", "1.2": "PY", "1.3": "N",
    # D2: nobody could be blinded, but nothing suggests the trial context caused
    # deviations (5 never starting PRT is non-adherence that happens outside trials too);
    # intention-to-treat mixed model.
    "2.1": "Y", "2.2": "Y", "2.3": "PN", "2.6": "Y",
    # D3: 135 of 151 measured after treatment (89%, below the guidance's 95% rule of thumb);
    # no analysis shows the result robust to missingness; dropping out could depend on pain,
    # but the proportions and stated reasons do not differ much between arms.
    "3.1": "N", "3.2": "PN", "3.3": "PY", "3.4": "PN",
    # D4: a validated questionnaire, the same in every arm; the assessor of self-reported
    # pain is the participant, who knew the arm; PRT teaches that pain is safe and can be
    # switched down, usual care knew it received nothing: strong beliefs make an influence
    # likely.
    "4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "Y", "4.5": "PY",
    # D5: registered (NCT03294148) primary outcome and end point reported as planned; one
    # primary analysis.
    "5.1": "PY", "5.2": "PN", "5.3": "PN",
}
"""The model answers of the solutions notebook for PRT vs placebo on pain after treatment."""

_ROB_CHOICES = appraisal.JUDGEMENTS


def _news_chi2() -> float:
    return evidence.news_misreading().chi2


def _chi2_of(counts) -> float:
    expected = sum(counts) / len(counts)
    return sum((c - expected) ** 2 / expected for c in counts)


def _chi2_against(counts, expected) -> float:
    return sum((c - expected) ** 2 / expected for c in counts)


def _claimed():
    return [published.get(f"news_summary.claimed_randomized.{a}")
            for a in ("prt", "placebo", "usual_care")]


def _ci_width() -> float:
    return (published.get("g.pain.post.prt_vs_usual_care.text.ci_high")
            - published.get("g.pain.post.prt_vs_usual_care.text.ci_low"))


def _ci_se() -> float:
    return evidence.read_interval(
        published.get("g.pain.post.prt_vs_usual_care.text.ci_low"),
        published.get("g.pain.post.prt_vs_usual_care.text.ci_high")).se


def _odi_check(two_sided=True):
    return evidence.precision_check(published.get("g.odi.12mo.prt_vs_placebo"),
                                    published.get("g.odi.12mo.prt_vs_placebo.p_below"),
                                    published.get("n.monitored.12mo.prt"),
                                    published.get("n.monitored.12mo.placebo"),
                                    two_sided=two_sided)


def _bound() -> float:
    return evidence.bound_nearest_zero(published.get("g.pain.12mo.prt_vs_placebo"),
                                       published.get("g.pain.12mo.prt_vs_placebo.se"))


def _n(g, power=0.9) -> int:
    return evidence.replication_plan(g, power=power).n_per_arm


def _normal_n(g, power=0.9, alpha=0.05) -> int:
    """The normal-approximation size per arm, 2 (z_{1-alpha/2} + z_{power})^2 / g^2
    (Cohen 1988, ch. 2), rounded up: a common shortcut that ignores the t test's
    estimated SD."""
    import math

    from scipy import stats

    z = stats.norm.isf(alpha / 2) + stats.norm.ppf(power)
    return math.ceil(2 * (z / g) ** 2)


def _power_at_trial_size() -> float:
    return evidence.replication_plan(_bound(), power=0.9).power_at_trial_size


def _n_12mo_80() -> int:
    return _n(published.get("g.pain.12mo.prt_vs_placebo"), power=0.8)


FUND_CHOICES = ("fund as proposed", "fund if redesigned", "do not fund")
ODI_CHOICES = ("the printed g", "the printed P", "a g recomputed from the means and SDs",
               "nothing: drop the outcome")


def _d4(answers) -> str:
    return appraisal.judge_domain("D4", answers).judgement


register(
    Exercise(
        id="09.news_chi2",
        title="chi-square statistic of the summary's arm sizes under equal allocation",
        expected=_news_chi2,
        tolerance=0.01,
        mistakes=(
            Mistake("tested the real arm sizes",
                    lambda: _chi2_of([published.get(f"n.randomized.{a}")
                                      for a in ("prt", "placebo", "usual_care")]),
                    "That is the statistic for 50/51/50, the real arm sizes, which fit equal "
                    "allocation well. Test the summary's numbers, 33/10/5."),
            Mistake("used 151/3 as the expected count",
                    lambda: _chi2_against(_claimed(), published.get("n.randomized.total") / 3),
                    "Your expected counts come from the real trial (151/3 per arm). Under the "
                    "summary's reading the trial had 48 people, so equal allocation expects "
                    "48/3 = 16 per arm."),
            Mistake("forgot to divide by the expected count",
                    lambda: sum((c - sum(_claimed()) / 3) ** 2 for c in _claimed()),
                    "You summed the squared differences but did not divide each by the "
                    "expected count (16)."),
        ),
        nudge="Compare each observed count with the count that equal allocation would "
              "expect from the same total, and add up how far off each one is, relative to "
              "what was expected.",
        method="Pearson's goodness-of-fit statistic (Pearson 1900): chi2 = sum over arms of "
               "(observed - expected)^2 / expected, where expected = total / 3 under equal "
               "allocation, and the total is the summary's own (the three claimed counts "
               "added up).",
        recipe="claimed = [published.get(f'news_summary.claimed_randomized.{a}') for a in "
               "('prt', 'placebo', 'usual_care')]; expected = sum(claimed) / 3 (16); chi2 = "
               "sum((c - expected) ** 2 / expected for c in claimed). "
               "scipy.stats.chisquare(claimed).statistic gives the same.",
        explanation="A split as lopsided as 33/10/5 almost never comes out of equal-probability "
                    "randomization (p below one in a million), a second sign that these are "
                    "not arm sizes. evidence.news_misreading().chi2 computes the same.",
    ),
    Exercise(
        id="09.ci_se",
        title="standard error implied by the printed 95% CI of g = -1.74",
        expected=_ci_se,
        tolerance=0.001,
        close_within=0.05,
        mistakes=(
            Mistake("forgot the factor 2", lambda: _ci_width() / 1.959963984540054,
                    "You divided the whole width by 1.96. The interval reaches 1.96 SE on "
                    "each side, so divide the width by 2 x 1.96."),
            Mistake("used the 90% quantile", lambda: _ci_width() / (2 * 1.6448536269514722),
                    "1.645 belongs to a 90% interval; a 95% interval uses 1.96."),
            Mistake("used the rule of four", lambda: _ci_width() / 4,
                    "Width / 4 is the quick rule (z rounded to 2). Use z = 1.96 for the exact "
                    "normal value."),
        ),
        nudge="An interval of the form estimate +/- (a multiple of the SE) is as wide as "
              "that multiple of the SE on each side: work backwards from its width.",
        method="For a normal 95% interval, width = high - low = 2 x z x SE with "
               "z = z_0.975 = 1.96 (Altman & Bland 2011), so SE = (high - low) / (2 x 1.96). "
               "scipy.stats.norm.isf(0.025) gives z exactly.",
        recipe="low = published.get('g.pain.post.prt_vs_usual_care.text.ci_low'); high = "
               "published.get('g.pain.post.prt_vs_usual_care.text.ci_high'); se_from_ci = "
               "(high - low) / (2 * stats.norm.isf(0.025)), that is 0.96 / 3.92.",
        explanation="The text's interval carries the same precision as Table 2's SE, so the "
                    "0.01 gap between -1.74 and -1.75 is a twenty-fourth of a standard error. "
                    "evidence.read_interval(low, high).se computes the same.",
    ),
    Exercise(
        id="09.odi_se_needed",
        title="the largest SE with which g = -0.23 gives two-sided P < .001",
        expected=lambda: _odi_check().se_needed,
        tolerance=0.0005,
        close_within=0.03,
        mistakes=(
            Mistake("used a one-sided P", lambda: _odi_check(two_sided=False).se_needed,
                    "You used z for a one-sided .001 (3.09). P values in Table 2 are two-sided: "
                    "z = 3.29."),
            Mistake("used z = 1.96",
                    lambda: abs(published.get("g.odi.12mo.prt_vs_placebo")) / 1.959963984540054,
                    "1.96 belongs to P = .05. For P = .001 (two-sided) you need the z that "
                    "leaves .0005 in each tail."),
            Mistake("gave the SE the sample sizes give", lambda: _odi_check().se_given_n,
                    "That is the SE that 45 and 43 participants give a g of this size. The "
                    "question asks the opposite: how small the SE would have to be."),
        ),
        nudge="A small P value means the estimate sits many standard errors from zero. Ask "
              "how many, for P = .001, and what SE that leaves for an estimate of this size.",
        method="A two-sided test gives P <= alpha when |g| / SE >= z_{1-alpha/2} (Altman & "
               "Bland 2011), so the largest SE is |g| / z_{1-alpha/2}, with alpha = .001. "
               "scipy.stats.norm.isf(alpha / 2) gives that z.",
        recipe="g_odi = published.get('g.odi.12mo.prt_vs_placebo'); p_odi = "
               "published.get('g.odi.12mo.prt_vs_placebo.p_below'); se_needed = abs(g_odi) / "
               "stats.norm.isf(p_odi / 2), that is 0.23 / 3.29.",
        explanation="About a third of the SE that 45 and 43 people give a g of this size: the "
                    "printed -0.23 and P < .001 cannot both be right. "
                    "evidence.precision_check(g, p, n1, n2) does both computations.",
    ),
    Exercise(
        id="09.odi_what_to_quote",
        title="what to carry into a meta-analysis from the 12-month disability comparison",
        expected=lambda: "a g recomputed from the means and SDs",
        kind="choice",
        choices=ODI_CHOICES,
        reasons=(
            ("the printed g", "The g and its P cannot both be right, and nothing printed "
             "tells you which one is wrong; quoting the g copies a possible error."),
            ("the printed P", "The P is the other half of the impossible pair: it may be the "
             "right one, or the error may sit there. A P alone is no effect size, either."),
            ("a g recomputed from the means and SDs", "The 12-month means, SDs and numbers "
             "monitored are printed and agree with each other; a g computed from them (a "
             "post-only g, which you should label as such) rests on numbers that do not "
             "contradict each other."),
            ("nothing: drop the outcome", "Dropping it throws away data that are probably "
             "fine (the means and SDs), and dropping outcomes because of problems with their "
             "reporting can itself bias a review."),
        ),
        mistakes=(
            Mistake("trusted the P value", lambda: "the printed P",
                    "The P value is one half of a pair that cannot both be right with 45 and "
                    "43 people; it is no safer than the g it sits beside."),
        ),
        nudge="No calculation settles which printed number is wrong. Ask which of the "
              "printed numbers do not depend on the impossible pair.",
        method="Compare the pieces the table prints for this outcome: g, P, and the 12-month "
               "means, SDs and numbers monitored. Which of them are consistent with each "
               "other (the lesson's section 2)?",
        recipe="The g and the P contradict each other (exercise 3), the means and SDs do not; "
               "a meta-analyst recomputes g from the means, SDs and numbers monitored, and "
               "says that she did.",
        explanation="",
    ),
    Exercise(
        id="09.predict_n_12mo",
        title="your prediction: participants per arm for 80% power at the 12-month g vs "
              "placebo",
        expected=_n_12mo_80,
        kind="prediction",
        tolerance=0,
        explanation="Sample size grows with 1 / g^2. In Cohen's normal approximation (1988, "
                    "ch. 2) a two-arm trial needs about 2 (1.96 + 0.84)^2 / g^2, roughly "
                    "16 / g^2, per arm for 80% power; at |g| = 0.70 that is a little over 30, "
                    "and the t test adds a couple more. Large effects need few people; halve "
                    "the effect and the trial is four times as big.",
    ),
    Exercise(
        id="09.predict_power_at_50",
        title="your prediction: the power of a 50-per-arm trial for the cautious 12-month g",
        expected=_power_at_trial_size,
        kind="prediction",
        tolerance=0.01,
        explanation="Power depends on the effect through |g| sqrt(n/2), the effect in units "
                    "of its standard error. The cautious g is well under half the published "
                    "12-month g, so at the trial's size the signal is only about one and a "
                    "half standard errors, and most trials of that size would miss the "
                    "effect. A trial sized for a large effect is underpowered for a small "
                    "one.",
    ),
    Exercise(
        id="09.replication_n",
        title="participants per arm to detect the 12-month g's CI end nearest zero, 90% power",
        expected=lambda: _n(_bound()),
        kind="integer",
        tolerance=0,
        close_within=0.02,
        mistakes=(
            Mistake("planned on the point estimate",
                    lambda: _n(published.get("g.pain.12mo.prt_vs_placebo")),
                    "You powered the study for g = -0.70 itself. Plan for the end of its 95% "
                    "interval nearest zero: -0.70 + 1.96 x 0.21."),
            Mistake("used 80% power", lambda: _n(_bound(), power=0.8),
                    "That is the size for 80% power; the question asks for 90%."),
            Mistake("gave both arms together", lambda: 2 * _n(_bound()),
                    "That counts both arms; give the number per arm."),
            Mistake("used the normal approximation", lambda: _normal_n(_bound()),
                    "That is the normal-approximation shortcut, 2 (z + z)^2 / g^2. The t test "
                    "estimates its SD, which costs a little power: compute the power with "
                    "the noncentral t and take the smallest n that reaches 90%."),
        ),
        nudge="Two steps: first shrink the effect to the smallest one the 12-month data "
              "still support, then find the smallest trial that would detect that effect "
              "nine times in ten.",
        method="The cautious effect is the end of the 95% interval nearest zero: g + 1.96 SE "
               "for a negative g. The power of a two-sided two-sample t test with n per arm "
               "(Cohen 1988, ch. 2) is P(|T| > t_crit), where t_crit = "
               "stats.t.isf(alpha / 2, 2n - 2) and T follows a noncentral t with 2n - 2 "
               "degrees of freedom and noncentrality |g| sqrt(n / 2) (stats.nct). Increase n "
               "until the power reaches 0.9.",
        recipe="g_cautious = g_12 + 1.96 * se_12; def power(n): df = 2 * n - 2; nc = "
               "abs(g_cautious) * np.sqrt(n / 2); t_crit = stats.t.isf(0.025, df); return "
               "stats.nct.sf(t_crit, df, nc) + stats.nct.cdf(-t_crit, df, nc). Then n = 2; "
               "while power(n) < 0.9: n += 1.",
        explanation="About five times the trial's 50 per arm: a replication powered for the "
                    "smallest effect the 12-month data still support is a much bigger trial. "
                    "evidence.replication_plan(g_cautious, power=0.9) computes the same "
                    "(and evidence.bound_nearest_zero the cautious g).",
    ),
    Exercise(
        id="09.rob_domain4",
        title="RoB 2 domain 4 judgement for self-reported pain after treatment",
        expected=lambda: _d4(MODEL_ANSWERS),
        kind="judgement",
        choices=_ROB_CHOICES,
        accepted=("some concerns",),
        reasons=(
            ("low", "'Low' needs the assessor not to know the arm (4.3 No) or knowing it to be "
             "unable to influence the rating (4.4 No). Pain is rated by participants who knew "
             "their arm, and a self-rating can move with what one expects."),
            ("some concerns", "This follows from answering 4.5 Probably no: knowing the arm "
             "could have influenced the ratings, but you judge it unlikely that it did. That "
             "is defensible if you weigh the fact that the benefit lasted to 12 months and "
             "that the placebo arm also expected some benefit. The guidance leans to Yes when "
             "participants hold strong beliefs about their treatment, so argue your 4.5 "
             "explicitly."),
            ("high", "This follows from 4.5 Probably yes: PRT teaches that pain is safe and "
             "can be turned down, and the usual-care arm knew it had received nothing new, so "
             "an influence of knowing the arm on self-rated pain is likely."),
        ),
        mistakes=(
            Mistake("treated the outcome as blindly assessed",
                    lambda: _d4({"4.1": "N", "4.2": "N", "4.3": "N"}),
                    "For a self-reported outcome the assessor is the participant (guidance on "
                    "4.3), and every participant knew which arm they were in: 4.3 is Yes."),
        ),
        nudge="For pain rated by the participants themselves, ask who the assessor is, "
              "whether that person knew the arm, and whether knowing could have moved the "
              "rating.",
        method="Answer the signalling questions 4.1 to 4.5 of RoB 2's domain 4 (Sterne et al. "
               "2019; the guidance's flowchart for domain 4): 4.3 asks whether assessors knew "
               "the intervention, 4.4 whether knowing could have influenced the assessment, "
               "4.5 whether that is likely. Then appraisal.judge_domain('D4', answers).",
        recipe="4.1 N and 4.2 N (a validated questionnaire, the same in every arm); 4.3 Y "
               "(the assessor is the participant, who knew the arm); 4.4 Y (a self-rating can "
               "move with expectations); 4.5 is the judgement call: PY gives 'high', PN "
               "'some concerns'.",
        explanation="Self-reported pain from participants who knew their arm and had every "
                    "reason to expect a benefit (or none) is the trial's weakest point. "
                    "Question 3 asks you to justify your 4.5.",
    ),
    Exercise(
        id="09.rob_overall",
        title="overall RoB 2 judgement for PRT vs placebo on pain after treatment",
        expected=lambda: appraisal.assess(MODEL_ANSWERS).overall.judgement,
        kind="judgement",
        choices=_ROB_CHOICES,
        accepted=("some concerns",),
        reasons=(
            ("low", "'Low' needs every domain at low risk. Missing data (D3) and unblinded "
             "self-report (D4) give at least some concerns."),
            ("some concerns", "Consistent if your domain 4 was 'some concerns' (4.5 Probably "
             "no) and no domain is high, with the default of not escalating several "
             "'some concerns' domains to high. Say that choice; with D3 and D4 both at some "
             "concerns, many assessors would escalate to high (Sterne et al. 2019)."),
            ("high", "Follows from a domain 4 at high risk: one high domain makes the result "
             "high, whatever the others say."),
        ),
        mistakes=(
            Mistake("judged the randomization only", lambda: "low",
                    "Randomization was sound, but RoB 2 judges five domains; 'low' needs all "
                    "five to be low."),
        ),
        nudge="The overall judgement is not an average of the domains: ask what the worst "
              "domain allows.",
        method="RoB 2's overall rule (Sterne et al. 2019): low only if every domain is low; "
               "high if any domain is high (or several 'some concerns' together lower "
               "confidence substantially); some concerns otherwise. "
               "appraisal.assess(answers).overall applies it.",
        recipe="Answer all five domains (D1 and D2 and D5 low, D3 some concerns with 135 of "
               "151 measured, D4 from your exercise 5), then "
               "appraisal.assess(answers).overall.judgement: with D4 high, the overall is high.",
        explanation="High risk of bias, driven by unblinded self-report (D4), with some concerns "
                    "about missing data (D3). That does not mean PRT does not work; it means "
                    "this result cannot separate PRT's effect from expectation.",
    ),
    Exercise(
        id="09.fund_replication",
        title="would you fund the proposed replication?",
        expected=lambda: "fund if redesigned",
        kind="judgement",
        choices=FUND_CHOICES,
        accepted=("do not fund",),
        reasons=(
            ("fund as proposed", "As proposed, the replication repeats the design's weak "
             "points (one site, a no-treatment control, unblinded self-report as the only "
             "outcome) and is sized for the published effect, which is more likely to be too "
             "large than too small. A positive result would tell us little the trial did not."),
            ("fund if redesigned", "The question is worth answering, and a redesign fixes the "
             "proposal's weaknesses: an active comparator or at least an outcome less open to "
             "expectation, more sites and therapists trained from a manual, and a sample "
             "sized for a smaller effect."),
            ("do not fund", "Defensible if your budget must choose: a funder may prefer to "
             "pay for the trial that matters next (PRT against an established psychological "
             "treatment) rather than to repair this proposal. Say what you would fund "
             "instead."),
        ),
        mistakes=(
            Mistake("took the published effect at face value", lambda: "fund as proposed",
                    "This replication would be sized for the published effect, which a "
                    "single trial tends to overstate, and it keeps the unblinded self-report "
                    "that makes the original result hard to read. What would a positive "
                    "result add?"),
        ),
        nudge="Ask what a positive result from this replication would add to what the trial "
              "already shows, and whether it is big enough to find a smaller effect.",
        method="Weigh the proposal against the lesson's section 6: comparator, outcomes, "
               "sites and therapists, and the effect it is sized for (a published effect from "
               "one trial is a ceiling more than an estimate; Anderson et al. 2017).",
        recipe="The proposal keeps every limit of section 4 and plans on the published g. "
               "The course's reading: worth funding once it adds an active comparator (or "
               "objective outcomes), several sites, manual-trained therapists and a size for "
               "a cautious effect (exercise 4).",
        explanation="",
    ),
)
