"""Every prtlib name the course writes down exists: a reorganization cannot leave a stale path.

Read are the lessons, exercise notebooks and masters (markdown and code), the Markdown pages
(README, guide, glossary, site) and the Sphinx roles of prtlib's docstrings
(``:func:`prtlib.stats.power.power_two_groups```); each dotted name is imported module by
module and then looked up attribute by attribute.
"""

from __future__ import annotations

import importlib
import json
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"\bprtlib(?:\.[A-Za-z_][A-Za-z_0-9]*)+")
ROLE = re.compile(r":(?:func|mod|class|meth|data|attr):`~?(prtlib(?:\.[A-Za-z_][A-Za-z_0-9]*)+)`")


@cache
def resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        try:
            for attr in parts[k:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return False
        return True
    return False


def _written_names() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    pages = [*ROOT.glob("*.md"), *ROOT.glob("course/*.md"), *ROOT.glob("site/*.md")]
    for path in pages:
        for name in NAME.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    for folder in ("course", "exercises", "solutions"):
        for path in ROOT.glob(f"{folder}/*.ipynb"):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            for cell in cells:
                for name in NAME.findall("".join(cell["source"])):
                    found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    for path in (ROOT / "prtlib").rglob("*.py"):
        for name in ROLE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_the_check_finds_a_stale_name():
    assert resolves("prtlib.stats.power.power_two_groups")
    assert not resolves("prtlib.stats.missing_data.fit_trial_model")  # moved to trial.followup
    assert not resolves("prtlib.fmri_old")


def test_every_prtlib_name_written_in_the_course_exists():
    names = _written_names()
    assert len(names) > 50
    stale = {name: sorted(where) for name, where in names.items() if not resolves(name)}
    assert not stale, "names that no longer exist:\n" + "\n".join(
        f"{name} (in {', '.join(where)})" for name, where in sorted(stale.items()))


@pytest.mark.parametrize("name", ["prtlib.power", "prtlib.fmri"])
def test_names_through_the_package_index_resolve(name):
    assert resolves(name)
