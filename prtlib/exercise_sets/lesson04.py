"""Lesson 04's exercises: the trial's power analysis, detectable effects, multiplicity,
exaggeration and the size of a replication."""

from __future__ import annotations

from prtlib import published
from prtlib.checks import Exercise, Mistake, register


def _plan(**kwargs):
    from prtlib.power import sample_size_two_groups

    args = {"d": published.get("power.target_d"), "power": published.get("power.power"),
            "alpha": published.get("power.alpha")}
    args.update(kwargs)
    return sample_size_two_groups(args.pop("d"), **args)


def _mde(n_key="n.monitored.post.prt", **kwargs):
    from prtlib.power import minimum_detectable_effect

    return minimum_detectable_effect(published.get(n_key), **kwargs)


def _power(alpha):
    from prtlib.power import power_two_groups

    return power_two_groups(published.get("power.target_d"), published.get("n.randomized.prt"),
                            alpha=alpha)


def _design(n_key="n.monitored.post.prt"):
    from prtlib.power import design_analysis

    return design_analysis(0.5, published.get(n_key))


def _replication(key="g.pain.post.prt_vs_placebo.text.ci_high", power=0.9):
    from prtlib.power import sample_size_two_groups

    return sample_size_two_groups(abs(published.get(key)), power).n_per_group


register(
    Exercise(
        id="04.n_per_arm",
        title="participants per arm in the trial's own power analysis",
        expected=lambda: _plan().n_per_group,
        kind="integer",
        tolerance=0,
        mistakes=(
            Mistake("rounded down", lambda: _plan().n_per_group - 1,
                    "41.8 rounds UP: 41 people per arm would leave power just under 80%."),
            Mistake("gave the total", lambda: _plan().n_total,
                    "That is both arms together; the question asks per arm."),
            Mistake("one-sided test", lambda: _plan(alternative="larger").n_per_group,
                    "That is the answer for a one-sided test. Read the trial's alpha of .05 "
                    "as two-sided, as the course does."),
            Mistake("90% power", lambda: _plan(power=0.9).n_per_group,
                    "That is the answer for 90% power; the trial planned 80%."),
        ),
        hint="sample_size_two_groups(d, power, alpha) with the ledger's 'power.target_d', "
             "'power.power' and 'power.alpha'; read .n_per_group.",
        explanation="42 per arm (41.8 before rounding up). The trial randomized 50 per arm, "
                    "a margin above 42; after treatment 44 PRT participants were assessed.",
    ),
    Exercise(
        id="04.mde",
        title="smallest d detectable with 80% power with the 44 analysed per arm",
        expected=lambda: _mde(),
        tolerance=0.005,
        mistakes=(
            Mistake("used the 50 randomized", lambda: _mde("n.randomized.prt"),
                    "That is the MDE for 50 per arm. After treatment 44 PRT participants were "
                    "assessed ('n.monitored.post.prt')."),
            Mistake("one-sided test", lambda: _mde(alternative="larger"),
                    "That is the one-sided answer; keep the two-sided alpha of .05."),
            Mistake("90% power", lambda: _mde(power=0.9),
                    "That is the MDE for 90% power; the question asks for 80%."),
        ),
        hint="minimum_detectable_effect(n_per_group) with n = published.get("
             "'n.monitored.post.prt').",
        explanation="About 0.60: with the people actually analysed, the trial could reliably "
                    "detect effects close to the 0.62 it was planned for, and far smaller "
                    "than the 1.14 it found.",
    ),
    Exercise(
        id="04.power_corrected",
        title="power per comparison at d = 0.62, 50 per arm, after a Bonferroni correction",
        expected=lambda: _power(published.get("power.alpha") / 2),
        tolerance=0.005,
        mistakes=(
            Mistake("no correction", lambda: _power(published.get("power.alpha")),
                    "That is the uncorrected power. Bonferroni tests each of the two "
                    "comparisons at alpha / 2."),
            Mistake("divided by three arms", lambda: _power(published.get("power.alpha") / 3),
                    "There are three arms but only two comparisons (PRT vs each control): "
                    "divide alpha by 2."),
        ),
        hint="power_two_groups(d, n_per_group, alpha=0.05 / 2).",
        explanation="About 80%: correcting for two comparisons costs some seven points of "
                    "power at the planned effect.",
    ),
    Exercise(
        id="04.exaggeration",
        title="exaggeration ratio if the true d were 0.5 with 44 per arm",
        expected=lambda: _design().exaggeration,
        tolerance=0.01,
        mistakes=(
            Mistake("gave the power", lambda: _design().power,
                    "That is the power. The exaggeration ratio is the mean |significant "
                    "estimate| divided by the true d (attribute .exaggeration)."),
            Mistake("inverted the ratio", lambda: 1 / _design().exaggeration,
                    "You divided the true d by the significant estimates; the ratio is the "
                    "other way round, and above 1."),
            Mistake("used 50 per arm", lambda: _design("n.randomized.prt").exaggeration,
                    "That is the answer for 50 per arm; 44 per arm were analysed after "
                    "treatment."),
        ),
        hint="design_analysis(0.5, 44).exaggeration, with 44 from 'n.monitored.post.prt'.",
        explanation="About 1.26: if PRT's true advantage were d = 0.5, trials of this size "
                    "that reach significance would overstate it by about a quarter on average.",
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
        hint="The interval printed with -1.14 runs from -1.65 to -0.71 "
             "('g.pain.post.prt_vs_placebo.text.ci_high' is -0.71). Use "
             "sample_size_two_groups(0.71, power=0.9).",
        explanation="About 43 per arm: planning for the cautious end of the interval, not the "
                    "point estimate, more than doubles the replication.",
    ),
)
