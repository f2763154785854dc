"""Explorer latency on the Python side: from a control's new value to the finished figure.

For every explorer of every lesson, moves each control through several values and times
each move (compute + redraw + PNG render + readout), then compares the median with building
the explorer's figure from scratch at the same values. It also times rendering the finished
figure to PNG alone ("render"): what is left of a move ("own") is the explorer's own work.
A reference figure (four empty panels with titles and axis labels) gives the machine's
floor for any matplotlib figure. Prints a table; asserts nothing.

Run: .venv/bin/python benchmarks/bench_explorers.py [--moves N]
"""

import argparse
import itertools
import statistics
import time

from prtlib.explorers import all_explorers, sweep_values
from prtlib.plotting import freeze_layout, new_figure, render_png

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
    renders = []
    for _ in range(rebuilds):
        t0 = time.perf_counter()
        render_png(explorer.figure)
        renders.append((time.perf_counter() - t0) * 1000)
    return times, scratch, renders


def reference_render_ms(repeats: int = 9) -> float:
    """Median ms to render a plain four-panel figure: this machine's matplotlib floor."""
    fig, axes = new_figure(8, 4.8, nrows=2, ncols=2)
    for i, ax in enumerate(axes.flat):
        ax.plot([0, 1, 2], [0, 1, 0])
        ax.set_title(f"Panel {i + 1}")
        ax.set_xlabel("x (units)")
        ax.set_ylabel("y (units)")
    freeze_layout(fig)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        render_png(fig)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40, help="control moves per explorer")
    parser.add_argument("--rebuilds", type=int, default=5, help="from-scratch builds")
    args = parser.parse_args()

    print(f"{'explorer':45s} {'moves':>5s} {'median ms':>10s} {'p95 ms':>8s} "
          f"{'render ms':>9s} {'own ms':>7s} {'scratch ms':>10s} {'ratio':>6s}  target")
    misses = []
    for name, cls in all_explorers().items():
        times, scratch, renders = measure(cls, args.moves, args.rebuilds)
        render = statistics.median(renders)
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
        scratch_median = statistics.median(scratch)
        ok = median < TARGET_MS
        if not ok:
            misses.append(name)
        print(f"{name:45s} {len(times):5d} {median:10.1f} {p95:8.1f} {render:9.1f} "
              f"{median - render:7.1f} {scratch_median:10.1f} "
              f"{median / scratch_median:6.2f}  {'ok' if ok else 'MISS'}")
    print(f"\ntarget: median under {TARGET_MS:.0f} ms per move; "
          f"ratio = median move / median build from scratch")
    print(f"this machine's floor: a plain four-panel reference figure renders in "
          f"{reference_render_ms():.1f} ms")
    print("all explorers meet the target" if not misses else f"missing the target: {misses}")


if __name__ == "__main__":
    main()
