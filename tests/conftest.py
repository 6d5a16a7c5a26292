"""Fixtures the tests share; the helpers that run PowerShell on the twin are in support/twin_script.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def st(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A twin state folder of the test module's own, new when the module starts: its tests share it."""
    return tmp_path_factory.mktemp(request.module.__name__.removeprefix("test_"))


@pytest.fixture(scope="session")
def full_lab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lab after the whole procedure (test_world_rules.FULL), built once per run: tests copy it."""
    from test_world_rules import FULL, build

    return build(tmp_path_factory.mktemp("full-lab") / "state", FULL)


@pytest.fixture
def state(full_lab: Path, tmp_path: Path) -> Path:
    """The test's own copy of the built lab.  (test_world_rules has its own ``state``, which can also
    start before validation or before the CSV; the modules that import it get that one.)"""
    copy = tmp_path / "state"
    shutil.copytree(full_lab, copy)
    return copy
