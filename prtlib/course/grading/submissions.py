"""Find the submitted notebooks, say whose each one is, and which exercise set it holds.

Two layouts are accepted, and may be mixed:

- **one folder per learner**: ``SUBMISSIONS/ada/...``. The learner's id is the folder's name;
  every ``.ipynb`` file inside it (at any depth) is one of that learner's submissions,
  whatever it is called.
- **files named after the learner**, directly in ``SUBMISSIONS``: the file name is the
  learner's id and an exercise set's name joined by ``_``, ``-``, ``.`` or a space, in either
  order: ``ada_03_effect_sizes.ipynb``, ``03_effect_sizes-ada.ipynb``. The set may also be
  given by its number alone (``ada_03.ipynb``, ``03-ada.ipynb``). A name with no set in it
  (``ada.ipynb``) is all id. A name that is only a set (``03_effect_sizes.ipynb``) says
  nothing about whose it is, and is reported, not graded.

Names starting with a dot, ``__MACOSX`` folders and ``.ipynb_checkpoints`` are skipped.

The exercise set is recognised from the notebook's content, never from its name alone: the
ids of its ``check("NN.name", ...)`` calls, then the master it records having been generated
from, then its title (``# Exercises NN``), then, last, the file name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pooch

from prtlib.course.grading.masters import ExerciseSet, check_calls, check_ids

MAX_NOTEBOOK_BYTES = 50_000_000
"""Larger files are reported and not graded."""
_SEPARATORS = "_-. "
_SKIP = {"__MACOSX", ".ipynb_checkpoints"}


@dataclass
class Submission:
    """One thing found in the submissions folder: a notebook to grade, or a problem."""

    learner: str
    relpath: str
    path: Path | None = None
    problem: str = ""
    sha256: str = ""
    name_lesson: str = ""

    @property
    def kind(self) -> str:
        return "problem" if self.problem else "notebook"


def sha256_of(path: Path) -> str:
    """The file's SHA-256 hex digest (read in blocks by pooch, which checks the trial data too)."""
    return pooch.file_hash(str(path), alg="sha256")


def lesson_in_name(stem: str, names: list[str]) -> tuple[str, str]:
    """Split a file name's stem into (learner id, lesson number) by the naming rule.

    ``names`` are the exercise sets' names (``"03_effect_sizes"``). The lesson is "" when
    the name has none in it.

    Examples
    --------
    >>> sets = ["00_start_here", "03_effect_sizes"]
    >>> lesson_in_name("ada_03_effect_sizes", sets)
    ('ada', '03')
    >>> lesson_in_name("03_effect_sizes-Ada Lovelace", sets)
    ('Ada Lovelace', '03')
    >>> lesson_in_name("bo.00", sets), lesson_in_name("00-bo", sets), lesson_in_name("bo", sets)
    (('bo', '00'), ('bo', '00'), ('bo', ''))
    >>> lesson_in_name("03_effect_sizes", sets)
    ('', '03')
    """
    lower = stem.lower()
    for name in sorted(names, key=len, reverse=True):
        if lower.endswith(name.lower()):
            return stem[: len(stem) - len(name)].rstrip(_SEPARATORS), name[:2]
        if lower.startswith(name.lower()):
            return stem[len(name):].lstrip(_SEPARATORS), name[:2]
    numbers = {name[:2] for name in names}
    match = re.fullmatch(r"(.+?)[_\-. ](\d\d)", stem)
    if match and match.group(2) in numbers:
        return match.group(1), match.group(2)
    match = re.fullmatch(r"(\d\d)[_\-. ](.+)", stem)
    if match and match.group(1) in numbers:
        return match.group(2), match.group(1)
    return stem, ""


def _hidden(path: Path) -> bool:
    return path.name.startswith(".") or path.name in _SKIP


def _files_under(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or p in _SKIP for p in parts):
            continue
        if path.is_file():
            found.append(path)
    return found


def discover(folder: Path, names: list[str]) -> list[Submission]:
    """Everything in the submissions folder, in a stable order, as :class:`Submission`\\ s."""
    folder = Path(folder)
    out: list[Submission] = []
    for entry in sorted(folder.iterdir()):
        if _hidden(entry):
            continue
        rel = entry.relative_to(folder).as_posix()
        if entry.is_dir():
            files = _files_under(entry)
            notebooks = [f for f in files if f.suffix.lower() == ".ipynb"]
            if not files:
                out.append(Submission(entry.name, rel + "/", problem="empty folder: no notebook "
                                      "was submitted"))
            elif not notebooks:
                listed = ", ".join(f.name for f in files[:5]) + (" ..." if len(files) > 5 else "")
                out.append(Submission(entry.name, rel + "/", problem=f"no notebook (.ipynb) in "
                                      f"the folder; it holds: {listed}"))
            for path in files:
                sub_rel = path.relative_to(folder).as_posix()
                if path.suffix.lower() != ".ipynb":
                    if notebooks:
                        out.append(Submission(entry.name, sub_rel, path, problem=(
                            f"not a notebook ({path.suffix or 'no extension'}): only .ipynb "
                            "files are graded")))
                    continue
                _, name_lesson = lesson_in_name(path.stem, names)
                out.append(Submission(entry.name, sub_rel, path, name_lesson=name_lesson))
        elif entry.is_file():
            learner, name_lesson = lesson_in_name(entry.stem, names)
            if entry.suffix.lower() != ".ipynb":
                out.append(Submission(learner, rel, entry, problem=(
                    f"not a notebook ({entry.suffix or 'no extension'}): only .ipynb files "
                    "are graded")))
            elif not learner:
                out.append(Submission("", rel, entry, name_lesson=name_lesson, problem=(
                    "the file name does not say whose notebook this is: name it "
                    "ID_NN_topic.ipynb or put it in a folder named after the learner")))
            else:
                out.append(Submission(learner, rel, entry, name_lesson=name_lesson))
    for sub in out:
        if sub.path is not None and sub.path.is_file():
            sub.sha256 = sha256_of(sub.path)
    return out


