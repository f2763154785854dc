"""The learner's release: the course without solutions, model answers, rubrics or notes.

The scan (``find_leaks``) is tested both ways: the release of this repository must be clean,
and text planted from the masters must be found.
"""

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from prtlib.course import release

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "class-copy"
    release.build_release(out, ROOT)
    return out


def test_the_release_has_what_learners_need_and_nothing_else(released):
    top = sorted(p.name for p in released.iterdir())
    assert top == sorted([".gitignore", release.MANIFEST, "LICENSE", "Makefile", "README.md",
                          "course", "environment.yml", "exercises", "prtlib",
                          "pyproject.toml"])
    masters = sorted(p.name for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in (released / "exercises").glob("*.ipynb")) == masters
    lessons = sorted(p.name for p in (ROOT / "course").glob("*.ipynb"))
    assert sorted(p.name for p in (released / "course").glob("*.ipynb")) == lessons
    assert not (released / "course" / "instructor_guide.md").exists()
    assert (released / "prtlib" / "course" / "exercise_sets" / "lesson00.py").is_file()
    assert not list(released.rglob("__pycache__"))


def test_nothing_in_the_release_gives_an_answer_away(released):
    hidden = release.secrets(ROOT)
    # The scan is not vacuous: the masters hold many lines and sentences learners lack.
    assert len(hidden["solution lines"]) > 50 and len(hidden["sentences"]) > 20
    assert release.find_leaks(released, ROOT) == []


def test_the_scan_finds_a_master_copied_into_the_release(released, tmp_path):
    copy = tmp_path / "leaky"
    shutil.copytree(released, copy)
    shutil.copy(ROOT / "solutions" / "00_start_here.ipynb", copy / "exercises" / "extra.ipynb")
    model = next(c.source for c in nbformat.read(ROOT / "solutions" / "00_start_here.ipynb",
                                                 as_version=4).cells
                 if "model-answer" in c.metadata.get("tags", []))
    with open(copy / "README.md", "a", encoding="utf-8") as handle:
        handle.write("\n" + model + "\n")
    leaks = release.find_leaks(copy, ROOT)
    assert any("exercises/extra.ipynb: holds the solution line" in leak for leak in leaks)
    assert any("exercises/extra.ipynb: cell" in leak and "tagged" in leak for leak in leaks)
    assert any(leak.startswith("README.md: holds the sentence") for leak in leaks)


def test_exercise_notebooks_in_the_release_are_stubs(released):
    nb = nbformat.read(released / "exercises" / "00_start_here.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "drop = ...  # your code here" in code
    assert 'check("00.pain_drop", drop)' in code
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert nb.cells[0].source == release.LEARNER_NOTICE  # no word about masters


def test_the_learners_readme_and_makefile_are_for_learners(released):
    readme = (released / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "prtlib/course/exercise_sets/" in readme
    assert "make test" not in readme and "instructor_guide" not in readme
    for target in [line.split("](")[1].rstrip(")") for line in readme.split("[")
                   if "](" in line and not line.split("](")[1].startswith("http")]:
        assert (released / target.split(")")[0]).exists(), target
    makefile = (released / "Makefile").read_text(encoding="utf-8")
    assert "\nlab: setup\n" in makefile and "solutions" not in makefile
    assert "--LabApp.default_url=/lab/tree/course/00_start_here.ipynb" in makefile


def _small_course(tmp_path: Path) -> Path:
    """A course repository with one lesson whose master has a rubric and instructor notes."""
    root = tmp_path / "repo"
    (root / "course").mkdir(parents=True)
    (root / "solutions").mkdir()
    for name in ("pyproject.toml", "environment.yml", "LICENSE"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "prtlib", root / "prtlib",
                    ignore=shutil.ignore_patterns("__pycache__"))
    lesson = nbformat.read(ROOT / "course" / "00_start_here.ipynb", as_version=4)
    note = nbformat.v4.new_markdown_cell("Instructor aside: spend ten minutes on the "
                                         "forest plot before the break, then regroup.")
    note.metadata["tags"] = ["instructor"]
    lesson.cells.insert(1, note)
    nbformat.write(lesson, root / "course" / "00_start_here.ipynb")
    master = nbformat.read(ROOT / "solutions" / "00_start_here.ipynb", as_version=4)
    rubric = nbformat.v4.new_markdown_cell(
        "Points: 3. Award one point for naming intention to treat, one for explaining "
        "why the never-starters must stay in the denominator, one for the per-protocol caveat.")
    rubric.metadata["tags"] = ["rubric"]
    # This test's own rubric replaces the master's, so the points it states are known.
    master.cells = [c for c in master.cells if "rubric" not in c.metadata.get("tags", [])]
    master.cells.append(rubric)
    nbformat.write(master, root / "solutions" / "00_start_here.ipynb")
    return root


def test_rubrics_and_instructor_cells_never_reach_the_release(tmp_path):
    root = _small_course(tmp_path)
    out = tmp_path / "out"
    release.build_release(out, root)
    everything = "\n".join(p.read_text(encoding="utf-8", errors="ignore")
                           for p in out.rglob("*") if p.is_file() and "prtlib" not in p.parts)
    assert "Award one point" not in everything
    assert "forest plot before the break" not in everything
    hidden = release.secrets(root)
    assert any("Award one point" in s for s in hidden["sentences"])
    assert release.find_leaks(out, root) == []

    from prtlib.course.grading.masters import read_master

    question = read_master(root / "solutions" / "00_start_here.ipynb").questions[0]
    assert "Award one point" in question.rubric and question.points == 3


def test_unsafe_output_folders_are_refused_and_an_old_release_is_replaced(tmp_path):
    with pytest.raises(ValueError, match="^out_dir must not be the course repository"):
        release.build_release(ROOT, ROOT)
    with pytest.raises(ValueError, match="^out_dir must not be inside the repository's"):
        release.build_release(ROOT / "exercises" / "copy", ROOT)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(ValueError, match="^out_dir must be a new or empty folder"):
        release.build_release(foreign, ROOT)
    assert (foreign / "thesis.tex").read_text(encoding="utf-8") == "precious"

    root = _small_course(tmp_path)
    out = tmp_path / "again"
    release.build_release(out, root)
    (out / "stale.txt").write_text("left from before", encoding="utf-8")
    release.build_release(out, root)
    assert not (out / "stale.txt").exists()
    manifest = json.loads((out / release.MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["exercise_sets"]) == ["00_start_here"]
