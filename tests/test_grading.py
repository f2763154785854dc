"""Grading a class: submissions built from lesson 00's master and exercise notebook.

One folder of submissions, graded once (module fixture), holds every case the grader must
survive: the master itself (all correct), the learner's notebook untouched (unanswered),
tampering (a redefined ``check``, edited outputs, a printed "Correct", rebound builtins),
a renamed file, a cell that raises, a cell that never ends, megabytes of output, a notebook
that deletes and writes files, an empty folder, files that are not notebooks, another
lesson's notebook, an old version of the set and a notebook that kills its kernel.

Reference values: the expected answers and named mistakes come from
``prtlib.course.exercise_sets.lesson00`` (the ledger); the figures below are counted by hand from
the submissions built here (3 checked exercises worth 1 point each, 1 open question worth 2).
"""

import csv
import hashlib
import json
import math
from pathlib import Path

import nbformat
import pytest

from prtlib.course import authoring
from prtlib.course.checks import check
from prtlib.course.grading import grade
from prtlib.course.grading.execute import _EXPORT, read_payload
from prtlib.course.grading.judge import rebuild
from prtlib.course.grading.submissions import lesson_in_name, read_notebook

ROOT = Path(__file__).resolve().parents[1]
MASTER = ROOT / "solutions" / "00_start_here.ipynb"
CHECK_LINE = {"00.pain_drop": 'check("00.pain_drop", drop)',
              "00.percent_pain_free": 'check("00.percent_pain_free", percent_pain_free)',
              "00.least_improved": 'check("00.least_improved", least_improved)'}
RIGHT = {
    "00.pain_drop": 'drop = published.get("pain.baseline.prt.mean") '
                    '- published.get("pain.post.prt.mean")',
    "00.percent_pain_free": 'percent_pain_free = 100 * published.get("responders.pain01.post.prt")'
                            ' / published.get("n.randomized.prt")',
    "00.least_improved": 'least_improved = "usual_care"',
}


def _exercise_nb():
    master = nbformat.read(MASTER, as_version=4)
    return authoring.generate_exercise(master, "solutions/00_start_here.ipynb")


def _cell(nb, exercise_id):
    return next(c for c in nb.cells if c.cell_type == "code" and exercise_id in c.source)


def _answer(nb, exercise_id, code):
    cell = _cell(nb, exercise_id)
    cell.source = f"{code}\n{CHECK_LINE[exercise_id]}"
    return nb


def _answered(**codes):
    nb = _exercise_nb()
    for exercise_id, code in {**RIGHT, **codes}.items():
        _answer(nb, exercise_id, code)
    return nb


