"""The ledger's facts from Table 1: the participants' baseline characteristics."""

from __future__ import annotations


def table1_baseline(add) -> None:
    """Table 1: baseline characteristics."""
    add("baseline.age.prt.mean", "42.6", "Table 1", unit="years",
        note="Baseline age, PRT arm, mean.")
    add("baseline.age.prt.sd", "16.2", "Table 1", unit="years", note="Baseline age, PRT arm, SD.")
    add("baseline.age.placebo.mean", "39.4", "Table 1", unit="years",
        note="Baseline age, placebo arm, mean.")
    add("baseline.age.placebo.sd", "14.9", "Table 1", unit="years",
        note="Baseline age, placebo arm, SD.")
    add("baseline.age.usual_care.mean", "41.3", "Table 1", unit="years",
        note="Baseline age, usual care arm, mean.")
    add("baseline.age.usual_care.sd", "15.9", "Table 1", unit="years",
        note="Baseline age, usual care arm, SD.")
    add("baseline.pain_duration.prt.mean", "10.7", "Table 1", unit="years",
        note="Baseline pain duration, PRT arm, mean.")
    add("baseline.pain_duration.prt.sd", "9.7", "Table 1", unit="years",
        note="Baseline pain duration, PRT arm, SD.")
    add("baseline.pain_duration.placebo.mean", "8.9", "Table 1", unit="years",
        note="Baseline pain duration, placebo arm, mean.")
    add("baseline.pain_duration.placebo.sd", "8.2", "Table 1", unit="years",
        note="Baseline pain duration, placebo arm, SD.")
    add("baseline.pain_duration.usual_care.mean", "10.5", "Table 1", unit="years",
        note="Baseline pain duration, usual care arm, mean.")
    add("baseline.pain_duration.usual_care.sd", "8.9", "Table 1", unit="years",
        note="Baseline pain duration, usual care arm, SD.")
    add("baseline.female.prt.n", "29", "Table 1", unit="participants", note="Women in the PRT arm.")
    add("baseline.female.prt.percent", "58", "Table 1", unit="%",
        note="Women as a percent of the PRT arm.")
    add("baseline.female.placebo.n", "25", "Table 1", unit="participants",
        note="Women in the placebo arm.")
    add("baseline.female.placebo.percent", "49", "Table 1", unit="%",
        note="Women as a percent of the placebo arm.")
    add("baseline.female.usual_care.n", "27", "Table 1", unit="participants",
        note="Women in the usual care arm.")
    add("baseline.female.usual_care.percent", "54", "Table 1", unit="%",
        note="Women as a percent of the usual care arm.")
    add("baseline.college.prt.percent", "78", "Table 1", unit="%",
        note="College graduates, percent of the PRT arm.")
    add("baseline.college.placebo.percent", "71", "Table 1", unit="%",
        note="College graduates, percent of the placebo arm.")
    add("baseline.college.usual_care.percent", "70", "Table 1", unit="%",
        note="College graduates, percent of the usual care arm.")
    add("baseline.white.prt.percent", "92", "Table 1", unit="%",
        note="White participants, percent of the PRT arm.")
    add("baseline.white.placebo.percent", "88", "Table 1", unit="%",
        note="White participants, percent of the placebo arm.")
    add("baseline.white.usual_care.percent", "86", "Table 1", unit="%",
        note="White participants, percent of the usual care arm.")
    add("baseline.opioid_use.prt.n", "5", "Table 1", unit="participants",
        note="Current opioid use in the PRT arm.")
    add("baseline.opioid_use.placebo.n", "2", "Table 1", unit="participants",
        note="Current opioid use in the placebo arm.")
    add("baseline.opioid_use.usual_care.n", "2", "Table 1", unit="participants",
        note="Current opioid use in the usual care arm.")
    add("baseline.age.all.mean", "41.1", "Table 1", unit="years", note="Whole sample.")
    add("baseline.age.all.sd", "15.6", "Table 1", unit="years", note="Whole sample.")
    add("baseline.female.all.percent", "54", "Table 1", unit="%", note="Whole sample.")
    add("baseline.pain.all.mean", "4.10", "Table 1", unit="points (0-10)",
        note="Whole-sample baseline pain (the per-arm values are in Table 2).")
    add("baseline.pain.all.sd", "1.26", "Table 1", unit="points (0-10)", note="Whole sample.")
    add("baseline.pain_duration.all.mean", "10.0", "Table 1", unit="years", note="Whole sample.")
    add("baseline.pain_duration.all.sd", "8.9", "Table 1", unit="years", note="Whole sample.")
