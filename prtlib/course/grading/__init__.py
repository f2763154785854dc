"""Grade a class's exercise notebooks into a gradebook.

Command line (from the repository root, where ``solutions/`` holds the masters)::

    python -m prtlib.course.grading SUBMISSIONS --out DIR [--timeout SECONDS] [--jobs N]

``SUBMISSIONS`` holds one folder per learner, or files named after the learner
(``ada_03_effect_sizes.ipynb``, ``03_effect_sizes-ada.ipynb``); see
:mod:`prtlib.course.grading.submissions` for the exact rule. Each notebook is executed on a copy, in
a new temporary folder and a new kernel, with a time limit per notebook (``--timeout``,
default 300 s) and per cell (``--cell-timeout``, default 120 s), its printed output capped,
and Python's network connections switched off. Then each exercise is decided **in the
grader's process**, by the grader's own copy of the check, from the value the learner's
code left under the name the master's ``check("NN.name", name)`` call uses (or, when that
name holds nothing, from the learner's own ``check`` argument). What the notebook printed or
stored is never read, so a redefined ``check``, an edited output or a printed "Correct"
change nothing.

Points: a checked exercise answered correctly earns 1 point (``EXERCISE_POINTS``; an
``Exercise`` may set its own ``points``); a named mistake, a wrong answer, no answer or an
error earn 0. A prediction (``kind="prediction"``) earns its point for being made. An open
question is worth ``OPEN_QUESTION_POINTS`` (2) unless its rubric says ``Points: N``; the
instructor enters its points in ``open_questions.csv``, and the next run merges them in.

The outputs are described in :mod:`prtlib.course.grading.gradebook`. Results of each execution are
kept in ``DIR/.cache`` under the submitted file's checksum, so running the command again
(to merge marks) re-executes only notebooks that changed; ``--fresh`` runs everything again.

Grading runs the learners' code: run it in a container without network (see the instructor
guide), never on a machine with credentials or data you care about.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from prtlib.course.grading.execute import Limits, RunResult, run_notebook
from prtlib.course.grading.gradebook import (
    OpenAnswer,
    Row,
    SubmissionRecord,
    merge_marks,
    read_marks,
    write_all,
)
from prtlib.course.grading.judge import Verdict, describe_value, expected_text, judge_value, rebuild
from prtlib.course.grading.masters import (
    EXERCISE_POINTS,
    OPEN_QUESTION_POINTS,
    ExerciseSet,
    load_sets,
    with_titles,
)
from prtlib.course.grading.submissions import (
    Identified,
    Submission,
    discover,
    identify,
    open_answers,
    read_notebook,
    sha256_of,
)

__all__ = ["EXERCISE_POINTS", "OPEN_QUESTION_POINTS", "GradingReport", "grade", "main"]

GRADER_VERSION = "1"
"""Changes whenever what the kernel reports changes, so that cached runs are not reused."""


@dataclass
class GradingReport:
    """What a run produced: the gradebook rows and where the files are."""

    rows: list[Row]
    records: list[SubmissionRecord]
    answers: list[OpenAnswer]
    paths: dict[str, Path]
    changed_originals: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    executed: int = 0


def default_jobs() -> int:
    """As many notebooks at once as this process may use cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _checksums(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(folder).as_posix()] = sha256_of(path)
    return out


def _validate(submissions, out, timeout, cell_timeout, jobs) -> tuple[Path, Path]:
    if not isinstance(submissions, str | os.PathLike) or not Path(submissions).is_dir():
        raise ValueError(f"submissions must be an existing folder of submitted notebooks; "
                         f"got {submissions!r}.")
    if not isinstance(out, str | os.PathLike):
        raise ValueError(f"out must be a folder path for the gradebook; got {out!r}.")
    sub_dir, out_dir = Path(submissions).resolve(), Path(out).resolve()
    if out_dir == sub_dir or sub_dir in out_dir.parents:
        raise ValueError(f"out must be outside the submissions folder (else the next run "
                         f"would grade the gradebook); got {out!r} inside {submissions!r}.")
    for name, value in (("timeout", timeout), ("cell_timeout", cell_timeout)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise ValueError(f"{name} must be a number of seconds greater than 0; got {value!r}.")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of notebooks at once, at least 1; "
                         f"got {jobs!r}.")
    return sub_dir, out_dir


