"""`labkit twin serve` as a command: a subprocess on 127.0.0.1, driven by the winrm backend."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from labkit.backends.winrm import WinRMBackend
from labkit.lab import Lab

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "cli-serve-P@ss:word"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABKIT_WINRM_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def test_refuses_to_start_without_credentials(tmp_path):
    p = subprocess.run([sys.executable, "-m", "labkit.cli", "twin", "serve", "--state", str(tmp_path)],
                       env=_env(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 2
    assert "LABKIT_WINRM_USER" in p.stderr and "LABKIT_WINRM_PASSWORD" in p.stderr
    assert not (tmp_path / "winrm-lab.yaml").exists()


@pytest.fixture
def serve_process(tmp_path):
    env = _env(LABKIT_WINRM_USER="LAB\\student", LABKIT_WINRM_PASSWORD=PASSWORD)
    proc = subprocess.Popen([sys.executable, "-m", "labkit.cli", "twin", "serve", "--state", str(tmp_path / "state"),
                             "--hosts", "CLUSTERNODE-1,CLUSTERNODE-2"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if line.startswith("lab file: "):
                break
        assert lines and lines[-1].startswith("lab file: "), (lines, proc.poll())
        yield proc, lines
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_serves_prints_listeners_and_lab_file_and_stops_on_sigterm(serve_process, tmp_path, monkeypatch):
    proc, lines = serve_process
    assert [l.split()[0] for l in lines[:-1]] == ["CLUSTERNODE-1", "CLUSTERNODE-2"]
    for l in lines[:-1]:
        assert l.split()[1].startswith("http://127.0.0.1:") and l.endswith("/wsman")
    lab_file = Path(lines[-1].removeprefix("lab file: "))
    assert lab_file == tmp_path / "state" / "winrm-lab.yaml"
    lab = Lab.load(lab_file)
    assert PASSWORD not in lab_file.read_text()

    monkeypatch.setenv("LABKIT_WINRM_USER", "LAB\\student")
    monkeypatch.setenv("LABKIT_WINRM_PASSWORD", PASSWORD)
    with WinRMBackend(lab) as b:
        r = b.run(["CLUSTERNODE-1", "CLUSTERNODE-2"], "param([string]$Name)\n\"hello $Name\"", {"Name": "cli"})
    if _have_twin():
        assert r.ok and r["CLUSTERNODE-2"].output == "hello cli", r
    else:
        assert set(r.results) == {"CLUSTERNODE-1", "CLUSTERNODE-2"}

    monkeypatch.setenv("LABKIT_WINRM_PASSWORD", "wrong")
    with WinRMBackend(lab) as b:
        res = b.run_one("CLUSTERNODE-1", "'x'")
    assert not res.ok and "rejected the WinRM credentials" in res.errors[0]

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    assert "stopped" in proc.stderr.read()


def _have_twin() -> bool:
    try:
        import labkit.twin.session  # noqa: F401
    except ImportError:
        return False
    return True
