"""Lesson 09's exercises: checking reports against the record, and a RoB 2 appraisal."""

from __future__ import annotations

from prtlib import appraisal, evidence, published
from prtlib.checks import Exercise, Mistake, register

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
        hint="Under the summary's reading 48 people were randomized with equal probability: "
             "16 expected per arm. Compute sum((observed - 16)**2 / 16), or use "
             "scipy.stats.chisquare([33, 10, 5]).statistic with the counts from the ledger.",
        explanation="A split as lopsided as 33/10/5 almost never comes out of equal-probability "
                    "randomization (p below one in a million), a second sign that these are "
                    "not arm sizes.",
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
                    "Width / 4 is the quick rule (z rounded to 2); it gives 0.240. Use "
                    "z = 1.96 for the exact normal value."),
        ),
        hint="A normal 95% interval is estimate +/- 1.96 SE, so its width is 2 x 1.96 x SE. "
             "The limits are under 'g.pain.post.prt_vs_usual_care.text.ci_low' and "
             "'...ci_high'.",
        explanation="About 0.245: the text's interval carries the same precision as Table 2's "
                    "SE of 0.24, so the 0.01 gap between -1.74 and -1.75 is a twenty-fourth "
                    "of a standard error.",
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
        hint="P < .001 two-sided needs |g| / SE >= z, with z = scipy.stats.norm.isf(0.001 / 2). "
             "Solve for SE.",
        explanation="About 0.07, three times smaller than the ~0.21 that 45 and 43 people give: "
                    "the printed -0.23 and P < .001 cannot both be right.",
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
        ),
        hint="Shrink first: g = -0.70 + 1.96 x 0.21 (evidence.bound_nearest_zero). Then "
             "evidence.replication_plan(g, power=0.9).n_per_arm, or "
             "power.sample_size_two_groups(abs(g), power=0.9).",
        explanation="About five times the trial's 50 per arm: a replication powered for the "
                    "smallest effect the 12-month data still support is a much bigger trial.",
    ),
    Exercise(
        id="09.rob_domain4",
        title="RoB 2 domain 4 judgement for self-reported pain after treatment",
        expected=lambda: _d4(MODEL_ANSWERS),
        kind="choice",
        choices=_ROB_CHOICES,
        mistakes=(
            Mistake("treated the outcome as blindly assessed",
                    lambda: _d4({"4.1": "N", "4.2": "N", "4.3": "N"}),
                    "For a self-reported outcome the assessor is the participant (guidance on "
                    "4.3), and every participant knew which arm they were in: 4.3 is Yes."),
            Mistake("judged an influence possible but unlikely",
                    lambda: _d4({"4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "Y", "4.5": "PN"}),
                    "That follows from answering 4.5 No or Probably no. The guidance asks for "
                    "Yes when participants hold strong beliefs about the treatment: PRT "
                    "teaches that pain is safe and reversible, and the usual-care arm knew it "
                    "got nothing. Argue your 4.5 explicitly if you keep this answer."),
        ),
        hint="Answer 4.1 to 4.5 for pain reported by the participants themselves, then run "
             "appraisal.judge_domain('D4', answers).judgement.",
        explanation="Self-reported pain from participants who knew their arm and had every "
                    "reason to expect a benefit (or none) is the trial's weakest point.",
    ),
    Exercise(
        id="09.rob_overall",
        title="overall RoB 2 judgement for PRT vs placebo on pain after treatment",
        expected=lambda: appraisal.assess(MODEL_ANSWERS).overall.judgement,
        kind="choice",
        choices=_ROB_CHOICES,
        mistakes=(
            Mistake("let the good domains outvote the bad one", lambda: "some concerns",
                    "The overall judgement is not an average: one domain at high risk makes "
                    "the result high (Sterne et al. 2019). Check your domain 4."),
            Mistake("judged the randomization only", lambda: "low",
                    "Randomization was sound, but RoB 2 judges five domains; 'low' needs all "
                    "five to be low."),
        ),
        hint="Fill in all five domains, then appraisal.assess(answers).overall.judgement.",
        explanation="High risk of bias, driven by unblinded self-report (D4), with some concerns "
                    "about missing data (D3). That does not mean PRT does not work; it means "
                    "this result cannot separate PRT's effect from expectation.",
    ),
)
