"""Tests of prtlib.trial.painscience (questionnaires, entry criteria, the fear-avoidance cycle) and its figure.

References: the trial's entry criteria (Ashar et al., JAMA Psychiatry 2022, Methods: ages
21-70, pain at least 4/10 at screening, back pain on at least half the days of the past 6
months, leg pain not worse than back pain); the instruments' published ranges: TSK-11 11-44
(Woby et al., Pain 2005, doi:10.1016/j.pain.2005.05.029), PCS 13 items scored 0-4, so 0-52
(Sullivan et al., Psychol Assess 1995, doi:10.1037/1040-3590.7.4.524), ODI 0-100 (Fairbank &
Pynsent, Spine 2000, doi:10.1097/00007632-200011150-00017).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prtlib.course.figures.painscience import fear_avoidance_figure
from prtlib.trial import painscience as ps

ELIGIBLE = {"age": 40, "screening_pain": 5, "months_with_pain": 24, "share_of_days": 0.8,
            "leg_pain_worse": False}


def test_instrument_ranges_are_the_published_ones():
    assert (ps.instrument("tsk11").low, ps.instrument("tsk11").high) == (11, 44)
    assert (ps.instrument("pcs").low, ps.instrument("pcs").high) == (0, 13 * 4)
    assert (ps.instrument("odi").low, ps.instrument("odi").high) == (0, 100)
    assert (ps.instrument("pain").low, ps.instrument("pain").high) == (0, 10)
    assert ps.instrument("sopa_emotion").range_text == "range not stated"
    assert all(i.higher_is_worse for i in ps.INSTRUMENTS.values())
    assert "doi:10.1016/j.pain.2005.05.029" in ps.instrument("tsk11").reference


def test_position_on_a_scale():
    # (23.62 - 11) / (44 - 11) = 0.3824, computed by hand
    assert ps.instrument("tsk11").position(23.62) == pytest.approx(38.2424, abs=1e-4)
    assert ps.instrument("odi").position(0) == 0
    with pytest.raises(ValueError, match="score"):
        ps.instrument("tsk11").position(5)
    with pytest.raises(ValueError, match="range is not stated"):
        ps.instrument("sopa_emotion").position(3)
    with pytest.raises(ValueError, match="key"):
        ps.instrument("bdi")


@pytest.mark.parametrize("change, failed", [
    ({}, ()),
    ({"age": 21}, ()), ({"age": 70}, ()), ({"age": 20.9}, ("age",)), ({"age": 71}, ("age",)),
    ({"screening_pain": 4}, ()), ({"screening_pain": 3.9}, ("pain",)),
    ({"months_with_pain": 6}, ()), ({"months_with_pain": 5}, ("duration",)),
    ({"share_of_days": 0.5}, ()), ({"share_of_days": 0.45}, ("frequency",)),
    ({"leg_pain_worse": True}, ("leg_pain",)),
    ({"age": 80, "leg_pain_worse": True}, ("age", "leg_pain")),
])
def test_entry_criteria_and_their_bounds(change, failed):
    res = ps.check_eligibility(**{**ELIGIBLE, **change})
    assert res.failed == failed
    assert res.eligible == (not failed)
    assert len(res.reasons) == len(failed)
    assert str(res).startswith("Eligible" if not failed else "Not eligible")


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 120), st.floats(0, 10), st.floats(0, 600), st.floats(0, 1), st.booleans())
def test_eligibility_agrees_with_the_criteria_written_out(age, pain, months, share, leg):
    res = ps.check_eligibility(age, pain, months, share, leg)
    by_hand = 21 <= age <= 70 and pain >= 4 and months >= 6 and share >= 0.5 and not leg
    assert res.eligible == by_hand


@pytest.mark.parametrize("kwargs, name", [
    ({"age": "forty"}, "age"), ({"screening_pain": 11}, "screening_pain"),
    ({"share_of_days": 1.5}, "share_of_days"), ({"leg_pain_worse": "no"}, "leg_pain_worse"),
    ({"months_with_pain": -1}, "months_with_pain"),
])
def test_bad_inputs_name_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        ps.check_eligibility(**{**ELIGIBLE, **kwargs})


def test_the_cycle_has_five_steps_with_the_appraisal_second():
    assert [step for step, _ in ps.FEAR_AVOIDANCE_CYCLE] == [
        "pain", "appraisal", "fear", "avoidance", "disability"]


def test_fear_avoidance_figure():
    fig = fear_avoidance_figure()
    texts = {t.get_text(): t for t in fig.axes[0].texts if t.get_text()}
    for label in ("Pain experienced", "Pain-related fear\nand catastrophizing",
                  "Avoidance and\nhypervigilance", "Appraised as safe"):
        assert label in texts
    highlighted = [t for t in texts.values() if t.get_fontweight() == "bold"]
    assert [t.get_text().split("\n")[0] for t in highlighted] == ["Appraised as a threat"]
    plain = fear_avoidance_figure(highlight=None)
    assert not [t for t in plain.axes[0].texts if t.get_fontweight() == "bold"]
    with pytest.raises(ValueError, match="highlight"):
        fear_avoidance_figure(highlight="sleep")
