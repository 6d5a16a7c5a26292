"""Fixtures the tests share; the helpers that run PowerShell on the twin are in support/twin_script.py."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def st(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A twin state folder of the test module's own, new when the module starts: its tests share it."""
    return tmp_path_factory.mktemp(request.module.__name__.removeprefix("test_"))