class _Progress:
    """One line on stderr: rewritten in place on a terminal, one line per notebook otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.problems = total, 0, 0
        self.enabled = enabled and total > 0
        self.start = time.monotonic()
        self.tty = sys.stderr.isatty()

    def step(self, label: str, trouble: bool) -> None:
        self.done += 1
        self.problems += int(trouble)
        if not self.enabled:
            return
        width = 24
        filled = int(width * self.done / self.total)
        line = (f"grading [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                f"notebooks, {self.problems} with problems, "
                f"{time.monotonic() - self.start:.0f} s")
        if self.tty:
            print(f"\r{line}", end="", file=sys.stderr, flush=True)
        else:
            print(f"{line}  ({label})", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.tty:
            print(file=sys.stderr, flush=True)


@dataclass
class _Job:
    sub: Submission
    nb: object
    chosen: ExerciseSet
    found: Identified
    expressions: list[str]
    cache: Path
    run: RunResult | None = None


def _cache_key(sub: Submission, chosen: ExerciseSet, expressions: list[str],
               limits: Limits) -> str:
    text = "\n".join([GRADER_VERSION, sub.sha256, chosen.fingerprint, limits.key(),
                      *expressions])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


async def _run_all(jobs: list[_Job], limits: Limits, parallel: int, progress: _Progress):
    gate = asyncio.Semaphore(parallel)

    async def one(job: _Job) -> None:
        async with gate:
            job.run = await run_notebook(job.nb, job.expressions, limits,
                                         filename=job.sub.path.name)
        try:
            job.cache.parent.mkdir(parents=True, exist_ok=True)
            job.cache.write_text(json.dumps(job.run.to_dict()), encoding="utf-8")
        except OSError:
            pass
        trouble = bool(job.run.problem) or any(c.status != "ok" for c in job.run.cells)
        progress.step(job.sub.relpath, trouble)

    await asyncio.gather(*(one(job) for job in jobs))


def _run_sync(coro) -> None:
    """Run the kernels' event loop, also when called from a notebook (whose loop runs)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coro)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coro).result()


def _first(cells, statuses, up_to=None):
    for cell in cells:
        if up_to is not None and cell.index > up_to:
            break
        if cell.status in statuses:
            return cell
    return None


def decide(exercise, run: RunResult, found: Identified) -> Verdict:
    """The verdict on one checked exercise from what the kernel reported."""
    expected = expected_text(exercise.id)
    if run.problem and not run.values:
        return Verdict("error", expected=expected,
                       feedback=f"Your notebook could not be graded: {run.problem}.")
    learner_expr = found.learner_checks.get(exercise.id)
    candidates = [(exercise.expression, run.values.get(exercise.expression))]
    if learner_expr and learner_expr != exercise.expression:
        candidates.append((learner_expr, run.values.get(learner_expr)))
    cell_index = found.check_cells.get(exercise.id)
    own = next((c for c in run.cells if c.index == cell_index), None)
    for expr, reported in candidates:
        if not isinstance(reported, dict) or not reported.get("ok"):
            continue
        desc = reported.get("value")
        if not isinstance(desc, dict) or desc.get("kind") in ("ellipsis", "none"):
            continue
        try:
            answer = rebuild(desc)
        except (ValueError, TypeError) as exc:
            return Verdict("error", expected=expected,
                           feedback=f"The grader could not read your value: {exc}")
        verdict = judge_value(exercise.id, answer, exercise.points)
        verdict.value = describe_value(desc)
        if expr != exercise.expression:
            verdict.feedback += (f" (Graded from your check's argument `{expr}`: "
                                 f"`{exercise.expression}` held no answer.)")
        if own is not None and own.status != "ok":
            verdict.feedback += f" Note: this exercise's cell also {own.error}."
        return verdict
    master = candidates[0][1] if isinstance(candidates[0][1], dict) else {}
    undefined = not master.get("ok") and master.get("error") == "NameError"
    if own is not None and own.status != "ok":
        return Verdict("error", expected=expected,
                       feedback=f"No answer was read: this exercise's cell {own.error}.")
    if undefined:
        earlier = _first(run.cells, ("error", "timeout", "skipped"), cell_index)
        if earlier is not None:
            return Verdict("error", expected=expected,
                           feedback=f"`{exercise.expression}` was never set: code cell "
                                    f"{earlier.number} {earlier.error}.")
        if exercise.id not in found.check_cells:
            return Verdict("unanswered", expected=expected,
                           feedback="This exercise is not in your notebook (an older version "
                                    "of the exercise set, or a deleted cell).")
        return Verdict("unanswered", expected=expected,
                       feedback=f"`{exercise.expression}` is not defined in your notebook.")
    if master and not master.get("ok"):
        return Verdict("error", expected=expected,
                       feedback=f"Reading `{exercise.expression}` failed: "
                                f"{master.get('error')}: {master.get('message', '')}")
    verdict = judge_value(exercise.id, Ellipsis, exercise.points)
    return verdict


