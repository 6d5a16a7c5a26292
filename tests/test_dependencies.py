"""pyproject.toml and environment.yml list the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = {_name(r) for r in project["dependencies"]}
    pip_side |= {_name(r) for reqs in project["optional-dependencies"].values() for r in reqs}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_side: set[str] = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            conda_side |= {_name(r) for r in dep["pip"] if not r.startswith("-e")}
        elif _name(dep) not in ("python", "pip"):
            conda_side.add(_name(dep))
    assert pip_side == conda_side, f"only in pyproject: {pip_side - conda_side}; only in environment.yml: {conda_side - pip_side}"
