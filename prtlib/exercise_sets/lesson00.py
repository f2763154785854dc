"""Lesson 00's warm-up exercises: reading numbers from the ledger."""

from __future__ import annotations

from prtlib import published
from prtlib.checks import Exercise, Mistake, register
from prtlib.constants import ARMS
from prtlib.outcomes import pain_change


def _prt_drop() -> float:
    return pain_change("prt", "post").change


def _percent_of(denominator_key: str) -> float:
    return 100 * published.get("responders.pain01.post.prt") / published.get(denominator_key)


def _least_improved() -> str:
    return min(ARMS, key=lambda arm: pain_change(arm, "post").change)


def _most_improved() -> str:
    return max(ARMS, key=lambda arm: pain_change(arm, "post").change)


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
        hint="Get the two means with published.get('pain.baseline.prt.mean') and "
             "published.get('pain.post.prt.mean'), then subtract the later from the earlier.",
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
        hint="Divide the count under 'responders.pain01.post.prt' by the number randomized "
             "to PRT ('n.randomized.prt'), then multiply by 100.",
        explanation="Two in three people offered PRT ended with pain 0 or 1 out of 10.",
    ),
    Exercise(
        id="00.least_improved",
        title="the arm whose pain fell least by post-treatment",
        expected=_least_improved,
        kind="choice",
        choices=ARMS,
        mistakes=(
            Mistake("picked the largest drop", _most_improved,
                    "That arm improved the most. Look for the smallest drop, baseline minus "
                    "post-treatment."),
        ),
        hint="Compute baseline minus post-treatment for each arm and pick the smallest.",
        explanation="Usual care improved least, yet it still improved by most of a point: "
                    "lesson 02 asks why an untreated arm gets better.",
    ),
)
