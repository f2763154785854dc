"""Tests of prtlib.trial.published, the ledger of published trial numbers.

The independent reference is the project's facts file on the paper
(../shared/reference/trial-facts.md, transcribed from Ashar et al., JAMA Psychiatry
2022;79(1):13-23, doi:10.1001/jamapsychiatry.2021.2669, and its Supplement 2). The tests
parse its markdown tables and lines and compare them with the ledger, so a typo in either
shows up; they never retype the ledger's numbers. Tests that need the facts file (or the
public data file) are skipped when it is absent; the ledger is then still checked against
the paper by tests/test_paper_numbers.py, from a committed transcription of the facts file.
"""

from __future__ import annotations

import hashlib
import math
import re

import pandas as pd
import pytest
from _shared import DATA_FILE, FACTS_FILE
from hypothesis import given, settings
from hypothesis import strategies as st

from prtlib.trial import published
from prtlib.trial.constants import ARMS, COMPARISONS, TIMES

FACTS_PATH = FACTS_FILE
DATA_PATH = DATA_FILE
FOLLOW_UPS = TIMES[1:]
ARM_LABEL = {"prt": "prt", "placebo": "placebo", "usual care": "usual_care"}


# ----------------------------------------------------------------------------------------
# Parsing the facts file
# ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def facts_text() -> str:
    if not FACTS_PATH.is_file():
        pytest.skip(f"facts file not found at {FACTS_PATH}")
    return FACTS_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def flat(facts_text) -> str:
    """The facts file with all whitespace runs collapsed, for regexes across line breaks."""
    return " ".join(facts_text.split())


def _section(text: str, heading_start: str) -> str:
    """Text of the '## ' section whose heading starts with ``heading_start``."""
    parts = re.split(r"^## ", text, flags=re.MULTILINE)
    for part in parts:
        if part.startswith(heading_start):
            return part
    raise AssertionError(f"no section starting with {heading_start!r} in the facts file")


def _table_rows(section: str) -> list[list[str]]:
    """Cells of a markdown table, header and separator rows included."""
    rows = []
    for line in section.splitlines():
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


def _mean_sd(cell: str) -> tuple[float, float]:
    m = re.fullmatch(r"(-?\d+\.\d+) \((\d+\.\d+)\)", cell)
    assert m, f"cannot parse {cell!r} as 'mean (sd)'"
    return float(m.group(1)), float(m.group(2))


@pytest.fixture(scope="module")
def facts_pain_table(facts_text):
    """Table 2 pain rows: {time: {"mean": {arm: ..}, "sd": {..}, "g": {cmp: (g, se)}}}."""
    rows = _table_rows(_section(facts_text, "Pain intensity"))
    header, body = rows[0], rows[2:]
    assert header[1:4] == ["PRT", "placebo", "usual care"]
    out = {}
    for cells in body:
        time = cells[0].replace(" ", "")
        entry = {"mean": {}, "sd": {}, "g": {}}
        for arm, cell in zip(ARMS, cells[1:4], strict=True):
            entry["mean"][arm], entry["sd"][arm] = _mean_sd(cell)
        for cmp, cell in zip(COMPARISONS, cells[4:6], strict=True):
            if cell:
                entry["g"][cmp] = _mean_sd(cell)
        out[time] = entry
    return out


# ----------------------------------------------------------------------------------------
# The ledger against the facts file
# ----------------------------------------------------------------------------------------


def test_table2_pain_means_and_sds_match_facts(facts_pain_table):
    """Every pain mean and SD of Table 2 (facts file) equals the ledger's."""
    assert set(facts_pain_table) == set(TIMES)
    for time, entry in facts_pain_table.items():
        for arm in ARMS:
            assert published.get(f"pain.{time}.{arm}.mean") == entry["mean"][arm]
            assert published.get(f"pain.{time}.{arm}.sd") == entry["sd"][arm]
            assert published.source(f"pain.{time}.{arm}.mean") == "Table 2"


