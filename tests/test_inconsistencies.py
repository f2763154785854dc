"""The paper's inconsistencies, checked against the ledger (prtlib.trial.inconsistencies).

Reference values are hand computations from the paper's printed numbers (Ashar et al.,
JAMA Psychiatry 2022;79(1):13-23, Table 2, Figure 1, eTables 5-8), shown in each test.
"""

import pytest

from prtlib.trial import inconsistencies, published

Z975 = 1.959963984540054  # standard normal 97.5th percentile (statistical tables)


def test_every_inconsistency_is_checked():
    ids = published.inconsistencies()["id"].tolist()
    table = inconsistencies.check_all()
    assert table["id"].tolist() == ids
    assert table["verdict"].str.len().min() > 40
    assert table["changes"].str.len().min() > 10


def test_g_gap_is_a_small_fraction_of_a_standard_error():
    ev = inconsistencies.check_inconsistency("g_post_usual_care").evidence
    # Table 2 -1.75 (SE 0.24) vs text -1.74: 0.01 / 0.24 = 0.0417 SE.
    assert ev["gap_in_se"] == pytest.approx(0.01 / 0.24)
    assert ev["ci_se"] == pytest.approx(0.96 / (2 * Z975))
    # The text's printed interval, -2.28 to -1.32, as an Interval.
    assert tuple(ev["ci"]) == (-2.28, -1.32) and ev["ci"].level == 0.95


def test_dates_are_the_same_months_swapped():
    ev = inconsistencies.check_inconsistency("study_dates").evidence
    # November 2017 to August 2018 is 9 months; August 2017 to November 2018 is 15.
    assert (ev["abstract_months"], ev["methods_months"]) == (9, 15)
    assert ev["months_swapped"] and ev["abstract_inside_methods"]


def test_post_only_g_reproduces_the_facts_file():
    # Facts file: post-only g about -1.13 (vs placebo) and -1.43 (vs usual care).
    ev = inconsistencies.check_inconsistency("change_score_g").evidence
    assert ev["post_only.prt_vs_placebo"] == pytest.approx(
        published.get("g.pain.post.prt_vs_placebo.post_only"), abs=0.005)
    assert ev["post_only.prt_vs_usual_care"] == pytest.approx(
        published.get("g.pain.post.prt_vs_usual_care.post_only"), abs=0.005)


def test_connectivity_claim_lacks_apfc_vs_usual_care():
    # eTable 8: aPFC vs usual care has no surviving cluster; the other three pairs do.
    ev = inconsistencies.check_inconsistency("connectivity_claim").evidence
    assert ev["aPFC.prt_vs_usual_care"] == 0
    assert ev["aPFC.prt_vs_placebo"] == 2
    assert ev["aIns.prt_vs_placebo"] == ev["aIns.prt_vs_usual_care"] == 1
    assert ev["pairs_without_cluster"] == 1


def test_sign_of_path_a_follows_the_tsk11_means():
    ev = inconsistencies.check_inconsistency("etable5_sign").evidence
    # TSK-11 (eTables 5-6): PRT 23.62 -> 16.41, placebo 23.10 -> 22.16.
    assert ev["tsk11_change.prt"] == pytest.approx(16.41 - 23.62)
    assert ev["tsk11_change.placebo"] == pytest.approx(22.16 - 23.10)
    assert ev["difference"] < 0 and ev["a.12mo"] < 0 and ev["row_a"] > 0


def test_odi_check_uses_the_12_month_counts():
    ev = inconsistencies.check_inconsistency("odi_12mo_g").evidence
    assert (ev["n1"], ev["n2"]) == (45, 43)
    assert ev["p_given_n"] > 0.05 > 0.001 == ev["p_below"]
    # Hedges g from Table 2's 12-month ODI means and SDs, by hand:
    # pooled SD = sqrt((44 * 13.13^2 + 42 * 12.60^2) / 86) = 12.872; d = -7.36 / 12.872;
    # J = 1 - 3 / (4 * 86 - 1) = 0.99125; g = -0.5668.
    assert ev["g_from_12mo_means"] == pytest.approx(-0.5668, abs=0.001)


def test_pcs_rows_are_not_used():
    check = inconsistencies.check_inconsistency("etable6_pcs")
    assert check.evidence["course_uses_pcs_rows"] is False
    assert check.versions[0].startswith("etable6.pcs_rows")


def test_an_unknown_id_names_the_parameter():
    with pytest.raises(ValueError, match="inconsistency_id"):
        inconsistencies.check_inconsistency("typo")


def test_every_inconsistency_says_what_differs_with_the_printed_numbers():
    table = inconsistencies.check_all().set_index("id")
    differs = table["differs"]
    # The three items a reader used to see only by title now show their content.
    assert "November 2017" in differs["study_dates"]
    assert "August 2018" in differs["study_dates"]
    assert "PANAS" in differs["etable6_pcs"]
    assert "+0.93" in differs["etable5_sign"] and "-1.41" in differs["etable5_sign"]
    # Every version's printed value, as the ledger prints it, appears in what differs.
    versions = published.inconsistencies().set_index("id")["versions"]
    for item, keys in versions.items():
        for key in keys:
            assert published.fact(key).printed in differs[item], (item, key)


def test_report_wraps_between_words_only():
    text = inconsistencies.report(width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    # Joining the lines again gives back every word and number whole.
    flat = " ".join(line.strip() for line in text.splitlines())
    for row in inconsistencies.check_all().itertuples():
        assert row.topic in flat
        assert row.differs in flat
        assert row.changes in flat
    with pytest.raises(ValueError, match="width"):
        inconsistencies.report(width=10)
