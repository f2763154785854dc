"""Times from one rule: every lesson's and exercise set's time is computed from the notebook,
and the notebooks, the README, the instructor guide and its syllabi all state that number."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from prtlib.course import authoring, catalogue
from prtlib.course import docs as generated_docs
from prtlib.course.catalogue import (
    LESSONS,
    count_words,
    estimate,
    estimate_minutes,
    lesson_minutes,
    round_minutes,
    set_minutes,
)

ROOT = Path(__file__).resolve().parents[1]


def _write(folder: Path, name: str, cells) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = dict(authoring.KERNELSPEC)
    path = folder / name
    nbformat.write(nb, path)
    return path


def _words(n: int) -> str:
    return " ".join(["word"] * n)


# -- the rule -------------------------------------------------------------------------------

def test_the_rules_constants_are_the_ones_the_issue_sets():
    # Issue 12: "about 130 words a minute, plus about 45 s per code cell, 5 min per explorer
    # and 2 min per Think! prompt".
    assert (catalogue.WORDS_PER_MINUTE, catalogue.SECONDS_PER_CODE_CELL,
            catalogue.MINUTES_PER_EXPLORER, catalogue.MINUTES_PER_THINK) == (130, 45, 5, 2)


def test_words_are_counted_as_read():
    assert count_words("one two three") == 3
    assert count_words("a [link](https://example.org/very/long/path) here") == 3
    assert count_words("<details><summary>Answer</summary>yes</details>") == 2
    assert count_words("— * 1.18 vs 2.84") == 3
    assert count_words("Text.\n\n## References\n\n- Ashar YK, et al. 2022.") == 1


@pytest.mark.parametrize("raw, rounded", [(0, 5), (2.4, 5), (7.49, 5), (7.5, 10), (52.5, 55),
                                          (57.4, 55), (123.0, 125)])
def test_rounding_to_the_nearest_five_minutes(raw, rounded):
    assert round_minutes(raw) == rounded


@pytest.mark.parametrize("bad", [-1, float("nan"), "ten", None])
def test_rounding_rejects_what_is_not_a_time(bad):
    with pytest.raises(ValueError, match="minutes must be a finite number >= 0"):
        round_minutes(bad)


def test_a_lesson_by_hand(tmp_path):
    # 390 words, the two "**Think!**" included (3 min) + 4 code cells (4 x 45 s = 3 min) + 1 explorer (5 min)
    # + 2 Think! prompts (4 min) = 15 min exactly.
    cells = [
        nbformat.v4.new_markdown_cell(_words(198)),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("from prtlib.course.explorers.lesson00 import PainByArmExplorer\n"
                                  "PainByArmExplorer()"),
        nbformat.v4.new_markdown_cell("**Think!** " + _words(95) + " **Think!** " + _words(95)),
        nbformat.v4.new_code_cell("y = 2"),
        nbformat.v4.new_code_cell("check('00.pain_drop', 3.04)"),  # a lesson asks no answer
    ]
    path = _write(tmp_path / "course", "98_demo.ipynb", cells)
    counted = estimate(path)
    assert (counted.words, counted.code_cells, counted.explorers, counted.think_prompts,
            counted.checks) == (390, 4, 1, 2, 0)
    assert counted.raw_minutes == pytest.approx(15.0)
    assert estimate_minutes(path) == 15


def test_an_exercise_set_is_counted_as_the_learner_sees_it(tmp_path):
    # The master holds a worked solution, a model answer, an instructor note and a rubric:
    # none of them reaches the learner, so none of their words count. The learner's notebook
    # (see authoring.generate_exercise) holds the notice, the question (130 words), one code
    # cell with one check and one "Your answer" cell:
    # words: question 130 + placeholder + notice; 1 code cell 0.75; check 3; answer 5.
    solved = nbformat.v4.new_code_cell(
        "# BEGIN SOLUTION\n" + "\n".join(f"v{i} = {i}" for i in range(20)) +
        "\n# END SOLUTION\ncheck(\"98.demo\", v1)")
    solved.metadata["tags"] = ["solution"]
    answer = nbformat.v4.new_markdown_cell(_words(500))
    answer.metadata["tags"] = ["model-answer"]
    note = nbformat.v4.new_markdown_cell(_words(400))
    note.metadata["tags"] = ["instructor"]
    rubric = nbformat.v4.new_markdown_cell(_words(400))
    rubric.metadata["tags"] = ["rubric"]
    master = _write(tmp_path / "solutions", "98_demo.ipynb",
                    [nbformat.v4.new_markdown_cell(_words(130)), solved, answer, note, rubric])
    learner = authoring.generate_exercise(nbformat.read(master, as_version=4),
                                          "solutions/98_demo.ipynb")
    notice_words = count_words(learner.cells[0].source)
    placeholder_words = count_words(authoring.ANSWER_PLACEHOLDER)
    counted = estimate(master)
    assert (counted.words, counted.code_cells, counted.checks, counted.written_answers) == (
        130 + notice_words + placeholder_words, 1, 1, 1)
    expected = (130 + notice_words + placeholder_words) / 130 + 0.75 + 3 + 5
    assert counted.raw_minutes == pytest.approx(expected)
    # The generated notebook in exercises/ gives the same time as its master.
    nbformat.write(learner, _write(tmp_path / "exercises", "98_demo.ipynb", []))
    assert estimate(tmp_path / "exercises" / "98_demo.ipynb") == counted


@pytest.mark.parametrize("bad", ["README.md", "tests/test_times.py", "course/99_missing.ipynb"])
def test_estimate_rejects_what_is_not_a_course_notebook(bad):
    with pytest.raises(ValueError, match="path must"):
        estimate_minutes(ROOT / bad)


def test_every_course_notebook_gets_a_time():
    for item in LESSONS:
        assert 5 <= lesson_minutes(item, ROOT) <= 180
        assert 5 <= set_minutes(item, ROOT) <= 120
        assert lesson_minutes(item, ROOT) % 5 == set_minutes(item, ROOT) % 5 == 0


def test_hours_are_written_as_a_reader_says_them():
    assert catalogue.hours_and_minutes(65) == "1 h 5 min"
    with pytest.raises(ValueError, match="minutes must be a whole number"):
        catalogue.hours_and_minutes(-5)


# -- the same numbers everywhere ---------------------------------------------------------------

def time_problems(root: Path) -> list[str]:
    """Every place that states a lesson's or a set's time, compared with the rule.

    Read independently of the writer: the notebooks' first cells, the README's table, the
    guide's headings and the syllabi's parts.
    """
    problems = []
    readme = (root / "README.md").read_text(encoding="utf-8")
    guide = (root / "course" / "instructor_guide.md").read_text(encoding="utf-8")
    rule = {}
    for item in LESSONS:
        lesson_time, set_time = lesson_minutes(item, root), set_minutes(item, root)
        rule[item.number] = (lesson_time, set_time)
        for folder, minutes in (("course", lesson_time), ("solutions", set_time)):
            first = "".join(json.loads((root / folder / item.filename).read_text(
                encoding="utf-8"))["cells"][0]["source"])
            stated = re.search(r"\*\*Estimated time:\*\* (\d+) minutes", first)
            if not stated or int(stated.group(1)) != minutes:
                problems.append(f"{folder}/{item.filename} states "
                                f"{stated.group(1) if stated else 'no'} min; the rule {minutes}")
        exercise = root / "exercises" / item.filename
        first = "".join(json.loads(exercise.read_text(encoding="utf-8"))["cells"][1]["source"])
        if f"**Estimated time:** {set_time} minutes" not in first:
            problems.append(f"exercises/{item.filename} does not state {set_time} min")
        row = re.search(rf"^\| {item.number} \|[^|]*\| (\d+) min \| (\d+) min \|", readme, re.M)
        if not row or (int(row.group(1)), int(row.group(2))) != (lesson_time, set_time):
            problems.append(f"README row {item.number}: {row.groups() if row else 'missing'}")
        heading = re.search(rf"^### {item.number} · .*\((\d+) min; exercise set (\d+) min\)$",
                            guide, re.M)
        if not heading or (int(heading.group(1)), int(heading.group(2))) != rule[item.number]:
            problems.append(f"guide heading {item.number}: "
                            f"{heading.groups() if heading else 'missing'}")
    for part in catalogue.WORKSHOP:
        expected = catalogue.syllabus_minutes(part.lessons, part.sets, root) + part.discussion
        row = f"| {part.session} | {part.part} | {part.what} | {expected}"
        if row not in guide:
            problems.append(f"workshop session {part.session} part {part.part}: not {expected}")
    for week in catalogue.MODULE:
        expected = catalogue.syllabus_minutes(week.lessons, week.sets, root)
        if not re.search(rf"^\| {week.week} \|.*\| {expected} \|$", guide, re.M):
            problems.append(f"module week {week.week}: self-study is not {expected} min")
    return problems


def test_times_agree_everywhere_in_the_course():
    # Fails whenever a lesson changes and `make docs` has not been run since.
    problems = time_problems(ROOT)
    assert not problems, "run `make docs`:\n" + "\n".join(problems)


@pytest.fixture
def copy_of_course(tmp_path):
    for folder in ("course", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    return tmp_path


def _set_stated_time(path: Path, minutes: int) -> None:
    path.write_text(re.sub(r"\*\*Estimated time:\*\* \d+ minutes",
                           f"**Estimated time:** {minutes} minutes",
                           path.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def test_make_docs_writes_the_rules_times_everywhere_and_only_them(copy_of_course):
    root = copy_of_course
    # Put every stated time out of step, as after an edit of every lesson.
    for item in LESSONS:
        _set_stated_time(root / "course" / item.filename, 999)
        _set_stated_time(root / "solutions" / item.filename, 999)
    readme, guide = root / "README.md", root / "course" / "instructor_guide.md"
    readme.write_text(re.sub(r"\| \d+ min \|", "| 999 min |", readme.read_text(encoding="utf-8")),
                      encoding="utf-8")
    guide.write_text(re.sub(r"\| \d+ \((lesson|exercise)", r"| 999 (\1",
                            re.sub(r"\(\d+ min; exercise set", "(999 min; exercise set",
                                   guide.read_text(encoding="utf-8"))), encoding="utf-8")
    before = {path: path.read_text(encoding="utf-8")
              for folder in ("course", "solutions") for path in (root / folder).glob("*.ipynb")}
    assert time_problems(root)

    written = generated_docs.write_docs(root)

    assert generated_docs.stale_docs(root) == []
    assert authoring.stale_exercises(root) == []
    assert time_problems(root) == []
    assert readme in written and guide in written
    for path, old in before.items():
        new = path.read_text(encoding="utf-8")
        changed = [(a, b) for a, b in zip(old.splitlines(), new.splitlines(), strict=True)
                   if a != b]
        assert len(changed) == 1, path.name
        assert "**Estimated time:** 999 minutes" in changed[0][0]
        assert changed[0][1] == changed[0][0].replace("999", re.search(
            r"\*\*Estimated time:\*\* (\d+)", changed[0][1]).group(1))
    # Running it again changes nothing.
    assert generated_docs.write_docs(root) == []


def test_the_time_line_must_be_in_the_first_cell(tmp_path):
    path = _write(tmp_path / "course", "98_demo.ipynb",
                  [nbformat.v4.new_markdown_cell("# Lesson 98"),
                   nbformat.v4.new_markdown_cell("**Estimated time:** 5 minutes")])
    with pytest.raises(authoring.AuthoringError, match="first cell must state"):
        generated_docs.with_stated_minutes(path.read_text(encoding="utf-8"), 10, "course/98")
