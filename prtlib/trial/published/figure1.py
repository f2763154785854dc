"""The ledger's facts from Figure 1: the CONSORT flow of participants."""

from __future__ import annotations


def figure1_flow(add) -> None:
    """Figure 1: the CONSORT flow."""
    add("n.screened", "1321", "Figure 1", unit="participants", note="Screened online.")
    add("n.assessed_in_person", "218", "Figure 1", unit="participants", note="Assessed in person.")
    add("n.completed_pretreatment", "152", "Figure 1", unit="participants",
        note="Completed the pretreatment assessment.")
    add("n.randomized.prt", "50", "Figure 1", unit="participants", note="Randomized to PRT.")
    add("n.randomized.placebo", "51", "Figure 1", unit="participants",
        note="Randomized to placebo.")
    add("n.randomized.usual_care", "50", "Figure 1", unit="participants",
        note="Randomized to usual care.")
    add("n.randomized.total", "151", "Figure 1", unit="participants",
        note="Randomized in total (the intention-to-treat sample).")
    add("n.prt.initiated", "45", "Figure 1", unit="participants",
        note="Randomized to PRT and started treatment.")
    add("n.prt.never_initiated", "5", "Figure 1", unit="participants",
        note="Randomized to PRT but never started treatment.")
    add("n.prt.completed", "44", "Figure 1", unit="participants", note="Completed PRT.")
    add("n.prt.dropped", "1", "Figure 1", unit="participants",
        note="Dropped out of PRT (medical emergency).")
    add("n.placebo.received", "44", "Figure 1", unit="participants",
        note="Received the open-label placebo injection.")
    add("n.placebo.lost", "4", "Figure 1", unit="participants",
        note="Placebo arm: lost to follow-up.")
    add("n.placebo.withdrew", "3", "Figure 1", unit="participants", note="Placebo arm: withdrew.")
    add("n.monitored.post.prt", "44", "Figure 1", unit="participants",
        note="PRT arm participants with data at post.")
    add("n.monitored.post.placebo", "44", "Figure 1", unit="participants",
        note="placebo arm participants with data at post.")
    add("n.monitored.post.usual_care", "47", "Figure 1", unit="participants",
        note="usual care arm participants with data at post.")
    add("n.monitored.1mo.prt", "38", "Figure 1", unit="participants",
        note="PRT arm participants with data at 1mo.")
    add("n.monitored.1mo.placebo", "44", "Figure 1", unit="participants",
        note="placebo arm participants with data at 1mo.")
    add("n.monitored.1mo.usual_care", "41", "Figure 1", unit="participants",
        note="usual care arm participants with data at 1mo.")
    add("n.monitored.2mo.prt", "37", "Figure 1", unit="participants",
        note="PRT arm participants with data at 2mo.")
    add("n.monitored.2mo.placebo", "35", "Figure 1", unit="participants",
        note="placebo arm participants with data at 2mo.")
    add("n.monitored.2mo.usual_care", "38", "Figure 1", unit="participants",
        note="usual care arm participants with data at 2mo.")
    add("n.monitored.3mo.prt", "37", "Figure 1", unit="participants",
        note="PRT arm participants with data at 3mo.")
    add("n.monitored.3mo.placebo", "38", "Figure 1", unit="participants",
        note="placebo arm participants with data at 3mo.")
    add("n.monitored.3mo.usual_care", "37", "Figure 1", unit="participants",
        note="usual care arm participants with data at 3mo.")
    add("n.monitored.6mo.prt", "41", "Figure 1", unit="participants",
        note="PRT arm participants with data at 6mo.")
    add("n.monitored.6mo.placebo", "37", "Figure 1", unit="participants",
        note="placebo arm participants with data at 6mo.")
    add("n.monitored.6mo.usual_care", "38", "Figure 1", unit="participants",
        note="usual care arm participants with data at 6mo.")
    add("n.monitored.12mo.prt", "45", "Figure 1", unit="participants",
        note="PRT arm participants with data at 12mo.")
    add("n.monitored.12mo.placebo", "43", "Figure 1", unit="participants",
        note="placebo arm participants with data at 12mo.")
    add("n.monitored.12mo.usual_care", "36", "Figure 1", unit="participants",
        note="usual care arm participants with data at 12mo.")
    add("n.excluded.pain_below_4.first", "192", "Figure 1", unit="participants",
        note="First of the two screening-exclusion counts for pain below 4/10 (192 + 24); these "
             "people show why a pain threshold invites regression to the mean.")
    add("n.excluded.pain_below_4.second", "24", "Figure 1", unit="participants",
        note="Second of the two screening-exclusion counts for pain below 4/10 (192 + 24).")