def test_table2_pain_effect_sizes_match_facts(facts_pain_table):
    """Every g and SE of Table 2 (facts file) equals the ledger's."""
    assert facts_pain_table["baseline"]["g"] == {}
    for time in FOLLOW_UPS:
        for cmp in COMPARISONS:
            g, se = facts_pain_table[time]["g"][cmp]
            assert published.get(f"g.pain.{time}.{cmp}") == g
            assert published.get(f"g.pain.{time}.{cmp}.se") == se


def test_responders_match_facts(facts_text, flat):
    """eTable 2 percents and the paper's 33/10/5 counts (facts file) equal the ledger's."""
    rows = _table_rows(_section(facts_text, "Responders"))
    header, body = rows[0], rows[2:]
    definitions = []
    for label in header[1:]:
        if label.startswith(">=30%"):
            definitions.append("reduction30")
        elif label.startswith(">=50%"):
            definitions.append("reduction50")
        elif label.startswith("pain 0 or 1"):
            definitions.append("pain01")
    assert sorted(definitions) == ["pain01", "reduction30", "reduction50"]
    assert len(body) == 3
    for cells in body:
        arm = ARM_LABEL[cells[0].lower()]
        for definition, cell in zip(definitions, cells[1:], strict=True):
            post, month12 = re.fullmatch(r"(\d+)% / (\d+)%", cell).groups()
            assert published.get(f"responders.{definition}.post.{arm}.percent") == float(post)
            assert published.get(f"responders.{definition}.12mo.{arm}.percent") == float(
                month12)
    m = re.search(r"Counts for pain 0 or 1 at post \(paper\): (\d+) of (\d+), (\d+) of (\d+), "
                  r"(\d+) of (\d+); (\d+) is (\d+)% of the (\d+) who initiated PRT", flat)
    assert m, "counts line not found in the facts file"
    c = [int(x) for x in m.groups()]
    for arm, count, denominator in zip(ARMS, c[0:6:2], c[1:6:2], strict=True):
        assert published.get(f"responders.pain01.post.{arm}") == count
        assert published.get(f"n.randomized.{arm}") == denominator
    assert published.get("responders.pain01.post.prt.percent_of_initiated") == c[7]
    assert published.get("n.prt.initiated") == c[8]


def test_consort_counts_match_facts(flat):
    """Figure 1 counts (facts file, CONSORT section) equal the ledger's."""
    m = re.search(r"(\d+) screened online, (\d+) assessed in person, (\d+) completed the "
                  r"pretreatment assessment, (\d+) randomized: PRT (\d+), placebo (\d+), "
                  r"usual care (\d+)", flat)
    assert m
    screened, in_person, pretreatment, total, *arms = (int(x) for x in m.groups())
    assert published.get("n.screened") == screened
    assert published.get("n.assessed_in_person") == in_person
    assert published.get("n.completed_pretreatment") == pretreatment
    assert published.get("n.randomized.total") == total
    for arm, n in zip(ARMS, arms, strict=True):
        assert published.get(f"n.randomized.{arm}") == n

    m = re.search(r"PRT: (\d+) initiated treatment \((\d+) never did\), (\d+) completed, "
                  r"(\d+) dropped out", flat)
    assert m
    for key, n in zip(("initiated", "never_initiated", "completed", "dropped"), m.groups(),
                      strict=True):
        assert published.get(f"n.prt.{key}") == int(n)

    m = re.search(r"Placebo: (\d+) received treatment; (\d+) lost to follow-up, (\d+) withdrew",
                  flat)
    assert m
    for key, n in zip(("received", "lost", "withdrew"), m.groups(), strict=True):
        assert published.get(f"n.placebo.{key}") == int(n)

    m = re.search(r"Monitored \(PRT / placebo / usual care\): ([^.]*)\.", flat)
    assert m
    found = re.findall(r"(post|\d+ mo) (\d+)/(\d+)/(\d+)", m.group(1))
    assert [t.replace(" ", "") for t, *_ in found] == list(FOLLOW_UPS)
    for label, *counts in found:
        for arm, n in zip(ARMS, counts, strict=True):
            assert published.get(f"n.monitored.{label.replace(' ', '')}.{arm}") == int(n)

    m = re.search(r"(\d+) \+ (\d+) with pain < 4/10", flat)
    assert m
    assert published.get("n.excluded.pain_below_4.first") == int(m.group(1))
    assert published.get("n.excluded.pain_below_4.second") == int(m.group(2))


