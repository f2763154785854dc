"""What every stored notebook must be: complete, executed in order, and clean for learners.

nbval re-executes the notebooks and compares outputs; these tests check what nbval does not:
that the stored outputs exist at all, contain no warnings or tracebacks, and that every lesson
comes with its exercise pair.
"""

import json
from pathlib import Path

import pytest

from prtlib.course.catalogue import LESSONS

ROOT = Path(__file__).resolve().parents[1]
STORED_EXECUTED = sorted([*ROOT.glob("course/*.ipynb"), *ROOT.glob("solutions/*.ipynb")])
EXERCISES = sorted(ROOT.glob("exercises/*.ipynb"))


def _ids(paths):
    return [p.relative_to(ROOT).as_posix() for p in paths]


def _code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_notebooks():
    assert STORED_EXECUTED and EXERCISES


@pytest.mark.parametrize("path", STORED_EXECUTED, ids=_ids(STORED_EXECUTED))
def test_stored_executed_top_to_bottom(path):
    counts = [cell["execution_count"] for cell in _code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name} is not stored executed top to bottom; run `make notebooks`")


@pytest.mark.parametrize("path", STORED_EXECUTED, ids=_ids(STORED_EXECUTED))
def test_no_errors_or_warnings_in_stored_outputs(path):
    for index, cell in enumerate(_code_cells(path)):
        for output in cell.get("outputs", []):
            where = f"{path.name}, code cell {index + 1}"
            assert output["output_type"] != "error", f"{where} stores a traceback"
            if output["output_type"] == "stream":
                assert output["name"] == "stdout", f"{where} writes to stderr"
                text = "".join(output["text"])
                assert "Warning" not in text, f"{where} shows a warning: {text[:200]}"


@pytest.mark.parametrize("path", EXERCISES, ids=_ids(EXERCISES))
def test_exercises_are_stored_clean(path):
    for cell in _code_cells(path):
        assert cell["outputs"] == [] and cell["execution_count"] is None


def test_each_lesson_in_course_has_an_exercise_pair():
    for lesson in LESSONS:
        if lesson.available(ROOT):
            assert (ROOT / "solutions" / lesson.filename).exists(), lesson.filename
            assert (ROOT / "exercises" / lesson.filename).exists(), lesson.filename
    for path in ROOT.glob("course/*.ipynb"):
        assert path.name in {lesson.filename for lesson in LESSONS}, (
            f"{path.name} is not in prtlib.course.catalogue.LESSONS")
