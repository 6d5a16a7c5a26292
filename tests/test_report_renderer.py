"""report.html rendered beside the chain (labkit/report_renderer.py): the
background process writes the same HTML, notebook by notebook and the report,
as labkit.report does in `labkit run`'s own process, and a renderer that is
gone leaves `labkit run` to write the report itself."""

from __future__ import annotations

import base64
import json
import shutil
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from labkit.lab import Lab
from labkit.report import FIGURE_KEY, chain_report, notebook_html
from labkit.report_renderer import ReportRenderer

# A 1x1 PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def executed(path: Path, title: str, figure: str | None = None) -> Path:
    """A notebook as papermill leaves it: prose, code, a table, printed text, a picture, an error."""
    outputs = [
        new_output("stream", name="stdout", text=f"{title}: done\n"),
        new_output("display_data", data={"text/html": f"<table><tr><th>host</th></tr><tr><td>{title}</td></tr></table>",
                                         "text/plain": title}),
    ]
    if figure:
        outputs.append(new_output("display_data", data={"image/png": base64.b64encode(PNG).decode(), "text/plain": "<Image>"},
                                  metadata={FIGURE_KEY: figure}))
    book = new_notebook(cells=[
        new_markdown_cell(f"# {title}\n\nSome *prose* with `code` and a [link](https://learn.microsoft.com/)."),
        new_code_cell("rb.step('ensure-vmswitch', rb.nodes)", execution_count=1, outputs=outputs),
        new_code_cell("Get-VMSwitch | Select-Object Name", execution_count=2,
                      outputs=[new_output("error", ename="CheckFailed", evalue="not there", traceback=["CheckFailed: not there"])]),
    ], metadata={"language_info": {"name": "python", "pygments_lexer": "ipython3"}})
    nbformat.write(book, path)
    return path


def summary_of(names: list[str]) -> dict:
    return {"backend": "twin", "lab": "default", "lab_file": "built-in", "state": ".lab", "ok": False,
            "error": f"{names[-1]}.ipynb failed at In [2]: CheckFailed: not there",
            "notebooks": [{"name": n, "status": "ok", "seconds": 1.0, "changed": 1} for n in names[:-1]]
            + [{"name": names[-1], "status": "failed", "seconds": 2.0, "changed": 0}],
            "results": {"cluster": {"name": "HVCLUSTER", "nodes": ["CLUSTERNODE-1", "CLUSTERNODE-2"]}}}


def test_the_renderer_writes_what_labkit_run_writes_itself(tmp_path: Path) -> None:
    names = ["01-prerequisites", "05-create-cluster", "08-live-migration"]
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    for n in names:
        executed(here / f"{n}.ipynb", n, figure="topology" if n.startswith("05") else None)
    shutil.copytree(here, there)
    lab = Lab.load(None)
    summary = summary_of(names)
    for folder in (here, there):
        (folder / "summary.json").write_text(json.dumps(summary))
    # In this process, as labkit run writes the report without a renderer.
    chain_report(summary, lab, here)
    # In the background: two notebooks while "the chain runs", the last one with the report.
    renderer = ReportRenderer()
    for n in names[:2]:
        renderer.render(there / f"{n}.ipynb")
    renderer.ask_report(there, lab)
    assert renderer.close() is True
    assert renderer.proc.returncode == 0
    for n in names:
        assert (there / f"{n}.html").read_text() == (here / f"{n}.html").read_text()
    assert (there / "report.html").read_text() == (here / "report.html").read_text()
    assert "labkit run: FAILED" in (there / "report.html").read_text()


def test_a_renderer_reuses_its_exporter_and_renders_as_a_fresh_one(tmp_path: Path) -> None:
    from nbconvert import HTMLExporter

    for n in ("a", "b"):
        notebook_html(executed(tmp_path / f"{n}.ipynb", n, figure=n))
        fresh, _ = HTMLExporter().from_notebook_node(nbformat.read(tmp_path / f"{n}.ipynb", as_version=4))
        assert (tmp_path / f"{n}.html").read_text(encoding="utf-8") == fresh


def test_a_renderer_that_is_gone_leaves_the_report_to_labkit_run(tmp_path: Path) -> None:
    renderer = ReportRenderer()
    renderer.proc.kill()
    renderer.proc.wait()
    renderer.render(executed(tmp_path / "01-prerequisites.ipynb", "x"))   # no error: nothing listens
    renderer.ask_report(tmp_path, Lab.load(None))
    started = time.monotonic()
    assert renderer.close() is False
    assert time.monotonic() - started < 5
    assert not (tmp_path / "report.html").exists()


def test_a_renderer_ends_when_its_input_closes(tmp_path: Path) -> None:
    renderer = ReportRenderer()
    renderer.render(executed(tmp_path / "01-prerequisites.ipynb", "x"))
    assert renderer.close() is False          # no report was asked for: it ends (at most 5 s later, killed)
    assert renderer.proc.returncode is not None


def test_a_runbook_prepared_while_it_runs_renders_as_one_that_was_not(tmp_path: Path) -> None:
    # labkit run has the renderer render the last runbook unexecuted while it runs (its code's
    # sanitized HTML is then computed); the executed notebook's HTML is what labkit run writes itself.
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    executed(here / "07-ha-vm.ipynb", "07")
    executed(here / "08-live-migration.ipynb", "08")
    shutil.copytree(here, there)
    unexecuted = nbformat.read(here / "08-live-migration.ipynb", as_version=4)
    for cell in unexecuted.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    unexecuted.metadata["language_info"] = {"name": "python"}   # as a runbook is committed
    nbformat.write(unexecuted, tmp_path / "runbook.ipynb")
    notebook_html(here / "08-live-migration.ipynb")
    renderer = ReportRenderer()
    renderer.ahead(tmp_path / "runbook.ipynb", there / "07-ha-vm.ipynb")
    renderer.render(there / "08-live-migration.ipynb")
    (there / "summary.json").write_text(json.dumps(summary_of(["07-ha-vm", "08-live-migration"])))
    renderer.ask_report(there, Lab.load(None))   # (answered after the renders before it)
    assert renderer.close() is True
    assert renderer.proc.returncode == 0
    assert (there / "08-live-migration.html").read_text() == (here / "08-live-migration.html").read_text()


def test_html_prepared_from_the_unexecuted_runbook_is_what_a_fresh_exporter_writes(tmp_path: Path) -> None:
    from nbconvert import HTMLExporter

    from labkit import report

    executed(tmp_path / "07-ha-vm.ipynb", "07")
    book = executed(tmp_path / "08-live-migration.ipynb", "08 prepared")
    unexecuted = nbformat.read(book, as_version=4)
    for cell in unexecuted.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    unexecuted.metadata["language_info"] = {"name": "python"}
    nbformat.write(unexecuted, tmp_path / "runbook.ipynb")
    report.prepare_html(tmp_path / "runbook.ipynb", tmp_path / "07-ha-vm.ipynb")
    before = report._clean_html_text.cache_info().hits
    notebook_html(book)
    assert report._clean_html_text.cache_info().hits - before == 2   # both code cells' sanitized code was ready
    fresh, _ = HTMLExporter().from_notebook_node(nbformat.read(book, as_version=4))
    assert book.with_suffix(".html").read_text(encoding="utf-8") == fresh
