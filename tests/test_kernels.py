"""Kernels started ahead (labkit/kernels.py): a runbook sees neither another
runbook's names nor the warm-up's, and `labkit run` leaves no kernel behind
after success, failure, Ctrl-C or the kill of `labkit run` itself."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import papermill as pm
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from labkit import kernels
from labkit.chain import KERNEL_NAME, NOTEBOOKS, _kernel_env

ROOT = Path(__file__).resolve().parents[1]

NAMES = """import json, sys
print(json.dumps({"names": sorted(n for n in dir() if not n.startswith("_")),
                  "warm": "labkit.notebook" in sys.modules,
                  "max_columns": __import__("pandas").get_option("display.max_columns")}))"""


def notebook(path: Path, *sources: str) -> Path:
    book = new_notebook()
    book.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "labkit (Python)", "language": "python"}
    params = new_code_cell("lab_file = None\nbackend = 'twin'\nstate_dir = '.lab'\ntraining = True")
    params.metadata["tags"] = ["parameters"]
    book.cells = [params, *(new_code_cell(s) for s in sources)]
    nbformat.write(book, path)
    return path


def printed(path: Path) -> dict:
    """What the NAMES cell printed."""
    cell = next(c for c in nbformat.read(path, as_version=4).cells if c.source == NAMES)
    return json.loads("".join(o["text"] for o in cell.outputs if o.get("name") == "stdout"))


def test_a_kernel_ahead_shows_a_runbook_only_its_own_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for k, v in _kernel_env(tmp_path / "state").items():
        monkeypatch.setenv(k, v)
    first = notebook(tmp_path / "first.ipynb", "secret_of_the_first = 42\nimport pandas as pd")
    names = notebook(tmp_path / "names.ipynb", NAMES, "1 + 1")
    # A cold kernel, started by papermill's own engine: what a runbook sees without the pool.
    pm.execute_notebook(str(names), str(tmp_path / "cold.ipynb"), kernel_name=KERNEL_NAME, progress_bar=False)
    cold = printed(tmp_path / "cold.ipynb")
    pool = kernels.start_ahead(KERNEL_NAME, cwd=tmp_path, notebooks=[first, names])
    try:
        pm.execute_notebook(str(first), str(tmp_path / "first-out.ipynb"), kernel_name=KERNEL_NAME,
                            progress_bar=False, engine_name=kernels.ENGINE_NAME)
        pm.execute_notebook(str(names), str(tmp_path / "warm.ipynb"), parameters={"training": False},
                            kernel_name=KERNEL_NAME, progress_bar=False, engine_name=kernels.ENGINE_NAME)
    finally:
        kernels.stop_ahead()
    assert len(pool.waits) == 2
    warm = printed(tmp_path / "warm.ipynb")
    assert warm["warm"] and not cold["warm"]      # the kernel ahead did import labkit before the notebook ran
    assert warm["names"] == cold["names"]         # ... and left no name behind, nor did the first notebook
    # pandas imported ahead is set up as when a cell imports it (tables print 20 columns wide, not terminal-fit)
    assert warm["max_columns"] == cold["max_columns"] == 20
    assert "secret_of_the_first" not in warm["names"] and "pd" not in warm["names"]
    # The warm-up ran outside the history: the notebook's cells count from 1 as in a cold kernel.
    counts = [c.execution_count for c in nbformat.read(tmp_path / "warm.ipynb", as_version=4).cells]
    assert counts == [1, 2, 3, 4]
    assert [c.execution_count for c in nbformat.read(tmp_path / "cold.ipynb", as_version=4).cells] == [1, 2, 3]
    # The executed notebook is papermill's: the same metadata, the same outputs.
    cold_nb, warm_nb = (nbformat.read(tmp_path / f"{n}.ipynb", as_version=4) for n in ("cold", "warm"))
    assert set(warm_nb.metadata.papermill) == set(cold_nb.metadata.papermill)
    assert warm_nb.metadata.language_info == cold_nb.metadata.language_info
    assert warm_nb.metadata.papermill.exception is None and warm_nb.metadata.papermill.parameters == {"training": False}
    # (one more cell before it in the warm run: papermill's injected parameters)
    assert [{**o, "execution_count": o["execution_count"] - 1} for o in warm_nb.cells[-1].outputs] == cold_nb.cells[-1].outputs
    assert [o["output_type"] for o in warm_nb.cells[-1].outputs] == ["execute_result"]
    assert all(set(c.metadata.papermill) == {"start_time", "end_time", "duration", "status", "exception"}
               for c in warm_nb.cells)


def test_a_kernel_that_dies_as_it_starts_is_started_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As when another process takes one of its ports before it binds them: the first kernel ends
    # during its start-up (an IPython startup file), the pool starts another, the notebook runs.
    dead = tmp_path / "died-once"
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-die-once.py").write_text(
        f"import os\nif not os.path.exists({str(dead)!r}):\n    open({str(dead)!r}, 'w').close()\n    os._exit(1)\n")
    for k, v in {**_kernel_env(tmp_path / "state"), "IPYTHONDIR": str(tmp_path / "ipython")}.items():
        monkeypatch.setenv(k, v)
    book = notebook(tmp_path / "a.ipynb", "print('ran', 6 * 7)")
    kernels.start_ahead(KERNEL_NAME, cwd=tmp_path, notebooks=[book])
    try:
        pm.execute_notebook(str(book), str(tmp_path / "a-out.ipynb"), kernel_name=KERNEL_NAME, progress_bar=False,
                            engine_name=kernels.ENGINE_NAME)
    finally:
        kernels.stop_ahead()
    assert dead.exists()   # the first kernel did die
    cell = nbformat.read(tmp_path / "a-out.ipynb", as_version=4).cells[-1]
    assert [o.get("text") for o in cell.outputs] == ["ran 42\n"]


def test_the_templates_import_pieces_are_modules_of_the_installed_packages() -> None:
    # The template imports matplotlib.pyplot a piece at a time while idle (a kernel asked for
    # meanwhile waits for one piece, not the whole import): a piece that no longer exists would
    # quietly make that one long import again.
    import importlib.util

    from labkit.kernel_template import IMPORT_PIECES

    for module, pieces in IMPORT_PIECES.items():
        assert pieces[-1] == module
        for piece in pieces:
            assert importlib.util.find_spec(piece) is not None, f"{piece} (a piece of {module}) is not installed"


# -- no kernel left behind -------------------------------------------------------------

def fake_runbooks(folder: Path, sources: dict[int, str] | None = None) -> Path:
    """Eight small notebooks under the runbooks' names (labkit run takes $LABKIT_RUNBOOKS)."""
    folder.mkdir()
    for i, name in enumerate(NOTEBOOKS):
        notebook(folder / f"{name}.ipynb", (sources or {}).get(i, "x = 1"))
    return folder


