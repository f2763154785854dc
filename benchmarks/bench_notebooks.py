"""Course execution time: how long each notebook takes to execute top to bottom.

Executes every notebook in course/, solutions/ and exercises/ in this environment's kernel
(without writing anything back) and prints the seconds each takes, and the total.

Run: .venv/bin/python benchmarks/bench_notebooks.py
"""

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def main():
    paths = sorted([*ROOT.glob("course/*.ipynb"), *ROOT.glob("solutions/*.ipynb"),
                    *ROOT.glob("exercises/*.ipynb")])
    total = 0.0
    print(f"{'notebook':50s} {'seconds':>8s}")
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        t0 = time.perf_counter()
        client.execute()
        seconds = time.perf_counter() - t0
        total += seconds
        print(f"{path.relative_to(ROOT).as_posix():50s} {seconds:8.1f}")
    print(f"{'total':50s} {total:8.1f}")


if __name__ == "__main__":
    main()