def test_etable7_peaks_match_facts(flat):
    """The localizer peaks (facts file, eTable 7 line) equal fmri_peaks(), in order."""
    m = re.search(r"Localizer peaks, MNI x y z \(eTable 7\): ([^.]*)\.", flat)
    assert m
    items = [s.strip() for s in m.group(1).split(";")]
    peaks = published.fmri_peaks()
    assert len(peaks) == len(items) == 7
    for item, (_, row) in zip(items, peaks.iterrows(), strict=True):
        label, x, y, z = re.fullmatch(r"(.*?)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)", item).groups()
        assert (row["x"], row["y"], row["z"]) == (int(x), int(y), int(z))
        tokens = set(re.findall(r"[A-Za-z0-9/]+", label))
        assert set(re.findall(r"[A-Za-z0-9/]+", row["region"])) <= tokens
        if pd.isna(row["hemisphere"]):
            assert not tokens & {"L", "R"}
        else:
            assert row["hemisphere"] in tokens
        assert row["source"] == "eTable 7"


def test_etable8_connectivity_matches_facts(flat):
    """Connectivity clusters (facts file, eTable 8 line) equal fmri_connectivity()."""
    m = re.search(r"\(eTable 8;[^)]*\): (.*?) - Pain ratings", flat)
    assert m
    conn = published.fmri_connectivity()
    expected_found, expected_none = [], []
    for item in m.group(1).rstrip(".").split(";"):
        item = item.strip()
        seed = item.split()[0]
        comparison = "prt_vs_" + re.search(r"vs (placebo|usual care)", item).group(1).replace(
            " ", "_")
        clusters = re.findall(r"([A-Za-z][A-Za-z0-9]*)(?: ([LR]))? (-?\d+) (-?\d+) (-?\d+) "
                              r"\(Z ([\d.]+), p ([\d.]+)\)", item)
        if item.endswith("none"):
            assert not clusters
            expected_none.append((seed, comparison))
        for region, hemi, x, y, z, zval, p in clusters:
            expected_found.append((seed, comparison, region, hemi or None, int(x), int(y),
                                   int(z), float(zval), float(p)))
        n = published.get(f"fmri.connectivity.{seed.lower()}.{comparison}.clusters")
        assert n == len(clusters)
    found = conn[conn["cluster"]]
    got = [(r.seed, r.comparison, r.target_region,
            None if pd.isna(r.hemisphere) else r.hemisphere, int(r.x), int(r.y), int(r.z),
            r.Z, r.p) for r in found.itertuples()]
    assert got == expected_found
    none = conn[~conn["cluster"]]
    assert list(zip(none["seed"], none["comparison"], strict=True)) == expected_none
    assert none[["x", "y", "z"]].isna().all().all() and none["Z"].isna().all()


def _number_pattern(printed: str) -> re.Pattern:
    """A printed number as a whole token: not part of a longer number, and an unsigned
    number must not stand right after a minus sign (a range like 0-100 is allowed)."""
    body = re.escape(printed)
    if printed[0] in "+-":
        return re.compile(r"(?:^|(?<=[^\d.]))" + body + r"(?!\d)")
    return re.compile(r"(?:^|(?<=[^\d.+-])|(?<=\d-))" + body + r"(?!\d)")


