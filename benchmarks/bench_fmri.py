"""Timings of prtlib.stats.fmri for the explorers of lessons 07 and 08.

Run from the repository root::

    .venv/bin/python benchmarks/bench_fmri.py            # best of 5 runs per step
    .venv/bin/python benchmarks/bench_fmri.py --repeat 1

Each line gives the best wall-clock time over the repeats (the first call of
``plot_peaks`` is reported separately: it includes importing nilearn's plotting code).
An explorer redraws on every slider move, so steps should stay well under a second.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

import numpy as np


def best_of(repeat: int, func) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per step (best kept)")
    parser.add_argument("--voxels", type=int, default=10_000, help="voxels in the GLM fit")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)

    cmd = [sys.executable, "-c", "import time; t = time.perf_counter(); import prtlib.stats.fmri; "
           "print(time.perf_counter() - t)"]
    import_s = float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)

    from prtlib.course.figures.fmri import plot_peaks
    from prtlib.stats import fmri
    from prtlib.trial import scanning
    from prtlib.trial.published import fmri_peaks

    events = scanning.task_events(seed=0)
    design = scanning.design_matrix(events)
    betas = {"pain": 1.0, "pain_x_level": 0.3, "constant": 100.0}
    Y = fmri.simulate_voxel(design, betas, n_voxels=args.voxels, seed=1)
    fit = fmri.fit_glm(Y, design)
    brain = fmri.simulate_null_brain((64, 64), n_subjects=20, fwhm=3.0, seed=0)

    rows = [("import prtlib.stats.fmri (fresh interpreter)", import_s)]
    rows.append(("task_events (20 trials)", best_of(repeat, lambda: scanning.task_events(seed=0))))
    rows.append((f"design_matrix ({design.shape[0]} scans x {design.shape[1]} columns)",
                 best_of(repeat, lambda: scanning.design_matrix(events))))
    rows.append((f"simulate_voxel ({args.voxels:,} voxels, white noise)",
                 best_of(repeat, lambda: fmri.simulate_voxel(design, betas,
                                                             n_voxels=args.voxels))))
    rows.append((f"simulate_voxel ({args.voxels:,} voxels, AR(1) noise)",
                 best_of(repeat, lambda: fmri.simulate_voxel(design, betas, ar1=0.4,
                                                             n_voxels=args.voxels))))
    rows.append((f"fit_glm ({args.voxels:,} voxels)",
                 best_of(repeat, lambda: fmri.fit_glm(Y, design))))
    rows.append((f"contrast ({args.voxels:,} voxels)",
                 best_of(repeat, lambda: fit.contrast("pain"))))
    rows.append(("simulate_null_brain (64 x 64, 20 subjects, FWHM 3)",
                 best_of(repeat, lambda: fmri.simulate_null_brain((64, 64), 20, 3.0))))
    rows.append(("fdr_bh (4,096 p-values)", best_of(repeat, lambda: fmri.fdr_bh(brain.p))))
    rows.append(("fwe_permutation (64 x 64, 1,000 sign flips)",
                 best_of(repeat, lambda: fmri.fwe_permutation(brain.data, 0.05, 1000))))
    rows.append(("circular_analysis (200 studies x 1,000 voxels)",
                 best_of(repeat, lambda: fmri.circular_analysis(n_studies=200))))
    rows.append(("simulate_connectivity_study (50 per group)",
                 best_of(repeat, lambda: fmri.simulate_connectivity_study(50, 0.2))))

    peaks = fmri_peaks()
    start = time.perf_counter()
    plot_peaks(peaks)
    rows.append(("plot_peaks, first call (imports nilearn.plotting)",
                 time.perf_counter() - start))
    rows.append(("plot_peaks (7 localizer peaks)",
                 best_of(repeat, lambda: plot_peaks(peaks))))
    rows.append(("plot_peaks + render to PNG",
                 best_of(repeat, lambda: plot_peaks(peaks).canvas.print_png(
                     _Sink()))))

    width = max(len(name) for name, _ in rows)
    print(f"prtlib.stats.fmri timings, best of {repeat} (numpy {np.__version__})")
    for name, seconds in rows:
        print(f"  {name:<{width}}  {seconds * 1000:9.1f} ms")


class _Sink:
    """A file-like object that discards what is written (to time rendering only)."""

    def write(self, data) -> int:
        return len(data)


if __name__ == "__main__":
    main()
