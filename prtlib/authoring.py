"""Authoring tools: generate learner notebooks from their masters, and execute notebooks.

The masters are ``solutions/NN_topic.ipynb``. Three cell tags drive the generation of
``exercises/NN_topic.ipynb``:

``solution`` (code cell)
    Each region between a line ``# BEGIN SOLUTION`` and a line ``# END SOLUTION`` is
    replaced by a stub: every name the region assigns at its own indentation becomes
    ``name = ...  # your code here``. A region that assigns nothing becomes
    ``# your code here``. Lines outside the regions (for example the call to ``check``)
    are kept, so an unanswered exercise still runs and reports "not answered yet".
``model-answer`` (markdown cell)
    Removed, and replaced by an empty "Your answer" cell.
``instructor`` (any cell)
    Removed.

The generated notebook starts with a cell saying that it is generated and from which
master, has no outputs, and is otherwise a copy of the master.

Command line (run from the repository root)::

    python -m prtlib.authoring exercises          # regenerate every exercise notebook
    python -m prtlib.authoring exercises --check  # fail if any is out of date
    python -m prtlib.authoring execute course/00_start_here.ipynb ...
"""

from __future__ import annotations

import argparse
import ast
import copy
import sys
from pathlib import Path

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
REGENERATE_COMMAND = "make exercises"
GENERATED_TAG = "generated-notice"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
ANSWER_PLACEHOLDER = "**Your answer:** _double-click this cell and write your answer here._"


class AuthoringError(ValueError):
    """A master notebook that cannot be turned into an exercise notebook."""


def repo_root() -> Path:
    """The repository root (the folder that holds ``solutions/``)."""
    return Path(__file__).resolve().parents[1]


def stub_region(lines: list[str], where: str = "cell") -> list[str]:
    """Turn the lines of one solution region into the learner's stub.

    Examples
    --------
    >>> stub_region(["baseline = 4.22", "drop = baseline - 1.18"])
    ['baseline = ...  # your code here', 'drop = ...  # your code here']
    >>> stub_region(["    total += x"])
    ['    total = ...  # your code here']
    >>> stub_region(["ax.plot(x, y)"])
    ['# your code here']
    """
    if not lines:
        return ["# your code here"]
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    pad = " " * indent
    code = "\n".join(line[indent:] for line in lines)
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        raise AuthoringError(f"the solution region in {where} is not valid Python: {exc}") from exc
    names: list[str] = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            elts = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
            for elt in elts:
                if isinstance(elt, ast.Name) and elt.id not in names:
                    names.append(elt.id)
    if not names:
        return [f"{pad}# your code here"]
    return [f"{pad}{name} = ...  # your code here" for name in names]


def strip_solutions(source: str, where: str = "cell") -> str:
    """Replace every solution region of a cell's source by its stub."""
    out: list[str] = []
    region: list[str] | None = None
    for line in source.split("\n"):
        marker = line.strip()
        if marker == BEGIN:
            if region is not None:
                raise AuthoringError(f"{where}: '{BEGIN}' inside another solution region.")
            region = []
        elif marker == END:
            if region is None:
                raise AuthoringError(f"{where}: '{END}' without '{BEGIN}'.")
            out.extend(stub_region(region, where))
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise AuthoringError(f"{where}: '{BEGIN}' is never closed by '{END}'.")
    return "\n".join(out)


