"""Lesson 00's explorer, driven without a browser by setting its controls."""

import pytest
from _shared import assert_controls_fit_their_labels
from traitlets import TraitError

from prtlib.course.explorers import all_explorers
from prtlib.course.explorers.lesson00 import PainByArmExplorer
from prtlib.trial import published


@pytest.fixture
def explorer():
    return PainByArmExplorer()


def test_starts_on_prt_after_treatment(explorer):
    # Table 2 of the paper: PRT 4.22 at baseline, 1.18 after treatment.
    text = explorer.readout_text
    assert "Pain Reprocessing Therapy" in text
    assert "4.22" in text and "1.18" in text
    assert list(explorer.lines["prt"].get_ydata()) == [4.22, 1.18]


def test_choosing_an_arm_changes_the_readout_and_the_image(explorer):
    image_before = explorer.image.value
    explorer.controls["arm"].value = "placebo"
    text = explorer.readout_text
    assert text.startswith("Open-label placebo")
    assert f"{published.get('pain.post.placebo.mean'):.2f}" in text
    assert explorer.image.value != image_before
    assert explorer.lines["placebo"].get_color() != explorer.lines["prt"].get_color()


def test_choosing_a_time_moves_every_arm(explorer):
    explorer.controls["time"].value = "12mo"
    for arm in ("prt", "placebo", "usual_care"):
        assert explorer.lines[arm].get_ydata()[1] == published.get(f"pain.12mo.{arm}.mean")
    assert "12-month follow-up" in explorer.readout_text
    assert explorer.axes.get_xticklabels()[1].get_text() == "12-month follow-up"


def test_controls_are_limited_to_valid_choices(explorer):
    with pytest.raises(TraitError):
        explorer.controls["arm"].value = "surgery"
    with pytest.raises(ValueError, match="not a control"):
        PainByArmExplorer(dose=3)


def test_notebook_text_does_not_embed_the_image(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "interactive explorer" in bundle["text/plain"]
    assert "PNG" not in bundle["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


# --- what every learner sees, on any screen ------------------------------------------------

LESSON_EXPLORERS = {name: cls for name, cls in all_explorers().items()
                    if name.startswith("lesson00.")}


@pytest.mark.parametrize("name", sorted(LESSON_EXPLORERS))
def test_menus_fit_their_labels_and_the_figure_has_alt_text(name):
    explorer = LESSON_EXPLORERS[name]()
    alt = explorer.figure_alt
    assert len(alt) > 60 and alt.endswith(".") and alt.count(". ") == 0
    assert_controls_fit_their_labels(explorer)
