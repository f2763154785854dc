"""Grading speed: a class of 30 learners handing in one exercise set.

Builds 30 submissions of lesson 03's exercise set from its master (a third fully solved,
a third untouched, a third with the first two exercises solved), grades them with
``prtlib.course.grading`` (every notebook executed, one kernel per core) and prints the total time
and the time per notebook. Target: a class of 30 in under 3 minutes on 2 cores.

Run: .venv/bin/python benchmarks/bench_grading.py [--jobs N] [--lesson 03]
"""

import argparse
import re
import tempfile
import time
from pathlib import Path

import nbformat

from prtlib.course import authoring
from prtlib.course.grading import default_jobs, grade

ROOT = Path(__file__).resolve().parents[1]
LEARNERS = 30


def _check_id(source: str) -> str | None:
    match = re.search(r"""check\(\s*["'](\d\d\.\w+)["']""", source)
    return match.group(1) if match else None


def build_class(folder: Path, lesson: str) -> int:
    master_path = next((ROOT / "solutions").glob(f"{lesson}_*.ipynb"))
    master = nbformat.read(master_path, as_version=4)
    exercise = authoring.generate_exercise(master, f"solutions/{master_path.name}")
    solved = {_check_id(c.source): c.source for c in master.cells
              if c.cell_type == "code" and _check_id(c.source)}
    for k in range(LEARNERS):
        if k % 3 == 0:
            nb = master
        else:
            nb = nbformat.from_dict(exercise)
            if k % 3 == 2:
                done = 0
                for cell in nb.cells:
                    ex_id = _check_id(cell.source) if cell.cell_type == "code" else None
                    if ex_id and done < 2:
                        cell.source, done = solved[ex_id], done + 1
        target = folder / f"learner{k:02d}" / master_path.name
        target.parent.mkdir(parents=True)
        nbformat.write(nb, target)
    return LEARNERS


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--lesson", default="03")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        subs, out = Path(tmp) / "submissions", Path(tmp) / "grades"
        n = build_class(subs, args.lesson)
        start = time.perf_counter()
        report = grade(subs, out, jobs=args.jobs, fresh=True, progress=False)
        seconds = time.perf_counter() - start
    graded = sum(1 for r in report.records if r.status == "graded")
    executed = [r.seconds for r in report.records if r.status == "graded"]
    print(f"exercise set {args.lesson}: {n} learners, {graded} notebooks graded, "
          f"{args.jobs} at once")
    print(f"total {seconds:.1f} s (target: under 180 s); {seconds / n:.2f} s per notebook "
          f"of wall time; each notebook's own run (kernel start to values read) took "
          f"{min(executed):.1f}-{max(executed):.1f} s")


if __name__ == "__main__":
    main()