def test_every_printed_number_appears_in_facts(flat):
    """Never invent a number: each numeric ledger value, as printed, occurs in the facts
    file (as a whole number token, sign included)."""
    missing = []
    for row in published.ledger().itertuples():
        if isinstance(row.value, str) and not row.key.startswith(("dates.", "citation.")):
            continue
        printed = row.printed
        if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)%?", printed):
            if not _number_pattern(printed).search(flat):
                missing.append((row.key, printed))
        elif printed not in flat:
            missing.append((row.key, printed))
    assert not missing, f"ledger values not found in the facts file: {missing}"


def test_citation_and_public_data_match_facts(flat):
    """DOI, registration and data checksum (facts file) match the module's constants."""
    doi, registration = re.search(r"doi:(\S+?)\. Trial registration (NCT\d+)", flat).groups()
    assert doi == published.DOI and registration == published.TRIAL_REGISTRATION
    assert f"doi:{doi}" in published.CITATION and registration in published.CITATION
    sha = re.search(r"sha256 ([0-9a-f]{64}), (\d+) rows", flat)
    assert published.PUBLIC_DATA["sha256"] == sha.group(1)
    assert published.PUBLIC_DATA["rows"] == int(sha.group(2)) == published.get(
        "public_data.rows")
    assert "CC0" in flat and published.PUBLIC_DATA["license"] == "CC0"


def test_every_listed_inconsistency_is_covered(facts_text):
    """Each bullet of the facts file's inconsistencies section has a row."""
    section = _section(facts_text, "Inconsistencies worth teaching")
    bullets = [line for line in section.splitlines() if line.startswith("- ")]
    table = published.inconsistencies()
    assert len(bullets) == 8
    assert len(table) >= len(bullets)


# ----------------------------------------------------------------------------------------
# Key scheme and table shape
# ----------------------------------------------------------------------------------------


def test_key_scheme_is_complete():
    """All 7 x 3 pain means/SDs, every follow-up g with SE, monitored counts, responders."""
    have = set(published.keys())
    for time in TIMES:
        for arm in ARMS:
            assert {f"pain.{time}.{arm}.mean", f"pain.{time}.{arm}.sd"} <= have
    for time in FOLLOW_UPS:
        for cmp in COMPARISONS:
            assert {f"g.pain.{time}.{cmp}", f"g.pain.{time}.{cmp}.se"} <= have
        for arm in ARMS:
            assert f"n.monitored.{time}.{arm}" in have
    for definition in ("pain01", "reduction30", "reduction50"):
        for time in ("post", "12mo"):
            for arm in ARMS:
                assert f"responders.{definition}.{time}.{arm}.percent" in have
    for time in ("baseline", "post", "12mo"):
        for arm in ARMS:
            assert {f"odi.{time}.{arm}.mean", f"odi.{time}.{arm}.sd"} <= have
    for time in ("baseline", "post"):
        for arm in ARMS:
            assert {f"tsk11.{time}.{arm}.mean", f"tsk11.{time}.{arm}.sd"} <= have
    for time in ("1mo", "12mo"):
        for path in ("a", "b", "c_prime", "c", "ab"):
            assert f"mediation.tsk11.{time}.{path}" in have
    # no g at baseline: an effect size of change needs a follow-up
    assert not [k for k in have if k.startswith("g.pain.baseline")]


def test_ledger_rows_are_well_formed():
    table = published.ledger()
    assert {"key", "value", "source", "note", "unit", "course_uses", "printed"} <= set(
        table.columns)
    assert table["key"].is_unique
    assert table["key"].str.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+").all()
    assert (table["source"].str.strip() != "").all()
    assert (table["note"].str.strip() != "").all()
    assert table["course_uses"].dtype == bool
    assert table["value"].map(lambda v: isinstance(v, int | float | str)).all()


