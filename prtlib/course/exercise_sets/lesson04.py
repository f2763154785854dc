"""Lesson 04's exercises: the trial's power analysis, detectable effects, multiplicity,
exaggeration and the size of a replication.

Every expected answer is computed here by :mod:`prtlib.stats.power` (exactly, from the noncentral
t). The learner computes each one herself: power from ``scipy.stats.nct`` (the noncentral t
of the two-sample t test; Cohen 1988, ch. 2; Faul et al. 2007), a search over n for a
sample size or over d for a detectable effect, a Bonferroni-corrected alpha by hand, and a
small seeded simulation of the exaggeration ratio (Gelman & Carlin 2014). The ``prtlib``
function that does the same is named in each explanation, to compare.

Hints come in three levels (see :mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method`` (the
quantities and the formula with its source) and ``recipe`` (worked steps). A wrong answer's
feedback shows the nudge.

Predictions: ``04.predict_familywise`` in the lesson (before the simulation of null trials)
and ``04.predict_exaggeration`` in the exercise set.
"""

from __future__ import annotations

import functools

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import published


def _plan(**kwargs):
    from prtlib.stats.power import sample_size_two_groups

    args = {"d": published.get("power.target_d"), "power": published.get("power.power"),
            "alpha": published.get("power.alpha")}
    args.update(kwargs)
    return sample_size_two_groups(args.pop("d"), **args)


def _mde(n_key="n.monitored.post.prt", **kwargs):
    from prtlib.stats.power import minimum_detectable_effect

    return minimum_detectable_effect(published.get(n_key), **kwargs)


def _power(alpha):
    from prtlib.stats.power import power_two_groups

    return power_two_groups(published.get("power.target_d"), published.get("n.randomized.prt"),
                            alpha=alpha)


def _design(n_key="n.monitored.post.prt"):
    from prtlib.stats.design_analysis import design_analysis

    return design_analysis(0.5, published.get(n_key))


def _replication(key="g.pain.post.prt_vs_placebo.text.ci_high", power=0.9):
    from prtlib.stats.power import sample_size_two_groups

    return sample_size_two_groups(abs(published.get(key)), power).n_per_group


@functools.cache
def _null_familywise_percent() -> float:
    """The lesson's simulation: 20000 null trials of 50 / 51 / 50, no correction, seed 2."""
    from prtlib.stats.simulation import simulate_trials
    from prtlib.trial.constants import ARMS

    arms = tuple(published.get(f"n.randomized.{arm}") for arm in ARMS)
    return 100 * simulate_trials(n_per_arm=arms, n_trials=20000, seed=2).power_any




_POWER_METHOD = ("Power of the two-sided two-sample t test (Cohen 1988, ch. 2; Faul et al. "
                 "2007): with n per arm, df = 2n - 2 and noncentrality ncp = d sqrt(n / 2); "
                 "the critical value is t_crit = stats.t.ppf(1 - alpha / 2, df); power = "
                 "stats.nct.sf(t_crit, df, ncp) + stats.nct.cdf(-t_crit, df, ncp).")

