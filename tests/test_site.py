"""The course website (``make site``) and the explorers' static fallback it relies on.

The site is built once per test session, from the stored notebooks, into a temporary folder
(site/build.py's ``build_for_tests``); the build fails on any Sphinx warning. The tests read
the HTML it wrote: every page is there, nothing is loaded from another host, every image has
alternative text, headings are in order, links and anchors resolve, maths is marked up for
the local MathJax, and lesson pages carry the launch links that ``prtlib.course.teaching`` builds.
The browser tests (tests/browser/test_site_*.py) open the same build in Chromium.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from prtlib.course import teaching
from prtlib.course.catalogue import LESSONS
from prtlib.course.plotting import describe_figure, new_figure, png_description, render_png

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
AVAILABLE = [lesson for lesson in LESSONS if lesson.available(ROOT)]


def site_build_module():
    """site/build.py, imported once per session (a folder named "site" cannot be imported
    by name: the standard library owns that name)."""
    name = "prt_site_build"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "site" / "build.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def site() -> Path:
    return site_build_module().build_for_tests()


class Page(HTMLParser):
    """The elements of one HTML page that the tests look at."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.elements: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.headings: list[tuple[int, bool]] = []  # (level, inside the main article)
        self._article_depth = 0
        self._depth = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        self._depth += 1
        if tag == "article" and "bd-article" in attributes.get("class", ""):
            self._article_depth = self._depth
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), self._article_depth > 0))

    def handle_startendtag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])

    def handle_endtag(self, tag):
        if tag in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            return
        if tag == "article" and self._article_depth == self._depth:
            self._article_depth = 0
        self._depth -= 1

    def all(self, tag: str) -> list[dict]:
        return [attributes for name, attributes in self.elements if name == tag]


@functools.cache
def parsed(path: Path) -> Page:
    return Page(path)


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "_static" not in path.parts)


def stored_explorer_outputs(notebook: Path) -> list[dict]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [output for cell in cells if cell["cell_type"] == "code"
            for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})]


# -- the explorers' static fallback ------------------------------------------------------------

@pytest.fixture(scope="module")
def explorer():
    from prtlib.course.explorers.lesson00 import PainByArmExplorer

    return PainByArmExplorer()


def test_an_explorer_output_carries_its_figure_and_readout_beside_the_widget(explorer):
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {WIDGET_VIEW, "image/png", "text/plain"}
    assert base64.b64decode(bundle["image/png"]) == bytes(explorer.image.value)
    lines = bundle["text/plain"].splitlines()
    assert "Run this notebook in JupyterLab" in lines[0] and explorer.title in lines[0]
    assert "\n".join(lines[1:]) == explorer.readout_text


def test_the_snapshot_text_is_the_same_every_time():
    from prtlib.course.explorers.lesson00 import PainByArmExplorer

    assert PainByArmExplorer().snapshot_text == PainByArmExplorer().snapshot_text


def test_an_explorer_displays_its_bundle_with_the_alt_text(explorer, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda *objs, **kwargs: shown.append((objs, kwargs)))
    explorer._ipython_display_()
    (objs, kwargs), = shown
    assert kwargs["raw"] is True and set(objs[0]) == {WIDGET_VIEW, "image/png", "text/plain"}
    assert kwargs["metadata"]["image/png"]["alt"] == explorer.alt_text
    assert kwargs["metadata"]["prtlib"]["controls"] == list(explorer.controls)


def test_alt_text_is_the_explorers_own_else_built_from_the_figure(explorer, monkeypatch):
    if explorer.figure_alt:
        assert explorer.alt_text == " ".join(explorer.figure_alt.split())
    monkeypatch.setattr(type(explorer), "figure_alt", "")
    assert explorer.alt_text == describe_figure(explorer.figure)
    assert explorer.alt_text.startswith("Figure: ")


def test_a_png_carries_the_description_of_its_figure():
    fig, axes = new_figure(6, 3, ncols=2)
    axes[0].set(title="Before", xlabel="Month", ylabel="Pain (0-10)")
    axes[1].plot([0, 1], [1, 2], label="PRT")
    axes[1].legend()
    expected = ("Figure: panel 1: Before, x axis: Month, y axis: Pain (0-10); "
                "panel 2: legend: PRT.")
    assert describe_figure(fig) == expected
    assert png_description(render_png(fig)) == expected
    with pytest.raises(ValueError, match="png must be the bytes"):
        png_description("not bytes")


# -- the site's pages --------------------------------------------------------------------------

