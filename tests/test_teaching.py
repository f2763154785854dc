"""Teaching without installs: the links are right and the repository holds what the tools read."""

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from prtlib.course import teaching
from prtlib.course.catalogue import LESSONS

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/owner/prt-course"


def test_nbgitpuller_link_round_trips():
    # nbgitpuller's documented parameters: repo, branch, urlpath (relative to the hub user's
    # home, where the clone is named after the repository).
    url = teaching.nbgitpuller_url("https://hub.example.org/", REPO, "course/03_effect_sizes.ipynb")
    parsed = urlparse(url)
    assert parsed.netloc == "hub.example.org"
    assert parsed.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parsed.query)
    assert query == {"repo": [REPO], "branch": ["main"],
                     "urlpath": ["lab/tree/prt-course/course/03_effect_sizes.ipynb"]}


def test_binder_and_colab_links_name_the_notebook():
    assert teaching.binder_url(REPO + ".git", "course/01_chronic_back_pain.ipynb", "dev") == (
        "https://mybinder.org/v2/gh/owner/prt-course/dev"
        "?urlpath=lab/tree/course/01_chronic_back_pain.ipynb")
    assert teaching.colab_url(REPO).endswith("/owner/prt-course/blob/main/course/00_start_here.ipynb")


@pytest.mark.parametrize("bad", ["", "github.com/owner/name", "https://gitlab.com/o/n", None])
def test_bad_repository_addresses_are_explained(bad):
    with pytest.raises(ValueError, match="repo_url must be a GitHub repository address"):
        teaching.binder_url(bad)


def test_bad_hub_address_is_explained():
    with pytest.raises(ValueError, match="hub_url must be an http"):
        teaching.nbgitpuller_url("hub.example.org", REPO)


def test_command_prints_a_badge_per_lesson(capsys):
    teaching.main(["--repo", REPO, "--hub", "https://hub.example.org"])
    out = capsys.readouterr().out
    for lesson in LESSONS:
        assert f"{lesson.number} {lesson.title}" in out
    assert out.count("Open in Colab") == len(LESSONS)
    assert out.count("git-pull?") == len(LESSONS)


def test_repository_holds_what_binder_and_hubs_read():
    # repo2docker (Binder, and Zero to JupyterHub images built with it) reads environment.yml
    # at the root; with it present, other environment files would be ignored or conflict.
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = {dep.split(">")[0].split("=")[0] for dep in env["dependencies"]
             if isinstance(dep, str)}
    assert {"python", "jupyterlab", "ipywidgets", "pip"} <= names
    pip = next(dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict))
    assert "-e ." in pip
    for ignored in ("requirements.txt", "Pipfile", "runtime.txt", "binder", ".binder"):
        assert not (ROOT / ignored).exists(), f"{ignored} would change what repo2docker builds"
    # nbgitpuller opens course/00 after cloning; the landing notebook must be there.
    assert (ROOT / "course" / "00_start_here.ipynb").exists()
