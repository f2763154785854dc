"""The trial's vocabulary: arms and assessment times, with their display labels.

These are names, not numbers from the paper; the numbers live in ``prtlib.trial.published``.
"""

from prtlib import _validate

ARMS = ("prt", "placebo", "usual_care")
"""The three randomized arms, in the order the paper reports them."""

ARM_LABELS = {
    "prt": "Pain Reprocessing Therapy",
    "placebo": "Open-label placebo",
    "usual_care": "Usual care",
}

ARM_SHORT_LABELS = {"prt": "PRT", "placebo": "Placebo", "usual_care": "Usual care"}

TIMES = ("baseline", "post", "1mo", "2mo", "3mo", "6mo", "12mo")
"""Assessment times: baseline, post-treatment, then follow-ups after post-treatment."""

TIME_LABELS = {
    "baseline": "Baseline",
    "post": "Post-treatment",
    "1mo": "1-month follow-up",
    "2mo": "2-month follow-up",
    "3mo": "3-month follow-up",
    "6mo": "6-month follow-up",
    "12mo": "12-month follow-up",
}

MONTHS_AFTER_BASELINE = {
    "baseline": 0,
    "post": 1,
    "1mo": 2,
    "2mo": 3,
    "3mo": 4,
    "6mo": 7,
    "12mo": 13,
}
"""Approximate months since baseline: post-treatment is one month after baseline and the
follow-ups are counted from post-treatment."""

COMPARISONS = ("prt_vs_placebo", "prt_vs_usual_care")

COMPARISON_LABELS = {"prt_vs_placebo": "PRT vs placebo", "prt_vs_usual_care": "PRT vs usual care"}
"""How figures, menus and readouts name each comparison."""


def control_arm(comparison: str) -> str:
    """The control arm of a comparison in :data:`COMPARISONS`.

    >>> control_arm("prt_vs_usual_care")
    'usual_care'
    >>> control_arm("placebo")
    Traceback (most recent call last):
    ...
    ValueError: comparison must be one of 'prt_vs_placebo', 'prt_vs_usual_care'; got 'placebo'.
    """
    _validate.choice("comparison", comparison, COMPARISONS)
    return comparison.removeprefix("prt_vs_")
