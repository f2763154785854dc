"""The course asks before it tells: what every lesson and exercise set must offer a learner.

- every **Think!** prompt in a lesson is followed by a model answer she reveals when ready
  (a collapsed ``<details>`` block);
- every lesson asks for at least one prediction before it reveals the answer;
- in every exercise set at least half of the numeric exercises are computed by the learner
  (the master's solution calls no ``prtlib`` function beyond reading the ledger or the
  data), and the set has at least one concept check and one prediction;
- every exercise has three hint levels, and a far-off answer never sees the recipe;
- every open question in a master has a rubric, and no exercise notebook shows a rubric
  or a model answer.
"""

import ast
import json
import re
import textwrap
from pathlib import Path

import pytest

from prtlib.course.authoring import BEGIN, END
from prtlib.course.catalogue import LESSONS
from prtlib.course.checks import check, exercise_ids, get_exercise, reset_hints

ROOT = Path(__file__).resolve().parents[1]

# Reading the trial's numbers or its participant data is not "calling the helper the
# question names": these stay allowed inside a learner-computed solution.
DATA_ACCESS = {"get", "keys", "fact", "source", "cite", "search", "synthetic_trial", "wide",
               "long", "load_public", "public_trial", "public_wide", "fetch_public_data",
               "ledger", "fmri_peaks", "fmri_connectivity", "inconsistencies"}


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _lessons_with(folder: str) -> list[Path]:
    paths = [ROOT / folder / item.filename for item in LESSONS]
    return [p for p in paths if p.exists()]


def _think_prompts(path: Path):
    """(cell index, text after the prompt in its cell, next cell's text) for each Think!"""
    cells = _cells(path)
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        text = _source(cell)
        for match in re.finditer(r"\*\*Think!", text):
            rest = text[match.end():]
            following = _source(cells[i + 1]) if i + 1 < len(cells) else ""
            yield i, rest, following


@pytest.mark.parametrize("path", _lessons_with("course"), ids=lambda p: p.stem)
def test_every_think_prompt_is_followed_by_a_revealable_answer(path):
    missing = []
    for index, rest, following in _think_prompts(path):
        # The answer sits under the prompt: in the same cell before the next prompt, or
        # opening the next cell.
        own = rest.split("**Think!", 1)[0]
        block = own if "<details" in own else following
        if not re.search(r"<details>\s*<summary>.+?</summary>.+?</details>", block, re.S):
            missing.append(index)
    assert not missing, f"{path.name}: Think! prompts without a <details> answer in cells {missing}"


def test_the_course_has_at_least_the_53_think_prompts_it_started_with():
    count = sum(len(list(_think_prompts(p))) for p in _lessons_with("course"))
    assert count >= 53


@pytest.mark.parametrize("path", _lessons_with("course"), ids=lambda p: p.stem)
def test_every_lesson_asks_for_a_prediction(path):
    ids = re.findall(r'check\("(\d\d\.\w+)"', "\n".join(
        _source(c) for c in _cells(path) if c["cell_type"] == "code"))
    kinds = {get_exercise(i).kind for i in ids}
    assert "prediction" in kinds, f"{path.name} checks no prediction"


def _solution_regions(path: Path) -> dict[str, str]:
    """Exercise id -> the code between the markers of the cell that checks it."""
    found = {}
    for cell in _cells(path):
        text = _source(cell)
        if cell["cell_type"] != "code" or BEGIN not in text:
            continue
        region = "\n".join(textwrap.dedent(part.split(END, 1)[0])
                           for part in text.split(BEGIN)[1:])
        for exercise_id in re.findall(r'check\("(\d\d\.\w+)"', text):
            found[exercise_id] = region
    return found


