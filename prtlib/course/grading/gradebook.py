"""Write what the grader decided: gradebooks, open answers to mark, and feedback per learner.

Files written in the output folder:

``gradebook_long.csv``
    One row per learner, notebook and exercise (open questions included), with the status,
    the points and the maximum, the learner's value and the expected one, the named mistake
    and the feedback; one row per submission that could not be graded, with the reason.
``gradebook_wide.csv``
    One row per learner and one column per exercise set: the points, open answers included
    once they are marked. This is the file to import into a learning-management system.
``submissions.csv``
    One row per file or folder found, with what happened to it and everything odd about it
    (renamed, another set, an old version, cells that raised or ran out of time, output
    dropped, files written or deleted), and the file's SHA-256 checksum.
``open_questions.csv``
    One row per learner and open question: the learner's text, the model answer, the rubric,
    the maximum, and empty ``points`` and ``comment`` columns for the instructor. A later run
    reads the points and comments back from this file (or from ``--marks FILE``).
``feedback/LEARNER.md``
    Each learner's report: every exercise with its result, feedback and hint, the open
    answers with their marks and comments, and any problem with the notebook. It never
    shows the expected answers.
``summary.md``
    For the instructor: the class's results per exercise, the common named mistakes, the
    maximum points per set, and the submissions that need attention.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

LONG_COLUMNS = ("learner", "lesson", "exercise", "title", "status", "points", "max_points",
                "value", "expected", "mistake", "feedback", "file")
SUBMISSION_COLUMNS = ("learner", "file", "lesson", "status", "reason", "notes", "seconds",
                      "sha256")
OPEN_COLUMNS = ("learner", "lesson", "question", "title", "answer", "model_answer", "rubric",
                "max_points", "points", "comment", "answer_id", "file")


@dataclass
class Row:
    """One line of the long gradebook."""

    learner: str
    lesson: str
    exercise: str
    title: str
    status: str
    points: float | str
    max_points: float | str
    value: str = ""
    expected: str = ""
    mistake: str = ""
    feedback: str = ""
    file: str = ""
    hint: str = ""


@dataclass
class OpenAnswer:
    """One learner's answer to one open question, with the instructor's marks if any."""

    learner: str
    lesson: str
    question: str
    title: str
    answer: str
    model_answer: str
    rubric: str
    max_points: float
    points: float | None = None
    comment: str = ""
    file: str = ""
    changed_since_marked: bool = False

    @property
    def answer_id(self) -> str:
        return hashlib.sha256(self.answer.encode("utf-8")).hexdigest()[:10]


@dataclass
class SubmissionRecord:
    """One line of ``submissions.csv``."""

    learner: str
    file: str
    lesson: str
    status: str  # graded, not graded
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    seconds: float | str = ""
    sha256: str = ""


def number_text(x) -> str:
    """Points as text: whole numbers without a decimal point.

    >>> number_text(3.0), number_text(1.5), number_text(""), number_text(None)
    ('3', '1.5', '', '')
    """
    if x is None or x == "":
        return ""
    value = float(x)
    return str(int(value)) if value.is_integer() else format(value, "g")


def safe_name(learner: str) -> str:
    """A file name for a learner's report.

    >>> safe_name("Ada Lovelace/2"), safe_name("")
    ('Ada_Lovelace_2', 'unknown')
    """
    return re.sub(r"[^A-Za-z0-9._-]+", "_", learner).strip("._") or "unknown"


# -- reading the instructor's marks back -----------------------------------------------------

def read_marks(path: Path) -> list[dict]:
    """Rows of an ``open_questions.csv`` the instructor has filled in (any of , ; or tab)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if not text.strip():
        return []
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.DictReader(text.splitlines(keepends=True), dialect=dialect))
    needed = {"learner", "lesson", "question", "points"}
    if rows and not needed <= set(rows[0]):
        raise ValueError(f"marks file {path} must have the columns {sorted(needed)}; it has "
                         f"{sorted(rows[0])}.")
    return rows