def read_notebook(path: Path):
    """Read a submitted file as a notebook; raise ValueError with the reason it is not one."""
    import nbformat

    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"the file is {size / 1e6:.0f} MB, more than the "
                         f"{MAX_NOTEBOOK_BYTES / 1e6:.0f} MB a notebook may have")
    if size == 0:
        raise ValueError("the file is empty")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not a notebook: the file is not text (not UTF-8)") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"not a notebook: the file is not valid JSON ({exc.msg} at line "
                         f"{exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells", data.get("worksheets")),
                                                    list):
        raise ValueError("not a notebook: the file is JSON but has no list of cells")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:
        raise ValueError(f"not a readable notebook ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0][:150] if str(exc) else ''})") from None
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") not in ("code", "markdown", "raw") \
                or not isinstance(cell.get("source", ""), str):
            raise ValueError(f"not a readable notebook: cell {index} is malformed")
    return nb


@dataclass
class Identified:
    """Which exercise set a notebook holds, how that was decided, and what is odd about it."""

    lesson: str = ""
    how: str = ""
    notes: list[str] = field(default_factory=list)
    learner_checks: dict[str, str] = field(default_factory=dict)
    check_cells: dict[str, int] = field(default_factory=dict)


def identify(nb, sets: dict[str, ExerciseSet], name_lesson: str = "") -> Identified:
    """Recognise the exercise set of a learner's notebook from its content."""
    found = Identified()
    code = [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    ids: list[str] = []
    for index, source in code:
        for ex_id in check_ids(source):
            ids.append(ex_id)
            found.check_cells[ex_id] = index
        for ex_id, expr in check_calls(source):
            found.learner_checks[ex_id] = expr
    present = set(ids)
    overlap = {lesson: len(present & set(s.exercise_ids)) for lesson, s in sets.items()}
    best = max(overlap.items(), key=lambda kv: kv[1], default=("", 0))
    meta = nb.metadata.get("prtlib", {}) if isinstance(nb.metadata, dict) else {}
    generated_from = str(meta.get("generated_from", "")) if isinstance(meta, dict) else ""
    meta_lesson = Path(generated_from).name[:2] if generated_from else ""
    title_lesson = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s*Exercises\s+(\d\d)\b", cell.source, re.M)
            if match:
                title_lesson = match.group(1)
                break
    if best[1] > 0:
        found.lesson, found.how = best[0], "its check(...) calls"
    elif meta_lesson in sets:
        found.lesson, found.how = meta_lesson, "the master it was generated from"
    elif title_lesson in sets:
        found.lesson, found.how = title_lesson, "its title"
    elif name_lesson in sets:
        found.lesson, found.how = name_lesson, "its file name only"
        found.notes.append("no check(...) call of any exercise set was found; the set was "
                           "guessed from the file name")
    else:
        return found
    chosen = sets[found.lesson]
    if name_lesson and name_lesson != found.lesson:
        found.notes.append(f"the file name says exercise set {name_lesson}, but the notebook "
                           f"holds set {found.lesson} ({chosen.name}); it was graded as "
                           f"{found.lesson}")
    missing = [i for i in chosen.exercise_ids if i not in present]
    if missing and best[1] > 0:
        found.notes.append(
            f"the notebook has no check(...) for {', '.join(missing)}: an older version of "
            f"the exercise set, or deleted cells; those exercises were graded from the names "
            f"the master uses")
    others = sorted({i for i in present if i[:2] != found.lesson})
    if others:
        found.notes.append(f"the notebook also checks exercises of another set "
                           f"({', '.join(others[:5])}); only set {found.lesson} is graded")
    fp = str(meta.get("master_fingerprint", "")) if isinstance(meta, dict) else ""
    if fp and fp != chosen.fingerprint:
        found.notes.append("the notebook was made from a different version of the master "
                           f"than the current one (fingerprint {fp[:16]}, now "
                           f"{chosen.fingerprint}); it was graded against the current one")
    return found


def open_answers(nb, chosen: ExerciseSet) -> dict[str, str]:
    """The learner's written answer to each open question, by question id ('' if none).

    The answer is the text of the markdown cells that follow the question's cell, up to the
    next code cell or the next cell that the master also has, without the placeholder line.
    """
    from prtlib.course.authoring import ANSWER_PLACEHOLDER

    cells = nb.cells
    out = {}
    for question in chosen.questions:
        start = next((i for i, c in enumerate(cells)
                      if c.cell_type == "markdown" and c.source.strip() == question.question.strip()),
                     None)
        if start is None and question.question.strip():
            heading = question.question.strip().splitlines()[0]
            start = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"
                          and c.source.strip().splitlines()[:1] == [heading]), None)
        if start is None:
            out[question.id] = ""
            continue
        parts = []
        for cell in cells[start + 1:]:
            if cell.cell_type == "code" or cell.source in chosen.cell_sources:
                break
            parts.append(cell.source.replace(ANSWER_PLACEHOLDER, "").strip())
        out[question.id] = "\n\n".join(p for p in parts if p).strip()
    return out