def generate_exercise(master, master_path: str):
    """Build the learner's notebook (a ``nbformat.NotebookNode``) from a master notebook."""
    import nbformat

    nb = copy.deepcopy(master)
    cells = []
    for index, cell in enumerate(nb.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        where = f"{master_path}, cell {index}"
        if "instructor" in tags:
            continue
        if "model-answer" in tags:
            if cell.cell_type != "markdown":
                raise AuthoringError(f"{where}: 'model-answer' is for markdown cells.")
            cells.append(nbformat.v4.new_markdown_cell(ANSWER_PLACEHOLDER))
            continue
        if cell.cell_type == "code":
            if "solution" in tags:
                cell.source = strip_solutions(cell.source, where)
            elif BEGIN in cell.source:
                raise AuthoringError(f"{where}: has '{BEGIN}' but no 'solution' tag.")
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
        f"> **Generated file: do not edit.** This learner's notebook is made from its master, "
        f"`{master_path}`, by `{REGENERATE_COMMAND}`. Instructors: edit the master and "
        f"regenerate. Learners: fill in the cells marked `...` and run each check."
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


# -- generated documentation: the bibliography and the instructor guide's lesson table -------

GUIDE = "course/instructor_guide.md"
BIBLIOGRAPHY = "course/bibliography.md"
GUIDE_BEGIN = "<!-- BEGIN GENERATED: lessons (make docs) -->"
GUIDE_END = "<!-- END GENERATED: lessons -->"


def _cell_text(path: Path, cell_type: str) -> str:
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == cell_type)


def lesson_references(path: Path) -> list[str]:
    """The entries of a lesson's "## References" list, each joined onto one line."""
    import re

    text = _cell_text(path, "markdown")
    if "## References" not in text:
        return []
    block = text.split("## References", 1)[1]
    entries: list[str] = []
    for line in block.splitlines():
        if line.startswith("- "):
            entries.append(line[2:].strip())
        elif entries and line.startswith("  ") and line.strip():
            entries[-1] += " " + line.strip()
        elif line.startswith("#"):
            break
    return [re.sub(r"\s+", " ", e) for e in entries if "bibliography.md" not in e]


def _reference_key(entry: str) -> str:
    import re

    doi = re.search(r"doi:(10\.[^\]\s)]+(?:\([^)\s]*\))?[^\]\s)]*)", entry)
    if doi:
        return doi.group(1).lower().rstrip(".")
    return re.sub(r"\W+", " ", entry.lower())[:60]


def _anchor(entry: str, taken: set[str]) -> str:
    import re

    surname = re.sub(r"[^a-z]", "", entry.split(" ", 1)[0].lower().replace("ó", "o")) or "ref"
    year = re.search(r"\b(19|20)\d\d\b", entry)
    base = f"{surname}{year.group(0) if year else ''}"
    anchor, suffix = base, ord("a")
    while anchor in taken:
        anchor, suffix = f"{base}{chr(suffix)}", suffix + 1
    taken.add(anchor)
    return anchor


def render_bibliography(root: Path | None = None) -> str:
    """One bibliography for the whole course, gathered from every lesson's references."""
    from prtlib.catalogue import LESSONS

    root = root or repo_root()
    found: dict[str, tuple[str, list[str]]] = {}
    for item in LESSONS:
        path = root / "course" / item.filename
        if not path.exists():
            continue
        for entry in lesson_references(path):
            key = _reference_key(entry)
            text, lessons = found.setdefault(key, (entry, []))
            if item.number not in lessons:
                lessons.append(item.number)
    lines = [
        "# Bibliography",
        "",
        "Every work the lessons cite, in one list, with its DOI where it has one. Generated from",
        "the lessons' reference lists by `make docs`; edit a lesson's references, not this file.",
        "",
    ]
    files = {item.number: item.filename for item in LESSONS}
    taken: set[str] = set()
    for text, lessons in sorted(found.values(), key=lambda pair: pair[0].lower()):
        cited = ", ".join(f"[{n}]({files[n]})" for n in lessons)
        plural = "s" if len(lessons) > 1 else ""
        lines.append(f'- <a id="{_anchor(text, taken)}"></a>{text} '
                     f"*Cited in lesson{plural} {cited}.*")
    return "\n".join(lines) + "\n"