def test_every_lesson_exercise_set_and_reference_page_is_built(site):
    assert (site / "index.html").is_file()
    expected = [f"course/{lesson.filename}" for lesson in AVAILABLE]
    expected += [f"exercises/{lesson.filename}" for lesson in AVAILABLE
                 if (ROOT / "exercises" / lesson.filename).exists()]
    expected += ["course/instructor_guide.md", "course/glossary.md", "course/bibliography.md"]
    for source in expected:
        page = site / Path(source).with_suffix(".html")
        assert page.is_file(), f"the site has no page for {source}"


def test_the_solutions_are_never_published(site):
    assert not any("solutions" in path.parts for path in site.rglob("*")), "solutions/ leaked"
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        assert "# BEGIN SOLUTION" not in text, f"{path.name} shows a worked solution"
    guide = (site / "course" / "instructor_guide.html").read_text(encoding="utf-8")
    master = f"{site_build_module().TEST_REPO}/blob/main/solutions/00_start_here.ipynb"
    assert master in guide, "the guide's links to the masters should point to the repository"


@pytest.mark.parametrize("lesson", AVAILABLE, ids=[lesson.number for lesson in AVAILABLE])
def test_every_explorer_shows_its_snapshot_with_a_caption(site, lesson):
    outputs = stored_explorer_outputs(ROOT / "course" / lesson.filename)
    stale = [output for output in outputs if "image/png" not in output["data"]]
    assert not stale, (f"lesson {lesson.number}: {len(stale)} explorer output(s) were stored "
                       "without their snapshot; re-execute the lesson (make notebooks)")
    page = parsed(site / "course" / lesson.filename.replace(".ipynb", ".html"))
    text = page.path.read_text(encoding="utf-8")
    figures = text.count('class="prt-explorer-snapshot')
    assert figures == len(outputs)
    assert text.count("The explorer is live in JupyterLab") == len(outputs)
    assert "application/vnd.jupyter.widget" not in text, "widget views or state in the page"
    for output in outputs:
        alt = output.get("metadata", {}).get("image/png", {}).get("alt")
        assert alt, f"lesson {lesson.number}: an explorer snapshot was stored without alt text"
        assert any(img.get("alt") == alt for img in page.all("img")), alt[:60]


def test_no_page_loads_anything_from_another_host(site):
    external = []
    for path in pages(site):
        page = parsed(path)
        for tag, attributes in page.elements:
            if tag == "link" and "stylesheet" not in attributes.get("rel", "") and \
                    attributes.get("rel") not in {"preload", "icon", "modulepreload"}:
                continue
            if tag not in {"script", "link", "img", "iframe", "source", "video", "audio"}:
                continue
            url = attributes.get("src") or attributes.get("href") or ""
            if re.match(r"^(https?:)?//", url):
                external.append(f"{path.relative_to(site)}: <{tag}> {url}")
    for css in (site / "_static").rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", css.read_text()):
            external.append(f"{css.relative_to(site)}: url({url})")
        for url in re.findall(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")]+)",
                              css.read_text()):
            external.append(f"{css.relative_to(site)}: @import {url}")
    assert not external, "\n".join(external[:20])


def test_maths_is_marked_up_for_the_local_mathjax(site):
    page = site / "course" / "03_effect_sizes.html"
    text = page.read_text(encoding="utf-8")
    assert 'class="math' in text
    scripts = [attrs["src"] for attrs in parsed(page).all("script") if "mathjax" in
               attrs.get("src", "").lower()]
    assert scripts and all(not re.match(r"^(https?:)?//", src) for src in scripts)
    local = (page.parent / urlsplit(scripts[0]).path).resolve()
    assert local.is_file() and local.stat().st_size > 100_000


MEANINGLESS_ALT = re.compile(r"^(image|figure|plot|chart|graph|picture|png|output)?\s*\d*\.?$",
                             re.I)


def test_every_image_has_a_meaningful_alt(site):
    extension = (ROOT / "site" / "_ext" / "prt_site.py").read_text()
    placeholder = re.search(r'MISSING_ALT = "([^"]+)"', extension).group(1)
    problems = []
    for path in pages(site):
        for img in parsed(path).all("img"):
            alt = " ".join(img.get("alt", "").split())
            if (not alt or MEANINGLESS_ALT.match(alt) or placeholder in alt
                    or re.search(r"\.(png|jpe?g|svg|gif)\b", alt) or len(alt.split()) < 3):
                problems.append(f"{path.relative_to(site)}: {img.get('src', '')[-30:]} "
                                f"alt={alt!r}")
    assert not problems, ("images without a meaningful alt (add "
                          '"mystnb": {"image": {"alt": "..."}} to the cell\'s metadata):\n'
                          + "\n".join(problems))


