"""Explorer latency on the Python side: from a control's new value to the finished figure.

For every explorer of every lesson, moves each control through several values and times
each move (compute + redraw + PNG render + readout), then compares the median with building
the explorer's figure from scratch at the same values. Prints a table; asserts nothing.

Run: .venv/bin/python benchmarks/bench_explorers.py [--moves N]
"""

import argparse
import itertools
import statistics
import time

from prtlib.explorers import all_explorers, sweep_values

TARGET_MS = 100.0


def measure(cls, moves: int, rebuilds: int):
    explorer = cls()
    plan = [(name, value) for name, control in explorer.controls.items()
            for value in sweep_values(control, n=4)]
    # Return each control to its start after the sweep, so moves alternate back and forth.
    start = explorer.values()
    plan += [(name, start[name]) for name in explorer.controls]
    times = []
    for name, value in itertools.islice(itertools.cycle(plan), moves):
        control = explorer.controls[name]
        if control.value == value:
            continue
        t0 = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - t0) * 1000)
    scratch = []
    for _ in range(rebuilds):
        values = explorer.values()
        t0 = time.perf_counter()
        cls(**values)
        scratch.append((time.perf_counter() - t0) * 1000)
    return times, scratch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40, help="control moves per explorer")
    parser.add_argument("--rebuilds", type=int, default=5, help="from-scratch builds")
    args = parser.parse_args()

    print(f"{'explorer':45s} {'moves':>5s} {'median ms':>10s} {'p95 ms':>8s} "
          f"{'scratch ms':>10s} {'ratio':>6s}  target")
    misses = []
    for name, cls in all_explorers().items():
        times, scratch = measure(cls, args.moves, args.rebuilds)
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
        scratch_median = statistics.median(scratch)
        ok = median < TARGET_MS
        if not ok:
            misses.append(name)
        print(f"{name:45s} {len(times):5d} {median:10.1f} {p95:8.1f} {scratch_median:10.1f} "
              f"{median / scratch_median:6.2f}  {'ok' if ok else 'MISS'}")
    print(f"\ntarget: median under {TARGET_MS:.0f} ms per move; "
          f"ratio = median move / median build from scratch")
    print("all explorers meet the target" if not misses else f"missing the target: {misses}")


if __name__ == "__main__":
    main()
