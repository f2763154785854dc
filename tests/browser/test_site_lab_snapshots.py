"""Explorers are visible in JupyterLab before the notebook runs (the static fallback).

A lesson is executed afresh into a temporary copy of the course (so the test checks the
explorers' current display code, whatever the stored notebooks hold), then opened in
JupyterLab in Chromium without running anything:

- untrusted, as a freshly cloned notebook is: JupyterLab renders only safe outputs, so each
  explorer must show its PNG snapshot (and no widget error);
- trusted (``jupyter trust``), as a notebook the learner has run and saved before: JupyterLab
  then prefers the widget view and ipywidgets restores it from the widget state stored in the
  notebook, so each explorer must show its figure and no "model not found" error.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from harness import Lab, browser_unavailable_reason, chromium, lab_server

from prtlib.course.authoring import execute_notebook

REASON = browser_unavailable_reason()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

LESSON = "05_durability_and_missing_data.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def server():
    with lab_server() as (base, token, root):
        executed = root / "course" / LESSON
        execute_notebook(executed)
        shutil.copy(executed, root / "course" / f"trusted_{LESSON}")
        yield base, token, root


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


def _stored(path) -> tuple[int, int]:
    """(explorer outputs, image outputs) stored in a notebook; every explorer output must
    carry its snapshot beside the widget view."""
    outputs = [output.get("data", {}) for cell in json.loads(path.read_text())["cells"]
               for output in cell.get("outputs", [])]
    explorers = [data for data in outputs if WIDGET_VIEW in data]
    assert all("image/png" in data and "text/plain" in data for data in explorers), \
        "an explorer output was stored without its snapshot"
    return len(explorers), sum("image/png" in data for data in outputs)


def _loaded_images(lab, selector: str) -> int:
    return lab.page.eval_on_selector_all(
        selector, "imgs => imgs.filter(i => i.complete && i.naturalWidth > 0).length")


def test_an_untrusted_lesson_shows_every_explorer_snapshot_before_it_runs(server, browser):
    base, token, root = server
    explorers, images = _stored(root / "course" / LESSON)
    assert explorers >= 3 and images >= explorers
    lab = Lab(browser, base, token)
    try:
        lab.open(f"course/{LESSON}")
        selector = ".jp-OutputArea-output[data-mime-type='image/png'] img"
        lab.page.wait_for_function(
            f"() => [...document.querySelectorAll({json.dumps(selector)})]"
            f".filter(i => i.complete && i.naturalWidth > 0).length >= {images}",
            timeout=60_000)
        assert _loaded_images(lab, selector) == images
        text = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").inner_text()
        assert "Error displaying widget" not in text
        lab.screenshot("lab_untrusted_snapshot", lab.page.locator(
            ".jp-OutputArea-output[data-mime-type='image/png']").first)
    finally:
        lab.close()


def test_a_trusted_lesson_shows_every_explorer_restored_from_its_stored_state(server, browser):
    base, token, root = server
    notebook = root / "course" / f"trusted_{LESSON}"
    subprocess.run([sys.executable, "-m", "jupyter", "trust", str(notebook)], check=True,
                   capture_output=True)
    explorers, _ = _stored(notebook)
    lab = Lab(browser, base, token)
    try:
        lab.open(f"course/{notebook.name}")
        selector = ".prt-explorer img.prt-explorer-image"
        lab.page.wait_for_function(
            f"() => [...document.querySelectorAll({json.dumps(selector)})]"
            f".filter(i => i.complete && i.naturalWidth > 0).length >= {explorers}",
            timeout=60_000)
        assert _loaded_images(lab, selector) == explorers
        text = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").inner_text()
        assert "Error displaying widget" not in text
    finally:
        lab.close()
