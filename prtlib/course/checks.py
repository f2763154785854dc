"""Feedback on learners' answers in the exercise notebooks.

A learner writes ``check("00.pain_drop", drop)`` under an exercise. The check compares the
answer with a value that ``prtlib`` computes from the ledger or the data (the expected
answer is never stored as a literal) and says one of:

- **correct**, with a short explanation of why;
- **a named common mistake**, with a hint aimed at that mistake;
- **close**, when the answer is near but outside the tolerance (usually rounding);
- **wrong**, with a nudge toward the idea (never the formula with numbers filled in);
- **wrong type** or **not answered yet**, with what the exercise expects.

Hints come in levels. ``hint(id)`` gives the next level each time it is called: a *nudge*
toward the idea, then the *method* (which quantities, which formula and its source), then
a worked *recipe*. A wrong answer's feedback shows only the nudge.

Three more kinds of question sit beside numbers and choices:

- a **judgement** (``kind="judgement"``) is a choice on which careful appraisers differ:
  every option in ``accepted`` counts, and the feedback engages with the reasoning behind
  the option taken (``reasons``);
- a **concept check** is a choice with a reason for each option (``reasons``), shown
  whichever option the learner takes;
- a **prediction** (``kind="prediction"``) records a guess made before an explorer or a
  computation reveals the answer: any number is accepted, and the feedback says how far
  off it was and why.

A check never raises: whatever the learner passes, it returns a :class:`Feedback`.
Exercises are defined per lesson in ``prtlib.course.exercise_sets.lessonNN`` and registered by
id; the id's first two digits name the lesson.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from numbers import Real
from typing import Any

STATUSES = ("correct", "mistake", "close", "wrong", "wrong_type", "unanswered",
            "unknown_exercise", "error", "prediction")
KINDS = ("number", "integer", "choice", "judgement", "prediction")
HINT_LEVELS = ("nudge", "method", "recipe")

# Symbols that common fonts (DejaVu, Liberation, system UI fonts) all draw, emoji font or not.
_ICONS = {"correct": "✔", "mistake": "✎", "close": "≈", "wrong": "✘",
          "wrong_type": "⚠", "unanswered": "…", "unknown_exercise": "⚠", "error": "⚠", "prediction": "◎"}


@dataclass(frozen=True)
class Mistake:
    """A named common mistake: the value it produces and the hint that addresses it."""

    name: str
    value: Callable[[], Any]
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One auto-checked exercise.

    Parameters
    ----------
    id : str
        ``"NN.short_name"``, where NN is the lesson number.
    title : str
        What the learner is asked for, in a few words.
    expected : callable
        Computes the right answer from ``prtlib`` (the ledger, the cohort, a formula).
    kind : {"number", "integer", "choice", "judgement", "prediction"}
        What kind of answer is expected (see the module docstring).
    tolerance : float
        Absolute tolerance for numbers.
    close_within : float
        Relative distance within which a wrong number counts as "close".
    mistakes : tuple of Mistake
        Named common mistakes, checked before "close".
    hint : str
        A general hint, used as the method level when ``method`` is not given.
    choices : tuple of str
        The allowed answers for ``kind="choice"`` and ``kind="judgement"``.
    unit : str
        The unit of the answer, used in messages.
    explanation : str
        What a correct answer means; shown with "Correct".
    nudge, method, recipe : str
        The three hint levels: the idea, the method (quantities, formula and its source),
        and a worked recipe. Feedback on a wrong answer shows the nudge only.
    reasons : tuple of (option, text) pairs
        For choices and judgements: why each option is or is not right, shown when the
        learner picks it.
    accepted : tuple of str
        For judgements: every defensible option besides ``expected()``.
    """

    id: str
    title: str
    expected: Callable[[], Any]
    kind: str = "number"
    tolerance: float = 0.01
    close_within: float = 0.05
    mistakes: tuple[Mistake, ...] = ()
    hint: str = ""
    choices: tuple[str, ...] = ()
    unit: str = ""
    explanation: str = ""
    nudge: str = ""
    method: str = ""
    recipe: str = ""
    reasons: tuple[tuple[str, str], ...] = ()
    accepted: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}; got {self.kind!r} for {self.id}.")

    def hint_levels(self) -> list[tuple[str, str]]:
        """The hint levels this exercise has, in order, as (level, text) pairs."""
        texts = {"nudge": self.nudge, "method": self.method or self.hint,
                 "recipe": self.recipe}
        return [(level, texts[level]) for level in HINT_LEVELS if texts[level]]

    def first_hint(self) -> str:
        """What a wrong answer's feedback shows: the nudge, else the first level there is."""
        levels = self.hint_levels()
        return levels[0][1] if levels else ""

    def reason(self, option: str) -> str:
        """The reason given for one option of a choice or judgement ('' if none)."""
        lookup = {o.lower(): text for o, text in self.reasons}
        return lookup.get(option.lower(), "")


