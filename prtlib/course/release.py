"""Write a learner's copy of the course: everything learners use, nothing that gives answers.

Command line (from the repository root)::

    python -m prtlib.course.release OUT_DIR

writes into ``OUT_DIR`` (a new or empty folder, or an earlier release, which is replaced):

- ``course/``: the lessons and the glossary and bibliography, without the instructor guide,
  and without any cell tagged ``instructor``, ``rubric`` or ``model-answer``;
- ``exercises/``: the learners' notebooks, generated afresh from the masters (solutions
  become stubs, model answers become empty answer cells, instructor and rubric cells go);
- ``prtlib/``: the library, which the lessons and the checks need;
- ``pyproject.toml``, ``environment.yml``, ``LICENSE``, ``.gitignore``;
- a ``README.md`` and a ``Makefile`` written for learners (set up, open the course).

Left out: ``solutions/`` (the masters: worked solutions, model answers, rubrics), the
instructor guide, ``tests/`` (several tests state or compute the expected answers and read
the masters), ``benchmarks/`` and the CI files.

What cannot be left out: the checks compute each expected answer with ``prtlib`` in the
learner's own kernel (``prtlib/course/exercise_sets/``), so a learner who reads the library can work
the answers out. The learners' README says so plainly. Grading (``python -m prtlib.course.grading``)
does not depend on it: it judges the values the learners' own code leaves behind.

After writing, the release is scanned (:func:`find_leaks`): no line of a master's solution
region, no sentence of a model answer, rubric or instructor note, no cell with those tags
and no solution marker may appear anywhere in it, unless the same text already appears in
the material learners are meant to have (the lessons and the library). The command fails if
the scan finds anything.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

MANIFEST = ".prtlib-release.json"
HIDDEN_TAGS = ("instructor", "rubric", "model-answer")
"""Cells with these tags never reach learners (in a lesson or an exercise notebook)."""
TOP_FILES = ("pyproject.toml", "environment.yml", "LICENSE", ".gitignore")
COURSE_LEFT_OUT = ("instructor_guide.md",)
LEARNER_NOTICE = ("> **Your exercise notebook.** Replace each `...` with your own code and run "
                  "the cell: the `check(...)` at its end tells you whether the answer is right. "
                  "Answers in words go in the cells marked **Your answer**.")
"""Replaces the generated notice, which speaks to course authors about the masters."""
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints")
_MIN_LINE = 6
_MIN_SENTENCE = 30


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def sanitize(nb, where: str):
    """Drop hidden cells and solution regions from a notebook (a copy is returned)."""
    import copy

    from prtlib.course.authoring import BEGIN, strip_solutions

    nb = copy.deepcopy(nb)
    kept = []
    for index, cell in enumerate(nb.cells):
        tags = _tags(cell)
        if tags & set(HIDDEN_TAGS):
            continue
        if cell.cell_type == "code" and ("solution" in tags or BEGIN in cell.source):
            cell.source = strip_solutions(cell.source, f"{where}, cell {index}")
            cell.outputs, cell.execution_count = [], None
        if "solution" in tags:
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "solution"]
            if not cell.metadata["tags"]:
                del cell.metadata["tags"]
        kept.append(cell)
    nb.cells = kept
    return nb


def _write_nb(nb, path: Path) -> None:
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def _commit(root: Path) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                             text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _check_out_dir(out: Path, root: Path) -> None:
    out_r, root_r = out.resolve(), root.resolve()
    if out_r == root_r or out_r in root_r.parents:
        raise ValueError(f"out_dir must not be the course repository or a folder that holds "
                         f"it; got {str(out)!r}.")
    for inside in ("solutions", "exercises", "course", "prtlib", "tests"):
        if root_r / inside == out_r or (root_r / inside) in out_r.parents:
            raise ValueError(f"out_dir must not be inside the repository's {inside}/ folder; "
                             f"got {str(out)!r}.")
    if out.exists():
        if not out.is_dir():
            raise ValueError(f"out_dir must be a folder; got the file {str(out)!r}.")
        if any(out.iterdir()) and not (out / MANIFEST).is_file():
            raise ValueError(f"out_dir must be a new or empty folder, or an earlier release "
                             f"(with {MANIFEST}); {str(out)!r} holds other files.")


def build_release(out_dir, root=None) -> list[Path]:
    """Write the learner's copy into ``out_dir``; return the files written.

    Raises ValueError when ``out_dir`` is not a safe place to write, and
    ``prtlib.course.authoring.AuthoringError`` (a ValueError) when a master is malformed.
    """
    import nbformat

    from prtlib.course.authoring import GENERATED_TAG, generate_exercise, repo_root, stale_exercises

    if not isinstance(out_dir, str | Path):
        raise ValueError(f"out_dir must be a folder path; got {out_dir!r}.")
    root = Path(root) if root is not None else repo_root()
    out = Path(out_dir)
    if not (root / "solutions").is_dir() or not (root / "course").is_dir():
        raise ValueError(f"root must be the course repository (with course/ and solutions/); "
                         f"got {str(root)!r}.")
    _check_out_dir(out, root)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)

    for path in sorted((root / "course").iterdir()):
        if path.name in COURSE_LEFT_OUT or path.name.startswith("."):
            continue
        target = out / "course" / path.name
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            _write_nb(sanitize(nb, f"course/{path.name}"), target)
        elif path.is_dir():
            shutil.copytree(path, target, ignore=_IGNORE)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)

    fingerprints = {}
    for master in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(master, as_version=4)
        exercise = generate_exercise(nb, f"solutions/{master.name}")
        exercise = sanitize(exercise, f"exercises/{master.name}")
        for cell in exercise.cells:
            if GENERATED_TAG in _tags(cell):
                cell.source = LEARNER_NOTICE
        _write_nb(exercise, out / "exercises" / master.name)
        fingerprints[master.stem] = exercise.metadata.get("prtlib", {}).get("master_fingerprint")
    stale = stale_exercises(root)
    if stale:
        print("note: the repository's exercises/ differ from their masters ("
              + "; ".join(stale[:3]) + "); the release holds freshly generated ones. "
              "Run `make exercises` to bring the repository in step.", file=sys.stderr)

    shutil.copytree(root / "prtlib", out / "prtlib", ignore=_IGNORE)
    for name in TOP_FILES:
        if (root / name).is_file():
            shutil.copy2(root / name, out / name)
    (out / "README.md").write_text(learners_readme(root), encoding="utf-8")
    (out / "Makefile").write_text(LEARNERS_MAKEFILE, encoding="utf-8")
    (out / MANIFEST).write_text(json.dumps({
        "made_from_commit": _commit(root), "exercise_sets": fingerprints}, indent=1) + "\n",
        encoding="utf-8")
    return sorted(p for p in out.rglob("*") if p.is_file())


# -- the leak scan ---------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.split())


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n\s*\n", text)
    return [_norm(p) for p in parts if len(_norm(p)) >= _MIN_SENTENCE]


def _notebook_text(path: Path) -> str:
    """The sources and text outputs of a notebook (images left out)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return path.read_text(encoding="utf-8", errors="ignore")
    chunks = []
    for cell in data.get("cells", []):
        source = cell.get("source", "")
        chunks.append("".join(source) if isinstance(source, list) else str(source))
        chunks.append(json.dumps(cell.get("metadata", {})))
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            chunks.append("".join(text) if isinstance(text, list) else str(text))
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    chunks.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(chunks)