def test_value_types():
    """Counts are ints, measured quantities floats, dates strings."""
    for key in published.keys("n."):
        assert type(published.get(key)) is int, key
    for key in published.keys("pain."):
        assert type(published.get(key)) is float, key
    assert isinstance(published.get("dates.methods.start"), str)
    assert type(published.get("responders.pain01.post.prt")) is int
    assert published.get("power.power") == 0.8 and published.get("power.alpha") == 0.05


def test_ledger_returns_a_copy():
    table = published.ledger()
    table.loc[table["key"] == "pain.post.prt.mean", "value"] = 99.0
    table.pop("note")
    assert published.get("pain.post.prt.mean") == 1.18  # Table 2
    fresh = published.ledger()
    assert fresh.set_index("key").loc["pain.post.prt.mean", "value"] == 1.18
    assert len(fresh) == len(published.keys())
    assert fresh is not published.ledger()


def test_cite_and_source_formats():
    # Table 2 prints the PRT baseline pain as 4.22; Table 1 the whole-sample pain as 4.10
    assert published.cite("pain.baseline.prt.mean") == "4.22 (Table 2)"
    assert published.cite("baseline.pain.all.mean") == "4.10 (Table 1)"
    assert published.source("n.screened") == "Figure 1"
    assert published.source("g.pain.post.prt_vs_usual_care.text") == "Abstract; Results text"
    assert str(published.fact("n.randomized.total")) == (
        "n.randomized.total = 151 participants (Figure 1)")


# ----------------------------------------------------------------------------------------
# Internal consistency (each of these teaches something about reading a trial)
# ----------------------------------------------------------------------------------------


def test_consort_arithmetic():
    """The flow adds up: arms sum to the total, and each stage is no larger than the one
    before; PRT starters = randomized - never started = completed + dropped."""
    n = published.get
    assert sum(n(f"n.randomized.{a}") for a in ARMS) == n("n.randomized.total")
    assert (n("n.screened") >= n("n.assessed_in_person") >= n("n.completed_pretreatment")
            >= n("n.randomized.total"))
    assert n("n.prt.initiated") + n("n.prt.never_initiated") == n("n.randomized.prt")
    assert n("n.prt.completed") + n("n.prt.dropped") == n("n.prt.initiated")
    assert n("n.placebo.received") <= n("n.randomized.placebo")


def test_monitored_never_exceed_randomized():
    for time in FOLLOW_UPS:
        for arm in ARMS:
            assert 0 < published.get(f"n.monitored.{time}.{arm}") <= published.get(
                f"n.randomized.{arm}")


def test_responder_percent_is_count_over_randomized():
    """eTable 2 counts missing as non-response, so the denominator is everyone randomized:
    33/50 = 66%, 10/51 = 19.6% -> 20%, 5/50 = 10%; and 33/45 = 73% of PRT starters."""
    for arm in ARMS:
        count = published.get(f"responders.pain01.post.{arm}")
        n = published.get(f"n.randomized.{arm}")
        assert round(100 * count / n) == published.get(f"responders.pain01.post.{arm}.percent")
        # the monitored denominator would give a different (larger) percent
        assert 100 * count / published.get(f"n.monitored.post.{arm}") > 100 * count / n
    assert round(100 * published.get("responders.pain01.post.prt")
                 / published.get("n.prt.initiated")) == published.get(
        "responders.pain01.post.prt.percent_of_initiated")


def test_responder_definitions_are_nested():
    """A 50% reduction is also a 30% reduction, so its percent cannot be larger."""
    for time in ("post", "12mo"):
        for arm in ARMS:
            assert (published.get(f"responders.reduction50.{time}.{arm}.percent")
                    <= published.get(f"responders.reduction30.{time}.{arm}.percent"))


def test_female_percent_matches_counts():
    total = 0
    for arm in ARMS:
        n = published.get(f"baseline.female.{arm}.n")
        total += n
        assert round(100 * n / published.get(f"n.randomized.{arm}")) == published.get(
            f"baseline.female.{arm}.percent")
    assert round(100 * total / published.get("n.randomized.total")) == published.get(
        "baseline.female.all.percent")


