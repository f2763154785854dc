"""Every lesson keeps the course's anatomy, so learners always know where they are.

Objectives, time and prerequisites at the top; numbered sections; at least two explorers;
Think! prompts; a summary; references with DOIs. Every exercise set has at least four checked
exercises, each with a named common mistake, and an open question with a model answer.
"""

import json
import re
from pathlib import Path

import pytest

from prtlib.course.catalogue import LESSONS, lesson_minutes, read_header, set_minutes
from prtlib.course.checks import get_exercise
from prtlib.course.explorers import all_explorers

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
    assert len(header.objectives) >= 3
    assert header.prerequisites
    first = "".join(_cells(ROOT / "course" / lesson.filename)[0]["source"])
    assert first.startswith(f"# Lesson {lesson.number} · {lesson.title}")


@pytest.mark.parametrize("lesson", AVAILABLE, ids=[item.number for item in AVAILABLE])
def test_stated_times_are_the_rules(lesson):
    # The lesson's first cell and its exercise master's first cell state the time the
    # rule (prtlib.course.catalogue.estimate_minutes) gives; `make docs` writes them.
    assert read_header(lesson, ROOT).minutes == lesson_minutes(lesson, ROOT), "run `make docs`"
    assert lesson.exercise_minutes == set_minutes(lesson, ROOT), "run `make docs`"


def _paragraph_with_prerequisites(lesson) -> str:
    first = "".join(_cells(ROOT / "course" / lesson.filename)[0]["source"])
    paragraph = next(p for p in re.split(r"\n\s*\n", first) if "**Prerequisites:**" in p)
    return re.sub(r"\s+", " ", paragraph)


@pytest.mark.parametrize("lesson", AVAILABLE, ids=[item.number for item in AVAILABLE])
def test_prerequisites_are_one_short_paragraph(lesson):
    prerequisites = read_header(lesson, ROOT).prerequisites
    assert len(prerequisites.split()) <= 60, prerequisites
    # Only the paragraph that holds "**Prerequisites:**": nothing from the next one.
    assert _paragraph_with_prerequisites(lesson).endswith(prerequisites)
    first = "".join(_cells(ROOT / "course" / lesson.filename)[0]["source"])
    later = first.split("**Prerequisites:**", 1)[1].split("\n\n", 1)
    if len(later) > 1 and later[1].strip():
        next_words = re.sub(r"\s+", " ", later[1]).strip()[:40]
        assert next_words not in prerequisites


def test_prerequisites_stop_at_the_end_of_their_paragraph(tmp_path):
    import nbformat

    from prtlib.course.catalogue import Lesson

    (tmp_path / "course").mkdir()
    item = Lesson("98", "demo", "Demo", "nothing")
    first = ("# Lesson 98 · Demo\n\n**Estimated time:** 10 minutes · **Prerequisites:** lesson"
             " 07 (BOLD,\nthe GLM); lesson 02 helps.\n\nThe trial also scanned brains at rest."
             "\n\n**By the end of this lesson you will be able to**\n1. say one thing;\n"
             "2. say another;\n3. say a third.\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(first)])
    nbformat.write(nb, tmp_path / "course" / item.filename)
    header = read_header(item, tmp_path)
    assert header.prerequisites == "lesson 07 (BOLD, the GLM); lesson 02 helps."
    assert header.minutes == 10 and len(header.objectives) == 3


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
    # Lesson 10 only introduces the real data; its hands-on part is the exercise set, where
    # the learner computes every number herself, so it needs no explorer of its own.
    needed = 0 if lesson.number == "10" else 2
    assert len(shown) >= needed, f"lesson {lesson.number} shows explorers {sorted(shown)}"


@pytest.mark.parametrize("lesson", TEACHING, ids=[item.number for item in TEACHING])
def test_exercise_set_anatomy(lesson):
    path = ROOT / "solutions" / lesson.filename
    cells = _cells(path)
    code = _text(path, "code")
    ids = re.findall(r'check\("(\d\d\.\w+)"', code)
    assert len(set(ids)) >= 4, f"only {len(set(ids))} checked exercises"
    for exercise_id in ids:
        assert exercise_id.startswith(f"{lesson.number}.")
        if get_exercise(exercise_id).kind != "prediction":
            assert get_exercise(exercise_id).mistakes, f"{exercise_id} names no common mistake"
    answers = [c for c in cells if "model-answer" in c.get("metadata", {}).get("tags", [])]
    assert answers, "an open question needs a model answer (a markdown cell tagged model-answer)"
