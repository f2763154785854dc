"""The ledger's facts from the Results text on the primary end point."""

from __future__ import annotations


def results_text_primary(add) -> None:
    """The Results text on the primary end point (and the post-only g derived from Table 2)."""
    add("test.pain.post.prt_vs_placebo.difference", "1.79", "Results text", unit="points (0-10)",
        note="Mixed-model difference in pain at post-treatment, PRT vs placebo, printed as a "
             "positive number of points in favour of PRT.")
    add("test.pain.post.prt_vs_placebo.t", "6.06", "Results text", unit="t",
        note="t statistic of the group x time test at post-treatment, PRT vs placebo.")
    add("test.pain.post.prt_vs_placebo.df", "137.63", "Results text", unit="df",
        note="Degrees of freedom (fractional, from the mixed model) of that t test, PRT vs "
             "placebo.")
    add("g.pain.post.prt_vs_placebo.text", "-1.14", "Results text", unit="Hedges g",
        note="Same value as Table 2.")
    add("g.pain.post.prt_vs_placebo.text.ci_low", "-1.65", "Results text", unit="Hedges g",
        note="Lower end of the 95% CI printed with g.pain.post.prt_vs_placebo.text.")
    add("g.pain.post.prt_vs_placebo.text.ci_high", "-0.71", "Results text", unit="Hedges g",
        note="Upper end of the 95% CI printed with g.pain.post.prt_vs_placebo.text.")
    add("test.pain.post.prt_vs_usual_care.difference", "2.40", "Results text", unit="points (0-10)",
        note="Mixed-model difference in pain at post-treatment, PRT vs usual care, printed as a "
             "positive number of points in favour of PRT.")
    add("test.pain.post.prt_vs_usual_care.t", "8.13", "Results text", unit="t",
        note="t statistic of the group x time test at post-treatment, PRT vs usual care.")
    add("test.pain.post.prt_vs_usual_care.df", "135.69", "Results text", unit="df",
        note="Degrees of freedom (fractional, from the mixed model) of that t test, PRT vs usual "
             "care.")
    add("g.pain.post.prt_vs_usual_care.text", "-1.74", "Abstract; Results text",
        unit="Hedges g", uses=False,
        note="The abstract and Results text print -1.74 where Table 2 prints -1.75; the course "
             "quotes Table 2 (see inconsistencies()).")
    add("g.pain.post.prt_vs_usual_care.text.ci_low", "-2.28", "Results text", unit="Hedges g",
        note="Lower end of the 95% CI printed with g.pain.post.prt_vs_usual_care.text.")
    add("g.pain.post.prt_vs_usual_care.text.ci_high", "-1.32", "Results text", unit="Hedges g",
        note="Upper end of the 95% CI printed with g.pain.post.prt_vs_usual_care.text.")
    add("g.pain.post.prt_vs_placebo.post_only", "-1.13", "Derived from Table 2",
        unit="Hedges g", uses=False,
        note="About this value: Hedges g from post-treatment means and SDs alone, ignoring "
             "baseline (stated in the facts file). Not the paper's change-score g; shown to teach "
             "the difference.")
    add("g.pain.post.prt_vs_usual_care.post_only", "-1.43", "Derived from Table 2",
        unit="Hedges g", uses=False,
        note="About this value: Hedges g from post-treatment means and SDs alone, ignoring "
             "baseline (stated in the facts file). Not the paper's change-score g; shown to teach "
             "the difference.")
