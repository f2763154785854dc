"""The README is the newcomer's way in: two commands, the lessons, and the instructor's how-to."""

import re
from pathlib import Path

from prtlib.course.catalogue import LESSONS, lesson_minutes, set_minutes

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def test_quick_start_gives_exactly_two_commands():
    blocks = re.findall(r"```bash\n(.*?)```", _section("Quick start"), re.S)
    commands = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    assert [c for c in commands if c] == ["make lab", "make test"]


def test_the_two_commands_exist_and_ci_runs_the_test_command():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^lab: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)
    lab = makefile.split("\nlab:")[1].split("\n\n")[0]
    # It opens lesson 00 while serving the whole repository: a notebook given as an argument
    # would make course/ the file browser's root, hiding exercises/ and solutions/.
    assert "--LabApp.default_url=/lab/tree/course/00_start_here.ipynb" in lab
    assert "--ServerApp.root_dir=." in lab
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_every_lesson_is_listed_with_its_time_and_its_exercise_sets():
    table = _section("Lessons")
    assert "| # | lesson | time | exercise set | what it teaches |" in table
    for lesson in LESSONS:
        row = next((line for line in table.splitlines() if line.startswith(f"| {lesson.number} |")),
                   None)
        assert row, f"lesson {lesson.number} is missing from the README"
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        assert lesson.title in cells[1]
        if lesson.available(ROOT):
            assert f"(course/{lesson.filename})" in row, f"link lesson {lesson.number}"
            assert cells[2:4] == [f"{lesson_minutes(lesson, ROOT)} min",
                                  f"{set_minutes(lesson, ROOT)} min"], (
                f"lesson {lesson.number}'s times differ from the rule: run `make docs`")


def test_the_time_rule_is_stated_with_the_constants_the_code_uses():
    from prtlib.course import catalogue

    table = _section("Lessons")
    for phrase in (f"{catalogue.WORDS_PER_MINUTE} words a minute",
                   f"{catalogue.SECONDS_PER_CODE_CELL} s per code cell",
                   f"{catalogue.MINUTES_PER_EXPLORER} min per explorer",
                   f"{catalogue.MINUTES_PER_THINK} min per **Think!** prompt",
                   f"{catalogue.MINUTES_PER_CHECK} min per checked exercise",
                   f"{catalogue.MINUTES_PER_WRITTEN_ANSWER} min per answer written in words"):
        assert phrase in table
    assert "as long again" not in README


def test_newcomers_are_told_how_to_open_and_stop_jupyterlab():
    start = _section("Quick start")
    assert "Ctrl-C" in start and "confirm" in start and "twice" in start
    assert "token" in start and "address" in start


def test_exercise_notebooks_are_not_called_do_not_edit():
    where = _section("What is where")
    assert "do not edit" not in where.lower()
    assert "write their answers" in where and "make exercises" in where


def test_links_to_files_resolve():
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", README):
        assert (ROOT / target).exists(), f"README links to a missing file: {target}"


def test_instructors_are_told_how_to_add_an_exercise():
    howto = _section("For instructors: adding an exercise")
    for needed in ("prtlib/course/exercise_sets/lesson", "solution", "# BEGIN SOLUTION", "model-answer",
                   "make notebooks", "make test"):
        assert needed in howto