def _notes(run: RunResult, limits: Limits) -> list[str]:
    notes = []
    for cell in run.cells:
        if cell.status in ("error", "timeout") and not cell.error.startswith("ended the kernel"):
            notes.append(f"code cell {cell.number} {cell.error}")
    skipped = [c.number for c in run.cells if c.status == "skipped"]
    if skipped:
        notes.append(f"code cells {', '.join(map(str, skipped))} were not run: the notebook's "
                     f"{limits.timeout:g} s were used up")
    printed = sum(run.printed.values())
    if printed > limits.max_output or run.received_bytes > limits.max_output:
        notes.append(f"the notebook printed {max(printed, run.received_bytes) / 1e6:.1f} MB; "
                     f"only the first {limits.max_output / 1e6:g} MB per stream was let through")
    if run.files_written or run.files_deleted:
        parts = []
        if run.files_written:
            parts.append("wrote " + ", ".join(run.files_written[:5]))
        if run.files_deleted:
            parts.append("deleted " + ", ".join(run.files_deleted[:5]))
        notes.append(f"the notebook {' and '.join(parts)} in its working copy; the submitted "
                     "file was not touched")
    if run.problem:
        notes.append(run.problem)
    return notes


def grade(submissions, out, *, timeout: float = 300, cell_timeout: float | None = None,
          jobs: int | None = None, root=None, marks=None, fresh: bool = False,
          allow_network: bool = False, id_column: str = "learner",
          max_output: int = 1_000_000, progress: bool = True) -> GradingReport:
    """Grade every notebook in ``submissions`` and write the gradebook into ``out``.

    Parameters
    ----------
    submissions : path
        The folder of submissions (see :mod:`prtlib.course.grading.submissions`). Never modified.
    out : path
        Where the gradebook goes; created if needed; must be outside ``submissions``.
    timeout : float
        Seconds for all of a notebook's cells together.
    cell_timeout : float, optional
        Seconds for one cell (default: 120, or ``timeout`` if smaller).
    jobs : int, optional
        Notebooks run at once, one kernel each (default: the number of cores).
    root : path, optional
        The course repository whose ``solutions/`` holds the masters (default: this one).
    marks : path, optional
        An ``open_questions.csv`` with the instructor's points (default: the one in ``out``).
    fresh : bool
        Execute every notebook again instead of reusing ``out/.cache``.
    allow_network : bool
        Leave Python's network connections on in the kernels.
    id_column : str
        Header of the learner column in ``gradebook_wide.csv`` (what your LMS matches on).
    max_output : int
        Bytes each of stdout and stderr may print per notebook; the rest is dropped.
    """
    started = time.monotonic()
    cell_timeout = min(120, timeout) if cell_timeout is None else cell_timeout
    jobs = default_jobs() if jobs is None else jobs
    sub_dir, out_dir = _validate(submissions, out, timeout, cell_timeout, jobs)
    if isinstance(max_output, bool) or not isinstance(max_output, int) or max_output < 1000:
        raise ValueError(f"max_output must be a whole number of bytes, at least 1000; "
                         f"got {max_output!r}.")
    if not isinstance(id_column, str) or not id_column.strip():
        raise ValueError(f"id_column must be a non-empty column name; got {id_column!r}.")
    from prtlib.course.authoring import repo_root

    root = Path(root) if root is not None else repo_root()
    sets = load_sets(root)
    if not sets:
        raise ValueError(f"root must be a course repository with masters in solutions/; "
                         f"found none under {root}.")
    limits = Limits(float(timeout), float(cell_timeout), max_output, allow_network)
    before = _checksums(sub_dir)
    names = [s.name for s in sets.values()]
    found_subs = discover(sub_dir, names)

    titled: dict[str, ExerciseSet] = {}
    records: list[SubmissionRecord] = []
    rows: list[Row] = []
    todo: list[_Job] = []
    cache_dir = out_dir / ".cache"
    for sub in found_subs:
        named_set = sets[sub.name_lesson].name if sub.name_lesson in sets else ""
        if sub.problem:
            records.append(SubmissionRecord(sub.learner, sub.relpath, named_set,
                                            "not graded", sub.problem, sha256=sub.sha256))
            continue
        try:
            nb = read_notebook(sub.path)
        except (ValueError, OSError) as exc:
            records.append(SubmissionRecord(sub.learner, sub.relpath, named_set,
                                            "not graded", str(exc), sha256=sub.sha256))
            continue
        found = identify(nb, sets, sub.name_lesson)
        if not found.lesson:
            records.append(SubmissionRecord(
                sub.learner, sub.relpath, "", "not graded",
                "cannot tell which exercise set this is: no check(...) call of any set, no "
                "record of its master, no 'Exercises NN' title and no set in its file name",
                sha256=sub.sha256))
            continue
        if found.lesson not in titled:
            titled[found.lesson] = with_titles(sets[found.lesson])
        chosen = titled[found.lesson]
        expressions = list(dict.fromkeys(
            [e.expression for e in chosen.exercises]
            + [found.learner_checks[e.id] for e in chosen.exercises
               if e.id in found.learner_checks]))
        cache = cache_dir / f"{_cache_key(sub, chosen, expressions, limits)}.json"
        job = _Job(sub, nb, chosen, found, expressions, cache)
        if not fresh and cache.is_file():
            try:
                job.run = RunResult.from_dict(json.loads(cache.read_text(encoding="utf-8")))
            except (ValueError, KeyError, TypeError):
                job.run = None
        todo.append(job)

    pending = [job for job in todo if job.run is None]
    bar = _Progress(len(pending), progress)
    if pending:
        _run_sync(_run_all(pending, limits, jobs, bar))
    bar.close()

    answers: list[OpenAnswer] = []
    for job in todo:
        sub, chosen, found, run = job.sub, job.chosen, job.found, job.run
        record = SubmissionRecord(sub.learner, sub.relpath, chosen.name, "graded",
                                  notes=[*found.notes, *_notes(run, limits)],
                                  seconds=run.seconds, sha256=sub.sha256)
        if found.how != "its check(...) calls":
            record.notes.insert(0, f"exercise set recognised from {found.how}")
        records.append(record)
        for exercise in chosen.exercises:
            verdict = decide(exercise, run, found)
            rows.append(Row(sub.learner, chosen.name, exercise.id, exercise.title,
                            verdict.status, verdict.points, exercise.points, verdict.value,
                            verdict.expected, verdict.mistake, verdict.feedback, sub.relpath,
                            verdict.hint))
        texts = open_answers(job.nb, chosen)
        for question in chosen.questions:
            answers.append(OpenAnswer(sub.learner, chosen.name, question.id, question.title,
                                      texts.get(question.id, ""), question.model_answer,
                                      question.rubric, question.points, file=sub.relpath))

    warnings: list[str] = []
    unmatched: list[dict] = []
    marks_path = Path(marks) if marks is not None else out_dir / "open_questions.csv"
    if marks is not None and not marks_path.is_file():
        raise ValueError(f"marks must be an existing open_questions.csv; got {marks!r}.")
    if marks_path.is_file():
        warnings, unmatched = merge_marks(answers, read_marks(marks_path))
    for answer in answers:
        if answer.points is not None:
            status, points = "marked", answer.points
        elif not answer.answer:
            status, points = "unanswered", 0.0
        else:
            status, points = "to_mark", ""
        feedback = "No answer was written." if status == "unanswered" else answer.comment
        rows.append(Row(answer.learner, answer.lesson, answer.question, answer.title, status,
                        points, answer.max_points, "", "", "", feedback, answer.file))
    for record in records:
        if record.status != "graded":
            rows.append(Row(record.learner, record.lesson, "", "", "error", "", "",
                            feedback=record.reason, file=record.file))
    position = {id(r): i for i, r in enumerate(rows)}
    rows.sort(key=lambda r: (r.learner.lower(), r.file, position[id(r)]))
    records.sort(key=lambda r: (r.learner.lower(), r.file))

    after = _checksums(sub_dir)
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    max_points = {s.name: s.max_points for s in titled.values()}
    paths = write_all(out_dir, rows, records, answers, max_points, warnings, changed,
                      id_column, unmatched)
    return GradingReport(rows, records, answers, paths, changed, warnings,
                         round(time.monotonic() - started, 1), len(pending))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m prtlib.course.grading",
        description="Grade a folder of submitted exercise notebooks into a gradebook. "
                    "This runs the learners' code: use a container without network.",
        epilog="Outputs in DIR: gradebook_long.csv, gradebook_wide.csv, submissions.csv, "
               "open_questions.csv (fill in points, then run again to merge them), "
               "feedback/LEARNER.md, summary.md.")
    parser.add_argument("submissions", type=Path,
                        help="folder with one subfolder per learner, or files named "
                             "ID_NN_topic.ipynb / NN_topic-ID.ipynb")
    parser.add_argument("--out", type=Path, required=True, help="folder for the gradebook")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds for all of a notebook's cells (default 300)")
    parser.add_argument("--cell-timeout", type=float, default=None,
                        help="seconds for one cell (default 120, or --timeout if smaller)")
    parser.add_argument("--jobs", type=int, default=None,
                        help=f"notebooks at once, one kernel each (default {default_jobs()}, "
                             "the number of cores)")
    parser.add_argument("--marks", type=Path, default=None,
                        help="open_questions.csv with your points (default: the one in --out)")
    parser.add_argument("--id-column", default="learner",
                        help="header of the learner column in gradebook_wide.csv")
    parser.add_argument("--root", type=Path, default=None,
                        help="course repository holding solutions/ (default: this one)")
    parser.add_argument("--fresh", action="store_true",
                        help="execute every notebook again instead of reusing DIR/.cache")
    parser.add_argument("--allow-network", action="store_true",
                        help="leave Python's network connections on in the kernels")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    args = parser.parse_args(argv)
    try:
        report = grade(args.submissions, args.out, timeout=args.timeout,
                       cell_timeout=args.cell_timeout, jobs=args.jobs, root=args.root,
                       marks=args.marks, fresh=args.fresh, allow_network=args.allow_network,
                       id_column=args.id_column, progress=not args.quiet)
    except ValueError as exc:
        parser.error(str(exc))
    graded = sum(1 for r in report.records if r.status == "graded")
    skipped = len(report.records) - graded
    print(f"graded {graded} notebook(s) ({report.executed} executed, the rest from the cache) "
          f"in {report.seconds:.0f} s; {skipped} submission(s) not graded")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for name in ("wide", "long", "submissions", "open", "summary", "feedback"):
        print(f"wrote {report.paths[name]}")
    if report.changed_originals:
        print("ERROR: these submitted files changed while grading (a notebook reached outside "
              "its copy; grade in a container with the submissions mounted read-only): "
              + ", ".join(report.changed_originals), file=sys.stderr)
        return 1
    return 0
