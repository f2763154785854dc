"""The RoB 2 checklist logic against the tool's published algorithms.

Reference for every expected judgement below: the "Algorithm for suggested judgement" of
each domain in the RoB 2 guidance for individually randomized parallel-group trials
(Higgins JPT, Savović J, Page MJ, Sterne JAC, eds. Revised Cochrane risk-of-bias tool for
randomized trials (RoB 2), full guidance, 22 August 2019, riskofbias.info; summarized in
Sterne et al. BMJ 2019;366:l4898, doi:10.1136/bmj.l4898). Each tuple is one path through
a domain's flowchart, read off the flowchart by hand; "-" marks a question the flowchart
does not reach on that path.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prtlib.trial import appraisal

# --- Domain 1: randomization process (1.1, 1.2, 1.3) -----------------------------------
D1 = [
    # 1.2 Y/PY and 1.1 Y/PY/NI and 1.3 N/PN/NI -> low
    (("Y", "Y", "N"), "low"),
    (("PY", "PY", "PN"), "low"),
    (("NI", "Y", "NI"), "low"),
    # 1.2 Y/PY and 1.3 Y/PY -> some concerns
    (("Y", "Y", "Y"), "some concerns"),
    (("NI", "PY", "PY"), "some concerns"),
    # 1.2 Y/PY and 1.1 N/PN -> some concerns, whatever 1.3 says
    (("N", "Y", "N"), "some concerns"),
    (("PN", "PY", "Y"), "some concerns"),
    # 1.2 NI: 1.3 N/PN/NI -> some concerns; 1.3 Y/PY -> high
    (("Y", "NI", "N"), "some concerns"),
    (("N", "NI", "NI"), "some concerns"),
    (("Y", "NI", "Y"), "high"),
    (("PY", "NI", "PY"), "high"),
    # 1.2 N/PN -> high, whatever 1.1 and 1.3 say
    (("Y", "N", "N"), "high"),
    (("Y", "PN", "NI"), "high"),
]

# --- Domain 2: effect of assignment (2.1 ... 2.7) --------------------------------------
D2 = [
    # Part 1 low (both unaware) and part 2 low
    (("N", "N", "-", "-", "-", "Y", "-"), "low"),
    (("PN", "N", "-", "-", "-", "PY", "-"), "low"),
    # aware, but 2.3 N/PN -> part 1 low
    (("Y", "N", "N", "-", "-", "Y", "-"), "low"),
    (("NI", "PN", "PN", "-", "-", "Y", "-"), "low"),
    # 2.3 NI -> some concerns
    (("Y", "Y", "NI", "-", "-", "Y", "-"), "some concerns"),
    # 2.3 Y/PY, 2.4 N/PN -> some concerns
    (("Y", "Y", "Y", "N", "-", "Y", "-"), "some concerns"),
    # 2.4 Y/PY/NI, 2.5 Y/PY -> some concerns
    (("Y", "Y", "Y", "Y", "Y", "Y", "-"), "some concerns"),
    (("Y", "PY", "PY", "NI", "PY", "Y", "-"), "some concerns"),
    # 2.4 Y/PY/NI, 2.5 N/PN/NI -> high
    (("Y", "Y", "PY", "Y", "N", "Y", "-"), "high"),
    (("Y", "Y", "Y", "PY", "NI", "Y", "-"), "high"),
    # Part 2: 2.6 N/PN/NI and 2.7 N/PN -> some concerns; 2.7 Y/PY/NI -> high
    (("N", "N", "-", "-", "-", "N", "PN"), "some concerns"),
    (("N", "N", "-", "-", "-", "NI", "N"), "some concerns"),
    (("N", "N", "-", "-", "-", "N", "Y"), "high"),
    (("N", "N", "-", "-", "-", "PN", "NI"), "high"),
    # the domain takes the worse part
    (("Y", "Y", "NI", "-", "-", "N", "N"), "some concerns"),
    (("Y", "Y", "PY", "PY", "N", "N", "N"), "high"),
]

# --- Domain 3: missing outcome data (3.1 ... 3.4) --------------------------------------
D3 = [
    (("Y", "-", "-", "-"), "low"),
    (("PY", "-", "-", "-"), "low"),
    (("N", "Y", "-", "-"), "low"),
    (("NI", "PY", "-", "-"), "low"),
    (("PN", "N", "N", "-"), "low"),
    (("N", "PN", "Y", "N"), "some concerns"),
    (("N", "N", "NI", "PN"), "some concerns"),
    (("N", "N", "Y", "Y"), "high"),
    (("NI", "N", "PY", "NI"), "high"),
]

# --- Domain 4: measurement of the outcome (4.1 ... 4.5) --------------------------------
D4 = [
    (("Y", "-", "-", "-", "-"), "high"),
    (("PY", "N", "N", "-", "-"), "high"),
    (("N", "PY", "-", "-", "-"), "high"),
    # 4.2 N/PN branch
    (("N", "N", "N", "-", "-"), "low"),
    (("PN", "PN", "Y", "N", "-"), "low"),
    (("N", "N", "Y", "Y", "N"), "some concerns"),
    (("N", "N", "Y", "Y", "PY"), "high"),
    (("N", "N", "NI", "PY", "NI"), "high"),
    # 4.2 NI branch: never low
    (("N", "NI", "N", "-", "-"), "some concerns"),
    (("NI", "NI", "Y", "PN", "-"), "some concerns"),
    (("N", "NI", "Y", "Y", "N"), "some concerns"),
    (("N", "NI", "Y", "Y", "Y"), "high"),
    (("PN", "NI", "PY", "NI", "NI"), "high"),
]

# --- Domain 5: selection of the reported result (5.1, 5.2, 5.3) ------------------------
D5 = [
    (("Y", "N", "N"), "low"),
    (("PY", "PN", "N"), "low"),
    (("N", "N", "N"), "some concerns"),
    (("NI", "PN", "PN"), "some concerns"),
    (("Y", "NI", "N"), "some concerns"),
    (("Y", "N", "NI"), "some concerns"),
    (("-", "NI", "NI"), "some concerns"),
    (("Y", "Y", "N"), "high"),
    (("-", "N", "PY"), "high"),
    (("N", "NI", "PY"), "high"),
]

TABLES = {"D1": D1, "D2": D2, "D3": D3, "D4": D4, "D5": D5}
CASES = [(d, answers, expected) for d, rows in TABLES.items() for answers, expected in rows]


def _answers(domain_id, values):
    ids = appraisal.question_ids(domain_id)
    return {q: v for q, v in zip(ids, values, strict=True) if v != "-"}


@pytest.mark.parametrize("domain_id, values, expected", CASES,
                         ids=[f"{d}-{'/'.join(v)}" for d, v, _ in CASES])
def test_domain_algorithm_matches_the_published_flowchart(domain_id, values, expected):
    result = appraisal.judge_domain(domain_id, _answers(domain_id, values))
    assert result.judgement == expected
    # The flowchart reaches exactly the questions answered in the table row.
    reached = {q for q, v in zip(appraisal.question_ids(domain_id), values, strict=True)
               if v != "-"}
    assert set(result.used) <= reached


def test_the_tool_has_22_questions_in_five_domains():
    # Sterne et al. 2019, Table 1: 3 + 7 + 4 + 5 + 3 signalling questions (effect of
    # assignment in domain 2).
    assert [len(d.questions) for d in appraisal.DOMAINS] == [3, 7, 4, 5, 3]
    assert appraisal.question_ids()[0] == "1.1" and appraisal.question_ids()[-1] == "5.3"
    # 3.2 is the one question without "no information" among its answers (guidance).
    assert appraisal.domain("D3").questions[1].options == ("Y", "PY", "PN", "N")


def test_self_reported_outcome_from_aware_participants():
    # Guidance on 4.3: for participant-reported outcomes the assessor is the participant;
    # 4.5 separates "could have" (some concerns) from "likely" (high).
    base = {"4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "Y"}
    assert appraisal.judge_domain("D4", {**base, "4.5": "PN"}).judgement == "some concerns"
    assert appraisal.judge_domain("D4", {**base, "4.5": "PY"}).judgement == "high"
    blinded = appraisal.judge_domain("D4", {"4.1": "N", "4.2": "N", "4.3": "N"})
    assert blinded.judgement == "low" and blinded.used == ("4.1", "4.2", "4.3")


# --- the overall rule (Sterne et al. 2019, Table 2 / guidance, overall judgement) -----


@pytest.mark.parametrize("judgements, expected", [
    (("low",) * 5, "low"),
    (("low", "low", "some concerns", "low", "low"), "some concerns"),
    (("some concerns",) * 5, "some concerns"),
    (("low", "low", "low", "high", "low"), "high"),
    (("high", "some concerns", "low", "low", "some concerns"), "high"),
])
def test_overall_rule_without_escalation(judgements, expected):
    result = appraisal.overall_judgement(dict(zip(["D1", "D2", "D3", "D4", "D5"], judgements,
                                                  strict=True)))
    assert result.judgement == expected
    assert not result.escalated


@pytest.mark.parametrize("k, n_concerns, expected", [
    (2, 1, "some concerns"), (2, 2, "high"), (3, 2, "some concerns"), (3, 3, "high"),
    (5, 4, "some concerns"), (5, 5, "high"),
])
def test_multiple_domain_escalation_is_a_count(k, n_concerns, expected):
    judgements = {f"D{i}": ("some concerns" if i <= n_concerns else "low")
                  for i in range(1, 6)}
    result = appraisal.overall_judgement(judgements, escalate_from=k)
    assert result.judgement == expected
    assert result.escalated == (expected == "high")
    assert result.n_some_concerns == n_concerns


def test_escalation_never_applies_when_a_domain_is_already_high():
    judgements = {"D1": "high", "D2": "some concerns", "D3": "some concerns", "D4": "low",
                  "D5": "low"}
    result = appraisal.overall_judgement(judgements, escalate_from=2)
    assert result.judgement == "high" and not result.escalated
    assert "D1" in result.reason


# --- properties ----------------------------------------------------------------------

ALL_IDS = appraisal.question_ids()
_full_answers = st.fixed_dictionaries({
    q: st.sampled_from(appraisal.domain(f"D{q[0]}").questions[int(q[2]) - 1].options)
    for q in ALL_IDS
})


@settings(max_examples=300, deadline=None)
@given(_full_answers, _full_answers)
def test_answers_off_the_path_do_not_matter(answers, other):
    for dom in appraisal.DOMAINS:
        first = appraisal.judge_domain(dom.id, answers)
        # Replace every answer the algorithm did not use: the judgement must not move.
        mixed = {q: (answers[q] if q in first.used else other[q]) for q in dom.question_ids}
        assert appraisal.judge_domain(dom.id, mixed).judgement == first.judgement
        # ... and the unused ones may simply be left out.
        used_only = {q: answers[q] for q in first.used}
        assert appraisal.judge_domain(dom.id, used_only).judgement == first.judgement


@settings(max_examples=300, deadline=None)
@given(_full_answers)
def test_probably_answers_lead_the_same_way_as_definite_ones(answers):
    # The flowcharts only ever branch on Y/PY, N/PN and NI.
    softened = {q: {"Y": "PY", "N": "PN"}.get(a, a) for q, a in answers.items()}
    for dom in appraisal.DOMAINS:
        assert (appraisal.judge_domain(dom.id, answers).judgement
                == appraisal.judge_domain(dom.id, softened).judgement)


@settings(max_examples=300, deadline=None)
@given(_full_answers, st.sampled_from([None, 2, 3, 4, 5]))
def test_overall_is_the_worst_domain_unless_escalated(answers, k):
    result = appraisal.assess(answers, escalate_from=k)
    worst = max((j.judgement for j in result.domains.values()),
                key=appraisal.JUDGEMENTS.index)
    if result.overall.escalated:
        assert worst == "some concerns" and result.overall.judgement == "high"
        assert result.overall.n_some_concerns >= k
    else:
        assert result.overall.judgement == worst
    # A smaller count can only make the overall judgement stricter.
    stricter = appraisal.assess(answers, escalate_from=2).overall.judgement
    assert appraisal.JUDGEMENTS.index(stricter) >= appraisal.JUDGEMENTS.index(
        result.overall.judgement)


# --- input checks ----------------------------------------------------------------------


def test_answers_are_normalized():
    result = appraisal.judge_domain("D1", {"1.1": "yes", "1.2": " Probably Yes ",
                                           "1.3": "no information"})
    assert result.judgement == "low"
    assert result.answers == {"1.1": "Y", "1.2": "PY", "1.3": "NI"}


@pytest.mark.parametrize("call, name", [
    (lambda: appraisal.judge_domain("D6", {}), "domain_id"),
    (lambda: appraisal.judge_domain("D1", [("1.1", "Y")]), "answers"),
    (lambda: appraisal.judge_domain("D1", {"1.1": "maybe", "1.2": "Y", "1.3": "N"}),
     "answers['1.1']"),
    (lambda: appraisal.judge_domain("D3", {"3.1": "N", "3.2": "NI"}), "answers['3.2']"),
    (lambda: appraisal.judge_domain("D1", {"1.9": "Y"}), "answers"),
    (lambda: appraisal.judge_domain("D4", {"4.1": "N", "4.2": "N", "4.3": "Y"}),
     "answers['4.4']"),
    (lambda: appraisal.overall_judgement({"D1": "medium"}), "domain_judgements['D1']"),
    (lambda: appraisal.overall_judgement({}), "domain_judgements"),
    (lambda: appraisal.overall_judgement(5), "domain_judgements"),
    (lambda: appraisal.overall_judgement({"D1": "low"}, escalate_from=1), "escalate_from"),
    (lambda: appraisal.overall_judgement({"D1": "low"}, escalate_from=True), "escalate_from"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError) as info:
        call()
    assert name in str(info.value)


def test_missing_answer_says_why_it_is_needed():
    with pytest.raises(ValueError, match=r"answers\['4.4'\].*because 4.3 is Y/PY/NI"):
        appraisal.judge_domain("D4", {"4.1": "N", "4.2": "N", "4.3": "Y"})


def test_assessment_table_has_a_row_per_domain_and_overall():
    answers = {q: "Y" for q in ALL_IDS}
    table = appraisal.assess(answers).table()
    assert table["domain"].tolist() == ["D1", "D2", "D3", "D4", "D5", "Overall"]
    # All "yes": 4.1 Y (inappropriate measurement) -> D4 high, so overall high.
    assert table.set_index("domain").loc["D4", "judgement"] == "high"
    assert table.set_index("domain").loc["Overall", "judgement"] == "high"
    assert appraisal.questions_table().shape == (22, 5)


def test_format_questions_prints_every_question_in_full():
    text = appraisal.format_questions(width=70)
    assert max(len(line) for line in text.splitlines()) <= 70
    flat = " ".join(line.strip() for line in text.splitlines())
    for dom in appraisal.DOMAINS:
        assert f"{dom.id} {dom.short_name}" in text
        for q in dom.questions:
            assert f"{q.id}  {q.text}" in flat
            if q.asked_if:
                assert f"asked if {q.asked_if}" in flat
    assert "answers Y/PY/PN/N" in flat  # 3.2 has no "no information"
    assert "..." not in text and "…" not in text
    with pytest.raises(ValueError, match="width"):
        appraisal.format_questions(width=True)
