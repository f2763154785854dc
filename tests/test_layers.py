"""prtlib's layers: imports go downward only (course -> trial -> stats -> _validate).

Every ``import`` and ``from ... import`` in every module, at the top or inside a function,
is read from the source with :mod:`ast`; an import of a higher layer is a failure that names
the file, the line and the module it imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import prtlib

PACKAGE = Path(prtlib.__file__).resolve().parent
ORDER = {"_validate": 0, "stats": 1, "trial": 2, "course": 3}


def _layer_of_module(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[0] != "prtlib" or len(parts) < 2:
        return None
    if parts[1] in ORDER:
        return parts[1]
    if parts[1] in prtlib.MODULES:  # prtlib.<name> through the package index
        return prtlib.MODULES[parts[1]][0]
    return None


def _layer_of_file(path: Path) -> str | None:
    rel = path.relative_to(PACKAGE).parts
    if rel[0] == "_validate.py":
        return "_validate"
    return rel[0] if rel[0] in ORDER else None


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            if node.module == "prtlib":
                for alias in node.names:
                    yield node.lineno, f"prtlib.{alias.name}"


def upward_imports() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer_of_file(path)
        if layer is None:
            continue
        for line, module in _imports(path):
            target = _layer_of_module(module)
            if target is not None and ORDER[target] > ORDER[layer]:
                found.append(f"{path.relative_to(PACKAGE)}:{line} ({layer}) imports "
                             f"{module} ({target})")
    return found


def test_every_module_is_in_a_layer():
    loose = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if p.parent == PACKAGE and p.name not in ("__init__.py", "_validate.py")]
    assert not loose


def test_imports_go_downward_only():
    found = upward_imports()
    assert not found, "upward imports:\n" + "\n".join(found)


def test_the_scan_sees_an_upward_import(tmp_path):
    # The check itself: a stats module importing the ledger is caught.
    fake = PACKAGE / "stats" / "_layers_probe.py"
    fake.write_text("def f():\n    from prtlib.trial import published\n", encoding="utf-8")
    try:
        assert any("_layers_probe.py:2 (stats) imports prtlib.trial" in f
                   for f in upward_imports())
    finally:
        fake.unlink()



def _first_paragraph(path: Path) -> str | None:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    return " ".join(doc.split("\n\n", 1)[0].split()) if doc else None


def test_every_module_opens_with_one_sentence_saying_what_it_holds():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":
            continue
        first = _first_paragraph(path)
        rel = path.relative_to(PACKAGE)
        if not first:
            problems.append(f"{rel}: no module docstring")
        elif not first.endswith((".", ":")) or len(first.split()) < 4:
            problems.append(f"{rel}: the docstring's first paragraph is not a sentence: {first!r}")
    assert not problems, "\n".join(problems)


def test_no_module_is_much_over_800_lines():
    long = [f"{p.relative_to(PACKAGE)}: {n} lines" for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 850]
    assert not long, "split these modules:\n" + "\n".join(long)