def _combine(means, sds, ns):
    """Mean and SD of the pooled sample from group summaries (Cochrane Handbook for
    Systematic Reviews of Interventions, section 6.5.2.10, Table 6.5.a)."""
    n_total = sum(ns)
    mean = sum(m * n for m, n in zip(means, ns, strict=True)) / n_total
    ss = sum((n - 1) * s**2 + n * (m - mean) ** 2 for m, s, n in zip(means, sds, ns,
                                                                       strict=True))
    return mean, math.sqrt(ss / (n_total - 1))


@pytest.mark.parametrize(
    ("per_arm", "whole", "unit"),
    [
        ("baseline.age.{arm}", "baseline.age.all", 0.1),
        ("baseline.pain_duration.{arm}", "baseline.pain_duration.all", 0.1),
        # Table 2's per-arm baseline pain against Table 1's whole-sample pain
        ("pain.baseline.{arm}", "baseline.pain.all", 0.01),
    ],
)
def test_whole_sample_is_the_combination_of_arms(per_arm, whole, unit):
    """Whole-sample mean and SD follow from the per-arm summaries within rounding (one unit
    of the last printed digit)."""
    means = [published.get(per_arm.format(arm=a) + ".mean") for a in ARMS]
    sds = [published.get(per_arm.format(arm=a) + ".sd") for a in ARMS]
    ns = [published.get(f"n.randomized.{a}") for a in ARMS]
    mean, sd = _combine(means, sds, ns)
    assert mean == pytest.approx(published.get(whole + ".mean"), abs=unit)
    assert sd == pytest.approx(published.get(whole + ".sd"), abs=unit)


