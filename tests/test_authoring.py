"""The notebook pipeline: exercises are generated from their masters and kept in step."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from prtlib.course import authoring

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
        [sys.executable, "-m", "prtlib.course.authoring", "--root", str(copy_of_repo),
         "exercises", "--check"],
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"exercises/{master.name} differs from its master" in result.stderr
    assert "make exercises" in result.stderr

    regenerate = subprocess.run(
        [sys.executable, "-m", "prtlib.course.authoring", "--root", str(copy_of_repo), "exercises"],
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


# -- no answer can leak: malformed or near-miss markers are errors ------------------------


def _one_cell_master(source: str, tags=("solution",)):
    nb = _master()
    nb.cells[1].source = source
    nb.cells[1].metadata["tags"] = list(tags)
    return nb


@pytest.mark.parametrize("source", [
    "x = 2\ncheck('99.demo', x)",                                        # no markers at all
    "#BEGIN SOLUTION\nx = 2\n#END SOLUTION\ncheck('99.demo', x)",         # no space
    "# begin solution\nx = 2\n# end solution\ncheck('99.demo', x)",       # lower case
    "# BEGIN SOLUTIONS\nx = 2\n# END SOLUTIONS\ncheck('99.demo', x)",     # plural
    "# Begin Solution\nx = 2\n# END SOLUTION\ncheck('99.demo', x)",       # mixed
    "# BEGIN SOLUTION\nx = 2\n# END SOLUTION:\ncheck('99.demo', x)",      # trailing colon
    "## BEGIN SOLUTION\nx = 2\n# END SOLUTION\ncheck('99.demo', x)",      # two hashes
    "# BEGIN SOLUTION\nx = 2\ncheck('99.demo', x)",                       # END missing
])
def test_a_solution_cell_that_would_leak_is_an_error_naming_notebook_and_cell(source):
    with pytest.raises(authoring.AuthoringError) as info:
        authoring.generate_exercise(_one_cell_master(source), "solutions/99_demo.ipynb")
    assert str(info.value).startswith("solutions/99_demo.ipynb, cell 1:")


@pytest.mark.parametrize("source", [
    "# BEGIN SOLUTION\nx = 2\n# END SOLUTION",
    "#BEGIN SOLUTION\nx = 2\n#END SOLUTION",
    "x = 2  # END SOLUTION\n# end solution",
])
def test_a_marker_in_an_untagged_cell_is_an_error(source):
    with pytest.raises(authoring.AuthoringError, match=r"cell 1: .*no 'solution' tag"):
        authoring.generate_exercise(_one_cell_master(source, tags=()),
                                    "solutions/99_demo.ipynb")


def test_marker_like_words_in_ordinary_code_are_allowed():
    # A comment that merely mentions a solution is not a marker.
    src = ("# The solution below uses the ledger.\n# BEGIN SOLUTION\nx = 2\n"
           "# END SOLUTION\ncheck('99.demo', x)")
    assert authoring.strip_solutions(src).startswith("# The solution below uses the ledger.")


# -- stubs: blocks, subscripts and attributes ---------------------------------------------


def _stub(region: str, after: str = "") -> str:
    src = f"# BEGIN SOLUTION\n{region}\n# END SOLUTION\n{after}"
    return authoring.strip_solutions(src).rstrip("\n")


def test_a_name_assigned_in_every_branch_of_an_if_is_stubbed():
    out = _stub("if g < 0:\n    verdict = 'PRT'\nelse:\n    verdict = 'control'",
                "check('99.demo', verdict)")
    assert out == "verdict = ...  # your code here\ncheck('99.demo', verdict)"


def test_loop_temporaries_are_not_stubbed_but_results_read_later_are():
    region = ("rates = {}\nfor arm in arms:\n    n = counts[arm]\n    rates[arm] = n / 2\n"
              "    if n > 3:\n        largest = arm")
    out = _stub(region, "check('99.demo', (rates, largest))")
    assert out.splitlines() == ["rates = ...  # your code here",
                                "largest = ...  # your code here",
                                "check('99.demo', (rates, largest))"]
    # arm (a loop variable) and n (read nowhere after the region) get no stub, and
    # rates[arm] is covered by the stub of rates.


def test_with_and_try_blocks_are_entered():
    out = _stub("with open('f') as handle:\n    text = handle.read()\n"
                "try:\n    value = float(text)\nexcept ValueError:\n    value = None",
                "print(text, value)")
    assert out.splitlines()[:2] == ["text = ...  # your code here",
                                    "value = ...  # your code here"]


def test_names_local_to_a_function_are_not_stubbed():
    out = _stub("def helper(arm):\n    local = arm * 2\n    return local\n\n\n"
                "answer = helper(3)", "check('99.demo', answer)")
    assert out.splitlines() == ["answer = ...  # your code here", "check('99.demo', answer)"]


def test_assignment_to_a_subscript_or_attribute_of_an_outside_object():
    out = _stub("table['change'] = table['post'] - table['baseline']\nfig.dpi = 100")
    assert out == "# your code here: set table['change'], fig.dpi"
    # ... and of an object the region creates: the object's own stub is enough.
    assert _stub("d = {}\nd['a'] = 1") == "d = ...  # your code here"


def test_a_region_that_is_a_function_body_stays_valid_python():
    import ast

    src = ("def doubled(x):\n    # BEGIN SOLUTION\n    return 2 * x\n    # END SOLUTION\n\n\n"
           "check('99.demo', doubled(2))")
    out = authoring.strip_solutions(src)
    assert "    ...  # your code here" in out
    ast.parse(out)


@pytest.mark.parametrize("region", [
    "for i in range(3):\n    total = i",
    "while n < 10:\n    n += 1",
    "a, *rest = [1, 2, 3]",
    "x[0], y = 1, 2",
    "with ctx() as (a, b):\n    pass",
])
def test_every_stub_is_valid_python(region):
    import ast

    ast.parse(_stub(region, "print('done')"))


# -- no line of any solution region reaches a learner -------------------------------------


def _tags_of(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _solution_lines_and_given_text(master: Path) -> tuple[set[str], str]:
    """Every line of the master's solution regions (stripped, with a letter or digit), and
    the text the master shows learners anyway (its cells outside regions and hidden cells),
    so that a line a question itself gives (e.g. a seed to use) is not counted as a leak."""
    nb = nbformat.read(master, as_version=4)
    lines: set[str] = set()
    given: list[str] = []
    for cell in nb.cells:
        tags = _tags_of(cell)
        if tags & {"instructor", "rubric", "model-answer"}:
            continue
        region = None
        for line in cell.source.split("\n"):
            if cell.cell_type == "code" and line.strip() == authoring.BEGIN:
                region = []
            elif cell.cell_type == "code" and line.strip() == authoring.END:
                region = None
            elif region is not None:
                if any(ch.isalnum() for ch in line):
                    lines.add(line.strip())
            else:
                given.append(line)
    return lines, "\n".join(given)


def leaked_lines(root: Path) -> list[str]:
    """Each (exercise notebook, solution line) where a line of any master's solution
    region appears in an exercise notebook in exercises/ (read from disk)."""
    masters = sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb"))
    hidden: dict[str, Path] = {}
    given = ""
    for master in masters:
        lines, text = _solution_lines_and_given_text(master)
        given += "\n" + text
        for line in lines:
            hidden.setdefault(line, master)
    hidden = {line: m for line, m in hidden.items() if line not in given}
    found = []
    for exercise in sorted((root / "exercises").glob("*.ipynb")):
        text = "\n".join(cell.source for cell in nbformat.read(exercise, as_version=4).cells)
        found += [f"{exercise.name}: {line!r} (from {m.name})"
                  for line, m in hidden.items() if line in text]
    return found


def test_no_solution_line_appears_in_any_exercise_notebook():
    assert list((ROOT / "exercises").glob("*.ipynb")), "no exercise notebooks found"
    leaks = leaked_lines(ROOT)
    assert not leaks, "\n".join(leaks)


def test_the_leak_check_finds_a_planted_line(copy_of_repo):
    # Negative control: copy one solution line into an exercise notebook's code cell.
    master = sorted((copy_of_repo / "solutions").glob("[0-9][0-9]_*.ipynb"))[0]
    lines, given = _solution_lines_and_given_text(master)
    line = sorted(line for line in lines if line not in given)[0]
    exercise = copy_of_repo / "exercises" / master.name
    nb = nbformat.read(exercise, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(line))
    nbformat.write(nb, exercise)
    assert leaked_lines(copy_of_repo) == [f"{master.name}: {line!r} (from {master.name})"]
