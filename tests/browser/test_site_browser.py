"""The course website in a real browser: Debian's Chromium, driven by Playwright.

The site is built once per test session (site/build.py's ``build_for_tests``, shared with
tests/test_site.py) and served on 127.0.0.1. The landing page and two lessons open with no
console error and no failed request, every image loads, the maths is typeset by the local
MathJax, text contrast meets WCAG AA in the light and the dark theme, and searching for
"Hedges" finds a lesson. Any request to another host is blocked and fails the test.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from harness import ARTIFACTS, browser_unavailable_reason, chromium

REASON = browser_unavailable_reason()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["index.html", "course/03_effect_sizes.html",
         "course/05_durability_and_missing_data.html"]

# WCAG 2.1 contrast (success criterion 1.4.3): for every visible element with text of its
# own, the ratio of the relative luminances of its colour and of the background it sits on
# (the first opaque background among its ancestors, blending translucent ones) must be at
# least 4.5, or 3 for large text (24 px, or 18.66 px bold).
CONTRAST_JS = """
() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const blend = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = blend(layers[i], bg);
    return bg; };
  const failures = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    if (s.visibility !== 'visible' || r.width < 2 || r.height < 2 || parseFloat(s.opacity) === 0) continue;
    if (el.closest('mjx-container, svg, [aria-hidden="true"]')) continue;
    const bg = background(el); let fg = parse(s.color); if (fg[3] < 1) fg = blend(fg, bg);
    const ratio = (Math.max(lum(fg), lum(bg)) + 0.05) / (Math.min(lum(fg), lum(bg)) + 0.05);
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) failures.push(`${el.tagName}.${el.className}: "${el.textContent.trim().slice(0, 40)}" ` +
      `${s.color} on rgb(${bg.slice(0, 3).map(Math.round)}) = ${ratio.toFixed(2)} < ${needed}`);
  }
  return failures;
}
"""


def _site_build_module():
    name = "prt_site_build"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "site" / "build.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served():
    site = _site_build_module().build_for_tests()
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


class Visit:
    """One page, with everything that went wrong while it loaded."""

    def __init__(self, browser, base: str, path: str, color_scheme: str = "light"):
        self.page = browser.new_page(viewport={"width": 1300, "height": 900},
                                     color_scheme=color_scheme)
        self.page.set_default_timeout(30_000)
        self.problems: list[str] = []
        host = urlsplit(base).netloc
        self.page.on("console", lambda message: message.type == "error" and
                     self.problems.append(f"console error: {message.text[:300]}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(
            f"request failed: {request.url[:200]}"))
        self.page.on("response", lambda response: response.status >= 400 and
                     self.problems.append(f"HTTP {response.status}: {response.url[:200]}"))

        def only_this_site(route):
            if urlsplit(route.request.url).netloc != host:
                self.problems.append(f"request to another host: {route.request.url[:200]}")
                route.abort()
            else:
                route.continue_()

        self.page.route("**/*", only_this_site)
        self.page.goto(f"{base}/{path}", wait_until="load")
        self.page.wait_for_load_state("networkidle")

    def close(self):
        self.page.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_with_every_image(served, browser, path):
    visit = Visit(browser, served, path)
    try:
        broken = visit.page.eval_on_selector_all(
            "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0))"
                   ".map(i => i.getAttribute('src'))")
        assert not broken, f"{path}: images that did not load: {broken}"
        h1 = visit.page.eval_on_selector_all(
            "h1", "hs => hs.filter(h => h.getClientRects().length > 0).length")
        assert h1 == 1, f"{path} shows {h1} top-level headings"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(ARTIFACTS / f"site_{Path(path).stem}.png"))
        assert not visit.problems, "\n".join(visit.problems)
    finally:
        visit.close()


def test_maths_is_typeset_by_the_local_mathjax(served, browser):
    visit = Visit(browser, served, "course/03_effect_sizes.html")
    try:
        visit.page.wait_for_function("() => window.MathJax && MathJax.startup && "
                                     "MathJax.startup.promise")
        visit.page.evaluate("() => MathJax.startup.promise")
        typeset = visit.page.locator("mjx-container").count()
        errors = visit.page.locator("mjx-merror").count()
        assert typeset > 0 and errors == 0, (typeset, errors)
        assert not visit.problems, "\n".join(visit.problems)
    finally:
        visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(served, browser, scheme):
    for path in PAGES:
        visit = Visit(browser, served, path, color_scheme=scheme)
        try:
            if path == PAGES[0]:  # the check itself notices a low-contrast text
                visit.page.evaluate(
                    "() => { const p = document.createElement('p'); p.id = 'prt-probe';"
                    " p.textContent = 'grey on grey'; p.style.color = '#777';"
                    " p.style.background = '#888'; document.body.prepend(p); }")
                assert any("grey on grey" in f for f in visit.page.evaluate(CONTRAST_JS))
                visit.page.evaluate("() => document.getElementById('prt-probe').remove()")
            failures = visit.page.evaluate(CONTRAST_JS)
            assert not failures, f"{path} ({scheme}):\n" + "\n".join(failures[:15])
        finally:
            visit.close()


def test_search_for_hedges_finds_a_lesson(served, browser):
    visit = Visit(browser, served, "search.html?q=Hedges")
    try:
        visit.page.wait_for_selector("#search-results ul.search li a", timeout=30_000)
        hrefs = visit.page.eval_on_selector_all("#search-results ul.search li a",
                                                "links => links.map(a => a.href)")
        assert any("/course/03_effect_sizes.html" in href for href in hrefs), hrefs
        assert not visit.problems, "\n".join(visit.problems)
    finally:
        visit.close()
