"""Drawing only what changed, and following a drag, for every explorer of every lesson.

An explorer that declares its moving artists redraws only them on a move
(:class:`prtlib.course.explorers.base.Explorer`). The reference for each image is the same figure
drawn whole again by matplotlib (``full_redraw_png``): the two must give the same pixels,
up to the rounding of antialiased edges where the static layer drawn above the moving
artists is laid over them: no channel of any pixel may differ by more than 4 of 255, and
at most 0.5 % of the pixels by more than 1. A missing or misplaced artist differs by far
more than 4 where it is drawn.

Drags are simulated as the browser sends them: ``set_state`` on the control, which is how
ipywidgets applies a value received from the front end.
"""

import io

import numpy as np
import pytest
from PIL import Image

from prtlib.course.explorers import all_explorers, sweep_values

EXPLORERS = all_explorers()
MAX_CHANNEL_DIFFERENCE = 4
MAX_SHARE_DIFFERENT = 0.005  # of pixels differing by more than 1


def pixels(png) -> np.ndarray:
    with Image.open(io.BytesIO(bytes(png))) as image:
        return np.asarray(image.convert("RGBA")).astype(int)


def assert_same_picture(shown, reference, where):
    a, b = pixels(shown), pixels(reference)
    assert a.shape == b.shape, where
    diff = np.abs(a - b).max(axis=2)
    share = float((diff > 1).mean())
    assert diff.max() <= MAX_CHANNEL_DIFFERENCE and share <= MAX_SHARE_DIFFERENT, (
        f"{where}: the image differs from a full redraw by up to {diff.max()}, by more "
        f"than 1 on {share:.2%} of the pixels")


def drag(control, steps: int) -> list:
    """The values a slider passes through when dragged ``steps`` steps from where it is
    (turning back at the end of its range); other controls go through their options."""
    if not hasattr(control, "step") or isinstance(control.value, bool):
        values = sweep_values(control, n=3)
        return [*values, *values]
    values, value, direction = [], control.value, 1
    for _ in range(steps):
        if not control.min <= value + direction * control.step <= control.max:
            direction = -direction
        value = type(control.value)(round(value + direction * control.step, 10))
        values.append(value)
    return values


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_move_shows_what_a_full_redraw_shows(name):
    explorer = EXPLORERS[name]()
    # Each control through its range (moves that often change the static layer), then
    # dragged step by step (moves that mostly redraw only the moving artists).
    plan = [(control_name, value) for control_name, control in explorer.controls.items()
            for value in sweep_values(control, n=3)]
    # A menu's second pass goes through the options of its first, now over kept layers:
    # two menus per explorer show that reuse (the RoB 2 checklist alone has 30 menus, and
    # passing all of them twice would triple the test's time for no new path).
    menus = 0
    for control_name, control in explorer.controls.items():
        if not hasattr(control, "step") or isinstance(control.value, bool):
            menus += 1
            if menus > 2:
                continue
        plan += [(control_name, value) for value in drag(control, steps=4)]
    for control_name, value in plan:
        blits = explorer.render_count["blit"]
        explorer.controls[control_name].value = value
        if explorer.render_count["blit"] == blits:
            continue  # drawn whole: it is the full redraw
        assert_same_picture(explorer.image.value, explorer.full_redraw_png(),
                            f"{name} after {control_name}={value!r}")


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_declared_explorers_redraw_only_what_moves(name):
    """Dragging a slider step by step, or going twice through a control's options, redraws
    only the moving artists on some moves (explorers that declare nothing always draw the
    whole figure). Axes that follow the data change their limits on some moves, which then
    draw the whole figure."""
    explorer = EXPLORERS[name]()
    if not explorer.moving_artists():
        pytest.skip(f"{name} declares no moving artists: every move draws the whole figure")
    for control in explorer.controls.values():
        for value in drag(control, steps=6):
            control.value = value
            if explorer.render_count["blit"]:
                return
    pytest.fail(f"{name} never redrew only its moving artists")


def test_a_burst_of_browser_changes_draws_the_last_value():
    """A drag sends values faster than they can be drawn: the explorer skips to the latest
    one, never draws an older value after a newer one, and ends on the last value."""
    explorer = EXPLORERS["lesson01.FearDisabilityExplorer"]()
    drawn = []
    compute = explorer.compute

    def recording_compute(**values):
        drawn.append(values["r"])
        return compute(**values)

    explorer.compute = recording_compute
    slider = explorer.controls["r"]
    burst = [round(0.05 * i, 2) for i in range(1, 17)]
    for value in burst:
        slider.set_state({"value": value})  # what ipywidgets does with a browser message
    explorer.wait()
    assert drawn[-1] == burst[-1]
    assert len(drawn) < len(burst)  # stale values were skipped, not queued
    assert drawn == sorted(drawn)  # never an older value after a newer one
    assert explorer.state["r"] == burst[-1]
    assert f"r = {explorer.state['section'].r:.2f}" in explorer.readout_text
    reference = type(explorer)(**explorer.values())
    assert_same_picture(explorer.image.value, reference.full_redraw_png(), "after the burst")
    assert explorer.readout_text == reference.readout_text


def test_a_change_made_in_python_is_drawn_before_the_assignment_returns():
    explorer = EXPLORERS["lesson01.FearDisabilityExplorer"]()
    explorer.controls["r"].value = 0.6
    assert explorer.state["r"] == 0.6
    assert f"r = {explorer.state['section'].r:.2f}" in explorer.readout_text


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_sliders_follow_the_drag(name):
    explorer = EXPLORERS[name]()
    for control_name, control in explorer.controls.items():
        if hasattr(control, "continuous_update"):
            assert control.continuous_update, f"{name}.{control_name} updates only on release"


def test_a_move_that_changes_one_axes_limits_redraws_that_axes_alone():
    """Regression to the mean: the population mean moves the right panel's y limits (in
    half points) while the left panel keeps its axes. Such moves draw the right axes whole
    over the left one's kept layers, not the whole figure, and show a full redraw's pixels."""
    explorer = EXPLORERS["lesson02.RegressionToMeanExplorer"]()
    mean = explorer.controls["mean"]
    for value in (4.0, 4.5, 5.0):  # keep the layers of this static layer
        mean.value = value
    right = explorer.axes[1]
    full, alone = explorer.render_count["full"], explorer.render_count["axes"]
    for value in (5.5, 6.0, 6.5, 7.0):
        limits = right.get_ylim()
        mean.value = value
        if right.get_ylim() != limits and explorer.render_count["full"] == full:
            assert_same_picture(explorer.image.value, explorer.full_redraw_png(),
                                f"after mean={value}")
    assert explorer.render_count["axes"] > alone
    assert explorer.render_count["full"] == full


def test_draw_whole_draws_the_whole_figure_on_every_move():
    explorer = EXPLORERS["lesson01.FearDisabilityExplorer"]()
    explorer.draw_whole = True
    before = dict(explorer.render_count)
    values = sweep_values(explorer.controls["r"], n=3)
    for value in values:
        explorer.controls["r"].value = value
    assert explorer.render_count["full"] - before["full"] == len(values) == 3
    assert explorer.render_count["blit"] == before["blit"]
    assert explorer.full_reason == "draw_whole is set"
