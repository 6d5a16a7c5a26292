"""What a trainer hands out, run for real: `labkit init` makes a course folder,
`labkit run` builds the lab there, a runbook opened from `runbooks/` in a
real kernel sees that lab, `--from N` restores a checkpoint, a failed run names
the cell as Jupyter numbers it, `labkit open` serves the runbooks, and
report.html and an executed runbook look right in a real headless browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from labkit.chain import KERNEL_NAME, NOTEBOOKS, _kernel_env
from labkit.state import STATE_ENV


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (STATE_ENV, "LABKIT_LAB", "LABKIT_RUNBOOKS")}
    env.update(extra)
    return env


def _labkit(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course folder made by `labkit init`, with the whole chain run in it."""
    root = tmp_path_factory.mktemp("course")
    made = _labkit("init", "course", cwd=root)
    assert made.returncode == 0, made.stderr
    folder = root / "course"
    ran = _labkit("run", cwd=folder)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    return folder


def test_init_copies_runbooks_and_a_lab_file_to_edit(course: Path) -> None:
    assert sorted(p.stem for p in (course / "runbooks").glob("*.ipynb")) == sorted([*NOTEBOOKS, "exercises", "class-status"])
    assert (course / "lab.yaml").is_file() and (course / ".lab").is_dir()
    again = _labkit("init", ".", cwd=course)
    assert again.returncode == 2 and "--force" in again.stderr


def test_run_in_the_course_folder_uses_its_state_and_writes_the_report(course: Path) -> None:
    summary = json.loads((course / "lab-run" / "summary.json").read_text())
    assert summary["ok"] and summary["state"] == ".lab"
    assert [n["status"] for n in summary["notebooks"]] == ["ok"] * 8
    assert (course / "lab-run" / "05-create-cluster.html").is_file()
    from labkit.twin import checkpoints

    assert [c.section for c in checkpoints.listing(course / ".lab")] == list(range(1, 9))


