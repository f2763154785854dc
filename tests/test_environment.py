"""pyproject.toml is the single source of dependencies; environment.yml must name the same.

Binder (repo2docker) and the conda route read environment.yml, pip reads pyproject.toml:
when the two drift apart, one of the routes installs a different course.
"""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _parse(requirement: str) -> tuple[str, str]:
    match = SPEC.match(requirement)
    assert match, f"cannot read the requirement {requirement!r}"
    return _normalize(match.group(1)), match.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs.extend(extra)
    return dict(_parse(r) for r in reqs)


def conda_requirements() -> tuple[dict[str, str], list[str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep.get("pip", []))
            continue
        name, bound = _parse(dep)
        if name not in {"python", "pip"}:
            conda[name] = bound
    return conda, pip


def test_same_packages_and_bounds():
    conda, _ = conda_requirements()
    assert conda == pyproject_requirements()


def test_environment_uses_conda_forge_and_installs_prtlib():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"][0] == "conda-forge"
    _, pip = conda_requirements()
    assert "-e ." in pip, "environment.yml must install prtlib itself (pip: -e .)"


def test_python_floor_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert python == [f"python{project['requires-python']}"]