def _hedges_g(m1, s1, n1, m2, s2, n2):
    """Hedges g of two independent groups with pooled SD and the small-sample factor
    J = 1 - 3 / (4 (n1 + n2) - 9) (Borenstein et al., Introduction to Meta-Analysis,
    2009, eqs. 4.18-4.23)."""
    pooled = math.sqrt(((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / (n1 + n2 - 2))
    return (1 - 3 / (4 * (n1 + n2) - 9)) * (m1 - m2) / pooled


def test_post_only_g_is_not_the_table2_g():
    """g from post-treatment means and SDs alone (n = monitored at post) reproduces the facts
    file's -1.13 / -1.43, which differ from Table 2's change-score g."""
    for cmp, control in zip(COMPARISONS, ARMS[1:], strict=True):
        g = _hedges_g(published.get("pain.post.prt.mean"), published.get("pain.post.prt.sd"),
                      published.get("n.monitored.post.prt"),
                      published.get(f"pain.post.{control}.mean"),
                      published.get(f"pain.post.{control}.sd"),
                      published.get(f"n.monitored.post.{control}"))
        assert round(g, 2) == published.get(f"g.pain.post.{cmp}.post_only")
    gap = (published.get("g.pain.post.prt_vs_usual_care.post_only")
           - published.get("g.pain.post.prt_vs_usual_care"))
    assert gap > 0.3


def test_effects_favour_prt_at_every_follow_up():
    """Sign convention: negative g favours PRT, and the PRT mean is the lowest."""
    for time in FOLLOW_UPS:
        for cmp, control in zip(COMPARISONS, ARMS[1:], strict=True):
            assert published.get(f"g.pain.{time}.{cmp}") < 0
            assert published.get(f"g.pain.{time}.{cmp}.se") > 0
            assert published.get(f"pain.{time}.prt.mean") < published.get(
                f"pain.{time}.{control}.mean")


def test_text_ci_contains_both_printed_g():
    """The Results-text 95% CI contains both the text's g and Table 2's g."""
    for cmp in COMPARISONS:
        lo = published.get(f"g.pain.post.{cmp}.text.ci_low")
        hi = published.get(f"g.pain.post.{cmp}.text.ci_high")
        assert lo < published.get(f"g.pain.post.{cmp}.text") < hi
        assert lo < published.get(f"g.pain.post.{cmp}") < hi


def test_scanner_rating_cis_are_ordered():
    for kind in ("evoked", "spontaneous"):
        for cmp in COMPARISONS:
            base = f"g.scanner_{kind}.post.{cmp}"
            assert (published.get(base + ".ci_low") < published.get(base)
                    < published.get(base + ".ci_high"))


# ----------------------------------------------------------------------------------------
# Inconsistencies
# ----------------------------------------------------------------------------------------


def test_inconsistency_rows_reference_existing_keys():
    table = published.inconsistencies()
    assert list(table.columns) == ["id", "topic", "versions", "what_differs", "course_uses",
                                   "why"]
    assert table["id"].is_unique
    have = set(published.keys())
    for row in table.itertuples():
        assert len(row.versions) >= 2, row.id
        assert set(row.versions) <= have, row.id
        assert set(row.course_uses) <= have, row.id
        assert row.what_differs and row.why


def test_inconsistency_course_uses_agrees_with_ledger():
    """A version key is flagged course_uses in the ledger exactly when the inconsistency
    table says the course uses it; keys the course uses are always flagged."""
    flags = published.ledger().set_index("key")["course_uses"]
    for row in published.inconsistencies().itertuples():
        for key in row.versions:
            assert flags[key] == (key in row.course_uses), (row.id, key)
        for key in row.course_uses:
            assert flags[key], (row.id, key)


def test_inconsistent_versions_differ():
    """Each pair really is a discrepancy in the ledger, not a duplicate."""
    g = published.get
    assert g("g.pain.post.prt_vs_usual_care") != g("g.pain.post.prt_vs_usual_care.text")
    assert g("dates.abstract.start") != g("dates.methods.start")
    assert g("dates.abstract.start") == g("dates.methods.end").replace("2018", "2017")
    assert g("mediation.etable5_row.tsk11_12mo.a") > 0 > g("mediation.tsk11.12mo.a")
    assert "g.odi.12mo.prt_vs_placebo.se" not in published.keys()
    assert "g.odi.12mo.prt_vs_usual_care.se" in published.keys()
    for arm in ARMS:
        assert g(f"news_summary.claimed_randomized.{arm}") == g(
            f"responders.pain01.post.{arm}") != g(f"n.randomized.{arm}")
    assert g("fmri.connectivity.apfc.prt_vs_usual_care.clusters") == 0


# ----------------------------------------------------------------------------------------
# Errors and lookup behaviour
# ----------------------------------------------------------------------------------------


def test_unknown_key_suggests_close_keys():
    with pytest.raises(KeyError, match=r"pain\.post\.prt\.mean"):
        published.get("pain.post.prt.men")
    with pytest.raises(KeyError, match=r"n\.randomized\.placebo"):
        published.source("n.randomised.placebo")
    with pytest.raises(KeyError, match="keys"):
        published.cite("zzzz")


@pytest.mark.parametrize(
    ("func", "arg", "name"),
    [
        (published.get, 3, "key"),
        (published.fact, None, "key"),
        (published.keys, 1.5, "prefix"),
        (published.search, ["pain"], "text"),
    ],
)
def test_non_string_arguments_raise_value_error(func, arg, name):
    with pytest.raises(ValueError, match=name):
        func(arg)


def test_keys_and_search():
    assert published.keys("n.randomized") == [
        "n.randomized.prt", "n.randomized.placebo", "n.randomized.usual_care",
        "n.randomized.total"]
    assert published.keys("no.such.prefix") == []
    found = published.search("TSK-11")
    assert len(found) > 0 and found["note"].str.contains("TSK-11").all()
    assert published.search("no such words anywhere").empty


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(published.keys())))
def test_every_key_round_trips(key):
    """get, fact, cite and the ledger agree for every key."""
    record = published.fact(key)
    row = published.ledger().set_index("key").loc[key]
    assert published.get(key) == record.value == row["value"]
    assert published.cite(key) == f"{record.printed} ({published.source(key)})"
    assert key in published.keys(key)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_unknown_text_keys_raise_key_error(text):
    if text in set(published.keys()):
        return
    with pytest.raises(KeyError):
        published.get(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(published.keys())), st.integers(min_value=0, max_value=40))
