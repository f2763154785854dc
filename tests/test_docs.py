"""The instructor's kit: generated parts in step, every lesson listed, every link resolving."""

import json
import re
from pathlib import Path

import pytest

from prtlib.course import docs as generated_docs
from prtlib.course.catalogue import LESSONS, lesson_minutes, read_header, set_minutes

ROOT = Path(__file__).resolve().parents[1]
AVAILABLE = [lesson for lesson in LESSONS if lesson.available(ROOT)]
GUIDE = (ROOT / generated_docs.GUIDE).read_text(encoding="utf-8")
LINK = re.compile(r"\]\(((?!https?:|mailto:)[^)\s]+)\)")


def _documents():
    """Every page a learner or instructor reads: README, course markdown, lesson notebooks."""
    docs = {ROOT / "README.md": (ROOT / "README.md").read_text(encoding="utf-8")}
    for path in sorted((ROOT / "course").glob("*.md")):
        docs[path] = path.read_text(encoding="utf-8")
    for folder in ("course", "solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            docs[path] = "\n".join("".join(c["source"]) for c in cells
                                   if c["cell_type"] == "markdown")
    return docs


DOCS = _documents()


def test_generated_docs_are_in_step():
    problems = generated_docs.stale_docs(ROOT)
    assert not problems, f"{problems}: run `make docs`"


@pytest.mark.parametrize("path", list(DOCS), ids=[p.relative_to(ROOT).as_posix() for p in DOCS])
def test_every_relative_link_resolves(path):
    for target in LINK.findall(DOCS[path]):
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        assert resolved.exists(), f"{path.name} links to a missing file: {target}"
        if anchor and resolved.suffix == ".md":
            text = resolved.read_text(encoding="utf-8")
            assert f'id="{anchor}"' in text, f"{path.name} links to a missing anchor: {target}"


@pytest.mark.parametrize("lesson", AVAILABLE, ids=[item.number for item in AVAILABLE])
def test_every_lesson_is_in_the_guide_with_time_and_objectives(lesson):
    header = read_header(lesson, ROOT)
    times = f"({lesson_minutes(lesson, ROOT)} min; exercise set {set_minutes(lesson, ROOT)} min)"
    heading = f"### {lesson.number} · [{lesson.title}]({lesson.filename}) {times}"
    assert heading in GUIDE, f"the guide's heading of lesson {lesson.number}: run `make docs`"
    for objective in header.objectives:
        assert objective in GUIDE


def test_the_guide_no_longer_guesses_exercise_times():
    assert "as long again" not in GUIDE
    assert "as long again" not in (ROOT / "README.md").read_text(encoding="utf-8")


def _syllabus(title_start: str) -> tuple[str, list[list[str]]]:
    """A syllabus of the guide: its heading and the cells of its table's rows."""
    match = re.search(rf"^### ({re.escape(title_start)}[^\n]*)\n(.*?)(?=^### |^<!-- END)", GUIDE,
                      re.M | re.S)
    assert match, f"the guide has no syllabus '### {title_start}...'"
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in match.group(2).splitlines() if re.match(r"^\| *\d", line)]
    return match.group(1), rows


def _minutes(text: str) -> int:
    hours = re.search(r"(\d+) h", text)
    minutes = re.search(r"(\d+) min", text)
    return 60 * int(hours.group(1) if hours else 0) + int(minutes.group(1) if minutes else 0)


def test_workshop_sessions_add_up_to_what_the_heading_says():
    # Read the table as a reader would: each part's minutes (the first number of the last
    # column), summed per session over the parts held in class, must give the heading.
    heading, rows = _syllabus("A two-session workshop")
    sessions: dict[str, int] = {}
    for session, part, _what, minutes in rows:
        total = int(minutes.split()[0])
        breakdown = re.findall(r"(\d+)(?= \+| *\))", minutes)
        if breakdown:
            assert sum(map(int, breakdown)) == total, f"a part's breakdown: {minutes}"
        if part not in ("before", "after"):
            sessions[session] = sessions.get(session, 0) + total
    stated = re.search(r"\((.*) in class\)", heading).group(1).split(" and ")
    assert [_minutes(s) for s in stated] == [sessions[k] for k in sorted(sessions)], heading


def test_workshop_parts_use_the_rules_lesson_and_set_times():
    from prtlib.course.catalogue import WORKSHOP, syllabus_minutes

    _, rows = _syllabus("A two-session workshop")
    assert len(rows) == len(WORKSHOP)
    for row, part in zip(rows, WORKSHOP, strict=True):
        expected = syllabus_minutes(part.lessons, part.sets, ROOT) + part.discussion
        assert int(row[3].split()[0]) == expected, f"{row}: run `make docs`"


def test_module_self_study_matches_the_heading_and_the_rule():
    from prtlib.course.catalogue import MODULE, syllabus_minutes

    heading, rows = _syllabus("A six-week module")
    assert len(rows) == len(MODULE)
    study = [int(row[-1]) for row in rows]
    for minutes, week in zip(study, MODULE, strict=True):
        assert minutes == syllabus_minutes(week.lessons, week.sets, ROOT), f"week {week.week}"
    low, high = re.search(r"plus (.*) to (.*) of self-study", heading).groups()
    assert (_minutes(low), _minutes(high)) == (min(study), max(study)), heading
    assert "2-hour seminar" in heading


@pytest.mark.parametrize("lesson", AVAILABLE, ids=[item.number for item in AVAILABLE])
def test_every_lesson_links_to_glossary_and_bibliography(lesson):
    text = DOCS[ROOT / "course" / lesson.filename]
    assert len(re.findall(r"\(glossary\.md#[\w-]+\)", text)) >= 3
    assert "(bibliography.md)" in text


def test_every_cited_doi_is_in_the_bibliography():
    bibliography = (ROOT / generated_docs.BIBLIOGRAPHY).read_text(encoding="utf-8").lower()
    for lesson in AVAILABLE:
        for entry in generated_docs.lesson_references(ROOT / "course" / lesson.filename):
            for doi in re.findall(r"doi:(10\.\S+?)\]", entry):
                assert doi.lower() in bibliography, f"lesson {lesson.number}: {doi}"


def test_glossary_entries_point_to_lessons():
    glossary = DOCS[ROOT / "course" / "glossary.md"]
    entries = re.findall(r'^- <a id="([^"]+)"></a>(.*)$', glossary, re.M)
    assert len(entries) >= 40
    for anchor, text in entries:
        assert re.search(r"\(\d\d_\w+\.ipynb\)", text), f"glossary entry {anchor} names no lesson"