def render_guide_lessons(root: Path | None = None) -> str:
    """The instructor guide's table of lessons: time, prerequisites, objectives, explorers
    and exercises, read from the lessons themselves."""
    import re

    from prtlib.catalogue import LESSONS, read_header
    from prtlib.checks import get_exercise

    root = root or repo_root()
    parts = [GUIDE_BEGIN, ""]
    for item in LESSONS:
        if not item.available(root):
            parts += [f"### {item.number} · {item.title} ({item.minutes} min)", "",
                      "_In preparation._", ""]
            continue
        header = read_header(item, root)
        parts += [f"### {item.number} · [{item.title}]({item.filename}) ({header.minutes} min)",
                  "", f"**Prerequisites:** {header.prerequisites}", "",
                  "**Objectives.** Learners will be able to:", ""]
        parts += [f"{i}. {goal}" for i, goal in enumerate(header.objectives, 1)]
        course_code = _cell_text(root / "course" / item.filename, "code")
        explorers = sorted(set(re.findall(r"\b(\w+Explorer)\(", course_code)))
        if explorers:
            parts += ["", "**Explorers:** " + ", ".join(f"`{e}`" for e in explorers)]
        master = root / "solutions" / item.filename
        if master.exists():
            ids = re.findall(r'check\("(\d\d\.\w+)"', _cell_text(master, "code"))
            unique = list(dict.fromkeys(ids))
            if unique:
                parts += ["", f"**Exercises** ([master](../solutions/{item.filename}), "
                              f"[learner's copy](../exercises/{item.filename})):", ""]
                parts += [f"- `{i}`: {get_exercise(i).title}" for i in unique]
        parts.append("")
    parts.append(GUIDE_END)
    return "\n".join(parts)


def expected_docs(root: Path | None = None) -> dict[Path, str]:
    """What the generated documentation should contain now."""
    root = root or repo_root()
    out = {root / BIBLIOGRAPHY: render_bibliography(root)}
    guide = root / GUIDE
    if guide.exists():
        text = guide.read_text(encoding="utf-8")
        if GUIDE_BEGIN not in text or GUIDE_END not in text:
            raise AuthoringError(f"{GUIDE} must hold the markers {GUIDE_BEGIN} and {GUIDE_END}.")
        head, rest = text.split(GUIDE_BEGIN, 1)
        tail = rest.split(GUIDE_END, 1)[1]
        out[guide] = head + render_guide_lessons(root) + tail
    return out


def stale_docs(root: Path | None = None) -> list[str]:
    root = root or repo_root()
    return [f"{path.relative_to(root).as_posix()} is out of date"
            for path, text in expected_docs(root).items()
            if not path.exists() or path.read_text(encoding="utf-8") != text]


def write_docs(root: Path | None = None) -> list[Path]:
    root = root or repo_root()
    changed = []
    for path, text in expected_docs(root).items():
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
    parser = argparse.ArgumentParser(prog="python -m prtlib.authoring", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None,
                        help="repository root (default: the one this prtlib belongs to)")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("exercises", help="generate exercises/ from solutions/")
    ex.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if any exercise notebook is out of date")
    docs = sub.add_parser("docs", help="regenerate the bibliography and the guide's lesson list")
    docs.add_argument("--check", action="store_true",
                      help="write nothing; exit 1 if the generated docs are out of date")
    run = sub.add_parser("execute", help="execute notebooks in place, storing outputs")
    run.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)

    root = args.root or repo_root()
    if args.command == "exercises":
        if args.check:
            problems = stale_exercises(root)
            for problem in problems:
                print(f"out of date: {problem}", file=sys.stderr)
            if problems:
                print(f"Run `{REGENERATE_COMMAND}` to regenerate them.", file=sys.stderr)
                return 1
            print("exercise notebooks are up to date")
            return 0
        changed = write_exercises(root)
        for path in changed:
            print(f"wrote {path.relative_to(root).as_posix()}")
        if not changed:
            print("exercise notebooks were already up to date")
        return 0
    if args.command == "docs":
        if args.check:
            problems = stale_docs(root)
            for problem in problems:
                print(f"out of date: {problem}", file=sys.stderr)
            if problems:
                print("Run `make docs` to regenerate them.", file=sys.stderr)
                return 1
            print("generated docs are up to date")
            return 0
        for path in write_docs(root):
            print(f"wrote {path.relative_to(root).as_posix()}")
        return 0
    for nb_path in args.notebooks:
        print(f"executing {nb_path}", flush=True)
        execute_notebook(nb_path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
