"""How long `import prtlib` takes in a fresh interpreter (target: under 0.5 s).

Heavy libraries (scipy, pandas, matplotlib, nilearn, statsmodels) are imported by the
modules that use them, so importing the package itself should cost almost nothing. Prints
the median over several fresh processes, and the same for a few submodules for context.

Run: .venv/bin/python benchmarks/bench_import.py
"""

import statistics
import subprocess
import sys

TARGET_S = 0.5
REPEATS = 7
STATEMENTS = [
    "import prtlib",
    "import prtlib.trial.published",
    "import prtlib.stats.effect_sizes",
    "import prtlib.trial.cohort",
    "import prtlib.stats.fmri",
    "import prtlib.course.explorers.lesson00",
]
TIMER = ("import time; t = time.perf_counter(); {stmt}; "
         "print(time.perf_counter() - t)")


def time_statement(stmt: str) -> float:
    runs = []
    for _ in range(REPEATS):
        out = subprocess.run([sys.executable, "-c", TIMER.format(stmt=stmt)],
                             capture_output=True, text=True, check=True)
        runs.append(float(out.stdout.strip()))
    return statistics.median(runs)


def main():
    print(f"{'statement':40s} {'median s':>9s}")
    for stmt in STATEMENTS:
        seconds = time_statement(stmt)
        flag = ""
        if stmt == "import prtlib":
            flag = "  ok" if seconds < TARGET_S else "  MISS"
        print(f"{stmt:40s} {seconds:9.3f}{flag}")
    print(f"\ntarget: `import prtlib` under {TARGET_S} s (median of {REPEATS} fresh processes)")


if __name__ == "__main__":
    main()
