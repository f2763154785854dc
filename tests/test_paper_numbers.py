"""The ledger against the paper, in every checkout: a committed table of the paper's numbers.

``tests/paper_numbers.tsv`` holds the paper's numbers (ledger key, the number as printed,
where it stands), transcribed from the project's facts file
(``../shared/reference/trial-facts.md``, itself from Ashar et al., JAMA Psychiatry
2022;79(1):13-23, doi:10.1001/jamapsychiatry.2021.2669) by :func:`transcribe` below, which
parses the facts file's tables and sentences and never imports prtlib. So:

- ``test_ledger_agrees_with_the_paper_table`` runs everywhere, with or without ``../shared``;
- ``test_the_table_is_the_transcription_of_the_facts_file`` re-transcribes the facts file
  when it is present and requires the committed table to equal it.

Regenerate the table after a change of the facts file with
``python tests/test_paper_numbers.py`` (it refuses to run without the facts file).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _shared import FACTS_FILE

TABLE = Path(__file__).with_name("paper_numbers.tsv")


def transcribe(text: str) -> list[tuple[str, str, str]]:
    """(ledger key, printed number, where it stands) for each number the facts file gives
    in its Figure 1, Table 1, Table 2 (pain), Results text, eTable 2 and eTable 8 parts."""
    flat = " ".join(text.split())
    ARMS = ("prt", "placebo", "usual_care")  # the ledger's order of arms
    CMPS = ("prt_vs_placebo", "prt_vs_usual_care")
    rows: list[tuple[str, str, str]] = []

    def add(key, printed, where):
        rows.append((key, printed, where))

    def section(head):
        for part in re.split(r"^## ", text, flags=re.M):
            if part.startswith(head):
                return part
        raise AssertionError(f"no section {head!r} in the facts file")

    def table(sec):
        return [[c.strip() for c in line.strip().strip("|").split("|")]
                for line in sec.splitlines() if line.startswith("|")]

    # Citation
    doi, reg = re.search(r"doi:(\S+?)\. Trial registration (NCT\d+)", flat).groups()
    add("citation.doi", doi, "Paper")
    add("citation.registration", reg, "Paper")

    # Figure 1
    m = re.search(r"(\d+) screened online, (\d+) assessed in person, (\d+) completed the pretreatment assessment, (\d+) randomized: PRT (\d+), placebo (\d+), usual care (\d+)", flat)
    for key, v in zip(["n.screened", "n.assessed_in_person", "n.completed_pretreatment", "n.randomized.total",
                       "n.randomized.prt", "n.randomized.placebo", "n.randomized.usual_care"], m.groups(), strict=True):
        add(key, v, "Figure 1")
    m = re.search(r"PRT: (\d+) initiated treatment \((\d+) never did\), (\d+) completed, (\d+) dropped out", flat)
    for key, v in zip(("initiated", "never_initiated", "completed", "dropped"), m.groups(), strict=True):
        add(f"n.prt.{key}", v, "Figure 1")
    m = re.search(r"Placebo: (\d+) received treatment; (\d+) lost to follow-up, (\d+) withdrew", flat)
    for key, v in zip(("received", "lost", "withdrew"), m.groups(), strict=True):
        add(f"n.placebo.{key}", v, "Figure 1")
    m = re.search(r"Monitored \(PRT / placebo / usual care\): ([^.]*)\.", flat)
    for label, *counts in re.findall(r"(post|\d+ mo) (\d+)/(\d+)/(\d+)", m.group(1)):
        for arm, v in zip(ARMS, counts, strict=True):
            add(f"n.monitored.{label.replace(' ', '')}.{arm}", v, "Figure 1")
    m = re.search(r"(\d+) \+ (\d+) with pain < 4/10", flat)
    add("n.excluded.pain_below_4.first", m.group(1), "Figure 1")
    add("n.excluded.pain_below_4.second", m.group(2), "Figure 1")

    # Table 1
    b = " ".join(section("Baseline").split())
    ms = r"(\d+\.\d+) \((\d+\.\d+)\)"
    m = re.search(rf"Age {ms} / {ms} / {ms}", b)
    for i, arm in enumerate(ARMS):
        add(f"baseline.age.{arm}.mean", m.group(2 * i + 1), "Table 1")
        add(f"baseline.age.{arm}.sd", m.group(2 * i + 2), "Table 1")
    m = re.search(r"female (\d+) \((\d+)%\) / (\d+) \((\d+)%\) / (\d+) \((\d+)%\)", b)
    for i, arm in enumerate(ARMS):
        add(f"baseline.female.{arm}.n", m.group(2 * i + 1), "Table 1")
        add(f"baseline.female.{arm}.percent", m.group(2 * i + 2), "Table 1")
    for name, key in (("college graduate", "college"), ("White", "white")):
        m = re.search(rf"{name} (\d+)% / (\d+)% / (\d+)%", b)
        for arm, v in zip(ARMS, m.groups(), strict=True):
            add(f"baseline.{key}.{arm}.percent", v, "Table 1")
    m = re.search(rf"pain duration, years, {ms} / {ms} / {ms}", b)
    for i, arm in enumerate(ARMS):
        add(f"baseline.pain_duration.{arm}.mean", m.group(2 * i + 1), "Table 1")
        add(f"baseline.pain_duration.{arm}.sd", m.group(2 * i + 2), "Table 1")
    m = re.search(r"current opioid use (\d+) / (\d+) / (\d+)", b)
    for arm, v in zip(ARMS, m.groups(), strict=True):
        add(f"baseline.opioid_use.{arm}.n", v, "Table 1")
    m = re.search(rf"Whole sample: age {ms}, (\d+)% female, pain {ms}, duration {ms} years", b)
    for key, v in zip(("baseline.age.all.mean", "baseline.age.all.sd", "baseline.female.all.percent",
                       "baseline.pain.all.mean", "baseline.pain.all.sd",
                       "baseline.pain_duration.all.mean", "baseline.pain_duration.all.sd"), m.groups(), strict=True):
        add(key, v, "Table 1")

    # Table 2, pain
    rows_t = table(section("Pain intensity"))
    for cells in rows_t[2:]:
        time = cells[0].replace(" ", "")
        for arm, cell in zip(ARMS, cells[1:4], strict=True):
            mean, sd = re.fullmatch(r"(-?\d+\.\d+) \((\d+\.\d+)\)", cell).groups()
            add(f"pain.{time}.{arm}.mean", mean, "Table 2")
            add(f"pain.{time}.{arm}.sd", sd, "Table 2")
        for cmp, cell in zip(CMPS, cells[4:6], strict=True):
            if cell:
                g, se = re.fullmatch(r"(-?\d+\.\d+) \((\d+\.\d+)\)", cell).groups()
                add(f"g.pain.{time}.{cmp}", g, "Table 2")
                add(f"g.pain.{time}.{cmp}.se", se, "Table 2")

    # Results text, primary end point
    m = re.search(r"PRT vs placebo: difference (\d+\.\d+) points, t\((\d+\.\d+)\) = (\d+\.\d+), g (-\d+\.\d+) \(95% CI (-\d+\.\d+) to (-\d+\.\d+)\); PRT vs usual care: (\d+\.\d+) points, t\((\d+\.\d+)\) = (\d+\.\d+), g (-\d+\.\d+) \(95% CI (-\d+\.\d+) to (-\d+\.\d+)\)", flat)
    d1, df1, t1, g1, lo1, hi1, d2, df2, t2, g2, lo2, hi2 = m.groups()
    for cmp, d, df, t in (("prt_vs_placebo", d1, df1, t1), ("prt_vs_usual_care", d2, df2, t2)):
        add(f"test.pain.post.{cmp}.difference", d, "Results text")
        add(f"test.pain.post.{cmp}.t", t, "Results text")
        add(f"test.pain.post.{cmp}.df", df, "Results text")
    add("g.pain.post.prt_vs_placebo.text.ci_low", lo1, "Results text")
    add("g.pain.post.prt_vs_placebo.text.ci_high", hi1, "Results text")
    add("g.pain.post.prt_vs_usual_care.text", g2, "Abstract; Results text")
    add("g.pain.post.prt_vs_usual_care.text.ci_low", lo2, "Results text")
    add("g.pain.post.prt_vs_usual_care.text.ci_high", hi2, "Results text")

    # eTable 2 responders and the paper's counts
    rt = table(section("Responders"))
    defs = []
    for label in rt[0][1:]:
        defs.append("reduction30" if label.startswith(">=30%") else "reduction50" if label.startswith(">=50%") else "pain01")
    for cells in rt[2:]:
        arm = {"prt": "prt", "placebo": "placebo", "usual care": "usual_care"}[cells[0].lower()]
        for d, cell in zip(defs, cells[1:], strict=True):
            post, y1 = re.fullmatch(r"(\d+)% / (\d+)%", cell).groups()
            add(f"responders.{d}.post.{arm}.percent", post, "eTable 2")
            add(f"responders.{d}.12mo.{arm}.percent", y1, "eTable 2")
    m = re.search(r"Counts for pain 0 or 1 at post \(paper\): (\d+) of \d+, (\d+) of \d+, (\d+) of \d+; \d+ is (\d+)% of the \d+ who initiated PRT", flat)
    for arm, v in zip(ARMS, m.groups()[:3], strict=True):
        add(f"responders.pain01.post.{arm}", v, "Results text")
    add("responders.pain01.post.prt.percent_of_initiated", m.group(4), "Results text")

    # eTable 8 cluster counts
    m = re.search(r"\(eTable 8;[^)]*\): (.*?) - Pain ratings", flat)
    for item in m.group(1).rstrip(".").split(";"):
        item = item.strip()
        seed = item.split()[0]
        cmp = "prt_vs_" + re.search(r"vs (placebo|usual care)", item).group(1).replace(" ", "_")
        n = len(re.findall(r"\(Z [\d.]+, p [\d.]+\)", item))
        add(f"fmri.connectivity.{seed.lower()}.{cmp}.clusters", str(n), "eTable 8")

    # Public data
    m = re.search(r"sha256 [0-9a-f]{64}, (\d+) rows", flat)
    add("public_data.rows", m.group(1), "Public data file")

    return rows


def _read_table() -> list[tuple[str, str, str]]:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line and not line.startswith("#")]
    assert body[0] == "key\tprinted\twhere"
    return [tuple(line.split("\t")) for line in body[1:]]


def _render(rows) -> str:
    out = ["# The paper's numbers, one per line: ledger key, the number as printed, where it stands.",
           "# Transcribed from the project's facts file (../shared/reference/trial-facts.md, itself",
           "# from Ashar et al., JAMA Psychiatry 2022;79(1):13-23, doi:10.1001/jamapsychiatry.2021.2669)",
           "# by parsing its tables and sentences, without prtlib; tests/test_paper_numbers.py",
           "# compares the ledger with it in every checkout, and this file with the facts file when",
           "# ../shared is present.",
           "key\tprinted\twhere"]
    out += ["\t".join(r) for r in rows]
    return "\n".join(out) + "\n"


def test_ledger_agrees_with_the_paper_table():
    from prtlib.trial import published

    rows = _read_table()
    assert len(rows) == len({key for key, _, _ in rows}) > 150
    for key, printed, where in rows:
        value = published.get(key)
        if isinstance(value, str):
            assert value == printed, key
        else:
            assert value == float(printed), f"{key}: ledger {value}, paper {printed}"
        assert published.source(key) == where, key


def test_the_table_is_the_transcription_of_the_facts_file():
    if not FACTS_FILE.is_file():
        pytest.skip(f"facts file not found at {FACTS_FILE}")
    expected = _render(transcribe(FACTS_FILE.read_text(encoding="utf-8")))
    assert TABLE.read_text(encoding="utf-8") == expected, (
        "the facts file changed: run `python tests/test_paper_numbers.py`")


if __name__ == "__main__":
    TABLE.write_text(_render(transcribe(FACTS_FILE.read_text(encoding="utf-8"))),
                     encoding="utf-8")
    print(f"wrote {TABLE}")