@dataclass(frozen=True)
class Feedback:
    """The result of a check: a status and a message for the learner."""

    exercise_id: str
    status: str
    message: str
    mistake: str | None = field(default=None)

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        return f"{_ICONS.get(self.status, '')} {self.message}".strip()

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colours = {"correct": "#009E73", "mistake": "#E69F00", "close": "#56B4E9"}
        border = colours.get(self.status, "#D55E00")
        return (
            f'<div style="border-left: 4px solid {border}; padding: 4px 10px;">'
            f"{html.escape(str(self))}</div>"
        )


_REGISTRY: dict[str, Exercise] = {}


def register(*exercises: Exercise) -> None:
    """Add exercises to the registry (called by the lesson modules)."""
    for exercise in exercises:
        _REGISTRY[exercise.id] = exercise


def _load_lesson(exercise_id: str) -> None:
    prefix = exercise_id.split(".", 1)[0]
    if len(prefix) == 2 and prefix.isdigit():
        try:
            import_module(f"prtlib.course.exercise_sets.lesson{prefix}")
        except ModuleNotFoundError:
            pass


def get_exercise(exercise_id: str) -> Exercise:
    """Return a registered exercise; raises KeyError when there is none."""
    if exercise_id not in _REGISTRY:
        _load_lesson(exercise_id)
    return _REGISTRY[exercise_id]


def exercise_ids(lesson: str | None = None) -> list[str]:
    """The ids of the exercises of one lesson (``"00"``), or of every loaded lesson."""
    if lesson is not None:
        _load_lesson(f"{lesson}.x")
        return sorted(k for k in _REGISTRY if k.startswith(f"{lesson}."))
    return sorted(_REGISTRY)


_HINTS_SHOWN: dict[str, int] = {}


class Hint(str):
    """A hint: a string that a notebook displays as plain text, without quotes."""

    def __repr__(self) -> str:
        return str(self)


def hint(exercise_id: str, level: str | None = None) -> Hint:
    """The next hint for a learner who is stuck: each call reveals one more level.

    The first call gives a nudge toward the idea, the second the method, the third a
    worked recipe; later calls repeat the last level. ``level="nudge"`` (or "method",
    "recipe") asks for one level directly, without moving on.

    >>> from prtlib.course.checks import reset_hints
    >>> reset_hints()
    >>> hint("00.pain_drop").startswith("Hint 1 of")
    True
    """
    try:
        exercise = get_exercise(exercise_id)
    except KeyError:
        return Hint(f"There is no exercise called {exercise_id!r}.")
    levels = exercise.hint_levels()
    if not levels:
        return Hint("No hint for this one: reread the question and the cells above.")
    if level is not None:
        names = [name for name, _ in levels]
        if level not in names:
            return Hint(f"Exercise {exercise.id} has no {level!r} hint; it has "
                        f"{', '.join(names)}.")
        index = names.index(level)
    else:
        index = min(_HINTS_SHOWN.get(exercise.id, 0), len(levels) - 1)
        _HINTS_SHOWN[exercise.id] = index + 1
    name, text = levels[index]
    more = (f" Run hint({exercise.id!r}) again for the {levels[index + 1][0]}."
            if index + 1 < len(levels) else "")
    return Hint(f"Hint {index + 1} of {len(levels)} ({name}): {text}{more}")


