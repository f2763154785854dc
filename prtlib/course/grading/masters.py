"""What the grader knows about each exercise set, read from its master in ``solutions/``.

For every master the grader needs:

- the **checked exercises**, in order: each ``check("NN.name", expression)`` call of a code
  cell gives the exercise id and the expression whose value is graded (the name the
  learner's stub defines);
- the **open questions**: each cell tagged ``model-answer`` is the model answer to the
  markdown cell just before it (the question); cells tagged ``rubric`` after it hold the
  marking rubric of that question;
- the master's **fingerprint**, which the learner's copy records when it is generated.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

EXERCISE_POINTS = 1
"""Points for a checked exercise answered correctly (an ``Exercise`` may set ``points``)."""
OPEN_QUESTION_POINTS = 2
"""Default maximum points for an open question, unless its rubric states them, as
``**Rubric** (N points)`` (the masters' form) or ``Points: N``."""

_CHECK_ID = re.compile(r"""\bcheck\(\s*(["'])(\d\d\.\w+)\1""")
_RUBRIC_POINTS = re.compile(r"^\W*points?\W*[:=]\W*(\d+(?:\.\d+)?)"
                            r"|\brubric\W*\((\d+(?:\.\d+)?)\s*points?\)", re.I | re.M)


@dataclass(frozen=True)
class CheckedExercise:
    """One auto-checked exercise of a set: its id, the graded expression and its points."""

    id: str
    expression: str
    title: str
    points: float


@dataclass(frozen=True)
class OpenQuestion:
    """One question answered in words, with its model answer and rubric."""

    id: str
    title: str
    question: str
    model_answer: str
    rubric: str
    points: float


@dataclass(frozen=True)
class ExerciseSet:
    """A lesson's exercise set as its master defines it."""

    lesson: str
    name: str
    master: Path
    fingerprint: str
    exercises: tuple[CheckedExercise, ...]
    questions: tuple[OpenQuestion, ...]
    cell_sources: frozenset[str] = field(default=frozenset(), repr=False)
    """The sources of the master's cells that learners see unchanged (an answer ends there)."""

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.exercises)

    @property
    def auto_points(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_points(self) -> float:
        return self.auto_points + sum(q.points for q in self.questions)


def check_calls(source: str) -> list[tuple[str, str]]:
    """The ``(exercise id, expression)`` of every ``check("id", expression)`` call in code.

    Examples
    --------
    >>> check_calls('x = 1\\ncheck("00.pain_drop", drop)\\nprint(check("00.x", round(y, 2)))')
    [('00.pain_drop', 'drop'), ('00.x', 'round(y, 2)')]
    >>> check_calls("check('00.pain_drop', 3.04)  # a literal is an answer too")
    [('00.pain_drop', '3.04')]
    """
    try:
        tree = ast.parse(_without_magics(source))
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        first = node.args[0]
        if name == "check" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((node.lineno, node.col_offset, first.value, ast.unparse(node.args[1])))
    return [(ex_id, expr) for _, _, ex_id, expr in sorted(found)]


def check_ids(source: str) -> list[str]:
    """Exercise ids named in ``check(...)`` calls, read as text (works on broken code too).

    >>> check_ids('check("00.pain_drop", drop)\\ncheck( \\'00.least_improved\\', x')
    ['00.pain_drop', '00.least_improved']
    """
    return [m.group(2) for m in _CHECK_ID.finditer(source)]


def _without_magics(source: str) -> str:
    """Blank out IPython-only lines (``%magic``, ``!shell``) so that ``ast`` can parse."""
    lines = []
    for line in source.split("\n"):
        stripped = line.lstrip()
        lines.append("" if stripped.startswith(("%", "!", "?")) else line)
    return "\n".join(lines)


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _title(markdown: str) -> str:
    """A question's heading without its "Question N ·" prefix.

    >>> _title("## Question 2 · One-tailed tests\\n\\nThe trial...")
    'One-tailed tests'
    """
    for line in markdown.splitlines():
        if line.strip():
            heading = line.lstrip("#").strip()
            return re.sub(r"^Question(\s+\d+)?\s*·\s*", "", heading)
    return ""


def _rubric_points(rubric: str) -> float:
    match = _RUBRIC_POINTS.search(rubric)
    if not match:
        return float(OPEN_QUESTION_POINTS)
    return float(match.group(1) or match.group(2))


def read_master(path: Path) -> ExerciseSet:
    """Read one master notebook into an :class:`ExerciseSet`."""
    import nbformat

    from prtlib.course.authoring import fingerprint

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    exercises: dict[str, CheckedExercise] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for ex_id, expr in check_calls(cell.source):
            if ex_id not in exercises:
                exercises[ex_id] = CheckedExercise(ex_id, expr, "", float(EXERCISE_POINTS))
    # An open question is the plain markdown cell nearest before a model answer; a rubric
    # cell belongs to the nearest question before it.
    special = {"model-answer", "rubric", "instructor"}
    questions: list[dict] = []
    for index, cell in enumerate(nb.cells):
        if "model-answer" not in _tags(cell):
            continue
        asked = next((j for j in range(index - 1, -1, -1)
                      if nb.cells[j].cell_type == "markdown" and not _tags(nb.cells[j]) & special),
                     None)
        questions.append({"at": asked if asked is not None else index,
                          "question": nb.cells[asked].source if asked is not None else "",
                          "model_answer": cell.source, "rubric": []})
    for index, cell in enumerate(nb.cells):
        if "rubric" in _tags(cell):
            owners = [q for q in questions if q["at"] < index]
            if owners:
                owners[-1]["rubric"].append(cell.source)
    lesson = path.name[:2]
    built = []
    for k, q in enumerate(questions, 1):
        rubric = "\n\n".join(q["rubric"])
        built.append(OpenQuestion(f"{lesson}.question_{k}", _title(q["question"]), q["question"],
                                  q["model_answer"], rubric, _rubric_points(rubric)))
    sources = frozenset(c.source for c in nb.cells
                        if c.source.strip() and not _tags(c) & special)
    return ExerciseSet(lesson, path.stem, path, fingerprint(nb), tuple(exercises.values()),
                       tuple(built), sources)


def with_titles(item: ExerciseSet) -> ExerciseSet:
    """The set with each exercise's title and points read from ``prtlib.course.checks``.

    Kept apart from :func:`read_master` because it imports the lesson's exercise module,
    which can take a while; the grader does it only for the sets it grades.
    """
    import dataclasses

    from prtlib.course.checks import get_exercise

    filled = []
    for ex in item.exercises:
        try:
            exercise = get_exercise(ex.id)
            title = exercise.title
            points = float(getattr(exercise, "points", EXERCISE_POINTS))
        except KeyError:
            title, points = "(no such exercise in prtlib)", float(EXERCISE_POINTS)
        filled.append(dataclasses.replace(ex, title=title, points=points))
    return dataclasses.replace(item, exercises=tuple(filled))


def load_sets(root: Path) -> dict[str, ExerciseSet]:
    """Every master's exercise set under ``root/solutions``, keyed by lesson number."""
    folder = Path(root) / "solutions"
    sets = {}
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        item = read_master(path)
        sets[item.lesson] = item
    return sets
