"""Explorer latency on the Python side: from a control's new value to the finished figure.

For every explorer of every lesson and every one of its controls, drags the control (a
slider) or goes through its options, back and forth. First "own", the explorer's work
outside drawing (``compute`` and ``describe``) for each value met for the first time (its
caches cold), whose target is 30 ms. Then each move (compute + redraw + PNG encoding +
readout) as the explorer does it: redrawing only its moving artists over the kept static
layer when it can, and only the axes whose limits or ticks changed. The same moves are then
timed on a second instance told to draw the whole figure every time (what every move cost
before), and the ratio says what was gained; both see the same (warm) caches, so the ratio
compares drawing alone. Prints a table; asserts nothing.

Run: .venv/bin/python benchmarks/bench_explorers.py [--rounds N] [--only lesson02 ...]
"""

import argparse
import statistics
import time

from prtlib.course.explorers import all_explorers, sweep_values

MEDIAN_TARGET_MS = 50.0
WORST_TARGET_MS = 100.0
OWN_TARGET_MS = 30.0


def plan_for(control, rounds: int) -> list:
    """Values to move through, ``rounds`` times. A slider is dragged: from where it is to
    the far end of its track and back, in 24 moves each way (a brisk drag reports about as
    many positions); other controls go through their options and back."""
    start = control.value
    if not hasattr(control, "max") or isinstance(start, bool):
        out = sweep_values(control, n=4)
        return ([*out, start, *out[::-1], start] if out else []) * rounds
    lo, hi = control.min, control.max
    far = hi if start - lo < hi - start else lo
    step = getattr(control, "step", None) or (hi - lo) / 100
    path = []
    for i in range(1, 25):
        raw = start + (far - start) * i / 24
        value = lo + round((raw - lo) / step) * step
        value = int(round(value)) if isinstance(start, int) else round(value, 10)
        if not path or value != path[-1]:
            path.append(value)
    return [*path, *path[-2::-1], start] * rounds


def time_moves(explorer, name, plan) -> list[float]:
    control = explorer.controls[name]
    times = []
    for value in plan:
        if control.value == value:
            continue
        t0 = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - t0) * 1000)
    return times


def time_own(explorer, name, plan) -> list[float]:
    values = explorer.values()
    times = []
    for value in dict.fromkeys(plan):  # each value once, the first time it is met
        values[name] = value
        t0 = time.perf_counter()
        explorer.describe(explorer.compute(**values))
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="sweeps out and back per control")
    parser.add_argument("--only", nargs="*", default=[], metavar="TEXT",
                        help="measure only explorers whose 'lessonNN.ClassName' contains one "
                             "of these texts (for example lesson02 ThreeArm)")
    args = parser.parse_args()

    print(f"{'explorer':42s} {'control':16s} {'moves':>5s} {'median':>7s} {'worst':>7s} "
          f"{'full med':>8s} {'full worst':>10s} {'ratio':>6s} {'own':>6s} {'own max':>6s}  target")
    misses = []
    rows = []
    for explorer_name, cls in all_explorers().items():
        if args.only and not any(text in explorer_name for text in args.only):
            continue
        fast = cls()
        full = cls()
        full.draw_whole = True
        for name, control in fast.controls.items():
            plan = plan_for(control, args.rounds)
            if not plan:
                continue
            own_times = time_own(fast, name, plan)
            own = statistics.median(own_times)
            times = time_moves(fast, name, plan)
            whole = time_moves(full, name, plan)
            median, worst = statistics.median(times), max(times)
            full_median = statistics.median(whole)
            ok = median <= MEDIAN_TARGET_MS and worst <= WORST_TARGET_MS and own <= OWN_TARGET_MS
            if not ok:
                misses.append(f"{explorer_name}.{name}")
            rows.append((median, worst, full_median))
            print(f"{explorer_name:42s} {name[:16]:16s} {len(times):5d} {median:7.1f} "
                  f"{worst:7.1f} {full_median:8.1f} {max(whole):10.1f} "
                  f"{full_median / median:6.1f} {own:6.1f} {max(own_times):6.1f}  "
                  f"{'ok' if ok else 'MISS'}",
                  flush=True)
    medians = [r[0] for r in rows]
    print(f"\ntargets: median ≤ {MEDIAN_TARGET_MS:.0f} ms and worst ≤ {WORST_TARGET_MS:.0f} ms "
          f"per move, own work ≤ {OWN_TARGET_MS:.0f} ms; ratio = full-redraw median / median")
    print(f"medians per control {min(medians):.0f}-{max(medians):.0f} ms "
          f"(full redraw {min(r[2] for r in rows):.0f}-{max(r[2] for r in rows):.0f} ms); "
          f"worst {max(r[1] for r in rows):.0f} ms; "
          f"{sum(m <= MEDIAN_TARGET_MS for m in medians)} of {len(rows)} controls' medians "
          f"within target")
    print("every control meets the targets" if not misses else f"missing a target: {misses}")


if __name__ == "__main__":
    main()
