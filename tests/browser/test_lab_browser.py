"""The course in a real browser: JupyterLab in Debian's Chromium, driven by Playwright.

For every lesson: open it, run all cells, and find no error or warning output. For every
explorer: move a control with the keyboard and see its image change and its readout update,
and drag its first slider with the mouse and see the image follow before the button is
released.
For lesson 00's exercise notebook: type a right answer and see the success message, then a
wrong one and see the hint. Screenshots go to test-artifacts/browser/.
"""

import re
import time

import pytest
from harness import (
    Lab,
    browser_unavailable_reason,
    chromium,
    drag_slider,
    first_control,
    first_slider,
    lab_server,
    move_with_keyboard,
    time_key_to_image,
)

from prtlib.course.catalogue import LESSONS

REASON = browser_unavailable_reason()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

AVAILABLE = [lesson for lesson in LESSONS if lesson.available()]


@pytest.fixture(scope="module")
def server():
    with lab_server() as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


@pytest.fixture
def lab(server, browser):
    base, token, _ = server
    page = Lab(browser, base, token)
    yield page
    page.close()


@pytest.mark.parametrize("lesson", AVAILABLE, ids=[lesson.number for lesson in AVAILABLE])
def test_lesson_runs_and_every_explorer_answers_the_keyboard(lab, lesson):
    lab.open(f"course/{lesson.filename}")
    lab.run_all()
    errors = lab.error_outputs()
    assert not errors, f"lesson {lesson.number} shows errors or warnings: {errors}"
    lab.screenshot(f"lesson{lesson.number}")

    explorers = lab.explorers()
    for index in range(explorers.count()):
        explorer = explorers.nth(index)
        explorer.scroll_into_view_if_needed()
        title = explorer.locator(".widget-html-content").first.text_content().strip()
        # Drag first, in the explorer's starting state (where every slider matters: a later
        # choice, such as missingness unrelated to pain, can make a slider change nothing).
        slider = first_slider(explorer)
        if slider is not None:
            shown = drag_slider(lab.page, explorer, slider)
            assert shown >= 2, f"{title}: the figure did not follow the drag ({shown} images)"
        control = first_control(explorer)
        readout = explorer.locator(".prt-explorer-readout")
        # Moves from the browser are drawn latest-value-first on a worker thread: let the
        # drag settle (readout unchanged for a second) before taking the state to compare.
        before, stable_since, deadline = readout.inner_text(), time.monotonic(), time.monotonic() + 15
        while time.monotonic() - stable_since < 1.0 and time.monotonic() < deadline:
            time.sleep(0.1)
            now = readout.inner_text()
            if now != before:
                before, stable_since = now, time.monotonic()
        _, old_src, new_src = time_key_to_image(lab.page, explorer, control)
        assert new_src != old_src, f"{title}: the figure did not change"
        deadline = time.monotonic() + 10
        while readout.inner_text() == before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert readout.inner_text() != before, f"{title}: the readout did not update"
        slug = re.sub(r"\W+", "_", title.lower()).strip("_")[:40]
        lab.screenshot(f"lesson{lesson.number}_explorer{index}_{slug}", explorer)


def test_lesson00_has_an_explorer_that_the_keyboard_reaches(lab):
    lab.open("course/00_start_here.ipynb")
    lab.run_all()
    explorer = lab.explorers().first
    dropdown = explorer.locator(".widget-dropdown").first
    move_with_keyboard(dropdown)
    assert "1-month" in explorer.locator(".prt-explorer-readout").inner_text() or (
        explorer.locator("select").first.evaluate("s => s.selectedIndex") == 1)


def _replace_cell(lab, cell, code: str):
    editor = cell.locator(".cm-content")
    editor.click()
    lab.page.keyboard.press("Control+A")
    lab.page.keyboard.press("Delete")
    for i, line in enumerate(code.split("\n")):
        if i:
            lab.page.keyboard.press("Enter")
            lab.page.keyboard.press("Home")
        lab.page.keyboard.type(line)
    lab.page.keyboard.press("Shift+Enter")


def test_exercise_check_answers_right_and_wrong(lab):
    lab.open("exercises/00_start_here.ipynb")
    lab.run_all()
    cell = lab.page.locator(".jp-CodeCell", has_text='check("00.pain_drop"').first
    assert "Not answered yet" in cell.locator(".jp-OutputArea").inner_text()

    _replace_cell(lab, cell, 'drop = published.get("pain.baseline.prt.mean") - '
                             'published.get("pain.post.prt.mean")\n'
                             'check("00.pain_drop", drop)')
    cell.locator(".jp-OutputArea", has_text="Correct").wait_for()
    lab.screenshot("exercise00_right_answer", cell)

    _replace_cell(lab, cell, 'drop = published.get("pain.post.prt.mean") - '
                             'published.get("pain.baseline.prt.mean")\n'
                             'check("00.pain_drop", drop)')
    output = cell.locator(".jp-OutputArea", has_text="Not quite")
    output.wait_for()
    assert "wrong sign" in output.inner_text()
    lab.screenshot("exercise00_wrong_answer", cell)
