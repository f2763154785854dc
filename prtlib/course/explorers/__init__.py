"""The interactive explorers of the lessons, one module per lesson.

Each explorer is a thin wire between ipywidgets controls and a tested ``prtlib`` function;
see :class:`prtlib.course.explorers.base.Explorer`. In a notebook::

    from prtlib.course.explorers.lesson00 import PainByArmExplorer
    PainByArmExplorer()
"""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path

from prtlib.course.explorers.base import Explorer, sweep_values

__all__ = ["Explorer", "all_explorers", "sweep_values"]


def all_explorers() -> dict[str, type[Explorer]]:
    """Every explorer class of every lesson, by ``"lessonNN.ClassName"``, in lesson order.

    Used by the benchmarks and the browser tests, so that a new explorer is measured and
    tested without being listed anywhere.
    """
    found: dict[str, type[Explorer]] = {}
    for path in sorted(Path(__file__).parent.glob("lesson[0-9][0-9].py")):
        module = import_module(f"{__name__}.{path.stem}")
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, Explorer) and obj is not Explorer
                    and obj.__module__ == module.__name__ and not inspect.isabstract(obj)):
                found[f"{path.stem}.{name}"] = obj
    return found
