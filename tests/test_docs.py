"""The instructor's kit: generated parts in step, every lesson listed, every link resolving."""

import json
import re
from pathlib import Path

import pytest

from prtlib import authoring
from prtlib.catalogue import LESSONS, read_header

ROOT = Path(__file__).resolve().parents[1]
AVAILABLE = [lesson for lesson in LESSONS if lesson.available(ROOT)]
GUIDE = (ROOT / authoring.GUIDE).read_text(encoding="utf-8")
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
    problems = authoring.stale_docs(ROOT)
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
    assert f"### {lesson.number} · [{lesson.title}]({lesson.filename}) ({lesson.minutes} min)" in GUIDE
    for objective in header.objectives:
        assert objective in GUIDE


@pytest.mark.parametrize("lesson", AVAILABLE, ids=[item.number for item in AVAILABLE])
def test_every_lesson_links_to_glossary_and_bibliography(lesson):
    text = DOCS[ROOT / "course" / lesson.filename]
    assert len(re.findall(r"\(glossary\.md#[\w-]+\)", text)) >= 3
    assert "(bibliography.md)" in text


def test_every_cited_doi_is_in_the_bibliography():
    bibliography = (ROOT / authoring.BIBLIOGRAPHY).read_text(encoding="utf-8").lower()
    for lesson in AVAILABLE:
        for entry in authoring.lesson_references(ROOT / "course" / lesson.filename):
            for doi in re.findall(r"doi:(10\.\S+?)\]", entry):
                assert doi.lower() in bibliography, f"lesson {lesson.number}: {doi}"


def test_glossary_entries_point_to_lessons():
    glossary = DOCS[ROOT / "course" / "glossary.md"]
    entries = re.findall(r'^- <a id="([^"]+)"></a>(.*)$', glossary, re.M)
    assert len(entries) >= 40
    for anchor, text in entries:
        assert re.search(r"\(\d\d_\w+\.ipynb\)", text), f"glossary entry {anchor} names no lesson"
