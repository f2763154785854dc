"""The package index is true: every public module is listed once and reachable as an attribute.

``prtlib.MODULES`` is the one list; these tests compare it with the files in ``prtlib/``,
import each module through ``prtlib.<name>`` in a fresh interpreter, check that
``import prtlib`` alone stays light, and that the README's "What is where" names each
module (it is generated from the same list by ``make docs``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import prtlib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "prtlib"


def _public_modules_on_disk() -> set[str]:
    """Every module file and subpackage of prtlib/ whose name does not start with '_'."""
    files = {p.stem for p in PACKAGE.glob("*.py") if not p.name.startswith("_")}
    packages = {p.name for p in PACKAGE.iterdir()
                if p.is_dir() and (p / "__init__.py").is_file() and not p.name.startswith("_")}
    return files | packages


def test_the_index_lists_every_public_module_and_nothing_else():
    on_disk = _public_modules_on_disk()
    listed = set(prtlib.MODULES)
    assert not on_disk - listed, f"not in prtlib.MODULES: {sorted(on_disk - listed)}"
    assert not listed - on_disk, f"listed but no such module: {sorted(listed - on_disk)}"


def test_every_module_has_a_known_layer_and_a_description():
    for name, (layer, what) in prtlib.MODULES.items():
        assert layer in prtlib.LAYERS, name
        assert what and what == what.strip() and not what.endswith("."), name
    assert set(prtlib.__all__) >= set(prtlib.MODULES)
    assert set(dir(prtlib)) >= set(prtlib.MODULES)


def _fresh(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT, env=_env())
    return result.stdout


def _env() -> dict:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def test_every_module_is_an_attribute_after_import_prtlib():
    # One fresh interpreter per run, so that no earlier import has set the attribute.
    code = (
        "import importlib, json, prtlib\n"
        "out = {}\n"
        "for name in prtlib.MODULES:\n"
        "    mod = getattr(prtlib, name)\n"
        "    out[name] = [mod.__name__, mod is importlib.import_module('prtlib.' + name)]\n"
        "print(json.dumps(out))\n"
    )
    found = json.loads(_fresh(code))
    for name in prtlib.MODULES:
        assert found[name] == [f"prtlib.{name}", True], name


def test_import_prtlib_imports_no_submodule_and_no_numpy():
    code = ("import sys, json, prtlib\n"
            "print(json.dumps(sorted(m for m in sys.modules "
            "if m.startswith('prtlib.') or m in ('numpy', 'pandas', 'scipy'))))")
    assert json.loads(_fresh(code)) == []


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        prtlib.nonexistent  # noqa: B018


def test_the_readme_names_every_module_under_what_is_where():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What is where", 1)[1].split("\n## ", 1)[0]
    for name, (_, what) in prtlib.MODULES.items():
        assert f"- `{name}`: {what}" in section, f"README does not list {name}: run make docs"
    for meaning in prtlib.LAYERS.values():
        assert meaning in section
