"""Tests of prtlib.trial.responders: the one responder rule and eTable 2's counts.

Independent references: eTable 2 and the Results text of Ashar et al. (2022,
doi:10.1001/jamapsychiatry.2021.2669) through the ledger (33, 10 and 5 people with pain 0
or 1 after treatment), and the rule's definition worked out by hand.
"""

from __future__ import annotations

import numpy as np
import pytest

from prtlib.trial import cohort, designs, followup, published, trial_effects
from prtlib.trial.responders import is_responder, responder_counts


def test_the_rule_by_hand():
    base = [6.0, 5.0, 4.0, 0.0, 10.0, 7.0]
    later = [1.0, 3.5, np.nan, 0.0, 5.0, 4.9]
    assert is_responder(base, later, "pain01").tolist() == [True, False, False, True, False,
                                                           False]
    # 7 -> 4.9 is a drop of exactly 30% (up to rounding in binary)
    assert is_responder(base, later, "reduction30").tolist() == [True, True, False, False,
                                                                True, True]
    assert is_responder(base, later, "reduction50").tolist() == [True, False, False, False,
                                                                True, False]


def test_bad_rule_and_shapes_are_refused():
    with pytest.raises(ValueError, match="rule"):
        is_responder([1.0], [1.0], "pain2")
    with pytest.raises(ValueError, match="same shape"):
        is_responder([1.0, 2.0], [1.0])


def test_every_count_from_people_uses_the_rule():
    df = cohort.synthetic_trial(seed=0)
    w = cohort.wide(df)
    for rule in ("pain01", "reduction30", "reduction50"):
        hit = is_responder(w["baseline"], w["12mo"], rule)
        table = cohort.responders(df, "12mo", rule)
        for arm in table.index:
            assert table.loc[arm, "responders"] == hit[(w["arm"] == arm).to_numpy()].sum()


def test_every_count_from_the_paper_is_the_same():
    counts = responder_counts("pain01", "post").counts
    assert counts == {a: published.get(f"responders.pain01.post.{a}")
                      for a in ("prt", "placebo", "usual_care")}
    assert trial_effects.responder_counts is responder_counts
    assert {a: designs.responder_rates(a).responders for a in counts} == counts
    s = followup.responder_sensitivity("prt_vs_placebo", "reduction30", "12mo")
    assert s.responders == {a: responder_counts("reduction30", "12mo").counts[a]
                            for a in ("prt", "placebo")}
