"""Sphinx extension for the course website: what the stored notebooks need to read well as
web pages.

- Anchors written as raw HTML (``<a id="hedges-g"></a>`` in the glossary and the
  bibliography) become real targets, so ``glossary.md#hedges-g`` links resolve and are
  checked by the build.
- Every image from a notebook output gets its alternative text: the cell's own
  (``"mystnb": {"image": {"alt": ...}}`` in the cell's metadata) when it has one, else the
  output's (an explorer's ``figure_alt``), else the description that
  ``prtlib.course.plotting.render_png`` stores in the PNG. An image with none of these gets a
  placeholder that the site's tests reject, and the build lists it.
- An explorer's snapshot becomes a figure whose caption says that the explorer is live in
  JupyterLab, followed by its readout. The widget state stored with the notebook is left
  out of the page: without the ipywidgets JavaScript (which the site does not load) it
  would only make the page heavier.
- Each lesson and exercise page starts with how to run it: locally, and on Binder, a
  JupyterHub (nbgitpuller) and Colab, with links built by ``prtlib.course.teaching`` from the one
  repository address given to the build.
- Links to files that are not part of the site (the solutions, the README) point to the
  repository when its address is known, and are left as plain text otherwise; the
  solutions are never published.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
RAW_ANCHOR = re.compile(r'^\s*<a\s+(?:id|name)="([A-Za-z0-9_.:-]+)"\s*>\s*(</a>)?\s*$')
RAW_CLOSE = re.compile(r"^\s*</a>\s*$")
NOTEBOOK_DOC = re.compile(r"^(course|exercises)/(\d\d)_[\w-]+$")
MISSING_ALT = "Figure without a description yet"
EXPLORER_NOTE = ("A snapshot of the interactive explorer “{title}”. The explorer is live in "
                 "JupyterLab: run this lesson there to move its controls ({controls}).")


class RawAnchorsToTargets(SphinxTransform):
    """``<a id="x"></a>`` in Markdown becomes a docutils target named ``x``."""

    default_priority = 500  # before the domains collect labels (850)

    def apply(self, **kwargs) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            match = RAW_ANCHOR.match(raw.astext())
            if not match:
                continue
            name = match.group(1)
            target = nodes.target("", "", ids=[name], names=[name])
            parent = raw.parent
            index = parent.index(raw)
            if not match.group(2) and index + 1 < len(parent):
                following = parent[index + 1]
                if isinstance(following, nodes.raw) and RAW_CLOSE.match(following.astext()):
                    parent.remove(following)
            raw.replace_self(target)
            self.document.note_explicit_target(target, target)


def _notebook_outputs(path: Path) -> dict[str, dict]:
    """For every PNG output of a notebook: its alt text, explorer caption and cell, by the
    SHA-256 of the PNG's bytes (the name MyST-NB gives the image file)."""
    from prtlib.course.plotting import png_description

    found: dict[str, dict] = {}
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            png_b64 = data["image/png"]
            png = base64.b64decode("".join(png_b64) if isinstance(png_b64, list) else png_b64)
            metadata = output.get("metadata", {})
            alt = str(metadata.get("image/png", {}).get("alt", "")).strip()
            if not alt:
                alt = png_description(png).strip()
            explorer = metadata.get("prtlib", {})
            text = data.get("text/plain", "")
            text = "".join(text) if isinstance(text, list) else text
            found[hashlib.sha256(png).hexdigest()] = {
                "alt": alt, "cell": index, "explorer": explorer.get("explorer"),
                "controls": explorer.get("controls", []),
                "readout": text.split("\n", 1)[1].strip() if "\n" in text else "",
            }
    return found


