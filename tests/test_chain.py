"""The whole procedure on the twin through `labkit run` (papermill executes
the eight runbooks), its summary, idempotence, resume and failure report."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest

from labkit.chain import NOTEBOOKS

ROOT = Path(__file__).resolve().parents[1]


def labkit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=900)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    base = tmp_path_factory.mktemp("chain")
    out, state = base / "out", base / "state"
    run = labkit("run", "--out", str(out), "--state", str(state))
    assert run.returncode == 0, run.stdout + run.stderr
    return out, state, json.loads((out / "summary.json").read_text())


def test_chain_runs_every_runbook_and_writes_the_summary(first_run: tuple[Path, Path, dict[str, Any]]) -> None:
    out, _, summary = first_run
    assert summary["ok"] is True and summary["backend"] == "twin"
    assert [n["name"] for n in summary["notebooks"]] == list(NOTEBOOKS)
    assert all(n["status"] == "ok" and n["seconds"] > 0 for n in summary["notebooks"])
    for name in NOTEBOOKS:
        assert (out / f"{name}.ipynb").is_file()
    from labkit.report import notebook_figures

    # Section 5 shows the topology, section 8 the copy rounds and live-versus-quick downtime;
    # report.html carries the same pictures.
    assert set(notebook_figures([out / "05-create-cluster.ipynb"])) == {"topology"}
    assert set(notebook_figures([out / "08-live-migration.ipynb"])) == {"migration-rounds", "downtime"}
    html = (out / "report.html").read_text()
    assert "labkit run: OK" in html and "01-prerequisites.ipynb" in html
    assert html.count("data:image/png;base64") == 3


def test_summary_results_describe_the_built_cluster(first_run: tuple[Path, Path, dict[str, Any]]) -> None:
    results = first_run[2]["results"]
    v = results["validation"]
    assert v["failed"] == 0 and v["passed"] > 0 and v["report"]
    # Test-Cluster wrote its HTML report (the node's file) into the state folder.
    state = first_run[1]
    assert [p.name for p in (state / "reports").glob("*.htm")] == [v["report"].rsplit("\\", 1)[-1]]
    assert results["cluster"]["name"] == "HVCLUSTER"
    assert results["cluster"]["address"] == "192.168.10.50"
    assert sorted(results["cluster"]["nodes"]) == ["CLUSTERNODE-1", "CLUSTERNODE-2"]
    assert results["cluster"]["state"] == "Up"
    assert results["csv"]["path"] == "C:\\ClusterStorage\\Volume1"
    assert results["csv"]["owner"] in results["cluster"]["nodes"]
    assert results["vm"] == {"name": "HA-VM01", "owner": "CLUSTERNODE-1", "state": "Running"}
    live = results["live_migration"]
    assert live["vm"] == "HA-VM01" and live["from"] == "CLUSTERNODE-1" and live["to"] == "CLUSTERNODE-2"
    assert 0 < live["blackout_ms"] < 1000 and live["total_s"] > 1 and live["rounds"] >= 2
    assert results["quick_migration"]["downtime_s"] > live["blackout_ms"] / 1000


def test_second_run_on_the_same_state_changes_nothing(first_run: tuple[Path, Path, dict[str, Any]]) -> None:
    out, state, _ = first_run
    again = labkit("run", "--keep-state", "--out", str(out.parent / "again"), "--state", str(state))
    assert again.returncode == 0, again.stdout + again.stderr
    summary = json.loads((out.parent / "again" / "summary.json").read_text())
    assert summary["ok"]
    assert {n["name"]: n["changed"] for n in summary["notebooks"]} == {n: 0 for n in NOTEBOOKS}


def test_resume_runs_the_rest_after_the_first_notebooks(tmp_path: Path) -> None:
    out, state = tmp_path / "out", tmp_path / "state"
    first = labkit("run", "--only", "1", "--out", str(out), "--state", str(state))
    assert first.returncode == 0, first.stdout + first.stderr
    rest = labkit("run", "--from", "02-virtual-network", "--out", str(out), "--state", str(state))
    assert rest.returncode == 0, rest.stdout + rest.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["ok"]
    assert summary["notebooks"][0]["status"] == "earlier run"
    assert all(n["status"] == "ok" for n in summary["notebooks"][1:])


def test_a_failure_names_the_notebook_the_cell_and_the_error(tmp_path: Path) -> None:
    # Section 5 on a lab where sections 1-4 never ran: without the Failover
    # Clustering tools the FailoverClusters module is missing, and PowerShell
    # says so exactly as on Windows.
    out, state = tmp_path / "out", tmp_path / "state"
    labkit("twin", "reset", "--state", str(state))
    run = labkit("run", "--only", "5", "--out", str(out), "--state", str(state))
    assert run.returncode == 1
    message = " ".join(run.stderr.split())
    assert re.search(r"05-create-cluster\.ipynb failed at In \[\d+\]: StepFailed", message), message
    assert "The term 'New-Cluster' is not recognized" in message
    summary = json.loads((out / "summary.json").read_text())
    assert summary["ok"] is False and "05-create-cluster" in summary["error"]


def test_a_credential_is_refused_as_a_parameter(tmp_path: Path) -> None:
    run = labkit("run", "-p", "winrm_password", "hunter2", "--out", str(tmp_path))
    assert run.returncode == 2
    assert "LABKIT_WINRM_PASSWORD" in run.stderr
    assert not (tmp_path / "summary.json").exists()


@contextmanager
def twin_serve(state: Path, env: dict[str, str], cwd: Path | None = None) -> Iterator[str]:
    """`labkit twin serve` on a fresh twin in ``state``; yields the lab file it writes.
    With ``cwd``, the server starts there and is given ``state`` relative to it."""
    assert labkit("twin", "reset", "--state", str(state)).returncode == 0
    given = str(state.relative_to(cwd)) if cwd is not None else str(state)
    server = subprocess.Popen([sys.executable, "-m", "labkit.cli", "twin", "serve", "--state", given],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    try:
        lab_file = None
        assert server.stdout is not None
        for line in server.stdout:
            if line.startswith("lab file: "):
                lab_file = line.removeprefix("lab file: ").strip()
                break
        assert lab_file, "twin serve printed no lab file"
        yield lab_file
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_on_the_twin_backend_validation_forced_to_ntlm_meets_the_double_hop(
    first_run: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    """The twin backend logs on as the winrm backend would: Section 4 forced to
    NTLM fails with Windows' error (on a copy of the built lab)."""
    import shutil

    state = tmp_path / "state"
    shutil.copytree(first_run[1], state)
    run = labkit("run", "--only", "4", "--keep-state", "--second-hop-logon", "ntlm", "--out", str(tmp_path / "out"), "--state", str(state))
    assert run.returncode == 1, run.stdout + run.stderr
    message = " ".join(run.stderr.split())
    assert re.search(r"04-validate\.ipynb failed at In \[\d+\]: StepFailed", message), message
    assert "You do not have administrative privileges on the server 'CLUSTERNODE-2.lab.local'." in message
    assert "double hop" in message


