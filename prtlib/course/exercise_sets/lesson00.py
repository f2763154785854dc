"""Lesson 00's warm-up exercises: reading numbers from the ledger.

The learner computes each answer from the ledger herself. Hints come in three levels (see
:mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method`` (the quantities and where they come
from) and ``recipe`` (worked steps). A wrong answer's
feedback shows the nudge.

The lesson (course/00_start_here.ipynb) asks for one prediction, ``00.predict_prt_post``;
the warm-up set asks for ``00.predict_placebo_drop``.
"""

from __future__ import annotations

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import published
from prtlib.trial.constants import ARMS
from prtlib.trial.outcomes import pain_change


def _prt_drop() -> float:
    return pain_change("prt", "post").change


def _percent_of(denominator_key: str) -> float:
    return 100 * published.get("responders.pain01.post.prt") / published.get(denominator_key)


def _least_improved() -> str:
    return min(ARMS, key=lambda arm: pain_change(arm, "post").change)


def _most_improved() -> str:
    return max(ARMS, key=lambda arm: pain_change(arm, "post").change)


DROP_CHOICES = ("yes", "no: compare it with a control arm",
                "only if the drop is statistically significant")


register(
    Exercise(
        id="00.pain_drop",
        title="points of pain lost in the PRT arm, baseline to post-treatment",
        expected=_prt_drop,
        tolerance=0.005,
        unit="points",
        mistakes=(
            Mistake("subtracted the wrong way round", lambda: -_prt_drop(),
                    "Your number has the right size but the wrong sign: a fall is baseline "
                    "minus post-treatment, so it comes out positive."),
            Mistake("used the placebo arm", lambda: pain_change("placebo", "post").change,
                    "That is the open-label placebo arm's drop. Use the keys that end in "
                    "'.prt.mean'."),
            Mistake("used the usual-care arm", lambda: pain_change("usual_care", "post").change,
                    "That is the usual-care arm's drop. Use the keys that end in '.prt.mean'."),
            Mistake("took a standard deviation", lambda: (
                published.get("pain.baseline.prt.sd") - published.get("pain.post.prt.sd")),
                    "You subtracted the standard deviations ('.sd'); use the means ('.mean')."),
        ),
        nudge="A fall is where the arm started minus where it ended.",
        method="Drop = mean pain at baseline minus mean pain after treatment, in the PRT arm "
               "(Table 2 of the paper; ledger keys 'pain.baseline.prt.mean' and "
               "'pain.post.prt.mean').",
        recipe="before = published.get('pain.baseline.prt.mean'); after = "
               "published.get('pain.post.prt.mean'); drop = before - after.",
        explanation="Average pain in the PRT arm fell by about three points on the 0-10 scale, "
                    "from about 4 to about 1.",
    ),
    Exercise(
        id="00.percent_pain_free",
        title="percentage of the PRT arm with pain 0 or 1 after treatment",
        expected=lambda: _percent_of("n.randomized.prt"),
        tolerance=0.5,
        close_within=0.02,
        unit="%",
        mistakes=(
            Mistake("divided by those who started PRT", lambda: _percent_of("n.prt.initiated"),
                    "You divided by the people who started PRT. The question asks about "
                    "everyone randomized to it: those who never started count too "
                    "(intention to treat)."),
            Mistake("gave a proportion", lambda: _percent_of("n.randomized.prt") / 100,
                    "That is a proportion between 0 and 1; multiply by 100 for a percentage."),
            Mistake("gave the count", lambda: published.get("responders.pain01.post.prt"),
                    "That is the number of people; divide it by the number randomized to PRT "
                    "and multiply by 100."),
        ),
        nudge="A percentage of a group: the people with the outcome, out of everyone in the "
              "group, times 100.",
        method="Percentage = 100 x (people with pain 0 or 1 after treatment) / (people "
               "randomized to PRT, Figure 1); keys 'responders.pain01.post.prt' and "
               "'n.randomized.prt'.",
        recipe="pain_free = published.get('responders.pain01.post.prt'); randomized = "
               "published.get('n.randomized.prt'); percent_pain_free = 100 * pain_free / "
               "randomized.",
        explanation="Two in three people offered PRT ended with pain 0 or 1 out of 10.",
    ),
    Exercise(
        id="00.predict_placebo_drop",
        title="your prediction: points of pain lost in the open-label placebo arm",
        expected=lambda: pain_change("placebo", "post").change,
        kind="prediction",
        tolerance=0.05,
        unit="points",
        explanation="The placebo arm was told its injection held nothing active, yet its pain "
                    "fell by more than a point: less than half of PRT's drop, but more than "
                    "usual care's. Expectation, the ritual of an injection, the passage of time "
                    "and regression to the mean can all lower pain without an active "
                    "ingredient (lesson 02).",
    ),
    Exercise(
        id="00.least_improved",
        title="the arm whose pain fell least by post-treatment",
        expected=_least_improved,
        kind="choice",
        choices=ARMS,
        reasons=(
            ("prt", "The PRT arm's pain fell the most of the three arms, by about three "
             "points."),
            ("placebo", "The placebo arm fell by more than a point, more than usual care."),
            ("usual_care", "Usual care fell least, from about 3.9 to about 3.1, yet it still "
             "improved without any added treatment."),
        ),
        mistakes=(
            Mistake("picked the largest drop", _most_improved,
                    "That arm improved the most. Look for the smallest drop, baseline minus "
                    "post-treatment."),
        ),
        nudge="Work out each arm's own drop first, then compare the three drops.",
        method="For each arm, drop = 'pain.baseline.<arm>.mean' minus 'pain.post.<arm>.mean' "
               "(Table 2); the answer is the arm with the smallest drop.",
        recipe="drops = {arm: published.get(f'pain.baseline.{arm}.mean') - "
               "published.get(f'pain.post.{arm}.mean') for arm in ['prt', 'placebo', "
               "'usual_care']}; least_improved = min(drops, key=drops.get).",
        explanation="Usual care improved least, yet it still improved by most of a point: "
                    "lesson 02 asks why an untreated arm gets better.",
    ),
    Exercise(
        id="00.drop_is_effect",
        title="is the PRT arm's drop in pain the effect of PRT?",
        expected=lambda: "no: compare it with a control arm",
        kind="choice",
        choices=DROP_CHOICES,
        reasons=(
            ("yes", "The drop includes everything that happened to the PRT arm over the "
             "weeks: the treatment, but also time, regression to the mean and being in a "
             "study. The control arms show that pain fell without PRT too."),
            ("no: compare it with a control arm", "The effect of PRT is how much more pain "
             "fell with PRT than it would have without it, and the control arms, randomized "
             "from the same people, show what would have happened without it."),
            ("only if the drop is statistically significant", "A significance test of the "
             "drop within one arm asks whether pain changed at all, not whether PRT changed "
             "it; a drop can be highly significant and still be due entirely to time and "
             "regression to the mean."),
        ),
        mistakes=(
            Mistake("took the drop for the effect", lambda: "yes",
                    "Look at the other arms: their pain fell too, without PRT. What part of "
                    "the PRT arm's drop would have happened anyway?"),
        ),
        nudge="Ask whether pain would have fallen in the PRT arm even without PRT, and "
              "where in the trial you could see that.",
        method="A treatment effect is a comparison between what happened with the treatment "
               "and what would have happened without it; in a randomized trial the control "
               "arms stand in for the second (lesson 02).",
        recipe="The other arms' pain also fell, so the PRT arm's drop mixes PRT's effect with "
               "changes that happen anyway. Choose 'no: compare it with a control arm'.",
        explanation="",
    ),
    Exercise(
        id="00.predict_prt_post",
        title="your prediction: the PRT arm's average pain after treatment (0-10)",
        expected=lambda: published.get("pain.post.prt.mean"),
        kind="prediction",
        tolerance=0.05,
        unit="points",
        explanation="The PRT arm started a little above 4 out of 10 and ended a little above 1: "
                    "a fall of about three points, nearly three quarters of where it started. "
                    "How much of that fall PRT itself caused, and how far to trust it, is what "
                    "the rest of the course asks.",
    ),
)