def merge_marks(answers: list[OpenAnswer], rows: list[dict]) -> tuple[list[str], list[dict]]:
    """Copy points and comments from the instructor's rows onto ``answers``.

    Returns the warnings (points that are not numbers or out of range, marks whose answer
    has changed since) and the marked rows that match no answer, which the caller keeps in
    ``open_questions_unmatched.csv`` so that no mark is lost.
    """
    warnings: list[str] = []
    by_file = {(a.learner, a.lesson, a.question, a.file): a for a in answers}
    by_key: dict[tuple, list[OpenAnswer]] = {}
    for a in answers:
        by_key.setdefault((a.learner, a.lesson, a.question), []).append(a)
    unmatched = []
    for row in rows:
        raw = (row.get("points") or "").strip()
        comment = (row.get("comment") or "").strip()
        if not raw and not comment:
            continue
        key = (row.get("learner", ""), row.get("lesson", ""), row.get("question", ""))
        target = by_file.get((*key, row.get("file", "")))
        if target is None and len(by_key.get(key, [])) == 1:
            target = by_key[key][0]
        if target is None:
            unmatched.append(row)
            continue
        where = f"{key[0]}, {key[2]}"
        if row.get("max_points", "").strip():
            try:
                new_max = float(row["max_points"].replace(",", "."))
                if new_max > 0:
                    target.max_points = new_max
            except ValueError:
                warnings.append(f"{where}: max_points {row['max_points']!r} is not a number; "
                                f"kept {number_text(target.max_points)}")
        if raw:
            try:
                points = float(raw.replace(",", "."))
            except ValueError:
                warnings.append(f"{where}: points {raw!r} is not a number; ignored")
                points = None
            if points is not None and not 0 <= points <= target.max_points:
                warnings.append(f"{where}: points {raw} is outside 0 to "
                                f"{number_text(target.max_points)}; ignored")
                points = None
            target.points = points
        target.comment = comment
        old_id = (row.get("answer_id") or "").strip()
        if old_id and old_id != target.answer_id and target.points is not None:
            target.changed_since_marked = True
            warnings.append(f"{where}: the answer has changed since it was marked; the marks "
                            "were kept, check them")
    if unmatched:
        warnings.append(f"{len(unmatched)} marked row(s) match no submitted answer; they are "
                        "kept in open_questions_unmatched.csv")
    return warnings, unmatched


# -- writing --------------------------------------------------------------------------------

def _write_csv(path: Path, columns, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)


def write_long(path: Path, rows: list[Row]) -> None:
    _write_csv(path, LONG_COLUMNS, [
        [r.learner, r.lesson, r.exercise, r.title, r.status, number_text(r.points),
         number_text(r.max_points), r.value, r.expected, r.mistake, r.feedback, r.file]
        for r in rows])


def write_submissions(path: Path, records: list[SubmissionRecord]) -> None:
    _write_csv(path, SUBMISSION_COLUMNS, [
        [s.learner, s.file, s.lesson, s.status, s.reason, " | ".join(s.notes),
         s.seconds if s.seconds == "" else f"{float(s.seconds):.1f}", s.sha256]
        for s in records])


def write_open(path: Path, answers: list[OpenAnswer]) -> None:
    _write_csv(path, OPEN_COLUMNS, [
        [a.learner, a.lesson, a.question, a.title, a.answer, a.model_answer, a.rubric,
         number_text(a.max_points), number_text(a.points), a.comment, a.answer_id, a.file]
        for a in answers])


def totals(rows: list[Row]) -> dict[tuple[str, str, str], float]:
    """Points per (learner, lesson, file), from exercise and marked open-question rows."""
    out: dict[tuple[str, str, str], float] = {}
    for r in rows:
        if not r.exercise:
            continue
        key = (r.learner, r.lesson, r.file)
        out[key] = out.get(key, 0.0) + (float(r.points) if r.points not in ("", None) else 0.0)
    return out


def write_wide(path: Path, rows: list[Row], learners: list[str], lessons: list[str],
               id_column: str = "learner") -> dict[tuple[str, str], float]:
    """One row per learner, one column per set: the best submission's points."""
    best: dict[tuple[str, str], float] = {}
    for (learner, lesson, _), points in totals(rows).items():
        best[(learner, lesson)] = max(points, best.get((learner, lesson), float("-inf")))
    table = []
    for learner in learners:
        table.append([learner] + [number_text(best[(learner, lesson)])
                                  if (learner, lesson) in best else "" for lesson in lessons])
    _write_csv(path, [id_column, *lessons], table)
    return best


_LABEL = {"correct": "Correct", "mistake": "A common mistake", "wrong": "Not correct yet",
          "unanswered": "Not answered", "error": "Could not be graded",
          "to_mark": "To be marked by your instructor", "marked": "Marked"}


