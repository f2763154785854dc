"""Explorer latency in the browser: from a key press on a control to the new image.

Starts JupyterLab on a copy of the course (127.0.0.1, with a token), opens each lesson in
Debian's Chromium through Playwright, runs it, and presses keys on every explorer's first
control. Prints the median milliseconds per explorer. Skips, saying why, without Chromium.

Run: .venv/bin/python benchmarks/bench_browser.py [--presses N]
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=6, help="key presses per explorer")
    args = parser.parse_args()
    reason = browser_unavailable_reason()
    if reason:
        print(f"skipped: {reason}")
        return
    print(f"{'lesson':7s} {'explorer':45s} {'presses':>7s} {'median ms':>10s} {'max ms':>8s}")
    with lab_server() as (base, token, _), chromium() as browser:
        for lesson in LESSONS:
            if not lesson.available():
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
                print(f"{lesson.number:7s} {title[:45]:45s} {len(times):7d} "
                      f"{statistics.median(times):10.0f} {max(times):8.0f}")
            lab.close()


if __name__ == "__main__":
    main()
