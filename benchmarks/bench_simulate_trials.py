"""How fast is prtlib.stats.simulation.simulate_trials, compared with drawing its random numbers?

Run from the repository root:

    python benchmarks/bench_simulate_trials.py

It times 10,000 simulated three-arm trials with 50 participants per arm (the trial's
design, two comparisons against arm 0) and, next to it, the time numpy needs just to
draw the same random numbers that simulate_trials draws: one standard normal and one
chi-square variate per arm and trial (the sample mean and the sample variance; see the
Notes of simulate_trials). The ratio says how much the test statistics, p-values and
bookkeeping cost on top of the random draws. For scale, the last row times drawing the
raw data instead (150 normal values per trial), which the sufficient-statistic method
avoids. Each figure is the median over several repeats of timeit, in milliseconds.
Nothing is asserted: the figures depend on the machine.
"""

import importlib
import statistics
import sys
import timeit
from pathlib import Path

import numpy as np

try:
    simulation = importlib.import_module("prtlib.stats.simulation")
except ModuleNotFoundError:  # run from a checkout without installing prtlib
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    simulation = importlib.import_module("prtlib.stats.simulation")

N_PER_ARM = (50, 50, 50)
N_TRIALS = 10_000
SEED = 0
REPEATS = 7


def run_simulation():
    return simulation.simulate_trials(n_per_arm=N_PER_ARM, n_trials=N_TRIALS, seed=SEED)


def run_holm():
    return simulation.simulate_trials(n_per_arm=N_PER_ARM, n_trials=N_TRIALS, seed=SEED,
                                      correction="holm")


def draw_same_numbers():
    # exactly the draws simulate_trials makes, in the same order
    rng = np.random.default_rng(SEED)
    k = len(N_PER_ARM)
    rng.standard_normal((N_TRIALS, k))
    rng.chisquare(np.asarray(N_PER_ARM) - 1, size=(N_TRIALS, k))


def draw_raw_data():
    rng = np.random.default_rng(SEED)
    rng.standard_normal((N_TRIALS, sum(N_PER_ARM)))


def median_ms(func) -> float:
    func()  # warm up (imports, caches)
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    times = timer.repeat(repeat=REPEATS, number=number)
    return 1e3 * statistics.median(t / number for t in times)


def main() -> None:
    sim = median_ms(run_simulation)
    holm = median_ms(run_holm)
    draws = median_ms(draw_same_numbers)
    raw = median_ms(draw_raw_data)
    print(f"simulate_trials: {N_TRIALS:,} trials, n per arm {N_PER_ARM}, "
          f"median of {REPEATS} repeats")
    print(f"{'what':<52} {'ms':>8} {'ratio':>7}")
    rows = [
        ("simulate_trials (no correction)", sim),
        ("simulate_trials (Holm correction)", holm),
        ("numpy: the same draws (2 x 3 per trial)", draws),
        ("numpy: raw data instead (150 normals per trial)", raw),
    ]
    for label, ms in rows:
        print(f"{label:<52} {ms:8.2f} {ms / draws:7.1f}")
    print("ratio = time / time of the same draws")


if __name__ == "__main__":
    main()
