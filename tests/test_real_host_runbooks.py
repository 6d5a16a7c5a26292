"""Runbooks 4 and 8 as they run against real hosts: ``labkit run --backend
winrm`` against ``labkit twin serve``, with a lab state of the user's own that
holds no twin, so the runbooks cannot read the twin's world (``rb.on_twin`` is
false) and show only what Windows itself gives: the validation table from
Test-Cluster's XML report, the live migration's timing from the Hyper-V event
log, and "not logged by Windows" / "not measured on real hosts" for the rest."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from labkit.backends.credentials import Credentials, Secret
from labkit.lab import Lab
from labkit.twin.serve import TwinServer
from labkit.twin.session import load_world
from labkit.twin.store import DB_NAME
from test_world_rules import BEFORE_VALIDATION, FULL, build

ROOT = Path(__file__).resolve().parents[1]
USER = "LAB\\labkit"


def run_section(section: str, twin_state: Path, tmp_path: Path) -> tuple[dict, str]:
    """Run one runbook over WinRM against a twin serving ``twin_state``; (summary, the executed notebook's text)."""
    password = secrets.token_urlsafe(16)
    lab = Lab.load(None)
    client_state, out = tmp_path / "mine", tmp_path / "out"
    env = {**os.environ, "LABKIT_WINRM_USER": USER, "LABKIT_WINRM_PASSWORD": password, "PYTHONPATH": str(ROOT)}
    env.pop("LABKIT_SECOND_HOP_LOGON", None)
    with TwinServer(lab, twin_state, credentials=Credentials(USER, Secret(password))) as srv:
        run = subprocess.run([sys.executable, "-m", "labkit.cli", "run", "--backend", "winrm", "--lab", str(srv.lab_file),
                              "--only", section, "--state", str(client_state), "--out", str(out)],
                             capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert not (client_state / DB_NAME).exists()        # no twin behind this lab state: rb.on_twin is false
    book = next(out.glob(f"{section.zfill(2)}-*.ipynb"))
    text = "\n".join(o.get("text", "") + json.dumps(o.get("data", {}))
                     for c in nbformat.read(book, as_version=4).cells if c.cell_type == "code" for o in c.get("outputs", []))
    return json.loads((out / "summary.json").read_text()), text


def test_section_4_on_real_hosts_reads_the_report_test_cluster_left(tmp_path: Path) -> None:
    twin = build(tmp_path / "twin", BEFORE_VALIDATION)
    summary, text = run_section("4", twin, tmp_path)
    v = summary["results"]["validation"]
    results = load_world(twin).reports[-1]["results"]
    assert v["tests"] == [{"Category": r["category"], "Test": r["test"], "Result": r["status"], "Reason": r["reason"]} for r in results]
    assert v["passed"] == len(results) and v["failed"] == 0 and v["warnings"] == 0
    assert "No XML report" not in text and "Validation report C:\\\\Windows\\\\Cluster\\\\Reports\\\\Validation Report" in text


def test_section_8_on_real_hosts_times_the_migration_from_the_event_log(tmp_path: Path) -> None:
    twin = build(tmp_path / "twin", FULL)
    summary, text = run_section("8", twin, tmp_path)
    results = summary["results"]
    live = results["live_migration"]
    model = next(e for e in load_world(twin).history if e.get("kind") == "migration" and e.get("migration_type") == "live")
    assert live["from"] == "CLUSTERNODE-1" and live["to"] == "CLUSTERNODE-2"
    assert live["blackout_logged_s"] == round(model["blackout_s"], 1) and live["blackout_ms"] == live["blackout_logged_s"] * 1000
    assert live["total_s"] == pytest.approx(model["total_s"], abs=0.01)
    assert live["rounds"] is None and results["quick_migration"]["downtime_s"] is None and "failover" not in results
    assert "not logged by Windows" in text and "Windows logs no downtime figure" in text