def test_cross_node_steps_forced_to_ntlm_fail_with_windows_double_hop_error(tmp_path: Path) -> None:
    """Over `labkit twin serve`, as against real hosts: with NTLM for the steps
    that reach the other node, the chain stops at the first of them (Section
    4's Test-Cluster) with Windows' error, and nothing after it runs."""
    import secrets

    state, out = tmp_path / "state", tmp_path / "out"
    env = {**os.environ, "LABKIT_WINRM_USER": "LAB\\labkit", "LABKIT_WINRM_PASSWORD": secrets.token_urlsafe(16)}
    with twin_serve(state, env) as lab_file:
        run = subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--backend", "winrm", "--lab", lab_file,
                              "--state", str(state), "--out", str(out), "--second-hop-logon", "ntlm"],
                             capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert run.returncode == 1, run.stdout + run.stderr
    message = " ".join(run.stderr.split())
    assert re.search(r"04-validate\.ipynb failed at In \[\d+\]: StepFailed", message), message
    assert "You do not have administrative privileges on the server 'CLUSTERNODE-2.lab.local'." in message
    summary = json.loads((out / "summary.json").read_text())
    assert [n["status"] for n in summary["notebooks"][:3]] == ["ok"] * 3
    assert summary["ok"] is False and "04-validate" in summary["error"]
    assert not (out / "05-create-cluster.ipynb").exists()


def test_the_chain_over_winrm_against_twin_serve_gives_the_same_results(
    first_run: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    """`labkit run --backend winrm` through pywinrm, real NTLM and message
    encryption, against `labkit twin serve`: the same summary as the twin backend.
    Both commands exactly as the README gives them, relative paths and all, from the user's folder."""
    import secrets

    state, out = tmp_path / ".lab", tmp_path / "lab-run"
    env = {**os.environ, "LABKIT_WINRM_USER": "LAB\\labkit", "LABKIT_WINRM_PASSWORD": secrets.token_urlsafe(16),
           "PYTHONPATH": str(ROOT)}
    # Test-Cluster and New-Cluster reach the other node: their steps log on with CredSSP.
    env.pop("LABKIT_SECOND_HOP_LOGON", None)
    with twin_serve(state, env, cwd=tmp_path) as lab_file:
        assert lab_file == ".lab/winrm-lab.yaml", lab_file
        # README: labkit run --backend winrm --lab .lab/winrm-lab.yaml --state .lab
        run = subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--backend", "winrm", "--lab", ".lab/winrm-lab.yaml",
                              "--state", ".lab"],
                             capture_output=True, text=True, cwd=tmp_path, env=env, timeout=900)
        assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["backend"] == "winrm" and summary["ok"]
    twin = first_run[2]["results"]
    for key in ("validation", "cluster", "csv", "vm", "live_migration", "quick_migration"):
        assert summary["results"][key] == twin[key], key
    assert env["LABKIT_WINRM_PASSWORD"] not in "".join(p.read_text() for p in out.rglob("*") if p.is_file())


def test_winrm_run_without_endpoints_or_credentials_stops_before_any_notebook(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABKIT_WINRM")}
    run = subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--backend", "winrm", "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert run.returncode == 2
    assert "gives no WinRM connection for DC01, STORAGE01, CLUSTERNODE-1, CLUSTERNODE-2" in " ".join(run.stderr.split())
    assert not (tmp_path / "out").exists()
