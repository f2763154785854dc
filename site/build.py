"""Build the course website into _build/html/ from the stored notebooks (``make site``).

    python site/build.py [--repo https://github.com/OWNER/NAME] [--hub https://hub.example.org]
                         [--branch main] [--out _build/html]

Nothing is executed: the pages show the outputs stored in the notebooks. The sources are
copied into a staging folder first (site/index.md, the lessons, the instructor guide, the
glossary, the bibliography and the learners' exercise notebooks, never solutions/), and
Sphinx builds them with site/conf.py. Any Sphinx warning fails the build.

``--repo`` is the course's public GitHub address, as ``python -m prtlib.course.teaching`` takes it;
it gives every lesson page its Binder and Colab links (and, with ``--hub``, a JupyterHub link
through nbgitpuller). Without it the pages say how to run the course locally only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from prtlib.course import teaching  # noqa: E402
from prtlib.course.catalogue import LESSONS  # noqa: E402

LESSONS_MARKER = "<!-- prt-site: lessons -->"
SOURCES = {
    "course": ["[0-9][0-9]_*.ipynb", "instructor_guide.md", "glossary.md", "bibliography.md"],
    "exercises": ["[0-9][0-9]_*.ipynb"],
}


def lessons_table(root: Path) -> str:
    """The landing page's table of lessons, from prtlib.course.catalogue."""
    rows = ["| # | lesson | time | what it teaches | exercises |", "|---|---|---|---|---|"]
    for lesson in LESSONS:
        if not lesson.available(root):
            continue
        exercise = root / "exercises" / lesson.filename
        exercises = f"[exercises](exercises/{lesson.filename})" if exercise.exists() else ""
        rows.append(f"| {lesson.number} | [{lesson.title}](course/{lesson.filename}) | "
                    f"{lesson.minutes} min | {lesson.teaches} | {exercises} |")
    return "\n".join(rows)


def stage(root: Path, staging: Path) -> Path:
    """Copy the site's sources into ``staging`` (emptied first); return it."""
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for folder, patterns in SOURCES.items():
        (staging / folder).mkdir()
        for pattern in patterns:
            for path in sorted((root / folder).glob(pattern)):
                shutil.copy2(path, staging / folder / path.name)
    index = (HERE / "index.md").read_text(encoding="utf-8")
    if LESSONS_MARKER not in index:
        raise ValueError(f"site/index.md must contain the line {LESSONS_MARKER!r}.")
    (staging / "index.md").write_text(index.replace(LESSONS_MARKER, lessons_table(root)),
                                      encoding="utf-8")
    return staging


def build(out: Path, *, repo: str = "", hub: str = "", branch: str = "main",
          root: Path = ROOT, work: Path | None = None, quiet: bool = True) -> Path:
    """Stage the sources of ``root`` and build the HTML site into ``out``; return ``out``."""
    from sphinx.cmd.build import build_main

    # Both raise a ValueError naming the parameter when an address is not of the right kind.
    if repo:
        teaching.binder_url(repo)
    if hub:
        teaching.nbgitpuller_url(hub, repo or "https://github.com/owner/name")
    out = Path(out).resolve()
    work = Path(work).resolve() if work else out.parent / "site-src"
    staging = stage(Path(root), work / "src")
    os.environ.update(PRT_SITE_REPO=repo, PRT_SITE_HUB=hub, PRT_SITE_BRANCH=branch)
    args = ["-b", "html", "-W", "--keep-going", "-E", "-n", "-c", str(HERE),
            "-d", str(work / "doctrees"), str(staging), str(out)]
    if quiet:
        args.insert(0, "-q")
    status = build_main(args)
    if status:
        raise SystemExit(f"The site build failed (Sphinx exit status {status}); see above.")
    return out


TEST_REPO = "https://github.com/example-owner/prt-course"
TEST_HUB = "https://hub.example.org"
_TEST_BUILD: dict[str, Path] = {}


def build_for_tests() -> Path:
    """The site, built once per test session into a temporary folder, with example launch
    addresses; returns the HTML folder. Runs the build as ``make site`` does, in a separate
    process, and fails with Sphinx's output when the build fails or warns."""
    import atexit
    import subprocess
    import tempfile

    if "html" not in _TEST_BUILD:
        work = Path(tempfile.mkdtemp(prefix="prt-site-"))
        atexit.register(shutil.rmtree, work, ignore_errors=True)
        out = work / "html"
        result = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--out", str(out),
             "--repo", TEST_REPO, "--hub", TEST_HUB],
            capture_output=True, text=True, cwd=ROOT, timeout=600)
        if result.returncode:
            raise AssertionError(f"make site failed:\n{result.stdout[-3000:]}\n"
                                 f"{result.stderr[-6000:]}")
        _TEST_BUILD["html"] = out
    return _TEST_BUILD["html"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python site/build.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default=os.environ.get("PRT_SITE_REPO", ""),
                        help="the course's public address, https://github.com/OWNER/NAME")
    parser.add_argument("--hub", default=os.environ.get("PRT_SITE_HUB", ""),
                        help="a JupyterHub's address, for nbgitpuller links")
    parser.add_argument("--branch", default=os.environ.get("PRT_SITE_BRANCH", "") or "main")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        out = build(args.out, repo=args.repo, hub=args.hub, branch=args.branch)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"Built the site in {time.monotonic() - start:.0f} s: {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
