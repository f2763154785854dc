"""Generated documentation: the bibliography, the instructor guide's lessons and syllabi.

Everything here is computed from the lessons themselves (and the README's list of modules
from :data:`prtlib.MODULES`): the course-wide bibliography
(``course/bibliography.md``) from each lesson's "## References", the instructor guide's
lesson table and its two syllabi, the README's table of lessons, and the time that each
lesson's and each exercise master's first cell states (``**Estimated time:** N minutes``,
computed by :func:`prtlib.course.catalogue.estimate_minutes`; only that line of the source
changes, never an output). When a master's time changes, the exercise notebooks are
regenerated too (:func:`prtlib.course.authoring.write_exercises`).

Command line (run from the repository root; the same as ``make docs``)::

    python -m prtlib.course.docs [--check]
    python -m prtlib.course.authoring docs [--check]   # the same command
"""

from __future__ import annotations

import sys
from pathlib import Path

from prtlib.course.authoring import AuthoringError, repo_root, write_exercises

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
    from prtlib.course.catalogue import LESSONS

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


def _times(root: Path) -> dict[str, tuple[int, int | None]]:
    """Each available lesson's time and its exercise set's (None without a master), by the rule."""
    from prtlib.course.catalogue import LESSONS, lesson_minutes, set_minutes

    out = {}
    for item in LESSONS:
        if item.available(root):
            has_set = (root / "solutions" / item.filename).exists()
            out[item.number] = (lesson_minutes(item, root),
                                set_minutes(item, root) if has_set else None)
    return out


