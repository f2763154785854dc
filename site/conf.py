"""Sphinx configuration of the course website (built by ``make site``; see site/README.md).

The site is built from the stored notebooks and never executes them. site/build.py copies
the sources (this folder's index.md, course/ and exercises/, never solutions/) into a staging
folder and runs Sphinx on it with this file. Everything the pages load is served from the site
itself: the theme's files, the search index and a local copy of MathJax.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(ROOT))

project = "The PRT course"
author = "The PRT course authors"
copyright = "the PRT course authors, MIT licence"
language = "en"

extensions = ["myst_nb", "prt_site"]

root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
suppress_warnings = []

# -- the launch links (Binder, JupyterHub via nbgitpuller, Colab) --------------------------
# One repository address, as `python -m prtlib.course.teaching --repo ...` takes it; site/build.py
# passes it from `make site REPO=... HUB=...` (or the PRT_SITE_REPO / PRT_SITE_HUB variables).
prt_repo_url = os.environ.get("PRT_SITE_REPO", "")
prt_hub_url = os.environ.get("PRT_SITE_HUB", "")
prt_branch = os.environ.get("PRT_SITE_BRANCH", "main") or "main"

# -- MyST and MyST-NB ---------------------------------------------------------------------
nb_execution_mode = "off"  # the stored outputs are the ones shown; nothing runs
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
# Explorers are shown by their snapshot (image/png), never by the widget view, which would
# need the ipywidgets JavaScript from a CDN and a kernel to be of any use.
nb_mime_priority_overrides = [
    ("html", "application/vnd.jupyter.widget-view+json", None),
]
nb_ipywidgets_js = {}
nb_merge_streams = True

# -- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "The PRT course"
html_static_path = ["_static"]
html_css_files = ["prt-site.css"]
html_last_updated_fmt = None
html_context = {"default_mode": "auto"}
html_show_sphinx = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "navigation_with_keys": False,
    "navbar_persistent": [],
    "pygments_light_style": "a11y-high-contrast-light",
    "pygments_dark_style": "a11y-high-contrast-dark",
}
if prt_repo_url:
    html_theme_options.update({"repository_url": prt_repo_url, "repository_branch": prt_branch,
                               "use_repository_button": True})

# MathJax from this site (site/_static/mathjax, MathJax 3.2.2 from its npm package), so
# that no page loads anything from another host.
mathjax_path = "mathjax/tex-chtml-full.js"