def test_executed_runbooks_read_as_training_material(course: Path) -> None:
    """No stderr (progress bars, warnings), no raw reprs or dicts, no path of this machine, no stale restart advice."""
    for name in NOTEBOOKS:
        book = nbformat.read(course / "lab-run" / f"{name}.ipynb", as_version=4)
        for cell in book.cells:
            for out in cell.get("outputs", []):
                where = f"{name} In [{cell.get('execution_count')}]"
                assert not (out.output_type == "stream" and out.name == "stderr"), f"{where}: stderr {out.text[:200]!r}"
                text = out.get("text", "") + "".join(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
                assert "RunResult(" not in text and "DataFrame" not in text, where
                assert not re.search(r"^\{'\w+': ", out.get("data", {}).get("text/plain", "")), f"{where}: a raw dict"
                assert str(course.parent) not in text and "/site-packages/" not in text, f"{where}: a path of this machine"
                assert "You must restart this server" not in text, where
        first = _first_output_text(book)
        assert first.startswith("**Lab**") and "**Lab state** `../.lab`" in first, f"{name}: {first!r}"


def _first_output_text(book: nbformat.NotebookNode) -> str:
    setup = next(c for c in book.cells if c.source.startswith("%load_ext labkit.notebook"))
    return "".join(o.get("data", {}).get("text/markdown", "") + o.get("text", "") for o in setup.outputs)


def test_a_runbook_opened_from_runbooks_sees_the_lab_labkit_run_built(course: Path, tmp_path: Path) -> None:
    """As JupyterLab does: the kernel starts in runbooks/, no state given, no LABKIT_STATE."""
    os.environ.pop(STATE_ENV, None)
    os.environ.update(_kernel_env(tmp_path / "kernel"))
    out = tmp_path / "05.ipynb"
    pm.execute_notebook(str(course / "runbooks" / "05-create-cluster.ipynb"), str(out), kernel_name=KERNEL_NAME,
                        cwd=str(course / "runbooks"), progress_bar=False, parameters={"training": False})
    book = nbformat.read(out, as_version=4)
    first = _first_output_text(book)
    assert "Lab state** `../.lab` (found walking up from this folder)" in first, first
    assert "lacks" not in first
    text = json.dumps(book)
    assert "Nothing to change" in text                   # the cluster labkit run built is there
    assert not (course / "runbooks" / ".lab").exists()


def test_from_n_on_a_fresh_lab_restores_the_checkpoint_before_it(course: Path) -> None:
    assert _labkit("twin", "reset", cwd=course).returncode == 0
    ran = _labkit("run", "--from", "8", "--out", "from8", cwd=course)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "restored checkpoint 7 (end of 07-ha-vm)" in ran.stdout
    summary = json.loads((course / "from8" / "summary.json").read_text())
    assert [n["status"] for n in summary["notebooks"]][-1] == "ok"


def test_a_runbook_on_a_lab_without_its_earlier_sections_says_so(course: Path, tmp_path: Path) -> None:
    state = tmp_path / "fresh"
    os.environ.update(_kernel_env(tmp_path / "kernel"))
    out = tmp_path / "06.ipynb"
    with pytest.raises(pm.PapermillExecutionError):
        pm.execute_notebook(str(course / "runbooks" / "06-cluster-shared-volumes.ipynb"), str(out), kernel_name=KERNEL_NAME,
                            cwd=str(tmp_path), progress_bar=False, parameters={"training": False, "state_dir": str(state)})
    first = _first_output_text(nbformat.read(out, as_version=4))
    assert "This lab lacks sections 1, 2, 3, 4, 5" in first
    assert "labkit twin checkpoint restore 5" in first and "labkit run --until 5" in first


def test_a_failed_run_names_the_notebook_the_cell_and_the_powershell_error(course: Path) -> None:
    assert _labkit("twin", "reset", cwd=course).returncode == 0
    shutil.copytree(course / "lab-run", course / "failed")     # the notebooks of an earlier, complete run
    ran = _labkit("run", "--only", "6", "--out", "failed", cwd=course)
    assert ran.returncode == 1
    message = " ".join(ran.stderr.split())
    m = re.search(r"06-cluster-shared-volumes\.ipynb failed at In \[(\d+)\]: StepFailed: add-csv failed on 1 host", message)
    assert m, message
    assert "CLUSTERNODE-1:" in message
    book = nbformat.read(course / "failed" / "06-cluster-shared-volumes.ipynb", as_version=4)
    failed = next(c for c in book.cells if c.get("execution_count") == int(m.group(1)))
    error = next(o for o in failed.outputs if o.output_type == "error")
    assert error.ename == "StepFailed"
    assert not any("labkit/" in line or "notebook.py" in line for line in error.traceback), error.traceback
    report = (course / "failed" / "report.html").read_text()
    assert "(from an earlier run)" in report     # the key results of sections that did not run now
    debug = _labkit("run", "--only", "6", "--out", "debug", "--debug", cwd=course)
    assert debug.returncode == 1
    book = nbformat.read(course / "debug" / "06-cluster-shared-volumes.ipynb", as_version=4)
    error = next(o for c in book.cells for o in c.get("outputs", []) if o.output_type == "error")
    assert any("notebook.py" in line for line in error.traceback), "--debug shows labkit's own frames"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_labkit_open_serves_the_runbooks_in_jupyterlab(course: Path, tmp_path: Path) -> None:
    port, token = _free_port(), "labkit-smoke-test"
    env = _env(JUPYTER_TOKEN=token, JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    proc = subprocess.Popen([sys.executable, "-m", "labkit.cli", "open", "--no-browser", "--port", str(port)],
                            cwd=course, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, served = time.monotonic() + 120, None
        url = f"http://127.0.0.1:{port}/api/contents/01-prerequisites.ipynb?token={token}"
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    served = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        assert served is not None, f"JupyterLab did not serve runbook 01 (exit {proc.poll()})"
        assert served["type"] == "notebook" and served["content"]["cells"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as r:
            assert r.status == 200 and "JupyterLab" in r.read().decode()
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert "with lab state .lab" in out, out
    assert proc.returncode is not None


# -- in a real browser ----------------------------------------------------------------------

_CHECK = """<script>
window.addEventListener('load', () => {
  const vw = document.documentElement.clientWidth;
  const imgs = [...document.images];
  const out = document.createElement('pre');
  out.id = 'labkit-check';
  out.textContent = JSON.stringify({
    scrollWidth: document.documentElement.scrollWidth, viewport: vw, images: imgs.length,
    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt || i.src.slice(0, 60)),
    text: document.body.innerText});
  document.body.appendChild(out);
});
</script>"""


def _in_browser(page: Path, tmp_path: Path) -> dict:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("SKIPPED LOUDLY: chromium is not installed (apt-get install chromium; .ci/run installs it)")
    probe = page.with_name(f"probe-{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _CHECK + "</body>"), encoding="utf-8")
    r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                        "--window-size=1280,2000", "--virtual-time-budget=10000", "--dump-dom", probe.as_uri()],
                       capture_output=True, text=True, timeout=120)
    probe.unlink()
    m = re.search(r'<pre id="labkit-check">(.*?)</pre>', r.stdout, re.S)
    assert m, f"chromium gave no result: {r.stderr[-2000:]}"
    import html

    return json.loads(html.unescape(m.group(1)))


def _readable(seen: dict, course: Path) -> None:
    assert seen["scrollWidth"] <= seen["viewport"], f"the page is {seen['scrollWidth']} px wide in a {seen['viewport']} px window"
    assert not seen["broken"], f"images that did not load: {seen['broken']}"
    assert "RunResult(" not in seen["text"]
    assert not re.search(r"\{'\w+': ", seen["text"]), "a raw Python dict is shown"
    assert str(course.parent) not in seen["text"], "an absolute path of this machine is shown"


def test_report_html_reads_well_in_a_browser(course: Path, tmp_path: Path) -> None:
    seen = _in_browser(course / "lab-run" / "report.html", tmp_path)
    _readable(seen, course)
    assert seen["images"] >= 3            # topology, migration rounds, downtime
    assert "Key results" in seen["text"] and "Live migration" in seen["text"]


def test_an_executed_runbook_reads_well_in_a_browser(course: Path, tmp_path: Path) -> None:
    seen = _in_browser(course / "lab-run" / "08-live-migration.html", tmp_path)
    _readable(seen, course)
    assert seen["images"] >= 2
    assert "%|" not in seen["text"], "a text progress bar was saved in the notebook"


# -- break-and-fix exercises ------------------------------------------------------------------

# A fix that hides the symptom, or fixes half: the check must still fail after it.
HALF_FIXES = {
    "migration-bindings": ("CLUSTERNODE-1", "Enable-NetAdapterBinding -Name Heartbeat -ComponentID ms_server"),
    "iscsi-session": ("CLUSTERNODE-2", "Get-IscsiTarget | Connect-IscsiTarget | Out-Null"),
    "node-paused": ("CLUSTERNODE-1", "Resume-ClusterNode -Name CLUSTERNODE-1 | Out-Null"),
    "quorum-disk-offline": ("CLUSTERNODE-1", "Set-ClusterQuorum -NoWitness | Out-Null"),
    "csv-redirected": ("CLUSTERNODE-2", "Get-IscsiTarget | Connect-IscsiTarget | Out-Null"),
    "processor-generation": ("CLUSTERNODE-1", "Stop-VM -Name HA-VM01; Set-VMProcessor -VMName HA-VM01 "
                                              "-CompatibilityForMigrationEnabled $true; Start-ClusterGroup -Name HA-VM01 | Out-Null"),
    "processor-makers": ("CLUSTERNODE-1", "Add-ClusterNode -Name CLUSTERNODE-3 | Out-Null; Move-ClusterVirtualMachineRole "
                                          "-Name HA-VM01 -Node CLUSTERNODE-3 -MigrationType Live | Out-Null"),
    "csv-2008r2": ("CLUSTERNODE-1", "(Get-Cluster).EnableSharedVolumes = 'Enabled'"),
}


def test_every_exercise_has_a_half_fix_tested() -> None:
    from labkit import exercises

    assert set(HALF_FIXES) == set(exercises.EXERCISES)


@pytest.mark.parametrize("name", list(HALF_FIXES))
def test_exercise_fails_unfixed_and_passes_with_the_admins_fix(course: Path, name: str) -> None:
    from labkit import exercises
    from labkit.twin.session import run_script

    state = course / ".lab"
    ex = exercises.start(state, name)
    _, problems = exercises.check(state)
    assert problems, f"{name}: the check passes on the broken lab"
    host, script = ex.symptom
    shown = run_script(script, host=host, state_dir=state)
    assert shown.errors or shown.text.strip(), f"{name}: the symptom shows nothing"
    half_host, half = HALF_FIXES[name]
    r = run_script(half, host=half_host, state_dir=state)
    assert r.ok and not r.errors, r.error_text
    assert exercises.check(state)[1], f"{name}: a half fix passes the check"
    exercises.reset(state)
    for host, fix in ex.solution:
        r = run_script(fix, host=host, state_dir=state)
        assert r.ok and not r.errors, r.error_text
    assert exercises.check(state)[1] == []
    assert name in json.loads((state / "exercises.json").read_text())["passed"]   # what `labkit class status` reads


def test_exercise_commands(course: Path) -> None:
    listed = _labkit("exercise", "list", cwd=course)
    assert listed.returncode == 0 and "node-paused" in listed.stdout
    started = _labkit("exercise", "start", "node-paused", cwd=course)
    assert started.returncode == 0 and "labkit exec CLUSTERNODE-1" in started.stdout
    assert _labkit("exercise", "check", cwd=course).returncode == 1
    first, second = _labkit("exercise", "hint", cwd=course), _labkit("exercise", "hint", cwd=course)
    assert "hint 1/3" in first.stdout and "hint 2/3" in second.stdout
    fixed = _labkit("exec", "CLUSTERNODE-1", "-c", "Resume-ClusterNode -Name CLUSTERNODE-1 | Out-Null; "
                    "Move-ClusterVirtualMachineRole -Name HA-VM01 -Node CLUSTERNODE-1 | Out-Null", cwd=course)
    assert fixed.returncode == 0, fixed.stderr
    done = _labkit("exercise", "check", cwd=course)
    assert done.returncode == 0 and "fixed" in done.stdout
    wrong = _labkit("exercise", "start", "node-pased", cwd=course)
    assert wrong.returncode == 2 and "did you mean 'node-paused'" in wrong.stderr


def test_the_exercises_runbook_starts_shows_and_checks(course: Path, tmp_path: Path) -> None:
    os.environ.update(_kernel_env(tmp_path / "kernel"))
    out = tmp_path / "exercises.ipynb"
    pm.execute_notebook(str(course / "runbooks" / "exercises.ipynb"), str(out), kernel_name=KERNEL_NAME,
                        cwd=str(course / "runbooks"), progress_bar=False,
                        parameters={"training": False, "exercise": "migration-bindings"})
    text = json.dumps(nbformat.read(out, as_version=4))
    assert "Live migration refuses" in text
    assert "Hint 1/3" in text
    assert "Not yet." in text and "File and Printer Sharing for Microsoft Networks (ms_server) is unbound" in text


def test_the_exercises_runbook_runs_an_exercise_with_a_spare_node(course: Path, tmp_path: Path) -> None:
    """processor-makers racks a spare node the lab file does not have: the runbook's backend still runs."""
    os.environ.update(_kernel_env(tmp_path / "kernel"))
    out = tmp_path / "exercises.ipynb"
    pm.execute_notebook(str(course / "runbooks" / "exercises.ipynb"), str(out), kernel_name=KERNEL_NAME,
                        cwd=str(course / "runbooks"), progress_bar=False,
                        parameters={"training": False, "exercise": "processor-makers"})
    text = json.dumps(nbformat.read(out, as_version=4))
    assert "Live migration refuses: a node with the other processor maker" in text
    assert "even with processor compatibility" in text
    assert "Not yet." in text and "processors of different makers" in text