def _prtlib_names(path: Path) -> set[str]:
    """Names the master imports from prtlib (functions and modules alike)."""
    names = set()
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        try:
            tree = ast.parse(_source(cell))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("prtlib"):
                names |= {alias.asname or alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                names |= {(a.asname or a.name).split(".")[0] for a in node.names
                          if a.name.startswith("prtlib")}
    return names


def helper_calls(region: str, prtlib_names: set[str]) -> list[str]:
    """The prtlib calls in a solution region, other than reading the ledger or the data."""
    calls = []
    for node in ast.walk(ast.parse(region)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in prtlib_names:
            name = func.id
        elif isinstance(func, ast.Attribute):
            root = func
            while isinstance(root, ast.Attribute):
                root = root.value
            if not (isinstance(root, ast.Name) and root.id in prtlib_names):
                continue
            name = func.attr
        else:
            continue
        if name not in DATA_ACCESS:
            calls.append(name)
    return calls


def test_the_helper_counter_tells_a_lookup_from_a_helper_call():
    names = {"published", "hedges_g_from_summary", "fmri"}
    assert helper_calls("x = published.get('a') - published.get('b')", names) == []
    assert helper_calls("g = hedges_g_from_summary(1, 2, 3, 4, 5, 6).estimate", names) == [
        "hedges_g_from_summary"]
    assert helper_calls("p = fmri.reverse_inference(0.5, 0.9, 0.2)", names) == [
        "reverse_inference"]
    assert helper_calls("import numpy as np\nz = np.arctanh(0.3)", names) == []


@pytest.mark.parametrize("path", _lessons_with("solutions"), ids=lambda p: p.stem)
def test_at_least_half_of_the_numeric_exercises_are_computed_by_the_learner(path):
    regions = _solution_regions(path)
    names = _prtlib_names(path)
    numeric = [i for i in regions if get_exercise(i).kind in ("number", "integer")]
    by_helper = {i: helper_calls(regions[i], names) for i in numeric}
    computed = [i for i, calls in by_helper.items() if not calls]
    assert numeric, f"{path.name} has no numeric exercise"
    assert 2 * len(computed) >= len(numeric), (
        f"{path.name}: only {len(computed)} of {len(numeric)} numeric exercises are computed "
        f"by the learner; helper calls: { {i: c for i, c in by_helper.items() if c} }")


@pytest.mark.parametrize("path", _lessons_with("solutions"), ids=lambda p: p.stem)
def test_every_set_has_a_concept_check_and_a_prediction(path):
    ids = set(re.findall(r'check\("(\d\d\.\w+)"', "\n".join(
        _source(c) for c in _cells(path) if c["cell_type"] == "code")))
    kinds = {get_exercise(i).kind for i in ids}
    concept = [i for i in ids if get_exercise(i).kind in ("choice", "judgement")
               and get_exercise(i).reasons]
    assert "prediction" in kinds, f"{path.name} has no prediction"
    assert concept, f"{path.name} has no concept check (a choice with a reason per option)"


IDS = [i for lesson in LESSONS for i in exercise_ids(lesson.number)]


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_has_three_hint_levels(exercise_id):
    exercise = get_exercise(exercise_id)
    if exercise.kind == "prediction":
        pytest.skip("a prediction accepts any number and needs no hint")
    levels = [name for name, _ in exercise.hint_levels()]
    assert levels == ["nudge", "method", "recipe"], (exercise_id, levels)


def _far_off(exercise):
    if exercise.kind in ("choice", "judgement"):
        taken = {str(exercise.expected()).lower()} | {a.lower() for a in exercise.accepted}
        taken |= {str(m.value()).lower() for m in exercise.mistakes}
        others = [c for c in exercise.choices if c.lower() not in taken]
        return others[0] if others else None
    return round(float(exercise.expected()) * 3 + 17)


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_far_off_answer_gets_the_nudge_and_never_the_recipe(exercise_id):
    exercise = get_exercise(exercise_id)
    if exercise.kind == "prediction":
        pytest.skip("a prediction accepts any number")
    wrong = _far_off(exercise)
    if wrong is None:
        pytest.skip("every option is the answer, an accepted judgement or a named mistake")
    reset_hints(exercise_id)
    feedback = check(exercise_id, wrong)
    assert feedback.status == "wrong", feedback
    assert exercise.nudge in feedback.message
    assert exercise.recipe not in feedback.message
    assert exercise.method not in feedback.message


@pytest.mark.parametrize("path", _lessons_with("solutions"), ids=lambda p: p.stem)
def test_every_open_question_has_a_rubric_after_its_model_answer(path):
    cells = _cells(path)
    missing = []
    for i, cell in enumerate(cells):
        if "model-answer" in _tags(cell):
            after = cells[i + 1] if i + 1 < len(cells) else {}
            if "rubric" not in _tags(after) or not re.search(
                    r"full|partial|points", _source(after), re.I):
                missing.append(i)
    assert not missing, f"{path.name}: model answers without a rubric in cells {missing}"


@pytest.mark.parametrize("path", _lessons_with("solutions"), ids=lambda p: p.stem)
def test_no_exercise_notebook_shows_a_rubric_or_a_model_answer(path):
    learner = _cells(ROOT / "exercises" / path.name)
    learner_text = "\n".join(_source(c) for c in learner)
    for cell in _cells(path):
        if {"rubric", "model-answer"} & set(_tags(cell)):
            for line in _source(cell).splitlines():
                if len(line.strip()) > 30:
                    assert line.strip() not in learner_text, (path.name, line)
    assert not any({"rubric", "model-answer"} & set(_tags(c)) for c in learner)
