"""The ledger's facts from a news summary that misread the trial (not the paper)."""

from __future__ import annotations


def news_summary(add) -> None:
    """The news summary's misreading (not the paper)."""
    add("news_summary.claimed_randomized.prt", "33", "News summary (not the paper)",
        unit="participants", uses=False,
        note="A widely shared summary called this the number randomized to PRT; it is the number "
             "with pain 0 or 1 at post-treatment.")
    add("news_summary.claimed_randomized.placebo", "10", "News summary (not the paper)",
        unit="participants", uses=False,
        note="A widely shared summary called this the number randomized to placebo; it is the "
             "number with pain 0 or 1 at post-treatment.")
    add("news_summary.claimed_randomized.usual_care", "5", "News summary (not the paper)",
        unit="participants", uses=False,
        note="A widely shared summary called this the number randomized to usual care; it is the "
             "number with pain 0 or 1 at post-treatment.")
