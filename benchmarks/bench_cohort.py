"""Time the two data sources of prtlib.trial.cohort.

- ``synthetic_trial``: the uncached simulation (``prtlib.trial.cohort.simulation._simulate``), which an
  explorer may trigger for a new seed; the target is well under 0.3 s per call.
- ``public_trial``: reading the real data from a cache folder (no download). The folder is
  ``$PRTLIB_DATA_DIR`` if set, else ``../shared/data`` beside the repository; the public
  part is skipped when the file is in neither.

Run: ``python benchmarks/bench_cohort.py [repeats]``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prtlib.trial import cohort  # noqa: E402
from prtlib.trial.cohort import simulation  # noqa: E402


def timed(func, *args, **kwargs) -> float:
    start = time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - start


def report(label: str, seconds: list[float]) -> None:
    print(f"{label:<50} median {1000 * statistics.median(seconds):7.1f} ms   "
          f"max {1000 * max(seconds):7.1f} ms   (n = {len(seconds)})")


def main(repeats: int = 20) -> None:
    first = timed(simulation._simulate, 0)
    print(f"{'synthetic_trial, first call (imports, ledger)':<50} {1000 * first:7.1f} ms")
    report("synthetic_trial, uncached (new seeds)",
           [timed(simulation._simulate, seed) for seed in range(1, repeats + 1)])
    cohort.synthetic_trial(0)
    report("synthetic_trial, cached (copy)",
           [timed(cohort.synthetic_trial, 0) for _ in range(repeats)])

    folder = os.environ.get("PRTLIB_DATA_DIR") or str(ROOT.parent / "shared" / "data")
    if cohort.public_data_path(folder) is None:
        print(f"public_trial: skipped, no cached copy in {folder}")
        return
    report(f"public_trial, from the cache ({folder})",
           [timed(cohort.public_trial, cache_dir=folder) for _ in range(repeats)])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
