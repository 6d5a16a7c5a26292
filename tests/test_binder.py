"""The repository builds on Binder (repo2docker's conda build pack reads
environment.yml): the Python version it picks is one labkit runs on, the
package itself is installed, and the runbooks sit where the README's Binder
link opens them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# repo2docker/buildpacks/conda/__init__.py (jupyterhub/repo2docker): the
# Python version comes from a dependency matching PYTHON_REGEX, else the
# default major_pythons["3"] = "3.10"; a local pip requirement such as `-e .`
# makes it copy the repository before installing the environment.
PYTHON_REGEX = re.compile(r"python\s*=+\s*([\d\.]*)")
REPO2DOCKER_DEFAULT_PYTHON = "3.10"


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_repo2docker_picks_a_python_labkit_supports() -> None:
    version = REPO2DOCKER_DEFAULT_PYTHON
    for dep in _environment()["dependencies"]:
        if isinstance(dep, str) and (m := PYTHON_REGEX.match(dep)):
            version = ".".join(m.group(1).split(".")[:2])
            break
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    minimum = re.fullmatch(r">=\s*(\d+)\.(\d+)", requires.strip())
    assert minimum, f"requires-python {requires!r}: this test reads only '>=X.Y'"
    built = tuple(int(p) for p in version.split("."))
    assert built >= (int(minimum.group(1)), int(minimum.group(2))), f"repo2docker would build Python {version}; labkit needs {requires}"


def test_the_environment_installs_labkit_itself() -> None:
    pip = next(d["pip"] for d in _environment()["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip


def test_the_binder_link_in_the_readme_opens_a_runbook() -> None:
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"https://mybinder\.org/v2/gh/[^\s)`]+", readme)
    assert links, "README shows no Binder link"
    for link in links:
        path = re.search(r"urlpath=lab/tree/([^\s&)`]+)", link)
        assert path and (ROOT / path.group(1)).is_file(), link