def test_headings_start_at_one_and_never_skip_a_level(site):
    for path in pages(site):
        if path.name in {"genindex.html", "search.html"}:
            continue
        levels = [level for level, in_article in parsed(path).headings if in_article]
        assert levels and levels[0] == 1, f"{path.relative_to(site)} starts at h{levels[:1]}"
        assert levels.count(1) == 1, f"{path.relative_to(site)} has {levels.count(1)} h1"
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{path.relative_to(site)}: h{before} then h{after}"


def test_internal_links_and_anchors_resolve(site):
    ids = {path: parsed(path).ids for path in pages(site)}
    broken = []
    for path in ids:
        for attributes in parsed(path).all("a"):
            href = attributes.get("href", "")
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith("//"):
                continue
            parts = urlsplit(href)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)} -> {href}")
            elif parts.fragment and target.suffix == ".html" and \
                    unquote(parts.fragment) not in ids.get(target, parsed(target).ids):
                broken.append(f"{path.relative_to(site)} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def test_glossary_terms_are_real_targets(site):
    glossary = parsed(site / "course" / "glossary.html")
    raw = re.findall(r'<a id="', glossary.path.read_text(encoding="utf-8"))
    assert not raw, "raw <a id> anchors left in the glossary"
    assert "hedges-g" in glossary.ids
    lesson = (site / "course" / "03_effect_sizes.html").read_text(encoding="utf-8")
    assert 'href="glossary.html#hedges-g"' in lesson


@pytest.mark.parametrize("folder", ["course", "exercises"])
def test_lesson_pages_carry_launch_links_from_one_repository_address(site, folder):
    build = site_build_module()
    for lesson in AVAILABLE:
        notebook = f"{folder}/{lesson.filename}"
        if not (ROOT / notebook).exists():
            continue
        page = parsed(site / notebook.replace(".ipynb", ".html"))
        hrefs = {attributes.get("href", "") for attributes in page.all("a")}
        for url in (teaching.binder_url(build.TEST_REPO, notebook),
                    teaching.colab_url(build.TEST_REPO, notebook),
                    teaching.nbgitpuller_url(build.TEST_HUB, build.TEST_REPO, notebook)):
            assert url in hrefs, f"{notebook}: no link {url}"


def test_the_landing_page_says_what_the_course_is_for_whom_and_how_to_start(site):
    text = re.sub(r"<[^>]+>", "", (site / "index.html").read_text(encoding="utf-8"))
    hrefs = {attributes.get("href") for attributes in parsed(site / "index.html").all("a")}
    for needed in ("instructor_guide.html", "glossary.html", "bibliography.html"):
        assert f"course/{needed}" in hrefs, needed
    for needed in ("Who it is for", "How to start", "make lab", "Binder", "JupyterHub", "Colab"):
        assert needed in text, needed
    for lesson in AVAILABLE:
        assert f'course/{lesson.filename.replace(".ipynb", ".html")}' in hrefs


def test_a_bad_repository_address_is_refused_before_building():
    result = subprocess.run([sys.executable, str(ROOT / "site" / "build.py"),
                             "--repo", "gitlab.com/someone/course"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "repo_url must be a GitHub repository address" in result.stderr


# -- publishing ---------------------------------------------------------------------------------

def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def workflow_commands() -> list[tuple[str, str]]:
    commands = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text())
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                for line in str(step.get("run", "")).splitlines():
                    if line.strip():
                        commands.append((path.name, line.strip()))
    return commands


def test_workflows_only_call_makefile_targets():
    targets = makefile_targets()
    commands = workflow_commands()
    assert {name for name, _ in commands} >= {"test.yml", "site.yml"}
    for name, command in commands:
        match = re.fullmatch(r"make ([\w-]+)(\s+[A-Z_]+=\S+)*", command)
        assert match, f"{name}: '{command}' is not a make command"
        assert match.group(1) in targets, f"{name}: make {match.group(1)} is no Makefile target"
    assert ("test.yml", "make test") in commands
    assert any(name == "site.yml" and command.startswith("make site") for name, command in
               commands)


def test_the_site_workflow_publishes_the_built_folder():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    uploads = [step for step in steps
               if str(step.get("uses", "")).startswith("actions/upload-pages-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "_build/html"
    assert any(str(step.get("uses", "")).startswith("actions/deploy-pages") for step in steps)