class NotebookImages(SphinxTransform):
    """Alt text for every output image; explorer snapshots become captioned figures."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        docname = self.env.current_document.docname
        source = Path(self.env.doc2path(docname))
        if source.suffix != ".ipynb":
            return
        # The widget state stored with the notebook would be embedded in the page for the
        # ipywidgets JavaScript, which the site does not load: drop it, it is dead weight.
        metadata = getattr(self.env, "nb_metadata", {}).get(docname, {})
        metadata.get("js_files", {}).pop("ipywidgets_state", None)
        outputs = _notebook_outputs(source)
        for image in list(self.document.findall(nodes.image)):
            key = Path(image["uri"]).stem
            info = outputs.get(key)
            if info is None:
                continue
            if not image.get("alt"):
                if info["alt"]:
                    image["alt"] = info["alt"]
                else:
                    image["alt"] = f"{MISSING_ALT} (cell {info['cell']})"
                    logger.info(f"[prt-site] {docname}, cell {info['cell']}: a figure has no "
                                "alternative text; add it to the cell's metadata as "
                                '"mystnb": {"image": {"alt": "..."}}')
            if info["explorer"]:
                self._caption_explorer(image, info)

    def _caption_explorer(self, image: nodes.image, info: dict) -> None:
        note = EXPLORER_NOTE.format(title=info["explorer"],
                                    controls=", ".join(info["controls"]))
        figure = nodes.figure(classes=["prt-explorer-snapshot"])
        self.document.set_id(figure)
        image.replace_self(figure)
        figure += image
        figure += nodes.caption(note, note)
        if info["readout"]:
            legend = nodes.legend()
            for line in info["readout"].splitlines():
                if line.strip():
                    legend += nodes.paragraph(line.strip(), line.strip())
            figure += legend


def _link(text: str, url: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=url, classes=["prt-launch-link"])


def _launch_box(config, notebook: str, label: str) -> nodes.container:
    from prtlib.course import teaching

    box = nodes.container(classes=["prt-launch"])
    intro = nodes.paragraph()
    intro += nodes.strong(f"Run this {label}", f"Run this {label}")
    intro += nodes.Text(": on your computer, clone the course and type ")
    intro += nodes.literal("make lab", "make lab")
    intro += nodes.Text(" (see the home page)")
    intro += nodes.Text("; the explorers on this page are live there." if label == "lesson"
                        else ".")
    box += intro
    links = nodes.paragraph()
    repo = config.prt_repo_url
    if repo:
        branch = config.prt_branch
        links += nodes.Text("In a browser, with nothing installed: ")
        links += _link("Binder", teaching.binder_url(repo, notebook, branch))
        links += nodes.Text(" · ")
        links += _link("Colab", teaching.colab_url(repo, notebook, branch))
        if config.prt_hub_url:
            links += nodes.Text(" · ")
            links += _link("our JupyterHub",
                           teaching.nbgitpuller_url(config.prt_hub_url, repo, notebook, branch))
        else:
            links += nodes.Text(" · on a JupyterHub, through the nbgitpuller link your "
                                "instructor gives you.")
    else:
        links += nodes.Text("This copy of the site was built without the course's public "
                            "address, so it has no Binder, JupyterHub or Colab links.")
    box += links
    return box


class LaunchLinks(SphinxTransform):
    """How to run a lesson or an exercise notebook, under its title."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        docname = self.env.current_document.docname
        match = NOTEBOOK_DOC.match(docname)
        if not match:
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            return
        label = "lesson" if match.group(1) == "course" else "exercise notebook"
        box = _launch_box(self.config, f"{docname}.ipynb", label)
        section.insert(1, box)


class OutsideLinks(SphinxTransform):
    """Links to repository files that are not pages of the site."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        docname = self.env.current_document.docname
        srcdir = Path(self.env.srcdir)
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("reftype") != "myst" or xref.get("refdomain") == "doc":
                continue
            target = str(xref.get("reftarget", ""))
            if not target or "://" in target or target.startswith("#"):
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(docname),
                                                     target.split("#")[0]))
            if path.startswith("..") or (srcdir / path).exists() or not (ROOT / path).exists():
                continue
            text = xref.astext()
            repo = self.config.prt_repo_url
            if repo:
                url = f"{repo.rstrip('/')}/blob/{self.config.prt_branch}/{path}"
                replacement = nodes.reference(text, text, refuri=url)
            else:
                replacement = nodes.inline(text, text)
            xref.replace_self(replacement)


def setup(app):
    app.add_config_value("prt_repo_url", "", "env", types=frozenset({str}))
    app.add_config_value("prt_hub_url", "", "env", types=frozenset({str}))
    app.add_config_value("prt_branch", "main", "env", types=frozenset({str}))
    app.add_transform(RawAnchorsToTargets)
    app.add_transform(NotebookImages)
    app.add_transform(LaunchLinks)
    app.add_transform(OutsideLinks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