register(
    Exercise(
        id="04.power_corrected",
        title="power per comparison at d = 0.62, 50 per arm, after a Bonferroni correction, "
              "from the noncentral t",
        expected=lambda: _power(published.get("power.alpha") / 2),
        tolerance=0.005,
        mistakes=(
            Mistake("no correction", lambda: _power(published.get("power.alpha")),
                    "That is the uncorrected power. Bonferroni shares the alpha among the "
                    "comparisons of the family."),
            Mistake("divided by three arms", lambda: _power(published.get("power.alpha") / 3),
                    "There are three arms but only two comparisons (PRT vs each control): "
                    "share alpha between two."),
        ),
        nudge="Power is the chance that the test statistic lands beyond the critical values "
              "when the true effect is d. A correction makes the critical values stricter.",
        method="Bonferroni: each of m comparisons is tested at alpha / m (lesson 04, section "
               "3), here m = 2. " + _POWER_METHOD,
        recipe="alpha_each = 0.05 / 2; n = 50; df = 98; ncp = 0.62 * np.sqrt(50 / 2); "
               "t_crit = stats.t.ppf(1 - alpha_each / 2, df); power_corrected = "
               "stats.nct.sf(t_crit, df, ncp) + stats.nct.cdf(-t_crit, df, ncp).",
        explanation="About 80%: correcting for two comparisons costs some seven points of "
                    "power at the planned effect. prtlib.stats.power.power_two_groups(d, n, "
                    "alpha=alpha_each) does the same computation.",
    ),
    Exercise(
        id="04.n_per_arm",
        title="participants per arm in the trial's own power analysis, by a search over n",
        expected=lambda: _plan().n_per_group,
        kind="integer",
        tolerance=0,
        mistakes=(
            Mistake("rounded down", lambda: _plan().n_per_group - 1,
                    "One person fewer per arm leaves power just under 80%: the answer is the "
                    "smallest n that reaches the target."),
            Mistake("gave the total", lambda: _plan().n_total,
                    "That is both arms together; the question asks per arm."),
            Mistake("one-sided test", lambda: _plan(alternative="greater").n_per_group,
                    "That is the answer for a one-sided test. Read the trial's alpha of .05 "
                    "as two-sided, as the course does."),
            Mistake("90% power", lambda: _plan(power=0.9).n_per_group,
                    "That is the answer for 90% power; the trial planned 80%."),
        ),
        nudge="Power grows with n. Try n = 2, 3, 4, ... and stop at the first n whose power "
              "reaches the target.",
        method="Use your power function from exercise 1 with the trial's planning values "
               "('power.target_d', 'power.power', 'power.alpha', two-sided). "
               + _POWER_METHOD + " The sample size is the smallest whole n with power >= "
               "the target (Cohen 1988, ch. 2).",
        recipe="n = 2; while t_test_power(0.62, n, 0.05) < 0.80: n += 1; then n_per_arm = n "
               "(power first reaches 0.80 between 41 and 42 per arm).",
        explanation="42 per arm (41.8 before rounding up). The trial randomized 50 per arm, "
                    "a margin above 42; after treatment 44 PRT participants were assessed. "
                    "prtlib.stats.power.sample_size_two_groups(d, power, alpha) gives the same.",
    ),
    Exercise(
        id="04.mde",
        title="smallest d detectable with 80% power with the 44 analysed per arm, by a search "
              "over d",
        expected=lambda: _mde(),
        tolerance=0.005,
        mistakes=(
            Mistake("used the 50 randomized", lambda: _mde("n.randomized.prt"),
                    "That is the detectable effect for 50 per arm. After treatment 44 PRT "
                    "participants were assessed ('n.monitored.post.prt')."),
            Mistake("one-sided test", lambda: _mde(alternative="greater"),
                    "That is the one-sided answer; keep the two-sided alpha of .05."),
            Mistake("90% power", lambda: _mde(power=0.9),
                    "That is the detectable effect for 90% power; the question asks for 80%."),
        ),
        nudge="Now n is fixed and d is unknown: power grows with d, so look for the d at which "
              "power just reaches 80%.",
        method="The minimum detectable effect solves power(d, n = 44, alpha = .05) = 0.80 "
               "for d (Cohen 1988, ch. 2; G*Power's 'sensitivity' analysis, Faul et al. "
               "2007). " + _POWER_METHOD + " Solve with a fine grid of d or with "
               "scipy.optimize.brentq on power - 0.80.",
        recipe="n = published.get('n.monitored.post.prt') (44); mde = "
               "optimize.brentq(lambda d: t_test_power(d, 44, 0.05) - 0.80, 0.01, 3) "
               "(or: d_grid = np.arange(0.3, 1.0, 0.0005) and take the first d whose power "
               "is at least 0.80).",
        explanation="About 0.60: with the people actually analysed, the trial could reliably "
                    "detect effects close to the 0.62 it was planned for, and far smaller "
                    "than the 1.14 it found. prtlib.stats.power.minimum_detectable_effect(44) "
                    "gives the same.",
    ),
    Exercise(
        id="04.predict_exaggeration",
        title="your prediction: how many times the true d = 0.5 the significant estimates of "
              "44-per-arm trials are on average",
        expected=lambda: _design().exaggeration,
        kind="prediction",
        tolerance=0.01,
        explanation="At d = 0.5 with 44 per arm, only about two trials in three reach "
                    "significance, and the ones that miss are mostly those whose estimate "
                    "fell short of the truth. Keeping only the significant ones removes the "
                    "low estimates, so their average sits above 0.5. The lower the power, "
                    "the more of the distribution is cut away and the larger the ratio "
                    "(Gelman & Carlin 2014).",
    ),
    Exercise(
        id="04.exaggeration",
        title="exaggeration ratio if the true d were 0.5 with 44 per arm, by simulation",
        expected=lambda: _design().exaggeration,
        tolerance=0.01,
        mistakes=(
            Mistake("gave the power", lambda: _design().power,
                    "That is the power (the share of significant trials). The exaggeration "
                    "ratio compares the size of the significant estimates with the truth."),
            Mistake("inverted the ratio", lambda: 1 / _design().exaggeration,
                    "You divided the true d by the significant estimates; the ratio is the "
                    "other way round, and above 1."),
            Mistake("used 50 per arm", lambda: _design("n.randomized.prt").exaggeration,
                    "That is the answer for 50 per arm; 44 per arm were analysed after "
                    "treatment."),
        ),
        nudge="Run many imaginary trials with a known true effect, keep only those that "
              "reach significance, and compare their estimates with the truth.",
        method="Design analysis (Gelman & Carlin 2014): the exaggeration ratio (type M "
               "error) is E(|estimate| given significance) / |true effect|. Simulate many "
               "trials of n = 44 per arm with a true d = 0.5 (SD 1): draw both arms with "
               "numpy, compute d = difference in means / pooled SD and t = d sqrt(n / 2), "
               "call a trial significant when |t| > stats.t.ppf(0.975, 2n - 2), and average "
               "|d| over the significant trials. Use a fixed seed and at least 20,000 trials.",
        recipe="rng = np.random.default_rng(2014); a = rng.normal(0.5, 1, (50_000, 44)); "
               "b = rng.normal(0, 1, (50_000, 44)); pooled = np.sqrt((a.var(axis=1, ddof=1) "
               "+ b.var(axis=1, ddof=1)) / 2); d_hat = (a.mean(axis=1) - b.mean(axis=1)) / "
               "pooled; significant = np.abs(d_hat * np.sqrt(44 / 2)) > stats.t.ppf(0.975, "
               "86); exaggeration = np.abs(d_hat[significant]).mean() / 0.5.",
        explanation="About 1.26: if PRT's true advantage were d = 0.5, trials of this size "
                    "that reach significance would overstate it by about a quarter on "
                    "average. prtlib.stats.design_analysis.design_analysis(0.5, "
                    "44).exaggeration computes it exactly from the noncentral t, without "
                    "simulation error.",
    ),
    Exercise(
        id="04.replication_n",
        title="per-arm size of a replication with 90% power for the lower CI bound vs placebo",
        expected=lambda: _replication(),
        kind="integer",
        tolerance=0,
        mistakes=(
            Mistake("planned for the point estimate", lambda: _replication(
                "g.pain.post.prt_vs_placebo"),
                    "You planned for the observed g of 1.14. Significant estimates tend to be "
                    "too large; plan for the cautious end of the interval."),
            Mistake("80% power", lambda: _replication(power=0.8),
                    "That is the answer for 80% power; the question asks for 90%."),
            Mistake("gave the total", lambda: 2 * _replication(),
                    "That is both arms together; give the number per arm."),
        ),
        nudge="This is exercise 2 again, with a different effect to plan for and a higher "
              "target power.",
        method="Plan for |d| at the end of the interval nearer zero, the key "
               "'g.pain.post.prt_vs_placebo.text.ci_high' (Results text), with 90% power and "
               "a two-sided alpha of .05. " + _POWER_METHOD + " The sample size is the "
               "smallest whole n with power >= 0.90.",
        recipe="cautious_d = abs(published.get('g.pain.post.prt_vs_placebo.text.ci_high')) "
               "(0.71); n = 2; while t_test_power(cautious_d, n, 0.05) < 0.90: n += 1; "
               "replication_n = n.",
        explanation="About 43 per arm: planning for the cautious end of the interval, not the "
                    "point estimate, more than doubles the replication. "
                    "prtlib.stats.power.sample_size_two_groups(0.71, power=0.9) gives the same.",
    ),
    Exercise(
        id="04.power_meaning",
        title="what the trial's power of about 87% at d = 0.62 says",
        expected=lambda: "the design",
        kind="choice",
        choices=("the design", "PRT works", "false positive", "replication"),
        mistakes=(
            Mistake("read power as the probability that the treatment works",
                    lambda: "PRT works",
                    "Power is computed by assuming an effect (d = 0.62) is true; it cannot "
                    "then be the probability that an effect exists. That probability needs a "
                    "prior and the data, not a design."),
        ),
        reasons=(
            ("the design",
             "Yes: power describes the plan before any data: if the true d were 0.62, "
             "about 87% of trials of this design (50 per arm, two-sided alpha .05) would "
             "reach significance. It says nothing about whether this trial's result is "
             "right; the data and the interval speak to that."),
            ("PRT works",
             "Power assumes the effect is there and asks how often the trial would detect "
             "it. The probability that PRT works is a different quantity, which needs a "
             "prior and the data."),
            ("false positive",
             "The chance of a false alarm when PRT does nothing is alpha (.05 per "
             "comparison), not one minus power. Whether a significant result is a false "
             "positive also depends on how plausible the effect was to begin with."),
            ("replication",
             "Close, but only under an assumption: a same-size replication would succeed "
             "87% of the time *if* the true d were 0.62. The trial's own estimate is "
             "larger and may be inflated, so the replication's real chance is unknown."),
        ),
        nudge="Ask what power assumes before it is computed, and whether it uses the data.",
        method="Power is P(reject H0 | true d = the planning value) for a given n, alpha and "
               "test (Cohen 1988, ch. 2): a property of the design under an assumed effect, "
               "computed before the data.",
        recipe="Check each option against that definition: which one conditions on an "
               "assumed true d and uses no data? The others answer questions about the "
               "truth of the effect, about alpha, or about a replication's true effect.",
        explanation="No computation decides this: it is a question of what power means.",
    ),
    Exercise(
        id="04.predict_familywise",
        title="your prediction: % of null three-arm trials with at least one 'significant' "
              "comparison, uncorrected",
        expected=_null_familywise_percent,
        kind="prediction",
        tolerance=0.5,
        unit="%",
        explanation="Each comparison alone is a false alarm 5% of the time, so the chance "
                    "that at least one of two is can only be higher: 1 - 0.95^2, just under "
                    "10%, if the two tests were independent. They are not: both use the same "
                    "PRT arm, so they tend to err together, and the familywise error comes "
                    "out a little below that, near 9%.",
    ),
)