BACKGROUND = ("ipykernel_launcher", "labkit.kernel_template", "labkit.report_renderer")


def our_kernels(mark: str) -> list[psutil.Process]:
    """The kernels of the run marked ``mark``, the template that forks them (labkit/kernel_template.py)
    and the report's renderer (labkit/report_renderer.py)."""
    found = []
    for p in psutil.process_iter(["cmdline"]):
        try:
            cmdline = " ".join(p.info["cmdline"] or [])
            if any(b in cmdline for b in BACKGROUND) and p.environ().get("LABKIT_TEST_MARK") == mark:
                found.append(p)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            pass
    return found


def start_run(tmp_path: Path, books: Path, *, group: bool = False) -> tuple[subprocess.Popen[str], str]:
    """`labkit run` on ``books``; ``group``: in a process group of its own, as a terminal starts it."""
    mark = uuid.uuid4().hex
    env = {**os.environ, "LABKIT_RUNBOOKS": str(books), "LABKIT_TEST_MARK": mark}
    proc = subprocess.Popen([sys.executable, "-m", "labkit.cli", "run", "--out", str(tmp_path / "out"),
                             "--state", str(tmp_path / "state")], cwd=tmp_path, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, process_group=0 if group else None)
    return proc, mark


def gone(mark: str, within: float = 60.0) -> list[psutil.Process]:
    deadline = time.monotonic() + within
    while (left := our_kernels(mark)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return left


def wait_for(path: Path, proc: subprocess.Popen[str], within: float = 300.0) -> None:
    deadline = time.monotonic() + within
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.2)


def test_no_kernel_left_after_success(tmp_path: Path) -> None:
    proc, mark = start_run(tmp_path, fake_runbooks(tmp_path / "books"))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, out + err
    assert [n["status"] for n in json.loads((tmp_path / "out" / "summary.json").read_text())["notebooks"]] == ["ok"] * 8
    assert gone(mark, within=0) == []
    # The renderer wrote every notebook's HTML and the report that links them.
    report = (tmp_path / "out" / "report.html").read_text()
    for name in NOTEBOOKS:
        assert (tmp_path / "out" / f"{name}.html").is_file()
        assert f"<a href='{name}.html'>" in report


