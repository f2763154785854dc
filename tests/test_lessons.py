"""Every lesson keeps the course's anatomy, so learners always know where they are.

Objectives, time and prerequisites at the top; numbered sections; at least two explorers;
Think! prompts; a summary; references with DOIs. Every exercise set has at least four checked
exercises, each with a named common mistake, and an open question with a model answer.
"""

import json
import re
from pathlib import Path

import pytest

from prtlib.catalogue import LESSONS, read_header
from prtlib.checks import get_exercise
from prtlib.explorers import all_explorers

ROOT = Path(__file__).resolve().parents[1]
AVAILABLE = [lesson for lesson in LESSONS if lesson.available(ROOT)]
TEACHING = [lesson for lesson in AVAILABLE if lesson.number != "00"]


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(path, kind=None):
    return "\n".join("".join(c["source"]) for c in _cells(path)
                     if kind is None or c["cell_type"] == kind)


@pytest.mark.parametrize("lesson", AVAILABLE, ids=[item.number for item in AVAILABLE])
def test_header_matches_the_catalogue(lesson):
    header = read_header(lesson, ROOT)
    assert header.minutes == lesson.minutes
    assert len(header.objectives) >= 3
    assert header.prerequisites
    first = "".join(_cells(ROOT / "course" / lesson.filename)[0]["source"])
    assert first.startswith(f"# Lesson {lesson.number} · {lesson.title}")


@pytest.mark.parametrize("lesson", TEACHING, ids=[item.number for item in TEACHING])
def test_lesson_anatomy(lesson):
    path = ROOT / "course" / lesson.filename
    markdown = _text(path, "markdown")
    code = _text(path, "code")
    sections = re.findall(r"^## (\d+) · ", markdown, re.M)
    assert sections[:3] == ["1", "2", "3"], "numbered sections '## 1 · ...'"
    assert "**Think!**" in markdown
    assert re.search(r"^## Summary", markdown, re.M)
    references = markdown.split("## References")[-1]
    assert "## References" in markdown and "doi.org/10." in references
    explorers = {name.split(".")[1] for name in all_explorers()
                 if name.startswith(f"lesson{lesson.number}.")}
    shown = {name for name in explorers if re.search(rf"\b{name}\(", code)}
    assert len(shown) >= 2, f"lesson {lesson.number} shows explorers {sorted(shown)}"


@pytest.mark.parametrize("lesson", TEACHING, ids=[item.number for item in TEACHING])
def test_exercise_set_anatomy(lesson):
    path = ROOT / "solutions" / lesson.filename
    cells = _cells(path)
    code = _text(path, "code")
    ids = re.findall(r'check\("(\d\d\.\w+)"', code)
    assert len(set(ids)) >= 4, f"only {len(set(ids))} checked exercises"
    for exercise_id in ids:
        assert exercise_id.startswith(f"{lesson.number}.")
        assert get_exercise(exercise_id).mistakes, f"{exercise_id} names no common mistake"
    answers = [c for c in cells if "model-answer" in c.get("metadata", {}).get("tags", [])]
    assert answers, "an open question needs a model answer (a markdown cell tagged model-answer)"
