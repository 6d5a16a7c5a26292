"""`labkit run`'s command line: parameters checked against the runbooks before anything runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import labkit


def _labkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "labkit.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_unknown_parameter_is_refused_with_did_you_mean(tmp_path: Path) -> None:
    r = _labkit("run", "--state", str(tmp_path / ".lab"), "-p", "transprt", "TCPIP", cwd=tmp_path)
    assert r.returncode == 2
    assert "no runbook declares parameter 'transprt'" in r.stderr
    assert "did you mean 'transport'" in r.stderr
    assert "migration_network" in r.stderr          # the names that exist
    assert not (tmp_path / "lab-run").exists()        # nothing ran


def test_value_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    r = _labkit("run", "--state", str(tmp_path / ".lab"), "-p", "crash_test", "maybe", cwd=tmp_path)
    assert r.returncode == 2
    assert "'crash_test' wants a bool" in r.stderr and "'maybe'" in r.stderr
    r = _labkit("run", "--state", str(tmp_path / ".lab"), "-p", "features", "Hyper-V", cwd=tmp_path)
    assert r.returncode == 2 and "'features' wants a list" in r.stderr


def test_parameters_cannot_override_state_backend_or_lab(tmp_path: Path) -> None:
    for name, option in (("state_dir", "--state"), ("backend", "--backend"), ("lab_file", "--lab")):
        r = _labkit("run", "--state", str(tmp_path / ".lab"), "-p", name, "x", cwd=tmp_path)
        assert r.returncode == 2, name
        assert f"use {option} instead of -p" in r.stderr


def test_parameters_file_is_checked_like_dash_p(tmp_path: Path) -> None:
    (tmp_path / "params.yaml").write_text("transport: TCPIP\nswitch_nme: External\n")
    r = _labkit("run", "--state", str(tmp_path / ".lab"), "-f", str(tmp_path / "params.yaml"), cwd=tmp_path)
    assert r.returncode == 2 and "'switch_nme'" in r.stderr and "did you mean 'switch_name'" in r.stderr
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    r = _labkit("run", "--state", str(tmp_path / ".lab"), "-f", str(tmp_path / "list.yaml"), cwd=tmp_path)
    assert r.returncode == 2 and "must be a mapping" in r.stderr


def test_version_and_run_help_with_examples(tmp_path: Path) -> None:
    r = _labkit("--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == f"labkit {labkit.__version__}"
    r = _labkit("run", "--help", cwd=tmp_path)
    assert r.returncode == 0
    assert "examples:" in r.stdout and "labkit run --from 5" in r.stdout and "-f params.yaml" in r.stdout