def reset_hints(exercise_id: str | None = None) -> None:
    """Start the hint levels again, for one exercise or for all."""
    if exercise_id is None:
        _HINTS_SHOWN.clear()
    else:
        _HINTS_SHOWN.pop(exercise_id, None)


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check a learner's answer and explain the verdict. Never raises.

    Parameters
    ----------
    exercise_id : str
        The exercise, e.g. ``"00.pain_drop"``.
    answer : object
        What the learner computed. ``...`` or ``None`` means "not answered yet".

    Returns
    -------
    Feedback
        ``.status`` is one of ``STATUSES``; ``.correct`` is True for a right answer.

    Examples
    --------
    >>> print(check("00.pain_drop", ...))
    … Not answered yet: replace the ... with your code, run the cell, then run this check.
    >>> check("00.pain_drop", "three").status
    'wrong_type'
    """
    if not isinstance(exercise_id, str):
        return Feedback(str(exercise_id), "unknown_exercise",
                        f"The exercise id must be text such as '00.pain_drop'; "
                        f"got {exercise_id!r}.")
    try:
        exercise = get_exercise(exercise_id)
    except KeyError:
        known = ", ".join(exercise_ids(str(exercise_id)[:2])) or "none in that lesson"
        return Feedback(str(exercise_id), "unknown_exercise",
                        f"There is no exercise called {exercise_id!r}; known ids: {known}.")
    except Exception as exc:  # a check must never crash a learner's notebook
        return Feedback(str(exercise_id), "error", f"The check could not load: {exc}")
    try:
        return _judge(exercise, answer)
    except Exception as exc:
        return Feedback(exercise.id, "error",
                        f"The check itself failed ({type(exc).__name__}: {exc}); "
                        "your answer was not judged. Please tell your instructor.")


def _judge(exercise: Exercise, answer: Any) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(exercise.id, "unanswered",
                        "Not answered yet: replace the ... with your code, run the cell, "
                        "then run this check.")
    if exercise.kind in ("choice", "judgement"):
        return _judge_choice(exercise, answer)
    value, problem = _as_number(answer)
    if problem:
        return Feedback(exercise.id, "wrong_type", problem)
    if exercise.kind == "prediction":
        return _judge_prediction(exercise, value)
    if exercise.kind == "integer" and not float(value).is_integer():
        return Feedback(exercise.id, "wrong_type",
                        f"This exercise expects a whole number (a count); you gave {value:g}.")
    expected = float(exercise.expected())
    unit = f" {exercise.unit}" if exercise.unit else ""
    if abs(value - expected) <= exercise.tolerance:
        return Feedback(exercise.id, "correct",
                        f"Correct: {value:g}{unit}. {exercise.explanation}".strip())
    for mistake in exercise.mistakes:
        if abs(value - float(mistake.value())) <= exercise.tolerance:
            return Feedback(exercise.id, "mistake", f"Not quite. {mistake.hint}",
                            mistake=mistake.name)
    if expected != 0 and abs(value - expected) <= exercise.close_within * abs(expected):
        return Feedback(exercise.id, "close",
                        f"Close, but not within the tolerance of ±{exercise.tolerance:g}{unit}. "
                        "Check your rounding: keep full precision until the end.")
    return Feedback(exercise.id, "wrong",
                    f"Not correct yet: {value:g}{unit}.{_nudge(exercise)}")


def _nudge(exercise: Exercise) -> str:
    first = exercise.first_hint()
    more = f" For more, run hint({exercise.id!r})." if len(exercise.hint_levels()) > 1 else ""
    return f" Hint: {first}{more}" if first else ""


def _judge_prediction(exercise: Exercise, value: float) -> Feedback:
    expected = float(exercise.expected())
    unit = f" {exercise.unit}" if exercise.unit else ""
    gap = value - expected
    if abs(gap) <= exercise.tolerance:
        verdict = "spot on"
    elif expected != 0 and abs(gap) <= 0.25 * abs(expected):
        verdict = f"close: {'above' if gap > 0 else 'below'} by {abs(gap):.3g}{unit}"
    else:
        verdict = (f"{'above' if gap > 0 else 'below'} by {abs(gap):.3g}{unit}"
                   + (f", about {abs(value / expected):.2g} times the value"
                      if expected != 0 and value != 0 and value / expected > 0 else ""))
    return Feedback(exercise.id, "prediction",
                    f"Prediction recorded: {value:g}{unit}. The value is {expected:.3g}{unit}; "
                    f"your guess is {verdict}. {exercise.explanation}".strip())


def _judge_choice(exercise: Exercise, answer: Any) -> Feedback:
    options = ", ".join(repr(c) for c in exercise.choices)
    if not isinstance(answer, str):
        return Feedback(exercise.id, "wrong_type",
                        f"This exercise expects one of the options {options} as text "
                        f"(in quotes); you gave a {type(answer).__name__}.")
    given = answer.strip().lower()
    allowed = {c.lower(): c for c in exercise.choices}
    if given not in allowed:
        return Feedback(exercise.id, "wrong_type",
                        f"{answer!r} is not one of the options: {options}.")
    expected = str(exercise.expected()).lower()
    reason = exercise.reason(given)
    if given == expected:
        return Feedback(exercise.id, "correct",
                        f"Correct: {allowed[given]!r}. {reason or exercise.explanation}"
                        .strip())
    if exercise.kind == "judgement" and given in {a.lower() for a in exercise.accepted}:
        return Feedback(exercise.id, "correct",
                        f"A defensible judgement: {allowed[given]!r}. {reason} "
                        f"The course's own reading is {exercise.expected()!r}. "
                        f"{exercise.explanation}".strip())
    for mistake in exercise.mistakes:
        if given == str(mistake.value()).lower():
            return Feedback(exercise.id, "mistake", f"Not quite. {mistake.hint}",
                            mistake=mistake.name)
    because = f" {reason}" if reason else ""
    return Feedback(exercise.id, "wrong", f"Not correct yet.{because}{_nudge(exercise)}")


def _as_number(answer: Any) -> tuple[float, str]:
    """Turn an answer into a float, or explain why it is not one number."""
    if isinstance(answer, bool):
        return math.nan, (f"This exercise expects a number; you gave {answer}, a True/False "
                          "value. A comparison (==, <) gives True/False: compute the "
                          "number itself.")
    if isinstance(answer, str):
        try:
            float(answer)
        except ValueError:
            return math.nan, (f"This exercise expects a number; you gave the text {answer!r}. "
                              "Compute the value in Python instead of typing words.")
        return math.nan, (f"This exercise expects a number; you gave the text {answer!r}. "
                          "Remove the quotes so that Python sees a number.")
    size = getattr(answer, "size", None)
    if size is not None and not isinstance(answer, Real):
        kind = type(answer).__name__
        if size != 1:
            return math.nan, (f"This exercise expects one number; you gave a {kind} holding "
                              f"{size} values. Select or summarize it down to one value "
                              "(for example with .mean() or .loc[...]).")
        try:
            answer = answer.item() if hasattr(answer, "item") else float(answer)
        except (TypeError, ValueError):
            return math.nan, f"This exercise expects one number; could not read your {kind}."
    if isinstance(answer, list | tuple | dict | set):
        return math.nan, (f"This exercise expects one number; you gave a "
                          f"{type(answer).__name__} with {len(answer)} items.")
    if not isinstance(answer, Real):
        return math.nan, (f"This exercise expects a number; you gave a "
                          f"{type(answer).__name__}.")
    value = float(answer)
    if math.isnan(value):
        return math.nan, ("Your answer is NaN (not a number): a missing value probably "
                          "slipped into the calculation. Drop missing values first, or use "
                          "pandas methods such as .mean(), which skip them.")
    if math.isinf(value):
        return math.nan, ("Your answer is infinite: check for a division by zero.")
    return value, ""
