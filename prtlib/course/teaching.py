"""Links for teaching a whole class without installing anything on learners' machines.

The course can run on Binder (which builds it from ``environment.yml``), on a JupyterHub
(where nbgitpuller copies the repository into each learner's home on first click), and on
Colab. Each needs the public address of the repository that hosts the course, which only
the instructor knows, so these functions build the links from it:

    python -m prtlib.course.teaching --repo https://github.com/OWNER/NAME [--hub https://hub.example.org]

prints, for every lesson, a Binder link, a Colab link and (with ``--hub``) an nbgitpuller link,
each also as a Markdown badge.
"""

from __future__ import annotations

import argparse
import re
from urllib.parse import quote, urlencode, urlparse

from prtlib.course.catalogue import LESSONS

_GITHUB = re.compile(r"^https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")


def _github_parts(repo_url: str) -> tuple[str, str]:
    match = _GITHUB.match(repo_url or "")
    if not match:
        raise ValueError(
            f"repo_url must be a GitHub repository address such as "
            f"'https://github.com/OWNER/NAME'; got {repo_url!r}."
        )
    return match.group(1), match.group(2)


def binder_url(repo_url: str, notebook: str = "course/00_start_here.ipynb",
               branch: str = "main") -> str:
    """A mybinder.org link that builds the course and opens a notebook in JupyterLab.

    Examples
    --------
    >>> binder_url("https://github.com/owner/prt-course")
    'https://mybinder.org/v2/gh/owner/prt-course/main?urlpath=lab/tree/course/00_start_here.ipynb'
    """
    owner, name = _github_parts(repo_url)
    return (f"https://mybinder.org/v2/gh/{owner}/{name}/{quote(branch, safe='')}"
            f"?urlpath={quote('lab/tree/' + notebook, safe='/')}")


def colab_url(repo_url: str, notebook: str = "course/00_start_here.ipynb",
              branch: str = "main") -> str:
    """A Colab link that opens a notebook straight from the GitHub repository.

    Examples
    --------
    >>> colab_url("https://github.com/owner/prt-course", "course/03_effect_sizes.ipynb")
    'https://colab.research.google.com/github/owner/prt-course/blob/main/course/03_effect_sizes.ipynb'
    """
    owner, name = _github_parts(repo_url)
    return f"https://colab.research.google.com/github/{owner}/{name}/blob/{branch}/{notebook}"


def nbgitpuller_url(hub_url: str, repo_url: str,
                    notebook: str = "course/00_start_here.ipynb", branch: str = "main") -> str:
    """An nbgitpuller link: on first click the hub clones the course into the learner's
    home folder (later clicks merge updates without overwriting their work) and opens a
    notebook in JupyterLab.

    Examples
    --------
    >>> nbgitpuller_url("https://hub.example.org", "https://github.com/owner/prt-course")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fowner%2Fprt-course&branch=main&urlpath=lab%2Ftree%2Fprt-course%2Fcourse%2F00_start_here.ipynb'
    """
    parsed = urlparse(hub_url or "")
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise ValueError(f"hub_url must be an http(s) address such as "
                         f"'https://hub.example.org'; got {hub_url!r}.")
    _, name = _github_parts(repo_url)
    query = urlencode({"repo": repo_url.rstrip("/"), "branch": branch,
                       "urlpath": f"lab/tree/{name}/{notebook}"})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def badge(kind: str, url: str) -> str:
    """A Markdown badge for a launch link: kind is "binder", "colab" or "jupyterhub".

    Examples
    --------
    >>> badge("binder", "https://mybinder.org/v2/gh/o/n/main")
    '[![Launch on Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/o/n/main)'
    """
    images = {
        "binder": ("Launch on Binder", "https://mybinder.org/badge_logo.svg"),
        "colab": ("Open in Colab", "https://colab.research.google.com/assets/colab-badge.svg"),
        "jupyterhub": ("Open on our JupyterHub",
                       "https://img.shields.io/badge/launch-JupyterHub-orange"),
    }
    if kind not in images:
        raise ValueError(f"kind must be one of {', '.join(map(repr, images))}; got {kind!r}.")
    text, image = images[kind]
    return f"[![{text}]({image})]({url})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prtlib.course.teaching", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", required=True, help="https://github.com/OWNER/NAME")
    parser.add_argument("--hub", help="your JupyterHub's address, for nbgitpuller links")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    try:
        _github_parts(args.repo)
        print("Whole course on Binder:", badge("binder", binder_url(args.repo, branch=args.branch)))
        for lesson in LESSONS:
            notebook = f"course/{lesson.filename}"
            links = [badge("binder", binder_url(args.repo, notebook, args.branch)),
                     badge("colab", colab_url(args.repo, notebook, args.branch))]
            if args.hub:
                links.append(badge("jupyterhub",
                                   nbgitpuller_url(args.hub, args.repo, notebook, args.branch)))
            print(f"\n{lesson.number} {lesson.title}\n" + " ".join(links))
    except ValueError as exc:
        parser.error(str(exc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
