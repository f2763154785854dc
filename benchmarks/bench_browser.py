"""Explorer latency in the browser: from a key press on a control to the new image.

Starts JupyterLab on a copy of the course (127.0.0.1, with a token), opens each lesson in
Debian's Chromium through Playwright, runs it, and presses keys on every explorer's first
control. Prints the median milliseconds per explorer; then the same presses with every
explorer told to draw its whole figure on each move (``Explorer.draw_whole``, set in the
kernel without touching the notebook), and the ratio of the two medians. Skips, saying
why, without Chromium.

Run: .venv/bin/python benchmarks/bench_browser.py [--presses N] [--lessons 02 07 ...]
"""

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from harness import (  # noqa: E402
    Lab,
    browser_unavailable_reason,
    chromium,
    first_control,
    lab_server,
    time_key_to_image,
)

from prtlib.course.catalogue import LESSONS  # noqa: E402

MEDIAN_TARGET_MS = 150.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=6, help="key presses per explorer")
    parser.add_argument("--lessons", nargs="*", default=[], metavar="NN",
                        help="measure only these lessons (for example 02 07)")
    args = parser.parse_args()
    reason = browser_unavailable_reason()
    if reason:
        print(f"skipped: {reason}")
        return
    print(f"{'lesson':7s} {'explorer':45s} {'presses':>7s} {'median ms':>10s} {'max ms':>8s} "
          f"{'full med':>9s} {'ratio':>6s}  target")
    misses = []
    with lab_server() as (base, token, _), chromium() as browser:
        for lesson in LESSONS:
            if not lesson.available() or (args.lessons and lesson.number not in args.lessons):
                continue
            lab = Lab(browser, base, token)
            lab.open(f"course/{lesson.filename}")
            lab.run_all()
            explorers = lab.explorers()
            for index in range(explorers.count()):
                explorer = explorers.nth(index)
                explorer.scroll_into_view_if_needed()
                title = explorer.locator(".widget-html-content").first.text_content().strip()
                control = first_control(explorer)
                times = [time_key_to_image(lab.page, explorer, control)[0]
                         for _ in range(args.presses)]
                set_draw_whole(lab, True)
                whole = [time_key_to_image(lab.page, explorer, control)[0]
                         for _ in range(args.presses)]
                set_draw_whole(lab, False)
                median, full_median = statistics.median(times), statistics.median(whole)
                ok = median <= MEDIAN_TARGET_MS
                if not ok:
                    misses.append(f"{lesson.number} {title[:40]}")
                print(f"{lesson.number:7s} {title[:45]:45s} {len(times):7d} "
                      f"{median:10.0f} {max(times):8.0f} {full_median:9.0f} "
                      f"{full_median / median:6.1f}  {'ok' if ok else 'MISS'}", flush=True)
            lab.close()
    print(f"\ntarget: median ≤ {MEDIAN_TARGET_MS:.0f} ms from key press to new image; "
          "ratio = median with whole-figure drawing / median")
    print("every explorer meets the target" if not misses else f"missing the target: {misses}")


def set_draw_whole(lab, value: bool) -> None:
    """Tell every explorer in the notebook's kernel to draw its whole figure on each move
    (or not), by running a statement in the kernel; the notebook itself is not changed."""
    code = f"from prtlib.course.explorers.base import Explorer; Explorer.draw_whole = {value}"
    lab.page.evaluate(
        """async code => {
            const panel = window.jupyterapp.shell.currentWidget;
            const future = panel.sessionContext.session.kernel.requestExecute(
                {code, silent: true, store_history: false});
            await future.done;
        }""", code)


if __name__ == "__main__":
    main()
