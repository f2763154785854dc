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


def _public_modules_on_disk() -> dict[str, str]:
    """Every public module file and subpackage in prtlib's layer folders -> its layer."""
    found = {}
    for layer in prtlib.LAYERS:
        folder = PACKAGE / layer
        for p in folder.iterdir():
            if p.name.startswith("_"):
                continue
            if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").is_file()):
                found[p.stem] = layer
    return found


def test_the_top_of_the_package_holds_only_the_layers():
    loose = sorted(p.name for p in PACKAGE.iterdir()
                   if p.name not in ("__init__.py", "_validate.py", "__pycache__")
                   and p.name not in prtlib.LAYERS)
    assert not loose, f"put these in a layer folder ({', '.join(prtlib.LAYERS)}): {loose}"


def test_the_index_lists_every_public_module_and_nothing_else():
    on_disk = _public_modules_on_disk()
    listed = set(prtlib.MODULES)
    assert not on_disk.keys() - listed, f"not in prtlib.MODULES: {sorted(on_disk.keys() - listed)}"
    assert not listed - on_disk.keys(), f"listed but no such module: {sorted(listed - on_disk.keys())}"
    for name, (layer, _) in prtlib.MODULES.items():
        assert on_disk[name] == layer, f"{name} is listed in {layer} but lives in {on_disk[name]}"


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
        "    out[name] = [mod.__name__, mod is importlib.import_module(prtlib.path(name))]\n"
        "print(json.dumps(out))\n"
    )
    found = json.loads(_fresh(code))
    for name in prtlib.MODULES:
        assert found[name] == [f"prtlib.{prtlib.MODULES[name][0]}.{name}", True], name


def test_path_names_the_layer_and_refuses_an_unknown_module():
    assert prtlib.path("power") == "prtlib.stats.power"
    with pytest.raises(ValueError, match="name='powers' is not a public module"):
        prtlib.path("powers")


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
