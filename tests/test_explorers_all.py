"""Every explorer of every lesson, moved control by control without a browser.

Lesson tests check that each explorer shows the right numbers; this one checks what all
explorers share: every control is bounded, every move gives a figure and a readout, and no
control is dead (each move changes what the learner sees).
"""

import pytest

from prtlib.course.explorers import all_explorers, sweep_values

EXPLORERS = all_explorers()


def test_explorers_are_discovered():
    assert "lesson00.PainByArmExplorer" in EXPLORERS


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_control_moves_the_picture_or_the_readout(name):
    explorer = EXPLORERS[name]()
    assert bytes(explorer.image.value)[:4] == b"\x89PNG"
    assert explorer.readout_text
    for control_name, control in explorer.controls.items():
        if hasattr(control, "min"):
            assert control.min < control.max, f"{name}.{control_name} has no range"
        moves = sweep_values(control, n=3)
        assert moves, f"{name}.{control_name} offers no other value"
        for value in moves:
            before = (bytes(explorer.image.value), explorer.readout_text)
            control.value = value
            after = (bytes(explorer.image.value), explorer.readout_text)
            assert bytes(explorer.image.value)[:4] == b"\x89PNG"
            assert after != before, f"moving {name}.{control_name} to {value!r} changed nothing"
    assert "prt-explorer" in explorer.widget._dom_classes