def test_no_kernel_left_after_a_failure(tmp_path: Path) -> None:
    proc, mark = start_run(tmp_path, fake_runbooks(tmp_path / "books", {2: "raise ValueError('broken on purpose')"}))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 1
    assert re.search(r"03-iscsi-storage\.ipynb failed at In \[\d+\]: ValueError: broken on purpose", err), err
    assert gone(mark, within=0) == []
    report = (tmp_path / "out" / "report.html").read_text()
    assert "labkit run: FAILED" in report and "broken on purpose" in report
    assert [n for n in NOTEBOOKS if (tmp_path / "out" / f"{n}.html").is_file()] == list(NOTEBOOKS[:3])


@pytest.mark.parametrize("args", [["--only", "99"], ["-p", "no_such_parameter=1"], ["--no-such-option"]])
def test_no_template_left_when_labkit_run_stops_before_the_chain(tmp_path: Path, args: list[str]) -> None:
    # The template starts before labkit run reads its command line (labkit/launch.py): a usage
    # error ends it with the command.
    mark = uuid.uuid4().hex
    env = {**os.environ, "LABKIT_RUNBOOKS": str(fake_runbooks(tmp_path / "books")), "LABKIT_TEST_MARK": mark}
    run = subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--state", str(tmp_path / "state"), *args],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert gone(mark, within=0) == []


def test_labkit_run_forks_its_kernels_from_the_template_it_started_first(tmp_path: Path) -> None:
    # One template a run: the one started before the command line was read is the one the chain uses.
    proc, mark = start_run(tmp_path, fake_runbooks(tmp_path / "books", {0: "import os\nprint(os.getppid())"}))
    templates: set[int] = set()
    while proc.poll() is None:
        for p in our_kernels(mark):
            try:
                if "labkit.kernel_template" in " ".join(p.cmdline()) and p.ppid() == proc.pid:
                    templates.add(p.pid)
            except psutil.NoSuchProcess:
                pass
        time.sleep(0.05)
    out, err = proc.communicate()
    assert proc.returncode == 0, out + err
    cell = nbformat.read(tmp_path / "out" / f"{NOTEBOOKS[0]}.ipynb", as_version=4).cells[-1]
    assert len(templates) == 1 and [o["text"] for o in cell.outputs] == [f"{templates.pop()}\n"]


def busy_runbooks(tmp_path: Path) -> tuple[Path, Path]:
    """Runbook 2 says it started, then works for minutes: the kernel of runbook 3 starts meanwhile."""
    flag = tmp_path / "second-started"
    return fake_runbooks(tmp_path / "books", {1: f"open({str(flag)!r}, 'w').close()\nimport time\ntime.sleep(600)"}), flag


def all_started(mark: str) -> list[psutil.Process]:
    """The template, the busy kernel, the one ahead and the renderer (runbook 1's HTML), once all are there."""
    deadline = time.monotonic() + 120
    while len(found := our_kernels(mark)) < 4 and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def test_no_kernel_left_after_ctrl_c(tmp_path: Path) -> None:
    books, flag = busy_runbooks(tmp_path)
    proc, mark = start_run(tmp_path, books)
    wait_for(flag, proc)
    started = all_started(mark)
    assert len(started) == 4 and any("labkit.report_renderer" in " ".join(p.cmdline()) for p in started)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert gone(mark, within=0) == []


def test_ctrl_c_at_a_terminal_reaches_the_whole_group_and_leaves_nothing(tmp_path: Path) -> None:
    # A terminal's Ctrl-C signals the foreground process group: labkit run, the template and the
    # renderer (the kernels have sessions of their own, as jupyter_client starts them).
    books, flag = busy_runbooks(tmp_path)
    proc, mark = start_run(tmp_path, books, group=True)
    wait_for(flag, proc)
    assert len(all_started(mark)) == 4
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err, err
    assert gone(mark, within=0) == []


def test_an_early_ctrl_c_prints_no_traceback_and_leaves_nothing(tmp_path: Path) -> None:
    # Ctrl-C while the template still imports (before any notebook runs).
    proc, mark = start_run(tmp_path, fake_runbooks(tmp_path / "books"), group=True)
    deadline = time.monotonic() + 120
    while not our_kernels(mark) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err, err
    assert gone(mark, within=0) == []


def test_no_kernel_left_after_labkit_run_is_killed(tmp_path: Path) -> None:
    books, flag = busy_runbooks(tmp_path)
    proc, mark = start_run(tmp_path, books)
    wait_for(flag, proc)
    assert len(all_started(mark)) == 4
    proc.kill()   # SIGKILL: no finally, no atexit; the kernels notice their parent is gone
    proc.communicate(timeout=60)
    assert gone(mark, within=60) == []


