"""Decide each exercise in the grader's own process, from the values the kernel reported.

The kernel describes each value in plain data (``{"kind": "number", "value": 3.04}``). Here
that description is turned back into an object that :mod:`prtlib.course.checks` treats exactly as it
treats the learner's original (a number, a text, "an array of 151 values", ...), and the
grader's own copy of the check decides. Nothing that ran in the learner's kernel (a
redefined ``check``, a printed "Correct", an edited output) takes part in the decision.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass

STATUSES = ("correct", "mistake", "wrong", "unanswered", "error")
"""Statuses of a checked exercise in the gradebook."""

_FROM_CHECK = {"correct": "correct", "mistake": "mistake", "close": "wrong", "wrong": "wrong",
               "wrong_type": "wrong", "unanswered": "unanswered",
               "unknown_exercise": "error", "error": "error",
               # a prediction is a guess made before the answer is shown: making it earns
               # the point, however far off it is
               "prediction": "correct"}


@dataclass
class Verdict:
    """The grader's decision on one exercise."""

    status: str
    value: str = ""
    expected: str = ""
    points: float = 0.0
    mistake: str = ""
    feedback: str = ""
    hint: str = ""


def show(x) -> str:
    """A short text for a value in the gradebook.

    >>> show(3.0399999999999996), show(66), show("usual_care"), show(None)
    ('3.04', '66', 'usual_care', '')
    """
    if x is None or x is Ellipsis:
        return ""
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, float):
        return format(x, ".10g")
    if isinstance(x, int):
        return str(x)
    return str(x)


def describe_value(desc: dict) -> str:
    """What the learner's value was, in words, from the kernel's description.

    >>> describe_value({"kind": "sized", "type": "ndarray", "size": 151})
    'ndarray of 151 values'
    """
    kind = desc.get("kind")
    if kind in ("ellipsis", "none"):
        return ""
    if kind == "number":
        return desc["special"] if "special" in desc else show(desc.get("value"))
    if kind == "str":
        return str(desc.get("value", ""))
    if kind == "bool":
        return str(desc.get("value"))
    if kind == "sized":
        if desc.get("size") == 1 and isinstance(desc.get("item"), dict):
            return describe_value(desc["item"])
        size = desc.get("size", desc.get("size_text", "?"))
        return f"{desc.get('type', 'object')} of {size} values"
    if kind == "container":
        return f"{desc.get('type', 'container')} of {desc.get('length', '?')} items"
    return f"a {desc.get('type', 'object')}"


def rebuild(desc: dict):
    """An object that :func:`prtlib.course.checks.check` judges as it judged the learner's value.

    >>> rebuild({"kind": "number", "value": 3.04})
    3.04
    >>> rebuild({"kind": "ellipsis"}) is Ellipsis
    True
    >>> from prtlib.course.checks import check
    >>> check("00.pain_drop", rebuild({"kind": "sized", "type": "ndarray", "size": 3})).status
    'wrong_type'
    """
    if not isinstance(desc, dict):
        raise ValueError(f"desc must be a dict describing a value; got {desc!r}.")
    kind = desc.get("kind")
    if kind == "ellipsis":
        return Ellipsis
    if kind == "none":
        return None
    if kind == "bool":
        return bool(desc.get("value"))
    if kind == "str":
        return str(desc.get("value", ""))
    if kind == "number":
        if "special" in desc:
            value = float(str(desc["special"]))
        else:
            value = desc.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"a number's value must be an int or float; got {value!r}.")
        name = str(desc.get("type", type(value).__name__))[:80]
        if name and name != type(value).__name__:  # numpy's float64, int64...
            return type(name, (type(value),), {})(value)
        return value
    name = str(desc.get("type", "object"))[:80] or "object"
    if kind == "sized":
        size = desc.get("size", desc.get("size_text", 0))
        namespace = {"size": size}
        if "item" in desc:
            item = desc["item"]
            if item.get("kind") == "unreadable":
                def item_method(self):
                    raise TypeError("unreadable")
            else:
                inner = rebuild(item)

                def item_method(self, _inner=inner):
                    return _inner
            namespace["item"] = item_method
        return type(name, (), namespace)()
    if kind == "container":
        base = {"list": list, "tuple": tuple, "dict": dict, "set": set}.get(desc.get("base"),
                                                                             list)
        length = int(desc.get("length", 0))
        return type(name, (base,), {"__len__": lambda self: length})()
    return type(name, (), {})()


def _memo(fn):
    return functools.cache(fn)


@functools.cache
def memoized_exercise(exercise_id: str):
    """The registered exercise with its expected value and mistakes computed once per run."""
    from prtlib.course.checks import get_exercise

    exercise = get_exercise(exercise_id)
    mistakes = tuple(dataclasses.replace(m, value=_memo(m.value)) for m in exercise.mistakes)
    return dataclasses.replace(exercise, expected=_memo(exercise.expected), mistakes=mistakes)


def expected_text(exercise_id: str) -> str:
    try:
        value = memoized_exercise(exercise_id).expected()
    except Exception as exc:
        return f"(could not compute: {type(exc).__name__})"
    if isinstance(value, float) and math.isfinite(value):
        return format(value, ".10g")
    return show(value)


def judge_value(exercise_id: str, answer, points: float):
    """Check ``answer`` with the grader's copy of the exercise; return a :class:`Verdict`."""
    from prtlib.course import checks

    try:
        exercise = memoized_exercise(exercise_id)
    except KeyError:
        return Verdict("error", feedback=f"There is no exercise {exercise_id!r} in prtlib.")
    try:
        feedback = checks._judge(exercise, answer)
    except Exception as exc:  # the same promise as check(): never crash, say why
        feedback = checks.Feedback(exercise_id, "error",
                                   f"The check itself failed ({type(exc).__name__}: {exc}).")
    status = _FROM_CHECK.get(feedback.status, "error")
    hint = "" if status == "correct" else exercise.first_hint()
    return Verdict(status, expected=expected_text(exercise_id),
                   points=points if status == "correct" else 0.0,
                   mistake=feedback.mistake or "", feedback=feedback.message, hint=hint)