def test_keys_prefix_property(key, cut):
    prefix = key[:cut]
    listed = published.keys(prefix)
    assert key in listed
    assert all(k.startswith(prefix) for k in listed)


# ----------------------------------------------------------------------------------------
# fMRI tables and constants
# ----------------------------------------------------------------------------------------


def test_fmri_tables_shape():
    peaks = published.fmri_peaks()
    assert list(peaks.columns) == ["region", "hemisphere", "x", "y", "z", "source"]
    # MNI convention: a labelled hemisphere agrees with the sign of x
    labelled = peaks.dropna(subset=["hemisphere"])
    assert ((labelled["hemisphere"] == "L") == (labelled["x"] < 0)).all()
    conn = published.fmri_connectivity()
    pairs = set(zip(conn["seed"], conn["comparison"], strict=True))
    assert pairs == {(s, c) for s in ("aIns", "aPFC", "aMCC") for c in COMPARISONS}
    clusters = conn[conn["cluster"]]
    assert ((clusters["p"] > 0) & (clusters["p"] < 0.05)).all()
    assert (clusters["source"] == "eTable 8").all()


def test_public_data_constant_is_read_only_and_consistent():
    data = published.PUBLIC_DATA
    assert data["known_hash"] == "sha256:" + data["sha256"]
    assert data["url"].startswith("https://raw.githubusercontent.com/")
    assert data["url"].endswith("/".join((data["repository"], data["branch"], data["path"])))
    assert data["path"].endswith(data["filename"])
    with pytest.raises(TypeError):
        data["url"] = "elsewhere"  # type: ignore[index]


@pytest.fixture(scope="module")
def public_data():
    if not DATA_PATH.is_file():
        pytest.skip(f"public data not found at {DATA_PATH}")
    return DATA_PATH


def test_local_public_data_matches_checksum_and_ledger(public_data):
    """The local copy of the CC0 file has the recorded sha256, and its post-treatment pain
    reproduces the ledger: means/SDs, responders 33/10/5, and n = Figure 1's monitored."""
    digest = hashlib.sha256(public_data.read_bytes()).hexdigest()
    assert digest == published.PUBLIC_DATA["sha256"]
    frame = pd.read_csv(public_data, na_values=["<undefined>"])
    assert len(frame) == published.PUBLIC_DATA["rows"]
    post = frame[frame["time"] == 2]
    for code, arm in enumerate(ARMS, start=1):
        pain = post.loc[post["group"] == code, "pain_avg"].dropna()
        assert round(pain.mean(), 3) == published.get(f"public_data.pain.post.{arm}.mean")
        assert round(pain.std(), 3) == published.get(f"public_data.pain.post.{arm}.sd")
        assert round(pain.mean(), 2) == published.get(f"pain.post.{arm}.mean")
        assert int((pain <= 1).sum()) == published.get(f"responders.pain01.post.{arm}")
        assert len(pain) == published.get(f"n.monitored.post.{arm}")


def test_the_ledger_behind_the_look_ups_cannot_be_changed():
    # The package assembles every source module's facts into one read-only mapping.
    from prtlib.trial.published.facts import FACTS

    assert list(FACTS) == published.keys()
    with pytest.raises(TypeError):
        FACTS["pain.post.prt.mean"] = None
    assert published.get("pain.post.prt.mean") == 1.18  # Table 2
