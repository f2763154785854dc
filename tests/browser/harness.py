"""Drive JupyterLab in Debian's Chromium with Playwright, as a learner would.

Shared by the browser tests (tests/browser/) and the browser benchmark
(benchmarks/bench_browser.py). JupyterLab serves a temporary copy of the course on
127.0.0.1 with a random token, so running notebooks in the browser never touches the
stored ones.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "browser"


def browser_unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return (f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium'; "
                ".ci/run installs it)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package 'playwright' is not installed (pip install -e '.[test]')"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def lab_server():
    """Start JupyterLab on a copy of the course; yield (base_url, token, root_dir)."""
    work = Path(tempfile.mkdtemp(prefix="prt-lab-"))
    root = work / "course-copy"
    for folder in ("course", "exercises", "solutions"):
        shutil.copytree(ROOT / folder, root / folder)
    settings = work / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    token = secrets.token_hex(24)
    port = _free_port()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(work / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"))
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
        "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
        "--ServerApp.port_retries=0",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(work / "server.log", "w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"JupyterLab did not start: {(work / 'server.log').read_text()[-2000:]}"
                    ) from None
                time.sleep(0.5)
        yield base, token, root
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def chromium():
    """A headless Chromium from Debian, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Lab:
    """One JupyterLab page with helpers for notebooks and explorers."""

    def __init__(self, browser, base: str, token: str):
        self.base, self.token = base, token
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.page.set_default_timeout(60_000)

    def close(self):
        self.page.close()

    def open(self, relpath: str):
        self.page.goto(f"{self.base}/lab/tree/{relpath}?token={self.token}&reset")
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        self.page.wait_for_function(
            "() => window.jupyterapp && document.querySelector('.jp-NotebookPanel')")
        self.wait_kernel_idle()

    def command(self, name: str):
        self.page.evaluate(f"() => window.jupyterapp.commands.execute({json.dumps(name)})")

    def wait_kernel_idle(self, timeout_ms: int = 300_000):
        self.page.wait_for_function(
            """() => {
                const panel = window.jupyterapp.shell.currentWidget;
                const kernel = panel && panel.sessionContext && panel.sessionContext.session
                    && panel.sessionContext.session.kernel;
                return kernel && kernel.status === 'idle';
            }""", timeout=timeout_ms)

    def run_all(self, timeout_ms: int = 300_000):
        """Run every cell and wait until each code cell has an execution count."""
        self.command("notebook:run-all-cells")
        self.page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""", timeout=timeout_ms)
        self.wait_kernel_idle(timeout_ms)

    def error_outputs(self) -> list[str]:
        """The text of every output that is an error or written to stderr."""
        return self.page.eval_on_selector_all(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
            "nodes => nodes.map(n => n.innerText.slice(0, 500))")

    def explorers(self):
        return self.page.locator(".prt-explorer")

    def screenshot(self, name: str, locator=None):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = locator if locator is not None else self.page
        target.screenshot(path=str(ARTIFACTS / f"{name}.png"))


CONTROL_KINDS = ("widget-toggle-buttons", "widget-dropdown", "widget-slider",
                 "widget-checkbox", "widget-radio")


def control_kind(control) -> str:
    """What kind of ipywidgets control a DOM element is."""
    classes = control.get_attribute("class") or ""
    for kind in CONTROL_KINDS:
        if kind in classes:
            return kind
    return "unknown"


def first_control(explorer):
    """An explorer's first control, even when its controls sit in groups (boxes) of their own."""
    kinds = ", ".join(f".{kind}" for kind in CONTROL_KINDS)
    return explorer.locator(f".prt-explorer-controls :is({kinds})").first


def move_with_keyboard(control) -> None:
    """Change a control's value by keyboard, the way a learner without a mouse would."""
    kind = control_kind(control)
    if kind == "widget-toggle-buttons":
        buttons = control.locator("button")
        target = next(i for i in range(buttons.count())
                      if "mod-active" not in (buttons.nth(i).get_attribute("class") or ""))
        buttons.nth(target).focus()
        buttons.nth(target).press("Enter")
    elif kind == "widget-dropdown":
        # A learner clicks the menu open, then picks the next entry with the arrow keys and
        # Enter. (Arrow keys on a closed menu reach JupyterLab's notebook shortcuts instead.)
        select = control.locator("select")
        options = select.locator("option").count()
        current = select.evaluate("s => s.selectedIndex")
        select.click()
        select.page.keyboard.press("ArrowDown" if current < options - 1 else "ArrowUp")
        select.page.keyboard.press("Enter")
    elif kind == "widget-slider":
        handle = control.locator(".noUi-handle").first
        handle.focus()
        now = handle.get_attribute("aria-valuenow")
        top = handle.get_attribute("aria-valuemax")
        handle.press("ArrowLeft" if now == top else "ArrowRight")
    elif kind == "widget-checkbox":
        box = control.locator("input")
        box.focus()
        box.press("Space")
    elif kind == "widget-radio":
        radio = control.locator("input:not(:checked)").first
        radio.focus()
        radio.press("Space")
    else:
        raise ValueError(f"control must be a known ipywidgets control; got {kind!r}.")


def time_key_to_image(page, explorer, control) -> tuple[float, str, str]:
    """Press a key on a control; return (ms until the explorer's image changed, old, new src)."""
    image = explorer.locator("img.prt-explorer-image").first
    old = image.get_attribute("src")
    image.evaluate(
        """img => {
            window.__prtChanged = null;
            const observer = new MutationObserver(() => {
                window.__prtChanged = performance.now();
                observer.disconnect();
            });
            observer.observe(img, {attributes: true, attributeFilter: ['src']});
        }""")
    start = page.evaluate("() => performance.now()")
    move_with_keyboard(control)
    page.wait_for_function("() => window.__prtChanged !== null", timeout=30_000)
    changed = page.evaluate("() => window.__prtChanged")
    return changed - start, old, image.get_attribute("src")


def first_slider(explorer):
    """An explorer's first slider, or None when it has none."""
    sliders = explorer.locator(".prt-explorer-controls .widget-slider")
    return sliders.first if sliders.count() else None


def drag_slider(page, explorer, slider, steps: int = 12, pause_ms: int = 80) -> int:
    """Drag a slider's handle with the mouse across most of its track, holding the button
    down; return how many new images the explorer showed before the button was released."""
    image = explorer.locator("img.prt-explorer-image").first
    image.evaluate(
        """img => {
            window.__prtImages = 0;
            const observer = new MutationObserver(() => { window.__prtImages += 1; });
            observer.observe(img, {attributes: true, attributeFilter: ['src']});
        }""")
    handle = slider.locator(".noUi-handle").first
    track = slider.locator(".noUi-target").first
    handle.scroll_into_view_if_needed()
    hb, tb = handle.bounding_box(), track.bounding_box()
    x0, y = hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2
    left_half = x0 < tb["x"] + tb["width"] / 2
    target = tb["x"] + tb["width"] * (0.9 if left_half else 0.1)
    page.mouse.move(x0, y)
    page.mouse.down()
    for i in range(1, steps + 1):
        page.mouse.move(x0 + (target - x0) * i / steps, y)
        page.wait_for_timeout(pause_ms)
    # Still holding the button: give the last images time to arrive (a move can take a
    # few hundred ms on a loaded machine), but release as soon as two have come.
    try:
        page.wait_for_function("() => window.__prtImages >= 2", timeout=5_000)
    except Exception:  # noqa: BLE001 - the count below says what happened
        pass
    during = page.evaluate("() => window.__prtImages")
    page.mouse.up()
    return during