def _write(nb, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def _tampered():
    nb = _exercise_nb()
    imports = next(c for c in nb.cells if c.cell_type == "code")
    imports.source += ("\n\ndef check(*args, **kwargs):\n    print('✔ Correct')\n    return 'Correct'\n"
                       "import json\njson = None\nfloat = str\nisinstance = None\nrepr = None\n"
                       "open = None\neval = None")
    _answer(nb, "00.pain_drop", "drop = published.get('pain.post.prt.mean') "
                                "- published.get('pain.baseline.prt.mean')")
    cell = _cell(nb, "00.percent_pain_free")  # left unanswered, but claims success
    cell.source = cell.source.replace("check(", "print('✔ Correct: 66 %')\ncheck(")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✔ Correct: 66 %\n")]
    cell.execution_count = 3
    _answer(nb, "00.least_improved", 'least_improved = "placebo"')
    return nb


def _lesson01_exercise():
    master = nbformat.read(ROOT / "solutions" / "01_chronic_back_pain.ipynb", as_version=4)
    return authoring.generate_exercise(master, "solutions/01_chronic_back_pain.ipynb")


def _old_version():
    nb = _answered()
    drop_from = next(i for i, c in enumerate(nb.cells) if "Which arm improved least" in c.source)
    del nb.cells[drop_from:drop_from + 2]
    nb.metadata["prtlib"]["master_fingerprint"] = "0" * 16
    return nb


def _sha(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    subs = tmp_path_factory.mktemp("submissions")
    _write(nbformat.read(MASTER, as_version=4), subs / "ada" / "00_start_here.ipynb")
    _write(_exercise_nb(), subs / "ben_00_start_here.ipynb")
    _write(_tampered(), subs / "00_start_here-cara.ipynb")
    dan = _answered(**{"00.least_improved": 'least_improved = "prt"'})
    placeholder = next(c for c in dan.cells if c.source == authoring.ANSWER_PLACEHOLDER)
    placeholder.source = "Everyone randomized: that is intention to treat."
    _write(dan, subs / "dan" / "homework.ipynb")
    _write(_answered(**{"00.pain_drop": "drop = before - after_treatment",
                        "00.percent_pain_free": "while True:\n    pass"}),
           subs / "eve" / "00_start_here.ipynb")
    gus = _answered(**{"00.pain_drop": RIGHT["00.pain_drop"] + "\nprint('x' * 3_000_000)\n"
                       "import os\nos.remove('00_start_here.ipynb')\n"
                       "open('junk.txt', 'w').write('junk')"})
    _write(gus, subs / "gus" / "00_start_here.ipynb")
    (subs / "ivy").mkdir()
    (subs / "jon_00_start_here.ipynb").write_text("this is not JSON", encoding="utf-8")
    (subs / "kim").mkdir()
    (subs / "kim" / "00_start_here.ipynb").write_text('{"hello": "world"}', encoding="utf-8")
    (subs / "kim" / "notes.pdf").write_bytes(b"%PDF-1.4")
    _write(_lesson01_exercise(), subs / "lea" / "00_start_here.ipynb")
    _write(_old_version(), subs / "mo" / "00_start_here.ipynb")
    _write(_answered(**{"00.percent_pain_free": "import os\nos._exit(1)"}),
           subs / "nia" / "00_start_here.ipynb")
    (subs / "00_start_here.ipynb").write_bytes((subs / "ben_00_start_here.ipynb").read_bytes())
    before = _sha(subs)
    out = tmp_path_factory.mktemp("gradebook")
    report = grade(subs, out, timeout=120, cell_timeout=15, jobs=2, progress=False)
    return {"subs": subs, "out": out, "report": report, "before": before}


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _rows(graded, learner):
    return {r["exercise"]: r for r in _read(graded["out"] / "gradebook_long.csv")
            if r["learner"] == learner}


def _wide(graded):
    return {r["learner"]: r for r in _read(graded["out"] / "gradebook_wide.csv")}


def _record(graded, learner):
    return [r for r in _read(graded["out"] / "submissions.csv") if r["learner"] == learner]


def _checked_in_master() -> int:
    """Points the master earns from its checks: one per checked exercise of set 00."""
    from prtlib.course.grading.masters import read_master

    return len(read_master(ROOT / "solutions" / "00_start_here.ipynb").exercises)


def test_the_master_scores_full_marks_and_its_open_answer_waits_for_the_instructor(graded):
    rows = _rows(graded, "ada")
    assert [rows[i]["status"] for i in CHECK_LINE] == ["correct"] * 3
    assert rows["00.pain_drop"]["value"] == rows["00.pain_drop"]["expected"] == "3.04"
    assert rows["00.least_improved"]["value"] == "usual_care"
    assert rows["00.question_1"]["status"] == "to_mark" and rows["00.question_1"]["points"] == ""
    assert _wide(graded)["ada"]["00_start_here"] == str(_checked_in_master())


def test_the_untouched_exercise_notebook_is_unanswered_everywhere(graded):
    rows = _rows(graded, "ben")
    assert {r["status"] for r in rows.values()} == {"unanswered"}
    assert _wide(graded)["ben"]["00_start_here"] == "0"


def test_tampering_scores_the_real_answers(graded):
    rows = _rows(graded, "cara")
    assert rows["00.pain_drop"]["status"] == "mistake"
    assert rows["00.pain_drop"]["mistake"] == "subtracted the wrong way round"
    assert rows["00.pain_drop"]["value"] == "-3.04"
    assert rows["00.percent_pain_free"]["status"] == "unanswered"
    assert rows["00.least_improved"]["status"] == "wrong"
    assert _wide(graded)["cara"]["00_start_here"] == "0"


def test_a_renamed_file_is_recognised_by_its_content(graded):
    rows = _rows(graded, "dan")
    assert rows["00.least_improved"]["mistake"] == "picked the largest drop"
    assert rows["00.question_1"]["status"] == "to_mark"
    assert _record(graded, "dan")[0]["lesson"] == "00_start_here"
    assert _wide(graded)["dan"]["00_start_here"] == "2"


def test_a_cell_that_raises_and_one_that_never_ends_cost_only_their_exercise(graded):
    rows = _rows(graded, "eve")
    assert rows["00.pain_drop"]["status"] == "error"
    assert "NameError" in rows["00.pain_drop"]["feedback"]
    assert rows["00.percent_pain_free"]["status"] == "error"
    assert "time limit" in rows["00.percent_pain_free"]["feedback"]
    assert rows["00.least_improved"]["status"] == "correct"
    notes = _record(graded, "eve")[0]["notes"]
    assert "code cell 2 raised NameError" in notes
    assert "code cell 3 stopped at the 15 s time limit per cell" in notes


def test_megabytes_of_output_and_file_writes_are_contained(graded):
    rows = _rows(graded, "gus")
    assert [rows[i]["status"] for i in CHECK_LINE] == ["correct"] * 3
    notes = _record(graded, "gus")[0]["notes"]
    assert "printed 3.0 MB" in notes
    assert "wrote junk.txt" in notes and "deleted 00_start_here.ipynb" in notes
    assert (graded["subs"] / "gus" / "00_start_here.ipynb").is_file()


def test_originals_are_unchanged_byte_for_byte(graded):
    assert _sha(graded["subs"]) == graded["before"]
    assert graded["report"].changed_originals == []


def test_submissions_that_cannot_be_graded_are_rows_with_a_reason(graded):
    problems = {r["file"]: r for r in _read(graded["out"] / "submissions.csv")
                if r["status"] == "not graded"}
    assert "empty folder" in problems["ivy/"]["reason"]
    assert "not valid JSON" in problems["jon_00_start_here.ipynb"]["reason"]
    assert "no list of cells" in problems["kim/00_start_here.ipynb"]["reason"]
    assert "only .ipynb files are graded" in problems["kim/notes.pdf"]["reason"]
    assert "does not say whose" in problems["00_start_here.ipynb"]["reason"]
    long_errors = {r["file"] for r in _read(graded["out"] / "gradebook_long.csv")
                   if r["exercise"] == "" and r["status"] == "error"}
    assert long_errors == set(problems)


def test_another_lessons_notebook_is_graded_as_that_lesson_and_says_so(graded):
    record = _record(graded, "lea")[0]
    assert record["lesson"] == "01_chronic_back_pain"
    assert "the file name says exercise set 00" in record["notes"]
    assert _wide(graded)["lea"]["01_chronic_back_pain"] == "0"
    assert _wide(graded)["lea"]["00_start_here"] == ""


def test_an_old_version_is_graded_and_its_missing_exercise_named(graded):
    rows = _rows(graded, "mo")
    assert rows["00.least_improved"]["status"] == "unanswered"
    assert "not in your notebook" in rows["00.least_improved"]["feedback"]
    notes = _record(graded, "mo")[0]["notes"]
    assert "no check(...) for 00.least_improved" in notes and "different version" in notes
    assert _wide(graded)["mo"]["00_start_here"] == "2"


def test_a_notebook_that_kills_its_kernel_is_an_error_not_a_crash(graded):
    rows = _rows(graded, "nia")
    assert {rows[i]["status"] for i in CHECK_LINE} == {"error"}
    assert "code cell 3 ended the kernel" in _record(graded, "nia")[0]["notes"]
    assert "ended the kernel" in rows["00.pain_drop"]["feedback"]


def test_feedback_reports_give_feedback_and_hints_but_never_the_expected_answer(graded):
    cara = (graded["out"] / "feedback" / "cara.md").read_text(encoding="utf-8")
    assert "right size but the wrong sign" in cara  # the named mistake's hint
    assert "Hint:" in cara
    assert "usual_care" not in cara and "`3.04`" not in cara
    assert (graded["out"] / "feedback" / "ivy.md").is_file()


def test_marks_entered_by_the_instructor_are_merged_by_a_second_run(graded):
    out = graded["out"]
    rows = _read(out / "open_questions.csv")
    ada = next(r for r in rows if r["learner"] == "ada")
    assert ada["answer"].startswith("**Model answer.**") and ada["points"] == ""
    # The master's rubric cell under the model answer travels with it; it states 2 points.
    assert ada["rubric"].startswith("**Rubric** (2 points)") and ada["max_points"] == "2"
    for row in rows:
        if row["learner"] == "ada":
            row["points"], row["comment"] = "2", "Clear and complete."
        if row["learner"] == "dan":
            row["points"] = "5"  # more than the question is worth: refused
    with open(out / "open_questions.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    again = grade(graded["subs"], out, timeout=120, cell_timeout=15, jobs=2, progress=False)
    assert again.executed == 0  # nothing changed, nothing re-executed
    assert _rows(graded, "ada")["00.question_1"]["status"] == "marked"
    assert _wide(graded)["ada"]["00_start_here"] == str(_checked_in_master() + 2)
    assert _wide(graded)["dan"]["00_start_here"] == "2"
    assert any("dan" in w and "outside 0 to 2" in w for w in again.warnings)
    assert "Clear and complete." in (out / "feedback" / "ada.md").read_text(encoding="utf-8")
    merged = next(r for r in _read(out / "open_questions.csv") if r["learner"] == "ada")
    assert merged["points"] == "2"


# -- pieces, without kernels ----------------------------------------------------------------

@pytest.mark.parametrize("stem, expected", [
    ("ada_03_effect_sizes", ("ada", "03")),
    ("03_effect_sizes-ada", ("ada", "03")),
    ("ada lovelace.03", ("ada lovelace", "03")),
    ("ada", ("ada", "")),
])
def test_learner_id_is_read_from_file_names_by_the_documented_rule(stem, expected):
    assert lesson_in_name(stem, ["00_start_here", "03_effect_sizes"]) == expected


def _through_the_kernel_format(value, tmp_path):
    """Describe a value with the export cell's own code and rebuild it, as the grader does."""
    path = tmp_path / "values.txt"
    namespace = {"answer": value}
    code = _EXPORT % {"path": str(path), "nonce": "n", "expressions": ["answer"],
                      "max_text": 2000}
    exec(code, namespace)
    return rebuild(read_payload(path, "n")["values"]["answer"]["value"])


def test_the_grader_judges_a_rebuilt_value_exactly_as_the_check_judges_the_original(tmp_path):
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    values = [3.04, np.float64(3.04), np.array([3.04]), np.arange(5.0), [3.04], (1, 2),
              {"a": 1}, "3.04", "three", True, np.True_, None, ..., math.nan, math.inf,
              -3.04, pd.Series([3.04]), pd.DataFrame({"a": [1.0]}), object(), 3, "usual_care"]
    for exercise_id in ("00.pain_drop", "00.least_improved"):
        for value in values:
            original = check(exercise_id, value)
            rebuilt = check(exercise_id, _through_the_kernel_format(value, tmp_path))
            assert (rebuilt.status, rebuilt.message) == (original.status, original.message), value


def test_a_values_file_with_the_wrong_nonce_is_refused(tmp_path):
    path = tmp_path / "values.txt"
    path.write_text(repr({"nonce": "forged", "values": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="not the one the grader asked for"):
        read_payload(path, "expected")


@pytest.mark.parametrize("text, reason", [
    ("", "empty"), ("not json", "not valid JSON"), ("[1, 2]", "no list of cells"),
    (json.dumps({"cells": [{"cell_type": "code"}], "nbformat": 4, "nbformat_minor": 5,
                 "metadata": {}}), "not a readable notebook"),
])
def test_files_that_are_not_notebooks_say_why(tmp_path, text, reason):
    path = tmp_path / "x.ipynb"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        read_notebook(path)


@pytest.mark.parametrize("kwargs, name", [
    ({"timeout": 0}, "timeout"), ({"cell_timeout": -1}, "cell_timeout"),
    ({"jobs": 0}, "jobs"), ({"id_column": ""}, "id_column"), ({"max_output": 10}, "max_output"),
])
def test_bad_arguments_name_the_parameter(tmp_path, kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        grade(tmp_path, tmp_path.parent / "out-x", progress=False, **kwargs)


def test_the_gradebook_may_not_live_inside_the_submissions(tmp_path):
    with pytest.raises(ValueError, match="^out must be outside"):
        grade(tmp_path, tmp_path / "grades", progress=False)
    with pytest.raises(ValueError, match="^submissions must be an existing folder"):
        grade(tmp_path / "missing", tmp_path / "grades", progress=False)


def test_the_command_line_is_documented_by_its_help():
    import subprocess
    import sys

    help_text = subprocess.run([sys.executable, "-m", "prtlib.course.grading", "--help"],
                               capture_output=True, text=True, check=True).stdout
    for option in ("--out", "--timeout", "--jobs", "--cell-timeout", "--marks"):
        assert option in help_text


def test_an_open_questions_points_come_from_its_rubric():
    from prtlib.course.grading.masters import OPEN_QUESTION_POINTS, _rubric_points

    # The masters open each rubric with "**Rubric** (N points)"; "Points: N" also counts.
    assert _rubric_points("**Rubric** (6 points). Full (6): ... Partial (3): ...") == 6
    assert _rubric_points("Full answer ...\nPoints: 3") == 3
    assert _rubric_points("Full answer names both reasons.") == OPEN_QUESTION_POINTS
