"""The notebook pipeline: exercises are generated from their masters and kept in step."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from prtlib import authoring

ROOT = Path(__file__).resolve().parents[1]


def _master():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    intro = nbformat.v4.new_markdown_cell("# Exercises")
    solved = nbformat.v4.new_code_cell(
        "# BEGIN SOLUTION\nx = 2\ny = x * 3\n# END SOLUTION\ncheck('99.demo', y)")
    solved.metadata["tags"] = ["solution"]
    solved.outputs = [nbformat.v4.new_output("stream", name="stdout", text="6\n")]
    solved.execution_count = 3
    question = nbformat.v4.new_markdown_cell("Why?")
    answer = nbformat.v4.new_markdown_cell("Because.")
    answer.metadata["tags"] = ["model-answer"]
    teacher = nbformat.v4.new_markdown_cell("Note for the instructor only.")
    teacher.metadata["tags"] = ["instructor"]
    rubric = nbformat.v4.new_markdown_cell("Rubric: two marks for naming the baseline gap.")
    rubric.metadata["tags"] = ["rubric"]
    nb.cells = [intro, solved, question, answer, teacher, rubric]
    return nb


def test_stub_replaces_each_assigned_name_and_keeps_the_check():
    src = "import math\n# BEGIN SOLUTION\na = 1\nb, c = a, 2\n# END SOLUTION\ncheck('x', b)"
    assert authoring.strip_solutions(src) == (
        "import math\na = ...  # your code here\nb = ...  # your code here\n"
        "c = ...  # your code here\ncheck('x', b)"
    )


def test_stub_keeps_indentation_inside_blocks():
    src = "for i in range(3):\n    # BEGIN SOLUTION\n    total = i\n    # END SOLUTION\n"
    assert "    total = ...  # your code here" in authoring.strip_solutions(src)


@pytest.mark.parametrize("source, problem", [
    ("# BEGIN SOLUTION\nx = 1\n", "never closed"),
    ("x = 1\n# END SOLUTION\n", "without"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION\n", "inside another"),
    ("# BEGIN SOLUTION\nx = = 1\n# END SOLUTION\n", "not valid Python"),
])
def test_malformed_regions_are_reported(source, problem):
    with pytest.raises(authoring.AuthoringError, match=problem):
        authoring.strip_solutions(source, "solutions/99_demo.ipynb, cell 1")


def test_generated_notebook_hides_solutions_and_model_answers():
    nb = authoring.generate_exercise(_master(), "solutions/99_demo.ipynb")
    sources = [cell.source for cell in nb.cells]
    assert "x = 2" not in "".join(sources)
    assert "Because." not in "".join(sources)
    assert "instructor only" not in "".join(sources)
    assert authoring.ANSWER_PLACEHOLDER in sources
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code[0].outputs == [] and code[0].execution_count is None
    assert "tags" not in code[0].metadata
    assert code[0].source.endswith("check('99.demo', y)")


def test_notice_tells_the_learner_to_work_in_the_file_and_authors_where_it_comes_from():
    notice = authoring.generate_exercise(_master(), "solutions/99_demo.ipynb").cells[0]
    assert notice.metadata["tags"] == [authoring.GENERATED_TAG]
    text = notice.source
    assert "do not edit" not in text.lower()
    assert "write your answers in it" in text
    assert "solutions/99_demo.ipynb" in text and "make exercises" in text
    learner, author = text.split("For course authors")
    assert "regenerated" not in learner and "regenerated from its master" in author


def test_rubric_and_instructor_cells_are_dropped_and_nothing_else():
    master = _master()
    nb = authoring.generate_exercise(master, "solutions/99_demo.ipynb")
    text = "".join(cell.source for cell in nb.cells)
    assert "Rubric:" not in text and "instructor only" not in text
    # notice + intro, stub, question, answer placeholder; the two tagged cells are gone
    assert len(nb.cells) == 1 + len(master.cells) - 2
    assert [c.source for c in nb.cells[1:4]] == ["# Exercises", nb.cells[2].source, "Why?"]


def test_a_rubric_code_cell_is_dropped_too():
    master = _master()
    marking = nbformat.v4.new_code_cell("marks = {'a': 2}")
    marking.metadata["tags"] = ["rubric"]
    master.cells.append(marking)
    nb = authoring.generate_exercise(master, "solutions/99_demo.ipynb")
    assert "marks" not in "".join(cell.source for cell in nb.cells)


def test_solution_tag_is_required_for_regions():
    nb = _master()
    nb.cells[1].metadata["tags"] = []
    with pytest.raises(authoring.AuthoringError, match="no 'solution' tag"):
        authoring.generate_exercise(nb, "solutions/99_demo.ipynb")


def test_repository_exercises_are_in_step_with_their_masters():
    problems = authoring.stale_exercises(ROOT)
    assert not problems, f"{problems}: run `{authoring.REGENERATE_COMMAND}`"


@pytest.fixture
def copy_of_repo(tmp_path):
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_editing_a_master_without_regenerating_fails_with_the_command(copy_of_repo):
    master = sorted((copy_of_repo / "solutions").glob("*.ipynb"))[0]
    nb = nbformat.read(master, as_version=4)
    cell = next(c for c in nb.cells if "solution" in c.metadata.get("tags", []))
    cell.source = cell.source.replace("# END SOLUTION", "extra = 1\n# END SOLUTION")
    nbformat.write(nb, master)

    result = subprocess.run(
        [sys.executable, "-m", "prtlib.authoring", "--root", str(copy_of_repo),
         "exercises", "--check"],
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"exercises/{master.name} differs from its master" in result.stderr
    assert "make exercises" in result.stderr

    regenerate = subprocess.run(
        [sys.executable, "-m", "prtlib.authoring", "--root", str(copy_of_repo), "exercises"],
        capture_output=True, text=True, check=True)
    assert f"wrote exercises/{master.name}" in regenerate.stdout
    assert authoring.stale_exercises(copy_of_repo) == []
    assert "extra = ...  # your code here" in (copy_of_repo / "exercises" / master.name).read_text()


def test_any_edit_of_a_solution_makes_its_exercise_stale(copy_of_repo):
    # Even an edit that leaves the learner's stub unchanged (the same names are assigned)
    # must be regenerated: the exercise records a fingerprint of the master it came from.
    master = sorted((copy_of_repo / "solutions").glob("*.ipynb"))[0]
    nb = nbformat.read(master, as_version=4)
    cell = next(c for c in nb.cells if "solution" in c.metadata.get("tags", []))
    cell.source = cell.source.replace("# END SOLUTION", "pass\n# END SOLUTION")
    nbformat.write(nb, master)
    assert authoring.stale_exercises(copy_of_repo) == [
        f"exercises/{master.name} differs from its master"]


def test_executing_a_master_does_not_make_its_exercise_stale(copy_of_repo):
    master = sorted((copy_of_repo / "solutions").glob("*.ipynb"))[0]
    nb = nbformat.read(master, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, master)
    assert authoring.stale_exercises(copy_of_repo) == []


def test_orphan_exercise_is_reported(copy_of_repo):
    shutil.copy(next((copy_of_repo / "exercises").glob("*.ipynb")),
                copy_of_repo / "exercises" / "98_orphan.ipynb")
    assert "exercises/98_orphan.ipynb has no master in solutions/" in (
        authoring.stale_exercises(copy_of_repo))