def feedback_report(learner: str, rows: list[Row], answers: list[OpenAnswer],
                    records: list[SubmissionRecord]) -> str:
    """A learner's feedback in markdown: results, feedback and hints, never the answers."""
    lines = [f"# Feedback for {learner}", ""]
    files = []
    for record in records:
        if record.file not in files:
            files.append(record.file)
    for file in files:
        record = next(r for r in records if r.file == file)
        mine = [r for r in rows if r.file == file and r.exercise]
        if record.status != "graded":
            lines += [f"## `{file}`", "", f"**Not graded:** {record.reason}.", ""]
            continue
        got = sum(float(r.points) for r in mine if r.points not in ("", None))
        most = sum(float(r.max_points) for r in mine if r.max_points not in ("", None))
        waiting = sum(1 for r in mine if r.status == "to_mark")
        tail = f"; {waiting} written answer(s) still to be marked" if waiting else ""
        lines += [f"## Exercise set {record.lesson} · `{file}`", "",
                  f"**{number_text(got)} of {number_text(most)} points**{tail}.", ""]
        for r in mine:
            lines.append(f"### {r.exercise} · {r.title}")
            lines.append("")
            lines.append(f"**{_LABEL.get(r.status, r.status)}** "
                         f"({number_text(r.points) or '–'} of {number_text(r.max_points)}).")
            if r.exercise.split(".", 1)[-1].startswith("question_"):
                answer = next((a for a in answers if a.file == file
                               and a.question == r.exercise), None)
                if answer is not None and answer.comment:
                    lines.append(f"Comment: {answer.comment}")
            else:
                if r.value:
                    lines.append(f"Your answer: `{r.value}`.")
                if r.feedback:
                    lines.append(r.feedback)
                if r.hint and r.status != "correct" and r.hint not in r.feedback:
                    lines.append(f"Hint: {r.hint}")
            lines.append("")
        if record.notes:
            lines += ["### About this notebook", ""]
            lines += [f"- {note}" for note in record.notes]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def summary(rows: list[Row], records: list[SubmissionRecord], answers: list[OpenAnswer],
            max_points: dict[str, float], warnings: list[str], changed: list[str]) -> str:
    """The instructor's overview of the run."""
    lines = ["# Grading summary", ""]
    graded = [r for r in records if r.status == "graded"]
    lines.append(f"{len(graded)} notebook(s) graded for "
                 f"{len({r.learner for r in records if r.learner})} learner(s); "
                 f"{len(records) - len(graded)} submission(s) not graded.")
    lines.append("")
    if changed:
        lines += ["## Warning: submitted files changed during grading", ""]
        lines += [f"- `{c}`" for c in changed]
        lines.append("")
    lines += ["## Maximum points per set", "", "| set | maximum |", "|---|---|"]
    lines += [f"| {lesson} | {number_text(most)} |" for lesson, most in sorted(max_points.items())]
    lines += ["", "## Results per exercise", "",
              "| exercise | correct | mistake | wrong | unanswered | error | common mistake |",
              "|---|---|---|---|---|---|---|"]
    exercises: dict[str, list[Row]] = {}
    for r in rows:
        if r.exercise and not r.exercise.split(".", 1)[-1].startswith("question_"):
            exercises.setdefault(r.exercise, []).append(r)
    for ex_id in sorted(exercises):
        group = exercises[ex_id]
        counts = [sum(1 for r in group if r.status == s)
                  for s in ("correct", "mistake", "wrong", "unanswered", "error")]
        named: dict[str, int] = {}
        for r in group:
            if r.mistake:
                named[r.mistake] = named.get(r.mistake, 0) + 1
        common = max(named.items(), key=lambda kv: kv[1]) if named else None
        lines.append(f"| {ex_id} | " + " | ".join(str(c) for c in counts)
                     + f" | {f'{common[0]} ({common[1]})' if common else ''} |")
    to_mark = sum(1 for a in answers if a.points is None and a.answer)
    lines += ["", "## Open questions", "",
              f"{sum(1 for a in answers if a.points is not None)} answer(s) marked, {to_mark} "
              "to mark: fill in the `points` (and `comment`) columns of `open_questions.csv` "
              "and run the same command again.", ""]
    attention = [r for r in records if r.status != "graded" or r.notes]
    if attention:
        lines += ["## Submissions that need attention", ""]
        for r in attention:
            what = r.reason if r.status != "graded" else "; ".join(r.notes)
            lines.append(f"- `{r.file}` ({r.learner or 'unknown learner'}): {what}")
        lines.append("")
    if warnings:
        lines += ["## Marks", ""] + [f"- {w}" for w in warnings] + [""]
    return "\n".join(lines).rstrip() + "\n"


def write_all(out: Path, rows: list[Row], records: list[SubmissionRecord],
              answers: list[OpenAnswer], max_points: dict[str, float], warnings: list[str],
              changed: list[str], id_column: str = "learner",
              unmatched: list[dict] | None = None) -> dict[str, Path]:
    """Write every output file; return their paths by name."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"long": out / "gradebook_long.csv", "wide": out / "gradebook_wide.csv",
             "submissions": out / "submissions.csv", "open": out / "open_questions.csv",
             "summary": out / "summary.md", "feedback": out / "feedback"}
    write_long(paths["long"], rows)
    learners = sorted({r.learner for r in records if r.learner}, key=str.lower)
    lessons = sorted({r.lesson for r in rows if r.exercise and r.lesson})
    write_wide(paths["wide"], rows, learners, lessons, id_column)
    write_submissions(paths["submissions"], records)
    write_open(paths["open"], answers)
    if unmatched:
        columns = list(dict.fromkeys(k for row in unmatched for k in row))
        _write_csv(out / "open_questions_unmatched.csv", columns,
                   [[row.get(c, "") for c in columns] for row in unmatched])
    paths["feedback"].mkdir(exist_ok=True)
    used: set[str] = set()
    for learner in learners:
        mine = [r for r in records if r.learner == learner]
        text = feedback_report(learner, [r for r in rows if r.learner == learner],
                               [a for a in answers if a.learner == learner], mine)
        name = safe_name(learner)
        if name.lower() in used:  # two ids that differ only in punctuation or case
            name += "-" + hashlib.sha256(learner.encode("utf-8")).hexdigest()[:6]
        used.add(name.lower())
        (paths["feedback"] / f"{name}.md").write_text(text, encoding="utf-8")
    paths["summary"].write_text(summary(rows, records, answers, max_points, warnings, changed),
                                encoding="utf-8")
    return paths


def as_dicts(rows) -> list[dict]:
    return [asdict(r) for r in rows]


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)