def closing(pool: kernels.KernelPool, within: float) -> float:
    """Close ``pool`` in a thread; the seconds it took (failing if it takes over ``within``)."""
    import threading

    started = time.monotonic()
    closer = threading.Thread(target=pool.close, daemon=True)
    closer.start()
    closer.join(within)
    assert not closer.is_alive(), f"KernelPool.close() still waits after {within} s"
    return time.monotonic() - started


def test_close_cancels_a_start_while_the_template_still_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl-C in labkit run's first seconds: the template is still importing (here: for minutes).
    from labkit.kernel_template import TemplateProcess

    mark = uuid.uuid4().hex
    slow = tmp_path / "modules"
    slow.mkdir()
    (slow / "labkit_test_slow_import.py").write_text("import time\ntime.sleep(600)\n")
    for k, v in _kernel_env(tmp_path / "state").items():
        monkeypatch.setenv(k, v)
    env = {**os.environ, "LABKIT_TEST_MARK": mark,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(slow), os.environ.get("PYTHONPATH")]))}
    template = TemplateProcess(("labkit_test_slow_import",), cwd=str(tmp_path), env=env)
    pool = kernels.KernelPool(KERNEL_NAME, cwd=tmp_path, notebooks=[notebook(tmp_path / "a.ipynb", "x = 1")],
                              template=template)
    try:
        deadline = time.monotonic() + 60
        while not our_kernels(mark) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert our_kernels(mark), "the template never started"
        closing(pool, within=60)
        assert template.proc.poll() is not None
        assert gone(mark, within=0) == []
    finally:
        template.proc.kill()


def test_close_cancels_a_kernel_still_starting_and_stops_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel is forked but not ready yet (an IPython startup file that takes minutes).
    mark = uuid.uuid4().hex
    flag = tmp_path / "kernel-started"
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-slow.py").write_text(f"import time\nopen({str(flag)!r}, 'w').close()\ntime.sleep(600)\n")
    for k, v in {**_kernel_env(tmp_path / "state"), "IPYTHONDIR": str(tmp_path / "ipython"), "LABKIT_TEST_MARK": mark}.items():
        monkeypatch.setenv(k, v)
    pool = kernels.KernelPool(KERNEL_NAME, cwd=tmp_path, notebooks=[notebook(tmp_path / "a.ipynb", "x = 1")])
    try:
        deadline = time.monotonic() + 120
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert flag.exists(), "the kernel never started"
        assert len(our_kernels(mark)) == 2          # the template and the kernel it forked
        assert closing(pool, within=60) < 60
        assert gone(mark, within=0) == []
    finally:
        pool.close()


# -- scraps --------------------------------------------------------------------------------

def test_the_chain_reads_the_scraps_scrapbook_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scrapbook as sb

    from labkit.notebook import SCRAP_MIME
    from labkit.scraps import SCRAP_MIME as READ_MIME, read_scraps

    assert READ_MIME == SCRAP_MIME
    for k, v in _kernel_env(tmp_path / "state").items():
        monkeypatch.setenv(k, v)
    # Runbook.glue uses nothing of the runbook: glue as the runbooks do, twice under one name.
    glued = notebook(tmp_path / "glued.ipynb",
                     "from labkit.notebook import Runbook\nRunbook.glue(None, 'cluster', {'name': 'HVCLUSTER', 'nodes': ['A', 'B']})",
                     "Runbook.glue(None, 'changes', [])\nRunbook.glue(None, 'cluster', {'name': 'OTHER'})")
    pm.execute_notebook(str(glued), str(tmp_path / "glued-out.ipynb"), kernel_name=KERNEL_NAME, progress_bar=False)
    ours = read_scraps(tmp_path / "glued-out.ipynb")
    assert ours == {"cluster": {"name": "OTHER"}, "changes": []}
    assert ours == {k: s.data for k, s in sb.read_notebook(str(tmp_path / "glued-out.ipynb")).scraps.items()}
    # A scrap of another encoder (scrapbook's own glue): scrapbook reads the notebook.
    text = notebook(tmp_path / "text.ipynb", "import scrapbook as sb\nsb.glue('note', 'hello', encoder='text')")
    pm.execute_notebook(str(text), str(tmp_path / "text-out.ipynb"), kernel_name=KERNEL_NAME, progress_bar=False)
    assert read_scraps(tmp_path / "text-out.ipynb") == {"note": "hello"}
