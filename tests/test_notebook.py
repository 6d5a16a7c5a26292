"""Training mode and the %%powershell magic, in a real kernel through papermill."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from labkit.chain import KERNEL_NAME, _kernel_env


def _notebook(path: Path) -> Path:
    book = new_notebook()
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = new_code_cell('state_dir = ".lab"\ntraining = True')
    params.metadata["tags"] = ["parameters"]
    book.cells += [
        params,
        new_code_cell("%load_ext labkit.notebook\nfrom labkit.notebook import Runbook\nrb = Runbook(None, 'twin', state_dir, training=training)"),
        new_code_cell("%%powershell CLUSTERNODE-1\nGet-WindowsFeature -Name Hyper-V | Select-Object Name, InstallState"),
        new_code_cell("%%powershell CLUSTERNODE-2\nGet-Unicorn -Horn 1"),
        new_code_cell("rb.controls({'features': lambda host: rb.backend.run_one(host, 'Get-WindowsFeature Hyper-V').output})"),
        new_code_cell("rb.glue('cluster', {'name': 'HVCLUSTER', 'nodes': ['A', 'B'], 'up': True})"),
    ]
    nbformat.write(book, path)
    return path


def _run(tmp_path: Path, training: bool) -> nbformat.NotebookNode:
    os.environ.update(_kernel_env(tmp_path / "state"))
    out = tmp_path / f"out-{training}.ipynb"
    pm.execute_notebook(str(_notebook(tmp_path / "in.ipynb")), str(out), kernel_name=KERNEL_NAME, progress_bar=False,
                        parameters={"state_dir": str(tmp_path / "state"), "training": training})
    return nbformat.read(out, as_version=4)


def _cell(book: nbformat.NotebookNode, starts: str) -> nbformat.NotebookNode:
    """The cell whose source starts so (papermill inserts a cell of its own)."""
    return next(c for c in book.cells if c.source.startswith(starts))


def _text(cell: nbformat.NotebookNode, stream: str = "stdout") -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == stream)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, nbformat.NotebookNode]:
    base = tmp_path_factory.mktemp("nb")
    return {flag: _run(base / str(flag), flag) for flag in (True, False)}


def test_powershell_magic_prints_output_as_powershell_would(both: dict[bool, nbformat.NotebookNode]) -> None:
    out = _text(_cell(both[False], '%%powershell CLUSTERNODE-1'))
    assert "Name" in out and "InstallState" in out
    assert "Hyper-V" in out and "Available" in out


def test_powershell_magic_shows_errors_without_stopping_the_notebook(both: dict[bool, nbformat.NotebookNode]) -> None:
    assert "The term 'Get-Unicorn' is not recognized" in _text(_cell(both[False], '%%powershell CLUSTERNODE-2'), "stderr")


def test_training_controls_show_widgets_and_headless_runs_show_none(both: dict[bool, nbformat.NotebookNode]) -> None:
    trained = _cell(both[True], 'rb.controls').outputs
    # Once: the controls are displayed, and the returned handle (the cell's value) shows nothing more.
    assert sum("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in trained) == 1
    assert _cell(both[False], 'rb.controls').outputs == []


def test_glued_results_read_back_with_scrapbook(both: dict[bool, nbformat.NotebookNode], tmp_path: Path) -> None:
    import scrapbook as sb

    path = tmp_path / "glued.ipynb"
    nbformat.write(both[False], path)
    scraps = sb.read_notebook(str(path)).scraps
    assert scraps["cluster"].data == {"name": "HVCLUSTER", "nodes": ["A", "B"], "up": True}
    assert scraps["cluster"].encoder == "json"


def test_a_training_button_runs_its_step_on_the_picked_host(tmp_path: Path) -> None:
    from labkit.notebook import Runbook
    from labkit.twin.session import load_world

    rb = Runbook(None, "twin", str(tmp_path / "state"), training=True)
    box = rb.step_controls("install-features", rb.nodes, {"Features": ["Failover-Clustering"]}).widget
    picker, button = box.children[0].children
    picker.value = "CLUSTERNODE-2"
    button.click()
    world = load_world(tmp_path / "state")
    assert world.host("CLUSTERNODE-2").installed("Failover-Clustering")
    assert not world.host("CLUSTERNODE-1").installed("Failover-Clustering")
    assert Runbook(None, "twin", str(tmp_path / "state"), training=False).step_controls("install-features", rb.nodes) is None
