"""Authoring tools: generate learner notebooks from their masters, and execute notebooks.

The masters are ``solutions/NN_topic.ipynb``. Three cell tags drive the generation of
``exercises/NN_topic.ipynb``:

``solution`` (code cell)
    Each region between a line ``# BEGIN SOLUTION`` and a line ``# END SOLUTION`` is
    replaced by a stub: every name the region assigns at its own indentation becomes
    ``name = ...  # your code here`` (see :func:`stub_region` for names assigned inside
    blocks, and for subscripts and attributes). A region that assigns nothing becomes
    ``# your code here``. Lines outside the regions (for example the call to ``check``)
    are kept, so an unanswered exercise still runs and reports "not answered yet".
    A tagged cell without a region, a line that resembles a marker without being one
    exactly (``#BEGIN SOLUTION``, ``# begin solution``, ``# BEGIN SOLUTIONS``), an
    unclosed region or a marker in an untagged cell is an :class:`AuthoringError` naming
    the notebook and the cell: nothing is ever copied to the learner unstripped.
``model-answer`` (markdown cell)
    Removed, and replaced by an empty "Your answer" cell.
``instructor`` and ``rubric`` (any cell)
    Removed: notes for instructors and marking rubrics are for the master only.

The generated notebook starts with a cell that tells the learner to write her answers in
it, and tells authors that it is regenerated from its master; it has no outputs and is
otherwise a copy of the master.

``docs`` writes everything that is generated from the lessons (the bibliography, the
instructor guide's lesson list and syllabi, the README's table of lessons and every stated
time); the generation itself lives in :mod:`prtlib.course.docs`, and this command calls it.

Command line (run from the repository root)::

    python -m prtlib.course.authoring exercises          # regenerate every exercise notebook
    python -m prtlib.course.authoring exercises --check  # fail if any is out of date
    python -m prtlib.course.authoring docs [--check]     # generated docs and times
    python -m prtlib.course.authoring execute course/00_start_here.ipynb ...
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import textwrap
from pathlib import Path

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
REGENERATE_COMMAND = "make exercises"
GENERATED_TAG = "generated-notice"
DROPPED_TAGS = ("instructor", "rubric")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
ANSWER_PLACEHOLDER = "**Your answer:** _double-click this cell and write your answer here._"


class AuthoringError(ValueError):
    """A master notebook that cannot be turned into an exercise notebook."""


def repo_root() -> Path:
    """The repository root (the folder that holds ``solutions/``)."""
    return Path(__file__).resolve().parents[2]


# A line that looks like a marker but is not one exactly: "#BEGIN SOLUTION",
# "# begin solution", "# BEGIN SOLUTIONS", "# END  SOLUTION:" ... Copying such a cell
# verbatim would hand the answer to the learner, so it is an error.
_NEAR_MARKER = re.compile(r"^\s*#+\s*(begin|end)[\s_-]*solutions?\b", re.IGNORECASE)


def _bound_names(targets, names: list[str], outside: list[str], unpacked: bool = False) -> None:
    """Names an assignment binds (``a``, ``a, b``, ``a, *rest``), in order.

    A subscript or an attribute target (``x[0]``, ``obj.attr``) binds nothing new: its text
    goes to ``outside`` (the base object is the learner's to change). Names unpacked from
    a nested tuple (``(m1, s1), (m2, s2) = ...``) are intermediate values and get no stub.
    """
    import ast

    for target in targets:
        if isinstance(target, ast.Starred):
            target = target.value
        if isinstance(target, ast.Name):
            if target.id not in names:
                names.append(target.id)
        elif isinstance(target, ast.Tuple | ast.List) and not unpacked:
            _bound_names(target.elts, names, outside, unpacked=True)
        elif isinstance(target, ast.Subscript | ast.Attribute):
            outside.append(ast.unparse(target))


def _assignments(nodes, top: list[str], nested: list[str], outside: list[str],
                 depth: int = 0) -> None:
    """Collect what a region's statements assign, in source order.

    ``top``: names assigned by the region's own statements; ``nested``: names assigned
    only inside its blocks (if, for, while, with, try, match). Function and class bodies
    are not entered (their names are local); loop targets (``for arm in ...``) are not
    counted (a loop variable is not an answer) and ``with ... as name`` counts as nested.
    """
    import ast

    for node in nodes:
        found = top if depth == 0 else nested
        if isinstance(node, ast.Assign):
            _bound_names(node.targets, found, outside)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            _bound_names([node.target], found, outside)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            children = getattr(node, field, None)
            if isinstance(children, list) and not isinstance(node, ast.Module):
                _assignments(children, top, nested, outside, depth + 1)
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                if item.optional_vars is not None:
                    # Like a loop variable: stubbed only when read after the region.
                    _bound_names([item.optional_vars], nested, outside)


def _names_read(code: str) -> set[str]:
    """Every name that ``code`` reads (empty if it is not plain Python)."""
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}


def stub_region(lines: list[str], where: str = "cell", read_after: str = "") -> list[str]:
    """Turn the lines of one solution region into the learner's stub.

    The stub assigns ``...`` to every name the region's own statements assign, and to
    every name assigned inside one of its blocks (if, for, while, with, try) that the
    code after the region (``read_after``) reads, so that the unanswered cell still runs.
    Assignments to a subscript or an attribute (``x[0] = ...``, ``obj.attr = ...``) bind
    no new name; the base is the learner's to change and the stub says so in a comment.
    Names local to a function or class defined in the region, and loop variables, are
    left out. A region that assigns nothing becomes ``# your code here``, or, inside an
    indented block, ``...  # your code here`` so that the block stays valid Python.

    Examples
    --------
    >>> stub_region(["baseline = 4.22", "drop = baseline - 1.18"])
    ['baseline = ...  # your code here', 'drop = ...  # your code here']
    >>> stub_region(["    total += x"])
    ['    total = ...  # your code here']
    >>> stub_region(["ax.plot(x, y)"])
    ['# your code here']
    >>> stub_region(["if g < 0:", "    verdict = 'PRT'", "else:", "    verdict = 'control'"],
    ...             read_after="check('x', verdict)")
    ['verdict = ...  # your code here']
    >>> stub_region(["table[0] = 1", "plan.alpha = 0.05"])
    ['# your code here: set table[0], plan.alpha']
    >>> stub_region(["    return x * 2"])
    ['    ...  # your code here']
    """
    import ast

    if not lines or not any(line.strip() for line in lines):
        return ["# your code here"]
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    pad = " " * indent
    code = "\n".join(line[indent:] for line in lines)
    try:
        body = ast.parse(code).body
    except SyntaxError as exc:
        # A region inside a function or loop may return, yield, break or continue.
        wrapped = "def _region():\n    while True:\n" + textwrap.indent(code, " " * 8)
        try:
            body = ast.parse(wrapped).body[0].body[0].body
        except SyntaxError:
            body = None
        if not indent or body is None:
            raise AuthoringError(f"the solution region in {where} is not valid Python: "
                                 f"{exc}") from exc
    top: list[str] = []
    nested: list[str] = []
    outside: list[str] = []
    _assignments(body, top, nested, outside)
    read = _names_read(read_after)
    names = top + [n for n in nested if n in read and n not in top]
    mutated = [t for t in outside
               if not any(t == n or t.startswith((f"{n}[", f"{n}.")) for n in names)]
    out = [f"{pad}{name} = ...  # your code here" for name in names]
    if mutated:
        out.append(f"{pad}# your code here: set {', '.join(dict.fromkeys(mutated))}")
    if not names and indent:
        out.insert(0, f"{pad}...  # your code here")
    return out or [f"{pad}# your code here"]


def _near_miss(line: str) -> bool:
    """A line that resembles a solution marker without being exactly one."""
    return line.strip() not in (BEGIN, END) and bool(_NEAR_MARKER.match(line))


def strip_solutions(source: str, where: str = "cell") -> str:
    """Replace every solution region of a cell's source by its stub.

    Raises
    ------
    AuthoringError
        If the cell has no region, a region is not closed or closed twice, a line
        resembles a marker without being one exactly (``#BEGIN SOLUTION``,
        ``# begin solution``, ``# BEGIN SOLUTIONS``), or a region is not valid Python.
        ``where`` (the notebook and cell) opens the message.
    """
    lines = source.split("\n")
    for number, line in enumerate(lines, 1):
        if _near_miss(line):
            raise AuthoringError(
                f"{where}: line {number} {line.strip()!r} looks like a solution marker but "
                f"is not one; write exactly '{BEGIN}' and '{END}'.")
    if not any(line.strip() in (BEGIN, END) for line in lines):
        raise AuthoringError(
            f"{where}: tagged 'solution' but holds no '{BEGIN}' ... '{END}' region, so "
            "the whole answer would be copied to the learner; mark the region or remove "
            "the tag.")
    out: list[str] = []
    region: list[str] | None = None
    for index, line in enumerate(lines):
        marker = line.strip()
        if marker == BEGIN:
            if region is not None:
                raise AuthoringError(f"{where}: '{BEGIN}' inside another solution region.")
            region = []
        elif marker == END:
            if region is None:
                raise AuthoringError(f"{where}: '{END}' without '{BEGIN}'.")
            after = _dedented_code(lines[index + 1:])
            out.extend(stub_region(region, where, read_after=after))
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise AuthoringError(f"{where}: '{BEGIN}' is never closed by '{END}'.")
    return "\n".join(out)


def _dedented_code(lines: list[str]) -> str:
    """The cell's code after a region, without markers or other regions' lines, dedented
    as far as it goes; leading lines that close an enclosing block (so cannot be parsed
    alone) are dropped until the rest parses."""
    import ast

    kept = [line for line in lines if line.strip() not in (BEGIN, END)]
    while kept:
        text = textwrap.dedent("\n".join(kept))
        try:
            ast.parse(text)
            return text
        except SyntaxError:
            kept = kept[1:]
    return ""


def generate_exercise(master, master_path: str):
    """Build the learner's notebook (a ``nbformat.NotebookNode``) from a master notebook."""
    import nbformat

    nb = copy.deepcopy(master)
    cells = []
    for index, cell in enumerate(nb.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        where = f"{master_path}, cell {index}"
        if tags & set(DROPPED_TAGS):
            continue
        if "model-answer" in tags:
            if cell.cell_type != "markdown":
                raise AuthoringError(f"{where}: 'model-answer' is for markdown cells.")
            cells.append(nbformat.v4.new_markdown_cell(ANSWER_PLACEHOLDER))
            continue
        if cell.cell_type == "code":
            if "solution" in tags:
                cell.source = strip_solutions(cell.source, where)
            elif any(line.strip() in (BEGIN, END) or _near_miss(line)
                     for line in cell.source.split("\n")):
                raise AuthoringError(f"{where}: has a solution marker ('{BEGIN}' or "
                                     "something like it) but no 'solution' tag.")
            cell.outputs = []
            cell.execution_count = None
        remaining = [t for t in cell.get("metadata", {}).get("tags", []) if t != "solution"]
        if "tags" in cell.get("metadata", {}):
            if remaining:
                cell.metadata["tags"] = remaining
            else:
                del cell.metadata["tags"]
        cell.metadata.pop("execution", None)
        cells.append(cell)
    notice = nbformat.v4.new_markdown_cell(
        "> **This notebook is yours: write your answers in it.** Replace each `...` with "
        "your code and run the cell; the `check(...)` line at the end of the cell says whether your "
        "answer is right. Write answers in words in the cells marked **Your answer**.\n"
        ">\n"
        f"> *For course authors:* this file is regenerated from its master, `{master_path}`, "
        f"by `{REGENERATE_COMMAND}`, which replaces it. Change the master, not this file."
    )
    notice.metadata["tags"] = [GENERATED_TAG]
    nb.cells = [notice, *cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    nb.metadata = {
        "kernelspec": nb.metadata.get("kernelspec", KERNELSPEC),
        "language_info": {"name": "python"},
        "prtlib": {"generated_from": master_path, "master_fingerprint": fingerprint(master)},
    }
    return nb


def fingerprint(nb) -> str:
    """A hash of what an author wrote in a notebook: cell types, sources and tags.

    Outputs and execution counts are left out, so executing a master does not change it,
    while any edit of a master's text, solutions included, does.

    Examples
    --------
    >>> import nbformat
    >>> a = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    >>> b = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 2")])
    >>> fingerprint(a) == fingerprint(b)
    False
    """
    import hashlib
    import json

    content = [(cell.cell_type, cell.source, sorted(cell.get("metadata", {}).get("tags", [])))
               for cell in nb.cells]
    return hashlib.sha256(json.dumps(content).encode("utf-8")).hexdigest()[:16]


def _exercise_path(master: Path, root: Path) -> Path:
    return root / "exercises" / master.name


def _render(nb) -> str:
    import nbformat

    return nbformat.writes(nb) + "\n"


def expected_exercises(root: Path | None = None) -> dict[Path, str]:
    """What every exercise notebook should contain, generated from the masters now."""
    import nbformat

    root = root or repo_root()
    out = {}
    for master in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(master, as_version=4)
        rel = master.relative_to(root).as_posix()
        out[_exercise_path(master, root)] = _render(generate_exercise(nb, rel))
    return out


def stale_exercises(root: Path | None = None) -> list[str]:
    """Problems that make the exercise notebooks differ from what generation gives now."""
    root = root or repo_root()
    expected = expected_exercises(root)
    problems = []
    for path, text in expected.items():
        rel = path.relative_to(root).as_posix()
        if not path.exists():
            problems.append(f"{rel} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{rel} differs from its master")
    for path in sorted((root / "exercises").glob("*.ipynb")):
        if path not in expected:
            problems.append(f"{path.relative_to(root).as_posix()} has no master in solutions/")
    return problems


def write_exercises(root: Path | None = None) -> list[Path]:
    """Regenerate every exercise notebook; return the ones that changed."""
    root = root or repo_root()
    changed = []
    (root / "exercises").mkdir(exist_ok=True)
    for path, text in expected_exercises(root).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def execute_notebook(path: Path, timeout: int = 600) -> None:
    """Execute a notebook top to bottom in this Python environment and store its outputs.

    Runs with the working directory set to the notebook's folder, as JupyterLab does.
    Cell ids are made stable so that re-executing an unchanged notebook changes nothing
    but outputs.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    path.write_text(_render(nb), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prtlib.course.authoring", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None,
                        help="repository root (default: the one this prtlib belongs to)")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("exercises", help="generate exercises/ from solutions/")
    ex.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if any exercise notebook is out of date")
    docs = sub.add_parser("docs", help="regenerate the bibliography, the guide's lessons and "
                                       "syllabi, the README's table and every stated time")
    docs.add_argument("--check", action="store_true",
                      help="write nothing; exit 1 if the generated docs are out of date")
    run = sub.add_parser("execute", help="execute notebooks in place, storing outputs")
    run.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)

    root = args.root or repo_root()
    if args.command == "exercises":
        if args.check:
            return _report_stale(stale_exercises(root), REGENERATE_COMMAND,
                                 "exercise notebooks are up to date")
        changed = write_exercises(root)
        _report_written(changed, root)
        if not changed:
            print("exercise notebooks were already up to date")
        return 0
    if args.command == "docs":
        from prtlib.course.docs import stale_docs, write_docs

        if args.check:
            return _report_stale(stale_docs(root), "make docs", "generated docs are up to date")
        changed = write_docs(root)
        _report_written(changed, root)
        if any(path.suffix == ".ipynb" for path in changed):
            print("Stated times changed: re-execute the notebooks that print them "
                  "(make notebooks).")
        return 0
    for nb_path in args.notebooks:
        print(f"executing {nb_path}", flush=True)
        execute_notebook(nb_path)
    return 0


def _report_stale(problems: list, command: str, fine: str) -> int:
    """Print what is out of date and how to regenerate it; the exit status for ``--check``."""
    for problem in problems:
        print(f"out of date: {problem}", file=sys.stderr)
    if problems:
        print(f"Run `{command}` to regenerate them.", file=sys.stderr)
        return 1
    print(fine)
    return 0


def _report_written(changed: list, root: Path) -> None:
    for path in changed:
        print(f"wrote {path.relative_to(root).as_posix()}")


if __name__ == "__main__":
    raise SystemExit(main())