def render_guide_lessons(root: Path | None = None) -> str:
    """The instructor guide's table of lessons: time, prerequisites, objectives, explorers
    and exercises, read from the lessons themselves."""
    import re

    from prtlib.course.catalogue import LESSONS, read_header
    from prtlib.course.checks import get_exercise

    root = root or repo_root()
    times = _times(root)
    parts = [GUIDE_BEGIN, ""]
    for item in LESSONS:
        if not item.available(root):
            parts += [f"### {item.number} · {item.title}", "", "_In preparation._", ""]
            continue
        header = read_header(item, root)
        lesson_time, set_time = times[item.number]
        timing = f"{lesson_time} min" + (f"; exercise set {set_time} min" if set_time else "")
        parts += [f"### {item.number} · [{item.title}]({item.filename}) ({timing})",
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


# -- times: the rule's numbers, written wherever a time is shown ------------------------------

README = "README.md"
README_BEGIN = "<!-- BEGIN GENERATED: lessons table (make docs) -->"
README_END = "<!-- END GENERATED: lessons table -->"
MODULES_BEGIN = "<!-- BEGIN GENERATED: modules (make docs; edit prtlib/__init__.py) -->"
MODULES_END = "<!-- END GENERATED: modules -->"
SYLLABI_BEGIN = "<!-- BEGIN GENERATED: syllabi (make docs; edit prtlib/course/catalogue.py) -->"
SYLLABI_END = "<!-- END GENERATED: syllabi -->"


def rule_sentence() -> str:
    """The time rule in one sentence, with the constants the code uses."""
    from prtlib.course import catalogue as c

    return (f"prose read at {c.WORDS_PER_MINUTE} words a minute, {c.SECONDS_PER_CODE_CELL} s "
            f"per code cell, {c.MINUTES_PER_EXPLORER} min per explorer and "
            f"{c.MINUTES_PER_THINK} min per **Think!** prompt; an exercise set adds "
            f"{c.MINUTES_PER_CHECK} min per checked exercise and {c.MINUTES_PER_WRITTEN_ANSWER} "
            "min per answer written in words; each total is rounded to the nearest 5 minutes")


def render_readme_modules() -> str:
    """The README's list of prtlib's modules, by layer, from :data:`prtlib.MODULES`."""
    import prtlib

    lines = [MODULES_BEGIN, "",
             "- `prtlib/`: the helper library the notebooks call, in three layers, one folder "
             "each; a module imports only from its own layer and the ones below it (course, "
             "then trial, then stats; `tests/test_layers.py` checks it). Import a module from "
             "its folder (`from prtlib.stats import power`) or through the index "
             "(`import prtlib`, then `prtlib.power`)."]
    for layer, meaning in prtlib.LAYERS.items():
        names = [n for n, (where, _) in prtlib.MODULES.items() if where == layer]
        lines.append(f"  - `prtlib/{layer}/`, {meaning}:")
        lines += [f"    - `{n}`: {prtlib.MODULES[n][1]}" for n in names]
    lines += [
        "  - Conventions that hold in every layer: bad input raises `ValueError` naming the "
        "parameter, the value and what is allowed (the checks live in `prtlib/_validate.py`); "
        "an interval is a `prtlib.stats.intervals.Interval` (its docstring gives the rule for "
        "when a result offers it as a method and when as an attribute); `alternative=` takes "
        "scipy's names (`\"two-sided\"`, `\"less\"`, `\"greater\"`); the effect sizes "
        "computed from arrays (`cohens_d`, `hedges_g`, `change_score_g` and their bootstrap) "
        "take `nan_policy=\"omit\"` (the result reports what was dropped) or `\"raise\"`.",
        "", MODULES_END]
    return "\n".join(lines)


def render_readme_lessons(root: Path | None = None) -> str:
    """The README's table of lessons, with each lesson's and exercise set's time."""
    from prtlib.course.catalogue import LESSONS, hours_and_minutes

    root = root or repo_root()
    times = _times(root)
    lines = [README_BEGIN, "", "| # | lesson | time | exercise set | what it teaches |",
             "|---|---|---|---|---|"]
    for item in LESSONS:
        if item.number in times:
            lesson_time, set_time = times[item.number]
            link = f"[{item.title}](course/{item.filename})"
            set_cell = f"{set_time} min" if set_time else "none"
            lines.append(f"| {item.number} | {link} | {lesson_time} min | {set_cell} | "
                         f"{item.teaches} |")
        else:
            lines.append(f"| {item.number} | {item.title} (in preparation) | | | "
                         f"{item.teaches} |")
    lesson_total = sum(t[0] for t in times.values())
    set_total = sum(t[1] or 0 for t in times.values())
    lines += ["", "The times are for reading, running every cell and using the explorers. "
              f"They come from one rule, applied to each notebook by `make docs`: {rule_sentence()} "
              "(`prtlib.course.catalogue.estimate_minutes`). The lessons take about "
              f"{hours_and_minutes(lesson_total)} in all, and their exercise sets about "
              f"{hours_and_minutes(set_total)}.", "", README_END]
    return "\n".join(lines)


def _part_minutes(part, root: Path) -> int:
    from prtlib.course.catalogue import syllabus_minutes

    return syllabus_minutes(part.lessons, part.sets, root) + part.discussion


def _part_breakdown(part, root: Path) -> str:
    from prtlib.course.catalogue import syllabus_minutes

    pieces = []
    if part.lessons:
        pieces.append(f"lesson{'s' if len(part.lessons) > 1 else ''} "
                      f"{syllabus_minutes(part.lessons, (), root)}")
    if part.sets:
        pieces.append(f"exercise set{'s' if len(part.sets) > 1 else ''} "
                      f"{syllabus_minutes((), part.sets, root)}")
    if part.discussion:
        pieces.append(f"discussion {part.discussion}")
    total = _part_minutes(part, root)
    return f"{total} ({' + '.join(pieces)})" if len(pieces) > 1 else str(total)


def session_minutes(session: str, root: Path | None = None, *, in_class: bool = True) -> int:
    """Minutes of one workshop session, in class (or, with ``in_class=False``, around it)."""
    from prtlib.course.catalogue import WORKSHOP

    root = root or repo_root()
    return sum(_part_minutes(p, root) for p in WORKSHOP
               if p.session == session and p.in_class == in_class)


def module_self_study(root: Path | None = None) -> list[int]:
    """Each module week's self-study: the rule's time of its lessons and sets due."""
    from prtlib.course.catalogue import MODULE, syllabus_minutes

    root = root or repo_root()
    return [syllabus_minutes(week.lessons, week.sets, root) for week in MODULE]


def _word(number: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve")
    return words[number] if 0 <= number < len(words) else str(number)


def render_syllabi(root: Path | None = None) -> str:
    """The instructor guide's two syllabi, every time computed from the lessons."""
    from prtlib.course.catalogue import (
        MODULE,
        MODULE_SEMINAR_MINUTES,
        WORKSHOP,
        WORKSHOP_FMRI,
        WORKSHOP_SESSIONS,
        hours_and_minutes,
        syllabus_minutes,
    )

    root = root or repo_root()
    sessions = [str(n) for n in range(1, WORKSHOP_SESSIONS + 1)]
    in_class = [session_minutes(s, root) for s in sessions]
    stated = " and ".join(hours_and_minutes(m) for m in in_class)
    lines = [SYLLABI_BEGIN, "",
             "Every time below is computed by `make docs` from the lessons and exercise sets "
             "(the rule is in the README's \"Lessons\") plus the minutes of discussion each "
             "part allows, which are a judgement; a choice between two lessons counts the "
             "longer. Add breaks to taste.", "",
             f"### A {_word(WORKSHOP_SESSIONS)}-session workshop ({stated} in class)", "",
             "For clinicians or graduate students who want to read trials better. Learners need "
             "a laptop with a browser (use Binder or a JupyterHub, below) and nothing else.", "",
             "| session | part | what | minutes |", "|---|---|---|---|"]
    for part in WORKSHOP:
        lines.append(f"| {part.session} | {part.part} | {part.what} | "
                     f"{_part_breakdown(part, root)} |")
    lines.append("")
    for session, minutes in zip(sessions, in_class, strict=True):
        around = [p for p in WORKSHOP if p.session == session and not p.in_class]
        extra = "; ".join(f"{p.part} it, {_part_minutes(p, root)} min" for p in around)
        lines.append(f"- Session {session}: {minutes} min in class ({hours_and_minutes(minutes)})"
                     + (f"; {extra}" if extra else "") + ".")
    fmri_lessons = syllabus_minutes(WORKSHOP_FMRI.lessons, (), root)
    fmri_sets = syllabus_minutes((), WORKSHOP_FMRI.lessons, root)
    fmri_in_class = _part_minutes(WORKSHOP_FMRI, root)
    lines += ["", f"For audiences in neuroscience, lessons 07-08 (fMRI) make a third session: "
              f"{hours_and_minutes(fmri_in_class)} in class (lessons {fmri_lessons} min + "
              f"discussion {WORKSHOP_FMRI.discussion} min), and exercise sets 07 and 08 "
              f"({fmri_sets} min) after it.", ""]
    study = module_self_study(root)
    seminar = (f"{MODULE_SEMINAR_MINUTES // 60}-hour" if MODULE_SEMINAR_MINUTES % 60 == 0
               else f"{MODULE_SEMINAR_MINUTES}-minute")
    lines += [f"### A {_word(len(MODULE))}-week module (one {seminar} seminar a week, plus "
              f"{hours_and_minutes(min(study))} to "
              f"{hours_and_minutes(max(study))} of self-study)", "",
              "| week | before the seminar | in the seminar | exercise sets due | "
              "self-study (min) |", "|---|---|---|---|---|"]
    for week, minutes in zip(MODULE, study, strict=True):
        named = " and ".join(week.lessons)
        lines.append(f"| {week.week} | Lesson{'s' if len(week.lessons) > 1 else ''} {named} | "
                     f"{week.seminar} | {', '.join(week.sets)} | {minutes} |")
    lines += ["", "Self-study is the lessons read before the seminar plus the exercise sets due.",
              "", SYLLABI_END]
    return "\n".join(lines)


def _replace_block(text: str, begin: str, end: str, block: str, name: str) -> str:
    if begin not in text or end not in text:
        raise AuthoringError(f"{name} must hold the markers {begin} and {end}.")
    head, rest = text.split(begin, 1)
    return head + block + rest.split(end, 1)[1]


def with_stated_minutes(raw: str, minutes: int, where: str = "notebook") -> str:
    """A notebook's file text with its first cell's time line set to ``minutes``.

    Only the number in ``**Estimated time:** N minutes`` changes; every other byte of the
    file (other cells, outputs, metadata) stays as it was.
    """
    import json

    from prtlib.course.catalogue import TIME_LINE

    cells = json.loads(raw)["cells"]
    first = "".join(cells[0]["source"]) if cells else ""
    if not TIME_LINE.search(first):
        raise AuthoringError(f"{where}: the first cell must state '**Estimated time:** N minutes'.")
    # The cells come first in the file and the first cell's source before any other cell,
    # so the first time line in the text is the first cell's.
    new = TIME_LINE.sub(f"**Estimated time:** {minutes} minutes", raw, count=1)
    check = json.loads(new)["cells"]
    if "".join(check[0]["source"]) != TIME_LINE.sub(f"**Estimated time:** {minutes} minutes",
                                                    first, count=1):
        raise AuthoringError(f"{where}: could not set the time line of the first cell alone.")
    return new


def expected_times(root: Path | None = None) -> dict[Path, str]:
    """Every lesson and exercise master whose stated time should be the rule's, as its text."""
    from prtlib.course.catalogue import LESSONS

    root = root or repo_root()
    out = {}
    for number, (lesson_time, set_time) in _times(root).items():
        item = next(i for i in LESSONS if i.number == number)
        for folder, minutes in (("course", lesson_time), ("solutions", set_time)):
            path = root / folder / item.filename
            if minutes is None:
                continue
            out[path] = with_stated_minutes(path.read_text(encoding="utf-8"), minutes,
                                            f"{folder}/{item.filename}")
    return out


def expected_docs(root: Path | None = None) -> dict[Path, str]:
    """What the generated documentation, and the notebooks' stated times, should be now."""
    root = root or repo_root()
    out = {root / BIBLIOGRAPHY: render_bibliography(root)}
    guide = root / GUIDE
    if guide.exists():
        text = guide.read_text(encoding="utf-8")
        text = _replace_block(text, GUIDE_BEGIN, GUIDE_END, render_guide_lessons(root), GUIDE)
        out[guide] = _replace_block(text, SYLLABI_BEGIN, SYLLABI_END, render_syllabi(root),
                                    GUIDE)
    readme = root / README
    if readme.exists():
        text = _replace_block(readme.read_text(encoding="utf-8"), README_BEGIN, README_END,
                              render_readme_lessons(root), README)
        out[readme] = _replace_block(text, MODULES_BEGIN, MODULES_END,
                                     render_readme_modules(), README)
    out.update(expected_times(root))
    return out


def stale_docs(root: Path | None = None) -> list[str]:
    root = root or repo_root()
    return [f"{path.relative_to(root).as_posix()} is out of date"
            for path, text in expected_docs(root).items()
            if not path.exists() or path.read_text(encoding="utf-8") != text]


def write_docs(root: Path | None = None) -> list[Path]:
    """Write the generated docs and the notebooks' times; regenerate exercises if a master
    changed. Returns every file written."""
    root = root or repo_root()
    changed = []
    for path, text in expected_docs(root).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    if any(path.parent.name == "solutions" for path in changed):
        changed += write_exercises(root)
    return changed


def main(argv: list[str] | None = None) -> int:
    from prtlib.course.authoring import main as authoring_main

    return authoring_main(["docs", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
