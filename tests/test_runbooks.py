"""The runbooks as files: eight, in order, outputs stripped in git, a
parameters cell without credentials, PowerShell kept in .ps1 files."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from labkit.chain import NOTEBOOKS

RUNBOOKS = Path(__file__).resolve().parents[1] / "runbooks"


def test_the_eight_runbooks_exist_in_order() -> None:
    # Beside them, the exercises runbook and the trainer's class view (not part of the chain).
    assert sorted(p.stem for p in RUNBOOKS.glob("*.ipynb")) == sorted([*NOTEBOOKS, "exercises", "class-status"])


@pytest.mark.parametrize("name", [*NOTEBOOKS, "exercises", "class-status"])
def test_outputs_are_stripped(name: str) -> None:
    book = nbformat.read(RUNBOOKS / f"{name}.ipynb", as_version=4)
    dirty = [i for i, c in enumerate(book.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert dirty == [], f"{name}: cells {dirty} carry outputs; clear them before committing"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_parameters_cell_declares_the_common_knobs_and_no_secret(name: str) -> None:
    declared = pm.inspect_notebook(str(RUNBOOKS / f"{name}.ipynb"))
    assert {"lab_file", "backend", "state_dir", "training"} <= set(declared)
    assert declared["backend"]["default"] == '"twin"'
    assert not [p for p in declared if re.search(r"pass|secret|token|credential", p, re.I)]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_powershell_lives_in_steps_not_in_cells(name: str) -> None:
    """Cells call steps by name; no step-sized PowerShell pasted into Python."""
    book = nbformat.read(RUNBOOKS / f"{name}.ipynb", as_version=4)
    code = "\n".join(c.source for c in book.cells if c.cell_type == "code")
    assert "rb.step(" in code
    assert "ConvertTo-Json -Compress" not in code and "param(" not in code