def _text_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        return _notebook_text(path)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return ""


def secrets(root: Path) -> dict[str, list[str]]:
    """What must not reach learners, read from the masters.

    Returns ``{"solution lines": [...], "solution regions": [...], "sentences": [...]}``:
    every line of a solution region, each region whole, and each sentence of a model
    answer, rubric or instructor cell, except text that the lessons, the library or the
    learners' exercise notebooks already hold.
    """
    import nbformat

    from prtlib.course.authoring import BEGIN, END, expected_exercises

    lines, regions, sentences = set(), [], set()
    for master in sorted((Path(root) / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(master, as_version=4)
        for cell in nb.cells:
            tags = _tags(cell)
            if cell.cell_type == "code" and "solution" in tags:
                region: list[str] | None = None
                for line in cell.source.split("\n"):
                    if line.strip() == BEGIN:
                        region = []
                    elif line.strip() == END and region is not None:
                        regions.append(_norm("\n".join(region)))
                        region = None
                    elif region is not None:
                        region.append(line)
                        if len(line.strip()) >= _MIN_LINE:
                            lines.add(line.strip())
            if tags & set(HIDDEN_TAGS):
                sentences.update(_sentences(cell.source))
    public = [_notebook_text(p) for p in sorted((Path(root) / "course").glob("*.ipynb"))]
    public += [p.read_text(encoding="utf-8") for p in sorted((Path(root) / "prtlib").rglob("*.py"))]
    public += [p.read_text(encoding="utf-8") for p in sorted((Path(root) / "course").glob("*.md"))
               if p.name not in COURSE_LEFT_OUT]
    public += list(expected_exercises(Path(root)).values())
    public_text = "\n".join(public)
    public_norm = _norm(public_text)
    return {
        "solution lines": sorted(line for line in lines if line not in public_text),
        "solution regions": [r for r in regions if r and r not in public_norm],
        "sentences": sorted(s for s in sentences if s not in public_norm),
    }


def find_leaks(release_dir, root=None) -> list[str]:
    """Everything in a release that gives an answer away (empty when the release is clean)."""
    from prtlib.course.authoring import BEGIN, END, repo_root

    release = Path(release_dir)
    root = Path(root) if root is not None else repo_root()
    hidden = secrets(root)
    leaks = []
    if (release / "solutions").exists():
        leaks.append("solutions/ is in the release")
    for path in sorted(p for p in release.rglob("*") if p.is_file()):
        rel = path.relative_to(release).as_posix()
        if rel == "prtlib/course/release.py":
            continue  # names the markers in its own code
        text = _text_of(path)
        if not text:
            continue
        norm = _norm(text)
        if path.suffix == ".ipynb":
            data = json.loads(path.read_text(encoding="utf-8"))
            for index, cell in enumerate(data.get("cells", [])):
                bad = set(cell.get("metadata", {}).get("tags", [])) & {"solution", *HIDDEN_TAGS}
                if bad:
                    leaks.append(f"{rel}: cell {index} is tagged {', '.join(sorted(bad))}")
        if not rel.startswith("prtlib/") and (BEGIN in text or END in text):
            leaks.append(f"{rel}: holds a solution marker")
        for line in hidden["solution lines"]:
            if line in text:
                leaks.append(f"{rel}: holds the solution line {line!r}")
        for region in hidden["solution regions"]:
            if region in norm:
                leaks.append(f"{rel}: holds a whole solution region")
        for sentence in hidden["sentences"]:
            if sentence in norm:
                leaks.append(f"{rel}: holds the sentence {sentence[:60]!r}...")
    return leaks


# -- what learners get instead of the maintainers' README and Makefile ---------------------

LEARNERS_MAKEFILE = """\
# The PRT course, learner's copy. One command matters:
#   make lab    set up (first time only) and open the course in JupyterLab
# It creates and reuses a virtual environment in .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help setup lab clean

help:
\t@echo "make lab     set up and open the course in JupyterLab"
\t@echo "make clean   remove the virtual environment"

$(STAMP): pyproject.toml
\t@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0] + ". Run: make lab PYTHON=python3.12")'
\ttest -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
\t$(BIN)/python -m pip install --quiet --upgrade pip
\t$(BIN)/python -m pip install --quiet -e .
\ttouch $(STAMP)

setup: $(STAMP)

lab: setup
\t$(BIN)/jupyter lab $(LAB_ARGS) --ServerApp.root_dir=. \\
\t\t--LabApp.default_url=/lab/tree/course/00_start_here.ipynb

clean:
\trm -rf $(VENV)
\tfind . -name __pycache__ -type d -prune -exec rm -rf {} +
"""


def learners_readme(root: Path) -> str:
    """The README of a learner's copy: how to start, what is where, how to hand work in."""
    from prtlib.course.catalogue import LESSONS

    rows = []
    for item in LESSONS:
        if not (root / "course" / item.filename).exists():
            continue
        has_set = (root / "solutions" / item.filename).exists()
        exercises = f"[exercises](exercises/{item.filename})" if has_set else ""
        rows.append(f"| {item.number} | [{item.title}](course/{item.filename}) | {exercises} | "
                    f"{item.teaches} |")
    table = "\n".join(["| # | lesson | exercise set | what it teaches |", "|---|---|---|---|",
                       *rows])
    return f"""\
# The PRT course: learner's copy

This is your copy of a hands-on course built around one randomized trial: Pain Reprocessing
Therapy versus open-label placebo versus usual care for chronic back pain (Ashar et al.,
*JAMA Psychiatry* 2022). Each lesson is a Jupyter notebook with figures you can move; each
exercise set is a notebook whose answers are checked as you go.

## Start

You need Python 3.11 or newer and `make`; the first start needs an internet connection.
In this folder, run:

```bash
make lab
```

It installs what the course needs into `.venv` (first time only) and opens lesson 00 in
JupyterLab. With conda instead: `conda env create -f environment.yml`, then
`conda activate prt-course` and `jupyter lab`. If your instructor gave you a link to Binder or
to a JupyterHub, you need to install nothing: open the link.

## Lessons and exercises

{table}

Read a lesson first, then open its exercise set.

## How the exercises work

In an exercise notebook, replace each `...` with your code and run the cell: the
`check("NN.name", answer)` line at its end says whether your answer is right and, if not,
which common mistake it looks like. `prtlib.course.checks.hint("NN.name")` gives a hint; call it
again for a more detailed one. Questions answered in words go in the cells marked
**Your answer**.

Worked solutions and model answers are not in this copy: your instructor has them, and the
lesson 00 notebook's mention of a `solutions/` folder refers to the instructor's copy of the
course. To be honest about what *is* here: the checks compute each expected answer on your
machine with the course's library (`prtlib/course/exercise_sets/`), so someone who reads that code
can work the answers out. That only spoils the exercise for yourself. When your instructor
grades your notebook, it is run again from the top and judged on the values your own code
computes: what it printed before, or a changed `check`, plays no part.

## Handing in your work

Save the exercise notebook (File, then Save) and hand in the `.ipynb` file as your
instructor asks. If you hand in files rather than folders, put your id in the file name,
for example `ada_03_effect_sizes.ipynb`. Before you hand it in, run it from the top
(Kernel, then Restart Kernel and Run All Cells) and check that every cell runs: that is how
it will be graded, with a time limit of a few minutes.

## Working offline and the trial data

Once set up, everything runs without a network: the lessons use the trial's published
numbers and a simulated cohort that matches them. The real de-identified data, released by
the trial's authors under CC0, is downloaded the first time a lesson asks for it; without a
network those lessons say so and carry on with the simulated cohort.

## Licence and citation

Course text and code: MIT (see `LICENSE`). Cite the trial as: Ashar YK, Gordon A, Schubiner
H, et al. Effect of Pain Reprocessing Therapy vs Placebo and Usual Care for Patients With
Chronic Back Pain: A Randomized Clinical Trial. *JAMA Psychiatry.* 2022;79(1):13-23.
[doi:10.1001/jamapsychiatry.2021.2669](https://doi.org/10.1001/jamapsychiatry.2021.2669)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prtlib.course.release",
                                     description="Write a learner's copy of the course, "
                                                 "without solutions, model answers, rubrics "
                                                 "or instructor notes.")
    parser.add_argument("out_dir", type=Path,
                        help="new or empty folder (or an earlier release, which is replaced)")
    parser.add_argument("--root", type=Path, default=None,
                        help="course repository (default: the one this prtlib belongs to)")
    args = parser.parse_args(argv)
    try:
        files = build_release(args.out_dir, args.root)
    except ValueError as exc:
        parser.error(str(exc))
    leaks = find_leaks(args.out_dir, args.root)
    if leaks:
        for leak in leaks:
            print(f"LEAK: {leak}", file=sys.stderr)
        print(f"The release in {args.out_dir} gives answers away; do not publish it.",
              file=sys.stderr)
        return 1
    print(f"wrote {len(files)} files to {args.out_dir}; checked: no solution, model answer, "
          "rubric or instructor note in it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
